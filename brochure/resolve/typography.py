"""Typography per language: quotes, dashes and ellipses, and the spaces that must not break."""

from __future__ import annotations

import re

from brochure.caches import memo
from brochure.resolve.hyphenation import ADDRESS

# Opening and closing double and single quotes per language (primary tag).
QUOTES: dict[str, tuple[str, str, str, str]] = {
    "nl": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "fr": ("\u00ab\u202f", "\u202f\u00bb", "\u2039\u202f", "\u202f\u203a"),
    "pl": ("\u201e", "\u201d", "\u201a", "\u2019"),
    "tr": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "uk": ("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "ru": ("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "ar": ("\u00ab", "\u00bb", "\u201d", "\u201c"),
    # Hebrew as CLDR gives it: the same closing-quote shape at both ends.
    "he": ("\u201d", "\u201d", "\u2019", "\u2019"),
}
NBSP, NNBSP = "\u00a0", "\u202f"
#: Units and signs written after a number, which a line must not separate from it.
_UNIT = r"(?:%|‰|°C?|€|\$|£|km|cm|mm|m|kg|mg|g|ml|l|min|h|s|kB|MB|GB|pt)(?![\w])"
#: (pattern, what its match becomes): a match is a space (replaced) or empty (an insertion).
Rule = tuple[re.Pattern[str], str]
_NUMBER_UNIT: Rule = (re.compile(rf"(?<=\d) (?={_UNIT})"), NBSP)
SPACING: dict[str, tuple[Rule, ...]] = {
    # A narrow no-break space before ! ? ; : and inside guillemets, typed or not (not in 16:00).
    "fr": (
        (re.compile(r"[ \u00a0](?=[!?;:\u00bb])|(?<=\u00ab)[ \u00a0]"), NNBSP),
        (re.compile(r"(?<=[\w\u2026)\]])(?=[!?;]|:(?:\s|$))"), NNBSP),
        _NUMBER_UNIT,
    ),
    # One-letter words stay with the word after them.
    "pl": ((re.compile(r"(?<=\b[aiouwzAIOUWZ]) "), NBSP), _NUMBER_UNIT),
}
APOSTROPHE = "\u2019"

#: A quote right after one of these (or at the start) opens; anywhere else it closes.
_OPENS_AFTER = frozenset("([{\u2014\u2013-")
_ELISION = re.compile(r"'(s|t|n|k)\b")
_QUOTE = re.compile("['\"]")


@memo(maxsize=4096)
def typographic(text: str, language: str) -> str:
    """`foto's` -> `foto’s`, `"zo"` -> `“zo”`, `--` -> `–`, `---` -> `—`, `...` -> `…`;
    web and e-mail addresses are kept exactly as typed."""
    return _typeset(text, language)[0]


def typographic_sources(text: str, language: str) -> tuple[int, ...]:
    """For each character of `typographic(text, language)`, the offset in `text` of the
    character it was made from (a dash made of `--` comes from the first hyphen)."""
    return _typeset(text, language)[1]


def _typeset(text: str, language: str) -> tuple[str, tuple[int, ...]]:
    pieces, start = [], 0
    for address in ADDRESS.finditer(text):
        kept = (address.group(), list(range(address.start(), address.end())))
        pieces += [(*_dashes(text, start, address.start()), False), (*kept, True)]
        start = address.end()
    pieces.append((*_dashes(text, start, len(text)), False))
    quoted, sources = _quotes(pieces, language)
    return _spaced(quoted, sources, language)


def _spaced(text: str, sources: tuple[int, ...], language: str) -> tuple[str, tuple[int, ...]]:
    """The language's no-break spaces (outside addresses); an inserted space comes from the
    character after it."""
    rules = SPACING.get(language.split("-")[0].lower(), (_NUMBER_UNIT,))
    kept = [(m.start(), m.end()) for m in ADDRESS.finditer(text)]
    for pattern, space in rules:
        out: list[str] = []
        made: list[int] = []
        at = 0
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in kept):
                continue
            out += [text[at : match.start()], space]
            made += [*sources[at : match.start()], sources[min(match.start(), len(sources) - 1)]]
            at = match.end()
        if at:
            out.append(text[at:])
            made += sources[at:]
            text, sources = "".join(out), tuple(made)
            kept = [(m.start(), m.end()) for m in ADDRESS.finditer(text)]
    return text, sources


_DASHES = re.compile(r"---|--|\.\.\.")
_DASH = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}


def _dashes(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """Dashes and ellipses of `text[start:end]`, with the offset in `text` of each character."""
    out, sources, at = [], [], start
    for match in _DASHES.finditer(text, start, end):
        out += [text[at : match.start()], _DASH[match.group()]]
        sources += [*range(at, match.start()), match.start()]
        at = match.end()
    out.append(text[at:end])
    sources += range(at, end)
    return "".join(out), sources


def _quotes(pieces: list[tuple[str, list[int], bool]], language: str) -> tuple[str, tuple[int, ...]]:
    """Straight quotes of the pieces made typographic, in one pass; kept pieces stay as they are.
    A quote opens at the start or after a space or an opening bracket or dash, else it closes."""
    primary = language.split("-")[0].lower()
    open_double, close_double, open_single, close_single = QUOTES.get(primary, QUOTES["en"])
    out: list[str] = []
    sources: list[int] = []
    previous, single_open = "", False
    for piece, offsets, kept in pieces:
        at = 0
        for quote in () if kept else _QUOTE.finditer(piece):
            i, char = quote.start(), quote.group()
            before = piece[i - 1] if i else previous
            opens = not before or before.isspace() or before in _OPENS_AFTER
            if char == '"':
                made = open_double if opens else close_double
            elif opens and not _ELISION.match(piece, i):
                single_open, made = True, open_single
            elif single_open and not piece[i + 1 : i + 2].isalpha():
                single_open, made = False, close_single
            else:
                made = APOSTROPHE
            out += [piece[at:i], made]
            sources += [*offsets[at:i], *[offsets[i]] * len(made)]
            at = i + 1
        out.append(piece[at:])
        sources += offsets[at:]
        previous = piece[-1] if piece else previous
    return "".join(out), tuple(sources)
