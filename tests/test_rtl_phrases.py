"""Right-to-left phrases in left-to-right leaflets: Arabic and Hebrew words in a Dutch paragraph
shaped with HarfBuzz in the shipped face, ordered by the bidi algorithm with a left-to-right
paragraph direction, read back in display order, each glyph mapped to its letters."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from bidi import get_display

from brochure.layout.model import Layout, TextLine
from tests.corpus.rtl import line_readings
from tests.leaflets import sheet_and_phone

DUTCH = """\
meta:
  title: Welkom op school
  language: nl
panels:
  cover:
    - illustration: phone
  flap:
    - text: >-
        Op de eerste schooldag zeggen we [أهلاً وسهلاً بكم]{lang=ar} (welkom) tegen alle ouders.
        Op het bord staat: مرحبا بالجميع في مدرستنا في الساعة 8:30 صباحاً en daarna drinken we
        samen koffie in de aula.
  inside:
    - heading: Wat is er te doen?
    - text: Kinderen leren elkaar kennen in de klas en op het schoolplein.
  back:
    - text: Tot ziens.
"""


@pytest.fixture(scope="module")
def dutch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Layout, Layout, bytes, bytes]:
    return sheet_and_phone(DUTCH, tmp_path_factory.mktemp("nl"))


def _lines(layout: Layout) -> list[TextLine]:
    return [
        line
        for page in layout.pages
        for panel in page.panels
        for item in panel.items
        for line in item.lines()
    ]


def test_the_arabic_words_are_set_in_the_arabic_face_and_the_rest_stays_unshaped(
    dutch: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """Resolve adds Noto Naskh Arabic as the family of the leaflet's right-to-left phrases (no
    A010); the paragraph with them is shaped, every other paragraph is set as before (plain
    advances, no HarfBuzz glyphs), and the leaflet stays left to right (no Latin fallback)."""
    sheet = dutch[0]
    fonts = sheet.document.fonts
    assert fonts.fallback is None and fonts.phrases is not None
    assert fonts.phrases.regular.startswith("NotoNaskhArabic-Regular-")
    lines = _lines(sheet)
    shaped = [line for line in lines if line.runs and line.runs[0].shaped]
    plain = [line for line in lines if line.runs and not line.runs[0].shaped]
    assert shaped and all("Kinderen" not in line.text for line in shaped)
    assert any("Kinderen" in line.text for line in plain)
    arabic = [run for line in shaped for run in line.runs if "بكم" in run.text or "صباحاً" in run.text]
    assert arabic and all(run.font == fonts.phrases.regular for run in arabic)


def test_every_line_stands_in_the_display_order_of_a_left_to_right_paragraph(
    dutch: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """The glyphs of each line read back with PDFium, left to right, are python-bidi's display
    order with a left-to-right base: the Arabic words right to left inside the Dutch sentence,
    the time left to right between them, in the sheet and on the phone."""
    sheet, phone, printed, screen = dutch
    for layout, data in ((sheet, printed), (phone, screen)):
        readings = line_readings(data, layout, base="L")
        assert [str(r) for r in readings if r.shown != r.expected] == []
        mixed = [r for r in readings if any("\u0600" <= c <= "\u06ff" for c in r.expected)]
        assert len(mixed) >= 2
        assert any(r.shown.startswith("Op") and r.shown.index("مكب") < r.shown.index("الهأ") for r in mixed)


def test_the_phrase_keeps_its_lang_and_its_glyphs_map_to_the_letters(
    dutch: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """The `{lang=ar}` phrase is marked content with /Lang (ar); every glyph of the Arabic face
    maps to the Arabic letters typed (no presentation forms, no private-use codes)."""
    screen = dutch[3]
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        streams = b"".join(page.Contents.read_bytes() for page in pdf.pages)
        assert b"/Span <</Lang (ar)>> BDC" in streams
        targets = []
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                if b"NotoNaskh" not in bytes(str(font.BaseFont), "ascii"):
                    continue
                cmap = bytes(font.ToUnicode.read_bytes())
                entries = b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S))
                targets += [
                    bytes.fromhex(h.decode()).decode("utf-16-be")
                    for h in re.findall(rb"<[0-9A-F]+>\s*<([0-9A-F]+)>", entries)
                ]
    assert {"ه", "ل", "ب", "ك", "م"} <= set("".join(targets))
    assert [t for t in targets for c in t if 0xFB50 <= ord(c) <= 0xFEFF or 0xE000 <= ord(c) <= 0xF8FF] == []


def test_a_hebrew_phrase_in_an_english_leaflet_is_set_in_noto_sans_hebrew(tmp_path: Path) -> None:
    """Hebrew words in an English leaflet: the Hebrew face sets them, the line reads in display
    order, no error."""
    text = DUTCH.replace("language: nl", "language: en").replace("أهلاً وسهلاً بكم", "שלום לכולם")
    text = text.replace("مرحبا بالجميع في مدرستنا في الساعة 8:30 صباحاً", "ברוכים הבאים")
    sheet, _, printed, _ = sheet_and_phone(text, tmp_path)
    assert sheet.document.fonts.phrases is not None
    assert sheet.document.fonts.phrases.regular.startswith("NotoSansHebrew-Regular-")
    readings = line_readings(printed, sheet, base="L")
    assert [str(r) for r in readings if r.shown != r.expected] == []
    assert any("םלוכלםולש" in r.shown for r in readings)


def test_arabic_words_are_shaped_whatever_face_sets_them() -> None:
    """A paragraph with Arabic letters is shaped and bidi-ordered also when the leaflet's own
    face has them (no phrases face): joined forms, the Arabic word right to left in the line;
    a paragraph without is measured plainly."""
    from brochure.layout.breaking import break_lines
    from brochure.layout.rtl import rtl_line
    from brochure.layout.setting import Chunk, Face
    from brochure.layout.shaping import shape
    from brochure.layout.styles import TextStyle
    from brochure.layout.text import set_chunks
    from brochure.resolve.fonts import register_family, script_font_files
    from brochure.resolve.theme import Colour

    family = register_family(script_font_files("Arabic"))  # type: ignore[arg-type]
    black = Colour.from_hex("#000000")
    style = TextStyle("body", family, 10.0, 13.0, black, black)
    face = Face(family.regular, 10.0, black)
    shaped = set_chunks([Chunk("1 مرحبا 2", face)], style)
    assert shaped.base == 0
    assert set_chunks([Chunk("1 2 3", face)], style).base is None

    (line,) = break_lines(shaped, 500.0)
    painted = rtl_line(shaped, line, 10.0, 100.0, "body")
    glyphs = [g for run in painted.runs for g in run.shaped]
    shown = [g.text for g in glyphs if g.text.strip()]
    assert painted.runs[0].x == 10.0 and shown == list(
        get_display("1 مرحبا 2", base_dir="L").replace(" ", "")
    )
    assert shown == ["1", "2", *"ابحرم"]  # the 2 after Arabic letters is an Arabic number (rule W2)
    alone = {c: shape(family.regular, c, rtl=True)[0].gid for c in "مرحبا"}
    assert sum(g.gid != alone[g.text] for g in glyphs if g.text in alone) >= 3  # joined forms
