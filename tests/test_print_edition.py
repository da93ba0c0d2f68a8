"""End to end: the office-copier PDF of the sample leaflet, read back with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from brochure.load.content import load
from brochure.load.model import BulletList, Callout, Footnote, Heading, Paragraph, Slogan
from brochure.resolve.fold import make_fold
from brochure.resolve.typography import typographic
from brochure.units import mm
from tests.conftest import ROOT, SAMPLE
from tests.pdfread import fonts, fragments, link_uris, reader, squash, text_in

A4_LANDSCAPE = (mm(297), mm(210))


def block_text(block: object) -> str:
    """The words of a block as written in content.yaml (inline markup removed)."""
    if isinstance(block, (Heading, Paragraph, Slogan, Footnote)):
        return "".join(s.text for s in block.text)
    if isinstance(block, BulletList):
        return "".join(s.text for item in block.items for s in item)
    if isinstance(block, Callout):
        return "".join(s.text for p in (block.title, *block.paragraphs) for s in p)
    return ""


def test_two_a4_landscape_pages(print_pdf: bytes) -> None:
    """Page 1 is the outside, page 2 the inside: both exactly A4 landscape."""
    pages = reader(print_pdf).pages
    assert len(pages) == 2
    for page in pages:
        box = [float(v) for v in page.mediabox]
        assert box[0] == box[1] == 0
        assert box[2] == pytest.approx(A4_LANDSCAPE[0], abs=0.01)
        assert box[3] == pytest.approx(A4_LANDSCAPE[1], abs=0.01)


def test_each_panels_text_lies_in_its_panel_on_the_right_page(print_pdf: bytes) -> None:
    """Every block of every panel is found, in order, in the x-range of its panel and side."""
    content, _ = load(SAMPLE)
    fold = make_fold("roll", "a4")
    frags = fragments(print_pdf)
    for panel in content.panels:
        slots = fold.flows.get(panel.name, (panel.name,))
        found = "".join(
            text_in(frags, fold.panel(s).side - 1, fold.panel(s).x, fold.panel(s).right) for s in slots
        )
        text, position = squash(found), 0
        for block in panel.blocks:
            for word in re.findall(r"\w+", block_text(block)):
                at = text.find(word, position)
                assert at >= 0, f"{panel.name}: {word!r} of {block_text(block)[:50]!r} is not in its panel"
                position = at + len(word)


def test_every_word_of_the_content_is_in_the_pdf(print_pdf: bytes) -> None:
    """No text is dropped: each word of every block, the metadata and sources is extracted."""
    content, _ = load(SAMPLE)
    extracted = squash("".join(f.text for f in fragments(print_pdf)))
    texts = [block_text(b) for p in content.panels for b in p.blocks]
    texts += [content.meta.title, content.meta.subtitle, content.meta.organisation]
    texts += [f"{s.title} {s.publisher} {s.url}" for s in content.sources]
    for text in texts:
        for word in re.findall(r"\w+", typographic(text, "nl")):
            assert word in extracted, word


def test_headings_and_slogans_of_the_seed_are_set_in_bold(print_pdf: bytes) -> None:
    """The two slogans and the sources heading come out as written, in the bold face."""
    frags = fragments(print_pdf)
    texts = {f.text.strip() for f in frags}
    assert {"Hou het privé!", "Deel het niet!", "Bronnen", "Sexting"} <= texts


def test_every_font_is_embedded_subset_and_not_base14(print_pdf: bytes) -> None:
    """No Helvetica or other base-14 font, not even unused; each font is a subset with a file."""
    used = fonts(print_pdf)
    assert used
    for name, font in used.items():
        assert "+" in name, f"{name} is not a subset"
        descriptor = font["/FontDescriptor"].get_object()  # type: ignore[attr-defined]
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    assert not any("Helvetica" in n or "Times" in n or "Courier" in n for n in used)
    assert b"/Helvetica" not in print_pdf


def test_links_are_clickable(print_pdf: bytes) -> None:
    """The sources and the IWF address are link annotations with their URLs."""
    uris = {uri for _, uri, _ in link_uris(print_pdf)}
    assert {"https://nl.wikipedia.org/wiki/Sexting", "https://www.iwf.org.uk"} <= uris


def test_metadata_language_and_print_preferences(print_pdf: bytes) -> None:
    """Title, author, subject and language are set; duplex flips on the short edge; no scaling."""
    pdf = reader(print_pdf)
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Sexting"
    assert pdf.metadata.author == "Preventiewerkgroep"
    assert "sexting" in (pdf.metadata.subject or "")
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "nl"
    preferences = root["/ViewerPreferences"]
    assert preferences["/Duplex"] == "/DuplexFlipShortEdge"
    assert preferences["/PrintScaling"] == "/None"
    assert preferences["/DisplayDocTitle"] == True  # noqa: E712  (a pypdf BooleanObject)
    assert pdf.metadata["/CreationDate"].startswith("D:20261125")


def test_nothing_is_painted_in_the_printers_dead_margin(print_pdf: bytes) -> None:
    """Rasterised, the outer 4.5 mm of both sides is blank paper (copiers cannot print there)."""
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(print_pdf)
    for page in document:
        image = page.render(scale=2).to_pil().convert("L")
        w, h = image.size
        edge = int(4.5 / 25.4 * 72 * 2)
        strips = [(0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h)]
        for strip in strips:
            assert image.crop(strip).getextrema()[0] >= 250, f"ink in the dead margin at {strip}"


def test_rebuilds_are_byte_identical_across_processes(sample_build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Same input, same bytes: a fresh process with another hash seed writes the same PDFs."""
    out = tmp_path / "out"
    env = {"PYTHONHASHSEED": "123", "PATH": "", "SYSTEMROOT": ""}
    subprocess.run(
        [sys.executable, "-m", "brochure", "build", str(SAMPLE), "--out", str(out), "--quiet"],
        check=True,
        cwd=ROOT,
        env=env,
    )
    for edition in ("print", "phone"):
        (written,) = out.glob(f"*-{edition}.pdf")
        assert written.read_bytes() == sample_build[0][edition], edition
