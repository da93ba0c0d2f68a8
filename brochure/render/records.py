"""Painting layout records on the canvas: text lines, rules, pictures, drawings and QR codes.

Everything was measured and placed by layout; this only paints what the records say.
"""

from __future__ import annotations

import itertools

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from brochure.caches import memo
from brochure.layout.art import paint_art
from brochure.layout.model import Code, Drawing, Glyphs, LinkArea, Paint, Picture, Rule, TextLine
from brochure.layout.paint import PicturePainter, rl
from brochure.layout.qr import dark_runs, modules


def paint(canvas: Canvas, record: Paint) -> None:
    """Paint one record at its place."""
    if isinstance(record, TextLine):
        paint_line(canvas, record)
    elif isinstance(record, Rule):
        canvas.setFillColor(rl(record.colour))
        canvas.rect(record.box.x, record.box.y, record.box.width, record.box.height, stroke=0, fill=1)
    elif isinstance(record, Picture):
        _picture(canvas, record)
    elif isinstance(record, Drawing):
        _drawing(canvas, record)
    else:
        _code(canvas, record)


def paint_line(canvas: Canvas, line: TextLine) -> None:
    """A line as text objects: each run in its font, size, colour and rise, one after the other
    (each run starts where the one before it ends: layout measured them with the same metrics).
    Runs in a language of their own are a text object of their own inside marked content
    `/Span <</Lang (en)>> BDC ... EMC` (PDF 1.7, 14.9.2). A shaped line (right to left) is
    painted glyph by glyph (`render.shaped`)."""
    if line.runs and line.runs[0].shaped:
        from brochure.render.shaped import paint_shaped_line

        paint_shaped_line(canvas, line)
        return
    for lang, group in itertools.groupby(line.runs, key=lambda run: run.lang):
        runs = list(group)
        tag = "".join(c for c in lang if c.isalnum() or c == "-")
        if tag:
            canvas.addLiteral(f"/Span <</Lang ({tag})>> BDC")
        _text_object(canvas, runs)
        if tag:
            canvas.addLiteral("EMC")


def _text_object(canvas: Canvas, runs: list[Glyphs]) -> None:
    first = runs[0]
    text = canvas.beginText(first.x, first.y - first.rise)
    font: str | None = None
    size, colour, rise = 0.0, None, 0.0
    for run in runs:
        if (run.font, run.size) != (font, size):
            font, size = run.font, run.size
            text.setFont(run.font, run.size, run.size)
        if run.colour != colour:
            colour = run.colour
            text.setFillColor(rl(run.colour))
        if run.rise != rise:
            rise = run.rise
            text.setRise(run.rise)
        text.textOut(run.text)
    canvas.drawText(text)


def link(canvas: Canvas, area: LinkArea) -> None:
    """A link annotation over a link's text."""
    box = area.box
    canvas.linkURL(area.url, (box.x, box.y, box.right, box.top), relative=1)


def _picture(canvas: Canvas, record: Picture) -> None:
    box = record.box
    canvas.saveState()
    canvas.translate(box.x, box.y)
    if isinstance(canvas, PicturePainter):
        canvas.draw_picture(record.asset, box.width, box.height)
    else:
        from reportlab.lib.utils import ImageReader

        canvas.drawImage(ImageReader(record.asset.pixels), 0, 0, box.width, box.height, mask="auto")
    canvas.restoreState()


def _drawing(canvas: Canvas, record: Drawing) -> None:
    box = record.box
    canvas.saveState()
    canvas.translate(box.x, box.y)
    paint_art(canvas, record.art, box.width, box.height, dict(record.colours))
    canvas.restoreState()


@memo(maxsize=64)
def _dark_modules(url: str, size: float) -> PDFPathObject:
    """The dark modules as one path of rectangles, made once per code and size: a code is drawn
    in several editions (and, in a batch, in every leaflet that shares its panel)."""
    rows = modules(url)
    path, module = PDFPathObject(), size / len(rows)
    for n, row in enumerate(rows):
        y = size - (n + 1) * module
        for start, length in dark_runs(row):
            path.rect(start * module, y, length * module, module)
    return path


def _code(canvas: Canvas, record: Code) -> None:
    box = record.box
    canvas.saveState()
    canvas.translate(box.x, box.y)
    canvas.setFillColor(rl(record.paper))
    canvas.rect(0, 0, box.width, box.height, stroke=0, fill=1)
    canvas.setFillColor(rl(record.ink))
    canvas.drawPath(_dark_modules(record.url, box.width), stroke=0, fill=1)
    canvas.linkURL(record.url, (0, 0, box.width, box.height), relative=1)
    canvas.restoreState()
