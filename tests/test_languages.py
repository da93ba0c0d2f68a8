"""Typography, words and case rules per language, language spans, and the translator's file."""

from __future__ import annotations

import datetime
import re
import string
from pathlib import Path

import pytest

from brochure.cli.main import main
from brochure.diagnostics import BuildError
from brochure.languages import SUPPORTED, direction, upper
from brochure.load.content import load, load_text
from brochure.load.texts import digest
from brochure.load.translations import load_translation
from brochure.messages import MESSAGES, long_date, words
from brochure.resolve.typography import typographic, typographic_sources

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("uk", "Він сказав \"так\" і 'ні'", "Він сказав «так» і „ні“"),
        ("de", "\"Ja\" und 'nein'", "„Ja“ und ‚nein‘"),
        ("pl", "\"Tak\" i 'nie'", "„Tak” i\u00a0‚nie’"),
        (
            "fr",
            '"Non !" puis: Quoi?! à 16:00',
            f"«{NNBSP}Non{NNBSP}!{NNBSP}» puis{NNBSP}: Quoi{NNBSP}?! à 16:00",
        ),
        (
            "fr",
            "« Oui » ; voir https://x.fr/a?b=1:2",
            f"«{NNBSP}Oui{NNBSP}»{NNBSP}; voir https://x.fr/a?b=1:2",
        ),
        (
            "pl",
            "Idę z kotem i psem w domu, a potem o 5 km dalej.",
            "Idę z\xa0kotem i\xa0psem w\xa0domu, a\xa0potem o\xa05\xa0km dalej.",
        ),
        ("nl", "88 % van 5 km en 3 kg", f"88{NBSP}% van 5{NBSP}km en 3{NBSP}kg"),
        ("en", "12 apples", "12 apples"),
    ],
)
def test_quotes_and_no_break_spaces_per_language(language: str, typed: str, expected: str) -> None:
    """Each language's quotes; the spaces a line must not break at are no-break spaces (French
    narrow ones before ! ? ; : and inside guillemets, never in 16:00 or an address)."""
    assert typographic(typed, language) == expected
    sources = typographic_sources(typed, language)
    assert len(sources) == len(expected) and sources == tuple(sorted(sources))


def test_french_lines_never_start_with_punctuation_or_a_closing_guillemet() -> None:
    """Every space before ! ? ; : and » is a no-break one: no line can start with `! »`."""
    text = typographic('Il a dit "Non !" et puis : "Jamais ?" ; voilà !', "fr")
    assert not re.search(r" [!?;:\u00bb]", text) and text.count(NNBSP) == 9


def test_turkish_upper_case_keeps_the_dot() -> None:
    """i -> İ and ı -> I in Turkish (and Azerbaijani); other languages as Python does."""
    assert upper("siber zorbalık, istanbul", "tr") == "SİBER ZORBALIK, İSTANBUL"
    assert upper("siber zorbalık", "tr-TR") == "SİBER ZORBALIK"
    assert upper("istanbul", "en") == "ISTANBUL"


def test_direction_is_known_from_the_language_code() -> None:
    assert [direction(code) for code in ("ar", "fa-IR", "he", "ur", "nl", "tr", "uk")] == ["rtl"] * 4 + [
        "ltr"
    ] * 3
    assert SUPPORTED["ar"].direction == "rtl" and not SUPPORTED["ar"].hyphenated


def test_every_supported_language_has_every_message() -> None:
    """The catalogue: each supported language has each English message, with the same placeholders."""
    fields = {
        key: {f for _, f, _, _ in string.Formatter().parse(text) if f} for key, text in MESSAGES["en"].items()
    }
    assert set(MESSAGES) == set(SUPPORTED)
    for language, table in MESSAGES.items():
        assert set(table) == set(fields), language
        for key, text in table.items():
            assert {f for _, f, _, _ in string.Formatter().parse(text) if f} == fields[key], (language, key)


