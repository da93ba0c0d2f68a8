"""Hebrew leaflets: the shipped face and its Latin fallback, points placed by HarfBuzz, lines in the
bidi algorithm's display order, a text layer in logical order, no hyphens, the tool's own words."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from brochure.layout.model import Layout
from brochure.layout.shaping import JOINER, shape
from brochure.messages import words
from brochure.resolve.fonts import coverage, register_family, script_font_files
from brochure.resolve.typography import typographic
from tests.corpus.rtl import out_of_order
from tests.leaflets import sheet_and_phone

HEBREW = """\
meta:
  title: זמן מסך במשפחה
  language: he
  date: 2026-11-02
  version: "1.0"
fold: half
panels:
  cover:
    - illustration: phone
  inside:
    - heading: מה אפשר לעשות?
    - text: >-
        התקשרו ליועצת בטלפון 020-7654321 בין השעות 9:00 ל־12:00 בבית הספר "De Linde"
        (basisschool), או כתבו אל zorg@delinde.nl. שָׁלוֹם לכולם.
    - list:
        - קבעו יחד כללים ברורים.
        - אין מסכים בחדר השינה.
  back:
    - text: אתם לא לבד.
"""


@pytest.fixture(scope="module")
def hebrew(tmp_path_factory: pytest.TempPathFactory) -> tuple[Layout, Layout, bytes, bytes]:
    folder = tmp_path_factory.mktemp("he")
    return sheet_and_phone(HEBREW, folder)


def test_a_hebrew_leaflet_is_set_in_noto_sans_hebrew_with_the_latin_fallback(
    hebrew: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """Resolve picks the shipped Hebrew faces, with Noto Sans for the Latin words, digits and
    punctuation the Hebrew face lacks; the half fold is mirrored (the cover on the left of the
    outside), and the Hebrew and Latin runs of one line are in their own faces."""
    sheet = hebrew[0]
    fonts = sheet.document.fonts
    assert fonts.regular.startswith("NotoSansHebrew-Regular-") and fonts.bold.startswith(
        "NotoSansHebrew-Bold-"
    )
    assert fonts.fallback is not None and fonts.fallback.regular.startswith("NotoSans-Regular-")
    assert ord("ש") in coverage(fonts.regular) and ord("7") not in coverage(fonts.regular)
    outside = [panel.slot for panel in sheet.document.fold.panels if panel.side == 1]
    assert outside == ["cover", "back"]
    runs = [
        run
        for page in sheet.pages
        for panel in page.panels
        for item in panel.items
        for line in item.lines()
        for run in line.runs
    ]
    faces = {run.text.strip(): run.font for run in runs}
    assert (
        faces["020-7654321"] == fonts.fallback.regular and faces["zorg@delinde.nl"] == fonts.fallback.regular
    )
    assert faces["התקשרו ליועצת בטלפון"].startswith("NotoSansHebrew")


def test_points_are_marks_placed_by_harfbuzz_each_with_its_own_text() -> None:
    """Niqqud: each point is a mark glyph without advance, moved onto its letter by the font's
    mark positioning, mapped to the point typed (or a joiner for a composed glyph's second part);
    the word comes back right to left as drawn."""
    family = register_family(script_font_files("Hebrew"))  # type: ignore[arg-type]
    glyphs = shape(family.regular, "שָׁלוֹם", rtl=True)
    assert glyphs[0].text == "ם" and glyphs[-1].text == "ש"
    marks = [g for g in glyphs if g.advance == 0.0]
    assert marks and all(g.dx != 0.0 for g in marks)
    assert "".join(g.text for g in marks if g.text != JOINER) in ("ָׁ" + "ֹ", "ֹ" + "ָׁ")
    assert [g.text for g in shape(family.regular, "שלום", rtl=False)] == list("שלום")


def test_every_line_stands_in_display_order_in_both_editions(
    hebrew: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """The order check (glyph origins read back with PDFium against python-bidi) on every line
    of the sheet and of the phone pages: Hebrew, a phone number, times, a quoted Latin name,
    brackets and an address."""
    sheet, phone, printed, screen = hebrew
    assert out_of_order(printed, sheet) == []
    assert out_of_order(screen, phone) == []


def test_the_text_layer_is_hebrew_as_typed(hebrew: tuple[Layout, Layout, bytes, bytes]) -> None:
    """ToUnicode maps every glyph to the letters typed (no presentation forms, no private-use
    codes), the points included; PDFium gives each Hebrew-only line as it was written."""
    screen = hebrew[3]
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        targets = []
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                cmap = bytes(font.ToUnicode.read_bytes())
                entries = b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S))
                for hexed in re.findall(rb"<[0-9A-F]+>\s*<([0-9A-F]+)>", entries):
                    targets.append(bytes.fromhex(hexed.decode()).decode("utf-16-be"))
    assert {"ש", "ם", "ֹ", "(", ")"} <= set("".join(targets))
    forms = [t for t in targets for c in t if 0xFB1D <= ord(c) <= 0xFB4F or 0xE000 <= ord(c) <= 0xF8FF]
    assert forms == []
    document = pdfium.PdfDocument(screen)
    text = "\n".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    document.close()
    for written in ("מה אפשר לעשות?", "קבעו יחד כללים ברורים.", "אתם לא לבד."):
        assert written in text


def test_no_hebrew_line_ends_in_an_added_hyphen(hebrew: tuple[Layout, Layout, bytes, bytes]) -> None:
    """Hebrew is not hyphenated: every line of the narrow phone column ends at a space."""
    phone = hebrew[1]
    lines = [
        line for page in phone.pages for panel in page.panels for item in panel.items for line in item.lines()
    ]
    assert len(lines) > 8 and not any(line.hyphenated for line in lines)


def test_the_tools_own_words_and_quotes_in_hebrew() -> None:
    """The colophon's version, Babel's Hebrew date, the sources title; straight quotes become
    the Hebrew closing-quote shape at both ends, the maqaf kept."""
    made = words("he", version="1.0", date=datetime.date(2026, 11, 2))
    assert (made.version, made.date, made.sources, made.direction) == (
        "גרסה 1.0",
        "2 בנובמבר 2026",
        "מקורות",
        "rtl",
    )
    assert typographic('בית הספר "De Linde" ל־12:00', "he") == "בית הספר ”De Linde” ל־12:00"


def test_a_hebrew_project_builds_every_edition_without_warnings(tmp_path: Path) -> None:
    """`brochure build` of a Hebrew leaflet exits 0 with every edition written."""
    from brochure.cli.main import main

    (tmp_path / "content.yaml").write_text(HEBREW, encoding="utf-8")
    assert main(["build", str(tmp_path / "content.yaml"), "-q", "--strict", "-e", "print,press,phone"]) == 0
    assert len(list((tmp_path / "out").glob("*-he-*.pdf"))) >= 3
