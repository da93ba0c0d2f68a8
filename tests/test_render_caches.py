"""Work done once and reused by later editions and leaflets: the XMP packet, the fonts' ToUnicode
maps, compressed streams, the QR codes' paths. A reused result must give the bytes that doing the
work again gives."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from brochure.finish.fontprograms import unicode_map_without_nul
from brochure.finish.pdf import deflated
from brochure.finish.xmp import xmp_packet
from brochure.load.content import load_text
from brochure.pipeline import build_content
from tests.conftest import MINIMAL

EDITIONS = ("print", "press", "phone")
CACHES = (xmp_packet, unicode_map_without_nul, deflated)
#: A leaflet with a QR code and an organisation (shown on the cover and in the XMP as creator).
TEXT = MINIMAL.replace("  language: nl\n", "  language: nl\n  organisation: '{{ org }}'\n").replace(
    "    - text: Achter.\n", "    - text: Achter.\n    - qr: https://example.org/vragen\n"
)


def pdfs(org: str) -> dict[str, bytes]:
    content, found = load_text(TEXT, Path("t.yaml"), {"org": org})
    return build_content(content, found, EDITIONS).pdfs


def test_reused_results_give_the_bytes_of_work_done_anew() -> None:
    """With every cache emptied, and again with them filled by a first build, the three editions
    come out byte-identical; the second build takes everything from the caches."""
    for cache in CACHES:
        cache.cache_clear()
    fresh = pdfs("School A")
    misses = [cache.cache_info().misses for cache in CACHES]
    assert pdfs("School A") == fresh
    assert [cache.cache_info().misses for cache in CACHES] == misses


def test_streams_are_compressed_as_qpdf_compresses_them_and_fonts_once() -> None:
    """A stream compressed here has the bytes qpdf would write for it when saving; the font
    programs and maps of a second leaflet with the same fonts come from the cache."""
    data = b"BT /F1 12 Tf (Hallo) Tj ET\n" * 200
    pdf = pikepdf.new()
    pdf.Root.Probe = pdf.make_stream(data)
    out = io.BytesIO()
    pdf.save(out, compress_streams=True)
    assert bytes(pikepdf.open(io.BytesIO(out.getvalue())).Root.Probe.read_raw_bytes()) == deflated(data)
    deflated.cache_clear()
    for org in ("Tes", "Tess"):  # the same letters first met in the same order: the same subsets
        content, found = load_text(TEXT, Path("t.yaml"), {"org": org})
        printed = build_content(content, found, ("print",)).pdfs["print"]
    # The first leaflet compressed its font programs and maps; the second found them all. Pages,
    # different in every file, are not kept.
    info = deflated.cache_info()
    assert info.hits == info.misses >= 4  # a program and a map for each face at least
    assert len(pikepdf.open(io.BytesIO(printed)).pages) == 2


def test_the_editions_of_a_leaflet_share_one_xmp_packet_per_claim() -> None:
    """One packet per leaflet and claim: the office and phone editions (PDF/A-2a) share one, the
    press edition (PDF/X-4) and its job sheet (its own title) have theirs; a new leaflet makes new
    ones. Each packet reads back with the metadata of its file."""
    xmp_packet.cache_clear()
    built = pdfs("School B")
    assert (xmp_packet.cache_info().misses, xmp_packet.cache_info().hits) == (3, 1)
    other = pdfs("School C")
    assert (xmp_packet.cache_info().misses, xmp_packet.cache_info().hits) == (6, 2)
    for data, claim in ((built["print"], "pdfaid:part"), (other["press"], "pdfxid:GTS_PDFXVersion")):
        pdf = pikepdf.open(io.BytesIO(data))
        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == "Test" and list(xmp["dc:language"]) == ["nl"]
        assert xmp["pdfuaid:part"] == "1" and xmp[claim] in ("2", "PDF/X-4")
    assert "School C" in str(pikepdf.open(io.BytesIO(other["phone"])).open_metadata()["dc:creator"])


def test_a_qr_code_is_drawn_from_one_path_in_every_edition() -> None:
    """The dark modules are laid out as a path once per symbol; both paper editions draw it."""
    from brochure.editions import EDITIONS as ALL
    from brochure.layout.kinds import layout
    from brochure.layout.model import Code
    from brochure.pipeline import render
    from brochure.render.records import _dark_modules
    from brochure.resolve.document import resolve

    document, _ = resolve(load_text(TEXT, Path("t.yaml"), {"org": "D"})[0])
    sheet, _ = layout(document)
    symbols = [
        paint
        for item in sheet.panel("back").items
        for part in item.parts
        for paint in part.paints
        if isinstance(paint, Code)
    ]
    assert len(symbols) == 1
    path = _dark_modules(symbols[0].url, symbols[0].box.width)
    printed, pressed = render(sheet, ALL["print"]), render(sheet, ALL["press"])
    assert _dark_modules(symbols[0].url, symbols[0].box.width) is path
    assert render(sheet, ALL["print"]) == printed and render(sheet, ALL["press"]) == pressed
