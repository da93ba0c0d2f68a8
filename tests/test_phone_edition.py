"""The phone edition: A6 pages in reading order, phone-sized type, small file, e-mail companions."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from brochure.diagnostics import Diagnostic
from brochure.layout.kinds import layout
from brochure.layout.model import Layout
from brochure.load.content import load
from brochure.load.model import Heading, Paragraph
from brochure.pipeline import build, build_pdfs
from brochure.resolve.document import resolve
from brochure.units import mm
from tests.conftest import MINIMAL, SAMPLE
from tests.pdfread import fragments, link_uris, reader, squash
from tests.tagged import marked_content, open_pdf, structure, tree_text

A6 = (mm(105), mm(148))


@pytest.fixture(scope="module")
def phone_layout() -> Layout:
    document, _ = resolve(load(SAMPLE)[0])
    return layout(document, "phone")[0]


@pytest.fixture(scope="module")
def phone_pdf(sample_build) -> bytes:  # type: ignore[no-untyped-def]
    return sample_build[0]["phone"]


def test_pages_are_a6_portrait_with_the_cover_first(phone_pdf: bytes) -> None:
    """Every page is 105 x 148 mm; the first carries the title on the theme colour."""
    pages = reader(phone_pdf).pages
    assert len(pages) >= 4
    for page in pages:
        assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, *A6], abs=0.01)
    first = {f.text.strip() for f in fragments(phone_pdf) if f.page == 0}
    assert "Sexting" in first


def test_one_column_inside_the_margins_in_reading_order(phone_layout: Layout) -> None:
    """One panel per page, blocks inside 7 mm margins, pages following the reading order."""
    slots = []
    for page in phone_layout.pages:
        (panel,) = page.panels
        slots.append(panel.slot)
        for item in panel.items:
            assert item.box.x >= mm(7) - 0.01 and item.box.right <= A6[0] - mm(7) + 0.01
            assert item.box.y >= mm(7) - 0.01 and item.box.top <= A6[1] - mm(7) + 0.01
    assert list(dict.fromkeys(slots)) == ["cover", "flap", "inside", "back"]


def test_body_text_is_phone_sized_and_headings_larger(phone_layout: Layout) -> None:
    """Body text at 12 pt or more, headings larger still; notes never under 10 pt."""
    sizes: dict[str, float] = {}
    for item in phone_layout.items_in_reading_order():
        lines = item.lines()
        if any(part.role == "Artifact" for part in item.parts) or not lines:
            continue  # a callout or a picture
        body = isinstance(item.block, Paragraph)
        sizes.setdefault("body" if body else item.role, lines[-1].runs[0].size)
    assert sizes["body"] >= 12
    assert sizes["H2"] > sizes["body"] and sizes["H1"] > sizes["H2"]
    assert sizes["Note"] >= 10


def test_no_heading_ends_a_page_and_every_word_is_shown(phone_layout: Layout, phone_pdf: bytes) -> None:
    """A heading is always followed on its page by what it heads; no word of the content is lost."""
    for page in phone_layout.pages:
        body = [i for i in page.panels[0].items if i.block is not None]
        assert not body or not isinstance(body[-1].block, Heading)
    shown = squash("".join(f.text for f in fragments(phone_pdf)))
    content = load(SAMPLE)[0]
    for panel in content.panels:
        for block in panel.blocks:
            for span in getattr(block, "text", ()):
                for word in re.findall(r"\w+", span.text):
                    assert word in shown, word


def test_links_are_clickable_and_print_preferences_are_left_to_the_reader(phone_pdf: bytes) -> None:
    """The sources are links; a phone PDF asks for no duplex and no fixed print scaling."""
    uris = {uri for _, uri, _ in link_uris(phone_pdf)}
    assert {"https://nl.wikipedia.org/wiki/Sexting", "https://www.iwf.org.uk"} <= uris
    pdf = open_pdf(phone_pdf)
    preferences = pdf.Root.ViewerPreferences
    assert "/Duplex" not in preferences and "/PrintScaling" not in preferences


def test_the_sample_is_small(sample_build) -> None:  # type: ignore[no-untyped-def]
    """The sample's phone PDF stays under 43 kB (3 kB of it the sRGB profile and XMP that PDF/A
    asks for), its print PDF under 100 kB."""
    assert len(sample_build[0]["phone"]) < 43_000
    assert len(sample_build[0]["print"]) < 100_000


def test_every_stream_is_compressed_but_the_xmp(sample_build) -> None:  # type: ignore[no-untyped-def]
    """ReportLab writes its streams uncompressed (pikepdf then reads pages without inflating them):
    in every edition, each stream ends up Flate-compressed, except the XMP packet, which stays
    readable as PDF/A and PDF/UA tools expect."""
    for edition, data in sample_build[0].items():
        pdf = open_pdf(data)
        for stream in (o for o in pdf.objects if isinstance(o, pikepdf.Stream)):
            expected = None if stream.get("/Type") == "/Metadata" else "/FlateDecode"
            assert stream.get("/Filter") == expected, (edition, stream.objgen)


@pytest.mark.slow
def test_a_long_leaflet_without_photos_stays_under_100_kb(write_content) -> None:  # type: ignore[no-untyped-def]
    """A leaflet with every panel full of text, in all four faces, is under 100 kB per edition."""
    text = "Een **vette** en *schuine* en ***beide*** zin met é, ë, ï, ’, “ en ”, – en — erin. " * 5
    body = "".join(f"    - heading: Kop {n}\n    - text: {text}\n" for n in range(4))
    path = write_content(MINIMAL.replace("    - heading: Kop\n    - text: Binnen.\n", body))
    pdfs, _, _ = build_pdfs(path, ("print", "phone"))
    assert all(len(data) < 100_000 for data in pdfs.values()), {k: len(v) for k, v in pdfs.items()}


def test_a_block_taller_than_a_page_is_an_error(write_content) -> None:  # type: ignore[no-untyped-def]
    """A callout (never split) longer than a phone page is reported with its location."""
    from brochure.diagnostics import BuildError

    long = "Een zin die telkens terugkomt. " * 200
    path = write_content(MINIMAL.replace("    - text: Achter.\n", f"    - callout: {long}\n"))
    document, _ = resolve(load(path)[0])
    with pytest.raises(BuildError) as raised:
        layout(document, "phone")
    assert [d.code for d in raised.value.diagnostics] == ["L103"]
    assert raised.value.diagnostics[0].location.line == 13


def test_a_too_tall_callout_is_told_how_much_and_how_many_words_to_cut(write_content) -> None:  # type: ignore[no-untyped-def]
    """L103 gives the callout's height, the page's and the difference (it gave the page's height
    only, and suggested a smaller picture for a callout without one); the words it says to cut
    are enough: the callout with that many fewer words fits the phone page, with far fewer it
    does not."""
    from brochure.diagnostics import BuildError

    def phone(words: int) -> list[Diagnostic]:
        text = " ".join(["Helemaal veilig is het nooit"] * 60).split()[:words]
        path = write_content(MINIMAL.replace("    - text: Achter.\n", f"    - callout: {' '.join(text)}\n"))
        try:
            layout(resolve(load(path)[0])[0], "phone")
        except BuildError as raised:
            return list(raised.diagnostics)
        return []

    (found,) = phone(300)
    over, height, page = (float(n) for n in re.findall(r"(\d+(?:\.\d+)?) mm", found.message))
    assert found.code == "L103"
    assert found.message.startswith("panel 'back': the callout 'Helemaal veilig is …' is")
    assert over > 10 and abs(height - page - over) < 1
    assert found.hint.startswith("cut about ") and "picture" not in found.hint
    cut = int(found.hint.split()[2])
    assert phone(300 - cut) == []
    assert [d.code for d in phone(300 - cut // 2)] == ["L103"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "a":
            self.links.append(values.get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_companions_carry_the_same_text_in_the_same_order(tmp_path: Path) -> None:
    """`build` writes the phone PDF with the e-mail's HTML part and its plain text beside it: a
    greeting, a message naming the attachment and its size, the PDF's text in its order, and the
    closing (the organisation)."""
    result = build(SAMPLE, ("phone",), out_dir=tmp_path)
    names = sorted(o.path.name for o in result.outputs)
    assert names == [
        "sexting-nl-phone.html",
        "sexting-nl-phone.pdf",
        "sexting-nl-phone.txt",
    ]
    pdf_data = (tmp_path / "sexting-nl-phone.pdf").read_bytes()
    size = f"(PDF, {round(len(pdf_data) / 1024)} kB)"
    pdf = open_pdf(pdf_data)
    tree = squash(tree_text(structure(pdf), marked_content(pdf)).replace("\u2022", ""))

    page = _Text()
    page.feed((tmp_path / "sexting-nl-phone.html").read_text(encoding="utf-8"))
    greeting, message, *rest, closing = [t for t in page.text if t.strip()][2:]  # after title, style
    assert greeting == "Beste ouders en verzorgers,"
    assert "sexting-nl-phone.pdf" in message and size in message
    assert closing == "Preventiewerkgroep"
    assert page.lang == "nl"
    assert squash("".join(rest)) == re.sub(r"\d+\.(?=\D)", "", tree)  # <ol> numbers are not text
    assert {"https://nl.wikipedia.org/wiki/Sexting", "https://www.iwf.org.uk"} <= set(page.links)

    text = (tmp_path / "sexting-nl-phone.txt").read_text(encoding="utf-8")
    greeting, head, body = text.split("\n\n", 2)
    body, closing = body.rstrip("\n").rsplit("\n\n", 1)
    assert greeting == "Beste ouders en verzorgers," and closing == "Preventiewerkgroep"
    assert "sexting-nl-phone.pdf" in head and size in head.replace("\n", " ")
    assert max(len(line) for line in text.splitlines()) <= 72
    plain = squash(re.sub(r"^[=|-]+$|^\| ", "", body, flags=re.M))
    assert plain.lower() == tree.lower()
    assert all(o.path.name.isascii() for o in result.outputs)


def test_links_have_finger_sized_targets_that_do_not_overlap(phone_pdf: bytes) -> None:
    """On the phone, every link is at least 18 pt (24 CSS px) tall; stacked links never overlap."""
    import pikepdf

    from brochure.finish.links import widen_tap_targets

    for _, _, (_, y0, _, y1) in link_uris(phone_pdf):
        assert y1 - y0 >= 18 - 0.01
    pdf = pikepdf.new()
    pdf.add_blank_page()
    rects = ([10, 100, 90, 108], [10, 88, 90, 96], [200, 100, 250, 108])
    pdf.pages[0].Annots = pdf.make_indirect(
        pikepdf.Array([pikepdf.Dictionary(Subtype=pikepdf.Name.Link, Rect=r) for r in rects])
    )
    widen_tap_targets(pdf)
    upper, lower, beside = ([float(v) for v in a.Rect] for a in pdf.pages[0].Annots)
    assert upper == pytest.approx([8, 98, 92, 113])  # towards the link below: only to the middle
    assert lower == pytest.approx([8, 83, 92, 98])
    assert beside == pytest.approx([198, 95, 252, 113])


def test_the_command_builds_print_and_phone_with_companions_by_default(write_content) -> None:  # type: ignore[no-untyped-def]
    """`brochure build` writes both editions and the e-mail texts; `--edition print` only print."""
    from brochure.cli.main import main
    from brochure.names import leaflet_name

    path = write_content()
    assert main(["build", str(path), "--quiet"]) == 0
    name = leaflet_name(path)
    names = sorted(p.name for p in (path.parent / "out").glob("[!.]*"))
    assert names == [f"{name}-nl-{file}" for file in ("phone.html", "phone.pdf", "phone.txt", "print.pdf")]
    assert main(["build", str(path), "--quiet", "--edition", "print", "--out", str(path.parent / "p")]) == 0
    assert [p.name for p in (path.parent / "p").glob("[!.]*")] == [f"{name}-nl-print.pdf"]
