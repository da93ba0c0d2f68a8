"""Pictures as painted for an edition: downsampled to its resolution, converted for CMYK."""

from __future__ import annotations

import math

from PIL import Image as PILImage

from brochure.layout.paint import PaintSettings
from brochure.render.colour import PressColours, image_cmyk
from brochure.resolve.images import ImageAsset

POINTS_PER_INCH = 72.0


def edition_pixels(
    asset: ImageAsset, width: float, settings: PaintSettings, *, colours: PressColours | None = None
) -> tuple[PILImage.Image, PILImage.Image | None]:
    """The colour pixels and the alpha channel (if any) of an image placed `width` points wide:
    downsampled to the edition's resolution (never upsampled), converted to the press's CMYK
    through the profiles (LittleCMS) if asked."""
    image = asset.pixels
    wanted = math.ceil(width / POINTS_PER_INCH * settings.image_ppi)
    if image.width > wanted:
        size = (wanted, max(1, round(wanted * asset.aspect)))
        image = image.resize(size, PILImage.Resampling.LANCZOS)
    alpha = None  # ReportLab takes RGBA as it is, its alpha as a soft mask
    if settings.cmyk and colours is not None:
        alpha = image.getchannel("A") if image.mode == "RGBA" else None
        image = image_cmyk(image, srgb=colours.srgb, cmyk=colours.cmyk)
    return image, alpha
