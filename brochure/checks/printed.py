"""What the paper will carry, read off a layout: text runs with size and colours, placed images."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph

from brochure.layout.blocks import Stack
from brochure.layout.model import Layout, Page, Placed
from brochure.load.model import Block
from brochure.load.model import Image as ImageBlock
from brochure.resolve.theme import Colour
from brochure.units import Box

PAPER, FIELD, TINT = "paper", "the cover's colour field", "the callout's tint"


@dataclass(frozen=True)
class Run:
    """A piece of text as it will be printed."""

    style: str  # the paragraph style's name: body, heading, slogan, title, note...
    font: str
    size: float
    colour: Colour
    background: Colour
    #: Where the background comes from: PAPER, FIELD or TINT.
    ground: str
    link: bool
    block: Block | None


@dataclass(frozen=True)
class Picture:
    """An author's image at its placed width, in points."""

    block: ImageBlock
    width: float


def colour(value: Color) -> Colour:
    return Colour(value.red, value.green, value.blue)


def text_runs(layout: Layout) -> Iterator[Run]:
    """Every run of visible text on every page, in page order (superscript marks left out)."""
    paper = layout.document.theme.palette.paper
    for page in layout.pages:
        for panel in page.panels:
            for placed in panel.items:
                field = _field_under(page, placed.box)
                ground = (field, FIELD) if field else (paper, PAPER)
                yield from _runs(placed.flowable, ground, placed.block)


def pictures(layout: Layout) -> Iterator[Picture]:
    """The author's images with the width they are printed at (the figure's one part that is not
    text: its caption is)."""
    for _, placed in placed_blocks(layout):
        if isinstance(placed.block, ImageBlock):
            for child in _descendants(placed.flowable):
                if not isinstance(child, (Stack, Paragraph)):
                    yield Picture(placed.block, child.wrap(placed.box.width, placed.box.height)[0])


def placed_blocks(layout: Layout) -> Iterator[tuple[Page, Placed]]:
    """The placed parts of the author's blocks (not the engine's furniture), page by page."""
    for page in layout.pages:
        for panel in page.panels:
            for placed in panel.items:
                if placed.block is not None:
                    yield page, placed


def _field_under(page: Page, box: Box) -> Colour | None:
    x, y = box.x + box.width / 2, box.y + box.height / 2
    for field in page.fields:
        if field.box.x <= x <= field.box.right and field.box.y <= y <= field.box.top:
            return field.colour
    return None


def _descendants(flowable: Flowable) -> Iterator[Flowable]:
    yield flowable
    if isinstance(flowable, Stack):
        for child in flowable.children:
            yield from _descendants(child)


def _runs(flowable: Flowable, ground: tuple[Colour, str], block: Block | None) -> Iterator[Run]:
    if isinstance(flowable, Stack):
        inner = (colour(flowable.background), TINT) if flowable.background is not None else ground
        for child in flowable.children:
            yield from _runs(child, inner, block)
    elif isinstance(flowable, Paragraph):
        for frag, text in _frags(flowable):
            if text.strip() and not frag.rise:
                yield Run(
                    style=flowable.style.name,
                    font=frag.fontName,
                    size=float(frag.fontSize),
                    colour=colour(frag.textColor),
                    background=ground[0],
                    ground=ground[1],
                    link=bool(frag.link),
                    block=block,
                )


def _frags(paragraph: Paragraph) -> Iterator[tuple[Any, str]]:
    """(fragment, text) pairs of a paragraph, whether whole or split into words by ReportLab
    (a split word is a list: its width, then (fragment, text) pairs)."""
    for frag in paragraph.frags:
        if isinstance(frag, list):
            for part in frag[1:]:
                yield part[0], part[1]
        else:
            yield frag, getattr(frag, "text", "")  # a line break has none
