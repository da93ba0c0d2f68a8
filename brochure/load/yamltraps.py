"""YAML traps in a whole file: texts YAML reads differently from what the author typed.

Two situations. A file YAML cannot read: the lines at or before the error are searched for the
usual causes (a text starting with `'`, `"`, `*`, `[`, ...; a `: ` or ` #` inside a text; no space
after a key's colon), and a cause counts when neutralising it lets YAML read further; those are
reported instead of PyYAML's message, which often points lines away. A file YAML reads: a ` #`
after a text on the same line (the rest became a comment), a `!tag`, a quoted text that swallowed
lines, a key without a space after its colon.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from brochure.caches import memo
from brochure.diagnostics import Diagnostic, Diagnostics, Location, Severity
from brochure.load.limits import Refused, compose_limited
from brochure.load.texttraps import (
    UNQUOTED_HINT,
    UNQUOTED_MESSAGE,
    leading,
    quote_hint,
    quoted,
    source_line,
    spanning_hint,
    swallowed_lines,
    text_lines,
)

#: Codes of the traps, reported before anything else on their line.
TRAP_CODES = frozenset({"C009", "C120", "C121", "C122", "C123", "C124", "C125", "C403"})
#: Files above this size are not searched for causes (each try parses the file again), and the
#: search stops after parsing this many characters in all (a few seconds at most; a leaflet's
#: file of 10 kB can be tried 30 times).
_SEARCH_BYTES = 50_000
_SEARCH_BUDGET = 300_000
_ROUNDS, _TRIES = 8, 12
_LINE = re.compile(
    r"(?P<lead>[ ]*(?:-[ ]+)*)(?:(?P<key>[^\s'\"#\-?:,\[\]{}&*!|>%@`][^:#\t]*?):(?=[ \t]|$)[ \t]*)?"
)
_NO_SPACE = re.compile(r"(?P<lead>[ ]*(?:-[ ]+)*)(?P<key>[a-z][a-z-]*):(?P<after>[^\s:/])")
_STARTS = "'\"*&!@`[]{}-?:|>%,"


@dataclass(frozen=True)
class Trap:
    """A cause found on a line, and an edit of the same line that takes it away (to test it)."""

    diagnostic: Diagnostic
    line: int
    column: int
    remove: str
    insert: str

    def applied(self, lines: list[str]) -> list[str]:
        text = lines[self.line - 1]
        edited = text[: self.column] + self.insert + text[self.column + len(self.remove) :]
        return [*lines[: self.line - 1], edited, *lines[self.line :]]


@memo(maxsize=1)
def known_keys() -> frozenset[str]:
    """Every key name of the published schema (a `title:Schoolreis` lacks a space after one)."""
    schema = json.loads((Path(__file__).parent / "content.schema.json").read_text("utf-8"))
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return frozenset(names)


def explain_failure(text: str, file: str) -> tuple[list[Diagnostic], Exception | None, str]:
    """The traps that make YAML fail on `text`, the error left once they are taken away (None
    when the file reads then), and the text with them taken away ("" after a tab). No traps
    found: ([], the original error, `text`)."""
    lines = text.split("\n")
    error = _first_error(lines)
    if error is None or len(text) > _SEARCH_BYTES:
        return [], error, text
    tab = _tab_at_error(error, lines, file)
    if tab is not None:
        return [tab], None, ""
    found: list[Trap] = []
    budget = _SEARCH_BUDGET
    for _ in range(_ROUNDS):
        if error is None or budget <= 0:
            break
        line = _error_line(error)
        tried = {(t.line, t.column) for t in found}
        candidates = [
            t for t in _candidates(lines, file) if t.line <= line and (t.line, t.column) not in tried
        ]
        for trap in sorted(candidates, key=lambda t: (-t.line, t.column))[:_TRIES]:
            trial = trap.applied(lines)
            budget -= len(text)
            if budget <= 0:
                break
            after = _first_error(trial)
            # Taken: the file reads, or fails only further on, or no longer fails at what the
            # trap started (a quote left open fails only at the end of the file).
            if after is None or _error_line(after) > line or _started_at(error, trap.line, after):
                found.append(trap)
                lines, error = trial, after
                break
        else:
            break
    return [t.diagnostic for t in found], error, "\n".join(lines)


def _tab_at_error(error: Exception, lines: list[str], file: str) -> Diagnostic | None:
    """C124 when YAML stopped at a tab."""
    mark = getattr(error, "problem_mark", None)
    if mark is None or mark.buffer is None or mark.buffer[mark.index : mark.index + 1] != "\t":
        return None
    line = lines[mark.line]
    return Diagnostic(
        "C124",
        f"a tab character, which YAML takes neither as indentation nor as a space: {line.strip(' ')}",
        Location(file, mark.line + 1, mark.column + 1),
        hint="YAML indents with spaces only: replace the tab with spaces",
    )


def _first_error(lines: list[str]) -> Exception | None:
    try:
        compose_limited("\n".join(lines))
    except (yaml.YAMLError, Refused) as error:
        return error
    return None


def _started_at(error: Exception, line: int, after: Exception) -> bool:
    """Whether `error` is about a construct that starts on 1-based `line` (its context), and
    `after` is not on that line."""
    context = getattr(error, "context_mark", None)
    return context is not None and context.line + 1 == line and _error_line(after) != line


def _error_line(error: Exception) -> int:
    """1-based line of an error (the problem's place, else the context's)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    mark = mark or getattr(error, "mark", None)
    return mark.line + 1 if mark is not None else 1 << 30


