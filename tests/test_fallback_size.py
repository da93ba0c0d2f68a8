"""Latin words in right-to-left text at a matching size: the Latin fallback face scaled so that its
x-height is the Arabic face's body height, both read from the fonts (OS/2, or the outline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

import brochure
from brochure.layout.model import Glyphs, Layout
from brochure.load.content import load_text
from brochure.resolve.document import resolve
from brochure.resolve.fonts import (
    SHIPPED,
    fallback_scale,
    register_family,
    script_font_files,
    text_size,
    x_height,
)
from tests.corpus.reading import characters
from tests.test_hebrew import HEBREW
from tests.test_rtl import ARABIC
from tests.test_rtl_phrases import DUTCH


def _file_heights(name: str) -> tuple[int, int]:
    """(OS/2 sxHeight, top of the outline of x or else Arabic heh) read from the shipped file."""
    font = TTFont(SHIPPED / name)
    cmap = font.getBestCmap()
    letter = cmap.get(ord("x")) or cmap[0x647]
    return font["OS/2"].sxHeight, font["glyf"][letter].yMax


def test_x_heights_come_from_os2_or_from_the_body_letter_where_os2_has_none() -> None:
    """Noto Sans and Noto Sans Hebrew state their x-height in OS/2 (536); Noto Naskh Arabic
    states none (0), so the top of heh's outline stands for it; the Latin fallback in Arabic
    text is scaled by their ratio (about 0.76), in Hebrew text not at all."""
    assert _file_heights("NotoSans-Regular.ttf")[0] == 536
    naskh_os2, heh = _file_heights("NotoNaskhArabic-Regular.ttf")
    assert naskh_os2 == 0 and heh > 0
    arabic = register_family(script_font_files("Arabic"))  # type: ignore[arg-type]
    latin = register_family(script_font_files("Cyrillic"))  # type: ignore[arg-type]
    hebrew = register_family(script_font_files("Hebrew"))  # type: ignore[arg-type]
    assert x_height(latin.regular) == 536.0 and x_height(arabic.regular) == float(heh)
    assert fallback_scale(arabic.regular, latin.regular) == pytest.approx(heh / 536)
    assert 0.6 < fallback_scale(arabic.regular, latin.regular) < 0.9
    assert fallback_scale(hebrew.regular, latin.regular) == 1.0


def _laid(text: str, folder: Path) -> tuple[Layout, bytes]:
    content, _ = load_text(text, folder / "content.yaml")
    document, _ = resolve(content)
    sheet, _ = brochure.layout(document, "sheet")
    return sheet, brochure.render(sheet, "print")


def _runs(layout: Layout) -> list[Glyphs]:
    return [
        run
        for page in layout.pages
        for panel in page.panels
        for item in panel.items
        for line in item.lines()
        for run in line.runs
    ]


def _ink_heights(data: bytes, char: str) -> list[float]:
    """How far above its baseline each glyph `char` reaches on the page, as PDFium reads it."""
    return [found.box[3] - found.y for found in characters(data) if found.text == char]


def test_a_latin_address_in_arabic_text_has_the_arabic_body_height(tmp_path: Path) -> None:
    """In the Arabic callout, `zorg@regenboog.nl` is set smaller than the Arabic text around it:
    the flat top of its z stands at the height of heh's body at the text's size, on the page."""
    sheet, printed = _laid(ARABIC, tmp_path)
    fonts = sheet.document.fonts
    assert fonts.fallback is not None
    (address,) = [run for run in _runs(sheet) if "zorg@regenboog.nl" in run.text]
    arabic = [run for run in _runs(sheet) if run.style == address.style and run.font == fonts.regular]
    body = arabic[0].size
    assert address.font == fonts.fallback.regular
    assert address.size == pytest.approx(body * fallback_scale(fonts.regular, fonts.fallback.regular))
    heh = _file_heights("NotoNaskhArabic-Regular.ttf")[1]
    (z,) = _ink_heights(printed, "z")
    assert z == pytest.approx(heh / 1000 * body, abs=0.15)


def test_latin_in_hebrew_and_arabic_in_latin_text_keep_their_size(tmp_path: Path) -> None:
    """Noto Sans Hebrew and Noto Sans share an x-height: Latin words in Hebrew text keep the
    text's size; an Arabic phrase in a Dutch paragraph is not rescaled either."""
    sheet, _ = _laid(HEBREW, tmp_path)
    fonts = sheet.document.fonts
    runs = _runs(sheet)
    (address,) = [run for run in runs if "zorg@delinde.nl" in run.text]
    same = [run for run in runs if run.style == address.style and run.font == fonts.regular]
    assert address.size == same[0].size
    dutch, _ = _laid(DUTCH, tmp_path / "nl")
    runs = _runs(dutch)
    (phrase,) = [run for run in runs if "بكم" in run.text]
    assert phrase.size == next(run.size for run in runs if "schooldag" in run.text)


def test_the_preflight_counts_a_matched_latin_word_at_its_texts_size(tmp_path: Path) -> None:
    """A Latin word set smaller to match the Arabic text is as legible as that text: the text
    runs the preflight measures (K101) give it the Arabic text's size, not its own."""
    from brochure.checks.printed import text_runs

    sheet, _ = _laid(ARABIC, tmp_path)
    fonts = sheet.document.fonts
    assert fonts.fallback is not None
    scale = fallback_scale(fonts.regular, fonts.fallback.regular)
    assert text_size(fonts, fonts.fallback.regular, 7.5) == pytest.approx(7.5 / scale)
    assert text_size(fonts, fonts.regular, 7.5) == 7.5
    (address,) = [run for run in _runs(sheet) if "zorg@regenboog.nl" in run.text]
    body = next(run.size for run in _runs(sheet) if run.style == address.style and run.font == fonts.regular)
    measured = [
        run.size
        for run in text_runs(sheet)
        if run.font == fonts.fallback.regular and run.style == address.style
    ]
    assert measured and all(size == pytest.approx(body) for size in measured)
