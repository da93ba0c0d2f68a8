"""The decided layout as plain data: every box, colour field and placed block of every page."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from brochure.load.model import Block
from brochure.resolve.document import Document
from brochure.resolve.fold import PanelGeometry
from brochure.resolve.images import ImageAsset
from brochure.resolve.svg import VectorArt
from brochure.resolve.theme import Colour
from brochure.units import Box

EDGES = ("left", "right", "top", "bottom")


#: The engine's own texts by their paragraph style: what an author calls each, and the `meta:`
#: field it shows (its problems point at that field's line).
OWN_TEXTS = {
    "title": ("the title", "title"),
    "subtitle": ("the subtitle", "subtitle"),
    "cover_note": ("the organisation", "organisation"),
}


@dataclass(frozen=True)
class Glyph:
    """One shaped glyph (HarfBuzz) of a right-to-left line, in 1/1000 em of its run's size."""

    gid: int
    #: The logical text of its cluster (several letters for a ligature, U+200D for a cluster's
    #: further glyphs): what the text layer maps it to.
    text: str
    #: Index of its cluster's first character in the shaped run's text.
    cluster: int
    #: Its advance as shaped, and its own advance in the font (the PDF's /Widths).
    advance: float
    width: float
    #: Offset from its pen position (marks over letters).
    dx: float = 0.0
    dy: float = 0.0


@dataclass(frozen=True)
class Glyphs:
    """A run of characters in one face on one line, at its place on the trimmed page.

    `text` is what is painted: the characters `start` to `end` of the block's text (see
    `Part.text`), a space at a line's end where the line broke at a space, and U+00AD SOFT
    HYPHEN where a word was broken (drawn as a hyphen; the text layer keeps the word whole).
    A shaped run (right to left) paints its `shaped` glyphs instead; its `text` is the logical
    text they stand for.
    """

    text: str
    font: str
    size: float
    colour: Colour
    #: Origin of the first glyph: x, and y of the baseline (raised by `rise` already).
    x: float
    y: float
    width: float
    ascent: float
    descent: float
    start: int
    end: int
    style: str = ""
    link: str = ""
    rise: float = 0.0
    #: The language of a phrase in another language than the leaflet's, else "": render marks
    #: the run as marked content with its own /Lang, so a screen reader speaks it so.
    lang: str = ""
    #: Shaped glyphs left to right as drawn (a right-to-left leaflet's runs), else () and
    #: render draws `text` with the font's plain character map.
    shaped: tuple[Glyph, ...] = ()

    @property
    def box(self) -> Box:
        """The box its glyphs may ink: advance width, ascender to descender."""
        return Box(self.x, self.y + self.descent, self.width, self.ascent - self.descent)


@dataclass(frozen=True)
class TextLine:
    """A line of text: its glyph runs left to right as seen, and how it ends."""

    runs: tuple[Glyphs, ...]
    #: Ends in a hyphen that breaks a word (added, or the author's own hyphen).
    hyphenated: bool = False
    #: Wider than its column: a word (or words joined by no-break spaces) that cannot break.
    overfull: bool = False

    @cached_property  # asked for by every check; a frozen record never changes
    def box(self) -> Box:
        boxes = [run.box for run in self.runs]
        left, bottom = min(b.x for b in boxes), min(b.y for b in boxes)
        return Box(left, bottom, max(b.right for b in boxes) - left, max(b.top for b in boxes) - bottom)

    @property
    def text(self) -> str:
        """The line's text as it is read (a right-to-left line's runs in logical order)."""
        return "".join(run.text for run in sorted(self.runs, key=lambda run: run.start))


@dataclass(frozen=True)
class Rule:
    """A filled rectangle (a callout's tint field or its accent bar)."""

    box: Box
    colour: Colour


@dataclass(frozen=True)
class Picture:
    """An author's image at its placed size; the edition chooses its pixels when it paints."""

    box: Box
    file: str
    asset: ImageAsset = field(compare=False, hash=False, repr=False)

    @property
    def effective_ppi(self) -> float:
        """Pixels per inch of the original image at its placed width."""
        return self.asset.width_px / (self.box.width / 72.0)


