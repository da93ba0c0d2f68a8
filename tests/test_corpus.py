"""The corpus: every edition of every test leaflet builds, keeps all its text in reading order,
keeps its glyphs inside their panels, has the right page geometry, embeds its fonts and is PDF/UA-1."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from brochure.diagnostics import Severity
from brochure.editions import EDITIONS
from brochure.layout.phone import PAGE_HEIGHT, PAGE_WIDTH
from brochure.load.content import load
from brochure.load.model import Slogan
from brochure.resolve.document import resolve
from brochure.resolve.fold import PAPERS
from brochure.units import mm
from tests import corpus
from tests.corpus import rtl
from tests.corpus.lines import Line, broken_rules, panel_lines
from tests.corpus.reading import expected_texts, glyph_escapes, missing_in_order, text_in_reading_order
from tests.pdfread import reader
from tests.tagged import marked_content, open_pdf, structure, tree_text

pytestmark = pytest.mark.slow


def test_every_leaflet_in_the_folder_is_listed_once_and_the_list_covers_what_it_must() -> None:
    """No corpus leaflet is silently left out; the corpus has every fold, paper and language asked."""
    listed = [leaflet.path for leaflet in corpus.LEAFLETS]
    assert sorted(listed) == list(corpus.leaflet_files())
    assert len(set(listed)) == len(listed) >= 14
    assert {leaflet.fold for leaflet in corpus.LEAFLETS} == {"roll", "z", "half"}
    assert {leaflet.paper for leaflet in corpus.LEAFLETS} == {"a4", "letter"}
    assert {leaflet.language for leaflet in corpus.LEAFLETS} >= {
        "nl",
        "en",
        "de",
        "fr",
        "pl",
        "tr",
        "uk",
        "ar",
        "he",
    }
    for leaflet in corpus.LEAFLETS:
        content, _ = load(leaflet.path)
        assert (content.fold.kind, content.fold.paper, content.meta.language) == (
            leaflet.fold,
            leaflet.paper,
            leaflet.language,
        ), leaflet.name


def test_every_block_type_and_both_cover_cases_are_in_the_corpus() -> None:
    """Each block type appears in some corpus leaflet; one leaflet has no cover, one has images."""
    kinds: set[str] = set()
    covers = []
    for leaflet in corpus.LEAFLETS:
        content, _ = load(leaflet.path)
        kinds |= {type(block).__name__ for panel in content.panels for block in panel.blocks}
        covers.append(content.panel("cover") is not None)
    assert kinds >= {
        "Heading",
        "Paragraph",
        "BulletList",
        "Callout",
        "Slogan",
        "Image",
        "Illustration",
        "QRCode",
        "Footnote",
        "SourceList",
        "Break",
    }
    assert False in covers


@pytest.mark.parametrize(("name", "edition"), corpus.params("build"))
def test_every_edition_builds_without_warnings(name: str, edition: str) -> None:
    """The edition's PDF is made, and the build reports nothing an author would have to fix (a
    panel with `fit: shrink` may say it was made smaller: L102 is what its author asked for; notes,
    such as a decorative image or a long sentence, are advice that never fails a build)."""
    built = corpus.built(name)
    assert built.pdfs[edition].startswith(b"%PDF-")
    found = [w for w in built.warnings if w.code != "L102" and w.severity is not Severity.INFO]
    assert [f"{w.code} {w.message}" for w in found] == []


@pytest.mark.parametrize(("name", "edition"), corpus.params("text"))
def test_all_text_is_in_the_text_layer_in_reading_order(name: str, edition: str) -> None:
    """Every heading, paragraph, list item, callout, QR label, footnote, source and the cover's
    furniture is found whole in the extracted text, panel after panel in reading order (the
    lines of a right-to-left leaflet, or of one with Arabic words in Dutch text, read from their
    glyphs, see `tests/corpus/rtl.py`)."""
    built = corpus.built(name)
    layout = built.layouts[EDITIONS[edition].layout]
    expected = expected_texts(layout.document, paper=EDITIONS[edition].layout == "sheet")
    leaflet = corpus.BY_NAME[name]
    if leaflet.bidi:
        actual = rtl.text_in_reading_order(built.pdfs[edition], layout, base=leaflet.base)
    else:
        actual = text_in_reading_order(built.pdfs[edition], layout)
    assert missing_in_order(expected, actual) == []


@pytest.mark.parametrize(("name", "edition"), corpus.params("words"))
def test_no_words_run_together_or_fall_apart_at_line_ends(name: str, edition: str) -> None:
    """Read aloud (the structure tree's text), every word is one of the content's words: none
    joined to the next line's first word, none cut in two by a space added at a line end. A
    right-to-left line (or Arabic phrase) holds its glyphs in visual order, as readers expect (they
    apply the bidi algorithm): each word is put back with python-bidi's display order before it
    is compared."""
    built = corpus.built(name)
    layout = built.layouts[EDITIONS[edition].layout]
    pdf = open_pdf(built.pdfs[edition])
    text = tree_text(structure(pdf), marked_content(pdf))
    leaflet = corpus.BY_NAME[name]
    if leaflet.bidi:
        text = " ".join(rtl.get_display(token, base_dir=leaflet.base) for token in text.split())
    spoken = words(text)
    written = words(" ".join(expected_texts(layout.document, paper=EDITIONS[edition].layout == "sheet")))
    assert sorted(spoken - written) == []


def words(text: str) -> set[str]:
    """The words of a text, hyphenated line ends joined."""
    return set(re.findall(r"\w+", re.sub(r"(?<=\w)[-\u00ad]\s*(?=\w)", "", text)))


@pytest.mark.parametrize(("name", "edition"), corpus.params("order"))
def test_every_line_stands_in_the_bidi_algorithms_display_order(name: str, edition: str) -> None:
    """Every line of every leaflet, read back as glyph origins sorted by x, shows its logical
    text in the display order python-bidi computes, with the leaflet's direction as the base:
    in a right-to-left leaflet the Latin words, numbers, the phone number, times, addresses and
    brackets; in a left-to-right one any Arabic or Hebrew phrase, and plain text in typing
    order. No line is left without its glyphs."""
    built = corpus.built(name)
    layout = built.layouts[EDITIONS[edition].layout]
    readings = rtl.line_readings(built.pdfs[edition], layout, base=corpus.BY_NAME[name].base)
    assert len(readings) > 10 and all(r.shown for r in readings)
    assert [str(r) for r in readings if r.shown != r.expected] == []


@pytest.mark.parametrize(("name", "edition"), corpus.params("hyphens"))
def test_hyphenation_rules_hold_on_every_page(name: str, edition: str) -> None:
    """No hyphen at a panel's or page's last line (across a fold or a page turn), at most two
    hyphenated line ends in a row, no hyphen and space inside a line the author did not write."""
    built = corpus.built(name)
    layout = built.layouts[EDITIONS[edition].layout]
    written = " ".join(expected_texts(layout.document, paper=EDITIONS[edition].layout == "sheet"))
    assert broken_rules(panel_lines(built.pdfs[edition], layout), written) == []


@pytest.mark.parametrize("name", [leaflet.name for leaflet in corpus.WITH_SAMPLE])
def test_no_panel_or_phone_page_ends_in_a_heading(name: str) -> None:
    """A heading always stands with the start of what it heads: no panel of the sheet and no
    phone page has a heading as its last block (before: a balanced short flow put a heading
    alone at the top of one panel and its paragraph in the next)."""
    built = corpus.built(name)
    for kind, laid_out in built.layouts.items():
        for page in laid_out.pages:
            for panel in page.panels:
                body = [item for item in panel.items if item.block is not None]
                assert not body or body[-1].role not in ("H2", "H3", "H4"), (kind, page.number, panel.slot)


#: The sheet's panels in reading order (a mirrored fold places them differently, not reorders them).
SLOTS = ("cover", "flap", "back", "inside-left", "inside-middle", "inside-right")


@pytest.mark.parametrize("name", [leaflet.name for leaflet in corpus.WITH_SAMPLE])
def test_no_body_text_ends_in_a_line_of_one_word_but_an_address(name: str) -> None:
    """A paragraph, list item, callout text or note of three lines or more never ends in a line
    of one word, on the sheet or the phone pages (the line breaker's penalty finds a better
    break), except a web address that takes its own line or is broken by the address rules."""
    built = corpus.built(name)
    checked = 0
    for kind, laid_out in built.layouts.items():
        placed = sorted(
            (
                ((page.number, SLOTS.index(panel.slot) if panel.slot in SLOTS else 0), index, item)
                for page in laid_out.pages
                for panel in page.panels
                for index, item in enumerate(panel.items)
                if item.block is not None and not isinstance(item.block, Slogan)
            ),
            key=lambda placed: placed[:2],
        )
        last = {id(item.block): item for _, _, item in placed}  # a block split over panels ends here
        for _, _, item in placed:
            parts = [part for part in item.parts if part.role in ("P", "LBody", "Note")]
            for part in parts if last[id(item.block)] is item else parts[:-1]:
                if len(part.lines) < 3:
                    continue
                checked += 1
                before, end = part.lines[-2].text, part.lines[-1].text.strip()
                word = end if before.endswith(" ") else before.split(" ")[-1] + end
                assert " " in end or re.search(r"\w[./]\w", word), (kind, [line.text for line in part.lines])
    assert checked >= 1  # every leaflet has a text of three lines somewhere


@pytest.mark.parametrize(("name", "edition"), corpus.params("glyphs"))
def test_every_glyph_lies_inside_its_panel(name: str, edition: str) -> None:
    """No letter reaches into the padding, across a fold or past the trim (clipped titles)."""
    built = corpus.built(name)
    layout = built.layouts[EDITIONS[edition].layout]
    escapes = glyph_escapes(built.pdfs[edition], layout)
    assert [str(e) for e in escapes] == []


@pytest.mark.parametrize(("name", "edition"), corpus.params("geometry"))
def test_page_geometry_and_embedded_fonts(name: str, edition: str) -> None:
    """Sheets are the paper landscape (the press edition with bleed and marks around its trim),
    phone pages are phone pages; every font is embedded."""
    built = corpus.built(name)
    leaflet = corpus.BY_NAME[name]
    pages = reader(built.pdfs[edition]).pages
    paper = PAPERS[leaflet.paper]
    if EDITIONS[edition].layout == "phone":
        assert len(pages) == len(built.layouts["phone"].pages)
        trims = [(PAGE_WIDTH, PAGE_HEIGHT)] * len(pages)
    else:
        assert len(pages) == 2
        trims = [(paper.width, paper.height)] * 2
    for page, (width, height) in zip(pages, trims, strict=True):
        trim = page.trimbox
        assert float(trim.width) == pytest.approx(width, abs=0.01)
        assert float(trim.height) == pytest.approx(height, abs=0.01)
        if edition == "press":
            bleed = page.bleedbox
            assert float(bleed.width) == pytest.approx(width + 2 * mm(3), abs=0.01)
            assert float(page.mediabox.width) > float(bleed.width)
        else:
            assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


@pytest.mark.parametrize(("name", "edition"), corpus.params("pdfua"))
def test_every_edition_is_pdf_ua_1(name: str, edition: str) -> None:
    """page-validation (veraPDF's PDF/UA-1 rules) finds no failed rule, on paper and on phones."""
    page = pytest.importorskip("page")
    report = page.validate_pdf_bytes(corpus.pdf(name, edition), profile=page.ValidationProfile.PDF_UA_1)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


@pytest.mark.parametrize("edition", corpus.ALL_EDITIONS)
def test_the_new_template_is_pdf_ua_1_in_every_edition(edition: str, tmp_path: Path) -> None:
    """The leaflet `brochure new` writes (with its QR code, image and every block) is PDF/UA-1."""
    from brochure.cli.main import main
    from brochure.pipeline import build_pdfs

    page = pytest.importorskip("page")
    assert main(["new", str(tmp_path / "leaflet"), "--quiet"]) == 0
    pdfs = build_pdfs(tmp_path / "leaflet" / "content.yaml", (edition,))[0]
    report = page.validate_pdf_bytes(pdfs[edition], profile=page.ValidationProfile.PDF_UA_1)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


def test_resolving_every_corpus_leaflet_finds_each_language_and_fold() -> None:
    """Each leaflet resolves to the fold and paper it says, with a hyphenation dictionary where
    pyphen has one."""
    for leaflet in corpus.LEAFLETS:
        document, _ = resolve(load(leaflet.path)[0])
        assert document.fold.kind == leaflet.fold
        assert document.language == leaflet.language


@pytest.mark.parametrize("name", [leaflet.name for leaflet in corpus.WITH_SAMPLE])
def test_check_and_build_agree(name: str, tmp_path: Path) -> None:
    """`check` finds no error in a leaflet that builds; `check --strict` and `build --strict`
    (every edition) fail together, on the same codes, or pass together."""
    from brochure.cli.main import main
    from brochure.proof.check import check

    path = corpus.BY_NAME[name].path
    editions = list(corpus.ALL_EDITIONS)
    found = check(path, editions).diagnostics
    assert not [d for d in found if d.is_error]
    refused = sorted({d.code for d in found if d.severity is Severity.WARNING})  # errors with --strict
    err = io.StringIO()
    code = main(["build", str(path), "--strict", "--out", str(tmp_path), "-e", ",".join(editions)], err=err)
    assert code == (1 if refused else 0), err.getvalue()
    assert sorted(set(re.findall(r"error\[(\w+)\]", err.getvalue()))) == refused


def test_the_hyphenation_checker_finds_each_rule_broken() -> None:
    """A hyphen ending a panel, three in a row and `si- tes` are found; the author's `Bauch- oder`
    and two hyphens in a row are not."""
    panel = [
        Line(0, "inside-left", "Een regel die eindigt op een af\u00ad"),
        Line(0, "inside-left", "gebroken woord en nog een ge\u00ad"),
        Line(0, "inside-left", "broken woord; dan pornografische si- tes."),
        Line(0, "inside-left", "Bauch- oder Kopfschmerzen, en ver\u00ad"),
    ]
    found = broken_rules([panel, panel[:2]], "Bauch- oder Kopfschmerzen")
    assert found == [
        "inside-left: hyphen at the last line: 'Bauch- oder Kopfschmerzen, en ver\\xad'",
        "inside-left: hyphen and space inside a line: 'si- tes'",
        "inside-left: hyphen at the last line: 'gebroken woord en nog een ge\\xad'",
    ]
    three = [Line(0, "flap", f"regel {n} af\u00ad") for n in range(3)] + [Line(0, "flap", "einde.")]
    assert broken_rules([three], "") == [
        "flap: 3 hyphens in a row: regel 0 af\xad / regel 1 af\xad / regel 2 af\xad"
    ]
