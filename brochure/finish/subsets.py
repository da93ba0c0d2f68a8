"""Font subset tags (`KXQBTM+SourceSansPro-Regular`) derived from the subset's own bytes."""

from __future__ import annotations

import hashlib
import re

import pikepdf
from pikepdf import Name

#: A subset tag: six capital letters and a plus sign (PDF 32000-1, 9.6.4).
TAG = re.compile(r"^[A-Z]{6}\+")


def subset_tag(*parts: bytes) -> str:
    """Six capital letters from the SHA-256 of a subset's program, widths and text map: the same
    subset gets the same tag in every file, different subsets (almost surely) different ones, so
    files merged by a print shop keep their fonts apart."""
    digest = hashlib.sha256(b"\0".join(parts)).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def tag_subsets(pdf: pikepdf.Pdf) -> None:
    """Replace ReportLab's sequential tags (`AAAAAA+`, `AAAAAB+` in every file) by tags derived
    from each subset's content, in /BaseFont and in the descriptor's /FontName."""
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", pikepdf.Dictionary()).values():
            if font.objgen in seen or "/FontDescriptor" not in font:
                continue
            seen.add(font.objgen)
            base = str(font.BaseFont)[1:]
            if not TAG.match(base):
                continue
            descriptor = font.FontDescriptor
            program = (
                descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
            )
            parts = [base[7:].encode(), repr([float(w) for w in font.get("/Widths", [])]).encode()]
            if program is not None:
                parts.append(bytes(program.read_bytes()))
            if "/ToUnicode" in font:
                parts.append(bytes(font.ToUnicode.read_bytes()))
            name = Name("/" + subset_tag(*parts) + "+" + base[7:])
            font.BaseFont = name
            descriptor.FontName = name
