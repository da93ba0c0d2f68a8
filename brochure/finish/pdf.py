"""Finishing a painted PDF with pikepdf: structure tree, outline, XMP, fonts, standards (PDF/UA, A, X)."""

from __future__ import annotations

import dataclasses
import io
import zlib
from collections.abc import Sequence

import pikepdf
from pikepdf import Name, OutlineItem, PageLocation

from brochure.caches import memo
from brochure.finish.fontprograms import slim_fonts
from brochure.finish.links import widen_tap_targets
from brochure.finish.overprint import overprint_black
from brochure.finish.standards import SCREEN, Conformance, apply_conformance
from brochure.finish.structure import HEADINGS, TAGS, Element, elements, write_structure
from brochure.finish.subsets import tag_subsets
from brochure.finish.xmp import xmp_packet
from brochure.render.tagging import Mark
from brochure.resolve.document import Document


def finish(
    data: bytes,
    marks: Sequence[Mark],
    document: Document,
    *,
    for_print: bool,
    conformance: Conformance = SCREEN,
) -> bytes:
    """The tagged PDF/A-2a and PDF/UA-1 file (and PDF/X-4 with `conformance.pdfx`): ReportLab's
    bytes with everything it cannot write added. Same input, same bytes. Print preferences
    (duplex, no scaling) stay only `for_print`. PDF/X allows no links on the sheet: their
    annotations go (the text stays, and a printed QR code is the way to the address)."""
    if conformance.pdfx:
        marks = [dataclasses.replace(mark, links=()) for mark in marks]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        top = elements(marks)
        write_structure(pdf, top, document)
        _outline(pdf, top, document)
        apply_conformance(pdf, conformance)
        _metadata(pdf, document, conformance)
        slim_fonts(pdf, dehint=not for_print)
        tag_subsets(pdf)
        if conformance.pdfx:
            overprint_black(pdf)
        if not for_print:  # read on a screen: printed, it may be scaled to the paper
            for key in ("/Duplex", "/PrintScaling"):
                del pdf.Root.ViewerPreferences[key]
            widen_tap_targets(pdf)
        _without_ascii85(pdf)
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


def _without_ascii85(pdf: pikepdf.Pdf) -> None:
    """Take the ASCII85 layer off the streams ReportLab wraps in it (its images, with
    `rl_config.useA85` as ReportLab ships it, which brochure leaves alone): binary streams are a
    fifth smaller and read the same everywhere. qpdf decodes the layer; the filters after it
    (Flate, or DCT for a JPEG) stay as they were."""
    for stream in list(pdf.objects):
        if not isinstance(stream, pikepdf.Stream):
            continue
        filters = stream.get("/Filter")
        chain = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
        if not chain or chain[0] != Name.ASCII85Decode:
            continue
        layer = pikepdf.Stream(pdf, bytes(stream.read_raw_bytes()))
        layer.Filter = Name.ASCII85Decode
        rest = pikepdf.Array(chain[1:])
        stream.write(bytes(layer.read_bytes()), filter=rest if len(rest) else None)


def _compress(pdf: pikepdf.Pdf) -> None:
    """Flate-compress the streams ReportLab and the steps above left uncompressed, all but the
    XMP packet (which stays readable, as qpdf leaves it). Saving would compress them too, but
    anew in every file: the font programs and maps, the same in file after file, are compressed
    here once per process (the pages, different each time, directly). qpdf then copies them.

    No stream's bytes may end in a CR: before qpdf's newline it reads as a CR LF end of line, and
    PDF/A validators then count one byte less than /Length says. Flate data ends with a checksum
    of what it holds, so such a stream (one in 256) gets a newline more, which changes nothing:
    after a page's or a map's operators it is white space, after a font program's last table no
    table points at it."""
    pages = {page.obj.Contents.objgen for page in pdf.pages}
    for stream in pdf.objects:
        if not isinstance(stream, pikepdf.Stream) or "/Filter" in stream:
            continue
        if stream.get("/Type") != Name.Metadata:
            data = bytes(stream.read_bytes())
            packed = zlib.compress(data) if stream.objgen in pages else deflated(data)
            while packed.endswith(b"\r"):
                data += b"\n"
                packed = zlib.compress(data)
                if "/Length1" in stream:
                    stream.Length1 = len(data)
            stream.write(packed, filter=Name.FlateDecode)


@memo(maxsize=32)
def deflated(data: bytes) -> bytes:
    """zlib's Flate at its default level: the bytes qpdf writes for the same data."""
    return zlib.compress(data)


def _metadata(pdf: pikepdf.Pdf, document: Document, conformance: Conformance) -> None:
    """XMP with the Info dictionary's entries and the identification of each standard claimed."""
    info = tuple((str(key), str(value)) for key, value in pdf.docinfo.items())
    packet = xmp_packet(info, document.content.meta.language, conformance.identification)
    pdf.Root.Metadata = pdf.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)


def heading_title(element: Element, document: Document) -> str:
    """The text of a heading element as a reader sees it (the cover title for the H1)."""
    block = element.block
    title = TAGS[block].title if block is not None else None
    return title(block, document) if title is not None else document.text(document.content.meta.title)


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
