"""Shaped lines painted: each glyph of a right-to-left line at the place layout gave it.

A line's runs come from layout left to right as seen, each with HarfBuzz's glyphs, and are
written into the page in that visual order, each glyph moved by its offset with TJ adjustments
(and Ts for marks above or below). Text extractors (PDFium, pypdf, pdf.js) expect visual order
and apply the bidi algorithm themselves: a stream in logical order comes out reversed. Each
glyph's code maps to the logical text of its cluster (`SubsetCachingTTFont.glyph_codes`).
"""

from __future__ import annotations

import itertools

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from brochure.layout.model import Glyphs, TextLine
from brochure.layout.paint import rl
from brochure.resolve.fontfaces import SubsetCachingTTFont


def paint_shaped_line(canvas: Canvas, line: TextLine) -> None:
    """The runs of a shaped line left to right, a phrase in another language inside marked
    content with its own /Lang (as `records.paint_line` does)."""
    for lang, group in itertools.groupby(line.runs, key=lambda run: run.lang):
        tag = "".join(c for c in lang if c.isalnum() or c == "-")
        if tag:
            canvas.addLiteral(f"/Span <</Lang ({tag})>> BDC")
        for run in group:
            if run.shaped:
                canvas.setFillColor(rl(run.colour))
                canvas.addLiteral(text_object(canvas, run))
        if tag:
            canvas.addLiteral("EMC")


def text_object(canvas: Canvas, run: Glyphs) -> str:
    """BT ... ET drawing the run's glyphs left to right."""
    font = pdfmetrics.getFont(run.font)
    assert isinstance(font, SubsetCachingTTFont)
    doc = canvas._doc  # type: ignore[attr-defined]
    glyphs = run.shaped
    codes = [
        (subset, code)
        for subset, chunk in font.glyph_codes([(g.gid, g.text) for g in glyphs], doc)
        for code in chunk
    ]
    scale = run.size / 1000.0
    pens = list(itertools.accumulate((g.advance * scale for g in glyphs), initial=run.x))
    baseline = run.y - run.rise
    out = ["BT", f"1 0 0 1 {fp_str(pens[0])} {fp_str(baseline)} Tm"]
    pen, subset, rise = pens[0], -1, 0.0
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append(f"[{' '.join(pending)}] TJ")
            pending.clear()

    for k in range(len(glyphs)):
        glyph = glyphs[k]
        want_subset, code = codes[k]
        want_rise = run.rise + glyph.dy * scale
        if want_subset != subset or abs(want_rise - rise) > 1e-6:
            flush()
            if want_subset != subset:
                out.append(f"{font.getSubsetInternalName(want_subset, doc)} {fp_str(run.size)} Tf")
                subset = want_subset
            if abs(want_rise - rise) > 1e-6:
                out.append(f"{fp_str(want_rise)} Ts")
                rise = want_rise
        target = pens[k] + glyph.dx * scale
        move = (pen - target) / scale
        if abs(move) > 1e-3:
            pending.append(fp_str(move))
        pending.append(f"<{code:02X}>")
        pen = target + glyph.width * scale
    flush()
    if rise:
        out.append("0 Ts")
    out.append("ET")
    return "\n".join(out)
