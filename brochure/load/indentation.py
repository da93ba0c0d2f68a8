"""An indentation error in the author's words: the line, its column, and the lines above it
could line up with, the likeliest first."""

from __future__ import annotations

#: The lines above named in a hint, at most.
SHOWN = 2
#: A line of the file quoted in a hint is cut to this many characters.
QUOTED = 40


def indentation_hint(text: str, line: int) -> tuple[str, str] | None:
    """(message, hint) for the 0-based `line` whose indentation breaks the structure above it,
    or None when no line above gives a column to move it to."""
    lines = text.split("\n")
    if not 0 <= line < len(lines) or not lines[line].strip():
        return None
    bad = lines[line]
    column = _indent(bad)
    # The lines above that are still open at `line`: each less indented than the one after it.
    open_lines: list[tuple[int, int]] = []
    for number in range(line - 1, -1, -1):
        above = lines[number]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        indent = _indent(above)
        if not open_lines or indent < open_lines[-1][1]:
            open_lines.append((number, indent))
        if indent == 0:
            break
    choices = [(number, indent) for number, indent in open_lines if indent != column]
    if not choices:
        return None
    item = _is_item(bad)
    # A list item lines up with a list item, a key with a key: those first, nearest first.
    choices.sort(key=lambda choice: _is_item(lines[choice[0]]) != item)
    said = [
        f"in column {indent + 1} as line {number + 1} does ({_quoted(lines[number])})"
        for number, indent in choices[:SHOWN]
    ]
    message = f"the indentation of line {line + 1} (column {column + 1}) does not match the lines above"
    return message, f"start {_quoted(bad)} " + ", or ".join(said)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_item(line: str) -> bool:
    return line.lstrip().startswith("- ") or line.strip() == "-"


def _quoted(line: str) -> str:
    shown = line.strip()
    return f"'{shown if len(shown) <= QUOTED else shown[: QUOTED - 1] + '…'}'"
