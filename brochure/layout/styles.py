"""Paragraph styles derived from the theme, at a scale (1.0, or smaller when text is shrunk)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from brochure.fonts import FontFamily
from brochure.patterns import prepare
from brochure.theme import Colour, Theme

HYPHENATION = {"nl": "nl_NL", "en": "en_GB", "de": "de_DE", "fr": "fr_FR", "pl": "pl_PL", "tr": "tr_TR"}


def rl(colour: Colour) -> Color:
    return Color(*colour.astuple())


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    slogan: ParagraphStyle
    callout: ParagraphStyle
    callout_title: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    bullet: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_note: ParagraphStyle
    #: Colour of links and of the callout rule.
    accent: Color
    tint: Color


@functools.lru_cache(maxsize=64)
def make_styles(theme: Theme, fonts: FontFamily, language: str, scale: float = 1.0) -> Styles:
    """All styles, body text at `theme.body_size * scale` and the rest in proportion (made once
    for each theme, family, language and scale: the styles are shared, never changed)."""
    size = theme.body_size * scale
    ink, accent = rl(theme.palette.ink), rl(theme.palette.primary)
    hyphenation = HYPHENATION.get(language.split("-")[0].lower(), "")
    if hyphenation:
        prepare(hyphenation)

    def style(name: str, font_size: float, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {
            "fontName": fonts.regular,
            "bulletFontName": fonts.regular,
            "fontSize": font_size,
            "leading": font_size * theme.leading_ratio,
            "textColor": ink,
            "alignment": TA_LEFT,
            "hyphenationLang": hyphenation,
            "uriWasteReduce": 0.3,
            "allowWidows": 0,
            "allowOrphans": 0,
            "splitLongWords": 1,
            "linkUnderline": 0,
        }
        settings.update(extra)
        return ParagraphStyle(name, **settings)  # type: ignore[arg-type]

    heading_size = theme.heading_size * scale
    white = rl(theme.palette.paper)
    return Styles(
        body=style("body", size, spaceAfter=size * 0.6),
        heading=style(
            "heading",
            heading_size,
            fontName=fonts.bold,
            textColor=accent,
            leading=heading_size * 1.15,
            spaceBefore=size * 1.1,
            spaceAfter=size * 0.45,
            hyphenationLang="",
            keepWithNext=1,
        ),
        subheading=style(
            "subheading",
            size * 1.1,
            fontName=fonts.bold,
            leading=size * 1.3,
            spaceBefore=size * 0.8,
            spaceAfter=size * 0.3,
            hyphenationLang="",
            keepWithNext=1,
        ),
        slogan=style(
            "slogan",
            theme.slogan_size * scale,
            fontName=fonts.bold,
            textColor=accent,
            leading=theme.slogan_size * scale * 1.1,
            hyphenationLang="",
            spaceBefore=size * 0.8,
            spaceAfter=size * 0.8,
        ),
        callout=style("callout", size, spaceAfter=size * 0.3),
        callout_title=style(
            "callout_title",
            size * 1.05,
            fontName=fonts.bold,
            textColor=accent,
            spaceAfter=size * 0.2,
            hyphenationLang="",
        ),
        caption=style("caption", theme.note_size * scale, fontName=fonts.italic, spaceBefore=size * 0.3),
        note=style(
            "note",
            theme.note_size * scale,
            leading=theme.note_size * scale * 1.3,
            spaceAfter=theme.note_size * scale * 0.5,
        ),
        bullet=style("bullet", size, leftIndent=size * 1.2, bulletIndent=0, spaceAfter=size * 0.25),
        title=style(
            "title",
            theme.title_size,
            fontName=fonts.bold,
            textColor=white,
            leading=theme.title_size * 1.05,
            hyphenationLang="",
            splitLongWords=0,
        ),
        subtitle=style(
            "subtitle",
            theme.heading_size * 1.05,
            textColor=white,
            leading=theme.heading_size * 1.35,
            hyphenationLang="",
            spaceBefore=size,
        ),
        cover_note=style(
            "cover_note", theme.note_size * 1.25, fontName=fonts.bold, textColor=white, hyphenationLang=""
        ),
        accent=accent,
        tint=rl(theme.palette.tint),
    )
