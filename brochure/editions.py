"""Editions: what each output (office copier, print shop, phone) adds to the same layout."""

from __future__ import annotations

from dataclasses import dataclass, replace

from brochure.units import mm


@dataclass(frozen=True)
class Edition:
    name: str
    #: Points of background beyond the trim on every side (print shop).
    bleed: float = 0.0
    #: Short light fold ticks inside the printable area (office copier).
    fold_ticks: bool = False
    #: Colour fields stop this far from the paper edge (copiers cannot print there).
    field_inset: bool = False
    #: The layout it paints: the folded `sheet`, or the `phone` pages.
    layout: str = "sheet"
    #: Crop marks, fold marks and a slug line outside the trim, on a larger sheet (print shop).
    marks: bool = False
    #: Paint in the printing condition's CMYK instead of calibrated RGB (print shop, on request).
    cmyk: bool = False
    #: PDF/X-4 for the print shop (beside PDF/A-2 and PDF/UA-1, which every edition meets).
    pdfx: bool = False
    #: Images are downsampled to this resolution at their placed size.
    image_ppi: int = 150
    #: JPEG quality of photos: high for the press, smaller files for screens.
    jpeg_quality: int = 80
    #: Images below this resolution at their placed size get a warning.
    min_ppi: int = 150


EDITIONS: dict[str, Edition] = {
    "print": Edition("print", fold_ticks=True, field_inset=True, image_ppi=200, jpeg_quality=85),
    "press": Edition(
        "press", bleed=mm(3), marks=True, pdfx=True, image_ppi=300, min_ppi=300, jpeg_quality=92
    ),
    "phone": Edition("phone", layout="phone"),
}
DEFAULT_EDITIONS = ("print", "phone")


def for_press(edition: Edition, *, bleed_mm: float | None = None, cmyk: bool = False) -> Edition:
    """An edition with the print shop's choices applied; editions without marks stay as they are."""
    if not edition.marks:
        return edition
    bleed = edition.bleed if bleed_mm is None else mm(bleed_mm)
    return replace(edition, bleed=bleed, cmyk=edition.cmyk or cmyk)
