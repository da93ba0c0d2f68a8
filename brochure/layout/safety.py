"""Safe zones: text and images kept clear of the trim and the folds (warning L005)."""

from __future__ import annotations

from brochure.diagnostics import Diagnostics
from brochure.layout.model import OWN_TEXTS, Layout, Page, PanelLayout, Placed
from brochure.load.registry import block_name
from brochure.units import MM

EPSILON = 0.01


def check_safe_zones(layout: Layout, diagnostics: Diagnostics) -> None:
    """Warn once per block that lies closer than the theme's safe distance to the trim or a fold
    (the trim wanders up to 1-2 mm when a stack is cut; folding machines drift 2-3 mm)."""
    document = layout.document
    distance = document.theme.safe_distance
    reported: set[int] = set()
    for page in layout.pages:
        for panel in page.panels:
            if panel.overflows:  # the overflow is the error to fix; its nearness to the trim follows
                continue
            for item in panel.items:
                if item.box.height <= 0 or id(item.block) in reported:
                    continue
                edge, gap = _nearest_edge(item, panel, page)
                if gap >= distance - EPSILON:
                    continue
                reported.add(id(item.block))
                what, field = _own_text(item, panel.slot)
                what = block_name(item.block, furniture=what)
                meta = document.content.meta
                location = item.block.location if item.block else meta.location_of(field)
                diagnostics.warning(
                    "L005",
                    f"{what} lies {max(gap, 0) / MM:.1f} mm from the {edge} of panel "
                    f"'{panel.slot}'; keep {distance / MM:g} mm clear of the trim and the folds",
                    location,
                    "a print shop's cut or fold may touch it: raise the theme's padding (9 mm by default)",
                )


def _own_text(item: Placed, slot: str) -> tuple[str, str]:
    """The engine's own text by what it shows (the title, the subtitle, the organisation), and
    the `meta:` field it comes from ("" for the colophon and the cover's other texts)."""
    lines = item.lines()
    style = lines[0].runs[0].style if lines and lines[0].runs else ""
    return OWN_TEXTS.get(style, ("the colophon" if slot == "back" else "the cover's text", ""))


def _nearest_edge(item: Placed, panel: PanelLayout, page: Page) -> tuple[str, float]:
    """The nearest trim or fold line to an item, and the distance to it in points."""
    box, geometry = item.box, panel.geometry
    sides = {
        "left": ("trim" if geometry.x < EPSILON else "fold", box.x - geometry.x),
        "right": ("trim" if geometry.right > page.width - EPSILON else "fold", geometry.right - box.right),
        "top": ("trim", page.height - box.top),
        "bottom": ("trim", box.y),
    }
    side = min(sides, key=lambda name: sides[name][1])
    kind, gap = sides[side]
    return f"{side} {kind}" if kind == "trim" else "fold", gap
