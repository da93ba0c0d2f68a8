"""Hyphenation and address breaking: where a word or a web or e-mail address may break a line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pyphen  # type: ignore[import-untyped]  # ships no type information

from brochure.caches import memo
from brochure.languages import TURKIC, lower
from brochure.resolve.patterns import Patterns, patterns

SOFT_HYPHEN = "\u00ad"
#: Fewest letters an automatic break leaves before and after it: "be-langrijk", never "verstuur-de".
LEFT, RIGHT = 2, 3
#: Web addresses (with a scheme, or starting with www.) and e-mail addresses in running text,
#: without the punctuation of the sentence around them.
ADDRESS = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?'’)\]]|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
#: A word as the author typed it, soft hyphens included.
_WORD = re.compile(r"[\w\u00ad-]+")
#: An address breaks after these (the line visibly continues) ...
_BREAK_AFTER = frozenset("/?&=")
#: ... and before these, so that no line ends in what reads as a full stop or a hyphenation hyphen.
_BREAK_BEFORE = frozenset(".-_@#~%")
#: A run of letters and digits in an address longer than this may break anywhere (a token, a hash),
#: keeping at least RUN_EDGE characters on each side; shorter runs are never broken.
LONG_RUN, RUN_EDGE = 20, 6


#: The region whose dictionary a bare language code takes where pyphen's first is another one
#: (pyphen's `de` is Austrian German).
PREFERRED = {"de": "de-DE"}
#: Dictionaries this package ships for languages pyphen has none for (see `dictionaries/README.md`).
SHIPPED = Path(__file__).parent / "dictionaries"


@dataclass(frozen=True)
class _Dictionary:
    """A language's patterns, with the fewest letters a break leaves on either side."""

    patterns: Patterns
    #: Turkish and Azerbaijani lower-case I to dotless ı and İ to i.
    turkic: bool = False

    def positions(self, word: str) -> list[int]:
        right = len(word) - RIGHT
        lowered = lower(word, turkic=self.turkic)
        return [i for i in self.patterns.positions(lowered) if LEFT <= i <= right]


def dictionary_file(language: str) -> Path | None:
    """The hyphenation dictionary for a language tag (`nl`, `nl-BE`, `tr`), None when there is
    none (Arabic is not hyphenated)."""
    primary = language.replace("_", "-").split("-")[0].lower()
    shipped = SHIPPED / f"hyph_{primary}.dic"
    if shipped.is_file():
        return shipped
    tag = PREFERRED.get(language.replace("_", "-").lower(), language)
    found = pyphen.language_fallback(tag.replace("-", "_"))
    return Path(pyphen.LANGUAGES[found]) if found else None


@memo(maxsize=32)
def _dictionary(language: str) -> _Dictionary | None:
    """The dictionary for a language tag, read lazily (see `brochure.patterns`)."""
    file = dictionary_file(language)
    if file is None:
        return None
    return _Dictionary(patterns(file), turkic=language.split("-")[0].lower() in TURKIC)


@dataclass(frozen=True)
class Hyphenator:
    """The callable ReportLab takes as `hyphenationLang`: the ways to break one word, longest
    head first. ReportLab adds the hyphen, except after a hyphen already in the word.

    A word the author hyphenated with soft hyphens breaks only there (wherever it occurs);
    other words break where the language's dictionary allows (`automatic`) and after their own
    hyphens. ReportLab asks only about words of letters and hyphens; protected words are kept
    from it (see `protected`).
    """

    language: str = ""
    #: Lower-cased word without soft hyphens -> the author's break positions in it.
    explicit: tuple[tuple[str, tuple[int, ...]], ...] = ()
    automatic: bool = True

    def __call__(self, word: str) -> list[tuple[str, str]]:
        chosen = dict(self.explicit).get(word.lower())
        dictionary = _dictionary(self.language) if self.automatic and chosen is None else None
        positions = set(chosen or ()) | set(dictionary.positions(word) if dictionary else ())
        # Never next to a hyphen of the word itself ("smartphone|-apps"); always just after one.
        positions = {p for p in positions if "-" not in word[p - 1 : p + 1]}
        positions |= {i + 1 for i, char in enumerate(word[:-1]) if char == "-" and i > 0}
        return [(word[:p], word[p:]) for p in sorted(positions, reverse=True)]

    def explicit_only(self) -> Hyphenator:
        """The same rules without the dictionary (for headings, slogans and titles)."""
        return replace(self, automatic=False)


def make_hyphenator(language: str, texts: Iterable[str]) -> Hyphenator:
    """A document's hyphenator: its language and the words the author hyphenated with soft
    hyphens somewhere in `texts`."""
    explicit: dict[str, tuple[int, ...]] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if SOFT_HYPHEN in word:
                explicit[word.replace(SOFT_HYPHEN, "").lower()] = soft_hyphen_positions(word)
    return Hyphenator(language=language, explicit=tuple(sorted(explicit.items())))


def _protected_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    choices = sorted({re.escape(w) for w in words if w.strip()}, key=len, reverse=True)
    if not choices:
        return None
    # Whole words only, and never a piece of an address (`info@whatsapp.com`).
    return re.compile(rf"(?<![\w@./-])(?:{'|'.join(choices)})(?![\w-]|[./@]\w)", re.IGNORECASE)


def protected(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each protected word in a text (any case, whole words): never broken."""
    pattern = _protected_pattern(words)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def soft_hyphen_positions(word: str) -> tuple[int, ...]:
    """Where the soft hyphens of a word stand once they are removed: `a\xadbc\xadd` -> (1, 3)."""
    positions, length = [], 0
    for part in word.split(SOFT_HYPHEN)[:-1]:
        length += len(part)
        positions.append(length)
    return tuple(p for p in positions if 0 < p < len(word.replace(SOFT_HYPHEN, "")))


def addresses(text: str) -> frozenset[str]:
    """The web and e-mail addresses in a text."""
    return frozenset(ADDRESS.findall(text))


def address_breaks(text: str) -> list[int]:
    """Where a (piece of an) address may break a line, without adding a hyphen.

    After `/ ? & =`, before `. - _ @ # ~ %`, never inside `://`, and inside a run of letters
    and digits only when it is longer than LONG_RUN characters.
    """
    breaks: set[int] = set()
    for i, char in enumerate(text):
        if char in _BREAK_AFTER and text[i + 1 : i + 2] not in _BREAK_AFTER | {""}:
            breaks.add(i + 1)
        if char in _BREAK_BEFORE and i > 0 and text[i - 1] not in _BREAK_BEFORE:
            breaks.add(i)
    scheme = text.find("://")
    breaks = {b for b in breaks if not (scheme >= 0 and b <= scheme + 2)}
    for run in re.finditer(r"[^\W_]+", text):
        if len(run.group()) > LONG_RUN:
            breaks.update(range(run.start() + RUN_EDGE, run.end() - RUN_EDGE + 1))
    return sorted(b for b in breaks if 0 < b < len(text))


def address_pairs(text: str) -> list[tuple[str, str]]:
    """(head, tail) pairs of an address, longest head first, as ReportLab's URL splitter gives."""
    return [(text[:b], text[b:]) for b in reversed(address_breaks(text))]
