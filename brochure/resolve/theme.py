"""The theme: colours, type sizes and spacing that turn blocks into a designed leaflet."""

from __future__ import annotations

from dataclasses import dataclass, replace

from brochure.diagnostics import Diagnostics
from brochure.load.model import ThemeChoice
from brochure.resolve.colour import CMYK, parse_colour, rgb_to_cmyk
from brochure.units import mm


@dataclass(frozen=True)
class Colour:
    """A colour: RGB components from 0 to 1 for screens and the office edition, and the CMYK
    the author gave (used exactly in the CMYK press edition; otherwise converted from RGB)."""

    red: float
    green: float
    blue: float
    given_cmyk: CMYK | None = None

    @classmethod
    def from_hex(cls, text: str) -> Colour:
        return cls.parse(text)

    @classmethod
    def parse(cls, text: str) -> Colour:
        """A colour as written in a theme (validated by load): hex, rgb() or cmyk()."""
        parsed = parse_colour(text)
        if parsed is None:
            raise ValueError(f"invalid colour {text!r}")
        rgb, cmyk = parsed
        return cls(*rgb, given_cmyk=cmyk)

    @property
    def cmyk(self) -> CMYK:
        return self.given_cmyk or rgb_to_cmyk(self.astuple())

    def print_black(self) -> Colour:
        """Near-black neutral text prints as 100 % K, not as a rich black of four inks
        (which blurs small type when the plates are not in perfect register)."""
        channels = self.astuple()
        if self.given_cmyk is None and max(channels) <= 0.25 and max(channels) - min(channels) <= 0.03:
            return replace(self, given_cmyk=(0.0, 0.0, 0.0, 1.0))
        return self

    @property
    def hex(self) -> str:
        return "#" + "".join(f"{round(c * 255):02X}" for c in (self.red, self.green, self.blue))

    def luminance(self) -> float:
        """WCAG relative luminance."""

        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(self.red) + 0.7152 * channel(self.green) + 0.0722 * channel(self.blue)

    def contrast(self, other: Colour) -> float:
        """WCAG contrast ratio, 1 to 21."""
        a, b = sorted((self.luminance(), other.luminance()), reverse=True)
        return (a + 0.05) / (b + 0.05)

    def mix(self, other: Colour, share: float) -> Colour:
        """This colour with `share` (0-1) of `other` mixed in, in RGB and, when either colour
        was given in CMYK, in CMYK too (a tint of a CMYK colour is a screen of its inks)."""
        red, green, blue = (a + (b - a) * share for a, b in zip(self.astuple(), other.astuple(), strict=True))
        cmyk = None
        if self.given_cmyk or other.given_cmyk:
            c, m, y, k = (a + (b - a) * share for a, b in zip(self.cmyk, other.cmyk, strict=True))
            cmyk = (c, m, y, k)
        return Colour(red, green, blue, cmyk)

    def astuple(self) -> tuple[float, float, float]:
        return (self.red, self.green, self.blue)


WHITE = Colour(1, 1, 1)


@dataclass(frozen=True)
class Palette:
    primary: Colour  # the one strong theme colour: cover field, headings, slogans
    tint: Colour  # light fields and callouts
    ink: Colour  # body text
    paper: Colour = WHITE


@dataclass(frozen=True)
class Theme:
    palette: Palette
    body_size: float = 10.5  # points
    leading_ratio: float = 1.36
    heading_size: float = 14.0
    slogan_size: float = 24.0
    title_size: float = 40.0
    note_size: float = 7.6
    min_body_size: float = 8.5
    #: Inner padding of each panel from folds and paper edges.
    padding: float = mm(9)
    #: Nothing within this distance of the paper edge on an office copier.
    printer_margin: float = mm(5)
    #: Text and images closer than this to the trim or a fold get a warning (L005).
    safe_distance: float = mm(5)
    #: The press edition's bleed in millimetres (None: the edition's 3 mm).
    bleed_mm: float | None = None
    #: Build the press edition in CMYK.
    cmyk: bool = False
    #: The press edition's paper, which names its printing condition: `coated` or `uncoated`.
    paper_stock: str = "coated"
    #: Typographic quotes, dashes and ellipses from straight ASCII.
    typography: bool = True
    #: Words never hyphenated, matched whole and in any case.
    no_hyphenation: tuple[str, ...] = ()
    fonts: tuple[str, str, str, str] = ("", "", "", "")  # regular, bold, italic, bold italic files

    @property
    def leading(self) -> float:
        return self.body_size * self.leading_ratio


DEFAULT_PALETTE = Palette(
    primary=Colour.from_hex("#1F5F8B"), tint=Colour.from_hex("#E6F0F7"), ink=Colour.from_hex("#1A1A1A")
)


def make_theme(choice: ThemeChoice, diagnostics: Diagnostics) -> Theme:
    """The default theme with the author's choices applied (colours were validated by load)."""
    palette = DEFAULT_PALETTE
    if choice.colour:
        primary = Colour.parse(choice.colour)
        palette = replace(palette, primary=primary, tint=WHITE.mix(primary, 0.1))
    if choice.tint:
        palette = replace(palette, tint=Colour.parse(choice.tint))
    if choice.text_colour:
        palette = replace(palette, ink=Colour.parse(choice.text_colour))
    palette = replace(palette, ink=palette.ink.print_black())
    theme = Theme(
        palette=palette,
        typography=choice.typography,
        no_hyphenation=choice.no_hyphenation,
        bleed_mm=choice.bleed,
        cmyk=choice.cmyk,
        paper_stock=choice.paper_stock,
    )
    if choice.body_size:
        theme = replace(theme, body_size=choice.body_size)
    if choice.min_body_size:
        theme = replace(theme, min_body_size=choice.min_body_size)
    if choice.padding is not None:
        theme = replace(theme, padding=mm(choice.padding))
    fonts = (choice.font, choice.font_bold, choice.font_italic, choice.font_bold_italic)
    if any(fonts):
        theme = replace(theme, fonts=fonts)
    if palette.ink.contrast(palette.paper) < 4.5:
        diagnostics.warning(
            "C301",
            f"text colour {palette.ink.hex} has a contrast of only "
            f"{palette.ink.contrast(palette.paper):.1f}:1 on white (WCAG AA asks 4.5:1)",
            choice.location,
        )
    return theme
