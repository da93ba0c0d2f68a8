"""Reading a corpus leaflet's PDF back: its text panel by panel in reading order, and stray glyphs."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from brochure.layout.furniture import footer_items, header_items
from brochure.layout.model import Layout
from brochure.layout.qr import short_url
from brochure.load.model import (
    Block,
    BulletList,
    Callout,
    Footnote,
    Heading,
    Image,
    Inline,
    Paragraph,
    QRCode,
    Slogan,
    SourceList,
)
from brochure.resolve.document import Document
from brochure.resolve.typography import typographic
from tests.pdfread import Fragment, fragments, reader, squash

#: PDFium must never be called from two threads at once.
PDFIUM = threading.Lock()
#: How far (points) a glyph's box may reach past its panel's text area: the side bearings and
#: overshoot of letters such as "f", "j" and "Q" (italic too), not a clipped letter.
GLYPH_SLACK = 1.5


def inline_text(inline: Inline, document: Document) -> str:
    """The text of inline spans as set: marks and citation numbers, typographic punctuation."""
    out = ""
    for span in inline:
        if span.kind == "footnote":
            out += document.footnotes[span.ref]
        elif span.kind == "cite":
            out += f"[{document.citations[span.ref]}]"
        else:
            out += span.text if span.link == span.text else typographic(span.text, document.language)
    return out


def block_text(block: Block, document: Document, *, paper: bool) -> str:
    """The words a reader meets in one block, written out from the content (not from the layout):
    on paper a QR code's address and a source list with QR codes show the short address."""

    def spans(inline: Inline) -> str:
        return inline_text(inline, document)

    if isinstance(block, (Heading, Paragraph, Slogan)):
        return spans(block.text)
    if isinstance(block, BulletList):
        return "\n".join(spans(i) for i in block.items)  # each item after its bullet
    if isinstance(block, Callout):
        return " ".join(spans(p) for p in (block.title, *block.paragraphs))
    if isinstance(block, Footnote):
        return document.footnotes[block.id] + " " + spans(block.text)
    if isinstance(block, SourceList):
        entries = []
        for n, source in enumerate(document.content.sources, 1):
            address = short_url(source.url) if block.qr and paper else source.url
            head = document.text(source.title + (f" \u2013 {source.publisher}" if source.publisher else ""))
            entries.append(f"{n}. {head} {address}")
        return " ".join([document.text(block.title), *entries])
    if isinstance(block, QRCode):
        label = document.text(block.label) if block.label else ""
        return f"{label} {short_url(block.url) if paper else block.url}"
    if isinstance(block, Image):
        return spans(block.caption)
    return ""


def expected_texts(document: Document, *, paper: bool) -> list[str]:
    """Every text of the leaflet in reading order: the cover's title and subtitle (even when the
    content has no cover), each block, the organisation and the colophon."""
    names = [panel.name for panel in document.panels_in_reading_order()]
    panels = {panel.name: panel for panel in document.content.panels}
    if "cover" not in names:
        names.insert(0, "cover")
    texts = []
    for name in names:
        texts += [_item_text(i) for i in header_items(document, name)]
        blocks = panels[name].blocks if name in panels else ()
        texts += [t for b in blocks for t in block_text(b, document, paper=paper).split("\n")]
        texts += [_item_text(i) for i in footer_items(document, name)]
    return [t for t in texts if squash(t)]


def _item_text(item: Any) -> str:
    """The plain text of a furniture item (the title, the colophon): a flowable's, or the text of
    the setter that replaces it in plain-data layouts."""
    flowable = getattr(item, "flowable", None)
    return str(flowable.getPlainText() if flowable is not None else item.setter.text)


def text_in_reading_order(data: bytes, layout: Layout) -> str:
    """The PDF's text layer panel by panel in the layout's reading order (each panel's text top
    to bottom), found by where each piece of text starts on its page; text beyond the trim (the
    print shop's slug line) is left out."""
    frags = fragments(data)
    x0, y0 = _trim_origins(data)
    out = []
    for slot in dict.fromkeys(layout.reading_order):
        for number, page in enumerate(layout.pages):
            for panel in page.panels:
                if panel.slot != slot:
                    continue
                left = panel.geometry.x + x0[number]
                right = left + panel.geometry.width
                bottom, top = y0[number], y0[number] + page.height  # not the slug line beyond the trim
                out.append(_between([f for f in frags if bottom <= f.y <= top], number, left, right))
    return "".join(out)


