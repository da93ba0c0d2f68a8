"""Explicit spaces at line ends, so that text read aloud or reflowed does not run words together."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pikepdf

SPACE = 0x20
#: A ToUnicode entry mapping the space code to U+0020.
SPACE_ENTRY = re.compile(rb"<20>\s*<0020>")
#: Lines already ending in these need no space: a space, or a hyphen joining to the next line.
ENDINGS = (b" ", b"-", b"\xad")


def add_line_end_spaces(pdf: pikepdf.Pdf) -> None:
    """ReportLab sets each line with `(text) Tj T*` and no space between the last word of a line
    and the first of the next: a screen reader or a reflowing viewer then reads them as one word
    (ISO 32000-1 14.8.2.5 asks for explicit spaces). Append a space to each line's last string
    where the font has a space glyph; a trailing space is invisible in ragged-right text."""
    for page in pdf.pages:
        spaced = _fonts_with_space(page)
        operations = list(pikepdf.parse_content_stream(page))
        font, changed = None, False
        for n, instruction in enumerate(operations):
            op = _operator(instruction)
            if op == "Tf":
                font = str(instruction.operands[0])
            elif op == "Tj" and font in spaced and _ends_line(operations, n):
                text = bytes(instruction.operands[0])
                if not text.endswith(ENDINGS):
                    operations[n] = pikepdf.ContentStreamInstruction(
                        [pikepdf.String(text + b" ")], pikepdf.Operator("Tj")
                    )
                    changed = True
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))


def _ends_line(operations: Sequence[object], n: int) -> bool:
    return n + 1 < len(operations) and _operator(operations[n + 1]) == "T*"


def _operator(instruction: object) -> str:
    """The operator's name (inline images have none that matters here)."""
    if isinstance(instruction, pikepdf.ContentStreamInstruction):
        return str(instruction.operator)
    return ""


def _fonts_with_space(page: pikepdf.Page) -> set[str]:
    fonts = page.Resources.get("/Font", pikepdf.Dictionary())
    return {
        str(name)
        for name, font in fonts.items()
        if "/ToUnicode" in font and SPACE_ENTRY.search(font.ToUnicode.read_bytes())
    }
