"""Blocks to setters: the one place where content blocks become what layout places."""

from __future__ import annotations

from dataclasses import dataclass

from brochure.diagnostics import Diagnostics, did_you_mean
from brochure.layout.art import roles, scheme_for
from brochure.layout.boxes import Beside, CodeBox, DrawingBox, Gap, PictureBox, Setter, Stack
from brochure.layout.qr import GAP, short_url
from brochure.layout.setting import LINE_BREAK, Chunk, Face, Prepared
from brochure.layout.styles import Styles, TextStyle
from brochure.layout.text import prepared, prepared_text, set_chunks
from brochure.layout.textblock import Label, TextBlock
from brochure.load.model import (
    Block,
    Break,
    BulletList,
    Callout,
    Footnote,
    Heading,
    Illustration,
    Image,
    Inline,
    QRCode,
    Slogan,
    SourceList,
)
from brochure.load.model import (
    Paragraph as Para,
)
from brochure.resolve.document import Document
from brochure.resolve.svg import BUILTIN_ART
from brochure.units import mm


@dataclass(frozen=True)
class Item:
    """A setter to place, with its structure role and the block it came from."""

    setter: Setter
    role: str
    block: Block | None = None
    keep_with_next: bool = False
    #: Starts a new panel in a flow (an author's `break`).
    breaks: bool = False


#: QR code sizes, quiet zone included: about 0.5 mm per module for a short URL.
SOURCE_QR = mm(16)
BLOCK_QR = mm(22)


def block_items(
    block: Block,
    document: Document,
    styles: Styles,
    width: float,
    diagnostics: Diagnostics,
    *,
    on_primary: bool = False,
    on_screen: bool = False,
) -> list[Item]:
    """The items one block becomes, set for a column `width` points wide (on the theme colour
    when `on_primary`; for a screen, where links are tapped, not scanned, when `on_screen`)."""

    def para(inline: Inline, style: TextStyle, kept: bool = False, label: str = "") -> TextBlock:
        mark = Label(prepared_text(label, style, whole=True)) if label else None
        return TextBlock(prepared(inline, document, style), style, label=mark, kept=kept)

    if isinstance(block, Heading):
        style = styles.heading if block.level == 2 else styles.subheading
        return [Item(para(block.text, style), f"H{block.level}", block, keep_with_next=True)]
    if isinstance(block, Para):
        return [Item(para(block.text, styles.body), "P", block)]
    if isinstance(block, Slogan):
        return [Item(para(block.text, styles.slogan, kept=True), "P", block)]
    if isinstance(block, BulletList):
        return [
            Item(para(item, styles.bullet, kept=True, label="\u2022"), "LI", block) for item in block.items
        ]
    if isinstance(block, Callout):
        children: list[Setter] = [para(block.title, styles.callout_title)] if block.title else []
        children += [para(p, styles.callout) for p in block.paragraphs]
        pad = styles.body.size * 0.9
        stack = Stack(
            children,
            padding=pad,
            background=styles.tint,
            rule=styles.accent,
            rule_right=styles.body.direction == "rtl",
            space=pad,
        )
        return [Item(stack, "P", block)]
    if isinstance(block, Footnote):
        mark = document.footnotes.get(block.id, "")
        note = styles.note.hanging(styles.note.size * 1.2)
        return [Item(para(block.text, note, kept=True, label=mark), "Note", block)]
    if isinstance(block, SourceList):
        title = TextBlock(
            prepared_text(document.text(block.title), styles.subheading), styles.subheading, kept=True
        )
        items = [Item(title, "H3", block, keep_with_next=True)]
        hanging = styles.note.hanging(styles.note.size * 1.6)
        for n, source in enumerate(document.content.sources, start=1):
            head = document.text(source.title + (f" \u2013 {source.publisher}" if source.publisher else ""))
            qr = block.qr and not on_screen
            text = _with_address(head, source.url, short_url(source.url) if qr else source.url, hanging)
            label = Label(prepared_text(f"{n}.", hanging, whole=True))
            entry = TextBlock(text, hanging, label=label, kept=True)
            code = _qr(source.url, SOURCE_QR, styles, document)
            items.append(Item(Beside(code, entry, GAP) if qr else entry, "LI", block))
        return items
    if isinstance(block, QRCode):
        label_text = document.text(block.label) if block.label else ""
        address = block.url if on_screen else short_url(block.url)
        shown = TextBlock(_with_address(label_text, block.url, address, styles.body), styles.body, kept=True)
        if on_screen:
            return [Item(shown, "P", block)]
        return [Item(Beside(_qr(block.url, BLOCK_QR, styles, document), shown, GAP), "Figure", block)]
    if isinstance(block, Image):
        colours = roles(scheme_for(document.theme.palette, on_primary=on_primary))
        asset = document.images[block.file]
        figure: list[Setter] = [PictureBox(block.file, asset, width * block.width, colours)]
        if block.caption:
            figure.append(para(block.caption, styles.caption))
        role = "Figure" if block.alt else "Artifact"
        return [Item(Stack(figure, space=styles.body.size * 0.9), role, block)]
    if isinstance(block, Illustration):
        if block.name not in document.art:
            diagnostics.error(
                "L003",
                f"unknown illustration '{block.name}'",
                block.location,
                did_you_mean(block.name, BUILTIN_ART),
            )
            return []
        colours = roles(scheme_for(document.theme.palette, on_primary=on_primary))
        art = DrawingBox(block.name, document.art[block.name], width, width * 0.92, colours)
        return [Item(art, "Figure" if block.alt else "Artifact", block)]
    assert isinstance(block, Break)
    return [Item(Gap(), "Artifact", block, breaks=True)]


def _with_address(text: str, url: str, shown: str, style: TextStyle) -> Prepared:
    """`text`, then on a line of its own the address `shown` linking to `url`."""
    plain = Face(style.face(), style.size, style.colour)
    link = Face(style.face(), style.size, style.link_colour, url)
    chunks = [Chunk(text + LINE_BREAK, plain), Chunk(shown, link, whole=True, address=True)]
    if not text:
        chunks = chunks[1:]
    return set_chunks(chunks, style)


def _qr(url: str, size: float, styles: Styles, document: Document) -> CodeBox:
    """A QR code in the text colour on the paper colour."""
    return CodeBox(url, size, styles.body.colour, document.theme.palette.paper)
