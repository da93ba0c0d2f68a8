"""Typographic punctuation: straight quotes, double hyphens and three dots made typographic."""

from __future__ import annotations

import functools
import re

from brochure.hyphenation import ADDRESS

# Opening and closing double and single quotes per language (primary tag).
QUOTES: dict[str, tuple[str, str, str, str]] = {
    "nl": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "fr": ("\u00ab\u202f", "\u202f\u00bb", "\u2039\u202f", "\u202f\u203a"),
    "pl": ("\u201e", "\u201d", "\u201a", "\u2019"),
    "tr": ("\u201c", "\u201d", "\u2018", "\u2019"),
}
APOSTROPHE = "\u2019"

#: A quote right after one of these (or at the start) opens; anywhere else it closes.
_OPENS_AFTER = frozenset("([{\u2014\u2013-")
_ELISION = re.compile(r"'(s|t|n|k)\b")


@functools.lru_cache(maxsize=4096)
def typographic(text: str, language: str) -> str:
    """`foto's` -> `foto’s`, `"zo"` -> `“zo”`, `--` -> `–`, `---` -> `—`, `...` -> `…`;
    web and e-mail addresses are kept exactly as typed."""
    pieces, start = [], 0
    for address in ADDRESS.finditer(text):
        pieces += [(_dashes(text[start : address.start()]), False), (address.group(), True)]
        start = address.end()
    pieces.append((_dashes(text[start:]), False))
    return _quotes(pieces, language)


def _dashes(text: str) -> str:
    return text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")


def _quotes(pieces: list[tuple[str, bool]], language: str) -> str:
    """Straight quotes of the pieces made typographic, in one pass; kept pieces stay as they are."""
    primary = language.split("-")[0].lower()
    open_double, close_double, open_single, close_single = QUOTES.get(primary, QUOTES["en"])
    out: list[str] = []
    previous, single_open = "", False
    for piece, kept in pieces:
        for i, char in enumerate(piece):
            opens = not previous or previous.isspace() or previous in _OPENS_AFTER
            previous = char
            if kept or char not in "'\"":
                out.append(char)
            elif char == '"':
                out.append(open_double if opens else close_double)
            elif opens and not _ELISION.match(piece, i):
                single_open = True
                out.append(open_single)
            elif single_open and not piece[i + 1 : i + 2].isalpha():
                single_open = False
                out.append(close_single)
            else:
                out.append(APOSTROPHE)
    return "".join(out)
