"""Right-to-left paragraphs: faces per script, shaped widths, and lines in display order from the right.

A paragraph of a right-to-left leaflet is prepared like any other (`setting.prepare`, the same
breaks and the same total-fit breaker), with two differences: a character its face lacks (Latin
letters in Noto Naskh Arabic) is set in the family's fallback face, and the widths come from
shaping each run of one bidi level and one face with HarfBuzz on the whole logical text. Each
broken line is then cut into level runs, reordered (rules L1 and L2), cut at face changes, shaped
with its direction and placed from the right edge of the column.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace

from brochure.layout.bidi import levels, visual_runs
from brochure.layout.breaking import Line
from brochure.layout.model import Glyphs, TextLine
from brochure.layout.runs import face_run
from brochure.layout.setting import LINE_BREAK, WHITESPACE, ZERO_WIDTH_SPACE, Chunk, Face, Prepared, prepare
from brochure.layout.shaping import advances, shape
from brochure.resolve.fonts import FontFamily, coverage, fallback_scale
from brochure.resolve.hyphenation import Hyphenator

#: The base level of a right-to-left paragraph (rule P3 is not applied: a paragraph of an Arabic
#: leaflet that starts with a Latin word is still an Arabic paragraph).
BASE = 1
#: Characters that are never shaped: they end a run and have no width.
INVISIBLE = (LINE_BREAK, ZERO_WIDTH_SPACE)


#: Breaks that add a hyphen: none in right-to-left text (Arabic is not hyphenated, and a Latin
#: word inside it is not broken either).
HYPHENS = ("hyphen", "author")


def prepare_rtl(
    chunks: Sequence[Chunk], hyphenator: Hyphenator, fonts: FontFamily, *, base: int = BASE
) -> Prepared:
    """Chunks of a paragraph with right-to-left text prepared for breaking, with shaped widths:
    a right-to-left paragraph (`base` 1), or a left-to-right one holding a right-to-left phrase
    (`base` 0; such a paragraph is not hyphenated either)."""
    measure = functools.partial(_measure, base=base)
    prepared = prepare(list(with_fallback(chunks, fonts)), hyphenator, measure=measure)
    breaks = tuple(b for b in prepared.breaks if b.kind not in HYPHENS)
    return replace(prepared, breaks=breaks, base=base)


def with_fallback(chunks: Sequence[Chunk], fonts: FontFamily) -> Iterator[Chunk]:
    """Each chunk cut where its face lacks a character that the family's fallback face has (a
    Latin word or an address in Arabic text): those characters are set in the fallback face (in a
    right-to-left paragraph at the size that gives them the face's x-height), and so are the
    punctuation, signs and digits both faces have that follow them (`Kindertelefoon: 0800-0432`)."""
    fallback = fonts.spare
    for chunk in chunks:
        if fallback is None:
            yield chunk
            continue
        other = replace(chunk.face, font=_same_style(chunk.face.font, fonts, fallback))
        if fonts.fallback is not None:  # Latin in right-to-left text, at the script's x-height
            scale = fallback_scale(chunk.face.font, other.font)
            other = replace(other, size=chunk.face.size * scale)
        have, spare = coverage(chunk.face.font), coverage(other.font)
        piece, face = "", chunk.face
        for char in chunk.text:
            code = ord(char)
            wanted = face if char in WHITESPACE else chunk.face
            if code not in have and code in spare and char not in WHITESPACE:
                wanted = other
            elif face == other and code in spare and unicodedata.category(char)[0] in "PSN":
                wanted = other  # the hyphen of 020-7654321, the digits after a Latin word: stay
            if wanted != face and piece:
                yield replace(chunk, text=piece, face=face)
                piece = ""
            face = wanted
            piece += char
        if piece:
            yield replace(chunk, text=piece, face=face)


def _same_style(font: str, fonts: FontFamily, fallback: FontFamily) -> str:
    """The fallback family's face of the style `font` has in `fonts`."""
    for mine, theirs in zip(fonts.faces(), fallback.faces(), strict=True):
        if mine == font:
            return theirs
    return fallback.regular


def _measure(
    text: str, faces: tuple[Face, ...], runs: tuple[tuple[int, int, int], ...], *, base: int
) -> Sequence[float]:
    widths = [0.0] * len(text)
    for start, end, face, level in _pieces(text, runs, levels(text, base), 0, len(text)):
        shaped = advances(faces[face].font, text[start:end], rtl=level % 2 == 1, **context(text, start, end))
        for k, width in enumerate(shaped):
            widths[start + k] = width * faces[face].size
    return widths


def _pieces(
    text: str, runs: tuple[tuple[int, int, int], ...], lv: Sequence[int], start: int, end: int
) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, face, level) of the stretches of text[start:end] in one face at one level,
    in logical order, without line breaks and zero-width spaces."""
    for run_start, run_end, face in runs:
        lo, hi = max(run_start, start), min(run_end, end)
        k = lo
        while k < hi:
            if text[k] in INVISIBLE:
                k += 1
                continue
            stop = k + 1
            while stop < hi and lv[stop] == lv[k] and text[stop] not in INVISIBLE:
                stop += 1
            yield k, stop, face, lv[k]
            k = stop


#: Letters either side of a piece that HarfBuzz sees as its context.
CONTEXT = 3


def context(text: str, start: int, end: int) -> dict[str, str]:
    """The letters of the same word just before and after text[start:end] (none across a space
    or a line break), the context a piece is shaped in."""
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    before = re.split(r"[\s\u2028\u200b]", before)[-1]
    after = re.split(r"[\s\u2028\u200b]", after)[0]
    return {"before": before, "after": after}


def rtl_line(prepared: Prepared, line: Line, edge: float, baseline: float, style: str) -> TextLine:
    """One broken line of a shaped paragraph, its runs left to right as they are seen: a
    right-to-left paragraph's line ends at `edge` (its right), a left-to-right one's starts there."""
    text, end = prepared.text, line.end.pos
    base = BASE if prepared.base is None else prepared.base
    runs: list[Glyphs] = []
    for run_start, run_end, level in visual_runs(text, line.start, end, base):
        flat = [level] * len(text)  # one level in this stretch: cut only at faces and invisibles
        pieces = list(_pieces(text, prepared.runs, flat, run_start, run_end))
        for start, stop, face_index, _ in pieces[::-1] if level % 2 else pieces:
            face = prepared.faces[face_index]
            glyphs = shape(face.font, text[start:stop], rtl=level % 2 == 1, **context(text, start, stop))
            width = sum(glyph.advance for glyph in glyphs) * face.size / 1000.0
            runs.append(face_run(text[start:stop], face, 0.0, width, (start, stop), style, baseline, glyphs))
    left = edge - sum(run.width for run in runs) if base % 2 else edge
    x = left
    placed = []
    for run in runs:
        placed.append(replace(run, x=x))
        x += run.width
    if placed and line.end.kind in ("space", "emergency", "forced"):
        placed[-1] = _with_line_end_space(placed[-1], left if base % 2 else x)
    return TextLine(tuple(placed), hyphenated=line.end.flagged, overfull=line.overfull)


def _with_line_end_space(run: Glyphs, at: float) -> Glyphs:
    """The line's last run with the space the line broke at drawn after its glyphs, at the line's
    end where rule L1 puts it (the left end of a right-to-left line, the right end of a
    left-to-right one), without advancing: the text layer keeps the word space between this line
    and the next (as `textblock._line` keeps it at a left-to-right line's end), and nothing
    visible moves."""
    space = shape(run.font, " ", rtl=False)  # HarfBuzz gives a glyph for every character
    back = (at - run.x - run.width) * 1000.0 / run.size
    ending = replace(space[0], advance=0.0, cluster=len(run.text), dx=back)
    return replace(run, shaped=(*run.shaped, ending))
