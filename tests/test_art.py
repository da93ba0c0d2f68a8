"""Built-in illustrations (SVG files in the theme's colours): rendered with ReportLab, rasterised
with pypdfium2, checked by colour probes."""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops
from reportlab.pdfgen.canvas import Canvas

from brochure.layout.art import roles, scheme_for
from brochure.layout.boxes import DrawingBox
from brochure.layout.model import Drawing
from brochure.render.records import paint
from brochure.resolve.svg import BUILTIN_ART, VectorArt, builtin_art
from brochure.resolve.theme import Colour, Palette
from brochure.units import Box, mm

RGB = tuple[int, int, int]

ROSE = Palette(Colour.from_hex("#B3124B"), Colour.from_hex("#FBE8EF"), Colour.from_hex("#1A1A1A"))
BLUE = Palette(Colour.from_hex("#1F5F8B"), Colour.from_hex("#E6F0F7"), Colour.from_hex("#1A1A1A"))
#: The page around the box: a grey no illustration uses, so anything drawn outside the box shows.
SURROUND: RGB = (128, 128, 128)
MARGIN = mm(8)
SCALE = 2.0  # 144 dpi
#: PDFium must never run on two threads at once.
PDFIUM = threading.Lock()


def art(name: str) -> VectorArt:
    found = builtin_art(name)
    assert found is not None
    return found


def rgb(colour: Colour) -> RGB:
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255))


def Illustration(
    art: VectorArt, *, width: float, height: float, palette: Palette, on_primary: bool = True
) -> Drawing:
    """The record layout makes for a built-in illustration, at the origin."""
    colours = tuple(sorted(roles(scheme_for(palette, on_primary=on_primary)).items()))
    return Drawing(Box(0, 0, width, height), art.title, art, colours)


def render(drawing: Drawing, field: Colour) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """The art drawn on a box of `field` inside a grey page; the image and the box in pixels."""
    width, height = drawing.box.width, drawing.box.height
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width + 2 * MARGIN, height + 2 * MARGIN), invariant=1)
    canvas.setFillColorRGB(*(c / 255 for c in SURROUND))
    canvas.rect(0, 0, width + 2 * MARGIN, height + 2 * MARGIN, stroke=0, fill=1)
    canvas.setFillColorRGB(*field.astuple())
    canvas.rect(MARGIN, MARGIN, width, height, stroke=0, fill=1)
    paint(canvas, Drawing(Box(MARGIN, MARGIN, width, height), drawing.name, drawing.art, drawing.colours))
    canvas.showPage()
    canvas.save()
    with PDFIUM:
        document = pdfium.PdfDocument(buffer.getvalue())
        try:
            image = document[0].render(scale=SCALE).to_pil().convert("RGB")
        finally:
            document.close()
    x_scale = image.width / (width + 2 * MARGIN)  # PDFium rounds the page up to whole pixels
    y_scale = image.height / (height + 2 * MARGIN)
    box = (MARGIN * x_scale, MARGIN * y_scale, (MARGIN + width) * x_scale, (MARGIN + height) * y_scale)
    return image, (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))


def colours(image: Image.Image) -> list[tuple[int, RGB]]:
    """(pixel count, colour) for every colour in the image; flat art has few."""
    found = image.getcolors(maxcolors=image.width * image.height)
    assert found is not None
    return [(count, (c[0], c[1], c[2])) for count, c in found if isinstance(c, tuple)]


def share(image: Image.Image, match: Callable[[RGB], bool]) -> float:
    """The fraction of the image's pixels whose colour matches."""
    counts = colours(image)
    return sum(n for n, c in counts if match(c)) / sum(n for n, _ in counts)


def near(target: RGB, tolerance: int = 3) -> Callable[[RGB], bool]:
    return lambda c: max(abs(a - b) for a, b in zip(c, target, strict=True)) <= tolerance


def shade_of(primary: RGB) -> Callable[[RGB], bool]:
    """Matches the primary mixed toward black: every channel scaled by the same factor below 0.92."""

    def match(c: RGB) -> bool:
        factor = max(c) / max(primary)
        return 0.3 <= factor <= 0.92 and all(
            abs(a - b * factor) <= 3 for a, b in zip(c, primary, strict=True)
        )

    return match


def outside(image: Image.Image, box: tuple[int, int, int, int]) -> list[Image.Image]:
    """The four strips of the page around the box (whose edges are rounded outwards to whole pixels)."""
    left, top, right, bottom = box
    w, h = image.size
    strips = [(0, 0, w, top), (0, bottom, w, h), (0, 0, left, h), (right, 0, w, h)]
    return [image.crop(strip) for strip in strips]


def field_of(palette: Palette, on_primary: bool) -> Colour:
    return palette.primary if on_primary else palette.paper


