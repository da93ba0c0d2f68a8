"""One leaflet in several languages: translations by key, one build for all, typography per language."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from brochure.cli.main import main
from brochure.diagnostics import BuildError
from brochure.load.texts import digest
from brochure.load.translations import load_translation

PROJECT = Path(__file__).parent / "projects" / "translated"
LANGUAGES = ("nl", "en", "pl", "tr", "uk", "ar", "he")
EDITIONS = ("print", "press", "phone")
#: The project folder's name, the first part of every output name.
NAME = "translated"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    out = tmp_path_factory.mktemp("out")
    err = io.StringIO()
    code = main(
        ["build", str(PROJECT / "content.yaml"), "-e", ",".join(EDITIONS), "-o", str(out)],
        err=err,
        out=io.StringIO(),
    )
    return out, code, err.getvalue()


def text_of(out: Path, language: str, edition: str = "print") -> str:
    reader = PdfReader(out / f"{NAME}-{language}-{edition}.pdf")
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.slow
def test_one_command_builds_every_language_in_every_edition_without_collisions(
    built: tuple[Path, int, str],
) -> None:
    """Seven languages x three editions (+ the phone's e-mail companions), each file named with
    its language, none overwritten; Arabic and Hebrew are set right to left (no A011 any more)."""
    out, code, err = built
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))  # not the name claims
    expected = sorted(
        [f"{NAME}-{lang}-{edition}.pdf" for lang in LANGUAGES for edition in EDITIONS]
        + [f"{NAME}-{lang}-press-job.pdf" for lang in LANGUAGES]
        + [f"{NAME}-{lang}-phone.{suffix}" for lang in LANGUAGES for suffix in ("html", "txt")]
    )
    assert names == expected and len(set(names)) == len(names)
    assert code == 0 and "error[" not in err
    for lang in LANGUAGES:
        with pikepdf.open(out / f"{NAME}-{lang}-phone.pdf") as pdf:
            assert str(pdf.Root.Lang) == lang
        page = (out / f"{NAME}-{lang}-phone.html").read_text(encoding="utf-8")
        direction = "rtl" if lang in ("ar", "he") else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in page


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "quoted", "date", "version"),
    [
        ("nl", "“stop”", "2 november 2026", "versie 1.0"),
        ("en", "“stop”", "November 2, 2026", "version 1.0"),
        ("pl", "„stop”", "2 listopada 2026", "wersja 1.0"),
        ("tr", "“Dur”", "2 Kasım 2026", "sürüm 1.0"),
        ("uk", "«стоп»", "2 листопада 2026 р.", "версія 1.0"),
    ],
)
def test_quotes_dates_and_the_colophon_follow_the_language(
    built: tuple[Path, int, str], language: str, quoted: str, date: str, version: str
) -> None:
    """Read back from the printed sheet: the language's quotes, its long date and its word for version."""
    text = text_of(built[0], language).replace("\xa0", " ")
    assert quoted in text
    assert date in " ".join(text.split())
    assert version in text


@pytest.mark.slow
def test_polish_one_letter_words_never_end_a_line(built: tuple[Path, int, str]) -> None:
    """`a`, `i`, `o`, `u`, `w`, `z` are bound to the next word: no extracted line ends in one."""
    lines = [line.strip() for line in text_of(built[0], "pl").splitlines()]
    assert lines and not [line for line in lines if re.search(r"(?:^|\s)[aiouwzAIOUWZ]$", line)]
    assert "w\xa0szkole" in text_of(built[0], "pl") or "w szkole" in text_of(built[0], "pl")


@pytest.mark.slow
def test_turkish_capitals_and_hyphenation(built: tuple[Path, int, str]) -> None:
    """Turkish text keeps İ; the e-mail text's upper-cased title is Turkish (İ, not I)."""
    text = text_of(built[0], "tr")
    assert "İstanbul" in text and "Siber zorbalık" in text
    plain = (built[0] / f"{NAME}-tr-phone.txt").read_text(encoding="utf-8")
    assert "SİBER ZORBALIK" in plain
    assert plain.startswith(f"Sayın veliler,\n\nEkte: {NAME}-tr-phone.pdf (PDF, ")


def _project(tmp_path: Path, translation: str) -> Path:
    shutil.copy(PROJECT / "content.yaml", tmp_path / "content.yaml")
    (tmp_path / "content.de.yaml").write_text(translation, encoding="utf-8")
    return tmp_path


def test_outdated_missing_and_left_over_texts_are_located_warnings(tmp_path: Path) -> None:
    """C501 where the source changed since (the hash differs), C502 at the source text that has
    no translation, C503 at a translated key the source no longer has."""
    title = digest("Cyberpesten")
    project = _project(
        tmp_path,
        "language: de\ntexts:\n"
        f"  meta.title:\n    from: {title}\n    text: Cybermobbing\n"
        "  flap.1:\n    from: 00000000\n    text: Was ist Cybermobbing?\n"
        "  inside.9: Weg\n",
    )
    content, warnings = load_translation(project / "content.yaml", project / "content.de.yaml")
    assert content.meta.language == "de" and content.meta.title == "Cybermobbing"
    found = {(d.code, Path(d.location.file).name, d.location.line, d.location.column) for d in warnings}
    assert ("C501", "content.de.yaml", 6, 3) in found
    assert ("C503", "content.de.yaml", 9, 3) in found
    assert ("C502", "content.yaml", 19, 13) in found  # flap.2, not translated
    assert not [d for d in warnings if d.code == "C501" and d.location.line == 3]


def test_a_translation_may_shrink_a_panel_and_its_errors_point_into_it(tmp_path: Path) -> None:
    """`fit:` sets a panel's policy for this language only; a markup error in a translated text
    is reported at its place in the translation file."""
    project = _project(
        tmp_path, "language: de\nfit:\n  inside: shrink\ntexts:\n  flap.1: Was ist **Mobbing\n"
    )
    with pytest.raises(BuildError) as raised:
        load_translation(project / "content.yaml", project / "content.de.yaml")
    errors = [d for d in raised.value.diagnostics if d.is_error]
    assert [(d.code, Path(d.location.file).name, d.location.line, d.location.column) for d in errors] == [
        ("C201", "content.de.yaml", 5, 19)
    ]
    (project / "content.de.yaml").write_text("language: de\nfit:\n  inside: shrink\n", encoding="utf-8")
    content, _ = load_translation(project / "content.yaml", project / "content.de.yaml")
    assert content.panel("inside").fit == "shrink" and content.panel("flap").fit == "error"  # type: ignore[union-attr]


def test_check_checks_every_translation_where_its_text_is(tmp_path: Path) -> None:
    """`check` stages each translation as the build does: a problem in a translated text is
    reported at its line in the translation file, after the source's own problems."""
    from brochure.proof.check import check

    project = _project(tmp_path, "language: de\ntexts:\n  flap.1: Was ist **Mobbing\n")
    long_sentence = " ".join(["Bullying"] + ["and"] * 30) + "."
    (project / "content.en.yaml").write_text(f"language: en\ntexts:\n  flap.2: {long_sentence}\n", "utf-8")
    result = check(project / "content.yaml", ("print",))
    where = [(d.code, Path(d.location.file).name, d.location.line) for d in result.diagnostics]
    names = [name for _, name, _ in where]
    assert names == sorted(names, key=lambda name: (name != "content.yaml", name))
    assert [w for w in where if w[1] == "content.de.yaml" and w[0].startswith("C2")]  # the open **
    assert ("K401", "content.en.yaml", 3) in where  # the 31-word sentence, in English only
    assert not result.ok


def test_a_block_inserted_above_moves_no_translation_into_the_wrong_block(tmp_path: Path) -> None:
    """Keys are positions: after a heading is inserted at the top of the flap, each translation
    still goes to the text it was made from (found by its `from:` hash, C505 at its old key), the
    new heading is untranslated (C502), and no text lands in another block."""
    heading, text = (
        digest("Wat is cyberpesten?"),
        digest(
            "Pesten via je telefoon of [*social media*]{lang=en}: berichten, foto's en filmpjes die kwetsen. "
            "Het gebeurt 24 uur per dag en 88 % van de jongeren kent iemand die het meemaakte."
        ),
    )
    project = _project(
        tmp_path,
        "language: de\ntexts:\n"
        f"  flap.1:\n    from: {heading}\n    text: Was ist Cybermobbing?\n"
        f"  flap.2:\n    from: {text}\n    text: Mobbing über das Handy.\n",
    )
    source = (project / "content.yaml").read_text(encoding="utf-8")
    (project / "content.yaml").write_text(
        source.replace("  flap:\n", "  flap:\n    - heading: Nieuw bovenaan\n"), encoding="utf-8"
    )
    content, warnings = load_translation(project / "content.yaml", project / "content.de.yaml")
    flap = next(panel for panel in content.panels if panel.name == "flap").blocks
    assert ["".join(span.text for span in b.text) for b in flap] == [
        "Nieuw bovenaan",
        "Was ist Cybermobbing?",
        "Mobbing über das Handy.",
    ]
    codes = sorted((d.code, d.location.line) for d in warnings if d.code in ("C501", "C502", "C503", "C505"))
    assert [c for c, _ in codes].count("C505") == 2 and ("C502", 18) in codes
    assert not [c for c, _ in codes if c in ("C501", "C503")]
