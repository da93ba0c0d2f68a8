"""A paragraph set in a column: lines broken once per width, split between lines, placed as records."""

from __future__ import annotations

from dataclasses import dataclass, replace

from brochure.layout.breaking import Line, break_lines
from brochure.layout.model import Glyphs, LinkArea, Part, TextLine
from brochure.layout.rtl import rtl_line
from brochure.layout.runs import ascent_descent, face_run
from brochure.layout.setting import LINE_BREAK, ZERO_WIDTH_SPACE, Prepared
from brochure.layout.styles import TextStyle
from brochure.resolve.fonts import soft_hyphen_is_visible
from brochure.resolve.hyphenation import SOFT_HYPHEN
from brochure.units import Box

#: Roles whose paragraph starts with a label (a bullet, a number, a footnote mark), tagged as
#: a Lbl of its own, and the role of the text that follows it.
LABELLED = {"LI": "LBody", "Note": "Note"}
#: Fewest lines a paragraph leaves at the foot of a panel (orphans) and takes to the next (widows).
ORPHANS = WIDOWS = 2
#: Room between a label wider than its indent and the text after it, in ems.
LABEL_GAP = 0.25
EPSILON = 0.01


@dataclass(frozen=True)
class Label:
    """A list item's bullet, a source's number or a footnote's mark, set in front of the text."""

    prepared: Prepared


