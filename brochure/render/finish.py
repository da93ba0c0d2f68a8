"""Finishing a painted PDF with pikepdf: structure tree, outline, XMP metadata, slim fonts (PDF/UA-1)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf
from pikepdf import Name, OutlineItem, PageLocation

from brochure.content.model import Heading, SourceList
from brochure.document import Document
from brochure.layout.text import plain
from brochure.render.fontprograms import slim_fonts
from brochure.render.links import widen_tap_targets
from brochure.render.structure import HEADINGS, Element, elements, write_structure
from brochure.render.tagging import Mark
from brochure.render.wordspaces import add_line_end_spaces


def finish(data: bytes, marks: Sequence[Mark], document: Document, *, for_print: bool) -> bytes:
    """The tagged, PDF/UA-1 file: ReportLab's bytes with everything it cannot write added.
    Same input, same bytes. Print preferences (duplex, no scaling) stay only `for_print`."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        top = elements(marks)
        write_structure(pdf, top, document)
        _outline(pdf, top, document)
        _metadata(pdf, document)
        slim_fonts(pdf, dehint=not for_print)
        add_line_end_spaces(pdf)
        if not for_print:  # read on a screen: printed, it may be scaled to the paper
            for key in ("/Duplex", "/PrintScaling"):
                del pdf.Root.ViewerPreferences[key]
            widen_tap_targets(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            min_version="1.7",
        )
    return out.getvalue()


def _metadata(pdf: pikepdf.Pdf, document: Document) -> None:
    """XMP with the title, language and the PDF/UA-1 identification, matching the Info dictionary."""
    meta = document.content.meta
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        del pdf.docinfo["/Trapped"]  # optional, and without an XMP equivalent
        xmp.load_from_docinfo(pdf.docinfo)
        xmp["dc:title"] = meta.title
        xmp["dc:language"] = [meta.language]
        xmp["pdfuaid:part"] = "1"


def heading_title(element: Element, document: Document) -> str:
    """The text of a heading element as a reader sees it (the cover title for the H1)."""
    block = element.block
    if isinstance(block, Heading):
        return plain(block.text, document)
    if isinstance(block, SourceList):
        return document.text(block.title)
    return document.text(document.content.meta.title)


def _outline(pdf: pikepdf.Pdf, top: Sequence[Element], document: Document) -> None:
    """A bookmark per heading, nested by level, each opening its page at the heading."""
    with pdf.open_outline() as outline:
        parents: list[tuple[int, list[OutlineItem]]] = [(0, outline.root)]
        for element in top:
            if element.role not in HEADINGS:
                continue
            level = HEADINGS.index(element.role) + 1
            mark = element.first
            item = OutlineItem(
                heading_title(element, document), mark.page, PageLocation.XYZ, top=mark.box.top
            )
            while parents[-1][0] >= level:
                parents.pop()
            parents[-1][1].append(item)
            parents.append((level, item.children))
    pdf.Root.PageMode = Name.UseNone
