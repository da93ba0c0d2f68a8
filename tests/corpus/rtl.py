"""Reading a right-to-left leaflet back without reading Arabic: glyph origins, lines, display order.

Each glyph's origin comes back from the PDF with PDFium, with the text its ToUnicode entry gives;
glyphs are grouped into the layout's lines by baseline and sorted by x, which gives each line as
it is seen, left to right. The expected picture of a line is the bidi algorithm's display order of
its logical text, computed by python-bidi (an implementation independent of the engine's), with
numbers and addresses isolated left to right as the engine isolates them. Both sides are compared
without spaces, marks and tatweel, and with each bracket counted as its pair (a right-to-left run
draws the mirrored glyph).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bidi import get_display

from brochure.layout.bidi import NUMBER
from brochure.layout.model import Layout, TextLine
from brochure.resolve.hyphenation import ADDRESS
from tests.corpus.reading import _trim_origins, characters

LRI, PDI = "\u2066", "\u2069"
#: Each bracket and its mirror counted as one; the curly quotes too: PDFium reads a closing
#: quote U+201D inside some right-to-left lines as U+201C (its own mirroring: the glyph drawn is
#: the closing quote, and pypdf and pdftotext read its ToUnicode entry as U+201D).
PAIRS = str.maketrans(
    {")": "(", "]": "[", "}": "{", "»": "«", ">": "<", "\u201d": "\u201c", "\u2019": "\u2018"}
)


@dataclass(frozen=True)
class Glyph:
    """One glyph as PDFium reads it: page, origin on the trimmed page, and its text."""

    page: int
    x: float
    y: float
    text: str


def glyphs(data: bytes) -> list[Glyph]:
    """Every glyph PDFium finds, in stream order; the characters of one glyph (a ligature's)
    come back as one text."""
    x0s, y0s = _trim_origins(data)
    found: list[Glyph] = []
    for char in characters(data):
        if char.generated or not char.text.strip():
            continue
        glyph = Glyph(char.page, char.x - x0s[char.page], char.y - y0s[char.page], char.text)
        prior = found[-1] if found else None
        if prior and (prior.page, prior.x, prior.y) == (glyph.page, glyph.x, glyph.y):
            found[-1] = Glyph(prior.page, prior.x, prior.y, prior.text + char.text)
        else:
            found.append(glyph)
    return found


def logical(line: TextLine) -> str:
    """The logical text of a laid-out line: its runs in the order of their characters."""
    return "".join(run.text for run in sorted(line.runs, key=lambda run: run.start))


#: The marks that stand for a strong character of each class.
MARKS = {"L": "\u200e", "R": "\u200f", "AL": "\u061c"}


def display_order(
    text: str,
    *,
    before: str = "",
    after: str = "",
    base: str = "R",
    isolated: tuple[tuple[int, int], ...] | None = None,
) -> str:
    """python-bidi's display order of a right-to-left line, numbers and addresses isolated; the
    paragraph's text `before` and `after` the line gives its context as marks (the last strong
    character before it, the first strong character or number after it), so that the line
    reads as it does inside its paragraph (rules W2, W7 and N1 look beyond a line's ends)."""
    before, after = _without_isolates(before), _without_isolates(after)
    prefix = next((MARKS[c] for c in map(unicodedata.bidirectional, before[::-1]) if c in MARKS), "")
    suffix = next(
        (
            MARKS.get(c, MARKS["R"])
            for c in map(unicodedata.bidirectional, after)
            if c in (*MARKS, "EN", "AN")
        ),
        "",
    )
    if isolated is not None:
        isolated = tuple((start + len(prefix), end + len(prefix)) for start, end in isolated)
    return _display(prefix + text + suffix, base, isolated)


def _without_isolates(text: str) -> str:
    """The text with its numbers and addresses left out: isolated, they are neutral around them."""
    return NUMBER.sub(" ", ADDRESS.sub(" ", text))


def isolates(text: str) -> list[tuple[int, int]]:
    """Where the numbers and addresses of a text stand, which the engine isolates left to right."""
    return sorted([m.span() for m in NUMBER.finditer(text)] + [m.span() for m in ADDRESS.finditer(text)])


def _display(text: str, base: str = "R", isolated: tuple[tuple[int, int], ...] | None = None) -> str:
    spans = isolates(text) if isolated is None else list(isolated)
    marked, at = "", 0
    for start, end in spans:
        if start < at:
            continue
        marked += text[at:start] + LRI + text[start:end] + PDI
        at = end
    marked += text[at:]
    shown = get_display(marked, base_dir=base)
    return "".join(c for c in shown if c not in (LRI, PDI, *MARKS.values()))


#: PDFium reads the hyphen at a line's end as U+FFFE; the layout's text has U+00AD where a word
#: was hyphenated (and the hyphen typed where it broke at one).
HYPHENS = str.maketrans({"\u00ad": "-", "\ufffe": "-"})


def comparable(text: str) -> str:
    """Text without spaces, marks, tatweel and joiners, each bracket as its pair, every line-end
    hyphen as a hyphen."""
    text = text.translate(HYPHENS)
    kept = (
        c for c in text if not c.isspace() and unicodedata.category(c) not in ("Mn", "Cf") and c != "\u0640"
    )
    return "".join(kept).translate(PAIRS)


def seen(glyph: Glyph) -> str:
    """A glyph's text as it is seen: a right-to-left ligature's letters right to left."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in glyph.text):
        return glyph.text[::-1]
    return glyph.text


@dataclass(frozen=True)
class LineReading:
    """A laid-out line, what its glyphs show left to right, and what the algorithm expects."""

    page: int
    line: TextLine
    shown: str
    expected: str

    def __str__(self) -> str:
        return f"page {self.page + 1}: {self.expected!r} drawn as {self.shown!r}"


def line_readings(data: bytes, layout: Layout, *, base: str = "R") -> list[LineReading]:
    """Every text line of the layout with the glyphs found on it (nearest baseline, inside its
    box), left to right; `base` "L" for a left-to-right leaflet (with right-to-left phrases)."""
    found = glyphs(data)
    readings = []
    for number, page in enumerate(layout.pages):
        parts = [part for panel in page.panels for item in panel.items for part in item.parts]
        lines = [line for part in parts for line in part.lines]
        mine: dict[int, list[Glyph]] = {id(line): [] for line in lines}
        for glyph in (g for g in found if g.page == number):
            near = [
                line
                for line in lines
                if line.box.x - 1 <= glyph.x <= line.box.right + 1
                and abs(glyph.y - line.runs[0].y + line.runs[0].rise) < 0.6 * line.runs[0].size
            ]
            if near:
                best = min(near, key=lambda line: abs(glyph.y - line.runs[0].y + line.runs[0].rise))
                mine[id(best)].append(glyph)
        for part in parts:
            offset = min((run.start for line in part.lines for run in line.runs), default=0)
            for line in part.lines:
                shown = "".join(seen(g) for g in sorted(mine[id(line)], key=lambda g: g.x))
                start = min(run.start for run in line.runs) - offset
                end = max(run.end for run in line.runs) - offset
                # Numbers and addresses found in the whole paragraph, as the engine finds them: an
                # address broken across lines stays isolated in each of its pieces.
                spans = tuple(
                    (max(s, start) - start, min(e, end) - start)
                    for s, e in isolates(part.text)
                    if s < end and e > start
                )
                expected = display_order(
                    logical(line), before=part.text[:start], after=part.text[end:], base=base, isolated=spans
                )
                readings.append(LineReading(number, line, comparable(shown), comparable(expected)))
    return readings


def out_of_order(data: bytes, layout: Layout) -> list[str]:
    """The lines whose glyphs do not stand in the algorithm's display order."""
    return [str(r) for r in line_readings(data, layout) if r.shown != r.expected]


def text_in_reading_order(data: bytes, layout: Layout, *, base: str = "R") -> str:
    """The text layer read back panel by panel in the layout's reading order, each panel's lines
    top to bottom by where their glyphs stand: a line whose glyphs show its text in display order
    reads as that text (in logical order), any other line as its glyphs left to right (which then
    fails the comparison)."""
    readings = [r for r in line_readings(data, layout, base=base) if r.shown]
    out = []
    for slot in dict.fromkeys(layout.reading_order):
        for number, page in enumerate(layout.pages):
            for panel in page.panels:
                if panel.slot != slot:
                    continue
                left, right = panel.geometry.x, panel.geometry.right
                inside = [r for r in readings if r.page == number and left <= r.line.box.x < right]
                inside.sort(key=lambda r: -round(r.line.runs[0].y - r.line.runs[0].rise, 1))
                out += [logical(r.line) if r.shown == r.expected else r.shown for r in inside]
    return "\n".join(out)
