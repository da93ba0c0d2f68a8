"""Links: what they say to someone who cannot see them, and a target big enough for a finger."""

from __future__ import annotations

import pikepdf

from brochure.load.model import Block, SourceList
from brochure.load.registry import texts
from brochure.resolve.document import Document

#: 24 CSS pixels (WCAG 2.5.8) when an A6 page fills a phone screen 390 pixels wide.
TAP_TARGET = 18.0
#: Extra target beside a link's text, left and right.
TAP_SIDE = 2.0


def link_description(uri: str, block: Block | None, document: Document) -> str:
    """`Sexting – Wikipedia: https://…` for a source, `label (https://…)` for a labelled link,
    the address alone for a bare one."""
    if isinstance(block, SourceList):
        for source in document.content.sources:
            if source.url == uri:
                return f"{document.text(source.title)}: {uri}"
    for text in texts(block) if block is not None else ():
        for span in text.inline:
            if span.link == uri and span.text and span.text != uri:
                return f"{document.text(span.text)} ({uri})"
    return uri


def widen_tap_targets(pdf: pikepdf.Pdf, height: float = TAP_TARGET) -> None:
    """Grow each link's active area to at least `height` points tall, centred on its text, but
    never into the area of a link above or below it."""
    for page in pdf.pages:
        links = [a for a in page.get("/Annots", pikepdf.Array()) if a.get("/Subtype") == "/Link"]
        rects = [[float(v) for v in link.Rect] for link in links]
        for link, (x0, y0, x1, y1) in zip(links, rects, strict=True):
            up = down = max(0.0, (height - (y1 - y0)) / 2)
            for u0, v0, u1, v1 in rects:
                if u0 < x1 and x0 < u1:  # another link in the same columns
                    if v0 >= y1:
                        up = min(up, (v0 - y1) / 2)
                    elif v1 <= y0:
                        down = min(down, (y0 - v1) / 2)
            link.Rect = pikepdf.Array([x0 - TAP_SIDE, y0 - down, x1 + TAP_SIDE, y1 + up])
