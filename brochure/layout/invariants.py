"""The layout's own check before anything is written: nothing outside its area, overlapping or lost.

Run on the records layout made (the same that render paints), for every layout kind:
- L105: every glyph run lies inside its panel's text area (the colour field's area on a field;
  a descender may reach into the padding below the last line);
- L106: no two text lines of a panel overlap;
- L107: every character of a block's text reaches the text layer, in reading order: the parts'
  texts and what their glyph runs paint (soft hyphens and the spaces at line ends aside).
A line too wide for its column was reported already (L104) and is not reported again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from brochure.diagnostics import Diagnostics
from brochure.layout.model import Layout, PanelLayout, Part, Placed, TextLine
from brochure.layout.text import plain
from brochure.load.model import Block
from brochure.load.registry import block_name
from brochure.load.registry import texts as block_texts
from brochure.resolve.hyphenation import SOFT_HYPHEN
from brochure.units import MM, Box

#: How far (in points) a glyph run may stand past its area before it counts: rounding.
TOLERANCE = 0.5
#: Reports one broken invariant: code, the placed item, message, hint.
Report = Callable[[str, Placed, str, str], None]
_SPACE = re.compile(rf"[\s{SOFT_HYPHEN}\u200b]+")


def check_layout(layout: Layout, diagnostics: Diagnostics) -> None:
    """Report every broken invariant of a layout, each once per block, at the block's line."""
    reported: set[tuple[str, int]] = set()

    def report(code: str, placed: Placed, message: str, hint: str) -> None:
        if (code, id(placed.block)) in reported:
            return
        reported.add((code, id(placed.block)))
        meta = layout.document.content.meta
        furniture = meta.title_location if placed.role == "H1" else meta.location
        location = placed.block.location if placed.block else furniture
        diagnostics.error(code, f"{_name(placed)}: {message}", location, hint)

    for page in layout.pages:
        for panel in page.panels:
            _check_panel(panel, report)
    for block, texts, painted in _texts_by_block(layout):
        expected = _squeezed(_block_text(block, layout))
        if expected and {_squeezed("".join(texts)), _squeezed("".join(painted))} != {expected}:
            placed = next(p for p in layout.items_in_reading_order() if p.block is block)
            report(
                "L107",
                placed,
                "its text does not reach the page whole, once and in reading order",
                "this is a fault of brochure, not of the content: please report it with the file",
            )


def _check_panel(panel: PanelLayout, report: Report) -> None:
    area = panel.area or panel.content_box
    lines: list[tuple[Placed, TextLine]] = []
    for placed in panel.items:
        for line in placed.lines():
            lines.append((placed, line))
            if line.overfull or not line.runs:
                continue
            box = line.box
            baseline = min(run.y - run.rise for run in line.runs)
            outside = max(area.x - box.x, box.right - area.right, box.top - area.top, area.y - baseline)
            if outside > TOLERANCE:
                report(
                    "L105",
                    placed,
                    f"the line '{line.text.strip()}' runs {outside / MM:.1f} mm outside the text area of "
                    f"panel '{panel.slot}'",
                    "this is a fault of brochure, not of the content: please report it with the file",
                )
    _check_overlaps(
        panel, [_Inked(n, placed, line, _ink(line)) for n, (placed, line) in enumerate(lines)], report
    )


class _Inked(NamedTuple):
    """A line of a panel, its place in reading order and the box its letters surely ink."""

    order: int
    placed: Placed
    line: TextLine
    ink: Box


def _check_overlaps(panel: PanelLayout, inked: list[_Inked], report: Report) -> None:
    """L106 for each line and the first later line (in reading order) that overlaps it: the lines
    are swept from the bottom up, so each is compared only with those its height reaches."""
    inked.sort(key=lambda entry: entry.ink.y)
    first_overlap: dict[int, tuple[_Inked, _Inked]] = {}
    for n, low in enumerate(inked):
        for high in inked[n + 1 :]:
            if high.ink.y >= low.ink.top - TOLERANCE:
                break
            if _overlap(low.ink, high.ink):
                earlier, later = sorted((low, high), key=lambda entry: entry.order)
                known = first_overlap.get(earlier.order)
                if known is None or later.order < known[1].order:
                    first_overlap[earlier.order] = (earlier, later)
    for _, (earlier, later) in sorted(first_overlap.items(), key=lambda item: item[0]):
        overlapping = f"'{later.line.text.strip()}' overlaps '{earlier.line.text.strip()}'"
        report(
            "L106",
            later.placed,
            f"its line {overlapping} in panel '{panel.slot}'",
            "this is a fault of brochure, not of the content: please report it with the file",
        )


def _ink(line: TextLine) -> Box:
    """The part of a line's box its letters surely ink: from a little above the baseline to a
    little below the ascender (accents and descenders of neighbouring lines may meet)."""
    box = line.box
    size = max(run.size for run in line.runs) if line.runs else 0.0
    baseline = min(run.y - run.rise for run in line.runs) if line.runs else box.y
    return Box(box.x, baseline, box.width, size * 0.6)


def _overlap(a: Box, b: Box) -> bool:
    return (
        a.x < b.right - TOLERANCE
        and b.x < a.right - TOLERANCE
        and a.y < b.top - TOLERANCE
        and b.y < a.top - TOLERANCE
    )


def _texts_by_block(layout: Layout) -> Iterator[tuple[Block, list[str], list[str]]]:
    """Each author block with the texts of its parts in reading order (split parts joined), and
    what their glyph runs paint (the text layer)."""
    found: dict[int, tuple[Block, list[str], list[str]]] = {}
    for placed in layout.items_in_reading_order():
        if placed.block is None:
            continue
        entry = found.setdefault(id(placed.block), (placed.block, [], []))
        for part in placed.parts:
            if part.role != "Lbl" and part.text:
                entry[1].append(part.text)
                entry[2].append(_painted(part))
    yield from found.values()


def _painted(part: Part) -> str:
    """The text a part's runs paint, each line's runs in logical order, without the hyphen a
    broken word's line ends in where the text has none (a plain one, in a font whose soft
    hyphen is not drawn)."""
    runs = [run for line in part.lines for run in line.runs]
    offset = min((run.start for run in runs), default=0)
    painted = []
    for line in part.lines:
        ordered = sorted(line.runs, key=lambda run: run.start)
        for run in ordered:
            text = run.text
            added = run is ordered[-1] and line.hyphenated and text.endswith("-")
            if added and not part.text[: run.end - offset].endswith("-"):
                text = text[:-1]
            painted.append(text)
    return "".join(painted)


def _block_text(block: Block, layout: Layout) -> str:
    """The text a block must show, as a reader reads it ('' for blocks this check skips)."""
    document = layout.document
    return "".join(plain(text.inline, document) for text in block_texts(block))


def _squeezed(text: str) -> str:
    return _SPACE.sub("", text)


def _name(placed: Placed) -> str:
    """The block as its author knows it (`the paragraph 'Goede afspraken …'`), or the furniture."""
    return block_name(placed.block, furniture="the cover title" if placed.role == "H1" else "the colophon")
