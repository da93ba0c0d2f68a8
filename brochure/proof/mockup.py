"""The mock-up: the folded leaflet on a table beside its opened inside spread, in one small image."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter

from brochure.layout.model import Layout
from brochure.proof.raster import Raster

TABLE = (236, 233, 228)
#: Height of the paper in the mock-up, pixels; margins around and between the two views.
HEIGHT, MARGIN, GAP = 420, 36, 56
SHADOW = 10  # blur radius of the soft shadows, pixels
#: How much the crease darkens the paper at a fold, 0-255, and how far it reaches, pixels.
CREASE, CREASE_WIDTH = 40, 9


def mockup(layout: Layout, sides: list[Raster], *, height: int = HEIGHT) -> Image.Image:
    """Front (the cover panel, with the folded layers under it) and the opened inside spread."""
    front_page = layout.page_of("cover")
    inside_page = next(page for page in layout.pages if page is not front_page)
    front_side = sides[layout.pages.index(front_page)].trimmed()
    inside_side = sides[layout.pages.index(inside_page)].trimmed()
    pixels_per_point = front_side.height / front_page.height
    cover = layout.panel("cover").geometry
    front = front_side.crop(
        (round(cover.x * pixels_per_point), 0, round(cover.right * pixels_per_point), front_side.height)
    )
    scale = height / front.height
    front = front.resize((round(front.width * scale), height), Image.Resampling.LANCZOS)
    inside = inside_side.resize((round(inside_side.width * scale), height), Image.Resampling.LANCZOS)
    _creases(inside, [round(x * pixels_per_point * scale) for x in inside_page.fold_lines])

    layers = 2  # the folded panels under the cover peek out by a few pixels
    width = MARGIN * 2 + front.width + layers * 3 + GAP + inside.width
    canvas = Image.new("RGB", (width, height + MARGIN * 2 + layers * 3), TABLE)
    front_at = (MARGIN, MARGIN)
    inside_at = (MARGIN + front.width + layers * 3 + GAP, MARGIN)
    under = [(front_at[0] + 3 * n, front_at[1] + 3 * n) for n in range(layers, 0, -1)]
    _shadow(canvas, [(*under[0], front.width, height), (*inside_at, inside.width, height)])
    draw = ImageDraw.Draw(canvas)
    for n, (x, y) in enumerate(under):
        tone = 232 + 8 * n
        draw.rectangle([(x, y), (x + front.width - 1, y + height - 1)], fill=(tone, tone, tone - 3))
    canvas.paste(front, front_at)
    canvas.paste(inside, inside_at)
    return canvas


def _shadow(canvas: Image.Image, boxes: list[tuple[int, int, int, int]]) -> None:
    """Soft shadows under sheets lying on the table, falling a little down and right."""
    mask = Image.new("L", canvas.size, 0)
    draw = ImageDraw.Draw(mask)
    for x, y, w, h in boxes:
        draw.rectangle([(x + 3, y + 5), (x + w + 2, y + h + 4)], fill=110)
    mask = mask.filter(ImageFilter.GaussianBlur(SHADOW))
    canvas.paste(Image.new("RGB", canvas.size, (90, 84, 76)), (0, 0), mask)


def _creases(image: Image.Image, folds: list[int]) -> None:
    """Darken the paper a little on both sides of each fold, as light falls on an opened sheet."""
    mask = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(mask)
    for x in folds:
        for offset in range(-CREASE_WIDTH, CREASE_WIDTH + 1):
            strength = round(CREASE * (1 - abs(offset) / (CREASE_WIDTH + 1)) ** 2)
            draw.line([(x + offset, 0), (x + offset, image.height)], fill=strength)
    image.paste(Image.new("RGB", image.size, (60, 55, 50)), (0, 0), mask)
