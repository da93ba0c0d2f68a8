"""Total-fit line breaking (Knuth and Plass) for ragged-right text, with a typesetter's rules.

Every way of breaking a paragraph is weighed at once and the one with the fewest demerits wins:
- a line's demerits grow with the square of the room it leaves empty (ragged right, so
  a loose line is acceptable, but an even right edge reads better than a jagged one);
- a hyphen costs a penalty (the dictionary's more than the author's own), two hyphenated line
  ends in a row cost more, and a third is never allowed;
- the line before the last does not end in a hyphen if it can be helped, and the last line is
  not a single word where a better break exists;
- a line never runs past the column: when no break fits, a no-break space (also inside a number
  with its unit or a phone number) may end a line, and a word still too long is left overfull
  for the caller to report.
"""

from __future__ import annotations

from dataclasses import dataclass

from brochure.caches import memo
from brochure.layout.setting import Break, Prepared

#: Most hyphenated line ends in a row.
MAX_HYPHENS_IN_ROW = 2
#: Demerits of a line that leaves its whole width empty (scaled by the square of the share).
RAGGED = 10000.0
#: Demerits of every line, so that no line is added only to even out the edge.
LINE = 1500.0
#: Two hyphenated line ends in a row.
HYPHENS_IN_ROW = 3000.0
#: The line before the last ends in a hyphen.
FINAL_HYPHEN = 3000.0
#: The last line is a single word.
ONE_WORD_LAST_LINE = 2500.0
#: A line wider than its column (only chosen when nothing else fits).
OVERFULL = 1e9
EPSILON = 0.01


@dataclass(frozen=True)
class Line:
    """One line as broken: its text runs from `start` to `end.pos` of the prepared text."""

    start: int
    end: Break
    width: float
    overfull: bool = False


@memo(maxsize=4096)
def break_lines(
    prepared: Prepared,
    width: float,
    *,
    first_width: float | None = None,
    start: int = 0,
    stop: int | None = None,
) -> tuple[Line, ...]:
    """The best lines for `prepared.text[start:stop]` in a column `width` points wide (the first
    line `first_width` wide, when a label takes room from it). Kept by all it depends on: a
    paragraph met again at the same width (a rebuild, a batch row, a balancing trial) is not
    broken again."""
    end = len(prepared.text) if stop is None else stop
    if start >= end:
        return ()
    forced = [b for b in prepared.breaks if start < b.pos < end and b.kind == "forced"]
    lines: list[Line] = []
    begin = start
    for piece_end in [*(b.pos for b in forced), end]:
        first = first_width if not lines and first_width is not None else width
        piece = _piece(prepared, begin, piece_end, width, first, emergency=False)
        if any(line.overfull for line in piece):
            piece = _piece(prepared, begin, piece_end, width, first, emergency=True)
        lines += piece
        begin = piece_end + 1 if piece_end < end else end
    return tuple(lines)


def _piece(
    prepared: Prepared, start: int, end: int, width: float, first: float, *, emergency: bool
) -> list[Line]:
    """Lines for a piece of text without forced breaks."""
    candidates = [b for b in prepared.breaks if start < b.pos < end and b.kind != "forced"]
    if emergency:
        candidates = sorted([*candidates, *(b for b in prepared.emergency if start < b.pos < end)], key=_pos)
    last = next((b for b in prepared.breaks if b.pos == end and b.kind in ("final", "forced")), None)
    candidates.append(last or Break(end, end, "final"))
    # The inner loop reads plain lists: where each line would start and end, its advance, ...
    advance, text = prepared.advance, prepared.text
    starts = [start] + [c.resume for c in candidates]  # starts[i + 1]: a line after candidate i
    # best[j][h]: (demerits, predecessor index, predecessor h, width, overfull) of the best way
    # to end a line at candidate j with h hyphenated line ends in a row; index -1 is the start.
    best: list[dict[int, tuple[float, int, int, float, bool]]] = [{} for _ in candidates]
    origin: dict[int, tuple[float, int, int, float, bool]] = {0: (0.0, -2, 0, 0.0, False)}
    final_index = len(candidates) - 1
    for j, candidate in enumerate(candidates):
        final = j == final_index
        pos, extra, flagged, penalty = candidate.pos, candidate.extra, candidate.flagged, candidate.penalty
        here = best[j]
        for i in range(j - 1, -2, -1):
            line_start = starts[i + 1]
            if line_start > pos:
                continue
            available = first if i < 0 else width
            inked = advance[pos] - advance[line_start]
            used = inked + extra
            overfull = used > available + EPSILON
            if overfull and (here or i < j - 1):
                break  # earlier starts are only wider
            states = origin if i < 0 else best[i]
            if final:
                line_cost = LINE
            else:  # ragged right: the square of the share of the line left empty
                slack = available - used
                room = inked + slack
                share = (slack if slack > 0.0 else 0.0) / (room if room > 1.0 else 1.0)
                line_cost = LINE + RAGGED * share * share + penalty
            one_word_last = final and i >= 0 and " " not in text[line_start:pos]
            for h, (demerits, _, _, _, _) in states.items():
                row = h + 1 if flagged else 0
                if row > MAX_HYPHENS_IN_ROW and not overfull:
                    continue
                cost = demerits + line_cost
                if row >= 2:
                    cost += HYPHENS_IN_ROW
                if final and h > 0:
                    cost += FINAL_HYPHEN
                if one_word_last:
                    cost += ONE_WORD_LAST_LINE
                if overfull:
                    cost += OVERFULL * (1 + used - available)
                known = here.get(row)
                if known is None or cost < known[0]:
                    here[row] = (cost, i, h, used, overfull)
            if overfull:
                break
        if not here:  # every way here broke a rule: come from the nearest reachable break
            i = next((k for k in range(j - 1, -1, -1) if best[k]), -1)
            line_start = starts[i + 1]
            states = origin if i < 0 else best[i]
            h = min(states, key=lambda row: states[row][0])
            used = prepared.width(line_start, pos) + extra
            here[0] = (states[h][0] + OVERFULL, i, h, used, used > width + EPSILON)
    return _trace(candidates, best, start)


def _trace(
    candidates: list[Break], best: list[dict[int, tuple[float, int, int, float, bool]]], start: int
) -> list[Line]:
    j = len(candidates) - 1
    if not best[j]:
        return []
    h = min(best[j], key=lambda row: best[j][row][0])
    lines: list[Line] = []
    while j >= 0:
        _, i, previous_h, used, overfull = best[j][h]
        line_start = start if i < 0 else candidates[i].resume
        lines.append(Line(line_start, candidates[j], used, overfull))
        j, h = i, previous_h
    return lines[::-1]


def _pos(candidate: Break) -> int:
    return candidate.pos
