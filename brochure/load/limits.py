"""Limits on what a content or data file may hold, so hostile or broken input fails fast.

One YAML reader for content and data files: it reads at most `MAX_FILE_BYTES` (a device such as
/dev/zero stops there), refuses anchors and aliases (`&name`, `*name`: a 342-byte "billion laughs"
file would otherwise expand to millions of nodes, and `&m {self: *m}` to a cycle) and nesting
deeper than `MAX_DEPTH` (PyYAML's composer recurses once per level).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.reader import Reader

#: The characters PyYAML's reader refuses (libyaml's set differs a little): such a file is read
#: by PyYAML itself, so that it gets the same diagnostic as always.
NON_PRINTABLE = Reader.NON_PRINTABLE

#: A content file of a leaflet is about 10 kB (PyYAML reads about 100 kB a second); a data file
#: of 10,000 rows about 2 MB.
MAX_FILE_BYTES = 500_000
MAX_DATA_BYTES = 20_000_000
#: Values (texts, lists, mappings) in one file: the sample leaflet has 151, a data file has one
#: per cell.
MAX_NODES = 5_000
MAX_DATA_NODES = 2_000_000
#: Levels of lists and mappings: a content file uses at most six.
MAX_DEPTH = 40
#: Characters of one text field: four full panels of body text are about 10,000.
MAX_TEXT = 10_000
#: Characters of one address. Every address is printed (in the text, the sources, beside a QR
#: code), and breaking a long one over lines costs time that grows fast with its length; 500
#: characters are at most 2,000 UTF-8 bytes, well within a QR code's 2,331 (version 40, level M).
MAX_URL = 500
#: Bytes of a QR code's address: ISO/IEC 18004 byte-mode capacity at version 40, error level M
#: (what layout/qr.py asks segno's encoder for).
QR_CAPACITY_BYTES = 2331


class Refused(Exception):
    """What the limited reader refuses, at a place in the file (a `yaml.Mark`)."""

    def __init__(self, code: str, message: str, mark: Any, hint: str = "", *, text: bool = False) -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint
        #: Whether the refused value may have been meant as a text (`*nieuw`, `&co`).
        self.text = text


def read_limited(path: Path, limit: int) -> bytes:
    """A file's bytes; raises `TooLarge` beyond `limit` without reading further (OSError as usual)."""
    chunks: list[bytes] = []
    total = 0
    with path.open("rb") as stream:
        while chunk := stream.read(min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(limit)
    return b"".join(chunks)


class TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"larger than {limit} bytes")
        self.limit = limit


def size_words(limit: int) -> str:
    """`500 kB`, `20 MB`."""
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit / 1000:g} kB"


class _Limits:
    """The composer's limits: no anchors and aliases, a nesting depth, a number of nodes.

    The node tree it composes is a tree: no node is shared, none contains itself.
    """

    def _limits(self, max_nodes: int) -> None:
        self.depth = 0
        self.nodes, self.max_nodes = 0, max_nodes

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            raise Refused(
                "C009",
                f"'*{event.anchor}' is a YAML alias, which content files do not use",
                event.start_mark,
                ALIAS_HINT,
                text=True,
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise Refused(
                "C009",
                f"'&{event.anchor}' is a YAML anchor, which content files do not use",
                event.start_mark,
                ALIAS_HINT,
                text=isinstance(event, ScalarEvent),
            )
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise Refused(
                "C010",
                f"the file holds more than {self.max_nodes:,} values (texts, lists and mappings)",
                event.start_mark,
                "a leaflet has a few hundred: is this the right file?",
            )
        if isinstance(event, CollectionStartEvent):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise Refused(
                    "C008",
                    f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
                    event.start_mark,
                    "a leaflet needs a few levels; check for brackets that are never closed",
                )
            try:
                return Composer.compose_node(self, parent, index)  # type: ignore[arg-type]
            finally:
                self.depth -= 1
        return Composer.compose_node(self, parent, index)  # type: ignore[arg-type]


class LimitedLoader(_Limits, yaml.SafeLoader):
    """PyYAML's own reader, scanner and parser (pure Python) under the limits: the reference,
    whose error messages and places every syntax diagnostic (C0xx) is written from."""

    def __init__(self, stream: str, max_nodes: int = MAX_NODES) -> None:
        super().__init__(stream)
        self._limits(max_nodes)


if hasattr(yaml, "CSafeLoader"):  # PyYAML built with libyaml, as its wheels are

    class FastLimitedLoader(_Limits, Composer, yaml.CSafeLoader):
        """libyaml's scanner and parser (C, about eight times faster) with PyYAML's composer
        under the same limits: the same nodes, values, styles and marks (libyaml counts
        characters, as PyYAML does) for a file both read without an error."""

        def __init__(self, stream: str, max_nodes: int = MAX_NODES) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            Composer.__init__(self)
            self._limits(max_nodes)
            self.buffer = stream + "\0"  # what PyYAML's marks hold: the diagnostics read the source

        def peek_event(self) -> Any:
            return self._marked(yaml.CSafeLoader.peek_event(self))

        def get_event(self) -> Any:
            return self._marked(yaml.CSafeLoader.get_event(self))

        def _marked(self, event: Any) -> Any:
            """The event with PyYAML's marks, which hold the source (libyaml's hold no text)."""
            for name in ("start_mark", "end_mark"):
                mark = getattr(event, name, None)
                if mark is not None and mark.buffer is None:
                    here = yaml.Mark(mark.name, mark.index, mark.line, mark.column, self.buffer, mark.index)
                    setattr(event, name, here)
            return event

        def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
            node = Composer.compose_scalar_node(self, anchor)
            node.style = node.style or None  # a plain scalar: libyaml says '', PyYAML None
            return node

    FAST: tuple[type[Any], ...] = (FastLimitedLoader,)
else:  # pragma: no cover - a PyYAML without libyaml
    FAST = ()


ALIAS_HINT = "write the value out in full where it is needed"


class BadEscape(yaml.scanner.ScannerError):
    """A `\\U` escape past U+10FFFF in a double-quoted text (PyYAML's scanner raises ValueError)."""


def compose_limited(text: str, max_nodes: int = MAX_NODES) -> yaml.Node | None:
    """The node tree of one YAML document; raises yaml.YAMLError or `Refused`. Read with libyaml
    where PyYAML has it; a file libyaml finds a problem in, with a character PyYAML refuses or
    with a tab (libyaml takes one after a colon as a space, PyYAML and C124 do not) is read by
    PyYAML's own parser, whose messages and places the diagnostics are written from."""
    pyyaml_only = "\t" in text or NON_PRINTABLE.search(text)
    for loader_class in (LimitedLoader,) if pyyaml_only else (*FAST, LimitedLoader):
        loader = loader_class(text, max_nodes)
        try:
            return cast("yaml.Node | None", loader.get_single_node())
        except yaml.YAMLError:
            if loader_class is LimitedLoader:
                raise
        except ValueError:  # PyYAML's scanner meets "\U00EBB3A0", an escape past U+10FFFF
            raise BadEscape(
                "while scanning a double-quoted text",
                None,
                "found a \\U escape past U+10FFFF, which names no character",
                loader.get_mark(),
            ) from None
        finally:
            loader.dispose()
    raise AssertionError("unreachable: the last reader raises or returns")
