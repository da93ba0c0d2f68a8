"""Read content.yaml into a PyYAML node tree that keeps the line:column of every value."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from brochure.diagnostics import Diagnostics, Location
from brochure.load.indentation import indentation_hint
from brochure.load.limits import (
    MAX_FILE_BYTES,
    BadEscape,
    Refused,
    TooLarge,
    compose_limited,
    read_limited,
    size_words,
)
from brochure.load.texttraps import quote_hint, source_line
from brochure.load.yamltraps import check_parsed, explain_failure

NULL_TAG = "tag:yaml.org,2002:null"

#: PyYAML's token names, as an author would say them.
_TOKEN_WORDS = {
    "stream end": "the end of the file",
    "block end": "the end of an indented block",
    "block mapping start": "a new mapping",
    "block sequence start": "a new list",
    "document start": "'---'",
    "flow mapping end": "'}'",
    "flow sequence end": "']'",
    "scalar": "a value",
}
_CONTEXT_WORDS = {
    "simple key": "key",
    "block mapping": "mapping",
    "block collection": "list or mapping",
    "flow sequence": "[...] list",
    "flow mapping": "{...} mapping",
    "quoted scalar": "quoted text",
    "double-quoted scalar": "double-quoted text",
    "single-quoted scalar": "single-quoted text",
    "plain scalar": "text",
    "block scalar": "block of text",
}
_TOKEN = re.compile(r"'?<([a-z ]+)>'?")

_INDENTATION = re.compile(r"expected <block end>, but found")
_PROBLEMS = (
    (
        re.compile(r"expected a single document"),
        "more than one YAML document in the file",
        "a content file holds one document: remove the second '---'",
    ),
    (
        re.compile(r"found unknown escape character"),
        "unknown escape in double-quoted text",
        (
            "inside double quotes a backslash starts a YAML escape; write markup escapes such as \\* "
            "in single quotes or without quotes"
        ),
    ),
    (
        _INDENTATION,
        "the indentation does not match the lines above",
        "the items of one list or mapping must start in the same column",
    ),
    (
        re.compile(r"found character '\\t' that cannot start any token"),
        "a tab character cannot be used here",
        "YAML indents with spaces only: replace the tab with spaces",
    ),
    (
        re.compile(r"mapping values are not allowed here"),
        "unexpected ':' here",
        "check the indentation, or put text that contains ': ' in quotes",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "expected ':' after a key",
        "check the indentation of the lines above, or put the text in quotes",
    ),
)


def location(node: yaml.Node, file: str) -> Location:
    """The 1-based line:column where a node starts (in its own file, for a translated text)."""
    return mark_location(node.start_mark, node.file if isinstance(node, TranslatedScalar) else file)


class TranslatedScalar(yaml.ScalarNode):
    """A text of a translation file put into the source's tree: it points into its own file."""

    def __init__(self, node: yaml.ScalarNode, file: str) -> None:
        super().__init__(node.tag, node.value, node.start_mark, node.end_mark, node.style)
        self.file = file


def mark_location(mark: yaml.Mark, file: str) -> Location:
    return Location(file, mark.line + 1, mark.column + 1)


def is_null(node: yaml.Node) -> bool:
    """Whether a node is an unquoted null: nothing after the colon, `~` or `null`."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def describe(node: yaml.Node) -> str:
    """What a node is, in the words of an error message: 'a list', 'a text 'x''."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if is_null(node):
        return "nothing"
    value = str(node.value)
    shown = value if len(value) <= 30 else value[:29] + "…"
    quoted = isinstance(node, yaml.ScalarNode) and node.style
    return f"a text '{shown}'" if quoted else f"'{shown}'"


def read_text(path: Path, file: str, diags: Diagnostics) -> str | None:
    """The file's text decoded as UTF-8 (a byte-order mark is dropped), or None after C001/C002."""
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except TooLarge:
        diags.error(
            "C007",
            f"the file is larger than {size_words(MAX_FILE_BYTES)}",
            Location(file),
            "a leaflet's content file is a few kilobytes: is this the right file?",
        )
        return None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = getattr(error, "strerror", None) or str(error)
        diags.error("C001", f"cannot read file: {reason}", Location(file))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        diags.error(
            "C002",
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02X} is not valid here)",
            Location(file, line, column),
            "save the file as UTF-8 (most editors offer it under 'Save as' or 'Encoding')",
        )
        return None
    return text.removeprefix("\ufeff")


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset whose line start is valid UTF-8."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, offset) + 1, len(prefix.removeprefix("\ufeff")) + 1


def compose(text: str, file: str, diags: Diagnostics) -> yaml.Node | None:
    """The YAML node tree of a text, or None after C003 (empty) or C004 (syntax error)."""
    if len(text) > MAX_FILE_BYTES:
        diags.error("C007", f"the text is larger than {size_words(MAX_FILE_BYTES)}", Location(file))
        return None
    try:
        root = compose_limited(text)
    except Refused as refused:
        report_refused(refused, file, diags)
        return None
    except BadEscape as error:
        _report_bad_escape(text, error, file, diags)
        return None
    except yaml.MarkedYAMLError:
        traps, left, fixed = explain_failure(text, file)
        diags.extend(traps)
        readable = compose_limited(fixed) if left is None and fixed else None
        if readable is not None:
            # With its traps quoted the file reads: what else it holds is said now, not after
            # the author has fixed these (a ` #` that cuts a text further on, say).
            check_parsed(readable, file, diags)
        elif isinstance(left, Refused):
            report_refused(left, file, diags)
        elif isinstance(left, yaml.MarkedYAMLError):
            _report_syntax_error(left, file, diags)
        return None
    except yaml.reader.ReaderError as error:
        line, column = _text_position(text, error.position)
        diags.error(
            "C004",
            f"character U+{error.character:04X} is not allowed in YAML",
            Location(file, line, column),
            "remove the control character",
        )
        return None
    if root is None or (is_null(root) and not root.value):
        diags.error(
            "C003",
            "the file is empty",
            Location(file, 1, 1),
            "start with 'meta:' and 'panels:'; see the content format in the README",
        )
        return None
    check_duplicate_keys(root, file, diags)
    check_parsed(root, file, diags)
    return root


