"""Fonts: the default family covers the leaflet languages; unusable font files and characters
the font cannot draw are diagnostics at their place in content.yaml, never a blank box."""

from __future__ import annotations

import shutil
from pathlib import Path

import font_source_sans_pro  # type: ignore[import-untyped]
import pytest
import reportlab

from brochure.diagnostics import BuildError
from brochure.load.content import load
from brochure.resolve.document import resolve
from brochure.resolve.fonts import default_font_files, describe, missing_characters, register_family
from brochure.resolve.typography import QUOTES
from tests.conftest import MINIMAL
from tests.leaflets import with_theme

#: Sentences using every letter with a diacritic of each language (and its capitals).
SAMPLES = {
    "nl": "Één geïnteresseerde coördinator zag ’s avonds een financiële ruïne: ë ï é è ó ö ü Ë Ï Ö Ü",
    "en": "The naïve café owner’s façade — a rôle “déjà vu” … £ € ½",
    "de": "Größere Übungen für Äpfel, Öl und Straße: ä ö ü ß Ä Ö Ü ẞ „Zitat“ ‚so‘",
    "fr": "Où sont les élèves ? Ça, c’est « l’œuvre » : à â ç é è ê ë î ï ô ù û ü ÿ œ æ "
    "À Â Ç É È Ê Ë Î Ï Ô Ù Û Ü Ÿ Œ Æ",
    "pl": "Zażółć gęślą jaźń! Łódź, Źdźbło, Śląsk: ą ć ę ł ń ó ś ź ż Ą Ć Ę Ł Ń Ó Ś Ź Ż „cytat”",
    "tr": "Pijamalı hasta yağız şoföre çabucak güvendi: ç ğ ı İ ö ş ü Ç Ğ I Ö Ş Ü â î û",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_the_default_family_covers_the_leaflet_languages(language: str) -> None:
    """Every face of Source Sans Pro has every letter, quote and dash of the language."""
    family = register_family(default_font_files())
    text = SAMPLES[language] + "".join(QUOTES.get(language, ()))
    for face in (family.regular, family.bold, family.italic, family.bold_italic):
        assert missing_characters(text, face) == [], (language, face)


def test_missing_characters_are_listed_once_in_order() -> None:
    """The check names each character the font lacks once, in order, skipping spaces."""
    family = register_family(default_font_files())
    assert missing_characters("a ☃ b ✈ ☃\u00ad\u200b", family.regular) == ["☃", "✈"]
    assert describe("ł") == "'ł' (U+0142 LATIN SMALL LETTER L WITH STROKE)"


def test_a_missing_glyph_is_a010_with_character_code_point_name_and_place(write_content) -> None:  # type: ignore[no-untyped-def]
    """A character the font lacks is an error where the character is written (also on the second
    line of a folded text), naming the character, its code point and Unicode name, and the words
    around it."""
    text = MINIMAL.replace("- text: Flap.", "- text: Bel ons ☎ gerust.").replace(
        "- text: Binnen.", "- text: >-\n        Twee regels\n        met ✈ erin."
    )
    path = write_content(text)
    content, _ = load(path)
    with pytest.raises(BuildError) as raised:
        resolve(content)
    errors = [(d.code, d.location.line, d.location.column, d.message) for d in raised.value.diagnostics]
    assert errors == [
        ("A010", 8, 21, "the font has no glyph for '☎' (U+260E BLACK TELEPHONE) in “ons ☎ gerust.”"),
        ("A010", 13, 13, "the font has no glyph for '✈' (U+2708 AIRPLANE) in “met ✈ erin.”"),
    ]
    assert all(d.location.file == str(path) for d in raised.value.diagnostics)


def test_a_missing_glyph_in_the_title_or_a_source_is_found_too(write_content) -> None:  # type: ignore[no-untyped-def]
    """Furniture (title) and the source list are checked like blocks; the title's at its `title:`
    line (line 2), not at `meta:`."""
    text = MINIMAL.replace("title: Test", "title: Test ☂").replace(
        "panels:", "sources:\n  - {id: s, title: Bron ☔, url: 'https://example.org'}\npanels:"
    )
    content, _ = load(write_content(text))
    with pytest.raises(BuildError) as raised:
        resolve(content)
    assert [(d.code, d.location.line) for d in raised.value.diagnostics] == [("A010", 2), ("A010", 5)]


def font_case(write_content, folder: Path, settings: str):  # type: ignore[no-untyped-def]
    path = write_content(with_theme(settings))
    (path.parent / "fonts").mkdir(exist_ok=True)
    for file in folder.iterdir():
        shutil.copy(file, path.parent / "fonts" / file.name)
    content, _ = load(path)
    with pytest.raises(BuildError) as raised:
        resolve(content)
    return [(d.code, d.location.line, d.location.column, d.message, d.hint) for d in raised.value.diagnostics]


def test_an_otf_with_postscript_outlines_is_a004_at_its_field(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ReportLab cannot embed CFF outlines: the error says so where the file is named."""
    folder = tmp_path / "given"
    folder.mkdir()
    shutil.copy(Path(font_source_sans_pro.font_directory) / "SourceSansPro-Bold.otf", folder)
    found = font_case(write_content, folder, "font-bold: fonts/SourceSansPro-Bold.otf")
    assert found == [
        (
            "A004",
            5,
            14,
            "font file 'fonts/SourceSansPro-Bold.otf' has PostScript (CFF) outlines, "
            "which cannot be embedded",
            "use the TrueType (.ttf) version of the font; most families publish one",
        )
    ]


def test_broken_and_missing_font_files_are_a004_each(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A damaged file, a web font and a missing file are each reported, at their own field."""
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(range(256)) * 4)
    (folder / "Web.woff").write_bytes(b"wOFF" + bytes(64))
    found = font_case(
        write_content,
        folder,
        "font: fonts/Broken.ttf\nfont-italic: fonts/Web.woff\nfont-bold-italic: fonts/Gone.ttf",
    )
    assert [(code, line) for code, line, *_ in found] == [("A004", 5), ("A004", 6), ("A004", 7)]
    broken, web, gone = (message for *_, message, _ in found)
    assert broken.startswith("font file 'fonts/Broken.ttf' is damaged (the file ends inside its ")
    assert str(tmp_path) not in broken  # the reason names the file, not a machine path
    assert web == "font file 'fonts/Web.woff' is a web font (WOFF)"
    assert gone == "font file 'fonts/Gone.ttf' is not found"


def test_a_truetype_theme_font_is_used(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A usable TTF named by the theme becomes the family (faces not named fall back to it)."""
    regular = Path(default_font_files()[0])
    path = write_content(with_theme("font: fonts/Mine.ttf"))
    (path.parent / "fonts").mkdir()
    shutil.copy(regular, path.parent / "fonts" / "Mine.ttf")
    content, _ = load(path)
    document, _ = resolve(content)
    assert document.fonts.regular.startswith("Mine-regular-") and document.fonts.bold.startswith("Mine-bold-")


def test_each_span_is_checked_against_the_face_that_draws_it(write_content) -> None:  # type: ignore[no-untyped-def]
    """An italic face with less coverage (Bitstream Vera, shipped with ReportLab, has no Polish
    ogonek letters) is an error for the italic words only, not for the same letters upright."""
    path = write_content(
        with_theme("font-italic: fonts/VeraIt.ttf", MINIMAL.replace("language: nl", "language: pl")).replace(
            "- text: Binnen.", "- text: Zażółć gęślą *gęślą jaźń*"
        )
    )
    (path.parent / "fonts").mkdir()
    shutil.copy(Path(reportlab.__file__).parent / "fonts" / "VeraIt.ttf", path.parent / "fonts")
    content, _ = load(path)
    with pytest.raises(BuildError) as raised:
        resolve(content)
    found = [d.message.split("'")[1] for d in raised.value.diagnostics if d.code == "A010"]
    assert found == ["ę", "ś", "ą", "ź", "ń"]


def test_a_theme_family_sharing_the_default_regular_face_leaves_the_default_alone(write_content) -> None:  # type: ignore[no-untyped-def]
    """A theme that changes only the italic registers its own names: afterwards <b> and <i> of
    the default family still map to the default bold and italic (ReportLab maps them globally)."""
    from reportlab.lib.fonts import tt2ps

    default = register_family(default_font_files())
    path = write_content(with_theme("font-italic: fonts/VeraIt.ttf"))
    (path.parent / "fonts").mkdir()
    shutil.copy(Path(reportlab.__file__).parent / "fonts" / "VeraIt.ttf", path.parent / "fonts")
    content, _ = load(path)
    themed, _ = resolve(content)
    assert themed.fonts.regular != default.regular
    assert tt2ps(default.regular, 1, 0) == default.bold and tt2ps(default.regular, 0, 1) == default.italic
    assert tt2ps(themed.fonts.regular, 0, 1) == themed.fonts.italic


def test_the_default_family_covers_every_left_to_right_language_and_arabic_is_shipped() -> None:
    """The default family of each language has every letter of the test project's Dutch,
    English, Turkish, Polish and Ukrainian texts (and German and French ones) in all four faces:
    Source Sans Pro for Latin; Noto Sans for Cyrillic (Source Sans Pro's italics have none); the
    shipped Arabic face has every letter of its Arabic text."""
    from pathlib import Path

    from fontTools.ttLib import TTFont

    from brochure.resolve.fonts import default_font_files, script_font_files

    project = Path(__file__).parent / "projects" / "translated"
    letters = {
        language: {c for c in (project / name).read_text(encoding="utf-8") if c.isalpha()}
        for language, name in [(lang, f"content.{lang}.yaml") for lang in ("en", "tr", "pl", "uk")]
        + [("nl", "content.yaml")]
    }
    letters["de"] = set("äöüßÄÖÜ„“")
    letters["fr"] = set("àâæçéèêëîïôœùûüÿÀÉÈÇŒ«»\u202f")
    for language, chars in letters.items():
        for file in default_font_files(language):
            cmap = TTFont(file).getBestCmap()
            assert not [c for c in chars if ord(c) not in cmap], (Path(file).name, language)
    assert Path(default_font_files("uk")[2]).name == "NotoSans-Italic.ttf"
    assert Path(default_font_files("tr")[2]).name == "SourceSansPro-It.ttf"
    arabic = {
        c for c in (project / "content.ar.yaml").read_text(encoding="utf-8") if "\u0600" <= c <= "\u06ff"
    }
    faces = script_font_files("Arabic")
    assert faces is not None and arabic
    for file in faces:
        assert not [c for c in arabic if ord(c) not in TTFont(file).getBestCmap()]
    hebrew = {
        c for c in (project / "content.he.yaml").read_text(encoding="utf-8") if "\u0590" <= c <= "\u05ff"
    }
    faces = script_font_files("Hebrew")
    assert (
        faces is not None
        and hebrew
        and Path(default_font_files("he")[0]).name == "NotoSansHebrew-Regular.ttf"
    )
    for file in faces:
        assert not [c for c in hebrew if ord(c) not in TTFont(file).getBestCmap()]
    assert script_font_files("Latin") is None
