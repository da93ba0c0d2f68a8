"""Editions: what each output (office copier, print shop, phone) adds to the same layout."""

from __future__ import annotations

from dataclasses import dataclass


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


EDITIONS: dict[str, Edition] = {
    "print": Edition("print", fold_ticks=True, field_inset=True),
    "phone": Edition("phone", layout="phone"),
}
DEFAULT_EDITIONS = ("print", "phone")
