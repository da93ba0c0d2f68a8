"""Limits on what a content or data file may hold, so hostile or broken input fails fast.

One YAML reader for content and data files: it reads at most `MAX_FILE_BYTES` (a device such as
/dev/zero stops there), refuses anchors and aliases (`&name`, `*name`: a 342-byte "billion laughs"
file would otherwise expand to millions of nodes, and `&m {self: *m}` to a cycle) and nesting
deeper than `MAX_DEPTH` (PyYAML's composer recurses once per level).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

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
#: (what layout/qr.py asks segno for).
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


class LimitedLoader(yaml.SafeLoader):
    """SafeLoader's composer without anchors and aliases, and with a nesting limit.

    The node tree it composes is a tree: no node is shared, none contains itself.
    """

    def __init__(self, stream: str, max_nodes: int = MAX_NODES) -> None:
        super().__init__(stream)
        self.depth = 0
        self.nodes, self.max_nodes = 0, max_nodes

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
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
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1
        return super().compose_node(parent, index)


ALIAS_HINT = "write the value out in full where it is needed"


def compose_limited(text: str, max_nodes: int = MAX_NODES) -> yaml.Node | None:
    """The node tree of one YAML document; raises yaml.YAMLError or `Refused`."""
    loader = LimitedLoader(text, max_nodes)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
