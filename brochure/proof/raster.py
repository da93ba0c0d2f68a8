"""PDF pages to Pillow images with pypdfium2, one call at a time (PDFium is not thread-safe)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PIL import Image

#: PDFium crashes when two threads call it at once: every use goes through this lock.
PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class Rect:
    """A PDF rectangle in points: left, bottom, right, top."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass(frozen=True)
class Raster:
    """One page as pixels, with the page boxes needed to map layout points onto them."""

    image: Image.Image
    scale: float  # pixels per point
    media: Rect
    trim: Rect

    def pixel(self, x: float, y: float) -> tuple[float, float]:
        """The pixel of a point given in trim coordinates (the layout's), y up from the bottom."""
        return (
            (self.trim.left + x - self.media.left) * self.scale,
            (self.media.top - self.trim.bottom - y) * self.scale,
        )

    def trimmed(self) -> Image.Image:
        """The page cut at the trim box, as the reader holds it."""
        left, top = self.pixel(0, self.trim.height)
        right, bottom = self.pixel(self.trim.width, 0)
        return self.image.crop((round(left), round(top), round(right), round(bottom)))


def rasterise(pdf: bytes, *, dpi: float) -> list[Raster]:
    """Every page of a PDF at `dpi`, on white, in RGB."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # ships no type information

    scale = dpi / 72
    pages = []
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            for page in document:
                bitmap = page.render(scale=scale)
                pages.append(
                    Raster(
                        bitmap.to_pil().convert("RGB"),
                        scale,
                        Rect(*page.get_mediabox()),
                        Rect(*page.get_trimbox()),
                    )
                )
                page.close()
        finally:
            document.close()
    return pages
