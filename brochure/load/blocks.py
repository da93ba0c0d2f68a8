"""Blocks of a panel: each a one-key mapping (`heading: ...`) or the bare word `break`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import yaml

from brochure.diagnostics import did_you_mean
from brochure.load import model, registry
from brochure.load.addresses import url_problem
from brochure.load.fields import Reader, get
from brochure.load.model import Block, Inline
from brochure.load.references import read_id
from brochure.load.yamlnodes import describe, is_null
from brochure.messages import message

HEADING_LEVELS = (2, 3, 4)
NO_TEXT: Inline = ()
NO_BLOCKS: tuple[Block, ...] = ()


def read_blocks(reader: Reader, node: yaml.Node, what: str) -> tuple[Block, ...]:
    """The blocks of a list node, skipping (after reporting) the ones with problems."""
    if not isinstance(node, yaml.SequenceNode):
        reader.wrong_type(node, "a list of blocks", what, "start each block with '- ', e.g. '- text: ...'")
        return ()
    blocks = (read_block(reader, item) for item in node.value)
    return tuple(block for block in blocks if block is not None)


def read_block(reader: Reader, node: yaml.Node) -> Block | None:
    """One block, or None after reporting C102/C104 or a problem inside it."""
    if isinstance(node, yaml.ScalarNode) and node.style is None and node.value == "break":
        return model.Break(reader.at(node))
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        _report_shape(reader, node)
        return None
    key, value = node.value[0]
    name = reader.key_name(key, "block")
    if name is None:
        return None
    if name not in BLOCK_TYPES:
        reader.error("C104", f"unknown block type '{name}'", key, did_you_mean(name, BLOCK_TYPES))
        return None
    return BLOCK_TYPES[name](reader, key, value)


def _report_shape(reader: Reader, node: yaml.Node) -> None:
    """C102 for a block that is not a one-key mapping, with the likely fix."""
    if isinstance(node, yaml.MappingNode):
        names = ", ".join(f"'{key.value}'" for key, _ in node.value)
        found = f"found {len(node.value)}" + (f": {names}" if names else "")
        reader.error(
            "C102",
            f"a block has exactly one key, its type; {found}",
            node,
            "start each block on its own line with '- ', or indent its fields under the type",
        )
    elif isinstance(node, yaml.ScalarNode) and str(node.value) in BLOCK_TYPES:
        reader.error("C102", f"block '{node.value}' needs a value", node, f"write '- {node.value}: ...'")
    else:
        reader.error(
            "C102",
            f"expected a block, got {describe(node)}",
            node,
            "a block is a mapping with one key, its type, e.g. '- text: ...'",
        )


def _heading(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    if not isinstance(value, yaml.MappingNode):
        text = reader.inline(value, "heading")
        return None if text is None else model.Heading(text, reader.at(key))
    fields = reader.mapping(value, "heading", allowed=("text", "level"), required=("text",), owner=key)
    if fields is None:
        return None
    text = get(fields, "text", reader.inline)
    level = get(fields, "level", partial(_level, reader), 2)
    return None if text is None or level is None else model.Heading(text, reader.at(key), level)


def _level(reader: Reader, node: yaml.Node, what: str) -> int | None:
    level = reader.integer(node, what)
    if level is not None and level not in HEADING_LEVELS:
        reader.error(
            "C106",
            f"invalid heading level {level}",
            node,
            "a heading level is 2, 3 or 4 (the title is level 1)",
        )
        return None
    return level


def _paragraph(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    text = reader.inline(value, "text")
    return None if text is None else model.Paragraph(text, reader.at(key))


def _slogan(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    text = reader.inline(value, "slogan")
    return None if text is None else model.Slogan(text, reader.at(key))


def _list(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    if isinstance(value, yaml.MappingNode):
        fields = reader.mapping(value, "list", allowed=("items",), required=("items",), owner=key)
        if fields is None or "items" not in fields:
            return None
        value = fields["items"][1]
    if not isinstance(value, yaml.SequenceNode):
        reader.wrong_type(value, "a list of texts", "list")
        return None
    items = _inlines(reader, value.value, "list item")
    return None if items is None else model.BulletList(items, reader.at(key))


def _inlines(reader: Reader, nodes: list[yaml.Node], what: str) -> tuple[Inline, ...] | None:
    """Each node as inline text; None when any of them is wrong (all are reported)."""
    parsed = [reader.inline(node, what) for node in nodes]
    if any(item is None for item in parsed):
        return None
    return tuple(item for item in parsed if item is not None)


def _callout(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    if not isinstance(value, yaml.MappingNode):
        text = reader.inline(value, "callout")
        return None if text is None else model.Callout((text,), reader.at(key))
    fields = reader.mapping(value, "callout", allowed=("title", "text"), required=("text",), owner=key)
    if fields is None:
        return None
    title: Inline | None = ()
    if "title" in fields:
        title = reader.inline(fields["title"][1], "title")
    paragraphs: tuple[Inline, ...] | None = None
    if "text" in fields:
        text_node = fields["text"][1]
        if isinstance(text_node, yaml.SequenceNode):
            paragraphs = _inlines(reader, text_node.value, "text")
        else:
            single = reader.inline(text_node, "text")
            paragraphs = None if single is None else (single,)
    if title is None or paragraphs is None:
        return None
    return model.Callout(paragraphs, reader.at(key), title)


def _image(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    allowed = ("file", "alt", "caption", "width")
    fields = reader.mapping(value, "image", allowed=allowed, required=("file", "alt"), owner=key)
    if fields is None:
        return None
    file = get(fields, "file", reader.file_name)
    alt = get(fields, "alt", partial(reader.text, hint='write alt: "" for a decorative image'))
    caption = get(fields, "caption", reader.inline, NO_TEXT)
    width = get(fields, "width", partial(_share, reader), 1.0)
    if file is None or alt is None or caption is None or width is None:
        return None
    return model.Image(file, alt, reader.at(key), caption, width)


def _share(reader: Reader, node: yaml.Node, what: str) -> float | None:
    width = reader.number(node, what)
    if width is not None and not 0 < width <= 1:
        reader.error(
            "C106",
            f"invalid image width {node.value}",
            node,
            "width is a share of the column: more than 0, at most 1 (0.5 = half)",
        )
        return None
    return width


def _illustration(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    if not isinstance(value, yaml.MappingNode):
        name = reader.required_text(value, "illustration")
        return None if name is None else model.Illustration(name, "", reader.at(key))
    fields = reader.mapping(value, "illustration", allowed=("name", "alt"), required=("name",), owner=key)
    if fields is None:
        return None
    name = get(fields, "name", reader.required_text)
    alt = get(fields, "alt", reader.text, "")
    return None if name is None or alt is None else model.Illustration(name, alt, reader.at(key))


def _footnote(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    """A footnote; with a usable id it is kept even when its text is wrong, so marks still match."""
    fields = reader.mapping(value, "footnote", allowed=("id", "text"), required=("id", "text"), owner=key)
    if fields is None:
        return None
    ident = get(fields, "id", partial(read_id, reader, "footnote"))
    text = get(fields, "text", reader.inline, NO_TEXT)
    return None if ident is None else model.Footnote(ident, text or (), reader.at(key))


def _sources(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    default = message(reader.language, "sources")
    if is_null(value):
        return model.SourceList(default, reader.at(key))
    if isinstance(value, yaml.MappingNode):
        fields = reader.mapping(value, "sources", allowed=("title", "qr"), owner=key)
        if fields is None:
            return None
        qr = get(fields, "qr", reader.boolean, False)
        title = get(fields, "title", reader.text, default)
        return None if qr is None or title is None else model.SourceList(title, reader.at(key), qr)
    title = reader.text(value, "sources")
    return None if title is None else model.SourceList(title, reader.at(key))


def _qr(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    """`qr: https://...` or `qr: {url: ..., label: ...}`."""
    if not isinstance(value, yaml.MappingNode):
        url = read_url(reader, value, "qr")
        return None if url is None else model.QRCode(url, reader.at(key))
    fields = reader.mapping(value, "qr", allowed=("url", "label"), required=("url",), owner=key)
    if fields is None:
        return None
    url = get(fields, "url", partial(read_url, reader))
    label = get(fields, "label", reader.text, "")
    return None if url is None or label is None else model.QRCode(url, reader.at(key), label)


def read_url(reader: Reader, node: yaml.Node, what: str) -> str | None:
    url = reader.text(node, what)
    problem = url_problem(url) if url is not None else None
    if problem:
        reader.error(*problem[:2], node, problem[2])
        return None
    return url


def _break(reader: Reader, key: yaml.Node, value: yaml.Node) -> Block | None:
    if is_null(value) or (isinstance(value, yaml.ScalarNode) and value.value == "panel"):
        return model.Break(reader.at(key))
    reader.error("C106", "invalid value for 'break'", value, "write '- break' or '- break: panel'")
    return None


BlockReader = Callable[[Reader, yaml.Node, yaml.Node], Block | None]

#: The reader of each block type (its short and long forms), by the key that introduces it.
READERS: registry.Handlers[BlockReader] = registry.Handlers.keyed(
    "the readers of blocks",
    {
        "heading": _heading,
        "text": _paragraph,
        "list": _list,
        "callout": _callout,
        "slogan": _slogan,
        "image": _image,
        "illustration": _illustration,
        "footnote": _footnote,
        "sources": _sources,
        "qr": _qr,
        "break": _break,
    },
)
#: The same in the registry's order (as did-you-mean offers them).
BLOCK_TYPES: dict[str, BlockReader] = {t.key: READERS.of_type(t) for t in registry.BLOCK_TYPES}
