"""Pictures: an image at its placed size; the edition's canvas chooses its pixels when painted,
and SVG images are painted as paths."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from brochure.layout.art import paint_art
from brochure.layout.paint import PicturePainter
from brochure.resolve.images import Asset, VectorAsset
from brochure.resolve.theme import Colour

POINTS_PER_INCH = 72.0


class Picture(Flowable):
    """An image `width` x `height` points: pixels at the edition's resolution and colour space, or
    vector art with its theme roles in `colours`."""

    def __init__(self, asset: Asset, width: float, colours: Mapping[str, Colour] | None = None) -> None:
        super().__init__()
        self.asset = asset
        self.colours = colours or {}
        self.width, self.height = width, width * asset.aspect

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    @property
    def effective_ppi(self) -> float:
        """Pixels per inch of the original image at its placed width (vector art has no limit)."""
        if isinstance(self.asset, VectorAsset):
            return float("inf")
        return self.asset.width_px / (self.width / POINTS_PER_INCH)

    def draw(self) -> None:
        if isinstance(self.asset, VectorAsset):
            paint_art(self.canv, self.asset.art, self.width, self.height, self.colours)
        elif isinstance(self.canv, PicturePainter):
            self.canv.draw_picture(self.asset, self.width, self.height)
        else:
            self.canv.drawImage(ImageReader(self.asset.pixels), 0, 0, self.width, self.height, mask="auto")
