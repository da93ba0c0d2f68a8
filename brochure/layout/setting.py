"""Text prepared for line breaking: characters with their faces and widths, and where lines may end.

Widths are ReportLab's font metrics (`pdfmetrics`, the advances of the registered TrueType
faces), the same numbers the canvas uses when it paints: a line measured here is the line
painted. Nothing of ReportLab's paragraph machinery is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from brochure.caches import memo
from brochure.resolve.hyphenation import ADDRESS, Hyphenator, address_breaks
from brochure.resolve.theme import Colour

#: Spaces a line never ends at unless a chain of words joined by them is wider than the column.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
#: A forced line break inside one paragraph (a source's title above its address).
LINE_BREAK = "\u2028"
ZERO_WIDTH_SPACE = "\u200b"
#: Penalties (in demerits) of a line ending at each kind of break: a hyphen the dictionary
#: chose, one the author typed (breaking after it), a soft hyphen the author placed, a web or
#: e-mail address, a dash between words, and a no-break space in an emergency.
PENALTY = {
    "space": 0.0,
    "hyphen": 300.0,
    "explicit": 100.0,
    "author": 100.0,
    "address": 100.0,
    "dash": 100.0,
    "emergency": 50000.0,
    "final": 0.0,
    "forced": 0.0,
}
#: A space inside a number with its unit, an amount or a phone number ("0800 / 1111", "88 %",
#: "12 jaar", "€ 5"): a line does not end there (it may in an emergency, as at a no-break space).
GLUED = re.compile(
    r"(?<=\d) (?=\d|[%‰°]|/ ?\d|(?:km|m|cm|mm|kg|g|mg|l|ml|uur|u|min|sec|jaar|euro|eur|kB|MB|GB)\b)"
    r"|(?<=\d /) (?=\d)|(?<=[€$£]) (?=\d)",
    re.IGNORECASE,
)
#: A word as the hyphenator sees it: letters, maybe joined by hyphens.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
WHITESPACE = " \t\n\r"


@dataclass(frozen=True)
class Face:
    """How a run of characters is painted."""

    font: str
    size: float
    colour: Colour
    link: str = ""
    #: Raised above the baseline (citation numbers), in points.
    rise: float = 0.0
    #: The language of a phrase in another language than the leaflet's (`[sex]{lang=en}`), else "".
    lang: str = ""


@dataclass(frozen=True)
class Chunk:
    """A piece of a paragraph's text in one face, as built from the content's spans."""

    text: str
    face: Face
    #: No word in it is broken (verbatim text, protected words, a citation mark); it may still
    #: break at its spaces.
    whole: bool = False
    #: The dictionary may hyphenate its words (the author's soft hyphens apply anyway).
    hyphenate: bool = True
    #: A web or e-mail address (also one without `https://`): broken only at address breaks.
    address: bool = False


@dataclass(frozen=True)
class Break:
    """A place where a line may end: its text stops at `pos`; the next line starts at `resume`."""

    pos: int
    resume: int
    kind: str
    #: The line visibly ends in a hyphen (added, or the author's own).
    flagged: bool = False
    #: Width added at the line's end (the hyphen drawn where a word is broken).
    extra: float = 0.0

    @property
    def penalty(self) -> float:
        return PENALTY[self.kind]


@dataclass(frozen=True)
class Prepared:
    """A paragraph's text with its faces, widths and breaks, ready to break at any width."""

    text: str
    faces: tuple[Face, ...]
    #: (start, end, index into `faces`) of each run of one face, in order.
    runs: tuple[tuple[int, int, int], ...]
    #: advance[i]: width of text[:i].
    advance: tuple[float, ...]
    #: Ordinary breaks, in order; the last one ends the paragraph.
    breaks: tuple[Break, ...]
    #: Breaks used only when a chain of words cannot fit a line otherwise.
    emergency: tuple[Break, ...]
    #: The paragraph's bidi base level when its widths come from shaping (`layout/rtl.py`): 1 in a
    #: right-to-left leaflet, 0 for left-to-right text with a right-to-left phrase; None unshaped.
    base: int | None = None

    def width(self, start: int, end: int) -> float:
        return self.advance[end] - self.advance[start]

    def face_at(self, index: int) -> Face:
        for start, end, face in self.runs:
            if start <= index < end:
                return self.faces[face]
        return self.faces[self.runs[-1][2]]


@memo(maxsize=8192)
def char_width(font: str, char: str) -> float:
    """Advance of one character at 1 pt (the font's metrics; no kerning, as ReportLab draws)."""
    return float(pdfmetrics.stringWidth(char, font, 1.0))


#: Widths of every character of a joined text at their faces (`runs` as in `Prepared`).
Measure = Callable[[str, tuple[Face, ...], tuple[tuple[int, int, int], ...]], Sequence[float]]