def _report_bad_escape(text: str, error: BadEscape, file: str, diags: Diagnostics) -> None:
    """C004 at the escape itself: `"\\U00EBB3A0"` names no character."""
    mark = error.problem_mark
    assert mark is not None
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    found = next(
        (m for m in re.finditer(r"\\U([0-9A-Fa-f]{8})", line) if int(m.group(1), 16) > 0x10FFFF), None
    )
    column = found.start() + 1 if found else mark.column + 1
    escape = found.group() if found else "\\U…"
    diags.error(
        "C004",
        f"the escape {escape} names no character: Unicode ends at \\U0010FFFF",
        Location(file, mark.line + 1, column),
        "write the character itself, or its code as \\U followed by 8 digits up to 0010FFFF",
    )


def report_refused(refused: Refused, file: str, diags: Diagnostics) -> None:
    """C008 (too deep) or C009 (an anchor or alias), with the line and, for C009, its quoting."""
    where = mark_location(refused.mark, file)
    if refused.code != "C009" or refused.mark.buffer is None:
        diags.error(refused.code, refused.message, where, refused.hint)
        return
    line, column = source_line(refused.mark.buffer, refused.mark.index)
    hint = f"{refused.hint}; if it is a text, {quote_hint(line, column)}" if refused.text else refused.hint
    diags.error(refused.code, f"{refused.message}: {line.strip()}", where, hint)


def _text_position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _report_syntax_error(error: yaml.MarkedYAMLError, file: str, diags: Diagnostics) -> None:
    mark = error.problem_mark or error.context_mark
    where = mark_location(mark, file) if mark else Location(file)
    problem, context = error.problem or "", error.context or ""
    if _INDENTATION.search(problem) and mark is not None and mark.buffer is not None:
        said = indentation_hint(mark.buffer, mark.line)
        if said is not None:
            diags.error("C004", f"YAML syntax error: {said[0]}", where, said[1])
            return
    if problem.startswith("but "):  # e.g. "expected a single document ..., but found another"
        problem, context = f"{context}, {problem}", ""
    message, hint = readable_problem(problem or context or "invalid YAML")
    if context and error.context_mark and problem:
        start = mark_location(error.context_mark, file)
        hint = f"{_context_words(context)} that starts at line {start.line}, column {start.column}" + (
            f"; {hint}" if hint else ""
        )
    diags.error("C004", f"YAML syntax error: {message}", where, hint)


def _context_words(context: str) -> str:
    """'while scanning a simple key' -> 'in the key'."""
    for prefix in ("while parsing a ", "while scanning a ", "while parsing an ", "while scanning an "):
        if context.startswith(prefix):
            thing = context.removeprefix(prefix)
            return "in the " + _CONTEXT_WORDS.get(thing, thing)
    return _words(context)


def readable_problem(problem: str) -> tuple[str, str]:
    """A PyYAML problem text made readable, and a hint when a common cause is known."""
    for pattern, message, hint in _PROBLEMS:
        if pattern.search(problem):
            return message, hint
    return _words(problem), ""


def _words(text: str) -> str:
    text = _TOKEN.sub(lambda m: _TOKEN_WORDS.get(m.group(1), m.group(0)), text)
    return text.replace("end of stream", "end of the file").replace("'?'", "a key")


def check_duplicate_keys(root: yaml.Node, file: str, diags: Diagnostics) -> None:
    """Report C005 for each repeated key (at the repeat) and keep only the first occurrence."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            node.value = _without_duplicates(node.value, file, diags)
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _without_duplicates(
    pairs: list[tuple[yaml.Node, yaml.Node]], file: str, diags: Diagnostics
) -> list[tuple[yaml.Node, yaml.Node]]:
    first: dict[str, yaml.Node] = {}
    kept = []
    for key, value in pairs:
        if isinstance(key, yaml.ScalarNode):
            name = str(key.value)
            if name in first:
                line = first[name].start_mark.line + 1
                diags.error(
                    "C005",
                    f"duplicate key '{name}'",
                    location(key, file),
                    f"'{name}' is first given at line {line}; keep one of them",
                )
                continue
            first[name] = key
        kept.append((key, value))
    return kept


class FilledScalar(yaml.ScalarNode):
    """A scalar whose placeholders were filled (brochure/content/placeholders.py): `written` is
    its value as written in the file, `written_offset` maps offsets of the value to it."""

    def __init__(self, node: yaml.ScalarNode, value: str, written_offset: Callable[[int], int]) -> None:
        super().__init__(node.tag, value, node.start_mark, node.end_mark, node.style)
        self.written = str(node.value)
        self.written_offset = written_offset