def _between(frags: list[Fragment], page: int, left: float, right: float) -> str:
    inside = [f for f in frags if f.page == page and left - 0.5 <= f.x < right]
    inside.sort(key=lambda f: -round(f.y, 1))  # stable: the pieces of one line keep their order
    return "".join(f.text for f in inside)


def missing_in_order(expected: list[str], actual: str) -> list[str]:
    """The expected texts not found in `actual` after the one before them (compared without white
    space, hyphens and quote styles): empty when every text is there, in reading order."""
    text, position, missing = squash(actual), 0, []
    for want in expected:
        at = text.find(squash(want), position)
        if at < 0:
            missing.append(want)
        else:
            position = at + len(squash(want))
    return missing


@dataclass(frozen=True)
class Escape:
    """A glyph whose box reaches out of every panel's text area."""

    page: int
    char: str
    box: tuple[float, float, float, float]

    def __str__(self) -> str:
        x0, y0, x1, y1 = self.box
        return f"page {self.page + 1}: {self.char!r} at x {x0:.1f}-{x1:.1f}, y {y0:.1f}-{y1:.1f}"


def glyph_escapes(data: bytes, layout: Layout) -> list[Escape]:
    """Every glyph of the PDF whose box is not inside the text area of a panel of its page (the
    panel less the theme's padding, GLYPH_SLACK allowed). Text wholly outside the trim (the
    print shop's slug line) is not the layout's."""
    pad = layout.document.theme.padding - GLYPH_SLACK
    x0s, y0s = _trim_origins(data)
    found = []
    for number, page, (x0, y0, x1, y1) in _glyph_boxes(data):
        trimmed = (x0 - x0s[number], y0 - y0s[number], x1 - x0s[number], y1 - y0s[number])
        laid = layout.pages[number]
        if trimmed[2] < 0 or trimmed[0] > laid.width or trimmed[3] < 0 or trimmed[1] > laid.height:
            continue  # the slug line and marks beyond the trim
        inside = any(
            p.geometry.x + pad <= trimmed[0]
            and trimmed[2] <= p.geometry.x + p.geometry.width - pad
            and pad <= trimmed[1]
            and trimmed[3] <= laid.height - pad
            for p in laid.panels
        )
        if not inside:
            found.append(Escape(number, page, trimmed))
    return found


def _glyph_boxes(data: bytes) -> Iterator[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, character, tight box) of every character PDFium finds, spaces and line ends aside."""
    for char in characters(data):
        if char.text.strip() and char.text != "\u00ad":
            yield char.page, char.text, char.box


@dataclass(frozen=True)
class Character:
    """One character as PDFium reads it from a page: its text, tight box and origin (in page
    coordinates), and whether PDFium made it up (a space or line end that no glyph draws)."""

    page: int
    text: str
    box: tuple[float, float, float, float]
    x: float
    y: float
    generated: bool


def characters(data: bytes) -> list[Character]:
    """Every character PDFium finds, page by page in stream order."""
    found: list[Character] = []
    with PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            for number in range(len(document)):
                page = document[number]
                text = page.get_textpage()
                x, y = ctypes.c_double(), ctypes.c_double()
                for index in range(text.count_chars()):
                    pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
                    generated = bool(pdfium_c.FPDFText_IsGenerated(text.raw, index))
                    char = Character(
                        number,
                        text.get_text_range(index, 1),
                        text.get_charbox(index),
                        x.value,
                        y.value,
                        generated,
                    )
                    found.append(char)
                text.close()
                page.close()
        finally:
            document.close()
    return found


def _trim_origins(data: bytes) -> tuple[list[float], list[float]]:
    """Per page, the lower left corner of the trim box (where the layout's page starts)."""
    xs, ys = [], []
    for page in reader(data).pages:
        box = page.trimbox
        xs.append(float(box.left))
        ys.append(float(box.bottom))
    return xs, ys
