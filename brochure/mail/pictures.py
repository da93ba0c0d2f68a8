"""The leaflet's pictures for the e-mail: photos from their files, illustrations cut from the phone PDF."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageChops

from brochure.layout.model import Drawing, Layout, Placed
from brochure.layout.model import Picture as Painted
from brochure.load.model import Illustration, Image
from brochure.proof.raster import PDFIUM_LOCK, Raster, Rect
from brochure.resolve.images import ImageAsset
from brochure.units import Box

#: The e-mail's column in CSS pixels: what most mail programs show without scrolling sideways.
COLUMN_PX = 560
#: Pixels per CSS pixel: sharp on phone screens (2) without a heavy message.
DENSITY = 2
#: Photos are JPEG at this quality: no visible loss at e-mail size, a third of quality 95.
JPEG_QUALITY = 80


@dataclass(frozen=True)
class Picture:
    """One image part of the e-mail: its bytes, its Content-ID and how the HTML shows it."""

    data: bytes
    #: `png` or `jpeg` (the MIME subtype).
    subtype: str
    #: Without angle brackets, as `cid:` URLs name it.
    cid: str
    #: The size the HTML asks for, in CSS pixels (the pixels are DENSITY times as many).
    width: int
    height: int
    alt: str


def pictures(layout: Layout, phone_pdf: bytes) -> dict[int, Picture]:
    """A `Picture` for each image and illustration of the phone layout, by `id()` of its block."""
    found = list(_figures(layout))
    if not found:
        return {}
    column = max(p.content_box.width for page in layout.pages for p in page.panels)
    scale = COLUMN_PX * DENSITY / column  # pixels per point
    rasters = _rasterise(phone_pdf, sorted({index for index, _ in found}), scale)
    made: dict[int, Picture] = {}
    for page_index, placed in found:
        block = placed.block
        assert isinstance(block, (Image, Illustration))
        raster = rasters[page_index]
        asset = _bitmap(block, layout)
        if asset is not None:  # a photo or another bitmap: from its file
            width = max(1, round(_picture_width(placed) * scale / DENSITY))
            height = max(1, round(width * asset.aspect))
            size = (width * DENSITY, height * DENSITY)
            pixels = asset.pixels.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
            if pixels.mode == "RGBA":  # on the colour it stands on in the leaflet
                ground = PILImage.new("RGBA", size, _background(_cut(raster, placed.box)))
                pixels = PILImage.alpha_composite(ground, pixels).convert("RGB")
            data, subtype = _jpeg(pixels) if asset.photo else _png(pixels)
        else:  # vector art (an illustration, an SVG image): as the PDF paints it
            cut = _trimmed(_cut(raster, _art_region(placed)))
            width, height = max(1, round(cut.width / DENSITY)), max(1, round(cut.height / DENSITY))
            data, subtype = _png(cut.resize((width * DENSITY, height * DENSITY)))
        cid = f"{hashlib.sha256(data).hexdigest()[:20]}@brochure"
        made[id(block)] = Picture(data, subtype, cid, width, height, block.alt)
    return made


def _painted(placed: Placed) -> Box | None:
    """The box the layout paints the picture or the vector art in (inside a centring or above a
    caption), if it has one."""
    return next(
        (
            paint.box
            for part in placed.parts
            for paint in part.paints
            if isinstance(paint, (Painted, Drawing))
        ),
        None,
    )


def _bitmap(block: Image | Illustration, layout: Layout) -> ImageAsset | None:
    """The pixels of an image from its file; None for vector art (an illustration, an SVG image)."""
    asset = layout.document.images.get(block.file) if isinstance(block, Image) else None
    return asset if isinstance(asset, ImageAsset) else None


def _picture_width(placed: Placed) -> float:
    """The width the picture is painted at (else the item's)."""
    box = _painted(placed)
    return box.width if box else placed.box.width


def _art_region(placed: Placed) -> Box:
    """The part of the item's box the art is painted in (an SVG image: above its caption)."""
    return _painted(placed) or placed.box


def _background(image: PILImage.Image) -> tuple[int, ...]:
    """The colour at the corner: the page or field the picture stands on."""
    return tuple(image.convert("RGB").getpixel((0, 0)))  # type: ignore[arg-type]


def _trimmed(image: PILImage.Image) -> PILImage.Image:
    """The art without the empty page around it, with a little air (a twentieth) kept."""
    ground = PILImage.new("RGB", image.size, _background(image))
    box = ImageChops.difference(image.convert("RGB"), ground).getbbox()
    if box is None:
        return image
    air = round(max(box[2] - box[0], box[3] - box[1]) / 20)
    left, top = max(0, box[0] - air), max(0, box[1] - air)
    return image.crop((left, top, min(image.width, box[2] + air), min(image.height, box[3] + air)))


def _figures(layout: Layout) -> Iterator[tuple[int, Placed]]:
    """(page index, placed item) of every picture, in reading order, each block once."""
    seen: set[int] = set()
    for slot in layout.reading_order:
        for index, page in enumerate(layout.pages):
            for panel in page.panels:
                if panel.slot != slot:
                    continue
                for placed in panel.items:
                    block = placed.block
                    if isinstance(block, (Image, Illustration)) and id(block) not in seen:
                        seen.add(id(block))
                        yield index, placed


def _rasterise(pdf: bytes, indexes: list[int], scale: float) -> dict[int, Raster]:
    """The pages at `indexes` at `scale` pixels per point (only those: a page costs 50 ms)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # ships no type information

    found = {}
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            for index in indexes:
                page = document[index]
                image = page.render(scale=scale).to_pil().convert("RGB")
                found[index] = Raster(image, scale, Rect(*page.get_mediabox()), Rect(*page.get_trimbox()))
                page.close()
        finally:
            document.close()
    return found


def _cut(raster: Raster, box: Box) -> PILImage.Image:
    left, top = raster.pixel(box.x, box.top)
    right, bottom = raster.pixel(box.right, box.y)
    return raster.image.crop((round(left), round(top), round(right), round(bottom)))


def _png(image: PILImage.Image) -> tuple[bytes, str]:
    """The smaller of full colour and a 256-colour palette (flat art loses nothing visible)."""
    full = _encode(image.convert("RGB"), "PNG", optimize=True)
    palette = image.convert("RGB").quantize(
        256, method=PILImage.Quantize.MEDIANCUT, dither=PILImage.Dither.NONE
    )
    return min(full, _encode(palette, "PNG", optimize=True), key=len), "png"


def _jpeg(image: PILImage.Image) -> tuple[bytes, str]:
    return _encode(
        image.convert("RGB"), "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True
    ), "jpeg"


def _encode(image: PILImage.Image, kind: str, **options: object) -> bytes:
    stream = io.BytesIO()
    image.save(stream, kind, **options)
    return stream.getvalue()
