"""Font subsets: made once per font program and glyph set, keyed by the font's bytes, without
replacing anything of ReportLab's for the process."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFace, TTFontFile

from brochure.diagnostics import BuildError
from brochure.load.content import load_text
from brochure.resolve.fontfaces import SubsetCachingFace, SubsetCachingTTFont, _subset
from brochure.resolve.fonts import default_font_files
from tests.conftest import MINIMAL


def test_reportlab_keeps_its_own_make_subset() -> None:
    """TTFontFile.makeSubset is ReportLab's function: no class method is replaced for the process."""
    assert TTFontFile.makeSubset.__module__ == "reportlab.pdfbase.ttfonts"
    assert TTFontFile.makeSubset.__qualname__ == "TTFontFile.makeSubset"


def test_subsets_are_cached_by_the_fonts_bytes_not_its_path(tmp_path: Path) -> None:
    """Two faces read from copies of one file share their subsets; a changed file gets its own;
    the cached bytes are ReportLab's own subset."""
    program = Path(default_font_files()[0]).read_bytes()
    copy = tmp_path / "copy.ttf"
    copy.write_bytes(program)
    glyphs = [0, 32, 65, 66, 233]
    _subset.cache_clear()
    first = SubsetCachingTTFont("a-face", io.BytesIO(program)).face.makeSubset(glyphs)
    second = SubsetCachingTTFont("b-face", str(copy)).face.makeSubset(glyphs)
    assert first == second
    assert (_subset.cache_info().misses, _subset.cache_info().hits) == (1, 1)
    assert first == TTFontFace(io.BytesIO(program)).makeSubset(glyphs)
    bold = SubsetCachingFace(io.BytesIO(Path(default_font_files()[1]).read_bytes()))
    assert bold.digest != SubsetCachingFace(io.BytesIO(program)).digest
    assert bold.makeSubset(glyphs) != first
    assert _subset.cache_info().misses == 2


def test_an_unknown_paper_stock_is_located_with_the_choices() -> None:
    """`paper-stock: glossy` is C106 at its value, with a hint naming the stocks."""
    text = MINIMAL.replace("panels:\n", "theme:\n  paper-stock: glossy\npanels:\n")
    with pytest.raises(BuildError) as raised:
        load_text(text, Path("content.yaml"))
    (problem,) = raised.value.diagnostics
    assert (problem.code, problem.location.line, problem.location.column) == ("C106", 5, 16)
    assert "coated" in (problem.hint or "")
