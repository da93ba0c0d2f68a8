"""Preflight: checks of a decided layout against the editions being built (image resolution)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from brochure.diagnostics import Diagnostic, Diagnostics
from brochure.editions import Edition
from brochure.layout.model import Layout, Picture, Placed


def low_resolution(layout: Layout, editions: Sequence[Edition]) -> tuple[Diagnostic, ...]:
    """Warnings that depend on the editions: an image whose resolution at its placed size is
    below what the most demanding edition built needs (A005, once per image block)."""
    diagnostics = Diagnostics()
    if not editions:
        return ()
    needed = max(editions, key=lambda edition: edition.min_ppi)
    for item in layout.items_in_reading_order():
        for picture in _pictures(item):
            ppi = picture.effective_ppi
            if ppi < needed.min_ppi and item.block is not None:
                diagnostics.warning(
                    "A005",
                    f"image {picture.asset.path.name} has {ppi:.0f} ppi at its placed size; the "
                    f"{needed.name} edition needs {needed.min_ppi} ppi",
                    item.block.location,
                    f"use an image at least {_pixels_needed(picture, needed.min_ppi)} pixels wide, "
                    "or place it smaller",
                )
    return tuple(diagnostics)


def _pictures(placed: Placed) -> Iterator[Picture]:
    for part in placed.parts:
        yield from (paint for paint in part.paints if isinstance(paint, Picture))


def _pixels_needed(picture: Picture, ppi: int) -> int:
    return round(picture.box.width / 72 * ppi)
