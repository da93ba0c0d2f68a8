"""What painting a picture asks of the edition: image resolution and colour space; canvas colours.

One layout feeds every edition, so a picture chooses its pixels only when painted: the render's
canvas (`render/pdfcanvas.EditionCanvas`) is a `PicturePainter` that knows the edition's
`PaintSettings`. Any other canvas (a test's, say) draws the image as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from reportlab.lib.colors import Color

from brochure.resolve.images import ImageAsset
from brochure.resolve.theme import Colour


@dataclass(frozen=True)
class PaintSettings:
    #: Images are downsampled to this resolution at their placed size.
    image_ppi: int = 150
    #: JPEG quality of photos (sources that were JPEGs), 1-95.
    jpeg_quality: int = 85
    #: Paint in DeviceCMYK (images converted too).
    cmyk: bool = False


@runtime_checkable
class PicturePainter(Protocol):
    """A canvas that paints an image asset for its edition, at the origin, `width` x `height`."""

    def draw_picture(self, asset: ImageAsset, width: float, height: float) -> None: ...


class ThemeColor(Color):
    """A ReportLab colour that keeps the CMYK the theme gave (if any) for the press edition."""

    def __init__(self, colour: Colour) -> None:
        super().__init__(*colour.astuple())
        self.press_cmyk = colour.given_cmyk


def rl(colour: Colour) -> Color:
    """The canvas colour of a theme colour."""
    return ThemeColor(colour)
