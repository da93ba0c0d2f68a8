"""Hyphenation patterns read lazily: a word parses only the patterns it looks up."""

from __future__ import annotations

import operator
import re
from itertools import compress
from pathlib import Path

from brochure.caches import memo

_DIGITS = b"0123456789"
Pattern = tuple[int, tuple[int, ...]]
#: Lines pyphen skips: comments and the hunspell header keywords.
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
#: What makes a line more than one bare pattern: whitespace, or a comment sign.
_ODD = re.compile(r"[ \t\r\f\v#%]")
#: pyphen's `^^hh` escape of a character by its hexadecimal code.
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")
_PARSE = re.compile(r"(\d?)(\D?)")
#: A nonstandard break (`ff/f=f,1,1`, Hungarian): only where it breaks counts here.
_ALTERNATIVE = re.compile(r"/\S*=\S*")


class Patterns:
    """The patterns of one `hyph_*.dic`, by the letters they match, each parsed on its first
    lookup; `positions` gives what pyphen's `HyphDict.positions` gives (without the data of
    nonstandard breaks, which ReportLab's hyphenation never uses).

    Reading indexes the lines with a few whole-text operations on UTF-8 bytes (no Python loop
    per line, no decoding), so even German's 78 000 patterns are ready in a few tens of
    milliseconds; pyphen's own reading parses every pattern into Python objects first, about
    2 s for German. Keys are UTF-8 bytes; a word is looked up by the bytes of its character
    slices, which is the same as looking up the characters.
    """

    def __init__(self, lines: dict[bytes, bytes]) -> None:
        self._lines = lines
        self._parsed: dict[bytes, Pattern | None] = {}
        self._words: dict[str, tuple[int, ...]] = {}
        self.maxlen = max(map(len, lines), default=1)

    @classmethod
    def read(cls, path: Path) -> Patterns:
        """The patterns of a hunspell hyphenation file (its first line names its encoding)."""
        data = path.read_bytes()
        first, _, rest = data.partition(b"\n")
        encoding = first.decode("ascii", "replace").strip() or "utf-8"
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        text = _bare_patterns(rest.decode(encoding))
        if "^^" in text:
            text = _HEX.sub(lambda match: chr(int(match.group(1), 16)), text)
        if "/" in text:
            text = _ALTERNATIVE.sub("", text)
        # Digits deleted from UTF-8 bytes (no multi-byte character holds an ASCII byte). A
        # pattern whose values are all zero is skipped, as pyphen skips it (so that of a repeated
        # pattern the last one with a break value counts): its line less its zeros is its key.
        body = text.encode()
        keys = body.translate(None, _DIGITS).split()
        kept = list(map(operator.ne, body.translate(None, b"0").split(), keys))
        return cls(dict(zip(compress(keys, kept), compress(body.split(), kept), strict=True)))

    def get(self, key: str) -> Pattern | None:
        """The parsed pattern matching exactly `key`, or None."""
        return self._get(key.encode())

    def _get(self, key: bytes) -> Pattern | None:
        if key not in self._parsed:
            line = self._lines.get(key)
            self._parsed[key] = None if line is None else _parse(line.decode())
        return self._parsed[key]

    def positions(self, word: str) -> tuple[int, ...]:
        """Where `word` may break, as offsets into it (pyphen's algorithm)."""
        word = word.lower()
        found = self._words.get(word)
        if found is not None:
            return found
        pointed = f".{word}."
        encoded = pointed.encode()
        # The byte offset of each character of `pointed`, and of its end.
        at = [0]
        for char in pointed:
            at.append(at[-1] + len(char.encode()))
        references = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            stop = min(i + self.maxlen, len(pointed)) + 1
            for j in range(i + 1, stop):
                pattern = self._get(encoded[at[i] : at[j]])
                if pattern is None:
                    continue
                offset, values = pattern
                start = i + offset
                for k, value in enumerate(values[: len(references) - start], start):
                    if value > references[k]:
                        references[k] = value
        found = tuple(i - 1 for i, reference in enumerate(references) if reference % 2)
        self._words[word] = found
        return found


def _bare_patterns(text: str) -> str:
    """The text with one bare pattern per line: lines with a comment sign or whitespace are
    stripped as pyphen strips them, then dropped when a comment or header keyword, or when
    whitespace is left inside (its key holds a space, so no word ever matches it). Only those
    lines are visited: a few hundred of German's 78 000."""
    kept, at = [], 0
    while (odd := _ODD.search(text, at)) is not None:
        start = text.rfind("\n", 0, odd.start()) + 1
        end = text.find("\n", odd.start())
        end = len(text) if end == -1 else end
        line = text[start:end].strip()
        kept.append(text[at:start])
        if line and not line.startswith(_IGNORED) and not any(char.isspace() for char in line):
            kept.append(line)
        at = end
    kept.append(text[at:])
    return "".join(kept)


def _parse(line: str) -> Pattern | None:
    """As pyphen's HyphDict reads a line: zeros around the values dropped, all zeros none."""
    values = [int(digit or "0") for digit, _ in _PARSE.findall(line)]
    if max(values, default=0) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


def patterns(path: Path) -> Patterns:
    """The patterns of a dictionary file, read once per version of the file."""
    stat = path.stat()
    return _patterns(str(path), stat.st_size, stat.st_mtime_ns)


@memo(maxsize=32)
def _patterns(path: str, size: int, mtime: int) -> Patterns:
    return Patterns.read(Path(path))
