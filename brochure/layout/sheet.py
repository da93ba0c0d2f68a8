"""The folded sheet: panels composed, fitted and placed on the two sides of the paper."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from brochure.diagnostics import Diagnostics
from brochure.layout.blocks import Item, block_items
from brochure.layout.boxes import Gap
from brochure.layout.fill import Column
from brochure.layout.fit import fit_panel
from brochure.layout.furniture import (
    COVER,
    background,
    fitted_header,
    footer_items,
    panel_field,
    panel_theme,
)
from brochure.layout.model import Layout, Page, PanelLayout, Placed
from brochure.layout.reuse import PanelCache
from brochure.layout.styles import make_styles
from brochure.load.model import Block, Break, Panel
from brochure.resolve.document import Document
from brochure.resolve.fold import PanelGeometry
from brochure.units import Box, mm

#: Room between the furniture (cover title, colophon) and the author's blocks.
FURNITURE_GAP = mm(6)


def layout_sheet(document: Document, diagnostics: Diagnostics, reuse: PanelCache | None = None) -> Layout:
    """Lay out every panel of the fold on its side of the sheet (taken from `reuse` if there)."""
    fold = document.fold
    panels: dict[str, PanelLayout] = {}
    given = document.content.panels
    if all(panel.name != COVER for panel in given):  # the cover always carries the title
        given = (Panel(COVER, (), document.content.meta.location), *given)
    for panel in given:
        laid = (
            reuse.get(panel, document, diagnostics, _panel) if reuse else _panel(panel, document, diagnostics)
        )
        for panel_layout in laid:
            panels[panel_layout.slot] = panel_layout
    for slot in fold.slots:
        if slot not in panels:
            geometry = fold.panel(slot)
            diagnostics.warning(
                "L004",
                f"panel '{slot}' is empty",
                document.content.meta.location,
                f"add a '{slot}' entry under 'panels'",
            )
            area = content_box(geometry, document)
            panels[slot] = PanelLayout(slot, geometry, area, (), 0.0, area=area)
    pages = tuple(
        Page(
            number=side,
            width=fold.paper.width,
            height=fold.paper.height,
            panels=tuple(panels[p.slot] for p in fold.side_panels(side)),
            fields=tuple(f for p in fold.side_panels(side) if (f := panels[p.slot].field)),
            fold_lines=fold.fold_lines(side),
        )
        for side in (1, 2)
    )
    return Layout(document, pages, fold.reading_order)


def _panel(panel: Panel, document: Document, diagnostics: Diagnostics) -> list[PanelLayout]:
    """Fit a panel's (or a flow's) blocks into its boxes, between header and footer."""
    slots = document.fold.flows.get(panel.name, (panel.name,))
    geometries = [document.fold.panel(s) for s in slots]
    field = background(document, panel.name)
    outer = [content_box(g, document, on_field=field != "none") for g in geometries]
    boxes = list(outer)
    theme = panel_theme(document.theme, field)
    on_primary = field == "colour"

    def make_items(blocks: Sequence[Block], scale: float = 1.0) -> list[Item]:
        styles = make_styles(theme, document.fonts, document.language, scale, hyphenator=document.hyphenator)
        width = boxes[0].width
        return [
            item
            for block in blocks
            for item in block_items(block, document, styles, width, diagnostics, on_primary=on_primary)
        ]

    head, foot = _split_at_break(panel.blocks) if len(slots) == 1 else (panel.blocks, ())
    header = fitted_header(panel, document, outer[0].width, diagnostics)
    footer = make_items(foot) + _spaced(footer_items(document, panel.name), after=bool(foot))
    if header:
        boxes[0] = _shrink(boxes[0], header, top=True)
    if footer:
        boxes[-1] = _shrink(boxes[-1], footer, top=False)

    crowded = furniture_overflow(panel, document, header, footer, foot, outer, diagnostics)
    # When the title or the foot alone overflow, the blocks between are not blamed as well.
    fitted = Diagnostics() if crowded else diagnostics
    result = fit_panel(panel, functools.partial(make_items, head), boxes, document, fitted)
    # Panels with furniture centre their blocks between it unless the author says otherwise.
    align = "centre" if panel.align == "top" and panel.name == COVER else panel.align
    layouts = []
    for n, (geometry, box, column) in enumerate(zip(geometries, boxes, result.columns, strict=True)):
        items: tuple[Placed, ...] = ()
        if header and n == 0:
            items += _pinned(header, outer[n], "top")
        items += column.place(box, align)
        if footer and n == len(geometries) - 1:
            items += _pinned(footer, outer[n], "bottom")
        colour = panel_field(geometry, document, field)
        layouts.append(PanelLayout(geometry.slot, geometry, box, items, column.used, colour, outer[n]))
    return layouts


def furniture_overflow(
    panel: Panel,
    document: Document,
    header: list[Item],
    footer: list[Item],
    foot: Sequence[Block],
    outer: list[Box],
    diagnostics: Diagnostics,
) -> bool:
    """L101 when the title (with the subtitle) or the blocks at a panel's foot alone take more
    than the panel: they, not the blocks between, are the cause. Returns whether one did."""
    top = _stacked(header, outer[0].width).used + FURNITURE_GAP if header else 0.0
    bottom = _stacked(footer, outer[-1].width).used + FURNITURE_GAP if footer else 0.0
    height = outer[0].height if len(outer) == 1 else min(outer[0].height - top, outer[-1].height - bottom)
    over = top + bottom - height if len(outer) == 1 else -height
    if over <= 0:
        return False
    name = f"the '{panel.name}' panel"
    if header and top >= bottom:
        title = _stacked(header[:1], outer[0].width).used
        what = (
            "the title does not fit" if title > outer[0].height else "the title and the subtitle do not fit"
        )
        words = len(" ".join(document.content.meta.title.split()[:60]).split())
        where = document.content.meta.title_location
        hint = "shorten the title (or the subtitle): the rest can stand in a heading or the text"
    else:
        starts = [b for b in panel.blocks if isinstance(b, Break)]
        what = f"the blocks after the break here ({len(foot)}) do not fit at its foot"
        words = 0
        where = starts[-1].location if starts and foot else panel.location
        hint = "move blocks from after the break to above it, or to another panel"
    count = f" (about {words} words)" if words > 3 else ""
    diagnostics.error("L101", f"{name} is {over / mm(1):,.1f} mm too long: {what}{count}", where, hint)
    return True


def _split_at_break(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """In a single panel, the blocks after a `break` stand at its foot."""
    breaks = [n for n, block in enumerate(blocks) if isinstance(block, Break)]
    if not breaks:
        return blocks, ()
    return blocks[: breaks[-1]], tuple(b for b in blocks[breaks[-1] + 1 :] if not isinstance(b, Break))


def _spaced(furniture: list[Item], *, after: bool) -> list[Item]:
    """Furniture with room above it when author blocks stand at the foot before it."""
    if not (furniture and after):
        return furniture
    return [Item(Gap(FURNITURE_GAP), "Artifact"), *furniture]


def content_box(geometry: PanelGeometry, document: Document, *, on_field: bool = False) -> Box:
    """The panel's text area: the same padding from folds and paper edges on every panel
    (a little more on a colour field, which stops short of the paper edge on a copier)."""
    pad = document.theme.padding + (mm(3) if on_field else 0.0)
    return Box(geometry.x, 0.0, geometry.width, geometry.height).inset(pad, pad, pad, pad)


def _stacked(items: list[Item], width: float) -> Column:
    entries, top, previous = [], 0.0, None
    for item in items:
        if previous is not None:
            top += max(previous.setter.space_after, item.setter.space_before)
        _, h = item.setter.wrap(width, 1e6)
        entries.append((item, top, h))
        top += h
        previous = item
    return Column(tuple(entries), top)


def _shrink(box: Box, furniture: list[Item], *, top: bool) -> Box:
    """The part of a box left beside its header (top) or footer."""
    taken = _stacked(furniture, box.width).used + FURNITURE_GAP
    if top:
        return Box(box.x, box.y, box.width, box.height - taken)
    return Box(box.x, box.y + taken, box.width, box.height - taken)


def _pinned(furniture: list[Item], box: Box, align: str) -> tuple[Placed, ...]:
    return _stacked(furniture, box.width).place(box, align)
