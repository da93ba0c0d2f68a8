"""Render: paint a decided layout for one edition and return the PDF bytes; no layout decisions."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from brochure.fold import mm
from brochure.layout.model import Field, Layout, Page
from brochure.layout.styles import rl
from brochure.render.editions import Edition
from brochure.render.pdfcanvas import new_canvas

TICK_GREY = 0.72


def render(layout: Layout, edition: Edition) -> bytes:
    """The PDF of one edition of a layout."""
    document = layout.document
    first = layout.pages[0]
    buffer = io.BytesIO()
    canvas = new_canvas(
        buffer, size=(first.width, first.height), meta=document.content.meta, font=document.fonts.regular
    )
    for page in layout.pages:
        canvas.setPageSize((page.width, page.height))
        _paint_page(canvas, page, layout, edition)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _paint_page(canvas: Canvas, page: Page, layout: Layout, edition: Edition) -> None:
    margin = layout.document.theme.printer_margin
    for field in page.fields:
        _paint_field(canvas, field, page, margin if edition.field_inset else 0.0)
    for panel in page.panels:
        for item in panel.items:
            item.flowable.drawOn(canvas, item.box.x, item.box.y)
    if edition.fold_ticks:
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
