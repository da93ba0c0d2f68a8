"""Guides over a page preview: text areas, folds, the printer-safe zone and, with bleed, the trim."""

from __future__ import annotations

from PIL import ImageDraw

from brochure.layout.model import Page
from brochure.proof.raster import Raster

TEXT_AREA = (0, 150, 255)
FOLD = (230, 0, 126)
SAFE = (255, 140, 0)
TRIM = (220, 0, 0)
#: Dash and gap of the fold lines, in line widths.
DASH, GAP = 6, 3


def draw_guides(raster: Raster, page: Page, *, margin: float) -> None:
    """Draw the guides of one sheet side onto its raster, in place."""
    draw = ImageDraw.Draw(raster.image)
    width = max(1, round(raster.scale))
    if raster.trim != raster.media:
        _rectangle(draw, raster, (0, 0, page.width, page.height), TRIM, width)
    _rectangle(draw, raster, (margin, margin, page.width - margin, page.height - margin), SAFE, width)
    for panel in page.panels:
        box = panel.content_box
        _rectangle(draw, raster, (box.x, box.y, box.right, box.top), TEXT_AREA, width)
    for x in page.fold_lines:
        (left, top), (_, bottom) = raster.pixel(x, page.height), raster.pixel(x, 0)
        step = (DASH + GAP) * width
        y = top
        while y < bottom:
            draw.line([(left, y), (left, min(y + DASH * width, bottom))], fill=FOLD, width=width)
            y += step


def _rectangle(
    draw: ImageDraw.ImageDraw,
    raster: Raster,
    corners: tuple[float, float, float, float],
    colour: tuple[int, int, int],
    width: int,
) -> None:
    x0, y0, x1, y1 = corners
    (ax, ay), (bx, by) = raster.pixel(x0, y0), raster.pixel(x1, y1)
    # A text area the title took entirely has its top below its bottom: draw it as the line it is.
    draw.rectangle([(min(ax, bx), min(ay, by)), (max(ax, bx), max(ay, by))], outline=colour, width=width)
