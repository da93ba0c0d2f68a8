"""Marked content while painting: each placed item is tagged real content (with an MCID) or an artifact."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from brochure.layout.model import Layout, Part, Placed
from brochure.load.model import Block
from brochure.render.pdfcanvas import annotation_count
from brochure.render.records import link, paint
from brochure.units import Box

ARTIFACT = "Artifact"


@dataclass(frozen=True)
class Mark:
    """One tagged marked-content sequence, recorded while painting."""

    page: int  # 0-based
    mcid: int
    #: Structure type: H1-H4, P, Lbl, LBody, Figure, Note ...
    role: str
    #: Reading position: (index of the placed item in reading order, part of that item).
    order: tuple[int, int]
    block: Block | None
    #: Where it sits on its page (outline targets, figure bounding boxes).
    box: Box
    #: Indices into the page's annotations of the links made while painting it.
    links: tuple[int, ...] = ()


@contextmanager
def artifact(canvas: Canvas, kind: str = "") -> Iterator[None]:
    """Mark what is painted inside the block as an artifact (decoration, marks, page furniture):
    `with artifact(canvas): canvas.rect(...)`. `kind` is a PDF artifact type such as
    `Background`, `Layout` or `Page`."""
    properties = f" <</Type /{kind}>> BDC" if kind else " BMC"
    canvas.addLiteral(f"/{ARTIFACT}{properties}")
    yield
    canvas.addLiteral("EMC")


class Tagger:
    """Paints placed items inside marked content and records the tagged parts as Marks."""

    def __init__(self, canvas: Canvas, layout: Layout) -> None:
        self.canvas = canvas
        self._order = {id(placed): n for n, placed in enumerate(layout.items_in_reading_order())}
        self.marks: list[Mark] = []
        self._page = -1
        self._mcid = 0
        self._offset = 0.0

    def start_page(self, offset: float = 0.0) -> None:
        """A new page whose content is painted `offset` points in from its corner (bleed, marks)."""
        self._page += 1
        self._mcid = 0
        self._offset = offset

    def paint(self, placed: Placed) -> None:
        """Paint one placed item part by part, each tagged by its role (decoration as artifacts)."""
        item = self._order[id(placed)]
        for n, part in enumerate(placed.parts):
            if part.role == ARTIFACT:
                with artifact(self.canvas):
                    for record in part.paints:
                        paint(self.canvas, record)
                continue
            self._tagged(part, (item, n), placed)

    def _tagged(self, part: Part, order: tuple[int, int], placed: Placed) -> None:
        mcid, before = self._mcid, annotation_count(self.canvas)
        self._mcid += 1
        self.canvas.addLiteral(f"/{part.role} <</MCID {mcid}>> BDC")
        for record in part.paints:
            paint(self.canvas, record)
        for area in part.links:
            link(self.canvas, area)
        self.canvas.addLiteral("EMC")
        links = tuple(range(before, annotation_count(self.canvas)))
        box = part.box
        on_page = Box(box.x + self._offset, box.y + self._offset, box.width, box.height)
        self.marks.append(Mark(self._page, mcid, part.role, order, placed.block, on_page, links))
