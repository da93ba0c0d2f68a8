"""The leaflet as the e-mail reads it: its sections in reading order, and as plain text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from brochure.languages import upper
from brochure.layout.model import Layout
from brochure.layout.text import plain
from brochure.load import model
from brochure.load.model import Block, Inline
from brochure.load.registry import Handlers
from brochure.mail.words import Letter, link_label
from brochure.resolve.document import Document

WIDTH = 72  # plain-text line length for e-mail


@dataclass(frozen=True)
class Section:
    """A block (or a piece of furniture such as the title) as the reader meets it."""

    role: str
    block: Block | None
    #: The text of furniture (title, subtitle, organisation, colophon); blocks carry their own.
    text: str = ""


def sections(layout: Layout) -> list[Section]:
    """The layout's blocks in reading order, each once (a block split over pages is one section)."""
    found: list[Section] = []
    for placed in layout.items_in_reading_order():
        if placed.block is None:
            found.append(Section(placed.role, None, placed.text))
        elif not found or found[-1].block is not placed.block:
            found.append(Section(placed.role, placed.block))
    return found


def _sources(document: Document) -> Iterator[tuple[str, str]]:
    for source in document.content.sources:
        head = source.title + (f" \u2013 {source.publisher}" if source.publisher else "")
        yield document.text(head), source.url


def to_text(layout: Layout, words: Letter) -> str:
    """The plain-text part: greeting, message, the leaflet's text wrapped at 72, closing."""
    parts = [wrap(words.greeting), *(wrap(p) for p in words.message), *leaflet_text(layout)]
    if words.closing:
        parts.append(wrap(words.closing))
    return "\n\n".join(parts) + "\n"


def leaflet_text(layout: Layout) -> list[str]:
    """The leaflet's text in reading order, one paragraph (or list, or heading) an item."""
    document = layout.document
    return [text for text in (_text(section, document) for section in sections(layout)) if text]


def wrap(text: str, indent: str = "", first: str = "") -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=first or indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _plain(inline: Inline, document: Document) -> str:
    """Plain text with each link's address after its label."""
    return "".join(
        plain((span,), document) + (f" ({span.link})" if span.link and span.text != span.link else "")
        for span in inline
    )


def _text(section: Section, document: Document) -> str:
    block = section.block
    if block is not None:
        return TEXT[block](block, document)
    return upper(section.text, document.language) if section.role == "H1" else wrap(section.text)


def _heading(block: model.Heading, document: Document) -> str:
    heading = _plain(block.text, document)
    return f"{heading}\n" + ("=" if block.level == 2 else "-") * len(heading)


def _running(block: model.Paragraph | model.Slogan, document: Document) -> str:
    return wrap(_plain(block.text, document))


def _list(block: model.BulletList, document: Document) -> str:
    return "\n".join(wrap(_plain(item, document), "  ", "- ") for item in block.items)


def _callout(block: model.Callout, document: Document) -> str:
    return "\n\n".join(wrap(_plain(p, document), "| ", "| ") for p in (block.title, *block.paragraphs) if p)


def _footnote(block: model.Footnote, document: Document) -> str:
    return wrap(_plain(block.text, document), "  ", f"{document.footnotes.get(block.id, '')} ")


def _source_list(block: model.SourceList, document: Document) -> str:
    title = document.text(block.title)
    entries = [f"{n}. {head}\n   {url}" for n, (head, url) in enumerate(_sources(document), start=1)]
    return "\n".join([title, "-" * len(title), *entries])


def _image(block: model.Image, document: Document) -> str:
    return wrap(_plain(block.caption, document)) if block.caption else ""


def _qr(block: model.QRCode, document: Document) -> str:
    return wrap(f"{link_label(document.text(block.label), document.language)}: {block.url}")


def _nothing(block: model.Illustration | model.Break, document: Document) -> str:
    return ""


#: The plain text of each block type in the e-mail.
TEXT: Handlers[Callable[[Any, Document], str]] = Handlers.of(
    "the e-mail text of a block",
    _heading,
    _running,
    _list,
    _callout,
    _footnote,
    _source_list,
    _image,
    _qr,
    _nothing,
)
