"""A character the font lacks (A010) is reported where that character is written, in any kind of
YAML text: plain, quoted with escapes, folded over several lines, after markup and punctuation."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools import subset

from brochure.diagnostics import BuildError
from brochure.load.content import load
from brochure.resolve.document import resolve
from brochure.resolve.fonts import default_font_files
from brochure.resolve.typography import typographic, typographic_sources
from tests.conftest import MINIMAL
from tests.leaflets import with_theme


def written_at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """The 1-based line and column of a string in a file's text (its `occurrence`-th time)."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def a010(path: Path, values: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    content, _ = load(path, values)
    with pytest.raises(BuildError) as raised:
        resolve(content)
    return [
        (d.message.split("'")[1], d.location.line, d.location.column)
        for d in raised.value.diagnostics
        if d.code == "A010"
    ]


BLOCKS = """\
    - text: Bel ons ☎ gerust.
    - text: "Caf\\u00e9 \\"zo\\" ✈ hier"
    - text: 'Het''s ☂ nat'
    - text: >-
        Twee **regels** -- en... een
        afbre\u00adking met *✉* erin.
    - list: [Een, "Twee ☃"]
    - callout: {title: Let op ☀, text: [Eerste.]}
"""


def test_a010_is_at_the_character_in_plain_quoted_and_folded_texts(write_content) -> None:  # type: ignore[no-untyped-def]
    """Each missing character is reported at its own line and column: after an escape or a
    doubled quote, on the second line of a folded text after bold markup, a dash and an
    ellipsis that typography shortens and a soft hyphen it drops, in a flow list, in a title."""
    text = MINIMAL.replace("    - text: Binnen.\n", BLOCKS)
    found = a010(write_content(text))
    assert found == [(char, *written_at(text, char)) for char in "☎✈☂✉☃☀"]


def test_a010_names_a_character_once_per_leaflet_with_every_place(write_content) -> None:  # type: ignore[no-untyped-def]
    """The same missing character in two blocks is one error, at its first place, naming the
    other place (once per block: twice in a paragraph is the first)."""
    text = MINIMAL.replace("- text: Flap.", "- text: Eerst ☎ en weer ☎.").replace(
        "- text: Achter.", "- text: >-\n        Achter\n        ☎ ook."
    )
    assert a010(write_content(text)) == [("☎", *written_at(text, "☎"))]
    content, _ = load(write_content(text))
    with pytest.raises(BuildError) as raised:
        resolve(content)
    (message,) = [d.message for d in raised.value.diagnostics if d.code == "A010"]
    line, column = written_at(text, "☎", 2)
    assert message.endswith(f"; also at {line}:{column}")


def test_a010_says_when_the_script_is_the_problem(write_content) -> None:  # type: ignore[no-untyped-def]
    """Georgian text in a font without it is one error naming the script, not one per letter (Hebrew
    and Arabic words in a left-to-right leaflet are set in a shipped face)."""
    text = MINIMAL.replace("- text: Flap.", "- text: გამარჯობა მეგობრებო")
    content, _ = load(write_content(text))
    with pytest.raises(BuildError) as raised:
        resolve(content)
    errors = [d for d in raised.value.diagnostics if d.code == "A010"]
    assert len(errors) == 1 and errors[0].message.startswith("the font has no Georgian letters (")


def test_a010_in_a_filled_in_value_is_at_its_placeholder(write_content) -> None:  # type: ignore[no-untyped-def]
    """A character of a data row's value that the font lacks is reported at the placeholder
    that brought it in, also on the second line of a folded text."""
    text = MINIMAL.replace(
        "- text: Binnen.", "- text: >-\n        Welkom op\n        de {{ school }} vandaag."
    )
    assert a010(write_content(text), {"school": "☎ school"}) == [("☎", *written_at(text, "{{"))]


def test_a010_for_a_typographic_quote_is_at_the_straight_quote_typed(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A theme font without curly double quotes: the quotes that typography makes of the
    author's straight ones are reported at the straight quotes, as the author typed them."""
    path = write_content(
        with_theme("font: fonts/NoQuotes.ttf").replace("- text: Binnen.", '- text: Zeg "hallo" maar.')
    )
    (path.parent / "fonts").mkdir()
    options = subset.Options()
    with subset.load_font(default_font_files()[0], options) as font:
        keep = {c for table in font["cmap"].tables for c in table.cmap} - {0x201C, 0x201D}
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=keep)
        subsetter.subset(font)
        for record in font["name"].names:  # ReportLab knows a font by its PostScript name
            if record.nameID == 6:
                record.string = "NoQuotes-Regular"
        font.save(path.parent / "fonts" / "NoQuotes.ttf")
    text = path.read_text(encoding="utf-8")
    line, column = written_at(text, '"hallo"')
    assert a010(path) == [("\u201c", line, column), ("\u201d", line, column + 6)]


def test_typographic_sources_point_each_character_at_what_it_was_made_of() -> None:
    """Dashes and ellipses come from their first character, quotes from the straight quote
    (both characters of a French quote with its narrow space); other characters from themselves."""
    raw = 'a -- b... "c" d---e https://x.nl/--'
    for language in ("nl", "fr"):
        shown, sources = typographic(raw, language), typographic_sources(raw, language)
        assert len(sources) == len(shown)
        made_of = {"\u2013": "-", "\u2014": "-", "\u2026": "."}
        for char, source in zip(shown, sources, strict=True):
            assert raw[source] in (char, made_of.get(char, '"'))
        assert shown.index("\u2013") == 2 and sources[2] == 2
        assert sources[shown.index("\u2014")] == raw.index("---")
        assert shown.endswith("https://x.nl/--") and sources[-2:] == (len(raw) - 2, len(raw) - 1)
