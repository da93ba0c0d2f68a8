"""Placeholders: `{{ school.name }}` in any text of content.yaml, filled from a data row."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from brochure.diagnostics import Diagnostics, Location, did_you_mean
from brochure.load.scalars import value_positions
from brochure.load.texttraps import UNQUOTED_HINT as _UNQUOTED_HINT
from brochure.load.texttraps import UNQUOTED_MESSAGE as _UNQUOTED_MESSAGE
from brochure.load.yamlnodes import FilledScalar, is_null, location

#: A placeholder's name: words joined by dots, like the headers of a CSV file (`school.name`).
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*")
#: What the scanner stops at: an escaped backslash, an escaped `{{`, or a placeholder's start.
_TOKEN = re.compile(r"\\\\|\\\{\{|\{\{")
_SYNTAX_HINT = (
    "a placeholder is a name between double braces, e.g. {{ school.name }}; write \\{{ for a literal {{"
)

Values = Mapping[str, str]


@dataclass(frozen=True)
class Placeholder:
    """A `{{ name }}` at `start` (an offset in the text as written)."""

    name: str
    start: int


@dataclass(frozen=True)
class Filled:
    """A text with its placeholders filled, and what could not be filled."""

    text: str
    #: Placeholders without a value; they stay in `text` as written.
    missing: tuple[Placeholder, ...] = ()
    #: (offset as written, problem) for each `{{` that is not a placeholder.
    malformed: tuple[tuple[int, str], ...] = ()
    #: Offsets where a piece of `text` starts, and where that piece was written.
    starts: tuple[int, ...] = (0,)
    written_starts: tuple[int, ...] = (0,)
    #: Whether each piece is copied text (offsets map one to one) or a filled value.
    copied: tuple[bool, ...] = (True,)

    def written_offset(self, offset: int) -> int:
        """Where an offset of the filled text was written: inside a value, its placeholder."""
        piece = bisect.bisect_right(self.starts, offset) - 1
        start, written = self.starts[piece], self.written_starts[piece]
        return written + (offset - start if self.copied[piece] else 0)


def has_placeholders(text: str) -> bool:
    return "{{" in text


def fill_text(text: str, values: Values | None) -> Filled:
    """Fill every `{{ name }}` whose value is given and not blank; `\\{{` is a literal `{{`."""
    out: list[str] = []
    starts: list[int] = []
    written: list[int] = []
    copied: list[bool] = []
    missing: list[Placeholder] = []
    malformed: list[tuple[int, str]] = []
    length = 0

    def emit(piece: str, at: int, *, copy: bool) -> None:
        nonlocal length
        if piece:
            out.append(piece)
            starts.append(length)
            written.append(at)
            copied.append(copy)
            length += len(piece)

    index = 0
    for match in _TOKEN.finditer(text):
        if match.start() < index:
            continue
        emit(text[index : match.start()], index, copy=True)
        token = match.group()
        if token == "\\\\":
            emit(token, match.start(), copy=True)
            index = match.end()
            continue
        if token == "\\{{":
            emit("{{", match.start() + 1, copy=True)
            index = match.end()
            continue
        close = text.find("}}", match.end())
        name = text[match.end() : close].strip() if close != -1 else ""
        if close == -1 or not NAME.fullmatch(name):
            problem = "'{{' without '}}'" if close == -1 else f"invalid placeholder name '{name}'"
            malformed.append((match.start(), problem))
            emit("{{", match.start(), copy=True)
            index = match.end()
            continue
        value = values.get(name, "") if values is not None else ""
        if value.strip():
            emit(value, match.start(), copy=False)
        else:
            missing.append(Placeholder(name, match.start()))
            emit(text[match.start() : close + 2], match.start(), copy=True)
        index = close + 2
    emit(text[index:], index, copy=True)
    if not out:
        return Filled("", tuple(missing), tuple(malformed))
    return Filled(
        "".join(out), tuple(missing), tuple(malformed), tuple(starts), tuple(written), tuple(copied)
    )


#: A block value that starts with `{{` without quotes: `title: {{ x }} ...` or `- {{ x }}`.
_UNQUOTED = re.compile(
    r"^(?:[ \t]*(?:-[ \t]+)*[^\s#'\"{-][^:#\n]*:[ \t]+|[ \t]*(?:-[ \t]+)+)(\{\{)", re.MULTILINE
)


def unquoted_placeholders(text: str, file: str, diags: Diagnostics) -> None:
    """C403 for each value that starts with an unquoted `{{`: YAML reads `{` as the start of a
    mapping, so such a line is a syntax error (reported before this) rather than a text."""
    for match in _UNQUOTED.finditer(text):
        line = text.count("\n", 0, match.start(1)) + 1
        column = match.start(1) - text.rfind("\n", 0, match.start(1))
        diags.error("C403", _UNQUOTED_MESSAGE, Location(file, line, column), _UNQUOTED_HINT)


def fill_tree(root: yaml.Node, values: Values | None, file: str, diags: Diagnostics) -> yaml.Node:
    """The node tree with every placeholder in a value filled; C401-C403 for those that cannot be.

    Nodes without placeholders are shared with `root`, which is left unchanged, so one parsed
    template serves many rows. `values` None means no data was given at all.
    """
    return _Filler(values, file, diags).node(root)


class _Filler:
    def __init__(self, values: Values | None, file: str, diags: Diagnostics) -> None:
        self.values, self.file, self.diags = values, file, diags

    def node(self, node: yaml.Node) -> yaml.Node:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node) if has_placeholders(str(node.value)) else node
        if isinstance(node, yaml.SequenceNode):
            items = [self.node(item) for item in node.value]
            if all(new is old for new, old in zip(items, node.value, strict=True)):
                return node
            return yaml.SequenceNode(node.tag, items, node.start_mark, node.end_mark, node.flow_style)
        if isinstance(node, yaml.MappingNode):
            unquoted = _unquoted_placeholder(node)
            if unquoted is not None:
                return self.unquoted(node, unquoted)
            pairs = [(key, self.node(value)) for key, value in node.value]
            if all(new is old for (_, new), (_, old) in zip(pairs, node.value, strict=True)):
                return node
            return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark, node.flow_style)
        return node

    def scalar(self, node: yaml.ScalarNode) -> yaml.Node:
        written = str(node.value)
        filled = fill_text(written, self.values)
        where = value_positions(node, self.file)
        for offset, problem in filled.malformed:
            self.diags.error("C402", f"malformed placeholder: {problem}", where(offset), _SYNTAX_HINT)
        for placeholder in filled.missing:
            message, hint = self.no_value(placeholder.name)
            self.diags.error("C401", message, where(placeholder.start), hint)
        return FilledScalar(node, filled.text, filled.written_offset)

    def unquoted(self, node: yaml.MappingNode, name: str) -> yaml.Node:
        """`title: {{ name }}` is a mapping in YAML: say how to write it, and go on as if quoted."""
        written = f"{{{{ {name} }}}}"
        hint = f'write "{written}" (YAML reads a bare {{ as a mapping)'
        self.diags.error("C403", _UNQUOTED_MESSAGE, location(node, self.file), hint)
        text = yaml.ScalarNode("tag:yaml.org,2002:str", written, node.start_mark, node.end_mark, '"')
        return self.scalar(text)

    def no_value(self, name: str) -> tuple[str, str]:
        message = f"placeholder '{{{{ {name} }}}}' has no value"
        if self.values is None:
            return message, f"build with --data FILE, a CSV or YAML file whose rows give '{name}'"
        if name in self.values:
            return message, f"the data row leaves '{name}' empty; give it a value"
        known = sorted(self.values)
        hint = did_you_mean(name, known) if known else "the data row gives no values"
        return message, f"the data has no column '{name}'; {hint}"


def _unquoted_placeholder(node: yaml.MappingNode) -> str | None:
    """The name in `{{ name }}` written without quotes (a mapping whose key is a mapping)."""
    if not node.flow_style or len(node.value) != 1:
        return None
    inner, outer_value = node.value[0]
    if not (isinstance(inner, yaml.MappingNode) and is_null(outer_value) and len(inner.value) == 1):
        return None
    key, value = inner.value[0]
    if isinstance(key, yaml.ScalarNode) and is_null(value) and NAME.fullmatch(str(key.value)):
        return str(key.value)
    return None
