"""ruamel.yaml values set in place: the comments and blank lines after them kept, scalars styled as before."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

#: Texts longer than this are written as folded blocks (`>-`), broken at spaces near this width.
FOLD_AT = 84


def put(container: CommentedMap, key: Any, value: Any) -> None:
    """Set a key; a new one goes last, and the blank lines after the mapping stay after it."""
    if key in container or not container:
        replace(container, key, value) if key in container else container.__setitem__(key, value)
        return
    tail = pop_tail(container, list(container)[-1])
    container[key] = value
    push_tail(container, key, tail)


def replace(container: CommentedMap, key: Any, value: Any) -> Any:
    """Set `container[key]`, keeping the blank lines and comments that followed the old value."""
    tail = pop_tail(container, key)
    # Set anew at the same place: an assignment would keep the old value's quoting.
    position = list(container).index(key)
    del container[key]
    container.insert(position, key, value)
    push_tail(container, key, tail)
    return value


def pop_tail(container: Any, key: Any) -> Any:
    """Take the comment (or blank lines) after the last scalar inside `container[key]`."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return pop_tail(value, last)
    slot = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.get(key)
    if entry and len(entry) > slot and entry[slot] is not None:
        token = entry[slot]
        entry[slot] = None
        return token, _is_block(value)
    return None


def push_tail(container: Any, key: Any, token: Any) -> None:
    """Put back what `pop_tail` took, after the last scalar inside `container[key]`."""
    if token is None or (isinstance(container, CommentedSeq) and key < 0):
        return
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        push_tail(value, last, token)
        return
    slot, size = (2, 4) if isinstance(container, CommentedMap) else (0, 2)
    comment, was_block = token
    # A block scalar ends with its own line break; a plain one's break belongs to the comment.
    if was_block and not _is_block(value):
        comment.value = "\n" + comment.value
    elif _is_block(value) and not was_block and comment.value.startswith("\n"):
        comment.value = comment.value[1:]
    entry = container.ca.items.setdefault(key, [None] * size)
    entry[slot] = comment


def _is_block(value: Any) -> bool:
    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def styled(value: str, old: Any, *, inline: bool) -> Any:
    """A new scalar written the way the old one was: folded, quoted or plain (ruamel quotes a
    plain one where YAML needs it, so `'s avonds` or `**NOOIT**` stay text)."""
    if inline:
        value = " ".join(value.split())
    if isinstance(old, FoldedScalarString) or len(value) > FOLD_AT:
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value)
        return folded
    if isinstance(old, DoubleQuotedScalarString) and old:
        return DoubleQuotedScalarString(value)
    if isinstance(old, SingleQuotedScalarString) and old:
        return SingleQuotedScalarString(value)
    return value


def _fold_positions(value: str) -> list[int]:
    """Spaces to break a folded block at, so that no line is much longer than FOLD_AT."""
    positions, start = [], 0
    while len(value) - start > FOLD_AT:
        space = value.rfind(" ", start, start + FOLD_AT)
        if space <= start:
            space = value.find(" ", start + FOLD_AT)
            if space < 0:
                break
        # a folded line may not start with a space
        if value[space + 1 : space + 2] == " ":
            break
        positions.append(space)
        start = space + 1
    return positions
