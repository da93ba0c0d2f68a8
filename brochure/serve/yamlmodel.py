"""content.yaml read with ruamel.yaml (which keeps comments and key order) into the form's plain data."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from brochure.resolve.fold import FOLD_KINDS, make_fold

#: The form's fields of each block type, in the order the page shows them.
BLOCK_FIELDS: dict[str, tuple[str, ...]] = {
    "heading": ("text", "level"),
    "text": ("text",),
    "list": ("items",),
    "callout": ("title", "text"),
    "slogan": ("text",),
    "image": ("file", "alt", "caption", "width"),
    "illustration": ("name", "alt"),
    "footnote": ("id", "text"),
    "sources": ("title", "qr"),
    "qr": ("url", "label"),
    "break": (),
}
#: The field a block's short form (`- text: ...`) stands for.
SHORT_FIELD = {
    "heading": "text",
    "text": "text",
    "list": "items",
    "callout": "text",
    "slogan": "text",
    "illustration": "name",
    "sources": "title",
    "qr": "url",
}
META_FIELDS = ("title", "subtitle", "organisation", "author", "subject", "date", "version", "language")
THEME_FIELDS = ("colour", "tint")


class NotEditable(Exception):
    """The text is not YAML the form can show (the source view and the diagnostics still work)."""


def yaml_for(text: str) -> YAML:
    """A round-trip reader and writer that writes the text back as it was, indentation included."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # long lines are folded by us, where the author folded them
    mapping, sequence, offset = _indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def parse(text: str) -> tuple[YAML, Any]:
    yaml = yaml_for(text)
    try:
        data = yaml.load(text) if text.strip() else CommentedMap()
    except (YAMLError, ValueError) as error:  # ValueError: an escape past U+10FFFF ("\U00EBB3A0")
        raise NotEditable(str(error)) from error
    if not isinstance(data, CommentedMap):
        raise NotEditable("the file is not a mapping")
    return yaml, data


