"""Typographic punctuation: quotes, apostrophes, dashes and ellipses per language, and what is
kept exactly as typed (addresses, verbatim text, and everything when the author turns it off)."""

from __future__ import annotations

import time

import pytest

from brochure.diagnostics import Location
from brochure.layout.styles import TextStyle, make_styles
from brochure.layout.text import chunks, plain
from brochure.load.content import load
from brochure.load.inline import parse_inline
from brochure.load.positions import TextPositions
from brochure.pipeline import build_pdfs
from brochure.resolve.document import Document, resolve
from brochure.resolve.typography import typographic
from tests.conftest import MINIMAL
from tests.leaflets import quoted, with_theme
from tests.pdfread import reader


def spans(text: str):  # type: ignore[no-untyped-def]
    inline, _, problems = parse_inline(text, TextPositions(Location("t.yaml", 1, 1), ((0, 1, 1),)))
    assert not problems
    return inline


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("nl", "foto's en video's", "foto’s en video’s"),
        ("nl", "'s avonds en 't huis", "’s avonds en ’t huis"),
        ("nl", '"Deel het niet," zei ze.', "“Deel het niet,” zei ze."),
        ("nl", "Ze zei 'nee' -- echt", "Ze zei ‘nee’ – echt"),
        ("nl", "wacht... en --- dan", "wacht… en — dan"),
        ("en", 'it\'s "safe"', "it’s “safe”"),
        ("de", '"Nein", sagte sie', "„Nein“, sagte sie"),
        ("pl", '"Nie" i tyle', "„Nie” i\u00a0tyle"),
        ("fr", '"Non" dit-elle', "«\u202fNon\u202f» dit-elle"),
        ("nl-BE", "foto's", "foto’s"),
    ],
)
def test_straight_punctuation_becomes_typographic_for_the_language(
    language: str, typed: str, expected: str
) -> None:
    """Apostrophes, quotes, dashes and ellipses take the form the language uses."""
    assert typographic(typed, language) == expected


def test_addresses_are_kept_exactly_as_typed() -> None:
    """Web and e-mail addresses keep their straight quotes, double hyphens and dots."""
    typed = "Mail o'brien--x@school.nl of kijk op www.example.org/a--b...c ('t klopt)."
    assert typographic(typed, "nl") == (
        "Mail o'brien--x@school.nl of kijk op www.example.org/a--b...c (’t klopt)."
    )
    quoted_address = "Zie \"www.iwf.org.uk\" en 'https://example.org/'."
    assert typographic(quoted_address, "nl") == "Zie “www.iwf.org.uk” en ‘https://example.org/’."


def test_long_text_is_made_typographic_in_linear_time() -> None:
    """A 3000-word paragraph takes milliseconds, not seconds (each character is looked at once)."""
    text = "Hij zei 'nee' -- echt... " * 1000
    started = time.perf_counter()
    assert typographic(text, "nl").count("‘nee’ – echt…") == 1000
    assert time.perf_counter() - started < 0.5


def _body(document: Document) -> TextStyle:
    return make_styles(document.theme, document.fonts, document.language).body


def test_verbatim_text_between_backquotes_is_kept_and_never_hyphenated(write_content) -> None:  # type: ignore[no-untyped-def]
    """`...` keeps straight quotes and double hyphens and is set as one unbreakable chunk."""
    content, _ = load(write_content())
    document, _ = resolve(content)
    inline = spans("Typ `--help` of `'s-Hertogenbosch...` maar niet foto's.")
    assert [s.text for s in inline if s.verbatim] == ["--help", "'s-Hertogenbosch..."]
    pieces = chunks(inline, document, _body(document))
    assert [c.text for c in pieces if c.whole] == ["--help", "'s-Hertogenbosch..."]
    assert "foto’s" in "".join(c.text for c in pieces)
    assert plain(inline, document) == "Typ --help of 's-Hertogenbosch... maar niet foto’s."


def test_a_url_shown_as_its_own_text_is_kept(write_content) -> None:  # type: ignore[no-untyped-def]
    """A bare link keeps its exact text, even where it looks like punctuation to convert."""
    content, _ = load(write_content())
    document, _ = resolve(content)
    inline = spans("Zie https://example.org/a--b...c voor 'meer'.")
    assert "https://example.org/a--b...c" in "".join(
        c.text for c in chunks(inline, document, _body(document))
    )
    assert plain(inline, document) == "Zie https://example.org/a--b...c voor ‘meer’."


def test_typography_false_keeps_the_text_as_typed(write_content) -> None:  # type: ignore[no-untyped-def]
    """With `theme.typography: false` the PDF shows exactly the straight characters typed."""
    typed = 'De foto\'s -- "echt" -- blijven... zoals ze zijn.'
    text = with_theme("typography: false").replace("- text: Binnen.", f"- text: {quoted(typed)}")
    pdfs, _, _ = build_pdfs(write_content(text))
    page = reader(pdfs["print"]).pages[1].extract_text()
    assert " ".join(page.split()).count(typed) == 1
    assert not set("’“”–…") & set(page)


def test_typography_on_converts_the_same_text_in_the_pdf(write_content) -> None:  # type: ignore[no-untyped-def]
    """By default the same text reaches the PDF with Dutch quotes, en dashes and an ellipsis."""
    typed = 'De foto\'s -- "echt" -- blijven... zoals ze zijn.'
    text = MINIMAL.replace("- text: Binnen.", f"- text: {quoted(typed)}")
    pdfs, _, _ = build_pdfs(write_content(text))
    page = " ".join(reader(pdfs["print"]).pages[1].extract_text().split())
    assert "De foto’s – “echt” – blijven… zoals ze zijn." in page
