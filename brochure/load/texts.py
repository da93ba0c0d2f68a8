"""The texts of a content file to translate, each by a key, in the YAML node tree before reading."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import yaml

#: Meta fields a translation gives (the author and the version stay as they are).
META_TEXTS = ("title", "subtitle", "organisation", "subject")
#: Fields of a block's long form that hold text to translate.
BLOCK_TEXTS = ("text", "title", "alt", "caption", "label", "items")
#: Blocks whose short form (`- heading: ...`) is text; the others' (`- illustration: phone`,
#: `- qr: https://...`) is a name or an address.
SHORT_TEXTS = ("heading", "text", "list", "callout", "slogan")


@dataclass(frozen=True)
class Unit:
    """One text to translate: its key (`meta.title`, `inside.3`, `back.2.text.1`), the scalar
    node holding it, and the node and index (or key node) that hold the scalar."""

    key: str
    node: yaml.ScalarNode
    parent: yaml.Node
    index: int

    @property
    def text(self) -> str:
        return str(self.node.value)

    @property
    def digest(self) -> str:
        return digest(self.text)


def digest(text: str) -> str:
    """A short hash of a source text, kept in the translation to see when the source changes."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:8]


def matched(found: list[Unit], made_from: Mapping[str, str]) -> list[tuple[Unit, str | None]]:
    """Each text with the key of the translation that belongs to it (`made_from`: each key's
    source hash, or empty): the one made from exactly its source text, wherever it stood (keys
    are positions, so a block inserted above moves the keys), else the one under its own key
    that no other text claimed by its source, else none."""
    by_source = {source: key for key, source in made_from.items() if source}
    claimed = {by_source[unit.digest]: unit.key for unit in found if unit.digest in by_source}
    keys: list[tuple[Unit, str | None]] = []
    for unit in found:
        if unit.digest in by_source:
            keys.append((unit, by_source[unit.digest]))
        elif unit.key in made_from and claimed.get(unit.key, unit.key) == unit.key:
            keys.append((unit, unit.key))
        else:
            keys.append((unit, None))
    return keys


def units(root: yaml.Node, reading_order: tuple[str, ...] = ()) -> list[Unit]:
    """Every text of a content tree, panels in `reading_order` (others after, in file order)."""
    found: list[Unit] = []
    if not isinstance(root, yaml.MappingNode):
        return found
    top = {str(key.value): value for key, value in root.value}
    meta = top.get("meta")
    if isinstance(meta, yaml.MappingNode):
        for index, (key, value) in enumerate(meta.value):
            if str(key.value) in META_TEXTS and _is_text(value):
                found.append(Unit(f"meta.{key.value}", value, meta, index))
    panels = top.get("panels")
    if isinstance(panels, yaml.MappingNode):
        rank = {name: n for n, name in enumerate(reading_order)}
        ordered = sorted(panels.value, key=lambda pair: rank.get(str(pair[0].value), len(rank)))
        for key, value in ordered:
            found += _panel(str(key.value), value)
    return found


def panel_blocks(value: yaml.Node) -> yaml.Node | None:
    """The block list of a panel given short (a list) or long (`blocks:` with options)."""
    if isinstance(value, yaml.MappingNode):
        return next((v for k, v in value.value if str(k.value) == "blocks"), None)
    return value


def _panel(name: str, value: yaml.Node) -> Iterator[Unit]:
    blocks = panel_blocks(value)
    if not isinstance(blocks, yaml.SequenceNode):
        return
    for number, block in enumerate(blocks.value, start=1):
        if not isinstance(block, yaml.MappingNode) or len(block.value) != 1:
            continue
        kind, value = block.value[0]
        if isinstance(value, yaml.MappingNode) or str(kind.value) in SHORT_TEXTS:
            yield from _texts(f"{name}.{number}", block, 0)


def _texts(key: str, parent: yaml.Node, index: int) -> Iterator[Unit]:
    """The texts under the value at `parent.value[index]` (a mapping's value, or a list item)."""
    value = parent.value[index][1] if isinstance(parent, yaml.MappingNode) else parent.value[index]
    if _is_text(value):
        yield Unit(key, value, parent, index)
    elif isinstance(value, yaml.SequenceNode):
        for number in range(len(value.value)):
            yield from _texts(f"{key}.{number + 1}", value, number)
    elif isinstance(value, yaml.MappingNode):
        for field_index, (field, _) in enumerate(value.value):
            if str(field.value) in BLOCK_TEXTS:
                yield from _texts(f"{key}.{field.value}", value, field_index)


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and bool(node.value)


def replace(unit: Unit, node: yaml.Node) -> None:
    """Put `node` where the unit's text stands in the tree (the tree is a private copy)."""
    if isinstance(unit.parent, yaml.MappingNode):
        key, _ = unit.parent.value[unit.index]
        unit.parent.value[unit.index] = (key, node)
    else:
        unit.parent.value[unit.index] = node
