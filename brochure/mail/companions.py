"""The e-mail companions of the phone PDF: one HTML page and a plain text, same text, same order."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from brochure.languages import upper
from brochure.layout.model import Layout, Placed
from brochure.layout.text import markup, plain
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
    Paragraph,
    QRCode,
    Slogan,
    SourceList,
)
from brochure.mail.words import link_label
from brochure.resolve.document import Document

WIDTH = 72  # plain-text line length for e-mail
STYLE = (
    "body{{font:17px/1.5 system-ui,sans-serif;max-width:34em;margin:1em auto;padding:0 1em;color:{ink}}}"
    "h1,h2,h3,h4,.slogan{{color:{colour}}}.callout{{background:{tint};border-left:4px solid {colour};"
    "padding:.2em 1em}}.note,.colophon{{font-size:.9em}}a{{color:{colour}}}ol li{{margin-bottom:.5em}}"
)


@dataclass(frozen=True)
class Section:
    """A block (or a piece of furniture such as the title) as the reader meets it."""

    role: str
    block: Block | None
    #: The text of furniture (title, subtitle, organisation, colophon); blocks carry their own.
    text: str = ""


def companion_files(layout: Layout, *, name: str, size: int) -> list[tuple[str, str]]:
    """(suffix, text) of the HTML page and the plain text for the e-mail that carries the PDF
    `name` of `size` bytes."""
    return [(".html", to_html(layout, name=name, size=size)), (".txt", to_text(layout, name=name, size=size))]


def message(document: Document, name: str, size: int) -> str:
    """The e-mail's first line, naming the attachment."""
    return document.words.attached(name, size)


def sections(layout: Layout) -> list[Section]:
    """The layout's blocks in reading order, each once (a block split over pages is one section)."""
    found: list[Section] = []
    for placed in layout.items_in_reading_order():
        if placed.block is None:
            found.append(Section(placed.role, None, _furniture_text(placed)))
        elif not found or found[-1].block is not placed.block:
            found.append(Section(placed.role, placed.block))
    return found


def _furniture_text(placed: Placed) -> str:
    return placed.text


def to_html(layout: Layout, *, name: str, size: int) -> str:
    """One self-contained page with the document's language, headings, lists and links."""
    document = layout.document
    palette = document.theme.palette
    style = STYLE.format(ink=palette.ink.hex, colour=palette.primary.hex, tint=palette.tint.hex)
    body = "\n".join(filter(None, (_html(section, document) for section in sections(layout))))
    title = html.escape(document.content.meta.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(document.language)}" dir="{document.words.direction}">\n'
        '<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{style}</style>\n</head>\n<body>\n"
        f"<p><em>{html.escape(message(document, name, size))}</em></p>\n{body}\n</body>\n</html>\n"
    )


def _inline(inline: Inline, document: Document) -> str:
    return markup(inline, document, html=True).replace("<super>", "<sup>").replace("</super>", "</sup>")


def _html(section: Section, document: Document) -> str:
    block = section.block
    if block is None:
        tag = "h1" if section.role == "H1" else "p"
        return f"<{tag}>{html.escape(section.text)}</{tag}>"
    if isinstance(block, Heading):
        return f"<h{block.level}>{_inline(block.text, document)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_inline(block.text, document)}</p>"
    if isinstance(block, Slogan):
        return f'<p class="slogan"><strong>{_inline(block.text, document)}</strong></p>'
    if isinstance(block, BulletList):
        return "<ul>" + "".join(f"<li>{_inline(item, document)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Callout):
        title = f"<p><strong>{_inline(block.title, document)}</strong></p>" if block.title else ""
        paragraphs = "".join(f"<p>{_inline(p, document)}</p>" for p in block.paragraphs)
        return f'<div class="callout">{title}{paragraphs}</div>'
    if isinstance(block, Footnote):
        mark = html.escape(document.footnotes.get(block.id, ""))
        text = _inline(block.text, document)
        return f'<p class="note" id="note-{html.escape(block.id)}"><sup>{mark}</sup> {text}</p>'
    if isinstance(block, SourceList):
        entries = "".join(
            f'<li>{html.escape(head)}<br><a href="{html.escape(url)}">{html.escape(url)}</a></li>'
            for head, url in _sources(document)
        )
        return f"<h3>{html.escape(document.text(block.title))}</h3><ol>{entries}</ol>"
    if isinstance(block, (Image, Illustration)) and block.alt:
        caption = block.caption if isinstance(block, Image) else ()
        text = f"<figcaption>{_inline(caption, document)}</figcaption>" if caption else ""
        return f'<figure role="img" aria-label="{html.escape(block.alt)}">{text}</figure>'
    if isinstance(block, QRCode):
        label = f"{html.escape(link_label(document.text(block.label), document.language))}<br>"
        return f'<p>{label}<a href="{html.escape(block.url)}">{html.escape(block.url)}</a></p>'
    assert isinstance(block, (Image, Illustration, Break))
    return ""


def _sources(document: Document) -> Iterator[tuple[str, str]]:
    for source in document.content.sources:
        head = source.title + (f" \u2013 {source.publisher}" if source.publisher else "")
        yield document.text(head), source.url


def to_text(layout: Layout, *, name: str, size: int) -> str:
    """The plain-text body of the e-mail: the message, then the leaflet's text wrapped at 72."""
    return "\n\n".join([wrap(message(layout.document, name, size)), *leaflet_text(layout)]) + "\n"


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
    if block is None:
        return upper(section.text, document.language) if section.role == "H1" else wrap(section.text)
    if isinstance(block, Heading):
        heading = _plain(block.text, document)
        return f"{heading}\n" + ("=" if block.level == 2 else "-") * len(heading)
    if isinstance(block, (Paragraph, Slogan)):
        return wrap(_plain(block.text, document))
    if isinstance(block, BulletList):
        return "\n".join(wrap(_plain(item, document), "  ", "- ") for item in block.items)
    if isinstance(block, Callout):
        return "\n\n".join(
            wrap(_plain(p, document), "| ", "| ") for p in (block.title, *block.paragraphs) if p
        )
    if isinstance(block, Footnote):
        return wrap(_plain(block.text, document), "  ", f"{document.footnotes.get(block.id, '')} ")
    if isinstance(block, SourceList):
        title = document.text(block.title)
        entries = [f"{n}. {head}\n   {url}" for n, (head, url) in enumerate(_sources(document), start=1)]
        return "\n".join([title, "-" * len(title), *entries])
    if isinstance(block, Image) and block.caption:
        return wrap(_plain(block.caption, document))
    if isinstance(block, QRCode):
        return wrap(f"{link_label(document.text(block.label), document.language)}: {block.url}")
    return ""
