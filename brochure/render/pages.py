"""Painting: a decided layout drawn for one edition, with its marked content; no layout decisions."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from brochure.editions import Edition
from brochure.layout.model import Layout, Page
from brochure.layout.paint import PaintSettings, rl
from brochure.render.boxes import field_extent, page_frame, start_page
from brochure.render.colour import PressColours
from brochure.render.marks import draw_fold_ticks, draw_press_marks, slug_line
from brochure.render.pdfcanvas import new_canvas
from brochure.render.tagging import Mark, Tagger, artifact
from brochure.resolve.conditions import SRGB, press_condition


@dataclass(frozen=True)
class Painted:
    """ReportLab's PDF of one edition and the marked content recorded while painting it."""

    pdf: bytes
    marks: tuple[Mark, ...]


def paint(layout: Layout, edition: Edition) -> Painted:
    """Every page of a layout painted for one edition (finish makes it a tagged PDF)."""
    document = layout.document
    frames = [page_frame(page.width, page.height, edition) for page in layout.pages]
    buffer = io.BytesIO()
    paint = PaintSettings(image_ppi=edition.image_ppi, cmyk=edition.cmyk, jpeg_quality=edition.jpeg_quality)
    meta, font = document.content.meta, document.fonts.regular
    colours = None
    if edition.pdfx:
        press = press_condition(document.theme.paper_stock).profile
        colours = PressColours(SRGB.profile, press, convert=edition.cmyk)
    canvas = new_canvas(buffer, size=frames[0].media, meta=meta, font=font, paint=paint, colours=colours)
    tagger = Tagger(canvas, layout)
    for page, frame in zip(layout.pages, frames, strict=True):
        start_page(canvas, frame)
        tagger.start_page(frame.offset)
        canvas.saveState()
        canvas.translate(frame.offset, frame.offset)
        _paint_page(canvas, page, layout, edition, tagger)
        if edition.marks:
            with artifact(canvas, "Layout"):
                slug = slug_line(layout, page, edition)
                # The slug's words are English: a right-to-left leaflet's Latin face sets them.
                latin = document.fonts.fallback.regular if document.fonts.fallback else font
                draw_press_marks(canvas, page, frame, slug=slug, font=latin)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return Painted(buffer.getvalue(), tuple(tagger.marks))


def _paint_page(canvas: Canvas, page: Page, layout: Layout, edition: Edition, tagger: Tagger) -> None:
    margin = layout.document.theme.printer_margin
    inset = margin if edition.field_inset else 0.0
    for field in page.fields:
        box = field_extent(field, bleed=edition.bleed, inset=inset)
        with artifact(canvas, "Background"):
            canvas.setFillColor(rl(field.colour))
            canvas.rect(box.x, box.y, box.width, box.height, stroke=0, fill=1)
    for panel in page.panels:
        for item in panel.items:
            tagger.paint(item)
    if edition.fold_ticks:
        with artifact(canvas, "Layout"):
            draw_fold_ticks(canvas, page, margin)
