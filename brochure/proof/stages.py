"""Load, resolve and layout for proofing: as far as the content allows, keeping an overflowing layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from brochure.checks.resolution import low_resolution
from brochure.diagnostics import BuildError, Diagnostic, Diagnostics, not_yet
from brochure.editions import DEFAULT_EDITIONS, EDITIONS
from brochure.layout.model import Layout
from brochure.layout.phone import layout_phone
from brochure.layout.safety import check_safe_zones
from brochure.layout.sheet import layout_sheet
from brochure.load.content import load
from brochure.load.model import Content
from brochure.load.placeholders import Values
from brochure.load.translations import load_translation
from brochure.resolve.document import resolve


@dataclass(frozen=True)
class Stages:
    """What the stages produced; `diagnostics` holds everything the build would report."""

    content: Content | None
    layout: Layout | None
    diagnostics: tuple[Diagnostic, ...]
    #: The phone pages, when the editions include the phone edition.
    phone: Layout | None = None

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def run_stages(
    path: str | Path,
    editions: Sequence[str] = DEFAULT_EDITIONS,
    *,
    values: Values | None = None,
    kind: str = "",
    translation: Path | None = None,
) -> Stages:
    """Load, resolve and lay out a content file (its placeholders filled from `values`, a data
    row) for every layout the editions need: the `kind` layout (by default the sheet, or the
    phone pages when the editions are all phone editions, as the build lays them out), and with
    the sheet the phone pages when the phone edition is among the editions. Stops only where a
    stage cannot go on, with the build's own preflight for the editions (safe zone, image
    resolution). With `translation` (a `content.<lang>.yaml` beside `path`) the leaflet in that
    language is staged."""
    try:
        if translation is not None:
            content, found = load_translation(Path(path), translation)
        else:
            content, found = load(path, values)
    except BuildError as error:
        return Stages(None, None, error.diagnostics)
    try:
        document, resolved = resolve(content)
    except BuildError as error:
        return Stages(content, None, found + error.diagnostics)
    laid = Diagnostics()
    # layout() raises on overflow and drops the layout; proofing wants both. Every layout kind
    # the editions paint is laid out, as the build does (a block too tall for a phone page is
    # found only there), and the build's preflight runs on each.
    chosen = [EDITIONS[name] for name in editions]
    kind = kind or ("phone" if chosen and all(e.layout == "phone" for e in chosen) else "sheet")
    if kind == "phone":
        pages = layout_phone(document, laid)
        on_pages = low_resolution(pages, [e for e in chosen if e.layout == "phone"])
        return Stages(content, pages, found + resolved + tuple(laid) + on_pages, pages)
    sheet = layout_sheet(document, laid)
    check_safe_zones(sheet, laid)
    found_here = (
        found + resolved + tuple(laid) + low_resolution(sheet, [e for e in chosen if e.layout == "sheet"])
    )
    phone = None
    # A panel that overflows the sheet (L101) would overflow the phone pages too: one problem.
    if any(e.layout == "phone" for e in chosen) and not any(d.code == "L101" for d in laid):
        on_phone = Diagnostics()
        phone = layout_phone(document, on_phone)
        more = tuple(on_phone) + low_resolution(phone, [e for e in chosen if e.layout == "phone"])
        found_here += not_yet(more, found_here)
    return Stages(content, sheet, found_here, phone)
