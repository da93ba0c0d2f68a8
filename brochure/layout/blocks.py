"""Blocks to flowables: the one place where content blocks become ReportLab objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from brochure.diagnostics import Diagnostics, did_you_mean
from brochure.layout.art import Illustration as Art
from brochure.layout.art import roles, scheme_for
from brochure.layout.paragraph import Paragraph
from brochure.layout.picture import Picture
from brochure.layout.qr import Beside, QRSymbol, short_url
from brochure.layout.styles import Styles, rl
from brochure.layout.text import escape, markup, quoteattr
from brochure.load.model import (
    Block,
    Break,
    BulletList,
    Callout,
    Footnote,
    Heading,
    Illustration,
    Image,
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
    """A flowable to place, with its structure role and the block it came from."""

    flowable: Flowable
    role: str
    block: Block | None = None
    keep_with_next: bool = False
    #: Starts a new panel in a flow (an author's `break`).
    breaks: bool = False


#: QR code sizes, quiet zone included: about 0.5 mm per module for a short URL.
SOURCE_QR = mm(16)
BLOCK_QR = mm(22)


class Kept(Paragraph):
    """A paragraph that is never split (list items, footnotes, sources)."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


class Stack(Flowable):
    """Flowables stacked vertically and never split, with optional tint field and accent rule."""

    def __init__(
        self,
        children: Sequence[Flowable],
        *,
        padding: float = 0.0,
        background: Color | None = None,
        rule: Color | None = None,
        space: float = 0.0,
    ) -> None:
        super().__init__()
        self.children, self.padding, self.background, self.rule = children, padding, background, rule
        self.spaceBefore = self.spaceAfter = space
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = avail_width - 2 * self.padding
        self._sizes = [child.wrap(inner, avail_height) for child in self.children]
        gaps = sum(child.getSpaceAfter() for child in self.children[:-1])
        self.width = avail_width
        self.height = sum(h for _, h in self._sizes) + gaps + 2 * self.padding
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.decorate(self.canv, 0.0, 0.0)
        for child, x, y in self.parts(0.0, 0.0):
            child.drawOn(self.canv, x, y)

    def decorate(self, canvas: Canvas, x: float, y: float) -> None:
        """The tint field and accent rule of a stack whose lower left corner is at x, y."""
        if self.background is not None:
            canvas.setFillColor(self.background)
            canvas.rect(x, y, self.width, self.height, stroke=0, fill=1)
        if self.rule is not None:
            canvas.setFillColor(self.rule)
            canvas.rect(x, y, self.padding * 0.3, self.height, stroke=0, fill=1)

    def parts(self, x: float, y: float) -> list[tuple[Flowable, float, float]]:
        """Each child with the position it is drawn at, for a stack whose corner is at x, y."""
        placed = []
        top = y + self.height - self.padding
        for child, (_, h) in zip(self.children, self._sizes, strict=True):
            top -= h
            placed.append((child, x + self.padding, top))
            top -= child.getSpaceAfter()
        return placed


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
    link = styles.accent.hexval().replace("0x", "#")

    def para(inline: Any, style: Any, kept: bool = False, **extra: Any) -> Paragraph:
        cls = Kept if kept else Paragraph
        return cls(markup(inline, document, link_colour=link), style, **extra)

    if isinstance(block, Heading):
        style = styles.heading if block.level == 2 else styles.subheading
        return [Item(para(block.text, style), f"H{block.level}", block, keep_with_next=True)]
    if isinstance(block, Para):
        return [Item(para(block.text, styles.body), "P", block)]
    if isinstance(block, Slogan):
        return [Item(para(block.text, styles.slogan, kept=True), "P", block)]
    if isinstance(block, BulletList):
        return [
            Item(para(item, styles.bullet, kept=True, bulletText="\u2022"), "LI", block)
            for item in block.items
        ]
    if isinstance(block, Callout):
        children = [para(block.title, styles.callout_title)] if block.title else []
        children += [para(p, styles.callout) for p in block.paragraphs]
        pad = styles.body.fontSize * 0.9
        return [
            Item(
                Stack(children, padding=pad, background=styles.tint, rule=styles.accent, space=pad),
                "P",
                block,
            )
        ]
    if isinstance(block, Footnote):
        mark = document.footnotes.get(block.id, "")
        note = para(block.text, styles.note, kept=True, bulletText=mark)
        note.style = _hanging(styles.note, styles.note.fontSize * 1.2)
        return [Item(note, "Note", block)]
    if isinstance(block, SourceList):
        items = [
            Item(
                Kept(escape(document.text(block.title)), styles.subheading), "H3", block, keep_with_next=True
            )
        ]
        for n, source in enumerate(document.content.sources, start=1):
            head = document.text(source.title + (f" \u2013 {source.publisher}" if source.publisher else ""))
            qr = block.qr and not on_screen
            shown = short_url(source.url) if qr else source.url
            text = (
                f"{escape(head)}<br/><a href={quoteattr(source.url)} color={quoteattr(link)}>"
                f"{escape(shown)}</a>"
            )
            entry: Flowable = Kept(
                text, _hanging(styles.note, styles.note.fontSize * 1.6), bulletText=f"{n}."
            )
            if qr:
                entry = Beside(_qr(source.url, SOURCE_QR, styles, document), entry, SOURCE_QR)
            items.append(Item(entry, "LI", block))
        return items
    if isinstance(block, QRCode):
        label = escape(document.text(block.label)) + "<br/>" if block.label else ""
        address = escape(block.url if on_screen else short_url(block.url))
        text = f"{label}<a href={quoteattr(block.url)} color={quoteattr(link)}>{address}</a>"
        if on_screen:
            return [Item(Kept(text, styles.body), "P", block)]
        symbol = _qr(block.url, BLOCK_QR, styles, document)
        return [Item(Beside(symbol, Kept(text, styles.body), BLOCK_QR), "Figure", block)]
    if isinstance(block, Image):
        colours = roles(scheme_for(document.theme.palette, on_primary=on_primary))
        figure: list[Flowable] = [Picture(document.images[block.file], width * block.width, colours)]
        if block.caption:
            figure.append(para(block.caption, styles.caption))
        return [
            Item(
                Stack(figure, space=styles.body.fontSize * 0.9), "Figure" if block.alt else "Artifact", block
            )
        ]
    if isinstance(block, Illustration):
        if block.name not in document.art:
            diagnostics.error(
                "L003",
                f"unknown illustration '{block.name}'",
                block.location,
                did_you_mean(block.name, BUILTIN_ART),
            )
            return []
        art = Art(
            document.art[block.name],
            width=width,
            height=width * 0.92,
            palette=document.theme.palette,
            on_primary=on_primary,
        )
        return [Item(art, "Figure" if block.alt else "Artifact", block)]
    assert isinstance(block, Break)
    return [Item(Spacer0(), "Artifact", block, breaks=True)]


class Spacer0(Flowable):
    """Takes no room; marks where an author's break starts the next panel."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


def _qr(url: str, size: float, styles: Styles, document: Document) -> QRSymbol:
    """A QR code in the text colour on the paper colour."""
    return QRSymbol(url, size, styles.body.textColor, rl(document.theme.palette.paper))


def _hanging(style: ParagraphStyle, indent: float) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-hanging", parent=style, leftIndent=indent, bulletIndent=0)
