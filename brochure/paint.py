"""What a flowable may ask of the edition it is painted for: image resolution and colour space.

One layout feeds every edition, so a picture chooses its pixels only when painted. The render
creates an `EditionCanvas` carrying the edition's `PaintSettings`; flowables read them with
`paint_settings(canvas)`. Any other canvas (a test's, say) gets the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class PaintSettings:
    #: Images are downsampled to this resolution at their placed size.
    image_ppi: int = 150
    #: Paint in DeviceCMYK (images converted too).
    cmyk: bool = False


class EditionCanvas(Canvas):
    """A ReportLab canvas that knows the settings of the edition it paints."""

    def __init__(self, *args: Any, paint: PaintSettings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paint = paint


def paint_settings(canvas: Canvas) -> PaintSettings:
    return canvas.paint if isinstance(canvas, EditionCanvas) else PaintSettings()
