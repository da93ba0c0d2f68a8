"""The ReportLab canvas adapter: document settings and the few private attributes we must touch."""

from __future__ import annotations

import datetime
import io
import time

from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.pdfgen.canvas import Canvas

from brochure.content.model import Meta
from brochure.paint import EditionCanvas, PaintSettings
from brochure.render.colour import device_cmyk

# ASCII85 makes every stream about a quarter larger; binary streams are fine in every reader.
rl_config.useA85 = 0


def new_canvas(
    buffer: io.BytesIO, *, size: tuple[float, float], meta: Meta, font: str, paint: PaintSettings
) -> Canvas:
    """A canvas with metadata, a fixed date (same input, same bytes) and print settings, painting
    in DeviceCMYK when `paint.cmyk`."""
    canvas = EditionCanvas(
        buffer,
        paint=paint,
        enforceColorSpace=device_cmyk if paint.cmyk else None,
        pagesize=size,
        invariant=1,
        pageCompression=1,
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


def image_reader(pixels: PILImage.Image, alpha: PILImage.Image | None = None) -> ImageReader:
    """A reader for `drawImage(..., mask="auto")`: RGB(A) as is, CMYK with its alpha beside it."""
    if pixels.mode == "CMYK":
        return _CMYKImage(pixels, alpha)
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
