"""`brochure preview`: a PNG of each sheet side (optionally with guides) and a folded mock-up."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from brochure.diagnostics import Diagnostic
from brochure.editions import EDITIONS
from brochure.load.placeholders import Values
from brochure.names import file_name, stem
from brochure.output import write_outputs
from brochure.pipeline import name_of, output_folder, render
from brochure.proof.guides import draw_guides
from brochure.proof.mockup import HEIGHT, mockup
from brochure.proof.raster import rasterise
from brochure.proof.stages import run_stages

#: Resolution of the side images: a whole A4 side at 72 dpi is 842 x 595 pixels.
DEFAULT_DPI = 72.0


@dataclass(frozen=True)
class Preview:
    """The images written (sides, then the mock-up) and every diagnostic of the content."""

    images: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def preview(
    content_path: str | Path,
    *,
    edition: str = "print",
    dpi: float = DEFAULT_DPI,
    guides: bool = False,
    out_dir: str | Path | None = None,
    values: Values | None = None,
    row: str = "",
) -> Preview:
    """Write `<name>-<lang>-<edition>-side-N.png` for each side and `<name>-<lang>-mockup.png`.

    A layout whose panels overflow is still previewed (so the author sees what fits); content that
    cannot be laid out at all writes nothing. The diagnostics say which case it was.
    """
    kind = EDITIONS[edition].layout
    stages = run_stages(content_path, (edition,), values=values, kind=kind)
    if stages.layout is None or stages.content is None:
        return Preview((), stages.diagnostics)
    layout = stages.layout
    pdf = render(layout, EDITIONS[edition])
    folder = output_folder(content_path, out_dir)
    name = stem(name_of(stages.content), stages.content.meta.language, row=row)
    images: list[tuple[str, Image.Image]] = []
    margin = layout.document.theme.printer_margin
    for page, side in zip(layout.pages, rasterise(pdf, dpi=dpi), strict=True):
        if guides:
            draw_guides(side, page, margin=margin)
        part = "side" if kind == "sheet" else "page"
        images.append((file_name(name, f"{edition}-{part}-{page.number}", ".png"), side.image))
    if kind == "sheet":  # phone pages are previewed as they are; the mock-up is of the folded sheet
        # The mock-up is drawn from sharper pages, then scaled down (sides without guides).
        sharp = 2 * HEIGHT / layout.pages[0].height * 72
        images.append((file_name(name, "mockup", ".png"), mockup(layout, rasterise(pdf, dpi=sharp))))
    # All images at once: a full disk leaves the earlier preview whole, not half replaced.
    written = write_outputs([(edition, file, _png(image)) for file, image in images], folder)
    return Preview(tuple(output.path for output in written), stages.diagnostics)


def _png(image: Image.Image) -> bytes:
    """A small PNG: flat leaflet colours compress well once reduced to a 256-colour palette."""
    buffer = io.BytesIO()
    image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, "PNG", optimize=True
    )
    return buffer.getvalue()


def sizes(paths: Sequence[Path]) -> list[tuple[Path, tuple[int, int], int]]:
    """(path, pixel size, bytes) of written images, for the command's report."""
    found = []
    for path in paths:
        with Image.open(path) as image:
            found.append((path, image.size, path.stat().st_size))
    return found
