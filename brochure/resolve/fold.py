"""Fold kinds and paper sizes: the physical panels of a sheet, their slots and reading order."""

from __future__ import annotations

from dataclasses import dataclass, replace

from brochure.units import mm


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # long edge, points (sheets are used landscape)
    height: float


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", mm(297), mm(210)),
    # US Letter, 11 x 8.5 inches.
    "letter": Paper("letter", mm(279.4), mm(215.9)),
}


@dataclass(frozen=True)
class PanelGeometry:
    """One panel on one side of the sheet; x and width in points from the sheet's left edge."""

    slot: str
    side: int  # 1 = outside, 2 = inside
    x: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Fold:
    """A fold kind on a paper: panels per side (left to right), reading order, flows."""

    kind: str
    paper: Paper
    panels: tuple[PanelGeometry, ...]
    reading_order: tuple[str, ...]
    #: Named sequences of slots that content can flow across, in reading order.
    flows: dict[str, tuple[str, ...]]
    #: The panel folded inside the others (made narrower so it does not buckle), if any.
    tuck_in: str = ""

    @property
    def slots(self) -> tuple[str, ...]:
        return self.reading_order

    def panel(self, slot: str) -> PanelGeometry:
        return next(p for p in self.panels if p.slot == slot)

    def side_panels(self, side: int) -> tuple[PanelGeometry, ...]:
        return tuple(p for p in self.panels if p.side == side)

    def fold_lines(self, side: int) -> tuple[float, ...]:
        """x positions (points) of the folds on one side of the sheet."""
        return tuple(p.right for p in self.side_panels(side)[:-1])

    def panel_is_at_paper_edge(self, panel: PanelGeometry) -> tuple[bool, bool]:
        """Whether the panel's left and right edges are paper edges (not folds)."""
        return panel.x < 0.01, panel.right > self.paper.width - 0.01


Widths = tuple[tuple[str, float], ...]


def _sides(paper: Paper, outside: Widths, inside: Widths) -> tuple[PanelGeometry, ...]:
    """The panels of both sides, each side given left to right as (slot, width) pairs."""
    panels = []
    for side, row in ((1, outside), (2, inside)):
        x = 0.0
        for slot, width in row:
            panels.append(PanelGeometry(slot, side, x, width, paper.height))
            x += width
    return tuple(panels)


def roll_fold(paper: Paper, tuck: float = mm(3)) -> Fold:
    """Roll (letter) fold: the tuck-in panel (flap, behind it inside-right) is `tuck` narrower."""
    full = (paper.width + tuck) / 3
    narrow = paper.width - 2 * full
    outside = (("flap", narrow), ("back", full), ("cover", full))
    inside = (("inside-left", full), ("inside-middle", full), ("inside-right", narrow))
    reading = ("cover", "flap", "inside-left", "inside-middle", "inside-right", "back")
    flows: dict[str, tuple[str, ...]] = {"inside": ("inside-left", "inside-middle", "inside-right")}
    return Fold("roll", paper, _sides(paper, outside, inside), reading, flows, tuck_in="flap")


def z_fold(paper: Paper) -> Fold:
    """Z-fold (accordion): three equal panels, the cover on the left of side 1.

    Folded, the cover and the back (the reverse of the outside-right panel) are the outer faces.
    Opening the cover shows the two inside panels; unfolded and turned over, the outside
    panels continue the cover side. Nothing tucks in, so no panel is narrower.
    """
    third = paper.width / 3
    outside = (("cover", third), ("outside-middle", third), ("outside-right", third))
    inside = (("back", third), ("inside-left", third), ("inside-right", third))
    reading = ("cover", "inside-left", "inside-right", "outside-middle", "outside-right", "back")
    flows: dict[str, tuple[str, ...]] = {
        "inside": ("inside-left", "inside-right"),
        "outside": ("outside-middle", "outside-right"),
    }
    return Fold("z", paper, _sides(paper, outside, inside), reading, flows)


def half_fold(paper: Paper) -> Fold:
    """Half-fold: the sheet folded once (A4 to A5), four panels, the cover on the right of side 1."""
    half = paper.width / 2
    panels = _sides(paper, (("back", half), ("cover", half)), (("inside-left", half), ("inside-right", half)))
    reading = ("cover", "inside-left", "inside-right", "back")
    return Fold("half", paper, panels, reading, {"inside": ("inside-left", "inside-right")})


def mirrored(fold: Fold) -> Fold:
    """The fold of a right-to-left leaflet (Arabic, Persian, Hebrew), which opens from the other
    side: both sides mirrored left to right, slot names, reading order and flows kept (a roll
    fold's outside is cover | back | flap = 100 | 100 | 97 mm, its inside inside-right |
    inside-middle | inside-left = 97 | 100 | 100 mm; the tuck-in panel stays the narrow one).
    Resolve uses it for every leaflet in a right-to-left language."""
    width = fold.paper.width
    flipped = [replace(panel, x=width - panel.right) for panel in fold.panels]
    panels = tuple(sorted(flipped, key=lambda panel: (panel.side, panel.x)))
    return replace(fold, panels=panels)


FOLD_KINDS = {"roll": roll_fold, "z": z_fold, "half": half_fold}


def make_fold(kind: str, paper: str) -> Fold:
    return FOLD_KINDS[kind](PAPERS[paper])


def slot_names(kind: str) -> tuple[str, ...]:
    """Every name a panel may have in content for this fold: its slots and its flows."""
    fold = make_fold(kind, "a4")
    return fold.slots + tuple(fold.flows)
