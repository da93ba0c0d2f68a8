"""Filling panels: stack items top-down, split where allowed, balance flows, measure overflow."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from brochure.layout.blocks import Item
from brochure.layout.model import Placed
from brochure.units import Box

EPSILON = 0.01


@dataclass(frozen=True)
class Column:
    """Items set in one panel: (item, offset of its top below the box top, height)."""

    entries: tuple[tuple[Item, float, float], ...]
    used: float
    #: The author's `break` that ended this column, if one did.
    breaker: Item | None = None

    def place(self, box: Box, align: str) -> tuple[Placed, ...]:
        """Final positions in `box`, aligned vertically as asked."""
        extra = max(0.0, box.height - self.used)
        count = len(self.entries)
        placed = []
        for n, (item, top, height) in enumerate(self.entries):
            if align == "spread" and count > 1:
                shift = extra * n / (count - 1)
            else:
                shift = {"top": 0.0, "centre": extra / 2, "bottom": extra}.get(align, extra / 2)
            y = box.top - top - shift - height
            placed.append(_placed(item, Box(box.x, y, box.width, height)))
        return tuple(placed)


def _placed(item: Item, box: Box) -> Placed:
    """An item at its place, as records."""
    return Placed(box, item.role, item.block, item.setter.place(box.x, box.top, box.width, item.role))


def _gap(previous: Item | None, item: Item) -> float:
    if previous is None:
        return 0.0
    return max(previous.setter.space_after, item.setter.space_before)


def fill(
    items: Sequence[Item], width: float, height: float, *, whole: bool = False, panel: float | None = None
) -> tuple[Column, list[Item]]:
    """Set items into one column; return it and the items (or parts) that did not fit. With
    `whole`, an item is split only when it is taller than the whole panel (`panel` high, when
    `height` is the depth a balancing trial allows; else `height`)."""
    tallest = height if panel is None else panel
    queue = list(items)
    entries: list[tuple[Item, float, float]] = []
    used = 0.0
    while queue:
        item = queue[0]
        previous = entries[-1][0] if entries else None
        if item.breaks:
            queue.pop(0)
            if entries:
                return Column(tuple(entries), used, breaker=item), queue
            continue
        gap = _gap(previous, item)
        avail = height - used - gap
        _, h = item.setter.wrap(width, avail)
        if h <= avail + EPSILON:
            if (
                entries
                and item.keep_with_next
                and len(queue) > 1
                and not _starts(queue[1], item, width, avail - h, whole=whole and h <= tallest)
            ):
                break  # a heading never ends a panel: it moves on with what it heads
            entries.append((item, used + gap, h))
            used += gap + h
            queue.pop(0)
            continue
        splits = avail > 0 and not (whole and h <= tallest + EPSILON)
        parts = item.setter.split(width, avail) if splits else []
        if len(parts) >= 2:
            _, first_h = parts[0].wrap(width, avail)
            if first_h <= avail + EPSILON:
                entries.append((replace(item, setter=parts[0]), used + gap, first_h))
                used += gap + first_h
                queue[0:1] = [replace(item, setter=p) for p in parts[1:]]
        if not entries and queue and queue[0] is item:
            # Nothing fits even at the top of an empty panel: place it and let it overflow,
            # so the overflow is measured rather than looping.
            entries.append((item, 0.0, h))
            used = h
            queue.pop(0)
        break
    return Column(tuple(entries), used), queue


def _starts(item: Item, previous: Item, width: float, avail: float, *, whole: bool = False) -> bool:
    """Whether at least the first lines of `item` (all of it, when `whole`) fit below
    `previous` in `avail` points."""
    avail -= _gap(previous, item)
    if avail <= 0:
        return False
    _, h = item.setter.wrap(width, avail)
    if h <= avail + EPSILON:
        return True
    return not whole and len(item.setter.split(width, avail)) >= 2


def stack_height(items: Sequence[Item], width: float) -> float:
    """Height of items set one under another with no limit."""
    total, previous = 0.0, None
    for item in items:
        total += _gap(previous, item) + item.setter.wrap(width, 1e6)[1]
        previous = item
    return total


@dataclass(frozen=True)
class FlowResult:
    columns: tuple[Column, ...]
    leftover: tuple[Item, ...]
    #: Points that do not fit: 0 when everything fits.
    overflow: float
    #: The first item that does not fit, if any.
    misfit: Item | None = None
    #: The `break` that ended the last box, leaving no box for the items after it.
    stranded_by: Item | None = None


def flow(
    make_items: Callable[[], list[Item]], boxes: Sequence[Box], *, balance: bool, whole: bool = False
) -> FlowResult:
    """Fill boxes in order; with `balance`, as evenly as possible (the shortest column height
    at which everything still fits, found by bisection). With `whole`, paragraphs are first
    kept whole (an item is split between boxes only when it is taller than a box at that
    depth); only when the flow does not fit that way are they split where a box is full.

    The items are made once and measured again in every trial (paragraphs remember their line
    breaking per width); the winning trial is set once more at the end, so that every setter
    is left wrapped as it is placed.
    """
    items = make_items()
    if whole and len(boxes) > 1:
        kept = _balanced(items, boxes, balance=balance, whole=True)
        if not kept.misfit:
            return kept
    return _balanced(items, boxes, balance=balance, whole=False)


def _balanced(items: list[Item], boxes: Sequence[Box], *, balance: bool, whole: bool) -> FlowResult:
    limit = max(b.height for b in boxes)
    result = _flow_at(items, boxes, limit, whole=whole)
    if result.misfit or not balance or len(boxes) < 2:
        return result
    low, high = 0.0, limit
    while high - low > 1.0:
        middle = (low + high) / 2
        trial = _flow_at(items, boxes, middle, whole=whole)
        if trial.misfit or _heading_left_behind(trial):
            low = middle
        else:
            high = middle
    return _flow_at(items, boxes, high, whole=whole)


def _heading_left_behind(result: FlowResult) -> bool:
    """Whether a box ends in a heading whose block went on to a later box: a box too short to
    hold the heading with the start of what it heads (it stands at the top, alone)."""
    return any(
        column.entries
        and column.breaker is None
        and column.entries[-1][0].keep_with_next
        and any(later.entries for later in result.columns[n + 1 :])
        for n, column in enumerate(result.columns)
    )


def _flow_at(items: list[Item], boxes: Sequence[Box], limit: float, *, whole: bool = False) -> FlowResult:
    columns: list[Column] = []
    queue = items
    overflow, misfit = 0.0, None
    for box in boxes:
        height = min(box.height, limit)
        column, queue = fill(queue, box.width, height, whole=whole, panel=box.height)
        columns.append(column)
        if column.used > height + EPSILON:  # one block alone is taller than the panel
            overflow += column.used - height
            misfit = misfit or column.entries[-1][0]
    stranded = None
    if queue:
        last = boxes[-1]
        stranded = columns[-1].breaker
        # After a break the items need a box of their own, whatever room the last one has left.
        room = 0.0 if stranded else max(0.0, min(last.height, limit) - columns[-1].used)
        overflow += max(stack_height(queue, last.width) - room, EPSILON)
        misfit = misfit or queue[0]
    return FlowResult(tuple(columns), tuple(queue), overflow, misfit, stranded)