def _candidates(lines: list[str], file: str) -> Iterator[Trap]:
    """Possible causes on each line outside block texts."""
    literal = literal_lines("\n".join(lines))
    for number, line in enumerate(lines, start=1):
        if number in literal or not line.strip() or line.lstrip().startswith("#"):
            continue
        yield from _line_candidates(lines, number, file)


def _line_candidates(lines: list[str], number: int, file: str) -> Iterator[Trap]:
    line = lines[number - 1]
    match = _LINE.match(line)
    assert match is not None
    start = match.end()
    value = line[start:].rstrip()
    yield from _no_space(number, line, file)
    if not value:
        return
    where = Location(file, number, start + 1)
    first = value[0]
    # `[Lokaal #12, ...]` is a good list but for its ` #`: that is the trap, not the bracket.
    hashed = first in "[{" and _reads(value.replace(" #", " x"))
    if first in _STARTS and not _reads(value) and not hashed:
        message, hint = leading(line, start, first)
        code = "C120"
        if value.startswith("{{"):  # a placeholder: said as brochure/content/placeholders.py says it
            code, message, hint = "C403", UNQUOTED_MESSAGE, UNQUOTED_HINT
        yield Trap(Diagnostic(code, message, where, hint=hint), number, start, first, "x")
    if first in "[{":
        yield from _flow_hash(number, line, start, file)
    if first in "'\"[{":
        return
    colon = value.find(": ")
    if colon == -1 and value.endswith(":"):
        colon = len(value) - 1
    if colon != -1:
        message = f"this text contains ': ', which YAML reads as a key and its value: {line.strip()}"
        at = Location(file, number, start + colon + 1)
        yield Trap(
            Diagnostic("C122", message, at, hint=quote_hint(line, start)), number, start + colon, ":", ";"
        )
    hash_at = value.find(" #")
    if hash_at != -1:
        message = comment_message(line, start + hash_at)
        at = Location(file, number, start + hash_at + 2)
        top, bottom = text_lines(lines, number - 1)
        begins = _LINE.match(lines[top])
        assert begins is not None
        hint = spanning_hint(lines, top, begins.end() if top < number - 1 else start, bottom)
        yield Trap(
            Diagnostic("C121", message, at, hint=hint),
            number,
            start + hash_at + 1,
            "#",
            "x",
        )


def _flow_hash(number: int, line: str, start: int, file: str) -> Iterator[Trap]:
    """` #` inside a `{...}` or `[...]` on one line (`{url: ..., label: Scan #1}`): the comment
    takes the rest of the line, the closing bracket too. The fix quotes the one value."""
    hash_at = line.find(" #", start)
    if hash_at == -1:
        return
    begin = max(line.rfind(mark, start, hash_at) + len(mark) for mark in (": ", ", ", "{", "["))
    while begin < hash_at and line[begin] == " ":
        begin += 1
    ends = [found for mark in ",}]" if (found := line.find(mark, hash_at)) != -1]
    end = min(ends, default=len(line.rstrip()))
    value = line[begin:end].rstrip()
    if not value or value[0] in "'\"":
        return
    fixed = (line[:begin] + quoted(value) + line[begin + len(value) :]).strip()
    message = (
        f"the text stops before '{line[hash_at + 1 : begin + len(value)]}': YAML reads ' #' as the "
        f"start of a comment, and the rest of the line with it: {line.strip()}"
    )
    at = Location(file, number, hash_at + 2)
    hint = f"put the text in quotes: {fixed}"
    yield Trap(Diagnostic("C121", message, at, hint=hint), number, hash_at + 1, "#", "x")