SIZES = [(60, 60), (80, 100), (85, 110), (120, 60)]


@pytest.mark.parametrize("on_primary", [True, False], ids=["on-primary", "on-paper"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}mm" for w, h in SIZES])
@pytest.mark.parametrize("name", BUILTIN_ART)
def test_art_stays_inside_its_box_and_fills_it(name: str, size: tuple[int, int], on_primary: bool) -> None:
    """Nothing (not even a cut-out ring) is painted outside the box, and the art is not a speck."""
    drawing = Illustration(
        art(name), width=mm(size[0]), height=mm(size[1]), palette=ROSE, on_primary=on_primary
    )
    image, box = render(drawing, field_of(ROSE, on_primary))
    for strip in outside(image, box):
        assert share(strip, near(SURROUND)) == 1.0
    inside = image.crop(box)
    covered = 1 - share(inside, near(rgb(field_of(ROSE, on_primary))))
    square = min(size) ** 2 / (size[0] * size[1])  # the art is square, scaled to fit
    assert covered > 0.35 * square


@pytest.mark.parametrize("name", BUILTIN_ART)
def test_art_is_centred_in_a_wide_box(name: str) -> None:
    """Uniform scaling to fit: in a wide box the art is centred, with equal space left and right."""
    drawing = Illustration(art(name), width=mm(120), height=mm(60), palette=BLUE, on_primary=True)
    image, box = render(drawing, BLUE.primary)
    inside = image.crop(box)
    field = Image.new("RGB", inside.size, rgb(BLUE.primary))
    painted = ImageChops.difference(inside, field).convert("L").point(lambda v: 255 if v > 8 else 0)
    bbox = painted.getbbox()
    assert bbox is not None
    left_gap, right_gap = bbox[0], inside.width - bbox[2]
    assert abs(left_gap - right_gap) <= 3
    assert left_gap > inside.width * 0.2  # the square art does not stretch across the wide box


@pytest.mark.parametrize("palette", [ROSE, BLUE], ids=["rose", "blue"])
@pytest.mark.parametrize("name", BUILTIN_ART)
def test_on_primary_uses_white_tint_and_darker_primary(name: str, palette: Palette) -> None:
    """On the cover field the art is mostly white and tint, with darker shades of the primary for depth."""
    drawing = Illustration(art(name), width=mm(80), height=mm(100), palette=palette, on_primary=True)
    image, box = render(drawing, palette.primary)
    inside = image.crop(box)
    assert share(inside, near((255, 255, 255))) > 0.05
    assert share(inside, near(rgb(palette.tint))) > 0.01
    assert share(inside, shade_of(rgb(palette.primary))) > 0.05


@pytest.mark.parametrize("palette", [ROSE, BLUE], ids=["rose", "blue"])
@pytest.mark.parametrize("name", BUILTIN_ART)
def test_on_paper_uses_primary_and_tint(name: str, palette: Palette) -> None:
    """On white paper the art is drawn in the primary and the tint (its white parts would vanish)."""
    drawing = Illustration(art(name), width=mm(80), height=mm(100), palette=palette, on_primary=False)
    image, box = render(drawing, palette.paper)
    inside = image.crop(box)
    assert share(inside, near(rgb(palette.primary))) > 0.05
    assert share(inside, near(rgb(palette.tint))) > 0.05


def test_phone_on_paper_uses_ink_for_the_device() -> None:
    """The default phone drawing uses the ink colour for the device frame on white paper."""
    drawing = Illustration(art("phone"), width=mm(80), height=mm(100), palette=ROSE, on_primary=False)
    image, box = render(drawing, ROSE.paper)
    assert share(image.crop(box), near(rgb(ROSE.ink))) > 0.03


def test_names_include_the_documented_drawings() -> None:
    """phone (the default for online safety), chat and shield are built in."""
    assert {"phone", "chat", "shield"} <= set(BUILTIN_ART)


def test_an_unknown_name_has_no_art() -> None:
    """A typo in the illustration name finds nothing (layout reports it as L003 with the names)."""
    assert builtin_art("phnoe") is None


def test_the_box_asks_for_exactly_its_size() -> None:
    """A drawing asks for its box whatever space is offered, and is placed as one Drawing record."""
    colours = roles(scheme_for(BLUE, on_primary=False))
    box = DrawingBox("shield", art("shield"), mm(70), mm(90), colours)
    assert box.wrap(mm(10), mm(10)) == (mm(70), mm(90))
    assert box.wrap(mm(300), mm(300)) == (mm(70), mm(90))
    (part,) = box.place(mm(5), mm(100), mm(80), "Figure")
    expected = Drawing(
        Box(mm(5), mm(100) - mm(90), mm(70), mm(90)), "shield", art("shield"), tuple(sorted(colours.items()))
    )
    assert part.paints == (expected,)
