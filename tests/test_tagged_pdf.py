"""Tagged PDF / PDF/UA-1: the structure tree, artifacts, metadata and fonts of every edition."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pikepdf
import pytest

from brochure.layout.furniture import footer_items, header_items
from brochure.load.content import load
from brochure.load.model import (
    BulletList,
    Callout,
    Footnote,
    Heading,
    Image,
    Inline,
    Paragraph,
    Slogan,
    SourceList,
)
from brochure.pipeline import build_pdfs
from brochure.resolve.document import Document, resolve
from tests.conftest import SAMPLE
from tests.corpus.reading import inline_text
from tests.pdfread import squash
from tests.tagged import Node, marked_content, open_pdf, structure, tree_text

EDITIONS = ("print", "phone")
BULLET = "\u2022"

RICH = """\
meta:
  title: Alles erin
  subtitle: Een folder met elk soort blok
  language: nl
  organisation: De school
  date: 2026-03-01
  version: "2"
sources:
  - {id: bron, title: Een bron, publisher: Uitgever, url: "https://example.org/bron"}
panels:
  cover:
    - illustration: {name: shield, alt: Een schild met een vinkje}
  flap:
    - heading: {text: Diep genest, level: 4}
    - text: Onder een kop van niveau vier.
  inside:
    - heading: Binnen
    - text: Lees [de site](https://example.org/site) of https://example.org/kaal en een noot[^n].[@bron]
    - list: [Een, Twee, Drie]
    - callout: {title: Let op, text: [Eerste., Tweede.]}
  back:
    - footnote: {id: n, text: De noot.}
    - sources: Bronnen
"""


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("rich")
    path = folder / "content.yaml"
    path.write_text(RICH, encoding="utf-8")
    return path, build_pdfs(path, EDITIONS)[0]


def cases(sample_build, rich) -> dict[str, tuple[Path, bytes]]:  # type: ignore[no-untyped-def]
    return {
        **{f"sample-{e}": (SAMPLE, sample_build[0][e]) for e in EDITIONS},
        **{f"rich-{e}": (rich[0], rich[1][e]) for e in EDITIONS},
    }


CASES = [f"{c}-{e}" for c in ("sample", "rich") for e in EDITIONS]


@pytest.fixture(params=CASES)
def case(request, sample_build, rich) -> tuple[Path, bytes]:  # type: ignore[no-untyped-def]
    return cases(sample_build, rich)[request.param]


def test_an_independent_validator_finds_the_file_pdf_ua_1_compliant(case: tuple[Path, bytes]) -> None:
    """page-validation (veraPDF's PDF/UA-1 rules) reports no failed rule."""
    page = pytest.importorskip("page")
    report = page.validate_pdf_bytes(case[1], profile=page.ValidationProfile.PDF_UA_1)
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert report.is_compliant, failures
    assert report.rules.total > 100


def test_catalog_marks_the_file_tagged_titled_and_in_its_language(case: tuple[Path, bytes]) -> None:
    """MarkInfo, /Lang, DisplayDocTitle, and XMP with dc:title, dc:language and pdfuaid:part 1."""
    path, data = case
    meta = load(path)[0].meta
    pdf = open_pdf(data)
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == meta.language
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    xmp = pdf.open_metadata()
    assert xmp["dc:title"] == meta.title
    assert xmp["pdfuaid:part"] == "1"
    assert list(xmp["dc:language"]) == [meta.language]
    assert str(pdf.docinfo.Title) == meta.title
    assert pdf.pdf_version >= "1.7"


def test_structure_root_headings_and_levels(case: tuple[Path, bytes]) -> None:
    """One Document root; exactly one H1, the first element, with the title; no level skipped."""
    path, data = case
    pdf = open_pdf(data)
    root = structure(pdf)
    assert root.role == "Document"
    content = marked_content(pdf)
    headings = [n for n in root.walk() if re.fullmatch(r"H\d", n.role)]
    assert [n.role for n in headings].count("H1") == 1
    assert root.kids[0].role == "H1"
    assert squash(tree_text(root.kids[0], content)) == squash(load(path)[0].meta.title)
    levels = [int(n.role[1]) for n in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_every_painted_thing_is_tagged_content_or_an_artifact(case: tuple[Path, bytes]) -> None:
    """No painting operator outside marked content, none nested, and every MCID has a parent."""
    pdf = open_pdf(case[1])
    content = marked_content(pdf)
    assert content.untagged == []
    assert content.nested == 0
    owned = {key for node in structure(pdf).walk() for key in node.content}
    assert owned == set(content.tags)
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    for number, page in enumerate(pdf.pages):
        assert page.StructParents == number and page.Tabs == "/S"
        parents = nums[nums.index(number) + 1] if number in list(nums)[::2] else []
        assert len(parents) == sum(1 for p, _ in content.tags if p == number)


def test_tree_text_equals_the_content_in_reading_order(
    case: tuple[Path, bytes], request: pytest.FixtureRequest
) -> None:
    """The text of the tree, in tree order, is the content's text: cover, flap, inside, back."""
    path, data = case
    pdf = open_pdf(data)
    document = resolve(load(path)[0])[0]
    paper = not request.node.callspec.params["case"].endswith("-phone")
    actual = tree_text(structure(pdf), marked_content(pdf))
    assert squash(actual) == squash(expected_text(document, paper=paper))


def expected_text(document: Document, *, paper: bool = True) -> str:
    """The content's text as a reader meets it, written out independently of the layout (on
    paper, sources with QR codes show their short address); list items have their bullets."""

    def address(url: str, qr: bool) -> str:
        if not (qr and paper):
            return url
        return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")

    def spans(inline: Inline) -> str:
        return inline_text(inline, document)

    def block_text(block: object) -> str:
        if isinstance(block, (Heading, Paragraph, Slogan)):
            return spans(block.text)
        if isinstance(block, BulletList):
            return " ".join(f"{BULLET} {spans(i)}" for i in block.items)
        if isinstance(block, Callout):
            return " ".join(spans(p) for p in (block.title, *block.paragraphs))
        if isinstance(block, Footnote):
            return document.footnotes[block.id] + " " + spans(block.text)
        if isinstance(block, SourceList):
            return block.title + "".join(
                f" {n}. {s.title} – {s.publisher} {address(s.url, block.qr)}"
                for n, s in enumerate(document.content.sources, 1)
            )
        if isinstance(block, Image):
            return spans(block.caption)
        return ""

    parts = []
    for panel in document.panels_in_reading_order():
        parts += [i.setter.text for i in header_items(document, panel.name)]
        parts += [block_text(b) for b in panel.blocks]
        parts += [i.setter.text for i in footer_items(document, panel.name)]
    return " ".join(parts)


def test_list_items_and_notes_have_their_labels_apart(case: tuple[Path, bytes]) -> None:
    """L > LI > Lbl + LBody per item (ISO 32000-1 14.8.4.3.3, PDF/UA): the Lbl holds the bullet or
    the source's number and nothing else, the LBody the item's text; a footnote's Note starts
    with a Lbl holding its mark, followed by the note's text. Each in marked content of its own."""
    path, data = case
    document = resolve(load(path)[0])[0]
    pdf = open_pdf(data)
    content = marked_content(pdf)
    nodes = list(structure(pdf).walk())

    def text(node: Node) -> str:
        return squash(tree_text(node, content))

    blocks = [b for panel in document.panels_in_reading_order() for b in panel.blocks]
    expected = []
    for block in blocks:
        if isinstance(block, BulletList):
            expected.append([(BULLET, squash(inline_text(item, document))) for item in block.items])
        if isinstance(block, SourceList):
            expected.append([(f"{n}.", squash(s.title)) for n, s in enumerate(document.content.sources, 1)])
    lists = [n for n in nodes if n.role == "L"]
    for node, items in zip(lists, expected, strict=True):
        assert [[k.role for k in li.kids] for li in node.kids] == [["Lbl", "LBody"]] * len(items)
        labels = [(text(li.kids[0]), text(li.kids[1])) for li in node.kids]
        assert [label for label, _ in labels] == [label for label, _ in items]
        assert all(body.startswith(start) for (_, body), (_, start) in zip(labels, items, strict=True))
        assert all(li.content == [] and li.kids[0].content and li.kids[1].content for li in node.kids)
    labelled = [n for n in nodes if n.role in ("Lbl", "LBody", "Note")]
    assert all(content.tags[key] == n.role for n in labelled for key in n.content)
    notes = [b for b in blocks if isinstance(b, Footnote)]
    found = [n for n in nodes if n.role == "Note"]
    assert len(found) == len(notes)
    for node, note in zip(found, notes, strict=True):
        first = node.children[0]
        assert isinstance(first, Node) and first.role == "Lbl"
        assert text(first) == document.footnotes[note.id]
        assert text(node) == squash(document.footnotes[note.id] + inline_text(note.text, document))
        assert node.content and first.content


def test_lists_figures_notes_and_links_are_tagged(rich: tuple[Path, dict[str, bytes]]) -> None:
    """Lists of the bullets and of the sources; Figure with its alt; Note with a unique ID; each
    link annotation in a Link element (OBJR) with a description, pointing back through StructParent."""
    for data in rich[1].values():
        pdf = open_pdf(data)
        nodes = list(structure(pdf).walk())
        lists = [n for n in nodes if n.role == "L"]
        assert [len(n.kids) for n in lists] == [3, 1]  # the bullets, then the sources
        figures = {str(n.obj.Alt) for n in nodes if n.role == "Figure"}
        assert figures == {"Een schild met een vinkje"}
        notes = [n for n in nodes if n.role == "Note"]
        assert [str(n.obj.ID) for n in notes] == ["note-n"]
        links = [n for n in nodes if n.role == "Link"]
        annotations = [a for page in pdf.pages for a in page.get("/Annots", [])]
        assert len(links) == len(annotations) == 3
        parent_tree = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2, strict=True))
        for link in links:
            (annotation,) = link.annotations
            assert str(annotation.A.URI) in str(annotation.Contents)
            assert parent_tree[int(annotation.StructParent)].objgen == link.obj.objgen
        contents = {str(a.Contents) for a in annotations}
        assert "de site (https://example.org/site)" in contents
        assert "Een bron: https://example.org/bron" in contents


def test_every_glyph_maps_to_text(case: tuple[Path, bytes]) -> None:
    """Each font is an embedded subset whose ToUnicode maps every code to real text (no U+0000)."""
    pdf = open_pdf(case[1])
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            assert "/FontFile2" in font.FontDescriptor
            sections = re.findall(rb"beginbfchar(.*?)endbfchar", font.ToUnicode.read_bytes(), re.S)
            targets = [t for s in sections for t in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", s)]
            assert targets and all(int(t, 16) not in (0, 0xFEFF, 0xFFFE) for t in targets)
    assert "\0" not in "".join(marked_content(pdf).text.values())


def test_no_active_content(case: tuple[Path, bytes]) -> None:
    """No JavaScript, open or additional actions, launch actions, embedded files or forms."""
    pdf = open_pdf(case[1])
    for key in ("/OpenAction", "/AA", "/AcroForm", "/Names"):
        assert key not in pdf.Root
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary):
            assert obj.get("/S") not in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData")
            assert obj.get("/Type") not in ("/EmbeddedFile", "/Filespec")
            assert "/JS" not in obj and "/AA" not in obj
            if obj.get("/Subtype") is not None:
                assert obj.get("/Subtype") != "/Widget"


def test_outline_has_a_bookmark_per_heading(case: tuple[Path, bytes]) -> None:
    """Bookmarks follow the headings in order and nesting, each on the heading's page."""
    pdf = open_pdf(case[1])
    root = structure(pdf)
    content = marked_content(pdf)
    headings = [n for n in root.walk() if re.fullmatch(r"H\d", n.role)]
    with pdf.open_outline() as outline:
        found = []

        def visit(items, depth: int) -> None:  # type: ignore[no-untyped-def]
            for item in items:
                found.append((depth, item.title, pdf.pages.index(pikepdf.Page(item.destination[0]))))
                visit(item.children, depth + 1)

        visit(outline.root, 1)
    expected = [(int(n.role[1]), tree_text(n, content), n.content[0][0]) for n in headings]
    assert [(d, squash(t), p) for d, t, p in found] == [(d, squash(t), p) for d, t, p in expected]


def test_words_at_line_ends_are_separated_by_spaces(case: tuple[Path, bytes]) -> None:
    """Read aloud, the tree's text has the content's words, none run together across a line end."""
    path, data = case
    pdf = open_pdf(data)
    document = resolve(load(path)[0])[0]

    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", re.sub(r"(?<=\w)[-\u00ad]\s*(?=\w)", "", text)))

    spoken = words(tree_text(structure(pdf), marked_content(pdf)))
    assert spoken <= words(expected_text(document)), sorted(spoken - words(expected_text(document)))


@pytest.mark.slow
def test_a_phrase_in_another_language_carries_its_own_lang(tmp_path: Path) -> None:
    """The sample's "sex" and "texting" are marked [..]{lang=en}: in the PDF each is marked
    content with /Lang (en) inside its paragraph, in the HTML a <span lang="en">."""
    from brochure.cli.main import main

    assert main(["build", str(SAMPLE), "--out", str(tmp_path), "--quiet"]) == 0
    for pdf_file in sorted(tmp_path.glob("*.pdf")):
        with pikepdf.open(pdf_file) as pdf:
            found = marked_content(pdf)
        assert found.languages == [("en", "sex"), ("en", "texting")], pdf_file.name
        assert found.nested == 0
    page = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert '<span lang="en"><em>sex</em></span>' in page and '<html lang="nl" dir="ltr">' in page
