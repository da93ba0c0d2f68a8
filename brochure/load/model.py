"""The content model: frozen dataclasses that the load stage builds from content.yaml."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from brochure.diagnostics import Location
from brochure.load.positions import TextPositions

SpanKind = Literal["text", "footnote", "cite"]


@dataclass(frozen=True)
class Span:
    """A run of inline text with one style; footnote marks and citations are spans too.

    `kind="footnote"` and `kind="cite"` carry the referenced id in `ref` and no text: the
    layout stage numbers them (citations as [1], footnotes as *, †, ...). `verbatim` text
    (written between backquotes) is set exactly as typed: no typographic quotes, no hyphenation.
    `lang` is the language of a phrase marked as another language (`[sex]{lang=en}`).
    `positions` tells where each character of `text` was written (a problem with one character,
    such as a glyph the font lacks, is reported there); it is no part of the span's value, so
    it is left out of comparing and hashing.
    """

    text: str = ""
    bold: bool = False
    italic: bool = False
    link: str = ""
    kind: SpanKind = "text"
    ref: str = ""
    verbatim: bool = False
    #: The language of a span marked `[text]{lang=en}`, when it is not the leaflet's.
    lang: str = ""
    positions: TextPositions | None = field(default=None, compare=False, repr=False)


Inline = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    text: Inline
    location: Location
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: Inline
    location: Location


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    location: Location


@dataclass(frozen=True)
class Callout:
    """Boxed emphasis: an optional title and one or more paragraphs, never split."""

    paragraphs: tuple[Inline, ...]
    location: Location
    title: Inline = ()


@dataclass(frozen=True)
class Slogan:
    text: Inline
    location: Location


@dataclass(frozen=True)
class Image:
    file: str
    alt: str
    location: Location
    caption: Inline = ()
    #: Share of the column width, 0 < width <= 1.
    width: float = 1.0


@dataclass(frozen=True)
class Illustration:
    """A vector illustration drawn by the project (see brochure/layout/art.py)."""

    name: str
    alt: str
    location: Location


@dataclass(frozen=True)
class Footnote:
    """The text of a footnote, placed where the block stands; marks in text refer to its id."""

    id: str
    text: Inline
    location: Location


@dataclass(frozen=True)
class SourceList:
    """The numbered reference footer listing every source of the document."""

    title: str
    location: Location
    #: A QR code beside each source, for the paper editions.
    qr: bool = False


@dataclass(frozen=True)
class QRCode:
    """A QR code for a link (paper cannot be clicked), with a label and the short URL beside it."""

    url: str
    location: Location
    label: str = ""


@dataclass(frozen=True)
class Break:
    """In a flow, the next block starts at the top of the next panel."""

    location: Location


Block = (
    Heading
    | Paragraph
    | BulletList
    | Callout
    | Slogan
    | Image
    | Illustration
    | Footnote
    | SourceList
    | QRCode
    | Break
)

Align = Literal["top", "centre", "bottom", "spread"]
#: `default` is the theme colour on the cover and plain paper elsewhere.
Background = Literal["default", "none", "tint", "colour"]
Fit = Literal["error", "shrink"]
#: How a flow over several panels is balanced: paragraphs kept whole wherever the flow fits
#: that way (`whole`), or the panels filled as evenly as possible, splitting paragraphs (`even`).
Balance = Literal["whole", "even"]


@dataclass(frozen=True)
class Panel:
    """The blocks of one slot (`cover`, `flap`, ...) or of a flow (`inside`) over several."""

    name: str
    blocks: tuple[Block, ...]
    location: Location
    align: Align = "top"
    fit: Fit = "error"
    background: Background = "default"
    balance: Balance = "whole"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    location: Location
    publisher: str = ""


@dataclass(frozen=True)
class Meta:
    title: str
    language: str
    location: Location
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    subject: str = ""
    date: datetime.date | None = None
    version: str = ""
    #: The output files' name (`name: sexting` -> out/sexting-nl-print.pdf); default: the folder's.
    name: str = ""
    #: Where the language is written (in a translation: its own file).
    language_location: Location | None = field(default=None, compare=False)
    #: Where each field's key is written (problems of the title point at `title:`).
    field_locations: tuple[tuple[str, Location], ...] = field(default=(), compare=False)

    def location_of(self, name: str) -> Location:
        """Where a field (`title`, `subtitle`, `organisation` ...) is written, else `meta:`."""
        return dict(self.field_locations).get(name, self.location)

    @property
    def title_location(self) -> Location:
        """The `title:` line, for problems of the title itself (too long, too wide, no glyph)."""
        return self.location_of("title")


@dataclass(frozen=True)
class MailText:
    """The `email:` section: what the e-mail that carries the phone PDF says around the leaflet.

    Empty fields take defaults in the leaflet's language (see `brochure/mail/words.py`).
    """

    location: Location
    subject: str = ""
    greeting: str = ""
    #: Paragraphs between the greeting and the leaflet's text.
    message: tuple[str, ...] = ()
    closing: str = ""


@dataclass(frozen=True)
class FoldChoice:
    kind: str = "roll"
    paper: str = "a4"


@dataclass(frozen=True)
class ThemeChoice:
    """What the author asked of the theme; unset fields take the theme's defaults."""

    location: Location
    colour: str = ""
    tint: str = ""
    text_colour: str = ""
    font: str = ""
    font_bold: str = ""
    font_italic: str = ""
    font_bold_italic: str = ""
    body_size: float = 0.0
    #: The smallest body size `fit: shrink` may use (0: the theme's default).
    min_body_size: float = 0.0
    typography: bool = True
    #: Millimetres: inner padding of every panel, the press edition's bleed (None: defaults).
    padding: float | None = None
    bleed: float | None = None
    #: Build the press edition in CMYK.
    cmyk: bool = False
    #: The press edition's paper: `coated` (FOGRA39) or `uncoated` (FOGRA29).
    paper_stock: str = "coated"
    #: Words never hyphenated (names, brands), matched whole and in any case.
    no_hyphenation: tuple[str, ...] = ()
    #: Where each given field's value is written, by key (`font-bold`, ...).
    field_locations: tuple[tuple[str, Location], ...] = ()

    def location_of(self, name: str) -> Location:
        """Where a field's value is written, or the theme's own location."""
        return dict(self.field_locations).get(name, self.location)


@dataclass(frozen=True)
class Content:
    """A whole leaflet as the author wrote it, with the file it came from."""

    path: Path
    meta: Meta
    panels: tuple[Panel, ...]
    fold: FoldChoice = FoldChoice()
    theme: ThemeChoice = field(default_factory=lambda: ThemeChoice(Location("")))
    sources: tuple[Source, ...] = ()
    mail: MailText | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def panel(self, name: str) -> Panel | None:
        return next((p for p in self.panels if p.name == name), None)
