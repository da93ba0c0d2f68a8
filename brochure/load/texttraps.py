"""YAML traps in one value: what YAML made of a text, the line as written and the quoting that fixes it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

from brochure.diagnostics import Diagnostics, Location

#: Plain words YAML 1.1 tools read as true or false; brochure reads only `true` and `false`.
YES_NO = ("yes", "no", "y", "n", "on", "off")
NULL_WORDS = ("~", "null", "Null", "NULL")

#: What YAML reads a character as when a value starts with it.
INDICATORS = {
    "'": "the start of a text in single quotes, which ends at the next '",
    '"': 'the start of a text in double quotes, which ends at the next "',
    "*": "an alias (a reference to an anchor)",
    "&": "an anchor (a name for the value after it)",
    "!": "a tag (a type name)",
    "@": "a reserved character",
    "`": "a reserved character",
    "[": "the start of a [...] list",
    "]": "the end of a [...] list",
    "{": "the start of a {...} mapping",
    "}": "the end of a {...} mapping",
    "-": "a list item",
    "?": "a mapping key",
    ":": "a mapping value",
    "|": "the start of a block of text (on the lines below)",
    ">": "the start of a folded block of text (on the lines below)",
    "%": "a directive",
    ",": "a separator of [...] items",
    "#": "the start of a comment, so the value is empty",
}
UNQUOTED_MESSAGE = "a value that starts with '{{' must be in quotes"
UNQUOTED_HINT = 'write it in quotes, e.g. title: "{{ school.name }}" (YAML reads a bare { as a mapping)'
_STRUCTURE = re.compile(r"[ \t]*(?:-[ \t]|[\w-]+:(?:[ \t]|$))")


def source_line(buffer: str, index: int) -> tuple[str, int]:
    """The line of `buffer` (without its line break) around `index`, and `index`'s column in it."""
    start = buffer.rfind("\n", 0, index) + 1
    end = len(buffer)
    for stop in ("\n", "\0"):
        found = buffer.find(stop, index)
        if found != -1:
            end = min(end, found)
    return buffer[start:end].rstrip("\r"), index - start


def quoted(value: str) -> str:
    """A YAML text in double quotes, or in single quotes when it holds `"` or a backslash."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def fixed_line(line: str, value_start: int) -> str:
    """The line with its value (from `value_start` to the end) in quotes."""
    return line[:value_start] + quoted(line[value_start:].rstrip())


def quote_hint(line: str, value_start: int) -> str:
    return f"put the whole text in quotes: {fixed_line(line, value_start).strip()}"


def spanning_hint(lines: Sequence[str], first: int, value_start: int, last: int) -> str:
    """The quoting of a plain text written on lines `first` to `last` (0-based), starting at
    `value_start` on the first: one quote before its first word and one after its last."""
    if first == last:
        return quote_hint(lines[first], value_start)
    head, tail = lines[first], lines[last].strip()
    text = " ".join(line.strip() for line in (head[value_start:], *lines[first + 1 : last + 1]))
    mark = quoted(text)[0]
    written = f"{head[:value_start].strip()} {mark}{head[value_start:].strip()} … {tail}{mark}"
    return f"put the whole text in quotes, from line {first + 1} to line {last + 1}: {written.strip()}"


def text_lines(lines: Sequence[str], index: int) -> tuple[int, int]:
    """The first and last line (0-based) of the plain text that line `index` belongs to: up to
    the line with its key or `- `, down over the lines indented under that one."""
    first = index
    while first > 0 and not _STRUCTURE.match(lines[first]) and lines[first - 1].strip():
        first -= 1
    indent, last = _indent(lines[first]), index
    while last + 1 < len(lines):
        below = lines[last + 1]
        if not below.strip() or below.lstrip().startswith("#") or _indent(below) <= indent:
            break
        if _STRUCTURE.match(below):
            break
        last += 1
    return first, last


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def leading(line: str, value_start: int, char: str) -> tuple[str, str]:
    """Message and hint for a value that starts with an indicator character."""
    what = INDICATORS.get(char, "YAML syntax")
    shown = "'" if char == "'" else char
    message = f"this text starts with {shown!r}, which YAML reads as {what}: {line.strip()}"
    return message, quote_hint(line, value_start)


def text_trap(node: yaml.Node, what: str, file: str, diags: Diagnostics) -> bool:
    """Report (and return True) when a node that should be a text is something else only because
    of how YAML reads the line: `~`, a leading `#`, `[`, `{`, or a `: ` inside the text."""
    mark = node.start_mark
    if mark.buffer is None:
        return False
    line, column = source_line(mark.buffer, mark.index)
    where = Location(file, mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode) and node.style is None:
        if node.value in NULL_WORDS:
            diags.error(
                "C125",
                f"YAML reads {node.value!r} as 'nothing', not as a text: {line.strip()}",
                where,
                f"for the text, put it in quotes: {fixed_line(line, column).strip()}",
            )
            return True
        rest = line[column:]
        if not node.value and rest.lstrip().startswith("#"):
            start = column + len(rest) - len(rest.lstrip())
            message, hint = leading(line, start, "#")
            diags.error("C120", message, Location(file, mark.line + 1, start + 1), hint)
            return True
        return False
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and node.flow_style:
        if mark.line != node.end_mark.line:
            return False
        message, hint = leading(line, column, line[column : column + 1])
        diags.error("C120", message, where, hint)
        return True
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        key, value = node.value[0]
        one_line = isinstance(value, yaml.ScalarNode) and value.end_mark.line == mark.line
        if isinstance(key, yaml.ScalarNode) and key.style is None and one_line:
            diags.error(
                "C122",
                f"this text contains ': ', which YAML reads as a key and its value: {line.strip()}",
                where,
                quote_hint(line, column),
            )
            return True
    return False


def swallowed_lines(node: yaml.ScalarNode) -> int | None:
    """For a quoted text over several lines: the first later line that looks like a line of its
    own (`- heading: ...`, `key: value`), a sign the quote was meant as an apostrophe."""
    mark, end = node.start_mark, node.end_mark
    if node.style not in ("'", '"') or mark.line == end.line or mark.buffer is None:
        return None
    text = mark.buffer[mark.index : end.index]
    for n, later in enumerate(text.split("\n")[1:], start=1):
        if _STRUCTURE.match(later):
            return mark.line + 1 + n
    return None
