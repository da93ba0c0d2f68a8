"""What the paper will carry, read off a layout: text runs with their size and colours."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from brochure.layout.model import Layout, Page, Rule
from brochure.load.model import Block
from brochure.resolve.fonts import text_size
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


def text_runs(layout: Layout) -> Iterator[Run]:
    """Every run of visible text on every page, in page order (raised citation marks left out);
    a Latin word in right-to-left text at the size of the text it is matched to. A panel that
    overflows is left out: its overflow is the error (L101), and its text is not where it prints."""
    paper, fonts = layout.document.theme.palette.paper, layout.document.fonts
    for page in layout.pages:
        for panel in page.panels:
            if panel.overflows:
                continue
            for placed in panel.items:
                field = _field_under(page, placed.box)
                ground = (field, FIELD) if field else (paper, PAPER)
                for part in placed.parts:
                    tint = next((p.colour for p in part.paints if isinstance(p, Rule)), None)
                    if part.role == "Artifact":
                        ground = (tint, TINT) if tint is not None else ground
                        continue
                    for line in part.lines:
                        for run in line.runs:
                            if run.text.strip() and not run.rise:
                                yield Run(
                                    style=run.style,
                                    font=run.font,
                                    size=text_size(fonts, run.font, run.size),
                                    colour=run.colour,
                                    background=ground[0],
                                    ground=ground[1],
                                    link=bool(run.link),
                                    block=placed.block,
                                )


def _field_under(page: Page, box: Box) -> Colour | None:
    x, y = box.x + box.width / 2, box.y + box.height / 2
    for field in page.fields:
        if field.box.x <= x <= field.box.right and field.box.y <= y <= field.box.top:
            return field.colour
    return None