def _no_space(number: int, line: str, file: str) -> Iterator[Trap]:
    """`title:Schoolreis`: a known key without a space after its colon."""
    match = _NO_SPACE.match(line)
    if match and match.group("key") in known_keys():
        key = match.group("key")
        colon = match.end("key")
        fixed = (line[:colon] + ": " + line[colon + 1 :]).strip()
        diagnostic = Diagnostic(
            "C123",
            f"no space after '{key}:', so YAML reads '{key}:{match.group('after')}…' as one word: "
            f"{line.strip()}",
            Location(file, number, match.start("key") + 1),
            hint=f"write a space after the colon: {fixed}",
        )
        yield Trap(diagnostic, number, colon, ":", ": ")


def comment_message(line: str, space: int) -> str:
    cut = line[space:].strip()
    return f"the text stops before '{cut}': YAML reads ' #' as the start of a comment: {line.strip()}"


@memo(maxsize=512)
def _reads(value: str) -> bool:
    """Whether a value on its own line is valid YAML (a flow list, a block header, `-5`)."""
    try:
        compose_limited("k: " + value)
    except (yaml.YAMLError, Refused):
        return False
    return True


def literal_lines(text: str) -> set[int]:
    """1-based lines inside block texts (`|`, `>`) and inside quotes after their first line,
    as far as YAML can scan the text."""
    inside: set[int] = set()
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style:
                inside.update(range(token.start_mark.line + 2, token.end_mark.line + 2))
    except (yaml.YAMLError, ValueError):  # ValueError: PyYAML meets an escape past U+10FFFF
        pass
    return inside


def check_parsed(root: yaml.Node, file: str, diags: Diagnostics) -> None:
    """Traps in a file YAML read: a comment cutting a text, a tag, a quote that swallowed lines,
    a key without a space after its colon."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.ScalarNode):
            _check_scalar(node, file, diags)


def _check_scalar(node: yaml.ScalarNode, file: str, diags: Diagnostics) -> None:
    mark = node.start_mark
    if mark.buffer is None:
        return
    line, column = source_line(mark.buffer, mark.index)
    where = Location(file, mark.line + 1, mark.column + 1)
    # A tag as written (`!x`, and `! x`, `!!! x`, whose tags YAML resolves quietly to a text):
    # the `!` and the word after it are gone from the text. `!!str` keeps the text as typed.
    tagged = mark.buffer[mark.index : mark.index + 1] == "!"
    if tagged and not mark.buffer.startswith("!!str ", mark.index):
        message, hint = leading(line, column, "!")
        diags.error("C120", message, where, hint)
        return
    swallowed = swallowed_lines(node)
    if swallowed is not None:
        message, hint = leading(line, column, node.style or "'")
        diags.error("C120", f"{message} (the quoted text runs on to line {swallowed})", where, hint)
        return
    if node.style is not None or not node.value:
        return
    word = re.match(r"([a-z][a-z-]*):[^\s:/]", str(node.value))
    if word and word.group(1) in known_keys():
        for trap in _no_space(mark.line + 1, line, file):
            diags.add(trap.diagnostic)
        return
    end_line, end_column = source_line(mark.buffer, node.end_mark.index)
    comment = re.match(r"([ \t]+)#(\S?)", end_line[end_column:])
    if comment is None:
        return
    space = end_column
    hint = spanning_hint(mark.buffer.split("\n"), mark.line, column, node.end_mark.line)
    at = Location(file, node.end_mark.line + 1, end_column + len(comment.group(1)) + 1)
    message = comment_message(end_line, space)
    if comment.group(2):  # `#12`: a number sign, not a comment
        diags.error("C121", message, at, hint)
    elif len(comment.group(1)) == 1:
        diags.add(Diagnostic("C121", message, at, Severity.WARNING, hint))
