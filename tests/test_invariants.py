"""The layout's own check (L105-L107) catches what it promises: a glyph run outside its text area,
two lines on top of each other, text that never reaches the page (in a part or in its runs); each
once, at its block's line, naming the block. The layouts here are the sample's, with one record changed."""

from __future__ import annotations

from dataclasses import replace

from brochure.diagnostics import Diagnostics
from brochure.layout.invariants import check_layout
from brochure.layout.model import Layout, Part, Placed, TextLine
from brochure.load.model import Paragraph
from brochure.resolve.hyphenation import SOFT_HYPHEN
from brochure.units import mm


def with_part(layout: Layout, edit: object, chosen: Placed | None = None) -> tuple[Layout, Placed]:
    """The layout with the first part of the first paragraph (or of the `chosen` item)
    replaced by `edit(part)`; and that placed item."""
    for p, page in enumerate(layout.pages):
        for q, panel in enumerate(page.panels):
            for r, placed in enumerate(panel.items):
                if placed is chosen or (
                    chosen is None and isinstance(placed.block, Paragraph) and placed.parts[0].lines
                ):
                    parts = (edit(placed.parts[0]), *placed.parts[1:])  # type: ignore[operator]
                    item = replace(placed, parts=parts)
                    items = (*panel.items[:r], item, *panel.items[r + 1 :])
                    panels = (*page.panels[:q], replace(panel, items=items), *page.panels[q + 1 :])
                    pages = (*layout.pages[:p], replace(page, panels=panels), *layout.pages[p + 1 :])
                    return replace(layout, pages=pages), placed
    raise AssertionError("the sample has a paragraph")


def errors(layout: Layout) -> list[tuple[str, int, str]]:
    diagnostics = Diagnostics()
    check_layout(layout, diagnostics)
    return [(d.code, d.location.line, d.message) for d in diagnostics]


def moved(line: TextLine, dx: float) -> TextLine:
    return replace(line, runs=tuple(replace(run, x=run.x + dx) for run in line.runs))


def test_the_sample_as_laid_out_breaks_no_invariant(sample_layout: Layout) -> None:
    assert errors(sample_layout) == []


def test_a_line_outside_its_text_area_is_l105_at_its_block(sample_layout: Layout) -> None:
    """A line pushed 20 mm to the right runs past its panel's text area: L105 says by how much."""

    def push(part: Part) -> Part:
        first, *rest = part.paints
        assert isinstance(first, TextLine)
        return replace(part, paints=(moved(first, mm(20)), *rest))

    layout, placed = with_part(sample_layout, push)
    found = errors(layout)
    assert [(code, line) for code, line, _ in found] == [("L105", placed.block.location.line)]  # type: ignore[union-attr]
    assert "outside the text area" in found[0][2] and found[0][2].startswith("the paragraph '")


def test_two_lines_on_top_of_each_other_are_l106(sample_layout: Layout) -> None:
    """A second copy of a line, shifted by a letter's width, overlaps the line: L106, once (and
    L107: the text layer holds that line's words twice)."""

    def double(part: Part) -> Part:
        first = part.paints[0]
        assert isinstance(first, TextLine)
        return replace(part, paints=(*part.paints, moved(first, 3.0)))

    layout, placed = with_part(sample_layout, double)
    found = errors(layout)
    at = placed.block.location.line  # type: ignore[union-attr]
    assert [(code, line) for code, line, _ in found] == [("L106", at), ("L107", at)]
    assert "overlaps" in found[0][2] and "once" in found[1][2]  # the doubled line's text is there twice


def test_text_that_never_reaches_the_page_is_l107(sample_layout: Layout) -> None:
    """A part whose text lost its last word (the text layer would lack it): L107."""

    def cut(part: Part) -> Part:
        return replace(part, text=part.text.rsplit(" ", 1)[0])

    layout, placed = with_part(sample_layout, cut)
    found = errors(layout)
    assert [(code, line) for code, line, _ in found] == [("L107", placed.block.location.line)]  # type: ignore[union-attr]
    assert "does not reach the page" in found[0][2]


def test_a_line_whose_runs_lose_a_word_is_l107(sample_layout: Layout) -> None:
    """The text layer is what the glyph runs paint: a first line that paints one word less than
    its part's text (the part itself whole) is L107 too."""

    def drop(part: Part) -> Part:
        first, *rest = part.paints
        assert isinstance(first, TextLine)
        run, *others = first.runs
        assert " " in run.text.strip()
        cut = replace(run, text=run.text.split(" ", 1)[1])
        return replace(part, paints=(replace(first, runs=(cut, *others)), *rest))

    layout, placed = with_part(sample_layout, drop)
    found = errors(layout)
    assert [(code, line) for code, line, _ in found] == [("L107", placed.block.location.line)]  # type: ignore[union-attr]


def test_a_plain_hyphen_at_a_broken_words_line_end_is_not_text_lost_or_added(sample_layout: Layout) -> None:
    """A font whose soft hyphen is not drawn gets a plain hyphen at a broken word's line end:
    that hyphen is not the content's and is no L107; one painted in the middle of a line is."""

    def plain_hyphens(part: Part) -> Part:
        lines = [
            replace(line, runs=(*line.runs[:-1], replace(line.runs[-1], text=line.runs[-1].text[:-1] + "-")))
            if isinstance(line, TextLine) and line.runs[-1].text.endswith(SOFT_HYPHEN)
            else line
            for line in part.paints
        ]
        assert lines != list(part.paints)  # the part has a broken word
        return replace(part, paints=tuple(lines))

    hyphenated = next(
        placed
        for page in sample_layout.pages
        for panel in page.panels
        for placed in panel.items
        if isinstance(placed.block, Paragraph) and any(line.hyphenated for line in placed.lines())
    )
    layout, _ = with_part(sample_layout, plain_hyphens, hyphenated)
    assert errors(layout) == []

    def stray_hyphen(part: Part) -> Part:
        first, *rest = part.paints
        assert isinstance(first, TextLine)
        run = first.runs[0]
        return replace(
            part, paints=(replace(first, runs=(replace(run, text="-" + run.text), *first.runs[1:])), *rest)
        )

    layout, _ = with_part(sample_layout, stray_hyphen, hyphenated)
    assert [code for code, _, _ in errors(layout)] == ["L107"]
