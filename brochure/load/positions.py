"""Where each character of a text was written in the content file: offsets mapped to line:column."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from brochure.diagnostics import Location


@dataclass(frozen=True)
class TextPositions:
    """The line:column of every character of a text, kept as runs: from offset `runs[n][0]` on,
    the characters follow one another on line `runs[n][1]` from column `runs[n][2]`, up to the
    next run. A text written on one line is one run; a folded paragraph one run per line, plus
    one where markup or an escape was left out. Without runs every offset maps to `start`.

    A value (frozen, hashable): equal texts written at the same place have equal positions
    (inline parsing caches by them). Calling it maps an offset to its Location.
    """

    start: Location
    runs: tuple[tuple[int, int, int], ...] = ()

    def __call__(self, offset: int) -> Location:
        if not self.runs:
            return self.start
        run = max(bisect.bisect_right(self.runs, (offset, _LAST, _LAST)) - 1, 0)
        begin, line, column = self.runs[run]
        return Location(self.start.file, line, column + offset - begin)

    @classmethod
    def of(cls, start: Location, places: Sequence[Location]) -> TextPositions:
        """The positions of a text whose characters were written at `places`, one each."""
        runs: list[tuple[int, int, int]] = []
        for offset, place in enumerate(places):
            if runs:
                begin, line, column = runs[-1]
                if place.line == line and place.column == column + offset - begin:
                    continue
            runs.append((offset, place.line, place.column))
        return cls(start, tuple(runs))

    def pick(self, offsets: Sequence[int]) -> TextPositions:
        """The positions of a text made of the characters at `offsets` of this one, in order."""
        if not self.runs:
            return self
        runs, found = self.runs, list[tuple[int, int, int]]()
        previous, end = -2, -1  # the last offset, and where its run ends
        for n, offset in enumerate(offsets):
            if offset == previous + 1 and offset < end:  # the next column of the same run
                previous = offset
                continue
            run = max(bisect.bisect_right(runs, (offset, _LAST, _LAST)) - 1, 0)
            begin, line, column = runs[run]
            end = runs[run + 1][0] if run + 1 < len(runs) else _LAST
            found.append((n, line, column + offset - begin))
            previous = offset
        return TextPositions(self.start, tuple(found))

    def joined(self, length: int, other: TextPositions, other_length: int) -> TextPositions:
        """The positions of this text (`length` characters) followed by `other`'s (seldom
        needed: when inline parsing merges two neighbouring spans of one style)."""
        places = [self(offset) for offset in range(length)]
        return TextPositions.of(self.start, places + [other(offset) for offset in range(other_length)])


#: Larger than any line or column, so that bisecting finds the run an offset falls in.
_LAST = 1 << 62
