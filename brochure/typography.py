"""Typographic punctuation: straight quotes, double hyphens and three dots made typographic."""

from __future__ import annotations

import functools
import re

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

_OPENS_AFTER = re.compile(r"(^|[\s(\[{\u2014\u2013-])$")


@functools.lru_cache(maxsize=4096)
def typographic(text: str, language: str) -> str:
    """`foto's` -> `foto’s`, `"zo"` -> `“zo”`, `--` -> `–`, `---` -> `—`, `...` -> `…`."""
    primary = language.split("-")[0].lower()
    open_double, close_double, open_single, close_single = QUOTES.get(primary, QUOTES["en"])
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    out: list[str] = []
    single_open = False
    for i, char in enumerate(text):
        # Only the character before a quote decides whether it opens (searching all of
        # text[:i] for every character made long paragraphs quadratic).
        opens = char in "\"'" and bool(_OPENS_AFTER.search(text, max(0, i - 1), i))
        if char == '"':
            out.append(open_double if opens else close_double)
        elif char != "'":
            out.append(char)
        elif opens and not _is_elision(text, i):
            single_open = True
            out.append(open_single)
        elif single_open and not text[i + 1 : i + 2].isalpha():
            single_open = False
            out.append(close_single)
        else:
            out.append(APOSTROPHE)
    return "".join(out)


def _is_elision(text: str, i: int) -> bool:
    """Dutch elisions like 's avonds and 't huis begin with an apostrophe."""
    return bool(re.match(r"'(s|t|n|k)\b", text[i:]))
