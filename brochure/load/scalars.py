"""Where each character of a YAML scalar's value is written: also in quoted, multi-line and folded text.

PyYAML gives a scalar's value and where the scalar starts and ends, not where each character of
the value came from. The value is matched with the scalar's source, character by character:
whitespace that YAML folded away (line breaks, indentation) is skipped, an escape or a doubled
quote stands for the one character it makes, and every other character must be itself.
"""

from __future__ import annotations

import bisect

import yaml
from yaml.scanner import Scanner

from brochure.caches import memo
from brochure.diagnostics import Location
from brochure.load.positions import TextPositions
from brochure.load.yamlnodes import FilledScalar, location

_SPACE = " \t\r\n"


@memo(maxsize=1024)
def value_positions(node: yaml.ScalarNode, file: str) -> TextPositions:
    """The line:column of each character of a scalar's value; in a scalar whose placeholders
    were filled (`FilledScalar`), a filled-in value's characters are at its placeholder. A value
    that does not match its source (a scalar made up while reading, not written as such) maps
    every offset to the scalar's start.

    Remembered per node: the rows of a batch share the nodes that have no placeholders.
    """
    start = location(node, file)
    begin, end = node.start_mark, node.end_mark
    if begin.buffer is None:
        return TextPositions(start)
    raw = begin.buffer[begin.index : end.index]
    written = node.written if isinstance(node, FilledScalar) else str(node.value)
    indices = _match(written, raw, node.style)
    if indices is None:
        return TextPositions(start)
    if isinstance(node, FilledScalar):  # a filled-in value's characters are at its placeholder
        indices = [indices[min(node.written_offset(n), len(indices) - 1)] for n in range(len(node.value))]
    return TextPositions(start, _runs(indices, raw, start))


def _runs(indices: list[int], raw: str, start: Location) -> tuple[tuple[int, int, int], ...]:
    """`TextPositions` runs of a value whose characters are at `indices` of `raw`, a source
    that starts at `start`: a new run wherever the next character is not the next column."""
    breaks = [n for n, char in enumerate(raw) if char == "\n"]
    runs: list[tuple[int, int, int]] = []
    previous = -2
    for offset, index in enumerate(indices):
        if index != previous + 1 or raw[previous] == "\n":
            lines = bisect.bisect_left(breaks, index)
            column = index - breaks[lines - 1] if lines else start.column + index
            runs.append((offset, start.line + lines, column))
        previous = index
    return tuple(runs)


def _match(value: str, raw: str, style: str | None) -> list[int] | None:
    """The index in `raw` (a scalar's source) of each character of its `value`, or None."""
    i = _content_start(raw, style)
    found: list[int] = []
    for char in value:
        while True:
            if i >= len(raw):
                return None
            if style == '"' and raw[i] == "\\":
                if raw[i + 1 : i + 2] in ("\n", "\r"):  # an escaped line break joins two lines
                    i += 2
                    continue
                made, length = _escape(raw, i)
                if made != char:
                    return None
                found.append(i)
                i += length
                break
            if style == "'" and char == "'" and raw.startswith("''", i):
                found.append(i)
                i += 2
                break
            if raw[i] == char or (char in _SPACE and raw[i] in _SPACE):
                found.append(i)
                i += 1
                break
            if raw[i] not in _SPACE:
                return None
            i += 1  # whitespace YAML folded away: a line break, indentation, trailing spaces
    return found


def _content_start(raw: str, style: str | None) -> int:
    """Where the value's text starts in the source: after an opening quote, after a block
    scalar's header line (`>-`, `|` with any indicators or comment)."""
    if style in ("'", '"'):
        return 1
    if style in ("|", ">"):
        return raw.find("\n") + 1
    return 0


def _escape(raw: str, i: int) -> tuple[str, int]:
    """The character a double-quoted escape at `i` makes (PyYAML checked it), and its length."""
    code = raw[i + 1 : i + 2]
    if code in Scanner.ESCAPE_REPLACEMENTS:
        return Scanner.ESCAPE_REPLACEMENTS[code], 2
    digits = Scanner.ESCAPE_CODES[code]
    return chr(int(raw[i + 2 : i + 2 + digits], 16)), 2 + digits