def dump(yaml: YAML, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def model(text: str) -> dict[str, Any]:
    """What the form shows: metadata, fold, theme, and the panels with their blocks and lines."""
    _, data = parse(text)
    meta = data.get("meta") if isinstance(data.get("meta"), Mapping) else {}
    theme = data.get("theme") if isinstance(data.get("theme"), Mapping) else {}
    kind, paper = fold_of(data)
    panels = data.get("panels") if isinstance(data.get("panels"), CommentedMap) else CommentedMap()
    total = text.count("\n") + 1
    keys = list(panels)
    rows = []
    for number, name in enumerate(keys):
        end = panels.lc.key(keys[number + 1])[0] if number + 1 < len(keys) else _end_of(data, "panels", total)
        rows.append(_panel(name, panels[name], panels.lc.key(name)[0] + 1, end))
    order = panel_order(kind)
    rows.sort(key=lambda row: order.index(row["name"]) if row["name"] in order else len(order))
    return {
        "meta": {field: plain(meta.get(field)) for field in META_FIELDS},
        "fold": {"kind": kind, "paper": paper},
        "theme": {field: plain(theme.get(field)) for field in THEME_FIELDS},
        "panels": rows,
        "panelNames": list(order),
        "emptyPanels": _missing(kind, set(map(str, keys))),
        "folds": list(FOLD_KINDS),
    }


def fold_of(data: Mapping[str, Any]) -> tuple[str, str]:
    fold = data.get("fold")
    if isinstance(fold, Mapping):
        return str(fold.get("kind") or "roll"), str(fold.get("paper") or "a4")
    return (str(fold) if fold in FOLD_KINDS else "roll"), "a4"


def panel_order(kind: str) -> tuple[str, ...]:
    """The panel names of a fold in reading order, a flow (`inside`) in place of its slots."""
    fold = make_fold(kind if kind in FOLD_KINDS else "roll", "a4")
    names: list[str] = []
    for slot in fold.reading_order:
        flow = next((name for name, slots in fold.flows.items() if slot in slots), slot)
        if flow not in names:
            names.append(flow)
    extra = [slot for slot in fold.reading_order if slot not in names]
    return (*names, *extra)


def _missing(kind: str, present: set[str]) -> list[str]:
    """Panels of the fold the file has nothing for (a flow counts as there if one of its slots is)."""
    fold = make_fold(kind if kind in FOLD_KINDS else "roll", "a4")
    missing = []
    for name in panel_order(kind):
        slots = fold.flows.get(name, ())
        in_flow = any(name in flow for flow in fold.flows.values())
        if name not in present and not (present & set(slots)) and not in_flow:
            missing.append(name)
    return missing


def blocks_of(panel: Any) -> CommentedSeq | None:
    if isinstance(panel, CommentedSeq):
        return panel
    if isinstance(panel, CommentedMap) and isinstance(panel.get("blocks"), CommentedSeq):
        blocks: CommentedSeq = panel["blocks"]
        return blocks
    return None


def block_kind(item: Any) -> str:
    if item == "break" or (isinstance(item, Mapping) and list(item) == ["break"]):
        return "break"
    if isinstance(item, Mapping) and len(item) == 1:
        kind = str(next(iter(item)))
        return kind if kind in BLOCK_FIELDS else "unknown"
    return "unknown"


def block_fields(item: Any) -> dict[str, Any]:
    """A block's fields as the form shows them, whichever form (short or long) the file uses."""
    kind = block_kind(item)
    if kind in ("break", "unknown"):
        return {}
    value = item[kind]
    fields: dict[str, Any]
    if isinstance(value, Mapping):
        fields = {field: plain(value.get(field)) for field in BLOCK_FIELDS[kind]}
    else:
        fields = {field: plain(None) for field in BLOCK_FIELDS[kind]}
        fields[SHORT_FIELD.get(kind, "text")] = plain(value)
    if kind == "list":
        items = value.get("items") if isinstance(value, Mapping) else value
        fields["items"] = [plain(entry) for entry in items] if isinstance(items, Sequence) else []
    paragraphs = value.get("text") if isinstance(value, Mapping) else None
    if kind == "callout" and isinstance(paragraphs, Sequence) and not isinstance(paragraphs, str):
        fields["text"] = "\n\n".join(plain(entry) for entry in value["text"])
    if kind == "sources":
        fields["qr"] = bool(value.get("qr")) if isinstance(value, Mapping) else False
    if kind == "heading" and not fields["level"]:
        fields["level"] = "2"
    return fields


def plain(value: Any) -> str:
    """A scalar as the form's text: `None` is empty, numbers and dates as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _panel(name: str, panel: Any, line: int, end: int) -> dict[str, Any]:
    items = blocks_of(panel)
    blocks = []
    if items is not None:
        for index, item in enumerate(items):
            start = items.lc.item(index)[0] + 1
            stop = items.lc.item(index + 1)[0] if index + 1 < len(items) else end
            kind = block_kind(item)
            blocks.append(
                {"kind": kind, "line": start, "end": max(start, stop), "fields": block_fields(item)}
            )
    return {"name": str(name), "line": line, "end": end, "blocks": blocks, "editable": items is not None}


def _end_of(data: CommentedMap, key: str, total: int) -> int:
    keys = list(data)
    position = keys.index(key)
    return data.lc.key(keys[position + 1])[0] if position + 1 < len(keys) else total


_SEQUENCE_ITEM = re.compile(r"^( *)- ")
_KEY = re.compile(r"^( *)[^\s#-][^:]*:\s*(#.*)?$")


def _indentation(text: str) -> tuple[int, int, int]:
    """ruamel's (mapping, sequence, offset) indents as this file uses them; defaults 2, 4, 2."""
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], start=1):
        item = _SEQUENCE_ITEM.match(line)
        key = _KEY.match(lines[number - 1])
        if item and key:
            offset = len(item.group(1)) - len(key.group(1))
            if offset >= 0:
                return 2, offset + 2, offset
    return 2, 4, 2
