"""The form's edits applied to content.yaml with ruamel.yaml: comments, key order and quoting kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from brochure.serve.yamlkeep import pop_tail, push_tail, put, replace, styled
from brochure.serve.yamlmodel import (
    BLOCK_FIELDS,
    META_FIELDS,
    SHORT_FIELD,
    THEME_FIELDS,
    block_fields,
    block_kind,
    blocks_of,
    dump,
    parse,
    plain,
)

#: Fields that may be empty in the file only by being absent.
OPTIONAL = frozenset({"caption", "title", "label", "width", "subtitle", "organisation", "author", "subject"})
#: Fields holding running text: whitespace typed in the form is one space in the leaflet anyway.
INLINE = frozenset({"text", "title", "caption", "label", "alt", "subtitle", "subject"})


class EditConflict(Exception):
    """An edit whose target is not what the page saw: another tab or program changed it first."""


def apply(text: str, ops: Sequence[Mapping[str, Any]], *, check: bool = False) -> str:
    """The text with each edit applied in turn. With `check`, a field edit whose current value is
    neither the value the page started from (`old`) nor its new value raises EditConflict."""
    if not ops:
        return text
    yaml, data = parse(text)
    for op in ops:
        _apply(data, op, check=check)
    return dump(yaml, data)


def _apply(data: CommentedMap, op: Mapping[str, Any], *, check: bool) -> None:
    kind = op.get("op")
    if kind == "meta":
        _set_section(data, "meta", op, META_FIELDS, check=check)
    elif kind == "theme":
        _set_section(data, "theme", op, THEME_FIELDS, check=check)
    elif kind == "fold":
        _set_fold(data, op, check=check)
    elif kind == "field":
        _set_field(data, op, check=check)
    elif kind == "insert":
        _insert(data, op)
    elif kind == "remove":
        items, index = _block(data, op)
        tail = pop_tail(items, len(items) - 1)
        del items[index]
        push_tail(items, len(items) - 1, tail)
    elif kind == "move":
        items, index = _block(data, op)
        target = int(op["to"])
        if not 0 <= target < len(items):
            raise EditConflict("move outside the panel")
        tail = pop_tail(items, len(items) - 1)
        items.insert(target, items.pop(index))
        push_tail(items, len(items) - 1, tail)
    else:
        raise EditConflict(f"unknown edit {kind!r}")


def _guard(current: str, op: Mapping[str, Any], *, check: bool) -> None:
    if check and current not in (plain(op.get("old")), _normal(op)) and current != op.get("value"):
        raise EditConflict(f"{op.get('field')} was changed elsewhere")


def _normal(op: Mapping[str, Any]) -> str:
    value = op.get("value")
    return plain(value) if not isinstance(value, list) else "\n".join(map(plain, value))


def _set_section(
    data: CommentedMap, key: str, op: Mapping[str, Any], allowed: tuple[str, ...], *, check: bool
) -> None:
    field = str(op.get("field"))
    if field not in allowed:
        raise EditConflict(f"unknown field {field!r}")
    section = data.get(key)
    if not isinstance(section, CommentedMap):
        section = data[key] = CommentedMap()
    _guard(plain(section.get(field)), op, check=check)
    value = str(op.get("value", ""))
    if not value and field in OPTIONAL:
        section.pop(field, None)
    elif field == "version":
        put(section, field, DoubleQuotedScalarString(value))
    else:
        put(section, field, styled(value, section.get(field), inline=field in INLINE))


def _set_fold(data: CommentedMap, op: Mapping[str, Any], *, check: bool) -> None:
    fold = data.get("fold")
    field = str(op.get("field"))
    kind, paper = (
        (str(fold.get("kind", "roll")), str(fold.get("paper", "a4")))
        if isinstance(fold, Mapping)
        else (str(fold or "roll"), "a4")
    )
    _guard(kind if field == "kind" else paper, op, check=check)
    if field == "kind":
        kind = str(op["value"])
    elif field == "paper":
        paper = str(op["value"])
    else:
        raise EditConflict(f"unknown fold field {field!r}")
    if isinstance(fold, CommentedMap):
        fold["kind"], fold["paper"] = kind, paper
    elif paper == "a4":
        data["fold"] = kind
    else:
        replace(data, "fold", CommentedMap([("kind", kind), ("paper", paper)]))


def _block(data: CommentedMap, op: Mapping[str, Any]) -> tuple[CommentedSeq, int]:
    panels = data.get("panels")
    items = blocks_of(panels.get(op.get("panel"))) if isinstance(panels, Mapping) else None
    index = int(op.get("index", -1))
    if items is None or not 0 <= index < len(items):
        raise EditConflict(f"no block {index} in panel {op.get('panel')!r}")
    if op.get("kind") and block_kind(items[index]) != op["kind"]:
        raise EditConflict(f"block {index} of panel {op.get('panel')!r} is no longer a {op['kind']}")
    return items, index


def _set_field(data: CommentedMap, op: Mapping[str, Any], *, check: bool) -> None:
    items, index = _block(data, op)
    item = items[index]
    kind, field = block_kind(item), str(op.get("field"))
    if field not in BLOCK_FIELDS.get(kind, ()):
        raise EditConflict(f"a {kind} has no field {field!r}")
    current = block_fields(item).get(field)
    _guard("\n".join(current) if isinstance(current, list) else plain(current), op, check=check)
    value = op.get("value")
    body = item[kind]
    if not isinstance(body, CommentedMap) and field == SHORT_FIELD.get(kind) and kind != "sources":
        replace(item, kind, _value(kind, field, value, body))
        return
    if not isinstance(body, CommentedMap):
        short = SHORT_FIELD.get(kind, "text")
        body = replace(item, kind, CommentedMap([(short, body)] if body not in (None, "") else []))
    if (value in ("", None) and field in OPTIONAL) or (field == "qr" and not value):
        body.pop(field, None)
    else:
        put(body, field, _value(kind, field, value, body.get(field)))


def _value(kind: str, field: str, value: Any, old: Any) -> Any:
    if field == "items":
        lines = value if isinstance(value, list) else str(value or "").split("\n")
        seq = CommentedSeq(styled(line, None, inline=True) for line in lines if str(line).strip())
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if field in ("level",):
        return int(value)
    if field == "width":
        return float(value)
    if field == "qr":
        return bool(value)
    if kind == "callout" and field == "text" and "\n\n" in str(value).strip():
        return CommentedSeq(
            styled(part, None, inline=True) for part in str(value).split("\n\n") if part.strip()
        )
    return styled(str(value or ""), old, inline=field in INLINE)


def _insert(data: CommentedMap, op: Mapping[str, Any]) -> None:
    kind, name = str(op.get("kind")), str(op.get("panel"))
    if kind not in BLOCK_FIELDS:
        raise EditConflict(f"unknown block type {kind!r}")
    panels = data.get("panels")
    if not isinstance(panels, CommentedMap):
        panels = data["panels"] = CommentedMap()
    if name not in panels:
        panels[name] = CommentedSeq()
    items = blocks_of(panels[name])
    if items is None:
        raise EditConflict(f"panel {name!r} cannot take blocks")
    index = min(max(int(op.get("index", len(items))), 0), len(items))
    fields = op.get("fields") or {}
    if kind == "break":
        item: Any = "break"
    else:
        item = _new_block(kind, fields)
    tail = pop_tail(items, len(items) - 1) if items else None
    items.insert(index, item)
    push_tail(items, len(items) - 1, tail)


def _new_block(kind: str, fields: Mapping[str, Any]) -> CommentedMap:
    short = SHORT_FIELD.get(kind)
    if short is not None and set(fields) <= {short}:
        return CommentedMap([(kind, _value(kind, short, fields.get(short, ""), None))])
    body = CommentedMap()
    for field in BLOCK_FIELDS[kind]:
        if field in fields and (fields[field] not in ("", None) or field not in OPTIONAL):
            body[field] = _value(kind, field, fields[field], None)
    return CommentedMap([(kind, body)])
