"""Fit policies: a panel that overflows is an error naming the block, or its text is shrunk."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from brochure.diagnostics import Diagnostics, Location, shortened
from brochure.layout.blocks import Item
from brochure.layout.fill import FlowResult, flow
from brochure.load.model import BulletList, Panel
from brochure.load.registry import block_name
from brochure.resolve.document import Document
from brochure.units import MM, Box

#: Each shrink step takes this many points off the body size; the theme's minimum is tried last.
SHRINK_STEP = 0.25


def fit_panel(
    panel: Panel,
    make_items: Callable[[float], list[Item]],
    boxes: Sequence[Box],
    document: Document,
    diagnostics: Diagnostics,
) -> FlowResult:
    """Fill the panel's boxes at full size; when the blocks do not fit (too long, or a word too
    wide for its column) apply the panel's fit policy."""
    balance, whole = len(boxes) > 1, panel.balance == "whole"
    result = flow(lambda: make_items(1.0), boxes, balance=balance, whole=whole)
    if not (result.misfit or too_wide(result, boxes)) or panel.fit != "shrink":
        if result.misfit:
            _report_overflow(panel, result, diagnostics, flow_of=len(boxes))
        report_wide(panel, too_wide(result, boxes), diagnostics)
        return result
    theme = document.theme
    last, size = result, 0.0
    for size in shrink_sizes(theme.body_size, theme.min_body_size):
        shrunk = flow(
            functools.partial(make_items, size / theme.body_size), boxes, balance=balance, whole=whole
        )
        if not shrunk.misfit and not too_wide(shrunk, boxes):
            words = _leftover_words(result)
            diagnostics.warning(
                "L102",
                f"text in {_name(panel, len(boxes))} made smaller to fit: {size:g} pt instead of "
                f"{theme.body_size:g} pt",
                panel.location,
                f"cut about {count_words(words)} to keep {theme.body_size:g} pt"
                if words
                else f"shorten the text a little to keep {theme.body_size:g} pt",
            )
            return shrunk
        last = shrunk
    if last.misfit:
        _report_overflow(panel, last, diagnostics, flow_of=len(boxes), size=size)
    report_wide(panel, too_wide(last, boxes), diagnostics, size=size)
    return last


def too_wide(result: FlowResult, boxes: Sequence[Box]) -> list[tuple[Item, str, float]]:
    """(item, word, column width) for each word placed that is wider than its column."""
    return [
        (item, word, box.width)
        for column, box in zip(result.columns, boxes, strict=True)
        for item, _, _ in column.entries
        for word in item.setter.overfull(box.width)
    ]


def report_wide(
    panel: Panel, wide: list[tuple[Item, str, float]], diagnostics: Diagnostics, *, size: float = 0.0
) -> None:
    """L104 once per block: a word that cannot break is wider than its column."""
    seen: set[int] = set()
    for item, word, width in wide:
        if id(item.block) in seen:
            continue
        seen.add(id(item.block))
        shrunk = f", even with the text at {size:g} pt (the smallest allowed)" if size else ""
        hint = "put a soft hyphen (U+00AD) where it may break, or use a shorter word" + (
            "" if size else ", or set 'fit: shrink' on the panel to set its text smaller"
        )
        diagnostics.error(
            "L104",
            f"in {block_name(item.block)}, '{shortened(word)}' is wider than the column of {_name(panel, 1)} "
            f"({width / MM:.0f} mm){shrunk}",
            item.block.location if item.block else panel.location,
            hint,
        )


def shrink_sizes(body_size: float, min_size: float) -> list[float]:
    """The body sizes tried in turn: SHRINK_STEP smaller each time, ending exactly at the
    minimum (none when the minimum is not below the body size)."""
    sizes, size = [], body_size - SHRINK_STEP
    while size > min_size + 0.01:
        sizes.append(round(size, 2))
        size -= SHRINK_STEP
    return [*sizes, min_size] if min_size < body_size else []


def _report_overflow(
    panel: Panel, result: FlowResult, diagnostics: Diagnostics, *, flow_of: int, size: float = 0.0
) -> None:
    misfit = result.misfit
    assert misfit is not None
    words = _leftover_words(result)
    if result.stranded_by is not None and result.stranded_by.block is not None:
        _report_stranded(panel, result, result.stranded_by.block.location, diagnostics, words=words)
        return
    amount = f"{result.overflow / MM:,.1f} mm"
    shrunk = f", even with its text shrunk to {size:g} pt (the smallest allowed)" if size else ""
    what = _describe(misfit, placed=_placed_blocks(result))
    rest = any(item.block is not misfit.block for item in result.leftover)
    verb = "and everything after it do not fit" if rest else "does not fit"
    count = f" (about {count_words(words)})" if words else ""
    be = "are" if flow_of > 1 else "is"
    cut = f"cut about {count_words(words)}" if words else "make room"
    hint = f"{cut}, move a block to another panel" + ("" if size else ", or set 'fit: shrink' on the panel")
    diagnostics.error(
        "L101",
        f"{_name(panel, flow_of)} {be} {amount} too long{shrunk}: {what} {verb}{count}",
        misfit.block.location if misfit.block else panel.location,
        hint,
    )


def _report_stranded(
    panel: Panel, result: FlowResult, where: Location, diagnostics: Diagnostics, *, words: int
) -> None:
    """L101 for blocks after a `break` that ended the last panel: the break is the cause."""
    blocks = list(dict.fromkeys(id(item.block) for item in result.leftover if item.block is not None))
    about = f", about {count_words(words)}" if words else ""
    count = f"{len(blocks)} block{'s' * (len(blocks) != 1)}{about}"
    diagnostics.error(
        "L101",
        f"the break here leaves no panel for the blocks after it in {_name(panel, len(result.columns))} "
        f"({count}, {result.overflow / MM:,.1f} mm)",
        where,
        "remove this break (or an earlier one), or move the blocks after it to another panel",
    )


def count_words(words: int) -> str:
    return "1 word" if words == 1 else f"{words:,} words"


def _name(panel: Panel, flow_of: int) -> str:
    return f"the '{panel.name}' panels" if flow_of > 1 else f"the '{panel.name}' panel"


def _describe(item: Item, *, placed: set[int]) -> str:
    """`the callout 'Helemaal veilig …'`, or `the end of …` when its start did fit."""
    name = block_name(item.block)
    if item.role == "LI" and isinstance(item.block, BulletList):
        name = f"an item of {name}"
    return f"the end of {name}" if id(item.block) in placed else name


def _placed_blocks(result: FlowResult) -> set[int]:
    return {id(item.block) for column in result.columns for item, _, _ in column.entries if item.block}


def _leftover_words(result: FlowResult) -> int:
    return sum(_words(item) for item in result.leftover)


def _words(item: Item) -> int:
    return len(item.setter.text.split())
