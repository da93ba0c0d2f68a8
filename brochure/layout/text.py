"""Inline spans to ReportLab paragraph markup: styles, links, footnote marks and citations."""

from __future__ import annotations

from html import escape as _escape

from brochure.layout.model import LANGUAGE_CLOSE, LANGUAGE_OPEN
from brochure.load.model import Inline, Span
from brochure.resolve.document import Document
from brochure.resolve.hyphenation import protect


def escape(text: str) -> str:
    """Text safe in paragraph markup: &, < and > as entities (what xml.sax.saxutils does, without
    the 15 ms that importing it costs: it pulls in urllib.request)."""
    return _escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An attribute value in quotes, escaped as xml.sax.saxutils.quoteattr does."""
    value = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))


def markup(inline: Inline, document: Document, *, link_colour: str = "", html: bool = False) -> str:
    """Paragraph markup for a run of spans, with the document's typography applied. A phrase
    in another language is marked for the canvas (each word apart, so that no mark is left open
    where a paragraph splits), or as `<span lang>` for `html`."""
    return "".join(_language(span, _span(span, document, link_colour), document, html) for span in inline)


def _language(span: Span, out: str, document: Document, html: bool) -> str:
    if not span.lang or span.lang == document.language:
        return out
    if html:
        return f"<span lang={quoteattr(span.lang)}>{out}</span>"
    opening = f"<onDraw name={quoteattr(LANGUAGE_OPEN)} label={quoteattr(span.lang)}/>"
    closing = f'<onDraw name={quoteattr(LANGUAGE_CLOSE)} label=""/>'
    return " ".join(f"{opening}{word}{closing}" if word else word for word in out.split(" "))


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


def _span(span: Span, document: Document, link_colour: str) -> str:
    if span.kind == "footnote":
        # Not raised: an asterisk is drawn high already, and a raised one floats above the word.
        return escape(document.footnotes.get(span.ref, ""))
    if span.kind == "cite":
        return f"<super>[{document.citations.get(span.ref, '?')}]</super>"
    out = escape(_text(span, document))
    if span.verbatim:
        out = f"<nobr>{out}</nobr>"
    else:
        out = protect(out, (escape(word) for word in document.theme.no_hyphenation))
    if span.italic:
        out = f"<i>{out}</i>"
    if span.bold:
        out = f"<b>{out}</b>"
    if span.link:
        colour = f" color={quoteattr(link_colour)}" if link_colour else ""
        out = f"<a href={quoteattr(span.link)}{colour}>{out}</a>"
    return out


def _text(span: Span, document: Document) -> str:
    """A text span as set: typographic unless verbatim or a URL shown as its own text."""
    if span.verbatim or (span.link and span.link == span.text):
        return span.text
    return document.text(span.text, span.lang)