class TextBlock:
    """A paragraph: its prepared text from `start` to `stop`, in a style, with an optional label.

    Breaking the lines depends only on the width, so it is done once per width (fitting and
    balancing a flow measure the same paragraph many times). A part split off keeps the lines it
    was given; the rest starts at the next line's first character and breaks again for the width
    it gets.
    """

    def __init__(
        self,
        prepared: Prepared,
        style: TextStyle,
        *,
        label: Label | None = None,
        kept: bool = False,
        start: int = 0,
        stop: int | None = None,
        fixed: tuple[float, tuple[Line, ...]] | None = None,
    ) -> None:
        self.prepared, self.style, self.label, self.kept = prepared, style, label, kept
        self.start, self.stop = start, len(prepared.text) if stop is None else stop
        self.space_before, self.space_after = style.space_before, style.space_after
        self._lines: dict[float, tuple[Line, ...]] = dict([fixed]) if fixed else {}

    @property
    def text(self) -> str:
        """The text this part sets (a forced line break read as a space)."""
        return self.prepared.text[self.start : self.stop].replace(LINE_BREAK, " ")

    def label_width(self) -> float:
        if self.label is None or self.start > 0:
            return 0.0
        return self.label.prepared.width(0, len(self.label.prepared.text))

    def first_offset(self) -> float:
        """How far the first line starts in from the column's left edge."""
        label = self.label_width()
        if label <= 0:
            return self.style.indent
        return max(self.style.indent, label + LABEL_GAP * self.style.size)

    def lines(self, width: float) -> tuple[Line, ...]:
        if width not in self._lines:
            lines = self._broken(width)
            if self.style.balanced and len(lines) > 1 and not any(line.overfull for line in lines):
                lines = self._balanced(width, lines)
            self._lines[width] = lines
        return self._lines[width]

    def _broken(self, width: float) -> tuple[Line, ...]:
        return break_lines(
            self.prepared,
            width - self.style.indent,
            first_width=width - self.first_offset(),
            start=self.start,
            stop=self.stop,
        )

    def _balanced(self, width: float, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """The lines in the narrowest measure (to a point) that sets them in as many lines: a
        title of three lines reads as three even lines, not two full ones and a lone word. The
        search starts from the text's width shared out over the lines, which no narrower
        measure can hold."""
        count = len(lines)
        low, high = sum(line.width for line in lines) / count - 1.0, width
        best = lines
        while high - low > 1.0:
            middle = (low + high) / 2
            trial = self._broken(middle)
            if len(trial) == count and not any(line.overfull for line in trial):
                high, best = middle, trial
            else:
                low = middle
        return best

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return width, len(self.lines(width)) * self.style.leading

    def overfull(self, width: float) -> list[str]:
        """The words too wide for a column `width` points wide."""
        return [self.prepared.text[line.start : line.end.pos] for line in self.lines(width) if line.overfull]

    def split(self, width: float, height: float) -> list[TextBlock]:
        """Two parts: as many lines as fit in `height` (at least ORPHANS, and not ending in a
        hyphen: a word is never broken across panels), and the rest (at least WIDOWS lines)."""
        lines = self.lines(width)
        if self.kept or len(lines) < ORPHANS + WIDOWS:
            return []
        room = int((height + EPSILON) // self.style.leading)
        for count in range(min(room, len(lines) - WIDOWS), ORPHANS - 1, -1):
            if lines[count - 1].end.flagged:
                continue
            head = TextBlock(
                self.prepared,
                self.style,
                label=self.label,
                start=self.start,
                stop=lines[count - 1].end.pos,
                fixed=(width, lines[:count]),
            )
            tail = TextBlock(self.prepared, self.style, start=lines[count].start, stop=self.stop)
            tail.space_before = 0.0
            head.space_after = 0.0
            return [head, tail]
        return []

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        """The parts this paragraph paints with its top left corner at (x, top): its label as a
        Lbl of its own (for list items and notes), then its text."""
        style, lines = self.style, self.lines(width)
        height = len(lines) * style.leading
        box = Box(x, top - height, width, height)
        # The first line's glyphs stand below the top: its em box, or the face's ascender where
        # that is taller (Noto Sans, for stacked accents; a right-to-left phrase's face).
        faces = [face.font for face in self.prepared.faces] if self.prepared.base == 0 else []
        ascent = max(ascent_descent(font, style.size)[0] for font in [style.face(), *faces])
        first_baseline = top - max(style.size, ascent)
        parts: list[Part] = []
        text_role = LABELLED.get(role, role)
        rtl = style.direction == "rtl"
        if self.label is not None and self.start == 0:
            label = self.label.prepared
            whole = Line(0, label.breaks[-1], label.width(0, len(label.text)))
            if rtl:
                painted = rtl_line(label, whole, x + width, first_baseline, style.name)
            else:
                painted = _line(label, whole, x, first_baseline, style.name)
            parts.append(
                Part("Lbl" if role in LABELLED else text_role, painted.box, (painted,), (), label.text)
            )
        painted_lines, links = [], []
        for n, line in enumerate(lines):
            inset = self.first_offset() if n == 0 else style.indent
            baseline = first_baseline - n * style.leading
            if rtl:
                painted = rtl_line(self.prepared, line, x + width - inset, baseline, style.name)
            elif self.prepared.base == 0:  # a right-to-left phrase in left-to-right text
                painted = rtl_line(self.prepared, line, x + inset, baseline, style.name)
            else:
                painted = _line(self.prepared, line, x + inset, baseline, style.name)
            painted_lines.append(painted)
            links += _links(painted)
        parts.append(Part(text_role, box, tuple(painted_lines), tuple(links), self.text))
        return tuple(parts)


def _line(prepared: Prepared, line: Line, x: float, baseline: float, style: str) -> TextLine:
    """One broken line as glyph runs: a run per face, the space or hyphen it ends in added."""
    runs: list[Glyphs] = []
    end = line.end
    for run_start, run_end, face_index in prepared.runs:
        start, stop = max(run_start, line.start), min(run_end, end.pos)
        if start >= stop:
            continue
        face = prepared.faces[face_index]
        text = prepared.text[start:stop].replace(ZERO_WIDTH_SPACE, "").replace(LINE_BREAK, "")
        x_run = x + prepared.width(line.start, start)
        runs.append(face_run(text, face, x_run, prepared.width(start, stop), (start, stop), style, baseline))
    if runs and end.kind in ("space", "emergency", "forced"):
        runs[-1] = replace(runs[-1], text=runs[-1].text + " ")  # the text layer keeps the word space
    elif runs and end.kind in ("hyphen", "author"):
        last = runs[-1]
        mark = SOFT_HYPHEN if soft_hyphen_is_visible(last.font) else "-"
        runs[-1] = replace(last, text=last.text + mark, width=last.width + end.extra)
    return TextLine(tuple(runs), hyphenated=end.flagged, overfull=line.overfull)


def _links(line: TextLine) -> list[LinkArea]:
    """One area per stretch of a line that links to one address."""
    areas: list[LinkArea] = []
    for run in line.runs:
        if not run.link:
            continue
        box = run.box
        if areas and areas[-1].url == run.link and abs(areas[-1].box.right - box.x) < EPSILON:
            prior = areas[-1].box
            bottom, top = min(prior.y, box.y), max(prior.top, box.top)
            areas[-1] = LinkArea(Box(prior.x, bottom, box.right - prior.x, top - bottom), run.link)
        else:
            areas.append(LinkArea(box, run.link))
    return areas
