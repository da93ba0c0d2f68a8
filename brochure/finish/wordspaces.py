"""Explicit spaces at line ends, so that text read aloud or reflowed does not run words together."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pikepdf

from brochure.caches import memo

#: ToUnicode entries of one-byte codes: `<2D> <002D>`.
ENTRY = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")
#: Lines already ending in these need no space: a space, or a hyphen joining to the next line,
#: or a web or e-mail address broken after `/ ? & =` ...
ENDINGS = (" ", "-", "\u00ad", "/", "?", "&", "=")
#: ... or before `. - _ @` (the break points of `brochure.resolve.hyphenation.address_breaks`).
CONTINUATIONS = (".", "-", "_", "@")


def add_line_end_spaces(pdf: pikepdf.Pdf) -> None:
    """ReportLab sets each line with `(text) Tj T*` and no space between the last word of a line
    and the first of the next: a screen reader or a reflowing viewer then reads them as one word
    (ISO 32000-1 14.8.2.5 asks for explicit spaces). Append a space to each line's last string
    where the font has a space glyph and the line does not already end in a space or a hyphen
    (a hyphenated word must stay one word); a trailing space is invisible in ragged-right text."""
    for page in pdf.pages:
        characters = _characters(page)
        if not characters:
            continue
        operations = pikepdf.parse_content_stream(page)
        names = [_operator(instruction) for instruction in operations]
        font, changed = "", False
        for n, name in enumerate(names):
            if name == "Tf":
                font = str(operations[n].operands[0])
            elif name == "Tj" and font in characters and names[n + 1 : n + 2] == ["T*"]:
                text = bytes(operations[n].operands[0])
                codes = characters[font]
                following = _next_text(operations, names, n)
                first = codes.get(following[0], "") if following else ""
                if text and not codes.get(text[-1], "").endswith(ENDINGS) and first not in CONTINUATIONS:
                    space = next(code for code, char in codes.items() if char == " ")
                    operations[n] = pikepdf.ContentStreamInstruction(
                        [pikepdf.String(text + bytes([space]))], pikepdf.Operator("Tj")
                    )
                    changed = True
        if changed:  # written into the page's stream (ReportLab writes one): no orphan left behind
            page.obj.Contents.write(pikepdf.unparse_content_stream(operations))


def _next_text(operations: Sequence[Any], names: Sequence[str], n: int) -> bytes:
    """The string the next line starts with (same font assumed), or nothing."""
    for m in range(n + 2, min(n + 6, len(names))):
        if names[m] == "Tj":
            return bytes(operations[m].operands[0])
    return b""


def _operator(instruction: object) -> str:
    """The operator's name (inline images have none that matters here)."""
    if isinstance(instruction, pikepdf.ContentStreamInstruction):
        return str(instruction.operator)
    return ""


def _characters(page: pikepdf.Page) -> dict[str, Mapping[int, str]]:
    """Font resource name -> byte code -> character, for the fonts whose subset has a space."""
    fonts = page.Resources.get("/Font", pikepdf.Dictionary())
    found = {}
    for name, font in fonts.items():
        if "/ToUnicode" in font:
            codes = unicode_codes(bytes(font.ToUnicode.read_bytes()))
            if " " in codes.values():
                found[str(name)] = codes
    return found


@memo(maxsize=64)
def unicode_codes(cmap: bytes) -> Mapping[int, str]:
    """Byte code -> character of a ToUnicode CMap with one-byte codes (a font subset's map is
    the same in every edition and every leaflet of a batch: read once per process)."""
    entries = ENTRY.findall(cmap)
    return {int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be") for code, text in entries}
