"""Right-to-left leaflets: the bidi algorithm against python-bidi, shaping, the glyphs' text layer,
the mirrored fold, labels and bars on the right, and an order check that can fail."""

from __future__ import annotations

import io
import random
import re
from dataclasses import replace
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from bidi import get_display
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfdoc import PDFError

import brochure
from brochure.diagnostics import BuildError
from brochure.layout.bidi import NUMBER, levels, visual_runs
from brochure.layout.model import Layout, Rule
from brochure.layout.rtl import _same_style, context, prepare_rtl, with_fallback
from brochure.layout.setting import Chunk, Face, prepare
from brochure.layout.shaping import shape
from brochure.load.content import load_text
from brochure.resolve.document import resolve
from brochure.resolve.fontfaces import SubsetCachingTTFont, to_unicode_cmap
from brochure.resolve.fonts import register_family, script_font_files
from brochure.resolve.hyphenation import ADDRESS, Hyphenator
from brochure.resolve.theme import Colour
from brochure.units import mm
from tests.corpus.rtl import display_order, line_readings, out_of_order
from tests.leaflets import sheet_and_phone

ARABIC = """\
meta:
  title: التنمر الإلكتروني
  language: ar
panels:
  cover:
    - illustration: phone
  flap:
    - text: اتصل بالرقم 020-1234567 من 14:00 إلى 16:00 في مدرسة "De Regenboog" (basisschool).
  inside:
    - heading: ماذا يمكنك أن تفعل؟
    - list:
        - احتفظ بالرسائل كدليل.
        - احظر المرسل.
    - callout:
        title: هل تحتاج إلى مساعدة؟
        text: اكتب إلى zorg@regenboog.nl أو زر https://www.kindertelefoon.nl/ اليوم.
  back:
    - text: أنت لست وحدك.
"""


def display(text: str, base: int = 1) -> str:
    """The engine's display order of a one-line paragraph (no mirroring, as python-bidi)."""
    out = []
    for start, end, level in visual_runs(text, 0, len(text), base):
        out.append(text[start:end][::-1] if level % 2 else text[start:end])
    return "".join(out)


def test_the_bidi_levels_agree_with_python_bidi_on_random_mixed_text() -> None:
    """Thousands of short strings of Arabic and Latin letters, digits, brackets, separators,
    marks and isolates, in both base directions, reorder exactly as python-bidi's implementation
    of UAX #9 reorders them (texts the engine isolates as numbers or addresses are left out)."""
    alphabet = [*list('ابتabc 12(-).:%$!"[],/+'), "َ", "ـ", "٣", "\u2067", "\u2066", "\u2068", "\u2069"]
    chance = random.Random(14)
    compared = 0
    for _ in range(4000):
        text = "".join(chance.choice(alphabet) for _ in range(chance.randint(1, 14))).strip()
        if not text or NUMBER.search(text) or ADDRESS.search(text):
            continue
        for base in (0, 1):
            expected = get_display(text, base_dir="R" if base else "L")
            strip = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
            assert display(text, base).translate(strip) == expected.translate(strip), (text, base)
            compared += 1
    assert compared > 5000


def test_phone_numbers_stay_left_to_right_and_brackets_pair_up() -> None:
    """ "020-1234567" reads left to right inside Arabic (the plain algorithm would show
    1234567-020); both brackets of a pair take one direction (rule N0); a time range reads from
    the right."""
    assert display("اتصل 020-1234567 الآن") == "نآلا 020-1234567 لصتا"
    assert get_display("اتصل 020-1234567 الآن", base_dir="R") == "نآلا 1234567-020 لصتا"
    # Between Arabic words the pair takes the paragraph's direction: its run draws the mirrored
    # glyphs, so the brackets are seen the right way round.
    assert display("مدرسة (basisschool) هنا") == "انه )basisschool( ةسردم"
    assert display("من 14:00 إلى 16:00") == "16:00 ىلإ 14:00 نم"
    assert levels("a (b) ج", 1) == (2, 2, 2, 2, 2, 1, 1)


