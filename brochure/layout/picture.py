"""Pictures: an image at its placed size; the edition's canvas chooses its pixels when painted."""

from __future__ import annotations

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from brochure.layout.paint import PicturePainter
from brochure.resolve.images import ImageAsset

POINTS_PER_INCH = 72.0


class Picture(Flowable):
    """An image `width` x `height` points, painted at the edition's resolution and colour space."""

    def __init__(self, asset: ImageAsset, width: float) -> None:
        super().__init__()
        self.asset = asset
        self.width, self.height = width, width * asset.aspect

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    @property
    def effective_ppi(self) -> float:
        """Pixels per inch of the original image at its placed width."""
        return self.asset.width_px / (self.width / POINTS_PER_INCH)

    def draw(self) -> None:
        if isinstance(self.canv, PicturePainter):
            self.canv.draw_picture(self.asset, self.width, self.height)
        else:
            self.canv.drawImage(ImageReader(self.asset.pixels), 0, 0, self.width, self.height, mask="auto")
