"""The phone pages: the same blocks reflowed into one column on A6 portrait pages, in reading order."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from brochure.diagnostics import Diagnostics, Location
from brochure.layout.blocks import Item, block_items
from brochure.layout.boxes import Centred
from brochure.layout.fill import EPSILON, Column, fill, stack_height
from brochure.layout.fit import count_words, report_wide, shrink_sizes
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
from brochure.layout.sheet import FURNITURE_GAP, _pinned, _shrink
from brochure.layout.styles import make_styles
from brochure.load.model import Break, Illustration, Image, Panel
from brochure.load.registry import Handlers, block_name
from brochure.resolve.document import Document
from brochure.resolve.fold import PanelGeometry
from brochure.resolve.theme import Theme
from brochure.units import Box, mm

#: A6 portrait: about the proportions of a phone screen, read at full width.
PAGE_WIDTH, PAGE_HEIGHT = mm(105), mm(148)
#: Body text on the phone: about 16 CSS pixels when the page fills a phone's width.
PHONE_BODY = 12.0
#: Illustrations take this share of the column, centred: decoration should not fill the screen.
ART_SHARE = 0.6
#: An image is never taller than this share of the page's text area.
IMAGE_SHARE = 0.75
#: On the cover, its blocks are narrowed in these steps until they fit between title and foot.
COVER_SHARES = (1.0, 0.85, 0.7, 0.55, 0.4)


def phone_theme(theme: Theme) -> Theme:
    """The theme at phone sizes: larger body, headings and notes; narrow margins; no printer margin."""
    body = max(PHONE_BODY, theme.body_size)
    return replace(
        theme,
        body_size=body,
        heading_size=body * 4 / 3,
        slogan_size=body * 11 / 6,
        title_size=body * 17 / 6,
        note_size=body * 5 / 6,
        padding=mm(7),
        printer_margin=0.0,
    )


def layout_phone(document: Document, diagnostics: Diagnostics, reuse: PanelCache | None = None) -> Layout:
    """Every panel in reading order on its own run of phone pages; the cover is one page (each
    panel's pages taken from `reuse` if there)."""
    phone = replace(document, theme=phone_theme(document.theme))
    panels = phone.panels_in_reading_order()
    if not panels or panels[0].name != COVER:  # the cover page always carries the title
        panels.insert(0, Panel(COVER, (), document.content.meta.location))
    pages: list[Page] = []
    for panel in panels:
        if panel.name not in document.fold.flows:
            # In a single panel a break sends blocks to its foot; a phone page has no such foot.
            panel = replace(panel, blocks=tuple(b for b in panel.blocks if not isinstance(b, Break)))
        first = len(pages) + 1
        lay = _cover_pages if panel.name == COVER else functools.partial(_panel_pages, first=first)
        if reuse is None:
            pages += lay(panel, phone, diagnostics)
        else:
            pages += reuse.get(panel, phone, diagnostics, lay, kind=("phone", first))
    return Layout(phone, tuple(pages), tuple(p.name for p in panels))


def text_box(document: Document) -> Box:
    pad = document.theme.padding
    return Box(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT).inset(pad, pad, pad, pad)


def _geometry(slot: str, number: int) -> PanelGeometry:
    return PanelGeometry(slot, number, 0.0, PAGE_WIDTH, PAGE_HEIGHT)


def _items(
    panel: Panel,
    document: Document,
    width: float,
    height: float,
    diagnostics: Diagnostics,
    scale: float = 1.0,
) -> list[Item]:
    """The panel's blocks set for the phone column (text at `scale`); pictures sized to sit well
    on a page."""
    # Phone pages are plain paper; only the cover page keeps its colour field.
    field = background(document, COVER) if panel.name == COVER else "none"
    on_primary = field == "colour"
    styles = make_styles(panel_theme(document.theme, field), document.fonts, document.language, scale)
    items: list[Item] = []
    for block in panel.blocks:
        column = COLUMNS[block](block, document, width, height)
        made = block_items(
            block, document, styles, column, diagnostics, on_primary=on_primary, on_screen=True
        )
        if column < width:
            made = [replace(item, setter=Centred(item.setter)) for item in made]
        items += made
    return items


def _full_width(block: object, document: Document, width: float, height: float) -> float:
    return width


def _art_column(block: Illustration, document: Document, width: float, height: float) -> float:
    return min(width * ART_SHARE, height * IMAGE_SHARE / 0.92)


def _image_column(block: Image, document: Document, width: float, height: float) -> float:
    if block.file not in document.images:
        return width
    tallest = height * IMAGE_SHARE / (document.images[block.file].aspect * block.width)
    # A decorative picture (no alt text) is decoration too, sized like an illustration.
    return min(width if block.alt else width * ART_SHARE, tallest)


#: The column each block type is set in on a phone page `width` by `height` points: pictures
#: narrower, so that they sit well on the page; everything else the page's width.
COLUMNS: Handlers[Callable[[Any, Document, float, float], float]] = Handlers.keyed(
    "the phone columns of blocks",
    {
        **dict.fromkeys(
            ("heading", "text", "list", "callout", "slogan", "footnote", "sources", "qr", "break"),
            _full_width,
        ),
        "image": _image_column,
        "illustration": _art_column,
    },
)


def _cover_pages(panel: Panel, document: Document, diagnostics: Diagnostics) -> list[Page]:
    """One page: title and subtitle at the top, the organisation at the foot, the blocks centred
    between, narrowed until they fit, all on a field of the theme colour."""
    outer = text_box(document)
    header, footer = fitted_header(panel, document, outer.width, diagnostics), footer_items(document, COVER)
    box = outer
    if header:
        box = _shrink(box, header, top=True)
    if footer:
        box = _shrink(box, footer, top=False)
    column, rest, narrow = Column((), 0.0), list[Item](), box
    for share in COVER_SHARES:
        narrow = Box(box.x + box.width * (1 - share) / 2, box.y, box.width * share, box.height)
        column, rest = fill(
            _items(panel, document, narrow.width, box.height, diagnostics), narrow.width, box.height
        )
        if not rest and column.used <= box.height + EPSILON:
            break
    _check(
        panel,
        column,
        rest,
        box,
        diagnostics,
        title=document.content.meta.title_location,
        leading=document.theme.leading,
    )
    items = _pinned(header, outer, "top") + column.place(narrow, "centre") + _pinned(footer, outer, "bottom")
    field = panel_field(_geometry(COVER, 1), document, background(document, COVER))
    layout = PanelLayout(COVER, _geometry(COVER, 1), box, items, column.used, field, outer)
    return [Page(1, PAGE_WIDTH, PAGE_HEIGHT, (layout,), (field,) if field else ())]


def _panel_pages(panel: Panel, document: Document, diagnostics: Diagnostics, *, first: int) -> list[Page]:
    """A panel's blocks over as many pages as they need; a heading never ends a page, an author's
    break starts a new one, and the back's colophon sits at the foot of its last page."""
    box = text_box(document)
    queue = _items(panel, document, box.width, box.height, diagnostics)
    if panel.fit == "shrink" and _overfull(queue, box.width):  # as on the sheet, a word too wide
        theme = document.theme  # for the column sets the panel's text smaller (the sheet says L102)
        for size in shrink_sizes(theme.body_size, theme.min_body_size):
            queue = _items(panel, document, box.width, box.height, Diagnostics(), size / theme.body_size)
            if not _overfull(queue, box.width):
                break
    columns: list[Column] = []
    while queue:
        column, queue = fill(queue, box.width, box.height)
        _check(
            panel,
            column,
            [],
            box,
            diagnostics,
            title=document.content.meta.title_location,
            leading=document.theme.leading,
        )
        wide = [
            (item, word, box.width)
            for item, _, _ in column.entries
            for word in item.setter.overfull(box.width)
        ]
        report_wide(panel, wide, diagnostics)
        if column.entries:
            columns.append(column)
    footer = footer_items(document, panel.name)
    if footer and columns and columns[-1].used + _footer_height(footer, box) > box.height:
        columns.append(Column((), 0.0))  # no room left for the colophon: it gets a page of its own
    columns = columns or [Column((), 0.0)]
    align = panel.align if len(columns) == 1 else "top"
    pages = []
    for n, column in enumerate(columns):
        area, items = box, tuple[Placed, ...]()
        if footer and n == len(columns) - 1:
            area = _shrink(box, footer, top=False)
            items = _pinned(footer, box, "bottom")
        placed = column.place(area, align) + items
        layout = PanelLayout(
            panel.name, _geometry(panel.name, first + n), area, placed, column.used, area=box
        )
        pages.append(Page(first + n, PAGE_WIDTH, PAGE_HEIGHT, (layout,)))
    return pages


def _overfull(items: list[Item], width: float) -> bool:
    return any(item.setter.overfull(width) for item in items)


def _footer_height(footer: list[Item], box: Box) -> float:
    return stack_height(footer, box.width) + FURNITURE_GAP


def _check(
    panel: Panel,
    column: Column,
    rest: list[Item],
    box: Box,
    diagnostics: Diagnostics,
    *,
    title: Location,
    leading: float,
) -> None:
    """A block taller than a whole phone page cannot be shown: say which one, by how much, and
    about how many words to cut (`title`: where the title is written, for a cover whose title
    takes the whole page; `leading`: the body text's line height)."""
    if column.used <= box.height + EPSILON and not rest:
        return
    if box.height <= 0:  # the title and the organisation take the whole page
        diagnostics.error(
            "L103",
            f"panel '{panel.name}': the title leaves no room on a phone page",
            title if panel.name == COVER else panel.location,
            "shorten the title or the subtitle",
        )
        return
    misfit = (rest or [column.entries[-1][0]])[0]
    location = misfit.block.location if misfit.block else panel.location
    what = block_name(misfit.block) if misfit.block else "this block"
    height = misfit.setter.wrap(box.width, 1e6)[1]
    over = height - box.height
    words = len(misfit.setter.text.split())
    if isinstance(misfit.block, Image | Illustration) or not words:
        hint = "make the picture smaller"
    else:  # whole lines of its words: those below the page, of those it has (its frame set aside)
        lines = 1 + round((height - misfit.setter.wrap(1e6, 1e6)[1]) / leading)
        cut = math.ceil(words * min(math.ceil(over / leading), lines) / lines)
        hint = f"cut about {count_words(cut)}, or split it into shorter blocks"
    diagnostics.error(
        "L103",
        f"panel '{panel.name}': {what} is {over / mm(1):,.1f} mm taller than a phone page "
        f"({height / mm(1):.0f} mm; the page holds {box.height / mm(1):.0f} mm)",
        location,
        hint,
    )
