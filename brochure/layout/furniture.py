"""Furniture: what the engine adds around the author's blocks (cover title, colophon, fields)."""

from __future__ import annotations

from dataclasses import replace

from brochure.layout.blocks import Item
from brochure.layout.model import Field
from brochure.layout.paragraph import Paragraph
from brochure.layout.styles import Styles, make_styles
from brochure.layout.text import escape
from brochure.load.model import Background
from brochure.resolve.document import Document
from brochure.resolve.fold import PanelGeometry
from brochure.resolve.theme import Palette, Theme
from brochure.units import Box

COVER = "cover"
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


def header_items(document: Document, panel_name: str) -> list[Item]:
    """The top of the cover: title (the document's one H1) and subtitle, kept together."""
    if panel_name != COVER:
        return []
    styles = _styles(document, COVER)
    meta = document.content.meta
    items = [Item(Paragraph(escape(document.text(meta.title)), styles.title), "H1")]
    if meta.subtitle:
        items.append(Item(Paragraph(escape(document.text(meta.subtitle)), styles.subtitle), "P"))
    return items


def footer_items(document: Document, panel_name: str) -> list[Item]:
    """The foot of a panel: the organisation on the cover, the colophon on the back."""
    meta = document.content.meta
    if panel_name == COVER and meta.organisation:
        styles = _styles(document, COVER)
        return [Item(Paragraph(escape(document.text(meta.organisation)), styles.cover_note), "P")]
    if panel_name == BACK:
        parts = [meta.organisation or meta.author, _version(document), _date(document)]
        text = " \u00b7 ".join(escape(document.text(p)) for p in parts if p)
        if text:
            return [Item(Paragraph(text, _styles(document, BACK).note), "P")]
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


def _styles(document: Document, slot: str) -> Styles:
    theme = panel_theme(document.theme, background(document, slot))
    return make_styles(theme, document.fonts, document.language, hyphenator=document.hyphenator)


def _version(document: Document) -> str:
    return document.words.version


def _date(document: Document) -> str:
    return document.words.date
