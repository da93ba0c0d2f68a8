"""Black overprints on the press: text and lines in black ink alone print over what lies beneath."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pikepdf
from pikepdf import Dictionary, Name, Operator

Instruction = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
PATH_START = {"m", "re"}
PATH_BUILDING = {"m", "l", "c", "v", "y", "h", "re", "W", "W*"}
STROKES = {"S", "s"}
FILLS = {"f", "F", "f*", "n"}
BOTH = {"B", "B*", "b", "b*"}
#: Painting that always knocks out (images, shadings, inline images).
KNOCK_OUT = {"Do", "sh", "INLINE IMAGE"}


@dataclass(frozen=True)
class _State:
    fill_black: bool = False  # the fill colour is black ink alone
    stroke_black: bool = False
    fill_over: bool = False  # overprint as set in the graphics state
    stroke_over: bool = False


def _black_only(operands: Sequence[object]) -> bool:
    c, m, y, k = (float(v) for v in operands)  # type: ignore[arg-type]
    return c == m == y == 0 and k > 0


def overprint_black(pdf: pikepdf.Pdf) -> None:
    """Set overprint (with overprint mode 1, so the other inks are kept where black has none)
    for text and strokes whose colour is black ink alone, and knockout for everything else:
    100 % K text over a tint no longer leaves a white gap when the plates are slightly off."""
    states = {
        (fill, stroke): pdf.make_indirect(
            Dictionary(Type=Name.ExtGState, op=fill, OP=stroke, OPM=1 if fill or stroke else 0)
        )
        for fill in (False, True)
        for stroke in (False, True)
    }
    for page in pdf.pages:
        commands = _rewritten(pikepdf.parse_content_stream(page))
        if commands is None:
            continue
        resources = page.obj.Resources
        if "/ExtGState" not in resources:
            resources.ExtGState = Dictionary()
        for (fill, stroke), state in states.items():
            resources.ExtGState[_name(fill, stroke)] = state
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(commands))


def _name(fill: bool, stroke: bool) -> str:
    return f"/OP{'f' if fill else 'k'}{'s' if stroke else 'k'}"


def _rewritten(commands: Sequence[Instruction]) -> list[Instruction] | None:
    """The page's instructions with overprint states set where black ink is painted; None when
    no black text or line is on the page (nothing to change)."""
    out: list[Instruction] = []
    stack: list[_State] = []
    state = _State()
    path_start: int | None = None
    changed = False
    for instruction in commands:
        operands, op = list(instruction.operands), str(instruction.operator)
        wanted: tuple[bool, bool] | None = None
        if op == "q":
            stack.append(state)
        elif op == "Q" and stack:
            state = stack.pop()
        elif op == "k":
            state = replace(state, fill_black=_black_only(operands))
        elif op == "K":
            state = replace(state, stroke_black=_black_only(operands))
        elif op in {"rg", "g", "sc", "scn", "cs"}:
            state = replace(state, fill_black=False)
        elif op in {"RG", "G", "SC", "SCN", "CS"}:
            state = replace(state, stroke_black=False)
        elif op in TEXT_SHOWING:
            wanted = (state.fill_black, state.stroke_over)
        elif op in STROKES:
            wanted = (state.fill_over, state.stroke_black)
        elif op in FILLS and op != "n":
            wanted = (False, state.stroke_over)
        elif op in BOTH:
            wanted = (False, state.stroke_black)
        elif op in KNOCK_OUT:
            wanted = (False, state.stroke_over)
        if op in PATH_START and path_start is None:
            path_start = len(out)
        if wanted is not None and wanted != (state.fill_over, state.stroke_over):
            changed = changed or any(wanted)
            where = path_start if path_start is not None and op not in TEXT_SHOWING else len(out)
            out.insert(where, pikepdf.ContentStreamInstruction([Name(_name(*wanted))], Operator("gs")))
            state = replace(state, fill_over=wanted[0], stroke_over=wanted[1])
        out.append(instruction)
        if op not in PATH_BUILDING:
            path_start = None
    return out if changed else None
