"""A line's glyph run in one face, with the face's ascender and descender: left to right or shaped."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from brochure.caches import memo
from brochure.layout.model import Glyph, Glyphs
from brochure.layout.setting import Face


@memo(maxsize=256)
def ascent_descent(font: str, size: float) -> tuple[float, float]:
    """The font's ascender and (negative) descender at `size`."""
    ascent, descent = pdfmetrics.getAscentDescent(font, size)
    return float(ascent), float(descent)


def face_run(
    text: str,
    face: Face,
    x: float,
    width: float,
    span: tuple[int, int],
    style: str,
    baseline: float,
    shaped: tuple[Glyph, ...] = (),
) -> Glyphs:
    """The glyph run of `text` (characters `span` of the paragraph) set in one face."""
    ascent, descent = ascent_descent(face.font, face.size)
    return Glyphs(
        text=text,
        font=face.font,
        size=face.size,
        colour=face.colour,
        x=x,
        y=baseline + face.rise,
        width=width,
        ascent=ascent,
        descent=descent,
        start=span[0],
        end=span[1],
        style=style,
        link=face.link,
        rise=face.rise,
        lang=face.lang,
        shaped=shaped,
    )
