"""The peer for the speed figures: plain ReportLab code that sets the same leaflet, as a
programmer would write it by hand for one leaflet.

It reads the same content.yaml (PyYAML's safe_load), embeds the same Source Sans Pro faces,
hyphenates in Dutch with pyphen as ReportLab offers it, and sets every panel's blocks (headings,
paragraphs, lists, callouts, slogans, sources) in frames of the roll fold's geometry on two A4
landscape pages, with the illustrations as plain discs. No tagging, no checks, no fitting: the
least a correct office edition takes. Used by benchmarks/speed.py; runs alone too:

    python benchmarks/peer.py content.yaml out.pdf
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer

#: The roll fold: outside flap | back | cover, inside left | middle | right (millimetres).
SIDES = ((("flap", 97), ("back", 100), ("cover", 100)), (("inside", 100), ("inside", 100), ("inside", 97)))
PADDING = 9 * mm


def register_fonts() -> str:
    import font_source_sans_pro  # type: ignore[import-untyped]

    folder = Path(font_source_sans_pro.font_directory)
    for name, file in (("Peer", "Regular"), ("Peer-Bold", "Bold"), ("Peer-Italic", "It")):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"SourceSansPro-{file}.ttf")))
    pdfmetrics.registerFontFamily("Peer", normal="Peer", bold="Peer-Bold", italic="Peer-Italic")
    return "Peer"


def markup(text: str) -> str:
    """The content's inline markup as ReportLab's: bold, italic, links; marks and citations dropped."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\[[\^@][\w-]+\]", "", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)
    return re.sub(r"\[(.+?)\]\((\S+?)\)", r'<a href="\2">\1</a>', text)


def styles(colour: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName="Peer", fontSize=10.5, leading=14.3, hyphenationLang="nl_NL")
    primary = HexColor(colour)
    return {
        "body": body,
        "heading": ParagraphStyle(
            "heading", body, fontName="Peer-Bold", fontSize=14, leading=17, textColor=primary
        ),
        "slogan": ParagraphStyle(
            "slogan", body, fontName="Peer-Bold", fontSize=24, leading=27, textColor=primary
        ),
        "callout": ParagraphStyle("callout", body, backColor=HexColor("#FBE8EF"), borderPadding=6),
        "note": ParagraphStyle("note", body, fontSize=7.6, leading=10),
        "title": ParagraphStyle(
            "title", body, fontName="Peer-Bold", fontSize=40, leading=44, textColor=primary
        ),
    }


class Disc(Flowable):
    """An illustration's place: a disc in the theme colour."""

    def __init__(self, size: float, colour: str) -> None:
        super().__init__()
        self.size, self.colour = size, HexColor(colour)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        self.canv.circle(self.size / 2, self.size / 2, self.size * 0.44, stroke=0, fill=1)


def flowables(
    blocks: list[Any], look: dict[str, ParagraphStyle], width: float, colour: str, sources: list[Any]
) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks:
        kind, value = (block, None) if isinstance(block, str) else next(iter(block.items()))
        if kind == "heading":
            story.append(
                Paragraph(markup(value if isinstance(value, str) else value["text"]), look["heading"])
            )
        elif kind == "text":
            story.append(Paragraph(markup(value), look["body"]))
        elif kind == "list":
            story += [Paragraph("• " + markup(item), look["body"]) for item in value]
        elif kind == "callout":
            text = value if isinstance(value, str) else value.get("text", "")
            story.append(Paragraph(markup(text), look["callout"]))
        elif kind == "slogan":
            story.append(Paragraph(markup(value), look["slogan"]))
        elif kind == "footnote":
            story.append(Paragraph("* " + markup(value["text"]), look["note"]))
        elif kind == "sources":
            story += [Paragraph(_source(n, s), look["note"]) for n, s in enumerate(sources, start=1)]
        elif kind in ("image", "illustration"):
            story.append(Disc(width * 0.8, colour))
        story.append(Spacer(0, 6))
    return story


def build(content_path: Path) -> bytes:
    """The leaflet's office edition as PDF bytes."""
    content = yaml.safe_load(content_path.read_text(encoding="utf-8"))
    register_fonts()
    colour = content.get("theme", {}).get("colour", "#1F5F8B")
    look = styles(colour)
    panels, sources = content["panels"], content.get("sources", [])
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), invariant=1, initialFontName="Peer")
    canvas.setTitle(content["meta"]["title"])
    inside: list[Flowable] = []
    for side in SIDES:
        x = 0.0
        for slot, width in side:
            frame = Frame(x * mm, 0, width * mm, landscape(A4)[1], leftPadding=PADDING, rightPadding=PADDING,
                          topPadding=PADDING, bottomPadding=PADDING, showBoundary=0)  # fmt: skip
            column = width * mm - 2 * PADDING
            if slot == "inside":
                inside = inside or flowables(_blocks(panels["inside"]), look, column, colour, sources)
                frame.addFromList(inside, canvas)
            else:
                story = flowables(_blocks(panels.get(slot, [])), look, column, colour, sources)
                if slot == "cover":
                    story.insert(0, Paragraph(markup(content["meta"]["title"]), look["title"]))
                frame.addFromList(story, canvas)
            x += width
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _source(number: int, source: dict[str, str]) -> str:
    return f"{number}. {markup(source['title'])} – {markup(source.get('publisher', ''))} {source['url']}"


def _blocks(panel: Any) -> list[Any]:
    return panel["blocks"] if isinstance(panel, dict) else panel


if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(build(Path(sys.argv[1])))