@dataclass(frozen=True)
class Drawing:
    """Vector art (a built-in illustration or an SVG image) scaled uniformly to fit its box and
    centred in it; a shape with a theme role takes that role's colour from `colours`."""

    box: Box
    #: The illustration's name or the SVG file's path as the content gives it.
    name: str
    art: VectorArt = field(hash=False, repr=False)
    #: (role, colour) pairs for the background the art sits on (see `layout.art.roles`).
    colours: tuple[tuple[str, Colour], ...] = ()


@dataclass(frozen=True)
class Code:
    """A QR code for `url` (quiet zone included) in `ink` on `paper`; the code itself is a link."""

    box: Box
    url: str
    ink: Colour
    paper: Colour


@dataclass(frozen=True)
class LinkArea:
    """Where a link's text lies: a tap or a click there opens `url`."""

    box: Box
    url: str


Paint = TextLine | Rule | Picture | Drawing | Code


@dataclass(frozen=True)
class Part:
    """One piece of a placed block with one structure role: what it paints and its links.

    `role` is a PDF structure type (H1-H4, P, Lbl, LBody, Figure, Note) or "Artifact".
    """

    role: str
    box: Box
    paints: tuple[Paint, ...]
    links: tuple[LinkArea, ...] = ()
    #: The text it sets, as a reader reads it (glyph runs point into it).
    text: str = ""

    @property
    def lines(self) -> tuple[TextLine, ...]:
        return tuple(p for p in self.paints if isinstance(p, TextLine))


@dataclass(frozen=True)
class Placed:
    """A block (or a part of one split over panels) at its final position, as plain data:
    the structure role of the whole, the block it came from, and its parts in reading order.

    `role` is a PDF structure type (H1, H2, P, LI, Figure, Note, ...) or "Artifact".
    """

    box: Box
    role: str
    block: Block | None
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        """The text it sets, parts joined by spaces."""
        return " ".join(part.text for part in self.parts if part.text)

    def lines(self) -> tuple[TextLine, ...]:
        return tuple(line for part in self.parts for line in part.lines)


@dataclass(frozen=True)
class Field:
    """A flat colour field. Edges in `bleed_edges` lie on the trim: editions with bleed extend them."""

    box: Box
    colour: Colour
    bleed_edges: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PanelLayout:
    slot: str
    geometry: PanelGeometry
    content_box: Box
    items: tuple[Placed, ...]
    #: Height taken by the blocks, before vertical alignment spreads them.
    used_height: float
    field: Field | None = None
    #: The panel's whole text area (furniture included; `content_box` is what is left for blocks).
    area: Box | None = None

    @property
    def fill(self) -> float:
        """Share of the panel's text area that its blocks fill, 0 to 1 (more when it overflows)."""
        if self.content_box.height <= 0:  # the title alone took the panel
            return 1.0 + self.used_height
        return self.used_height / self.content_box.height

    @property
    def overflows(self) -> bool:
        """Its blocks take more than its text area (an error already reported as L101)."""
        return self.content_box.height <= 0 or self.used_height > self.content_box.height + 0.01


@dataclass(frozen=True)
class Page:
    """One side of the sheet (or one phone page)."""

    number: int
    width: float
    height: float
    panels: tuple[PanelLayout, ...]
    fields: tuple[Field, ...] = ()
    fold_lines: tuple[float, ...] = ()


@dataclass(frozen=True)
class Layout:
    #: What was laid out (resolve's, with its tables of images and notes: left out of the hash).
    document: Document = field(hash=False)
    pages: tuple[Page, ...]
    #: Slots in the order a reader meets them.
    reading_order: tuple[str, ...]

    def panel(self, slot: str) -> PanelLayout:
        return next(p for page in self.pages for p in page.panels if p.slot == slot)

    def page_of(self, slot: str) -> Page:
        return next(page for page in self.pages if any(p.slot == slot for p in page.panels))

    def items_in_reading_order(self) -> list[Placed]:
        """Every placed item as a reader meets it (a slot may run over several phone pages)."""
        panels = [panel for page in self.pages for panel in page.panels]
        return [item for slot in self.reading_order for p in panels if p.slot == slot for item in p.items]
