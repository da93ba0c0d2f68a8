"""Fold geometry: panel widths, fold positions through the paper, reading order."""

from __future__ import annotations

import itertools

import pytest

from brochure.resolve.fold import FOLD_KINDS, PAPERS, make_fold, mirrored, slot_names
from brochure.units import mm


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


PAIRS = [(kind, paper) for kind in sorted(FOLD_KINDS) for paper in sorted(PAPERS)]


def through_the_paper(fold_x: float, width: float) -> float:
    """Where a line at x on one side lies on the other (the sheet turns over its short edge)."""
    return width - fold_x


@pytest.mark.parametrize(("kind", "paper"), PAIRS)
def test_folds_align_through_the_paper_on_both_sides(kind: str, paper: str) -> None:
    """Each fold line of side 1 is a fold line of side 2 at the mirrored position, and each
    panel's reverse has the same width as the panel."""
    fold = make_fold(kind, paper)
    width = fold.paper.width
    front = sorted(through_the_paper(x, width) for x in fold.fold_lines(1))
    assert front == pytest.approx(sorted(fold.fold_lines(2)))
    assert len(fold.fold_lines(1)) == len(fold.side_panels(1)) - 1
    for panel in fold.side_panels(1):
        reverse = next(
            p for p in fold.side_panels(2) if p.x == pytest.approx(through_the_paper(panel.right, width))
        )
        assert reverse.width == pytest.approx(panel.width)


@pytest.mark.parametrize(("kind", "paper"), PAIRS)
def test_slots_reading_order_and_flows_are_consistent(kind: str, paper: str) -> None:
    """Every panel is read once, starting with the cover and ending with the back; flows are
    runs of panels of one side in reading order; content names are slots and flows."""
    fold = make_fold(kind, paper)
    assert sorted(p.slot for p in fold.panels) == sorted(fold.reading_order)
    assert fold.reading_order[0] == "cover" and fold.reading_order[-1] == "back"
    for slots in fold.flows.values():
        sides = {fold.panel(s).side for s in slots}
        assert len(sides) == 1
        positions = [fold.reading_order.index(s) for s in slots]
        assert positions == list(range(positions[0], positions[0] + len(slots)))
        xs = [fold.panel(s).x for s in slots]
        assert xs == sorted(xs), "a flow runs left to right"
    assert set(slot_names(kind)) == set(fold.reading_order) | set(fold.flows)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_roll_fold_tuck_in_panel_is_the_narrow_one(paper: str) -> None:
    """The flap, folded inside, is 3 mm narrower than the others; so is its reverse."""
    fold = make_fold("roll", paper)
    flap = fold.panel(fold.tuck_in)
    others = [p.width for p in fold.panels if p.slot != "flap" and p.slot != "inside-right"]
    assert fold.tuck_in == "flap"
    assert all(w - flap.width == pytest.approx(mm(3)) for w in others)
    assert fold.panel("inside-right").width == pytest.approx(flap.width)
    reverse_x = through_the_paper(flap.right, fold.paper.width)
    assert fold.panel("inside-right").x == pytest.approx(reverse_x)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_z_fold_has_three_equal_panels_with_the_cover_on_the_left(paper: str) -> None:
    """Z-fold: cover | outside-middle | outside-right and back | inside-left | inside-right,
    each a third of the sheet; the cover's reverse is inside-right, the back's is outside-right."""
    fold = make_fold("z", paper)
    third = fold.paper.width / 3
    assert all(p.width == pytest.approx(third) for p in fold.panels)
    assert [p.slot for p in fold.side_panels(1)] == ["cover", "outside-middle", "outside-right"]
    assert [p.slot for p in fold.side_panels(2)] == ["back", "inside-left", "inside-right"]
    assert not fold.tuck_in
    assert fold.flows == {
        "inside": ("inside-left", "inside-right"),
        "outside": ("outside-middle", "outside-right"),
    }


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_half_fold_is_four_half_sheet_panels_with_the_cover_on_the_right(paper: str) -> None:
    """Half-fold: back | cover outside, inside-left | inside-right inside, each half the sheet."""
    fold = make_fold("half", paper)
    assert all(p.width == pytest.approx(fold.paper.width / 2) for p in fold.panels)
    assert [p.slot for p in fold.side_panels(1)] == ["back", "cover"]
    assert [p.slot for p in fold.side_panels(2)] == ["inside-left", "inside-right"]
    assert fold.reading_order == ("cover", "inside-left", "inside-right", "back")


def test_a4_half_fold_panels_are_a5_and_letter_is_11_by_8_5_inches() -> None:
    """A4 folded once gives A5 panels (148.5 x 210 mm); Letter is 279.4 x 215.9 mm."""
    a4 = make_fold("half", "a4").panel("cover")
    assert (a4.width / mm(1), a4.height / mm(1)) == pytest.approx((148.5, 210))
    letter = make_fold("roll", "letter").paper
    assert (letter.width / 72, letter.height / 72) == pytest.approx((11, 8.5))


@pytest.mark.parametrize("kind", sorted(FOLD_KINDS))
@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_a_mirrored_fold_reverses_both_sides_and_keeps_the_folds_aligned(kind: str, paper: str) -> None:
    """Right to left: each side's panels in reverse order at mirrored places, the same widths
    adding up to the sheet, folds still coinciding through the paper, reading order kept."""

    fold = make_fold(kind, paper)
    flipped = mirrored(fold)
    width = fold.paper.width
    for side in (1, 2):
        ltr, rtl = fold.side_panels(side), flipped.side_panels(side)
        assert [p.slot for p in rtl] == [p.slot for p in reversed(ltr)]
        assert [p.width for p in rtl] == pytest.approx([p.width for p in reversed(ltr)])
        assert rtl[0].x == pytest.approx(0) and rtl[-1].right == pytest.approx(width)
        assert [round(width - x, 6) for x in reversed(fold.fold_lines(side))] == [
            round(x, 6) for x in flipped.fold_lines(side)
        ]
    assert sorted(flipped.fold_lines(1)) == pytest.approx(sorted(width - x for x in flipped.fold_lines(2)))
    assert flipped.reading_order == fold.reading_order and flipped.flows == fold.flows


def test_the_mirrored_roll_fold_on_a4_in_millimetres() -> None:
    """Outside cover | back | flap = 100 | 100 | 97, inside inside-right | middle | left = 97 | 100 | 100."""

    flipped = mirrored(make_fold("roll", "a4"))
    outside = [(p.slot, round(p.width / mm(1), 1)) for p in flipped.side_panels(1)]
    inside = [(p.slot, round(p.width / mm(1), 1)) for p in flipped.side_panels(2)]
    assert outside == [("cover", 100.0), ("back", 100.0), ("flap", 97.0)]
    assert inside == [("inside-right", 97.0), ("inside-middle", 100.0), ("inside-left", 100.0)]
    assert flipped.tuck_in == "flap"
