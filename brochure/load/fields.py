"""Typed reading of YAML nodes: mappings with known keys, texts, numbers and booleans."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import yaml

from brochure.diagnostics import Diagnostics, Location, did_you_mean
from brochure.load.inline import Ref, parse_inline
from brochure.load.limits import MAX_TEXT
from brochure.load.model import Inline
from brochure.load.scalars import value_positions
from brochure.load.texttraps import YES_NO, text_trap
from brochure.load.yamlnodes import describe, is_null, location

_INTEGER = re.compile(r"[-+]?[0-9]+")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")

Fields = dict[str, tuple[yaml.Node, yaml.Node]]
T = TypeVar("T")


#: Half of a UTF-16 pair, which YAML's "\ud800" escape makes: no UTF-8 file or PDF can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Reader:
    """Reads nodes of one file into Python values, reporting every problem to `diags`."""

    file: str
    diags: Diagnostics
    #: The content's language (meta.language), for language-dependent defaults.
    language: str = ""
    #: Footnote marks and citations met in inline text, for the cross-checks.
    refs: list[Ref] = field(default_factory=list)
    #: Where each (namespace, id) was first given, to find duplicates.
    ids: dict[tuple[str, str], Location] = field(default_factory=dict)

    def at(self, node: yaml.Node) -> Location:
        return location(node, self.file)

    def error(self, code: str, message: str, node: yaml.Node, hint: str = "") -> None:
        self.diags.error(code, message, self.at(node), hint)

    def wrong_type(self, node: yaml.Node, expected: str, what: str, hint: str = "") -> None:
        self.error("C102", f"expected {expected} for '{what}', got {describe(node)}", node, hint)

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        *,
        allowed: Sequence[str],
        required: Sequence[str] = (),
        owner: yaml.Node | None = None,
    ) -> Fields | None:
        """The fields of a mapping by key name (C101 unknown, C103 missing), or None (C102)."""
        if not isinstance(node, yaml.MappingNode):
            self.wrong_type(node, "a mapping", what)
            return None
        fields: Fields = {}
        for key, value in node.value:
            name = self.key_name(key, what)
            if name is None:
                continue
            if name not in allowed:
                self.error("C101", f"unknown key '{name}' in '{what}'", key, did_you_mean(name, allowed))
                continue
            fields[name] = (key, value)
        for name in required:
            if name not in fields:
                self.error("C103", f"missing required field '{name}' in '{what}'", owner or node)
        return fields

    def key_name(self, key: yaml.Node, what: str) -> str | None:
        if isinstance(key, yaml.ScalarNode) and not is_null(key):
            return str(key.value)
        self.error("C102", f"expected a text as key in '{what}', got {describe(key)}", key)
        return None

    def text(self, node: yaml.Node, what: str, *, hint: str = "") -> str | None:
        """A scalar's source text (plain `no` and `1.0` stay text), or None (C102, C113, C122,
        C125)."""
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            value = str(node.value)
            if len(value) > MAX_TEXT:
                self.error(
                    "C113",
                    f"'{what}' is {len(value):,} characters long, more than the {MAX_TEXT:,} a text may have",
                    node,
                    "a leaflet's panel holds about 2,500 characters: shorten the text or split it",
                )
                return None
            if half := _SURROGATE.search(value):
                self.error(
                    "C117",
                    f"'{what}' holds U+{ord(half.group()):04X}, one half of a character pair (a "
                    f"'\\u{ord(half.group()):04x}' escape), which no file can store",
                    node,
                    "write the character itself, or its code as \\U and 8 digits ('\\U0001F600')",
                )
                return None
            return value
        if not text_trap(node, what, self.file, self.diags):
            self.wrong_type(node, "a text", what, hint)
        return None

    def required_text(self, node: yaml.Node, what: str) -> str | None:
        """A text that must not be empty (C103 when it is)."""
        value = self.text(node, what)
        if value is not None and not value.strip():
            self.error("C103", f"'{what}' must not be empty", node)
            return None
        return value

    def file_name(self, node: yaml.Node, what: str) -> str | None:
        """A file's path: a text without control characters (a NUL ends a name for the system)."""
        value = self.required_text(node, what)
        if value is not None and any(unicodedata.category(c) == "Cc" for c in value):
            bad = next(c for c in value if unicodedata.category(c) == "Cc")
            self.error(
                "C115",
                f"the file name in '{what}' contains the control character U+{ord(bad):04X}",
                node,
                "a file name is letters, digits, spaces, '-', '_', '.' and '/': retype it",
            )
            return None
        return value

    def inline(self, node: yaml.Node, what: str) -> Inline | None:
        """A text field parsed for inline markup."""
        value = self.text(node, what)
        if value is None or not isinstance(node, yaml.ScalarNode):
            return None
        spans, refs, problems = parse_inline(value, value_positions(node, self.file))
        self.refs.extend(refs)
        self.diags.extend(problems)
        return spans

    def integer(self, node: yaml.Node, what: str) -> int | None:
        """An unquoted whole number, or None (C102)."""
        if _is_plain(node) and _INTEGER.fullmatch(str(node.value)):
            return int(str(node.value))
        self.wrong_type(node, "a whole number", what)
        return None

    def number(self, node: yaml.Node, what: str) -> float | None:
        """An unquoted number, or None (C102)."""
        if _is_plain(node) and _NUMBER.fullmatch(str(node.value)):
            return float(str(node.value))
        self.wrong_type(node, "a number", what)
        return None

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        """An unquoted `true` or `false`, or None (C102)."""
        word = str(node.value).lower() if _is_plain(node) else ""
        if word in ("true", "false"):
            return word == "true"
        hint = ""
        if word in YES_NO:
            meant = "true" if word in ("yes", "y", "on") else "false"
            hint = f"write {meant} (only true and false are read as yes or no)"
        self.wrong_type(node, "true or false", what, hint)
        return None

    def choice(self, node: yaml.Node, what: str, choices: Sequence[str]) -> str | None:
        """A text that must be one of `choices` (C106 with a did-you-mean hint)."""
        value = self.text(node, what)
        if value is None:
            return None
        if value not in choices:
            self.error("C106", f"invalid value '{value}' for '{what}'", node, did_you_mean(value, choices))
            return None
        return value


def get(
    fields: Fields, name: str, read: Callable[[yaml.Node, str], T | None], default: T | None = None
) -> T | None:
    """Read a field with `read(node, name)`, or give `default` when it is absent."""
    return read(fields[name][1], name) if name in fields else default


def _is_plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None


@dataclass(frozen=True)
class Limits:
    """The range a theme number must lie in, and the unit it is written in."""

    low: float
    high: float
    unit: str
    usual: str = ""


def read_number_in(reader: Reader, limits: Limits, node: yaml.Node, what: str) -> float | None:
    """A number within `limits` (C106 outside them)."""
    value = reader.number(node, what)
    if value is not None and not limits.low <= value <= limits.high:
        usual = f" ({limits.usual})" if limits.usual else ""
        reader.error(
            "C106",
            f"invalid {what} {node.value}",
            node,
            f"'{what}' is in {limits.unit}, from {limits.low:g} to {limits.high:g}{usual}",
        )
        return None
    return value
