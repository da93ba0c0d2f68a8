"""Furniture: what the engine adds around the author's blocks (cover title, colophon, fields)."""

from __future__ import annotations

from dataclasses import replace

from brochure.diagnostics import Diagnostics, shortened
from brochure.layout.blocks import Item
from brochure.layout.model import Field
from brochure.layout.styles import Styles, TextStyle, make_styles
from brochure.layout.text import prepared_text
from brochure.layout.textblock import TextBlock
from brochure.load.model import Background, Panel
from brochure.resolve.document import Document
from brochure.resolve.fold import PanelGeometry
from brochure.resolve.theme import Palette, Theme
from brochure.resolve.typography import NBSP
from brochure.units import MM, Box

COVER = "cover"
#: `fit: shrink` sets a cover title smaller in steps of this many points, down to this share of
#: the theme's title size.
TITLE_STEP, TITLE_SMALLEST = 2.0, 0.45
BACK = "back"


def background(document: Document, panel_name: str) -> Background:
    """A panel's colour field: by default the theme colour on the cover, paper elsewhere."""
    panel = document.content.panel(panel_name)
    if panel is not None and panel.background != "default":
        return panel.background
    return "colour" if panel_name == COVER else "none"


def panel_theme(theme: Theme, field: Background) -> Theme:
    """Text on a field of the theme colour is set white; on paper or tint, as the theme says."""
    if field != "colour":
        return theme
    palette = theme.palette
    return replace(theme, palette=Palette(primary=palette.tint, tint=palette.primary, ink=palette.paper))


def panel_field(geometry: PanelGeometry, document: Document, field: Background) -> Field | None:
    """The panel's colour field up to the paper's edges (render decides where it may stop)."""
    if field not in ("tint", "colour"):
        return None
    at_left, at_right = document.fold.panel_is_at_paper_edge(geometry)
    edges = {"top", "bottom"} | ({"left"} if at_left else set()) | ({"right"} if at_right else set())
    box = Box(geometry.x, 0.0, geometry.width, geometry.height)
    palette = document.theme.palette
    return Field(box, palette.primary if field == "colour" else palette.tint, frozenset(edges))


def header_items(document: Document, panel_name: str, *, title_size: float = 0.0) -> list[Item]:
    """The top of the cover: title (the document's one H1, at `title_size` if given) and
    subtitle, kept together."""
    if panel_name != COVER:
        return []
    styles = _styles(document, COVER)
    meta = document.content.meta
    title = styles.title
    if title_size:
        title = replace(title, size=title_size, leading=title_size * title.leading / title.size)
    items = [Item(_text(document.text(meta.title), title), "H1")]
    if meta.subtitle:
        items.append(Item(_text(document.text(meta.subtitle), styles.subtitle), "P"))
    return items


def fitted_header(panel: Panel, document: Document, width: float, diagnostics: Diagnostics) -> list[Item]:
    """The cover's header with every word of the title inside a column `width` points wide:
    at the theme's title size, or with `fit: shrink` on the cover at the largest size from
    TITLE_STEP smaller down to TITLE_SMALLEST of it that fits (a warning says which). A word
    that fits at none is an error (L104) that says what to do."""
    items = header_items(document, panel.name)
    if not items:
        return items
    size = _styles(document, COVER).title.size
    sizes = [size]
    if panel.fit == "shrink":
        step = size - TITLE_STEP
        while step > size * TITLE_SMALLEST + 0.01:
            sizes.append(round(step, 2))
            step -= TITLE_STEP
        sizes.append(round(size * TITLE_SMALLEST, 2))
    for tried in sizes:
        items = header_items(document, panel.name, title_size=tried)
        if not _too_wide(items, width):
            if tried != size:
                diagnostics.warning(
                    "L102",
                    f"the cover title made smaller to fit its panel: {tried:g} pt instead of {size:g} pt",
                    document.content.meta.title_location,
                    "a shorter title (or a soft hyphen in its longest word) keeps the full size",
                )
            return items
    words = ", ".join(f"'{shortened(word)}'" for word in _too_wide(items, width))
    shrink = (
        f"even at {sizes[-1]:g} pt, the smallest 'fit: shrink' allows"
        if len(sizes) > 1
        else f"at {size:g} pt"
    )
    hint = "put a soft hyphen (U+00AD) where the word may break, or a shorter word" + (
        "" if len(sizes) > 1 else ", or set 'fit: shrink' on the cover panel to set the title smaller"
    )
    diagnostics.error(
        "L104",
        f"the cover title's {words} is wider than the cover's column ({width / MM:.0f} mm) {shrink}",
        document.content.meta.title_location,
        hint,
    )
    return items


def _too_wide(items: list[Item], width: float) -> list[str]:
    return [word for item in items for word in item.setter.overfull(width)]


def footer_items(document: Document, panel_name: str) -> list[Item]:
    """The foot of a panel: the organisation on the cover, the colophon on the back."""
    meta = document.content.meta
    if panel_name == COVER and meta.organisation:
        styles = _styles(document, COVER)
        return [Item(_text(document.text(meta.organisation), styles.cover_note), "P")]
    if panel_name == BACK:
        # The version and the date are never broken inside ("12 / października"), and a line
        # breaks after a separator, not before it.
        who = meta.organisation or meta.author
        parts = [document.text(who)] if who else []
        parts += [document.text(p).replace(" ", NBSP) for p in (_version(document), _date(document)) if p]
        text = f"{NBSP}\u00b7 ".join(parts)
        if text:
            return [Item(_text(text, _styles(document, BACK).note), "P")]
    return []


def furniture_key(document: Document, panel_name: str) -> tuple[object, ...]:
    """The metadata the furniture of a panel shows (see header_items and footer_items), to know
    when a panel laid out before can be reused."""
    meta = document.content.meta
    if panel_name == COVER:
        return (meta.title, meta.subtitle, meta.organisation)
    if panel_name == BACK:
        return (meta.organisation, meta.author, meta.version, meta.date)
    return ()


def _text(text: str, style: TextStyle) -> TextBlock:
    return TextBlock(prepared_text(text, style), style)


def _styles(document: Document, slot: str) -> Styles:
    theme = panel_theme(document.theme, background(document, slot))
    return make_styles(theme, document.fonts, document.language, hyphenator=document.hyphenator)


def _version(document: Document) -> str:
    return document.words.version


def _date(document: Document) -> str:
    return document.words.date
