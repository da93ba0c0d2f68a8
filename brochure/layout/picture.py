"""Pictures: an image at its placed size, its pixels chosen per edition when painted."""

from __future__ import annotations

import math

from PIL import Image as PILImage
from reportlab.platypus import Flowable

from brochure.assets import ImageAsset
from brochure.colour import cmyk_image
from brochure.paint import PaintSettings, paint_settings
from brochure.render.pdfcanvas import image_reader

POINTS_PER_INCH = 72.0


class Picture(Flowable):
    """An image `width` x `height` points. Painted, it is downsampled to the edition's
    resolution (never upsampled) and converted to CMYK when the edition paints in CMYK."""

    def __init__(self, asset: ImageAsset, width: float) -> None:
        super().__init__()
        self.asset = asset
        self.width, self.height = width, width * asset.aspect
        self._pixels: dict[PaintSettings, tuple[PILImage.Image, PILImage.Image | None]] = {}

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    @property
    def effective_ppi(self) -> float:
        """Pixels per inch of the original image at its placed width."""
        return self.asset.width_px / (self.width / POINTS_PER_INCH)

    def pixels(self, settings: PaintSettings) -> tuple[PILImage.Image, PILImage.Image | None]:
        """The colour pixels and the alpha channel (if any) painted for an edition."""
        if settings not in self._pixels:
            image = self.asset.pixels
            wanted = math.ceil(self.width / POINTS_PER_INCH * settings.image_ppi)
            if image.width > wanted:
                size = (wanted, max(1, round(wanted * self.asset.aspect)))
                image = image.resize(size, PILImage.Resampling.LANCZOS)
            alpha = None  # ReportLab takes RGBA as it is, its alpha as a soft mask
            if settings.cmyk:
                alpha = image.getchannel("A") if image.mode == "RGBA" else None
                image = cmyk_image(image)
            self._pixels[settings] = (image, alpha)
        return self._pixels[settings]

    def draw(self) -> None:
        pixels, alpha = self.pixels(paint_settings(self.canv))
        reader = image_reader(pixels, alpha)
        self.canv.drawImage(reader, 0, 0, self.width, self.height, mask="auto")
