"""The HTML part of the e-mail: the leaflet's text and pictures with inline styles, light and dark."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import css_inline

from brochure.languages import direction
from brochure.layout.model import Layout
from brochure.load import model
from brochure.load.model import Inline, Span
from brochure.load.registry import Handlers
from brochure.mail.pictures import COLUMN_PX, Picture
from brochure.mail.reading import Section, sections
from brochure.mail.words import Letter, link_label
from brochure.resolve.document import Document
from brochure.resolve.theme import WHITE, Colour

#: The background mail programs give a message in dark mode (Apple Mail, Outlook, Gmail: 12-13 %).
DARK = Colour(0x12 / 255, 0x12 / 255, 0x12 / 255)
#: Text on the dark background: light grey, softer than white.
DARK_INK = Colour(0xE6 / 255, 0xE6 / 255, 0xE6 / 255)
#: WCAG AA for body text; headings and slogans are held to the same, they are the colour's text.
CONTRAST = 4.5

STYLE = """
body{{margin:0;padding:0;background-color:#FFFFFF;color:{ink}}}
.column{{max-width:{column}px;margin:0 auto;padding:16px;font-size:17px;line-height:1.5;color:{ink};
background-color:#FFFFFF;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}}
h1,h2,h3,h4{{color:{primary};line-height:1.25;margin:1.2em 0 .4em}}
h1{{font-size:28px}}h2{{font-size:22px}}h3{{font-size:19px}}h4{{font-size:17px}}
p{{margin:0 0 .8em}}ul,ol{{margin:0 0 .8em;padding-inline-start:1.4em}}li{{margin:0 0 .3em}}
a{{color:{primary};text-decoration:underline}}
.slogan{{font-size:21px;font-weight:bold;color:{primary}}}
.callout{{width:100%;border-collapse:collapse;margin:0 0 .8em}}
.callout td{{background-color:{tint};border-inline-start:4px solid {primary};padding:10px 14px;color:{ink}}}
.figure{{text-align:center;margin:0 0 .8em}}
.figure img{{display:inline-block;max-width:100%;height:auto;border:0;border-radius:12px}}
.caption,.note{{font-size:15px}}
.letter{{color:{ink}}}
@media (prefers-color-scheme: dark){{
body,.column{{background-color:{dark} !important;color:{dark_ink} !important}}
h1,h2,h3,h4,.slogan,a{{color:{dark_primary} !important}}
.callout td{{background-color:{dark_tint} !important;border-color:{dark_primary} !important;
color:{dark_ink} !important}}
.letter,.caption,.note,li,p{{color:{dark_ink} !important}}
}}
"""


@dataclass(frozen=True)
class Colours:
    """The message's colours: the theme's on white, and lighter ones for dark mode."""

    ink: Colour
    primary: Colour
    tint: Colour
    dark_primary: Colour
    dark_tint: Colour


def colours(document: Document) -> Colours:
    """The theme's colours, each moved just enough to keep 4.5:1 against its background."""
    palette = document.theme.palette
    primary = _readable(palette.primary, WHITE, towards=Colour(0, 0, 0))
    tint = palette.tint if palette.ink.contrast(palette.tint) >= CONTRAST else palette.tint.mix(WHITE, 0.6)
    dark_tint = palette.primary.mix(DARK, 0.78)
    dark_primary = _readable(palette.primary, dark_tint, towards=WHITE)
    return Colours(palette.ink, primary, tint, dark_primary, dark_tint)


def _readable(colour: Colour, background: Colour, *, towards: Colour) -> Colour:
    for step in range(21):
        mixed = colour.mix(towards, step / 20)
        if (
            mixed.contrast(background) >= CONTRAST
            and mixed.contrast(DARK if towards == WHITE else WHITE) >= CONTRAST
        ):
            return mixed
    return towards


def to_html(layout: Layout, letter: Letter, pictures: dict[int, Picture]) -> str:
    """The whole HTML part, its CSS inlined into `style` attributes (dark-mode rules stay in <style>)."""
    document = layout.document
    chosen = colours(document)
    style = STYLE.format(
        column=COLUMN_PX,
        ink=chosen.ink.hex,
        primary=chosen.primary.hex,
        tint=chosen.tint.hex,
        dark=DARK.hex,
        dark_ink=DARK_INK.hex,
        dark_primary=chosen.dark_primary.hex,
        dark_tint=chosen.dark_tint.hex,
    )
    language = escape(document.language)
    side = direction(document.language)
    opening = [f'<p class="letter">{escape(letter.greeting)}</p>']
    opening += [f'<p class="letter">{escape(p)}</p>' for p in letter.message]
    body = [_html(section, document, pictures) for section in sections(layout)]
    closing = [f'<p class="letter">{escape(letter.closing)}</p>'] if letter.closing else []
    leaflet = "\n".join(part for part in body if part)
    parts = "\n".join((*opening, f'<div class="leaflet">\n{leaflet}\n</div>', *closing))
    page = (
        f'<!DOCTYPE html>\n<html lang="{language}" dir="{side}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="supported-color-schemes" content="light dark">\n'
        f"<title>{escape(letter.subject)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f'<!--[if mso]><table role="presentation" width="{COLUMN_PX}" align="center" cellpadding="0" '
        'cellspacing="0"><tr><td><![endif]-->\n'
        f'<div class="column" lang="{language}" dir="{side}">\n{parts}\n</div>\n'
        "<!--[if mso]></td></tr></table><![endif]-->\n</body>\n</html>\n"
    )
    return str(css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False).inline(page))


def _html(section: Section, document: Document, pictures: dict[int, Picture]) -> str:
    block = section.block
    if block is not None:
        return HTML[block](block, document, pictures)
    if section.role == "H1":
        return f"<h1>{escape(section.text)}</h1>"
    return f"<p>{escape(section.text)}</p>" if section.text else ""


def _heading(block: model.Heading, document: Document, pictures: dict[int, Picture]) -> str:
    return f"<h{block.level}>{_inline(block.text, document)}</h{block.level}>"


def _paragraph(block: model.Paragraph, document: Document, pictures: dict[int, Picture]) -> str:
    return f"<p>{_inline(block.text, document)}</p>"


def _slogan(block: model.Slogan, document: Document, pictures: dict[int, Picture]) -> str:
    return f'<p class="slogan">{_inline(block.text, document)}</p>'


def _list(block: model.BulletList, document: Document, pictures: dict[int, Picture]) -> str:
    return "<ul>" + "".join(f"<li>{_inline(item, document)}</li>" for item in block.items) + "</ul>"


def _callout(block: model.Callout, document: Document, pictures: dict[int, Picture]) -> str:
    # A one-cell table: the only box whose background and bar Outlook's Word engine draws.
    title = f"<p><strong>{_inline(block.title, document)}</strong></p>" if block.title else ""
    paragraphs = "".join(f"<p>{_inline(p, document)}</p>" for p in block.paragraphs)
    return f'<table role="presentation" class="callout"><tr><td>{title}{paragraphs}</td></tr></table>'


def _footnote(block: model.Footnote, document: Document, pictures: dict[int, Picture]) -> str:
    mark = escape(document.footnotes.get(block.id, ""))
    return f'<p class="note">{mark} {_inline(block.text, document)}</p>'


def _sources(block: model.SourceList, document: Document, pictures: dict[int, Picture]) -> str:
    entries = "".join(
        f"<li>{escape(_source_head(document, source.title, source.publisher))}<br>"
        f'<a href="{escape(source.url)}">{escape(source.url)}</a></li>'
        for source in document.content.sources
    )
    return f"<h3>{escape(document.text(block.title))}</h3><ol>{entries}</ol>"


def _picture(
    block: model.Image | model.Illustration, document: Document, pictures: dict[int, Picture]
) -> str:
    return _figure(block, document, pictures.get(id(block)))


def _qr(block: model.QRCode, document: Document, pictures: dict[int, Picture]) -> str:
    label = escape(link_label(document.text(block.label), document.language))
    return f'<p>{label}<br><a href="{escape(block.url)}">{escape(block.url)}</a></p>'


def _break(block: model.Break, document: Document, pictures: dict[int, Picture]) -> str:
    return ""


#: The e-mail HTML of each block type.
HTML: Handlers[Callable[[Any, Document, dict[int, Picture]], str]] = Handlers.of(
    "the e-mail HTML of a block",
    _heading,
    _paragraph,
    _slogan,
    _list,
    _callout,
    _footnote,
    _sources,
    _picture,
    _qr,
    _break,
)


def _figure(block: model.Image | model.Illustration, document: Document, picture: Picture | None) -> str:
    caption = block.caption if isinstance(block, model.Image) else ()
    under = f'<p class="caption">{_inline(caption, document)}</p>' if caption else ""
    if picture is None:  # a page without its pictures (the build's companion): the alt text
        label = f'<div class="figure" role="img" aria-label="{escape(block.alt)}"></div>' if block.alt else ""
        return label + under
    image = (
        f'<img src="cid:{picture.cid}" alt="{escape(picture.alt)}" width="{picture.width}" '
        f'height="{picture.height}">'
    )
    return f'<p class="figure">{image}</p>{under}'


def _source_head(document: Document, title: str, publisher: str) -> str:
    return document.text(title + (f" \u2013 {publisher}" if publisher else ""))


def _inline(inline: Inline, document: Document) -> str:
    return "".join(_span(span, document) for span in inline)


def _span(span: Span, document: Document) -> str:
    if span.kind == "footnote":
        return escape(document.footnotes.get(span.ref, ""))
    if span.kind == "cite":
        return f"<sup>[{document.citations.get(span.ref, '?')}]</sup>"
    verbatim = span.verbatim or (span.link and span.link == span.text)
    out = escape(span.text if verbatim else document.text(span.text))
    if span.italic:
        out = f"<em>{out}</em>"
    if span.bold:
        out = f"<strong>{out}</strong>"
    if span.link:
        out = f'<a href="{escape(span.link)}">{out}</a>'
    if span.lang and span.lang != document.language:  # a phrase in another language
        out = f'<span lang="{escape(span.lang)}">{out}</span>'
    return out
