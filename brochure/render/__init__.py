"""Render: paint a decided layout for one edition and return the PDF bytes; no layout decisions."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from brochure.fold import mm
from brochure.layout.model import Field, Layout, Page
from brochure.layout.styles import rl
from brochure.render.editions import Edition
from brochure.render.finish import finish
from brochure.render.pdfcanvas import new_canvas
from brochure.render.tagging import Tagger, artifact

TICK_GREY = 0.72


def render(layout: Layout, edition: Edition) -> bytes:
    """The tagged PDF of one edition of a layout."""
    document = layout.document
    first = layout.pages[0]
    buffer = io.BytesIO()
    canvas = new_canvas(
        buffer, size=(first.width, first.height), meta=document.content.meta, font=document.fonts.regular
    )
    tagger = Tagger(canvas, layout)
    for page in layout.pages:
        canvas.setPageSize((page.width, page.height))
        tagger.start_page()
        _paint_page(canvas, page, layout, edition, tagger)
        canvas.showPage()
    canvas.save()
    return finish(buffer.getvalue(), tagger.marks, document, for_print=edition.layout == "sheet")


def _paint_page(canvas: Canvas, page: Page, layout: Layout, edition: Edition, tagger: Tagger) -> None:
    margin = layout.document.theme.printer_margin
    for field in page.fields:
        with artifact(canvas, "Background"):
            _paint_field(canvas, field, page, margin if edition.field_inset else 0.0)
    for panel in page.panels:
        for item in panel.items:
            tagger.paint(item)
    if edition.fold_ticks:
        with artifact(canvas, "Layout"):
            _fold_ticks(canvas, page, margin)


def _paint_field(canvas: Canvas, field: Field, page: Page, inset: float) -> None:
    box = field.box.inset(inset, inset, inset, inset) if inset else field.box
    canvas.setFillColor(rl(field.colour))
    canvas.rect(box.x, box.y, box.width, box.height, stroke=0, fill=1)


def _fold_ticks(canvas: Canvas, page: Page, margin: float) -> None:
    """Short light ticks at each fold, top and bottom, just inside the printable area."""
    canvas.setStrokeGray(TICK_GREY)
    canvas.setLineWidth(0.4)
    length = mm(3)
    for x in page.fold_lines:
        canvas.line(x, page.height - margin, x, page.height - margin - length)
        canvas.line(x, margin, x, margin + length)
