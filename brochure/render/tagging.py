"""Marked content while painting: each placed item is tagged real content (with an MCID) or an artifact."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from brochure.layout.blocks import Stack
from brochure.layout.model import Layout, Placed
from brochure.layout.paragraph import Paragraph
from brochure.layout.picture import Picture
from brochure.layout.qr import Beside
from brochure.load.model import Block
from brochure.render.pdfcanvas import annotation_count
from brochure.units import Box

ARTIFACT = "Artifact"
#: Roles whose paragraph starts with a label (a bullet, a number, a footnote mark), drawn as
#: marked content of its own tagged Lbl, and the role of the text that follows it.
LABELLED = {"LI": "LBody", "Note": "Note"}


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
    """Paints placed items inside marked content and records the tagged ones as Marks."""

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
        """Draw one placed item, tagged by its role (decorative parts as artifacts)."""
        item = self._order[id(placed)]
        x, y = placed.box.x, placed.box.y
        for n, (flowable, role, px, py) in enumerate(_parts(placed.flowable, placed.role, x, y)):
            if role == ARTIFACT:
                with artifact(self.canvas):
                    flowable.drawOn(self.canvas, px, py)
                continue
            self._tagged(
                flowable,
                role,
                (item, n),
                placed,
                Box(px, py, placed.box.width, float(getattr(flowable, "height", 0.0))),
            )

    def _tagged(
        self, flowable: Flowable, role: str, order: tuple[int, int], placed: Placed, box: Box
    ) -> None:
        mcid, before = self._mcid, annotation_count(self.canvas)
        self._mcid += 1
        self.canvas.addLiteral(f"/{role} <</MCID {mcid}>> BDC")
        flowable.drawOn(self.canvas, box.x, box.y)
        self.canvas.addLiteral("EMC")
        links = tuple(range(before, annotation_count(self.canvas)))
        on_page = Box(box.x + self._offset, box.y + self._offset, box.width, box.height)
        self.marks.append(Mark(self._page, mcid, role, order, placed.block, on_page, links))


class _Decoration(Flowable):
    """A stack's tint field and rule, drawn on its own so that it can be an artifact."""

    def __init__(self, stack: Stack) -> None:
        super().__init__()
        self.stack = stack
        self.width, self.height = stack.width, stack.height

    def draw(self) -> None:
        self.stack.decorate(self.canv, 0.0, 0.0)


def _parts(flowable: Flowable, role: str, x: float, y: float) -> Iterator[tuple[Flowable, str, float, float]]:
    """The pieces of a placed flowable with their roles: a stack's decoration is an artifact, its
    picture takes the item's role (Figure or Artifact), and its texts are paragraphs; a QR code
    block's code is a Figure (its Alt says where it leads) and its label and address a P; a list
    item's or a footnote's label comes first, as Lbl, then its text (LBody, Note)."""
    if isinstance(flowable, Stack):
        if flowable.background is not None or flowable.rule is not None:
            yield _Decoration(flowable), ARTIFACT, x, y
        for child, cx, cy in flowable.parts(x, y):
            yield child, role if isinstance(child, Picture) else "P", cx, cy
        return
    if isinstance(flowable, Beside) and role == "Figure":  # a QR code block: the code, then its text
        (code, cx, cy), (text, tx, ty) = flowable.parts(x, y)
        yield code, "Figure", cx, cy
        yield text, "P", tx, ty
        return
    labelled = _labelled(flowable, x, y) if role in LABELLED else None
    if labelled is None:
        yield flowable, LABELLED.get(role, role), x, y
        return
    paragraph, px, py = labelled
    yield paragraph.label_only(), "Lbl", px, py
    yield paragraph.without_label(flowable), LABELLED[role], x, y


def _labelled(flowable: Flowable, x: float, y: float) -> tuple[Paragraph, float, float] | None:
    """The paragraph with a label that `flowable` draws (itself, or the text beside a QR code),
    and where it is drawn."""
    if isinstance(flowable, Paragraph) and flowable.bulletText:
        return flowable, x, y
    if isinstance(flowable, Beside):
        for child, cx, cy in flowable.parts(x, y):
            found = _labelled(child, cx, cy)
            if found is not None:
                return found
    return None
