"""Runs of text shaped with HarfBuzz (uharfbuzz): glyphs, advances and offsets in the font's own forms."""

from __future__ import annotations

from dataclasses import dataclass

import uharfbuzz as hb  # type: ignore[import-untyped]  # ships no type information
from reportlab.pdfbase import pdfmetrics

from brochure.caches import memo
from brochure.layout.model import Glyph
from brochure.resolve.fontfaces import SubsetCachingFace, SubsetCachingTTFont

#: What a glyph after the first of one cluster stands for in the text layer (it adds no letter).
JOINER = "\u200d"
FEATURES = {"kern": True, "liga": True}


@dataclass(frozen=True)
class _Face:
    """A HarfBuzz font of a registered face, and its units per em."""

    font: hb.Font
    units: int


@memo(maxsize=64)
def _face(font_name: str) -> _Face:
    """The HarfBuzz font of a registered TrueType face (the names carry a digest of the bytes)."""
    font = pdfmetrics.getFont(font_name)
    assert isinstance(font, SubsetCachingTTFont) and isinstance(font.face, SubsetCachingFace)
    face = hb.Face(hb.Blob(font.face.program))
    return _Face(hb.Font(face), face.upem)


@memo(maxsize=16384)
def shape(font_name: str, text: str, *, rtl: bool, before: str = "", after: str = "") -> tuple[Glyph, ...]:
    """The glyphs of `text` in one face and direction, left to right as drawn (a right-to-left
    run comes back reversed), each with the logical text of its cluster, in 1/1000 em. The
    letters `before` and `after` it are context, not shaped: a word cut at a change of face (a
    bold ending) keeps its joined forms."""
    face = _face(font_name)
    buffer = hb.Buffer()
    buffer.add_str(before + text + after, item_offset=len(before), item_length=len(text))
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(face.font, buffer, FEATURES)
    scale = 1000.0 / face.units
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = [*sorted({info.cluster - len(before) for info in infos}), len(text)]
    following = {start: starts[n + 1] for n, start in enumerate(starts[:-1])}
    widths = _widths(font_name)
    glyphs: list[Glyph] = []
    seen: set[int] = set()
    for info, position in zip(infos, positions, strict=True):
        cluster = info.cluster - len(before)
        text_of = JOINER if cluster in seen else text[cluster : following[cluster]]
        seen.add(cluster)
        glyphs.append(
            Glyph(
                gid=info.codepoint,
                text=text_of,
                cluster=cluster,
                advance=position.x_advance * scale,
                width=widths[info.codepoint] if info.codepoint < len(widths) else 0.0,
                dx=position.x_offset * scale,
                dy=position.y_offset * scale,
            )
        )
    return tuple(glyphs)


@memo(maxsize=64)
def _widths(font_name: str) -> tuple[float, ...]:
    """Each glyph's own advance (its hmtx entry) in 1/1000 em, as the PDF's /Widths give it."""
    font = pdfmetrics.getFont(font_name)
    assert isinstance(font, SubsetCachingTTFont)
    return font.glyph_widths()


def advances(font_name: str, text: str, *, rtl: bool, before: str = "", after: str = "") -> list[float]:
    """Width of each character of `text` at 1 pt: a cluster's advance on its first character."""
    out = [0.0] * len(text)
    for glyph in shape(font_name, text, rtl=rtl, before=before, after=after):
        out[glyph.cluster] += glyph.advance / 1000.0
    return out
