"""What a link says to someone who cannot see it: its text and where it goes."""

from __future__ import annotations

from collections.abc import Iterator

from brochure.content.model import (
    Block,
    BulletList,
    Callout,
    Footnote,
    Heading,
    Image,
    Inline,
    Paragraph,
    Slogan,
    SourceList,
)
from brochure.document import Document


def inlines(block: Block | None) -> Iterator[Inline]:
    """Every run of inline text of a block, in reading order."""
    if isinstance(block, (Heading, Paragraph, Slogan, Footnote)):
        yield block.text
    elif isinstance(block, BulletList):
        yield from block.items
    elif isinstance(block, Callout):
        yield block.title
        yield from block.paragraphs
    elif isinstance(block, Image):
        yield block.caption


def link_description(uri: str, block: Block | None, document: Document) -> str:
    """`Sexting – Wikipedia: https://…` for a source, `label (https://…)` for a labelled link,
    the address alone for a bare one."""
    if isinstance(block, SourceList):
        for source in document.content.sources:
            if source.url == uri:
                return f"{document.text(source.title)}: {uri}"
    for inline in inlines(block):
        for span in inline:
            if span.link == uri and span.text and span.text != uri:
                return f"{document.text(span.text)} ({uri})"
    return uri
