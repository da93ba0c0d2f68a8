"""Paragraph styles derived from the theme, at a scale (1.0, or smaller when text is shrunk)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from brochure.caches import memo
from brochure.resolve.fonts import FontFamily
from brochure.resolve.hyphenation import Hyphenator
from brochure.resolve.theme import Colour, Theme


class ThemeColor(Color):
    """A ReportLab colour that keeps the CMYK the theme gave (if any) for the press edition."""

    def __init__(self, colour: Colour) -> None:
        super().__init__(*colour.astuple())
        self.press_cmyk = colour.given_cmyk


def rl(colour: Colour) -> Color:
    return ThemeColor(colour)


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


@memo(maxsize=64)
def make_styles(
    theme: Theme,
    fonts: FontFamily,
    language: str,
    scale: float = 1.0,
    *,
    hyphenator: Hyphenator | None = None,
) -> Styles:
    """All styles, body text at `theme.body_size * scale` and the rest in proportion (made once
    for each theme, family, language, scale and hyphenator: the styles are shared, never changed).

    Running text is hyphenated by `hyphenator` (by default the language's dictionary); headings,
    slogans and titles break only where the author put soft hyphens.
    """
    size = theme.body_size * scale
    ink, accent = rl(theme.palette.ink), rl(theme.palette.primary)
    hyphenation = hyphenator or Hyphenator(language)
    display = hyphenation.explicit_only()

    def style(name: str, font_size: float, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {
            "fontName": fonts.regular,
            "bulletFontName": fonts.regular,
            "fontSize": font_size,
            "leading": font_size * theme.leading_ratio,
            "textColor": ink,
            "alignment": TA_LEFT,
            "hyphenationLang": hyphenation,
            # Break an address to fill a line that is less than 70 % full; otherwise move it on.
            "uriWasteReduce": 0.3,
            # 2: a word that cannot break on this line is tried again at the start of the next
            # (how a long address gets a sensible break instead of one at any letter).
            "embeddedHyphenation": 2,
            # Lines are set ragged right: never let one run past the column by squeezing spaces.
            "spaceShrinkage": 0,
            "allowWidows": 0,
            "allowOrphans": 0,
            "splitLongWords": 1,
            "linkUnderline": 0,
        }
        settings.update(extra)
        return ParagraphStyle(name, **settings)  # type: ignore[arg-type]

    heading_size = theme.heading_size * scale
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
            hyphenationLang=display,
            keepWithNext=1,
        ),
        subheading=style(
            "subheading",
            size * 1.1,
            fontName=fonts.bold,
            leading=size * 1.3,
            spaceBefore=size * 0.8,
            spaceAfter=size * 0.3,
            hyphenationLang=display,
            keepWithNext=1,
        ),
        slogan=style(
            "slogan",
            theme.slogan_size * scale,
            fontName=fonts.bold,
            textColor=accent,
            leading=theme.slogan_size * scale * 1.1,
            hyphenationLang=display,
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
            hyphenationLang=display,
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
            textColor=ink,
            leading=theme.title_size * 1.05,
            hyphenationLang=display,
            splitLongWords=0,
        ),
        subtitle=style(
            "subtitle",
            theme.heading_size * 1.05,
            textColor=ink,
            leading=theme.heading_size * 1.35,
            hyphenationLang=display,
            spaceBefore=size,
        ),
        cover_note=style(
            "cover_note",
            theme.note_size * 1.25,
            fontName=fonts.bold,
            textColor=ink,
            hyphenationLang=display,
        ),
        accent=accent,
        tint=rl(theme.palette.tint),
    )
