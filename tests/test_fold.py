"""Fold geometry: panel widths, fold positions through the paper, reading order."""

from __future__ import annotations

import itertools

import pytest

from brochure.fold import FOLD_KINDS, PAPERS, make_fold, mm


def test_roll_fold_a4_widths_match_the_design_notes() -> None:
    """Outside 97 | 100 | 100 mm, inside 100 | 100 | 97 mm, on a 297 x 210 mm sheet."""
    fold = make_fold("roll", "a4")
    outside = [(p.slot, round(p.width / mm(1), 2)) for p in fold.side_panels(1)]
    inside = [(p.slot, round(p.width / mm(1), 2)) for p in fold.side_panels(2)]
    assert outside == [("flap", 97), ("back", 100), ("cover", 100)]
    assert inside == [("inside-left", 100), ("inside-middle", 100), ("inside-right", 97)]
    assert fold.paper.width == pytest.approx(mm(297))
    assert fold.paper.height == pytest.approx(mm(210))


def test_roll_fold_lines_coincide_through_the_paper() -> None:
    """A fold at x on side 1 is at (width - x) on side 2, seen from the other side."""
    fold = make_fold("roll", "a4")
    front = [round(x / mm(1), 2) for x in fold.fold_lines(1)]
    back = [round(x / mm(1), 2) for x in fold.fold_lines(2)]
    assert front == [97, 197]
    assert back == [100, 200]
    assert sorted(round(297 - x, 2) for x in front) == back


@pytest.mark.parametrize("kind", sorted(FOLD_KINDS))
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_fold_fills_both_sides_exactly(kind: str, paper: str) -> None:
    """Panels of each side add up to the sheet width with no gap or overlap."""
    fold = make_fold(kind, paper)
    for side in (1, 2):
        panels = fold.side_panels(side)
        assert panels[0].x == 0
        for left, right in itertools.pairwise(panels):
            assert right.x == pytest.approx(left.right)
        assert panels[-1].right == pytest.approx(fold.paper.width)


def test_roll_fold_reading_order_and_inside_flow() -> None:
    """Cover, flap, inside left/middle/right, back; `inside` flows over the three inside panels."""
    fold = make_fold("roll", "a4")
    assert fold.reading_order == ("cover", "flap", "inside-left", "inside-middle", "inside-right", "back")
    assert fold.flows["inside"] == ("inside-left", "inside-middle", "inside-right")
    assert {p.slot for p in fold.panels} == set(fold.reading_order)
