"""The phone edition's fonts without hinting: the same outlines, metrics and characters as print."""

from __future__ import annotations

import io
import subprocess
import sys

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from brochure.finish.dehint import FontProgramError, without_hinting
from brochure.finish.fontprograms import dehinted
from tests.conftest import ROOT, SAMPLE

HINTING = {"cvt ", "fpgm", "prep", "hdmx", "LTSH", "VDMX"}


def programs(pdf: bytes) -> dict[str, bytes]:
    """Base font name (subset tag left out) -> its embedded TrueType program."""
    found = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for font in page.Resources.get("/Font", pikepdf.Dictionary()).values():
                descriptor = font.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor:
                    name = str(font.BaseFont).split("+")[-1]
                    found[name] = bytes(descriptor.FontFile2.read_bytes())
    return found


def outline(font: TTFont, glyph: str) -> tuple[object, ...]:
    table = font["glyf"]
    shape = table[glyph]
    if not shape.numberOfContours:
        return ()
    coordinates, ends, flags = shape.getCoordinates(table)
    return (list(coordinates), list(ends), [flag & 1 for flag in flags])


@pytest.fixture(scope="module")
def faces(sample_build) -> list[tuple[TTFont, TTFont]]:  # type: ignore[no-untyped-def]
    """(print face, phone face) pairs of the same font: print keeps the hinting, phone drops it."""
    printed, phone = programs(sample_build[0]["print"]), programs(sample_build[0]["phone"])
    assert set(printed) == set(phone) and len(phone) >= 3
    return [(TTFont(io.BytesIO(printed[name])), TTFont(io.BytesIO(phone[name]))) for name in sorted(phone)]


def test_phone_fonts_have_no_hinting_tables_and_no_glyph_instructions(faces) -> None:  # type: ignore[no-untyped-def]
    for printed, phone in faces:
        assert {"fpgm", "prep", "cvt "} <= set(printed.keys())  # the subsets ReportLab makes keep them
        assert not HINTING & set(phone.keys())
        table = phone["glyf"]
        for glyph in phone.getGlyphOrder():
            shape = table[glyph]
            shape.expand(table)
            assert not (hasattr(shape, "program") and shape.program.getBytecode()), glyph
        maxp = phone["maxp"]
        assert (
            maxp.maxSizeOfInstructions,
            maxp.maxFunctionDefs,
            maxp.maxStorage,
            maxp.maxTwilightPoints,
        ) == (
            0,
            0,
            0,
            0,
        )
        assert sorted({record.nameID for record in phone["name"].names}) == list(range(7))


def test_without_hinting_keeps_every_outline_metric_and_character(sample_build) -> None:  # type: ignore[no-untyped-def]
    """The print edition's subsets (hinted) and the same subsets dehinted: glyph for glyph the
    same points, contours and on-curve flags, the same advance widths and the same codes."""
    for program in programs(sample_build[0]["print"]).values():
        printed, slim = TTFont(io.BytesIO(program)), TTFont(io.BytesIO(without_hinting(program)))
        order = printed.getGlyphOrder()
        assert slim.getGlyphOrder() == order
        assert [outline(slim, glyph) for glyph in order] == [outline(printed, glyph) for glyph in order]
        assert slim["hmtx"].metrics == printed["hmtx"].metrics
        assert slim["cmap"].getcmap(1, 0).cmap == printed["cmap"].getcmap(1, 0).cmap
        assert (slim["head"].unitsPerEm, slim["head"].indexToLocFormat) == (printed["head"].unitsPerEm, 0)


def test_the_dehinted_program_is_a_valid_font_file(sample_build) -> None:  # type: ignore[no-untyped-def]
    """Table checksums and the head's whole-file adjustment as OpenType defines them (a strict
    reader, such as a PDF/A validator, checks them), and smaller than the hinted program."""
    printed = programs(sample_build[0]["print"])
    for program in printed.values():
        slim = without_hinting(program)
        assert len(slim) < 0.6 * len(program)
        assert without_hinting(slim) == slim  # nothing left to remove, and the same bytes again
        font = TTFont(io.BytesIO(slim), checkChecksums=2)  # raises on a wrong table checksum
        words = slim + b"\0" * (-len(slim) % 4)
        total = sum(int.from_bytes(words[n : n + 4], "big") for n in range(0, len(words), 4))
        assert total & 0xFFFFFFFF == 0xB1B0AFBA
        assert font["head"].checkSumAdjustment != 0


def test_a_program_it_cannot_read_is_kept_as_it_is() -> None:
    with pytest.raises(FontProgramError):
        without_hinting(b"\0\1\0\0\0\1" + b"\0" * 30)
    assert dehinted(b"\0\1\0\0\0\1" + b"\0" * 30) == b"\0\1\0\0\0\1" + b"\0" * 30


def test_a_phone_build_imports_no_font_library(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """fontTools cost a cold phone build about 170 ms to import and 16 MB of memory."""
    probe = (
        "import sys\n"
        "from brochure.cli.main import main\n"
        f"assert main(['build', {str(SAMPLE)!r}, '-e', 'phone', '-o', {str(tmp_path)!r}, '-q']) == 0\n"
        "print('fontTools' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]
    assert list(tmp_path.glob("*-phone.pdf"))
