"""Finishing a painted PDF with pikepdf: structure tree, outline, XMP metadata, slim fonts (PDF/UA-1)."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

import pikepdf
from pikepdf import Name, OutlineItem, PageLocation

from brochure.caches import memo
from brochure.finish.fontprograms import slim_fonts
from brochure.finish.links import widen_tap_targets
from brochure.finish.structure import HEADINGS, Element, elements, write_structure
from brochure.layout.text import plain
from brochure.load.model import Heading, SourceList
from brochure.render.tagging import Mark
from brochure.resolve.document import Document


def finish(data: bytes, marks: Sequence[Mark], document: Document, *, for_print: bool) -> bytes:
    """The tagged, PDF/UA-1 file: ReportLab's bytes with everything it cannot write added.
    Same input, same bytes. Print preferences (duplex, no scaling) stay only `for_print`."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        top = elements(marks)
        write_structure(pdf, top, document)
        _outline(pdf, top, document)
        _metadata(pdf, document)
        slim_fonts(pdf, dehint=not for_print)
        if not for_print:  # read on a screen: printed, it may be scaled to the paper
            for key in ("/Duplex", "/PrintScaling"):
                del pdf.Root.ViewerPreferences[key]
            widen_tap_targets(pdf)
        _compress(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            min_version="1.7",
            fix_metadata_version=False,  # our XMP names no PDF version: nothing to fix, no re-parse
        )
    return out.getvalue()


def _compress(pdf: pikepdf.Pdf) -> None:
    """Flate-compress the streams ReportLab and the steps above left uncompressed, all but the
    XMP packet (which stays readable, as qpdf leaves it). Saving would compress them too, but
    anew in every file: the font programs and maps, the same in file after file, are compressed
    here once per process (the pages, different each time, directly). qpdf then copies them."""
    pages = {page.obj.Contents.objgen for page in pdf.pages}
    for stream in pdf.objects:
        if not isinstance(stream, pikepdf.Stream) or "/Filter" in stream:
            continue
        if stream.get("/Type") != Name.Metadata:
            data = bytes(stream.read_bytes())
            packed = zlib.compress(data) if stream.objgen in pages else deflated(data)
            stream.write(packed, filter=Name.FlateDecode)


@memo(maxsize=32)
def deflated(data: bytes) -> bytes:
    """zlib's Flate at its default level: the bytes qpdf writes for the same data."""
    return zlib.compress(data)


def _metadata(pdf: pikepdf.Pdf, document: Document) -> None:
    """XMP with the title, language and the PDF/UA-1 identification, matching the Info dictionary."""
    meta = document.content.meta
    del pdf.docinfo["/Trapped"]  # optional, and without an XMP equivalent
    info = tuple((str(key), str(value)) for key, value in pdf.docinfo.items())
    packet = xmp_packet(info, meta.title, meta.language)
    pdf.Root.Metadata = pdf.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)


@memo(maxsize=16)
def xmp_packet(info: tuple[tuple[str, str], ...], title: str, language: str) -> bytes:
    """The XMP packet for an Info dictionary's entries, a title and a language, as pikepdf writes
    it. The editions of a leaflet share it, and so do the rows of a batch whose metadata is the
    same: it is made once for each (about 1 ms)."""
    scratch = pikepdf.new()
    with scratch.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.load_from_docinfo(dict(info))
        xmp["dc:title"] = title
        xmp["dc:language"] = [language]
        xmp["pdfuaid:part"] = "1"
    return bytes(scratch.Root.Metadata.read_bytes())


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
