"""Reading PDFs back for the tests: text fragments with positions, fonts, links."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class Fragment:
    page: int  # 0-based
    x: float
    y: float
    text: str


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def fragments(data: bytes) -> list[Fragment]:
    """Every piece of shown text with the position where it starts, in content order."""
    found: list[Fragment] = []
    for number, page in enumerate(reader(data).pages):

        def visit(
            text: str, cm: list[float], tm: list[float], _fd: object, _fs: object, number: int = number
        ) -> None:
            if text.strip():
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                found.append(Fragment(number, x, y, text))

        page.extract_text(visitor_text=visit)
    return found


def text_in(frags: list[Fragment], page: int, x0: float, x1: float) -> str:
    """The text of one page between two x positions, top to bottom."""
    inside = [f for f in frags if f.page == page and x0 - 0.5 <= f.x < x1]
    inside.sort(key=lambda f: -f.y)  # stable: fragments of one line keep their order
    return "".join(f.text for f in inside)


def squash(text: str) -> str:
    """Text without white space, hyphens, soft hyphens and quote styles, for comparing."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"[\s\-\u00ad]+", "", text)


def fonts(data: bytes) -> dict[str, dict[str, object]]:
    """Base font name -> its font dictionary, over all pages."""
    found: dict[str, dict[str, object]] = {}
    for page in reader(data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def link_uris(data: bytes) -> list[tuple[int, str, list[float]]]:
    """(page, URI, rectangle) of every link annotation."""
    links = []
    for number, page in enumerate(reader(data).pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                rect = [float(v) for v in annotation["/Rect"]]
                links.append((number, str(annotation["/A"]["/URI"]), rect))
    return links
