"""The job sheet: one tagged page telling the print shop how to print and fold the press file."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from brochure.editions import Edition
from brochure.layout.paint import PaintSettings
from brochure.render.pdfcanvas import new_canvas
from brochure.render.tagging import Mark
from brochure.resolve.conditions import press_condition
from brochure.resolve.document import Document
from brochure.units import Box, mm

FOLD_NAMES = {"roll": "roll fold (letter fold)", "z": "Z-fold (zigzag)", "half": "half-fold"}
HOW_TO_FOLD = {
    "roll": "Fold both outer panels of the inside over the middle one: first the right-hand panel "
    "of side 2 (the narrow one), then the left-hand one over it. The front cover ends on top.",
    "z": "Fold in a zigzag along both fold lines, alternately back and front, so that the "
    "left-hand panel of side 1 (the cover) ends on top.",
    "half": "Fold once along the middle, side 1 outwards: the right half of side 1 is the cover.",
}
#: The same for a right-to-left leaflet, whose fold is mirrored (it opens from the other side).
HOW_TO_FOLD_MIRRORED = {
    "roll": "Fold both outer panels of the inside over the middle one: first the left-hand panel "
    "of side 2 (the narrow one), then the right-hand one over it. The front cover ends on top.",
    "z": "Fold in a zigzag along both fold lines, alternately back and front, so that the "
    "right-hand panel of side 1 (the cover) ends on top.",
    "half": "Fold once along the middle, side 1 outwards: the left half of side 1 is the cover.",
}
SIDES = {1: "outside", 2: "inside"}
PAPER_TYPES = {"coated": "paper type 1 or 2", "uncoated": "paper type 4"}


@dataclass(frozen=True)
class Entry:
    """One line of the job sheet: what it is about and what the shop needs to know."""

    label: str
    text: str


def job_entries(document: Document, edition: Edition, *, file_name: str) -> list[Entry]:
    """What a print shop's order form asks, for the press file of a leaflet."""
    fold, theme = document.fold, document.theme
    width, height = fold.paper.width / mm(1), fold.paper.height / mm(1)
    paper = "A4" if fold.paper.name == "a4" else "US Letter"
    condition = press_condition(theme.paper_stock)
    folds = "; ".join(
        f"side {side} ({SIDES[side]}): "
        + " and ".join(f"{x / mm(1):.0f} mm" for x in fold.fold_lines(side))
        + " from the left edge"
        for side in (1, 2)
    )
    order = "; ".join(
        f"page {side} = side {side}, {SIDES[side]} ("
        + " | ".join(p.slot.replace("-", " ") for p in fold.side_panels(side))
        + ")"
        for side in (1, 2)
    )
    colour = "CMYK" if edition.cmyk else "RGB (sRGB), to be converted by the shop"
    return [
        Entry("File", f"{file_name}: PDF/X-4, 2 pages, fonts embedded"),
        Entry("Trim size", f"{width:.0f} \u00d7 {height:.0f} mm ({paper} landscape), TrimBox set"),
        Entry("Bleed", f"{edition.bleed / mm(1):g} mm on every side, BleedBox set; marks outside it"),
        Entry("Fold", f"{FOLD_NAMES[fold.kind]}, folds at {folds}"),
        Entry(
            "Paper stock",
            f"{theme.paper_stock} (ISO 12647-2 {PAPER_TYPES[theme.paper_stock]})",
        ),
        Entry("Colour", f"{colour}; printing condition {condition.identifier}: {condition.info}"),
        Entry("Black", "text and thin lines in 100 % black ink alone, set to overprint; not trapped"),
        Entry("Page order", order),
        Entry("Printing", "both sides, duplex flipped on the short edge, at 100 % (no scaling)"),
        Entry(
            "How to fold",
            (HOW_TO_FOLD_MIRRORED if document.words.direction == "rtl" else HOW_TO_FOLD)[fold.kind],
        ),
    ]


def render_job_sheet(document: Document, edition: Edition, *, file_name: str) -> tuple[bytes, list[Mark]]:
    """The painted job sheet (A4 portrait) and its tagged marks (an H1, then a P per entry)."""
    # The sheet is in English: a right-to-left leaflet's Latin face sets it, its file names the leaflet.
    fonts = document.fonts.fallback or document.fonts
    font, bold = fonts.regular, fonts.bold
    meta = document.content.meta
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, size=A4, meta=meta, font=font, paint=PaintSettings())
    named = file_name if document.fonts.fallback else meta.title
    title = f"Job sheet: {named}" + (f", version {meta.version}" if meta.version else "")
    canvas.setTitle(title)
    marks: list[Mark] = []
    left, top, width = mm(20), A4[1] - mm(25), A4[0] - mm(40)

    def tagged(role: str, y: float, height: float, lines: list[tuple[str, str, float]]) -> None:
        mcid = len(marks)
        canvas.addLiteral(f"/{role} <</MCID {mcid}>> BDC")
        text = canvas.beginText()
        for offset, (face, line, size) in enumerate(lines):
            text.setFont(face, size)
            text.setTextOrigin(left, y - offset * size * 1.35)
            text.textOut(line)
        canvas.drawText(text)
        canvas.addLiteral("EMC")
        box = Box(left, y - height, width, height + 4)
        marks.append(Mark(0, mcid, role, (mcid, 0), None, box))

    tagged("H1", top, 20, [(bold, title, 18)])
    y = top - mm(14)
    for entry in job_entries(document, edition, file_name=file_name):
        lines = [(bold, entry.label, 10.0)] + [
            (font, line, 10.0) for line in _wrap(entry.text, font, 10, width)
        ]
        tagged("P", y, len(lines) * 13.5, lines)
        y -= len(lines) * 13.5 + mm(3)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), marks


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of at most `width` points, broken at spaces."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