def test_shaping_gives_joined_forms_in_visual_order_with_logical_texts() -> None:
    """Each letter inside a word takes another glyph than alone (its joined form); the glyphs
    of a right-to-left run come back right to left, each with the letter it stands for; no
    glyph is the missing glyph; a bracket shaped right to left is the mirrored one."""
    family = register_family(script_font_files("Arabic"))  # type: ignore[arg-type]
    word = shape(family.regular, "بيت", rtl=True)
    alone = [shape(family.regular, c, rtl=True)[0].gid for c in "بيت"]
    assert [g.text for g in word] == ["ت", "ي", "ب"]
    assert all(a != b for a, b in zip([g.gid for g in word][::-1], alone, strict=True))
    assert 0 not in [g.gid for g in shape(family.regular, "لا إلى الإلكتروني", rtl=True)]
    latin = register_family(script_font_files("Cyrillic"))  # type: ignore[arg-type]
    (opening,) = shape(latin.regular, "(", rtl=True)
    (closing,) = shape(latin.regular, ")", rtl=False)
    assert opening.gid == closing.gid and opening.text == "("


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Layout, Layout, bytes, bytes]:
    folder = tmp_path_factory.mktemp("ar")
    return sheet_and_phone(ARABIC, folder)


def test_the_fold_is_mirrored_and_labels_and_bars_sit_on_the_right(
    arabic: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """The cover is the left panel of the outside, the flap (the narrow tuck-in) the right one;
    inside, inside-left is on the right; a list's bullets stand right of their text and a
    callout's accent bar on its right edge; every line ends at its column's right edge."""
    sheet = arabic[0]
    outside = [(p.slot, round(p.geometry.width / mm(1))) for p in sheet.pages[0].panels]
    inside = [p.slot for p in sheet.pages[1].panels]
    assert sorted(outside, key=lambda s: sheet.panel(s[0]).geometry.x) == [
        ("cover", 100),
        ("back", 100),
        ("flap", 97),
    ]
    assert sorted(inside, key=lambda s: sheet.panel(s).geometry.x) == [
        "inside-right",
        "inside-middle",
        "inside-left",
    ]
    items = [item for panel in sheet.pages[1].panels for item in panel.items]
    for item in (i for i in items if i.role == "LI"):
        label, body = item.parts
        assert label.lines[0].box.x > max(line.box.right for line in body.lines) - 0.5
    callout = next(i for i in items if i.role == "P" and any(isinstance(p, Rule) for p in i.parts[0].paints))
    bar = min((p for p in callout.parts[0].paints if isinstance(p, Rule)), key=lambda r: r.box.width)
    assert bar.box.right == pytest.approx(callout.box.right) and bar.box.width < 5
    for item in items:
        for part in item.parts:
            if part.role in ("P", "H2"):
                for line in part.lines:
                    assert line.box.right == pytest.approx(part.box.right, abs=0.6)


def test_every_line_stands_in_display_order_in_both_editions(
    arabic: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """Glyph origins read back from the PDF, grouped into lines and sorted by x, show each
    line's text in python-bidi's display order: on the sheet and on the phone pages."""
    sheet, phone, printed, screen = arabic
    for layout, data in ((sheet, printed), (phone, screen)):
        readings = line_readings(data, layout)
        assert len(readings) >= 8 and all(r.shown for r in readings)
        assert out_of_order(data, layout) == []


def test_the_order_check_finds_lines_drawn_in_typing_order(
    arabic: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """The check is not blind: the same layout with each line's runs put in logical order from
    the left (as a left-to-right engine would draw them) fails it line by line."""
    phone = arabic[1]

    def typed(layout: Layout) -> Layout:
        pages = []
        for page in layout.pages:
            panels = []
            for panel in page.panels:
                items = []
                for item in panel.items:
                    parts = []
                    for part in item.parts:
                        paints = []
                        for paint in part.paints:
                            runs = getattr(paint, "runs", None)
                            if runs and len(runs) > 1:
                                ordered = sorted(runs, key=lambda run: run.start)
                                x, moved = runs[0].x, []
                                for run in ordered:
                                    moved.append(replace(run, x=x))
                                    x += run.width
                                paint = replace(paint, runs=tuple(moved))
                            paints.append(paint)
                        parts.append(replace(part, paints=tuple(paints)))
                    items.append(replace(item, parts=tuple(parts)))
                panels.append(replace(panel, items=tuple(items)))
            pages.append(replace(page, panels=tuple(panels)))
        return replace(layout, pages=tuple(pages))

    wrong = typed(phone)
    assert len(out_of_order(brochure.render(wrong, "phone"), wrong)) >= 2


def test_the_text_layer_maps_glyphs_to_logical_text(arabic: tuple[Layout, Layout, bytes, bytes]) -> None:
    """No ToUnicode entry is a presentation form or a private-use code: contextual forms,
    ligatures and mirrored brackets map to the letters typed. PDFium, which applies the bidi
    algorithm to what it reads, gives each Arabic-only line as it was written."""
    screen = arabic[3]
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        targets = []
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                cmap = bytes(font.ToUnicode.read_bytes())
                entries = b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S))
                for hexed in re.findall(rb"<[0-9A-F]+>\s*<([0-9A-F]+)>", entries):
                    targets.append(bytes.fromhex(hexed.decode()).decode("utf-16-be"))
    assert {"ل", "ا", "(", ")"} <= set(targets)
    forms = [t for t in targets for c in t if 0xFB50 <= ord(c) <= 0xFEFF or 0xE000 <= ord(c) <= 0xF8FF]
    assert forms == []
    document = pdfium.PdfDocument(screen)
    text = "\n".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    document.close()
    for written in ("التنمر الإلكتروني", "ماذا يمكنك أن تفعل؟", "احظر المرسل.", "أنت لست وحدك."):
        assert written in text


def test_the_cmap_writer_maps_a_glyph_key_to_its_text() -> None:
    """A subset entry (glyph, text) is written as the UTF-16 of its text; a plain code as itself."""
    cmap = to_unicode_cmap("AAAAAA+Face", [0, 32, (812, "لا"), (20, "(")])
    assert "<02> <06440627>" in cmap and "<01> <0020>" in cmap and "<03> <0028>" in cmap


def test_no_reportlab_function_is_replaced_for_the_process(
    arabic: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """After Arabic builds, ReportLab's own CMap writer, string splitter and object writer are
    still its own: the shaped glyphs' codes live in our subclass and the document's state."""
    assert ttfonts.makeToUnicodeCMap.__module__ == "reportlab.pdfbase.ttfonts"
    assert ttfonts.TTFont.splitString.__qualname__ == "TTFont.splitString"
    assert ttfonts.TTFont.addObjects.__qualname__ == "TTFont.addObjects"
    assert SubsetCachingTTFont.addObjects is not ttfonts.TTFont.addObjects


def test_a_right_to_left_script_without_a_typeface_is_one_a011_at_its_language(tmp_path: Path) -> None:
    """Dhivehi (Thaana) has no shipped typeface: one A011 at `language:`, not an error per letter."""
    text = ARABIC.replace("language: ar", "language: dv")
    content, _ = load_text(text, tmp_path / "content.yaml")
    with pytest.raises(BuildError) as raised:
        resolve(content)
    codes = [(d.code, d.location.line) for d in raised.value.diagnostics if d.is_error]
    assert codes == [("A011", 3)]


def test_display_order_of_the_test_reading_uses_the_paragraphs_context() -> None:
    """A Latin line inside an Arabic paragraph reads left to right only between Latin context:
    the reading's expectation takes the strong characters around the line into account."""
    assert display_order("Kindertelefoon:", after="www") == "Kindertelefoon:"
    assert display_order("Kindertelefoon:", after="شكرا") == ":Kindertelefoon"


def test_deep_brackets_and_first_strong_isolates_agree_with_python_bidi() -> None:
    """More than 63 open brackets (the algorithm stops pairing), and first-strong isolates
    (FSI) that turn out left to right or right to left, reorder as python-bidi reorders them."""
    for text in (
        "(" * 70 + "a) ب",
        "ا \u2068abc\u2069 ب",
        "a \u2068ابت\u2069 c",
        "ب \u2068\u2069 ت",
        "\u2068ج",
    ):
        for base in (0, 1):
            strip = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
            expected = get_display(text, base_dir="R" if base else "L").translate(strip)
            assert display(text, base).translate(strip) == expected, (text, base)


def test_the_fallback_face_takes_only_what_the_face_lacks() -> None:
    """In Noto Naskh Arabic text a Latin word and brackets go to the fallback face of the same
    style (a space stays with the face before it); a family without a fallback leaves its chunks
    as they are."""
    arabic = register_family(script_font_files("Arabic"))  # type: ignore[arg-type]
    latin = register_family(script_font_files("Cyrillic"))  # type: ignore[arg-type]
    family = replace(arabic, fallback=latin)
    face = Face(family.bold, 10.0, Colour(0, 0, 0))
    pieces = list(with_fallback([Chunk("قال (Anna) نعم", face)], family))
    assert [(p.text, p.face.font) for p in pieces] == [
        ("قال ", family.bold),
        ("(Anna) ", latin.bold),
        ("نعم", family.bold),
    ]
    assert list(with_fallback([Chunk("abc", face)], arabic)) == [Chunk("abc", face)]
    stranger = Face("Unknown-Face", 10.0, Colour(0, 0, 0))
    assert _same_style(stranger.font, family, latin) == latin.regular


def test_a_phrase_in_another_language_keeps_its_lang_in_a_right_to_left_line(tmp_path: Path) -> None:
    """`[texting]{lang=en}` inside Arabic text is drawn inside marked content with /Lang (en)."""
    text = ARABIC.replace("- text: أنت لست وحدك.", "- text: أنت لست وحدك في [texting]{lang=en}.")
    content, _ = load_text(text, tmp_path / "content.yaml")
    document, _ = resolve(content)
    phone, _ = brochure.layout(document, "phone")
    with pikepdf.open(io.BytesIO(brochure.render(phone, "phone"))) as pdf:
        streams = b"".join(page.Contents.read_bytes() for page in pdf.pages)
    assert b"/Span <</Lang (en)>> BDC" in streams


def test_glyph_codes_fill_further_subsets_and_map_each_glyph_to_its_text() -> None:
    """Six hundred shaped glyphs get codes in three subsets of 256 (code 0 the missing glyph,
    code 32 a space in each); one glyph with two texts gets two codes; the same key the same
    code; every subset's ToUnicode maps each code to its text; a frozen state takes no glyph."""
    from reportlab.pdfgen.canvas import Canvas

    family = register_family(script_font_files("Arabic"))  # type: ignore[arg-type]
    font = pdfmetrics.getFont(family.regular)
    assert isinstance(font, SubsetCachingTTFont)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    doc = canvas._doc
    keys = [(gid, f"g{gid}") for gid in range(1, 601)] + [(5, "other")]
    pieces = font.glyph_codes(keys, doc)
    codes = [(subset, code) for subset, chunk in pieces for code in chunk]
    assert len(codes) == len(set(codes)) == len(keys)
    assert {subset for subset, _ in codes} == {0, 1, 2}
    assert all(code not in (0, 32) for subset, code in codes if subset)
    again = font.glyph_codes(keys[:3], doc)
    assert [(s, c) for s, chunk in again for c in chunk] == codes[:3]
    for subset in range(3):
        font.getSubsetInternalName(subset, doc)
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        fonts = pdf.Root.Pages.Kids[0].Resources.Font.values()
        maps = [bytes(f.ToUnicode.read_bytes()) for f in fonts if "/ToUnicode" in f]
    assert len(maps) == 3
    joined = b"".join(maps)
    for gid in (1, 300, 600):
        assert f"g{gid}".encode("utf-16-be").hex().upper().encode() in joined
    assert "other".encode("utf-16-be").hex().upper().encode() in joined
    state = font.state.setdefault(doc, type(font).State(0, font))
    state.frozen = 1
    with pytest.raises(PDFError):
        font.glyph_codes([(7, "new")], doc)


def test_no_line_of_right_to_left_text_ends_in_an_added_hyphen() -> None:
    """Even with a dictionary that would hyphenate the Latin word, a right-to-left paragraph
    breaks only at spaces (and after hyphens typed)."""
    arabic = register_family(script_font_files("Arabic"))  # type: ignore[arg-type]
    family = replace(arabic, fallback=register_family(script_font_files("Cyrillic")))  # type: ignore[arg-type]
    face = Face(family.regular, 10.0, Colour(0, 0, 0))
    chunks = [Chunk("اتصل بخط Kindertelefoon اليوم", face)]
    assert {b.kind for b in prepare(chunks, Hyphenator("nl")).breaks} >= {"hyphen"}
    assert {b.kind for b in prepare_rtl(chunks, Hyphenator("nl"), family).breaks} == {"space", "final"}


def test_separators_boundary_neutrals_and_empty_lines() -> None:
    """A tab (a segment separator) and the white space before it take the paragraph's level
    (rule L1); a zero-width space takes its neighbour's level; an empty stretch has no runs."""
    assert display("ab\tجد", 1) == get_display("ab\tجد", base_dir="R")
    assert levels("ا\u200bب", 1) == (1, 1, 1)
    assert visual_runs("abc", 2, 2, 1) == []


def test_a_second_right_to_left_script_in_a_left_to_right_leaflet_is_one_a010(tmp_path: Path) -> None:
    """A Dutch leaflet with Arabic words and then Hebrew ones: the Arabic words are set (the
    first right-to-left script met), the Hebrew letters are one A010 for the script whose hint
    says a left-to-right leaflet sets one such script."""
    text = ARABIC.replace("language: ar", "language: nl").replace("أنت لست وحدك.", "שלום עולם טוב")
    content, _ = load_text(text, tmp_path / "content.yaml")
    with pytest.raises(BuildError) as raised:
        resolve(content)
    (problem,) = [d for d in raised.value.diagnostics if d.is_error]
    assert problem.code == "A010" and "Hebrew letters" in problem.message
    assert "sets the words of one right-to-left script" in (problem.hint or "")


def test_the_print_shop_is_told_the_mirrored_order_and_how_to_fold_it(
    arabic: tuple[Layout, Layout, bytes, bytes],
) -> None:
    """The job sheet gives the mirrored panel order and folds the narrow left-hand panel of the
    inside first; the slug line (set left to right in the Latin face) leaves the title out."""
    from brochure.editions import EDITIONS
    from brochure.render.jobsheet import job_entries
    from brochure.render.marks import slug_line

    sheet = arabic[0]
    entries = {e.label: e.text for e in job_entries(sheet.document, EDITIONS["press"], file_name="x.pdf")}
    assert "(cover | back | flap)" in entries["Page order"]
    assert "(inside right | inside middle | inside left)" in entries["Page order"]
    assert entries["How to fold"].startswith(
        "Fold both outer panels of the inside over the middle one: first the left"
    )
    slug = slug_line(sheet, sheet.pages[0], EDITIONS["press"])
    assert "side 1 of 2" in slug and not any("\u0600" <= c <= "\u06ff" for c in slug)


def test_a_word_cut_at_a_change_of_face_keeps_its_joined_forms() -> None:
    """`كلم` in one face and `ات` in another (a bold ending) are shaped with each other as
    context: the glyphs are those of the whole word, not of two words."""
    family = register_family(script_font_files("Arabic"))  # type: ignore[arg-type]
    whole = [g.gid for g in shape(family.regular, "كلمات", rtl=True)]
    head = shape(family.regular, "كلم", rtl=True, **context("كلمات", 0, 3))
    tail = shape(family.bold, "ات", rtl=True, **context("كلمات", 3, 5))
    assert [g.gid for g in tail] + [g.gid for g in head] == whole
    assert [g.gid for g in head] != [g.gid for g in shape(family.regular, "كلم", rtl=True)]
    assert context("ab cd", 3, 5) == {"before": "", "after": ""}
