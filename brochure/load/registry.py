"""The block types, each declared once (key, model class, word), and the stages' handler tables keyed by them.

A stage that treats block types differently keeps one `Handlers` table: the handler of every
registered block type, looked up by a block's class. A table that leaves a type out, or names
a class the registry does not know, fails as its module is imported (and
`tests/test_registry.py` lists every table), so a new block type cannot be forgotten in one
stage. The texts of a block (`texts`) and its name in messages (`block_name`) are looked up
here too, for every stage that reads them.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from brochure.diagnostics import shortened
from brochure.load import model
from brochure.load.model import Block, Inline


@dataclass(frozen=True)
class BlockType:
    """One block type: the key that introduces it in content.yaml, its model class, its word."""

    key: str
    model: type[Block]
    #: The block's kind as an author would call it, for messages (`the list of sources`).
    word: str


#: Every block type, in the order the documentation lists them.
BLOCK_TYPES: tuple[BlockType, ...] = (
    BlockType("heading", model.Heading, "heading"),
    BlockType("text", model.Paragraph, "paragraph"),
    BlockType("list", model.BulletList, "list"),
    BlockType("callout", model.Callout, "callout"),
    BlockType("slogan", model.Slogan, "slogan"),
    BlockType("image", model.Image, "image"),
    BlockType("illustration", model.Illustration, "illustration"),
    BlockType("footnote", model.Footnote, "footnote"),
    BlockType("sources", model.SourceList, "list of sources"),
    BlockType("qr", model.QRCode, "QR code"),
    BlockType("break", model.Break, "break"),
)
BY_KEY: Mapping[str, BlockType] = MappingProxyType({t.key: t for t in BLOCK_TYPES})
BY_MODEL: Mapping[type, BlockType] = MappingProxyType({t.model: t for t in BLOCK_TYPES})

H = TypeVar("H")


@dataclass(frozen=True, eq=False)
class Handlers(Generic[H]):
    """A stage's handler of each block type (`what` names the table in its error), complete.

    Made with `of` from functions whose first parameter names the block types they handle
    (`def _heading(block: Heading, ...)`, `block: Image | Illustration`), or with `keyed` from
    handlers by the block types' keys (`{"heading": ..., "text": ...}`).
    """

    what: str
    by_model: Mapping[type, H]

    def __post_init__(self) -> None:
        missing = [t.key for t in BLOCK_TYPES if t.model not in self.by_model]
        unknown = [getattr(m, "__name__", repr(m)) for m in self.by_model if m not in BY_MODEL]
        if missing or unknown:
            raise TypeError(f"{self.what}: no handler for {missing}; not registered block types: {unknown}")
        object.__setattr__(self, "by_model", MappingProxyType(dict(self.by_model)))

    @classmethod
    def of(cls, what: str, *functions: H) -> Handlers[H]:
        """The table of functions, each handling the block types its first parameter is annotated with."""
        found: dict[type, H] = {}
        for function in functions:
            for handled in _handled(function):
                if handled in found:
                    raise TypeError(f"{what}: two handlers for '{BY_MODEL[handled].key}'")
                found[handled] = function
        return cls(what, found)

    @classmethod
    def keyed(cls, what: str, handlers: Mapping[str, H]) -> Handlers[H]:
        """The table of handlers given by block type keys (`heading`, `text`, ...)."""
        unknown = sorted(set(handlers) - set(BY_KEY))
        if unknown:
            raise TypeError(f"{what}: not registered block types: {unknown}")
        return cls(what, {BY_KEY[key].model: handler for key, handler in handlers.items()})

    def __getitem__(self, block: Block) -> H:
        """The handler of `block`'s type."""
        return self.by_model[type(block)]

    def of_type(self, block_type: BlockType) -> H:
        """The handler of a registered block type."""
        return self.by_model[block_type.model]


def _handled(function: object) -> Iterable[type]:
    """The classes a function's first parameter is annotated with (one, or a union of them)."""
    assert callable(function)
    first = next(iter(inspect.signature(function).parameters))
    annotation = typing.get_type_hints(function)[first]
    return typing.get_args(annotation) or (annotation,)


@dataclass(frozen=True)
class Text:
    """One run of a block's inline text: drawn bold or italic, running text or a display text
    (a heading's, a slogan's: too short for the prose checks)."""

    inline: Inline
    bold: bool = False
    italic: bool = False
    running: bool = True


def _display(block: model.Heading | model.Slogan) -> tuple[Text, ...]:
    return (Text(block.text, bold=True, running=False),)


def _body(block: model.Paragraph | model.Footnote) -> tuple[Text, ...]:
    return (Text(block.text),)


def _items(block: model.BulletList) -> tuple[Text, ...]:
    return tuple(Text(item) for item in block.items)


def _callout(block: model.Callout) -> tuple[Text, ...]:
    return (Text(block.title, bold=True), *(Text(p) for p in block.paragraphs))


def _caption(block: model.Image) -> tuple[Text, ...]:
    return (Text(block.caption, italic=True),)


def _no_text(block: model.Illustration | model.SourceList | model.QRCode | model.Break) -> tuple[Text, ...]:
    return ()


#: The inline texts of each block type, in reading order.
TEXTS: Handlers[Callable[[Any], tuple[Text, ...]]] = Handlers.of(
    "the texts of a block", _display, _body, _items, _callout, _caption, _no_text
)


def texts(block: Block) -> tuple[Text, ...]:
    """Every run of inline text of a block, in reading order (none for a picture, a QR code, ...)."""
    return TEXTS[block](block)


#: Words of a block's text quoted in messages.
QUOTED_WORDS = 3


def _first_text(block: model.Heading | model.Paragraph | model.Slogan | model.Footnote) -> Inline | str:
    return block.text


def _first_item(block: model.BulletList) -> Inline | str:
    return block.items[0] if block.items else ()


def _callout_title(block: model.Callout) -> Inline | str:
    return block.title or (block.paragraphs[0] if block.paragraphs else ())


def _file(block: model.Image) -> Inline | str:
    return block.file


def _art_name(block: model.Illustration) -> Inline | str:
    return block.name


def _sources_title(block: model.SourceList) -> Inline | str:
    return block.title


def _address(block: model.QRCode) -> Inline | str:
    return block.url


def _nothing(block: model.Break) -> Inline | str:
    return ""


#: What names a block in messages: the start of its text, or its file, name or address.
FIRST_WORDS: Handlers[Callable[[Any], Inline | str]] = Handlers.of(
    "the words that name a block",
    _first_text,
    _first_item,
    _callout_title,
    _file,
    _art_name,
    _sources_title,
    _address,
    _nothing,
)


def block_name(block: Block | None, *, furniture: str = "the title") -> str:
    """A block as its author knows it: `the callout 'Helemaal veilig …'`, `the image 'photo.png'`;
    the engine's own text (a block of None) is named by `furniture` (the title, the colophon)."""
    if block is None:
        return furniture
    kind = BY_MODEL[type(block)].word
    first = FIRST_WORDS[block](block)
    if isinstance(first, str):
        text = first
    else:
        words = "".join(span.text for span in first).split()
        text = " ".join(words[:QUOTED_WORDS]) + (" …" if len(words) > QUOTED_WORDS else "")
    return f"the {kind} '{shortened(text, 60, length=False)}'" if text else f"the {kind}"
