"""Inline spans to prepared text (faces, links, footnote marks, citations)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from brochure.layout.setting import Chunk, Face, Prepared, prepare_plain
from brochure.layout.styles import TextStyle
from brochure.load.model import Inline, Span
from brochure.resolve.document import Document
from brochure.resolve.hyphenation import protected

#: Citation numbers: this share of the text size, raised by RISE of it.
SUPER_SIZE, RISE = 0.7, 0.35


def plain(inline: Inline, document: Document) -> str:
    """The text a reader sees, without markup (for alt text, outlines and companions)."""
    parts = []
    for span in inline:
        if span.kind == "text":
            parts.append(_text(span, document))
        elif span.kind == "footnote":
            parts.append(document.footnotes.get(span.ref, ""))
        else:
            parts.append(f"[{document.citations.get(span.ref, '?')}]")
    return "".join(parts)


def _text(span: Span, document: Document) -> str:
    """A text span as set: typographic unless verbatim or a URL shown as its own text."""
    if span.verbatim or (span.link and span.link == span.text):
        return span.text
    return document.text(span.text, span.lang)


def prepared(inline: Inline, document: Document, style: TextStyle) -> Prepared:
    """A run of spans set in `style`, with the document's typography applied, ready to break."""
    return set_chunks(chunks(inline, document, style), style)


def prepared_text(text: str, style: TextStyle, *, whole: bool = False) -> Prepared:
    """Plain text (already typographic) in `style`; `whole` keeps it on one line."""
    face = Face(style.face(), style.size, style.colour)
    return set_chunks([Chunk(text, face, whole=whole)], style)


def set_chunks(pieces: Sequence[Chunk], style: TextStyle) -> Prepared:
    """Chunks prepared for breaking: shaped (HarfBuzz, with the bidi levels) in a right-to-left
    style or when left-to-right text holds a right-to-left phrase (Arabic words in a Dutch
    paragraph), else measured with the faces' plain advances (no shaping cost for Latin text)."""
    if style.direction == "rtl" or any(_right_to_left(chunk.text) for chunk in pieces):
        from brochure.layout.rtl import prepare_rtl

        return prepare_rtl(pieces, style.hyphenator, style.fonts, base=1 if style.direction == "rtl" else 0)
    return prepare_plain(tuple(pieces), style.hyphenator)


def _right_to_left(text: str) -> bool:
    """Whether the text has a letter of a right-to-left script (bidi class R or AL)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text if ord(char) >= 0x590)


def chunks(inline: Inline, document: Document, style: TextStyle) -> list[Chunk]:
    """The spans as chunks of one face each: bold and italic faces, links in the link colour,
    citations raised and smaller, protected words and verbatim text kept whole."""
    out: list[Chunk] = []
    plain_face = Face(style.face(), style.size, style.colour)
    for span in inline:
        if span.kind == "footnote":
            # Not raised: an asterisk is drawn high already, and a raised one floats above the word.
            out.append(Chunk(document.footnotes.get(span.ref, ""), plain_face, whole=True))
            continue
        if span.kind == "cite":
            size = style.size * SUPER_SIZE
            face = Face(style.face(), size, style.colour, rise=style.size * RISE)
            out.append(Chunk(f"[{document.citations.get(span.ref, '?')}]", face, whole=True))
            continue
        colour = style.link_colour if span.link else style.colour
        lang = span.lang if span.lang and span.lang != document.language else ""
        face = Face(style.face(bold=span.bold, italic=span.italic), style.size, colour, span.link, lang=lang)
        text = _text(span, document)
        if span.verbatim:
            out.append(Chunk(text, face, whole=True))
            continue
        at = 0
        for start, end in protected(text, document.theme.no_hyphenation):
            out += [Chunk(text[at:start], face), Chunk(text[start:end], face, whole=True)]
            at = end
        out.append(Chunk(text[at:], face))
    return [chunk for chunk in out if chunk.text]
