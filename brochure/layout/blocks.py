"""Blocks to setters: the one place where content blocks become what layout places."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from brochure.diagnostics import Diagnostics, did_you_mean
from brochure.layout.art import roles, scheme_for
from brochure.layout.boxes import Beside, CodeBox, DrawingBox, Gap, PictureBox, Setter, Stack
from brochure.layout.qr import GAP, short_url
from brochure.layout.setting import LINE_BREAK, Chunk, Face, Prepared
from brochure.layout.styles import Styles, TextStyle
from brochure.layout.text import prepared, prepared_text, set_chunks
from brochure.layout.textblock import Label, TextBlock
from brochure.load import model
from brochure.load.model import Block, Inline
from brochure.load.registry import Handlers
from brochure.resolve.document import Document
from brochure.resolve.svg import BUILTIN_ART
from brochure.resolve.theme import Colour
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


@dataclass(frozen=True)
class Setting:
    """What a block is set for: the document, its styles, a column `width` points wide, on the
    theme colour (`on_primary`) or for a screen, where links are tapped, not scanned (`on_screen`)."""

    document: Document
    styles: Styles
    width: float
    diagnostics: Diagnostics
    on_primary: bool = False
    on_screen: bool = False

    def para(self, inline: Inline, style: TextStyle, kept: bool = False, label: str = "") -> TextBlock:
        """A paragraph of inline text, with a `label` (a bullet, a footnote's mark) hanging."""
        mark = Label(prepared_text(label, style, whole=True)) if label else None
        return TextBlock(prepared(inline, self.document, style), style, label=mark, kept=kept)

    def colours(self) -> dict[str, Colour]:
        """The colours a picture's colour roles take on this panel's paper."""
        return roles(scheme_for(self.document.theme.palette, on_primary=self.on_primary))


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
    setting = Setting(document, styles, width, diagnostics, on_primary=on_primary, on_screen=on_screen)
    return SETTERS[block](block, setting)


def _heading(block: model.Heading, s: Setting) -> list[Item]:
    style = s.styles.heading if block.level == 2 else s.styles.subheading
    return [Item(s.para(block.text, style), f"H{block.level}", block, keep_with_next=True)]


def _paragraph(block: model.Paragraph, s: Setting) -> list[Item]:
    return [Item(s.para(block.text, s.styles.body), "P", block)]


def _slogan(block: model.Slogan, s: Setting) -> list[Item]:
    return [Item(s.para(block.text, s.styles.slogan, kept=True), "P", block)]


def _list(block: model.BulletList, s: Setting) -> list[Item]:
    bullet = s.styles.bullet
    return [Item(s.para(item, bullet, kept=True, label="\u2022"), "LI", block) for item in block.items]


def _callout(block: model.Callout, s: Setting) -> list[Item]:
    children: list[Setter] = [s.para(block.title, s.styles.callout_title)] if block.title else []
    children += [s.para(p, s.styles.callout) for p in block.paragraphs]
    pad = s.styles.body.size * 0.9
    stack = Stack(
        children,
        padding=pad,
        background=s.styles.tint,
        rule=s.styles.accent,
        rule_right=s.styles.body.direction == "rtl",
        space=pad,
    )
    return [Item(stack, "P", block)]


def _footnote(block: model.Footnote, s: Setting) -> list[Item]:
    mark = s.document.footnotes.get(block.id, "")
    note = s.styles.note.hanging(s.styles.note.size * 1.2)
    return [Item(s.para(block.text, note, kept=True, label=mark), "Note", block)]


def _sources(block: model.SourceList, s: Setting) -> list[Item]:
    document, styles = s.document, s.styles
    heading = styles.subheading
    title = TextBlock(prepared_text(document.text(block.title), heading), heading, kept=True)
    items = [Item(title, "H3", block, keep_with_next=True)]
    hanging = styles.note.hanging(styles.note.size * 1.6)
    for n, source in enumerate(document.content.sources, start=1):
        head = document.text(source.title + (f" \u2013 {source.publisher}" if source.publisher else ""))
        qr = block.qr and not s.on_screen
        text = _with_address(head, source.url, short_url(source.url) if qr else source.url, hanging)
        label = Label(prepared_text(f"{n}.", hanging, whole=True))
        entry = TextBlock(text, hanging, label=label, kept=True)
        code = _qr(source.url, SOURCE_QR, styles, document)
        items.append(Item(Beside(code, entry, GAP) if qr else entry, "LI", block))
    return items


def _qr_code(block: model.QRCode, s: Setting) -> list[Item]:
    document, body = s.document, s.styles.body
    label_text = document.text(block.label) if block.label else ""
    address = block.url if s.on_screen else short_url(block.url)
    shown = TextBlock(_with_address(label_text, block.url, address, body), body, kept=True)
    if s.on_screen:
        return [Item(shown, "P", block)]
    return [Item(Beside(_qr(block.url, BLOCK_QR, s.styles, document), shown, GAP), "Figure", block)]


def _image(block: model.Image, s: Setting) -> list[Item]:
    asset = s.document.images[block.file]
    figure: list[Setter] = [PictureBox(block.file, asset, s.width * block.width, s.colours())]
    if block.caption:
        figure.append(s.para(block.caption, s.styles.caption))
    role = "Figure" if block.alt else "Artifact"
    return [Item(Stack(figure, space=s.styles.body.size * 0.9), role, block)]


def _illustration(block: model.Illustration, s: Setting) -> list[Item]:
    if block.name not in s.document.art:
        s.diagnostics.error(
            "L003",
            f"unknown illustration '{block.name}'",
            block.location,
            did_you_mean(block.name, BUILTIN_ART),
        )
        return []
    art = DrawingBox(block.name, s.document.art[block.name], s.width, s.width * 0.92, s.colours())
    return [Item(art, "Figure" if block.alt else "Artifact", block)]


def _break(block: model.Break, s: Setting) -> list[Item]:
    return [Item(Gap(), "Artifact", block, breaks=True)]


#: What each block type becomes: the setters to place, with their structure roles.
SETTERS: Handlers[Callable[[Any, Setting], list[Item]]] = Handlers.of(
    "the setters of blocks",
    _heading,
    _paragraph,
    _list,
    _callout,
    _slogan,
    _image,
    _illustration,
    _footnote,
    _sources,
    _qr_code,
    _break,
)


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
