"""The decided layout as plain data: every box, colour field and placed block of every page."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from brochure.load.model import Block
from brochure.resolve.document import Document
from brochure.resolve.fold import PanelGeometry
from brochure.resolve.theme import Colour
from brochure.units import Box

EDGES = ("left", "right", "top", "bottom")

#: Names of the canvas callbacks that open and close a phrase's own language in the content
#: stream (`brochure.layout.text.markup` puts them, `brochure.render.pdfcanvas` answers them).
LANGUAGE_OPEN, LANGUAGE_CLOSE = "brochure-lang-open", "brochure-lang-close"


@dataclass(frozen=True)
class Placed:
    """A flowable at its final position, with the block it came from and its structure role.

    `role` is a PDF structure type (H1, H2, P, L, Figure, Note, ...) or "Artifact".
    """

    flowable: Flowable
    box: Box
    role: str
    block: Block | None = None


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
    document: Document
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
