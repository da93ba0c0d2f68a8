"""Load, resolve and layout for proofing: as far as the content allows, keeping an overflowing layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from brochure.checks.resolution import preflight
from brochure.diagnostics import BuildError, Diagnostic, Diagnostics
from brochure.editions import DEFAULT_EDITIONS, EDITIONS
from brochure.layout.model import Layout
from brochure.layout.safety import check_safe_zones
from brochure.layout.sheet import layout_sheet
from brochure.load.content import load
from brochure.load.model import Content
from brochure.resolve.document import resolve


@dataclass(frozen=True)
class Stages:
    """What the stages produced; `diagnostics` holds everything the build would report."""

    content: Content | None
    layout: Layout | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def run_stages(path: str | Path, editions: Sequence[str] = DEFAULT_EDITIONS) -> Stages:
    """Load, resolve and lay out a content file, stopping only where a stage cannot go on, with
    the build's own preflight for the editions (safe zone, image resolution)."""
    try:
        content, found = load(path)
    except BuildError as error:
        return Stages(None, None, error.diagnostics)
    try:
        document, resolved = resolve(content)
    except BuildError as error:
        return Stages(content, None, found + error.diagnostics)
    laid = Diagnostics()
    # layout() raises on overflow and drops the layout; proofing wants both.
    sheet = layout_sheet(document, laid)
    check_safe_zones(sheet, laid)
    chosen = [EDITIONS[name] for name in editions if EDITIONS[name].layout == "sheet"]
    return Stages(content, sheet, found + resolved + tuple(laid) + preflight(sheet, chosen))