@pytest.mark.parametrize(
    ("language", "date", "version", "sources"),
    [
        ("nl", "2 november 2026", "versie 1.0", "Bronnen"),
        ("de", "2. November 2026", "Version 1.0", "Quellen"),
        ("fr", "2 novembre 2026", "version 1.0", "Sources"),
        ("tr", "2 Kasım 2026", "sürüm 1.0", "Kaynaklar"),
        ("uk", "2 листопада 2026\u202fр.", "версія 1.0", "Джерела"),
        ("he", "2 בנובמבר 2026", "גרסה 1.0", "מקורות"),
        ("en-GB", "2 November 2026", "version 1.0", "Sources"),
        ("xx", "November 2, 2026", "version 1.0", "Sources"),
    ],
)
def test_the_tools_own_words_per_language(language: str, date: str, version: str, sources: str) -> None:
    """Babel's long date, the word for version and the sources title; an unknown language is English."""
    made = words(language, version="1.0", date=datetime.date(2026, 11, 2))
    assert (made.date, made.version, made.sources) == (date, version, sources)
    assert long_date(datetime.date(2026, 11, 2), language) == date
    assert made.attached("x.pdf", 40_000).endswith(
        MESSAGES.get(language.split("-")[0], MESSAGES["en"])["attached"][-12:]
    )


def test_a_language_span_with_a_bad_attribute_is_located(tmp_path: Path) -> None:
    """`[word]{lng=en}` is C205 at the attribute; the text is kept."""
    text = "meta: {title: T, language: nl}\npanels:\n  inside:\n    - text: Een [woord]{lng=en} hier.\n"
    with pytest.raises(BuildError) as raised:
        load_text(text, tmp_path / "content.yaml")
    found = [(d.code, d.location.line, d.location.column) for d in raised.value.diagnostics]
    assert found == [("C205", 4, 25)]


def test_translate_writes_every_text_in_reading_order_and_keeps_what_is_translated(tmp_path: Path) -> None:
    """`brochure translate --to tr` writes the texts in reading order with the source as a
    comment and its hash; run again after the source changed, it keeps the translation, its old
    hash (so the build warns, C501) and marks it; the file builds."""
    source = tmp_path / "content.yaml"
    source.write_text(
        "meta: {title: Titel, language: nl}\npanels:\n  back:\n    - text: Achter.\n"
        "  cover:\n    - slogan: Voor!\n  inside:\n    - heading: Binnen\n    - list: [Een, Twee]\n",
        encoding="utf-8",
    )
    assert main(["translate", str(source), "--to", "tr", "--quiet"]) == 0
    written = (tmp_path / "content.tr.yaml").read_text(encoding="utf-8")
    keys = re.findall(r"^  ([\w.]+):$", written, re.MULTILINE)
    assert keys == ["meta.title", "cover.1", "inside.1", "inside.2.1", "inside.2.2", "back.1"]
    assert "  # Voor!\n  cover.1:\n    from: " in written
    (tmp_path / "content.tr.yaml").write_text(written.replace('text: ""', 'text: "Ön!"', 2), encoding="utf-8")
    content, warnings = load_translation(source, tmp_path / "content.tr.yaml")
    assert content.meta.title == "Ön!" and sorted({d.code for d in warnings}) == ["C502"]
    source.write_text(source.read_text(encoding="utf-8").replace("Voor!", "Vooraan!"), encoding="utf-8")
    assert main(["translate", str(source), "--to", "tr", "--quiet"]) == 0
    again = (tmp_path / "content.tr.yaml").read_text(encoding="utf-8")
    assert "  # Vooraan!\n  # the source changed since this was translated\n  cover.1:" in again
    _, warnings = load_translation(source, tmp_path / "content.tr.yaml")
    assert [d.code for d in warnings if d.code == "C501"] == ["C501"]
    assert load(source)[0].meta.language == "nl"


def test_translations_follow_their_source_text_when_blocks_move(tmp_path: Path) -> None:
    """Keys are positions: after a block is inserted above, `translate` puts each translation
    under the new key of the text it was made from, and the new block starts empty."""
    source = tmp_path / "content.yaml"
    source.write_text(
        "meta: {title: T, language: nl}\npanels:\n  inside:\n    - text: Een.\n    - text: Twee.\n"
    )
    target = tmp_path / "content.en.yaml"
    target.write_text(
        "language: en\ntexts:\n  meta.title: T\n"
        f"  inside.1:\n    from: '{digest('Een.')}'\n    text: One.\n"
        f"  inside.2:\n    from: '{digest('Twee.')}'\n    text: Two.\n",
        encoding="utf-8",
    )
    source.write_text(
        source.read_text().replace("    - text: Een.\n", "    - text: Nieuw.\n    - text: Een.\n")
    )
    assert main(["translate", str(source), "--to", "en", "--quiet"]) == 0
    content, warnings = load_translation(source, target)
    inside = content.panel("inside")
    assert inside is not None
    assert [block.text[0].text for block in inside.blocks] == ["Nieuw.", "One.", "Two."]  # type: ignore[union-attr]
    assert [(d.code, d.location.line) for d in warnings] == [("C502", 4)]
