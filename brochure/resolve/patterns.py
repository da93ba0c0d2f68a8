"""Hyphenation patterns read lazily: a word parses only the patterns it looks up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from brochure.caches import memo

_DIGITS = b"0123456789"
Pattern = tuple[int, tuple[int, ...]]


@memo(maxsize=32)
def prepare(language: str) -> bool:
    """Put a lazily read dictionary for `language` (`nl_NL`, ...) in pyphen's cache; True if done.

    ReportLab hyphenates with pyphen, which parses a whole dictionary the first time a language
    is used: about 60 ms for Dutch, a fifth of a cold build. Indexing the pattern lines by the
    letters they match takes about 12 ms; each pattern is parsed (by pyphen's own rules) when a
    word first needs it. The lazy dictionary goes where pyphen keeps its parsed dictionaries, so
    ReportLab finds it; whenever pyphen or a dictionary is not as expected, pyphen's own loading
    is left to do its work.
    """
    try:
        import pyphen  # type: ignore[import-untyped]  # ships no type information

        path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
        if path in pyphen.hdcache:
            return False
        patterns = LazyPatterns.read(Path(path), pyphen)
        if patterns is None:
            return False
        dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
        dictionary.patterns, dictionary.cache, dictionary.maxlen = patterns, {}, patterns.maxlen
        pyphen.hdcache[path] = dictionary
    except (ImportError, AttributeError, KeyError, LookupError, OSError, ValueError):
        return False
    return True


class LazyPatterns:
    """What pyphen's `HyphDict.patterns` maps, parsed on the first `get` of each key."""

    def __init__(self, lines: dict[str, str], pyphen: Any) -> None:
        self._lines = lines
        self._parsed: dict[str, Pattern | None] = {}
        self._pyphen = pyphen
        self.maxlen = max(map(len, lines))

    @classmethod
    def read(cls, path: Path, pyphen: Any) -> LazyPatterns | None:
        """The pattern lines of a `hyph_*.dic` by the letters they match, or None when the file
        has what only pyphen's full reading handles (alternatives, escapes, repeated patterns)."""
        with path.open("rb") as stream:
            encoding = stream.readline().decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        stripped = (line.strip() for line in path.read_text(encoding).split("\n")[1:])
        lines = [line for line in stripped if line and not line.startswith(pyphen.ignored)]
        body = " ".join(lines)
        # Digits deleted from UTF-8 bytes (no multi-byte character holds an ASCII byte): a tenth
        # of the time of str.translate on the 16 000 Dutch patterns.
        keys = body.encode().translate(None, _DIGITS).decode().split()
        patterns = body.split()
        by_key = dict(zip(keys, patterns, strict=True))
        if len(patterns) != len(lines) or len(by_key) != len(lines) or "/" in body or "^^" in body:
            return None
        return cls(by_key, pyphen)

    def get(self, key: str, default: Pattern | None = None) -> Pattern | None:
        if key not in self._parsed:
            line = self._lines.get(key)
            self._parsed[key] = None if line is None else self._parse(line)
        found = self._parsed[key]
        return default if found is None else found

    def _parse(self, line: str) -> Pattern | None:
        """As pyphen's HyphDict reads a line: zeros around the values dropped, all zeros none."""
        values = [int(digit or "0") for digit, _ in self._pyphen.parse(line)]
        if max(values) == 0:
            return None
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        return start, tuple(values[start:end])
