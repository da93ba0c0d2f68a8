"""Embedded fonts made small and honest: hinting removed, ToUnicode maps only the codes in use."""

from __future__ import annotations

import re

import pikepdf

from brochure.caches import memo
from brochure.finish.dehint import FontProgramError, without_hinting

SECTION = re.compile(rb"\d+\s+beginbfchar(.*?)endbfchar", re.S)
#: `<0A> <00E9>`: a character code and the text it stands for (ReportLab maps unused codes to 0).
ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def slim_fonts(pdf: pikepdf.Pdf, *, dehint: bool = True) -> None:
    """Rewrite every ToUnicode CMap without the codes mapped to nothing (PDF/UA forbids U+0000)
    and, with `dehint`, every embedded TrueType program without hinting (for screens: a printer
    gains nothing from 4 kB less per face)."""
    for font in _fonts(pdf):
        descriptor = font.get("/FontDescriptor")
        if dehint and descriptor is not None and "/FontFile2" in descriptor:
            stream = descriptor.FontFile2
            program = dehinted(bytes(stream.read_bytes()))
            stream.write(program)  # compressed when the file is saved
            stream.Length1 = len(program)
        if "/ToUnicode" in font:
            font.ToUnicode.write(unicode_map_without_nul(bytes(font.ToUnicode.read_bytes())))


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    found: dict[tuple[int, int], pikepdf.Object] = {}
    for page in pdf.pages:
        for font in page.Resources.get("/Font", pikepdf.Dictionary()).values():
            found.setdefault(font.objgen, font)
    return [found[key] for key in sorted(found)]


@memo(maxsize=64)
def dehinted(program: bytes) -> bytes:
    """A TrueType program without instructions (fpgm, prep, cvt and per-glyph bytecode) and without
    long name records: PDF viewers rasterise without hints, and the file shrinks by about 40 %.
    About 1 ms a face (`brochure.finish.dehint`: no font library imported); a program it cannot
    read is embedded as it is, hinting and all."""
    try:
        return without_hinting(program)
    except FontProgramError:
        return program


@memo(maxsize=64)
def unicode_map_without_nul(cmap: bytes) -> bytes:
    """A ToUnicode CMap without the `<code> <0000>` entries, in sections of at most 100 entries
    (the CMap format's limit). The same font subset has the same map in every edition and every
    leaflet of a batch: it is rewritten once per process."""

    def section(match: re.Match[bytes]) -> bytes:
        entries = [e.group(0) for e in ENTRY.finditer(match.group(1)) if int(e.group(2), 16) != 0]
        chunks = [entries[n : n + 100] for n in range(0, len(entries), 100)]
        return b"\n".join(
            b"%d beginbfchar\n%s\nendbfchar" % (len(chunk), b"\n".join(chunk)) for chunk in chunks
        )

    return SECTION.sub(section, cmap)
