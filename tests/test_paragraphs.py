"""Paragraphs that remember their line breaking measure exactly like fresh ones."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from brochure.fonts import default_font_files, register_family
from brochure.layout.blocks import Kept
from brochure.layout.paragraph import Paragraph as MeasuredParagraph

TEXT = "Sexting is het versturen of delen van seksueel getinte berichtjes, foto's of filmpjes. " * 6


def style() -> ParagraphStyle:
    family = register_family(default_font_files())
    return ParagraphStyle("t", fontName=family.regular, fontSize=10, leading=13.6, hyphenationLang="nl_NL")


def lines(paragraph: Paragraph) -> list[str]:
    return [" ".join(str(w) for w in line[1]) for line in paragraph.blPara.lines]


def test_measuring_again_gives_what_a_fresh_paragraph_gives() -> None:
    """At every width, in any order, the height and the lines equal those of a new paragraph."""
    remembered = MeasuredParagraph(TEXT, style())
    for width in (200.0, 150.0, 200.0, 200.0, 90.0, 150.0):
        fresh = Paragraph(TEXT, style())
        assert remembered.wrap(width, 50) == fresh.wrap(width, 50)
        assert lines(remembered) == lines(fresh)


def test_a_split_that_drops_the_lines_is_measured_again() -> None:
    """When ReportLab gives up on a split it drops the broken lines; the next measure redoes them."""
    paragraph = MeasuredParagraph(TEXT, style())
    _, height = paragraph.wrap(150, 1000)
    assert paragraph.split(150, 5) == []  # no room for two lines: nothing moves
    assert paragraph.wrap(150, 1000)[1] == height
    parts = paragraph.split(150, height / 2)
    assert len(parts) == 2 and all(isinstance(p, MeasuredParagraph) for p in parts)


def test_kept_paragraphs_never_split() -> None:
    """List items, footnotes and sources are not divided between panels."""
    kept = Kept(TEXT, style())
    kept.wrap(150, 20)
    assert kept.split(150, 20) == []
