"""The ReportLab canvas adapter: document settings, edition-aware pictures, CMYK image readers.

One of the two modules that touch ReportLab's private names (tests/test_reportlab_names.py lists them)."""

from __future__ import annotations

import datetime
import io
import time
from typing import Any

from PIL import Image as PILImage
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.pdfgen.canvas import Canvas

from brochure.layout.paint import PaintSettings
from brochure.load.model import Meta
from brochure.render.colour import PressColours
from brochure.render.pictures import edition_pixels
from brochure.resolve.images import ImageAsset


class EditionCanvas(Canvas):
    """A ReportLab canvas that knows the edition it paints and paints pictures for it."""

    def __init__(self, *args: Any, paint: PaintSettings, colours: PressColours | None, **kwargs: Any) -> None:
        super().__init__(*args, enforceColorSpace=colours, **kwargs)  # type: ignore[misc]
        self.paint, self.colours = paint, colours
        self._pictures: dict[tuple[int, float], ImageReader] = {}

    def draw_picture(self, asset: ImageAsset, width: float, height: float) -> None:
        key = (id(asset), width)
        if key not in self._pictures:
            quality = self.paint.jpeg_quality if asset.photo else None
            self._pictures[key] = image_reader(
                *edition_pixels(asset, width, self.paint, colours=self.colours), jpeg_quality=quality
            )
        self.drawImage(self._pictures[key], 0, 0, width, height, mask="auto")


def new_canvas(
    buffer: io.BytesIO,
    *,
    size: tuple[float, float],
    meta: Meta,
    font: str,
    paint: PaintSettings,
    colours: PressColours | None = None,
) -> Canvas:
    """A canvas with metadata, a fixed date (same input, same bytes) and print settings, painting
    the press's colours through `colours` (CMYK of its printing condition, greys in black ink)."""
    canvas = EditionCanvas(
        buffer,
        paint=paint,
        colours=colours,
        pagesize=size,
        invariant=1,
        # Streams stay uncompressed here: pikepdf reads the pages without inflating them, and
        # compresses every stream when it saves (it inflated and re-deflated ReportLab's anyway).
        pageCompression=0,
        initialFontName=font,
        lang=meta.language,
    )
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author or meta.organisation)
    canvas.setSubject(meta.subject or meta.subtitle)
    canvas.setCreator("brochure")
    canvas.setProducer("brochure (ReportLab)")
    # No public setter for the document date: the one private attribute we touch.
    canvas._doc._timeStamp = _timestamp(meta.date)  # type: ignore[attr-defined]
    # Tri-folds print duplex flipped on the short edge; "fit to page" would move the folds.
    canvas.setViewerPreference("Duplex", PDFName("DuplexFlipShortEdge"))
    canvas.setViewerPreference("PrintScaling", PDFName("None"))
    canvas.setViewerPreference("DisplayDocTitle", "true")
    return canvas


def annotation_count(canvas: Canvas) -> int:
    """How many annotations (links) the current page has so far."""
    return len(canvas._annotationrefs)  # type: ignore[attr-defined]


class _CMYKImage(ImageReader):
    """CMYK pixels with an optional alpha channel as soft mask (ReportLab reads alpha only
    from RGBA images, so the reader's private fields are filled here)."""

    def __init__(self, pixels: PILImage.Image, alpha: PILImage.Image | None) -> None:
        super().__init__(pixels)
        self._alpha = alpha

    def getRGBData(self) -> bytes:
        if self._data is None:  # type: ignore[has-type]
            self._dataA = ImageReader(self._alpha) if self._alpha is not None else None
            self.mode = "CMYK"
            self._data = self._image.tobytes()  # type: ignore[attr-defined]
        return self._data  # type: ignore[no-any-return]


def image_reader(
    pixels: PILImage.Image, alpha: PILImage.Image | None = None, *, jpeg_quality: int | None = None
) -> ImageReader:
    """A reader for `drawImage(..., mask="auto")`: RGB(A) as is, CMYK with its alpha beside it;
    with `jpeg_quality`, opaque RGB pixels encoded as a JPEG that ReportLab embeds as it is
    (DCTDecode). The JPEG is made from the clean pixels, so no metadata comes along."""
    if pixels.mode == "CMYK":
        return _CMYKImage(pixels, alpha)
    if jpeg_quality and pixels.mode == "RGB":
        encoded = io.BytesIO()
        pixels.save(encoded, "JPEG", quality=jpeg_quality, optimize=True)
        encoded.seek(0)
        return ImageReader(encoded)
    return ImageReader(pixels)


def _timestamp(date: datetime.date | None) -> TimeStamp:
    """The content's date at noon UTC; without one, ReportLab's fixed invariant date."""
    stamp = TimeStamp(invariant=1)
    if date is not None:
        moment = datetime.datetime(date.year, date.month, date.day, 12, tzinfo=datetime.timezone.utc)
        stamp.t = moment.timestamp()
        stamp.lt = time.gmtime(stamp.t)
        stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp
