"""Fonts: the embedded typeface family, registered once per process, and its glyph coverage."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STYLES = ("regular", "bold", "italic", "bold-italic")


def default_font_files() -> tuple[str, str, str, str]:
    """Source Sans Pro (SIL Open Font License), shipped by the font-source-sans-pro package."""
    import font_source_sans_pro  # type: ignore[import-untyped]  # ships no type information

    folder = Path(font_source_sans_pro.font_directory)
    names = ("Regular", "Bold", "It", "BoldIt")
    return tuple(str(folder / f"SourceSansPro-{n}.ttf") for n in names)  # type: ignore[return-value]


@dataclass(frozen=True)
class FontFamily:
    """ReportLab names of the four registered faces; `<b>` and `<i>` map onto them."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def face(self, *, bold: bool = False, italic: bool = False) -> str:
        return ((self.regular, self.italic), (self.bold, self.bold_italic))[bold][italic]


@cache
def register_family(files: tuple[str, str, str, str]) -> FontFamily:
    """Register four TrueType files with ReportLab (once per process) as one family.

    Raises OSError or reportlab's TTFError for a file that cannot be used; resolve turns those
    into diagnostics.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for style, file in zip(STYLES, files, strict=True):
        name = f"{Path(file).stem}-{style}"
        pdfmetrics.registerFont(TTFont(name, file))
        names.append(name)
    family = FontFamily(*names)
    addMapping(family.regular, 0, 0, family.regular)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 1, family.bold_italic)
    return family


@cache
def coverage(font_name: str) -> frozenset[int]:
    """The code points a registered font has glyphs for."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(font_name)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def missing_characters(text: str, font_name: str) -> list[str]:
    """Characters of `text` (in order of first appearance) that the font cannot draw."""
    have = coverage(font_name)
    seen: dict[str, None] = {}
    for char in text:
        if char.isspace() or char in ("\u00ad", "\u200b"):
            continue
        if ord(char) not in have:
            seen.setdefault(char, None)
    return list(seen)


def describe(char: str) -> str:
    """`'ł' (U+0142 LATIN SMALL LETTER L WITH STROKE)`."""
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"
