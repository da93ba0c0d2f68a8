"""Text styles derived from the theme, at a scale (1.0, or smaller when text is shrunk)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from brochure.caches import memo
from brochure.languages import direction
from brochure.resolve.fonts import FontFamily
from brochure.resolve.hyphenation import Hyphenator
from brochure.resolve.theme import Colour, Theme

#: A hyphenator that breaks only after hyphens and at the author's soft hyphens.
NO_DICTIONARY = Hyphenator(automatic=False)


@dataclass(frozen=True)
class TextStyle:
    """How a run of text is set: faces, size, leading, colours, spacing and where words break."""

    name: str
    fonts: FontFamily
    size: float
    leading: float
    colour: Colour
    #: Colour of links.
    link_colour: Colour
    bold: bool = False
    italic: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    #: Every line starts this far in; a label (bullet, number, mark) hangs in front of it.
    indent: float = 0.0
    #: Where words may break; explicit-only for display text (headings, slogans, titles).
    hyphenator: Hyphenator = NO_DICTIONARY
    keep_with_next: bool = False
    #: Display text (titles, headings, slogans): lines of even length, in the narrowest measure
    #: that takes no more lines, so that no last line holds a lone word.
    balanced: bool = False
    #: "rtl" in a right-to-left leaflet: shaped text, lines from the right, labels on the right.
    direction: str = "ltr"

    def face(self, *, bold: bool = False, italic: bool = False) -> str:
        """The registered font of this style made bold and/or italic."""
        return self.fonts.face(bold=self.bold or bold, italic=self.italic or italic)

    def hanging(self, indent: float) -> TextStyle:
        """This style with every line `indent` points in, a label hanging in front."""
        return replace(self, name=f"{self.name}-hanging", indent=indent)


@dataclass(frozen=True)
class Styles:
    body: TextStyle
    heading: TextStyle
    subheading: TextStyle
    slogan: TextStyle
    callout: TextStyle
    callout_title: TextStyle
    caption: TextStyle
    note: TextStyle
    bullet: TextStyle
    title: TextStyle
    subtitle: TextStyle
    cover_note: TextStyle
    #: Colour of links and of the callout rule.
    accent: Colour
    tint: Colour


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
    ink, accent = theme.palette.ink, theme.palette.primary
    hyphenation = hyphenator or Hyphenator(language)
    display = hyphenation.explicit_only()

    def style(name: str, font_size: float, **extra: object) -> TextStyle:
        settings: dict[str, object] = {
            "fonts": fonts,
            "size": font_size,
            "leading": font_size * theme.leading_ratio,
            "colour": ink,
            "link_colour": accent,
            "hyphenator": hyphenation,
            "direction": direction(language),
        }
        settings.update(extra)
        return TextStyle(name, **settings)  # type: ignore[arg-type]

    heading_size = theme.heading_size * scale
    title_size = theme.title_size * scale
    return Styles(
        body=style("body", size, space_after=size * 0.6),
        heading=style(
            "heading",
            heading_size,
            bold=True,
            colour=accent,
            leading=heading_size * 1.15,
            space_before=size * 1.1,
            space_after=size * 0.45,
            hyphenator=display,
            balanced=True,
            keep_with_next=True,
        ),
        subheading=style(
            "subheading",
            size * 1.1,
            bold=True,
            leading=size * 1.3,
            space_before=size * 0.8,
            space_after=size * 0.3,
            hyphenator=display,
            balanced=True,
            keep_with_next=True,
        ),
        slogan=style(
            "slogan",
            theme.slogan_size * scale,
            bold=True,
            colour=accent,
            leading=theme.slogan_size * scale * 1.1,
            hyphenator=display,
            balanced=True,
            space_before=size * 0.8,
            space_after=size * 0.8,
        ),
        callout=style("callout", size, space_after=size * 0.3),
        callout_title=style(
            "callout_title",
            size * 1.05,
            bold=True,
            colour=accent,
            space_after=size * 0.2,
            hyphenator=display,
            balanced=True,
        ),
        caption=style("caption", theme.note_size * scale, italic=True, space_before=size * 0.3),
        note=style(
            "note",
            theme.note_size * scale,
            leading=theme.note_size * scale * 1.3,
            space_after=theme.note_size * scale * 0.5,
        ),
        bullet=style("bullet", size, indent=size * 1.2, space_after=size * 0.25),
        title=style(
            "title", title_size, bold=True, leading=title_size * 1.05, hyphenator=display, balanced=True
        ),
        subtitle=style(
            "subtitle",
            theme.heading_size * 1.05 * scale,
            leading=theme.heading_size * 1.35 * scale,
            hyphenator=display,
            balanced=True,
            space_before=size,
        ),
        cover_note=style(
            "cover_note", theme.note_size * 1.25 * scale, bold=True, hyphenator=display, balanced=True
        ),
        accent=accent,
        tint=theme.palette.tint,
    )