@memo(maxsize=1024)
def prepare_plain(chunks: tuple[Chunk, ...], hyphenator: Hyphenator) -> Prepared:
    """`prepare` with each character's advance in its face, kept: a paragraph met again (a
    rebuild in `watch` or `serve`, the rows of a batch) is prepared once. The chunks (text and
    faces) and the hyphenator are all it depends on; a face's widths are known by its font's
    name, as in `char_width`."""
    return prepare(chunks, hyphenator)


def prepare(chunks: Sequence[Chunk], hyphenator: Hyphenator, *, measure: Measure | None = None) -> Prepared:
    """Join chunks into one text (runs of white space become one space, none at either end) and
    find every place a line may end; `measure` gives the widths of the characters (shaped text),
    by default each character's advance in its face."""
    text: list[str] = []
    owner: list[int] = []
    for n, chunk in enumerate(chunks):
        for char in chunk.text:
            if char in WHITESPACE:
                if not text or text[-1] in (" ", LINE_BREAK):
                    continue
                char = " "
            elif char == LINE_BREAK and text and text[-1] == " ":
                text.pop()
                owner.pop()
            text.append(char)
            owner.append(n)
    while text and text[-1] == " ":
        text.pop()
        owner.pop()
    joined = "".join(text)
    faces: list[Face] = []
    runs: list[tuple[int, int, int]] = []
    advance = [0.0]
    for i, char in enumerate(joined):
        face = chunks[owner[i]].face
        if not faces or faces[-1] != face:
            faces.append(face)
        if runs and runs[-1][2] == len(faces) - 1:
            runs[-1] = (runs[-1][0], i + 1, runs[-1][2])
        else:
            runs.append((i, i + 1, len(faces) - 1))
        if measure is None:
            width = 0.0 if char in (LINE_BREAK, ZERO_WIDTH_SPACE) else char_width(face.font, char) * face.size
            advance.append(advance[-1] + width)
    if measure is not None:
        for width in measure(joined, tuple(faces), tuple(runs)):
            advance.append(advance[-1] + width)
    prepared = Prepared(joined, tuple(faces), tuple(runs), tuple(advance), (), ())
    ordinary, emergency = _breaks(prepared, [chunks[n] for n in owner], hyphenator)
    return Prepared(joined, tuple(faces), tuple(runs), tuple(advance), ordinary, emergency)


def _address_chunks(owners: Sequence[Chunk]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of text from a chunk marked as an address."""
    spans: list[tuple[int, int]] = []
    for i, owner in enumerate(owners):
        if owner.address:
            if spans and spans[-1][1] == i and owners[i - 1] is owner:
                spans[-1] = (spans[-1][0], i + 1)
            else:
                spans.append((i, i + 1))
    return spans


def _breaks(
    prepared: Prepared, owners: Sequence[Chunk], hyphenator: Hyphenator
) -> tuple[tuple[Break, ...], tuple[Break, ...]]:
    text = prepared.text
    found: dict[int, Break] = {}
    emergency: list[Break] = []
    glued = {m.start() for m in GLUED.finditer(text)}
    in_address = [False] * len(text)
    spans = [match.span() for match in ADDRESS.finditer(text)] + _address_chunks(owners)
    for start, end in spans:
        for i in range(start, end):
            in_address[i] = True
        for offset in address_breaks(text[start:end]):
            found[start + offset] = Break(start + offset, start + offset, "address")

    def add(candidate: Break) -> None:
        known = found.get(candidate.pos)
        if known is None or candidate.penalty < known.penalty:
            found[candidate.pos] = candidate

    for i, char in enumerate(text):
        whole = owners[i].whole
        if char == LINE_BREAK:
            found[i] = Break(i, i + 1, "forced")
        elif char == " ":
            if i in glued:
                emergency.append(Break(i, i + 1, "emergency"))
            else:
                add(Break(i, i + 1, "space"))
        elif char in NO_BREAK_SPACES:
            emergency.append(Break(i, i + 1, "emergency"))
        elif whole:
            continue
        elif char == ZERO_WIDTH_SPACE:
            add(Break(i, i + 1, "address"))
        elif char in "\u2013\u2014" and 0 < i < len(text) - 1 and text[i - 1] != " " and text[i + 1] != " ":
            add(Break(i + 1, i + 1, "dash"))
    for match in WORD.finditer(text):
        span = range(match.start(), match.end())
        if any(owners[i].whole or in_address[i] for i in span):
            continue
        word = match.group()
        chooser = hyphenator if all(owners[i].hyphenate for i in span) else hyphenator.explicit_only()
        authored = dict(chooser.explicit).get(word.lower())
        for head, _ in chooser(word):
            pos = match.start() + len(head)
            if text[pos - 1] == "-":
                add(Break(pos, pos, "explicit", flagged=True))
            else:
                face = prepared.face_at(pos - 1)
                hyphen = char_width(face.font, "-") * face.size
                kind = "author" if authored and len(head) in authored else "hyphen"
                add(Break(pos, pos, kind, flagged=True, extra=hyphen))
    final = Break(len(text), len(text), "final")
    ordinary = sorted((b for b in found.values() if 0 < b.pos < len(text)), key=lambda b: b.pos)
    return (*ordinary, final), tuple(emergency)
