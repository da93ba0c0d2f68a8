"""Fit policies: a panel that overflows is an error naming the block, or its text is shrunk."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from reportlab.platypus import Paragraph

from brochure.content.model import Panel
from brochure.diagnostics import Diagnostics
from brochure.document import Document
from brochure.fold import MM
from brochure.layout.blocks import Item, Stack
from brochure.layout.fill import FlowResult, flow
from brochure.layout.model import Box

#: Each shrink step takes this much off the text size.
SHRINK_STEP = 0.025


def fit_panel(
    panel: Panel,
    make_items: Callable[[float], list[Item]],
    boxes: Sequence[Box],
    document: Document,
    diagnostics: Diagnostics,
) -> FlowResult:
    """Fill the panel's boxes at full size; on overflow apply the panel's fit policy."""
    balance = len(boxes) > 1
    result = flow(lambda: make_items(1.0), boxes, balance=balance)
    if not result.misfit:
        return result
    if panel.fit == "shrink":
        theme = document.theme
        scale = 1.0
        while theme.body_size * (scale - SHRINK_STEP) >= theme.min_body_size - 1e-6:
            scale -= SHRINK_STEP
            shrunk = flow(functools.partial(make_items, scale), boxes, balance=balance)
            if not shrunk.misfit:
                diagnostics.warning(
                    "L102",
                    f"panel '{panel.name}': text shrunk to {theme.body_size * scale:.1f} pt to fit",
                    panel.location,
                    "shorten the text to keep the theme's size",
                )
                return shrunk
            result = shrunk
    _report_overflow(panel, result, diagnostics)
    return result


def _report_overflow(panel: Panel, result: FlowResult, diagnostics: Diagnostics) -> None:
    misfit = result.misfit
    assert misfit is not None
    kind = type(misfit.block).__name__.lower() if misfit.block else "block"
    words = sum(_words(item) for item in result.leftover)
    amount = f"{result.overflow / MM:.1f} mm"
    tail = f"; about {words} words do not fit" if words else ""
    location = misfit.block.location if misfit.block else panel.location
    diagnostics.error(
        "L101",
        f"panel '{panel.name}' overflows by {amount}: this {kind} and what follows do not fit{tail}",
        location,
        "shorten the text, move a block to another panel, or set 'fit: shrink' on the panel",
    )


def _words(item: Item) -> int:
    flowable = item.flowable
    if isinstance(flowable, Stack):
        return sum(_words(Item(child, item.role)) for child in flowable.children)
    if isinstance(flowable, Paragraph):
        return len(flowable.getPlainText().split())
    return 0
