"""Paragraphs: remembered line breaking measures like a fresh one; a label drawn apart paints the same."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from brochure.layout.blocks import Kept
from brochure.layout.paragraph import Paragraph as MeasuredParagraph
from brochure.resolve.fonts import default_font_files, register_family

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


def _pages(*drawings: list[Flowable]) -> list[tuple[bytes, str]]:
    """Each list of flowables drawn on a page of its own at the same place: the page's pixels
    (pypdfium2, 150 dpi) and its text."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(300, 120))
    for drawing in drawings:
        for flowable in drawing:
            flowable.drawOn(canvas, 20, 20)
        canvas.showPage()
    canvas.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    pages = [
        (page.render(scale=150 / 72).to_pil().tobytes(), page.get_textpage().get_text_range())
        for page in document
    ]
    document.close()
    return pages


@pytest.mark.parametrize(
    ("label", "text", "indent"),
    [
        ("\u2022", "Een lijstitem dat over twee regels loopt in een smalle kolom.", 12),
        ("10.", "Een bron waarvan het nummer breder is dan de inspringing.", 8),
        ("*", "Een voetnoot.", 12),
        ("\u2022", "", 12),
    ],
)
def test_a_label_drawn_apart_paints_what_the_whole_paragraph_paints(
    label: str, text: str, indent: float
) -> None:
    """The label alone, then the text without it (each in marked content of its own in a tagged
    PDF) give exactly the pixels of the paragraph drawn whole, also when a wide label pushes the
    first line right; the label's page shows only the label, the text's page only the text."""
    hanging = ParagraphStyle("h", parent=style(), leftIndent=indent, bulletIndent=0)
    paragraph = MeasuredParagraph(text, hanging, bulletText=label)
    paragraph.wrap(200, 100)
    whole, apart, alone, rest = _pages(
        [paragraph],
        [paragraph.label_only(), paragraph.without_label()],
        [paragraph.label_only()],
        [paragraph.without_label()],
    )
    assert whole[0] == apart[0]
    assert alone[1].strip() == (label if text else "")
    assert label not in rest[1] and " ".join(rest[1].split()) == " ".join(text.split())
