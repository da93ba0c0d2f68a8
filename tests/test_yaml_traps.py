"""YAML traps: every place where YAML reads an author's text other than typed is a located
diagnostic that shows the line as written and the quoting that fixes it, before anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.diagnostics import BuildError, Diagnostic
from brochure.load.content import load, load_text
from tests.conftest import MINIMAL, SAMPLE
from tests.test_cli import run

FILE = Path("content.yaml")


def found(text: str) -> tuple[Diagnostic, ...]:
    try:
        return load_text(text, FILE)[1]
    except BuildError as error:
        return error.diagnostics


def shown(text: str) -> list[str]:
    """The diagnostics as `brochure build` prints them (without colour)."""
    return [d.format() for d in found(text)]


def back(line: str) -> str:
    """MINIMAL with its back panel's block replaced by `line` (at line 13, indented 4)."""
    return MINIMAL.replace("    - text: Achter.", line)


# Each case: the line written on line 13 of MINIMAL, and the whole report a user reads.
LEADING = {
    "apostrophe": (
        "    - text: 's avonds eten we samen",
        """content.yaml:13:13: error[C120]: this text starts with "'", which YAML reads as the start of a text in single quotes, which ends at the next ': - text: 's avonds eten we samen
  = hint: put the whole text in quotes: - text: "'s avonds eten we samen\"""",
    ),
    "double quote": (
        '    - text: "Hallo" zei ze',
        """content.yaml:13:13: error[C120]: this text starts with '"', which YAML reads as the start of a text in double quotes, which ends at the next ": - text: "Hallo" zei ze
  = hint: put the whole text in quotes: - text: '"Hallo" zei ze'""",
    ),
    "bold": (
        "    - text: **Let op** de bus vertrekt om acht uur",
        """content.yaml:13:13: error[C120]: this text starts with '*', which YAML reads as an alias (a reference to an anchor): - text: **Let op** de bus vertrekt om acht uur
  = hint: put the whole text in quotes: - text: "**Let op** de bus vertrekt om acht uur\"""",
    ),
    "link": (
        "    - text: [Lees meer](https://example.org) over de reis",
        """content.yaml:13:13: error[C120]: this text starts with '[', which YAML reads as the start of a [...] list: - text: [Lees meer](https://example.org) over de reis
  = hint: put the whole text in quotes: - text: "[Lees meer](https://example.org) over de reis\"""",
    ),
    "brackets only": (
        "    - text: [Lees meer]",
        """content.yaml:13:13: error[C120]: this text starts with '[', which YAML reads as the start of a [...] list: - text: [Lees meer]
  = hint: put the whole text in quotes: - text: "[Lees meer]\"""",
    ),
    "at": (
        "    - text: @deregenboog op Instagram",
        """content.yaml:13:13: error[C120]: this text starts with '@', which YAML reads as a reserved character: - text: @deregenboog op Instagram
  = hint: put the whole text in quotes: - text: "@deregenboog op Instagram\"""",
    ),
    "dash": (
        "    - text: - en dan nog dit",
        """content.yaml:13:13: error[C120]: this text starts with '-', which YAML reads as a list item: - text: - en dan nog dit
  = hint: put the whole text in quotes: - text: "- en dan nog dit\"""",
    ),
    "star": (
        "    - text: *Nieuw* dit jaar",
        """content.yaml:13:13: error[C120]: this text starts with '*', which YAML reads as an alias (a reference to an anchor): - text: *Nieuw* dit jaar
  = hint: put the whole text in quotes: - text: "*Nieuw* dit jaar\"""",
    ),
    "brace": (
        "    - text: {let op} de bus",
        """content.yaml:13:13: error[C120]: this text starts with '{', which YAML reads as the start of a {...} mapping: - text: {let op} de bus
  = hint: put the whole text in quotes: - text: "{let op} de bus\"""",
    ),
    "exclamation": (
        "    - text: !belangrijk lees dit",
        """content.yaml:13:13: error[C120]: this text starts with '!', which YAML reads as a tag (a type name): - text: !belangrijk lees dit
  = hint: put the whole text in quotes: - text: "!belangrijk lees dit\"""",
    ),
    "exclamation and space": (
        "    - text: ! Lees dit eerst",
        """content.yaml:13:13: error[C120]: this text starts with '!', which YAML reads as a tag (a type name): - text: ! Lees dit eerst
  = hint: put the whole text in quotes: - text: "! Lees dit eerst\"""",
    ),
    "exclamation marks": (
        "    - text: !!! Let op",
        """content.yaml:13:13: error[C120]: this text starts with '!', which YAML reads as a tag (a type name): - text: !!! Let op
  = hint: put the whole text in quotes: - text: "!!! Let op\"""",
    ),
    "two exclamation marks": (
        "    - text: !!Belangrijk lees dit",
        """content.yaml:13:13: error[C120]: this text starts with '!', which YAML reads as a tag (a type name): - text: !!Belangrijk lees dit
  = hint: put the whole text in quotes: - text: "!!Belangrijk lees dit\"""",
    ),
    "percent": (
        "    - text: %50 korting",
        """content.yaml:13:13: error[C120]: this text starts with '%', which YAML reads as a directive: - text: %50 korting
  = hint: put the whole text in quotes: - text: "%50 korting\"""",
    ),
    "pipe": (
        "    - text: | of niet",
        """content.yaml:13:13: error[C120]: this text starts with '|', which YAML reads as the start of a block of text (on the lines below): - text: | of niet
  = hint: put the whole text in quotes: - text: "| of niet\"""",
    ),
    "greater than": (
        "    - text: > 18 jaar",
        """content.yaml:13:13: error[C120]: this text starts with '>', which YAML reads as the start of a folded block of text (on the lines below): - text: > 18 jaar
  = hint: put the whole text in quotes: - text: "> 18 jaar\"""",
    ),
    "backquote": (
        "    - text: `brochure` is een programma",
        """content.yaml:13:13: error[C120]: this text starts with '`', which YAML reads as a reserved character: - text: `brochure` is een programma
  = hint: put the whole text in quotes: - text: "`brochure` is een programma\"""",
    ),
    "ampersand": (
        "    - text: &co en anderen",
        """content.yaml:13:13: error[C009]: '&co' is a YAML anchor, which content files do not use: - text: &co en anderen
  = hint: write the value out in full where it is needed; if it is a text, put the whole text in quotes: - text: "&co en anderen\"""",
    ),
    "number sign": (
        "    - text: #1 in de klas",
        """content.yaml:13:13: error[C120]: this text starts with '#', which YAML reads as the start of a comment, so the value is empty: - text: #1 in de klas
  = hint: put the whole text in quotes: - text: "#1 in de klas\"""",
    ),
}


@pytest.mark.parametrize("case", sorted(LEADING), ids=str)
def test_a_text_starting_with_an_indicator_is_explained_at_its_line(case: str) -> None:
    """The only diagnostic is the trap, at the text's first character, with the line and its fix."""
    line, report = LEADING[case]
    assert shown(back(line)) == [report]


def test_the_fixed_line_of_each_case_builds() -> None:
    """The quoting each hint proposes is what makes the file valid: no diagnostic is left."""
    for _, report in LEADING.values():
        fixed = report.split("put the whole text in quotes: ", 1)[1]
        assert found(back("    " + fixed)) == (), fixed


def test_a_hash_inside_a_text_is_an_error_though_yaml_sees_a_comment() -> None:
    """` #12` cut the rest of the title without a word before; now it is an error at the `#`."""
    text = MINIMAL.replace("title: Test", "title: Verzamelen bij lokaal #12 om 8.15 uur")
    assert shown(text) == [
        "content.yaml:2:32: error[C121]: the text stops before '#12 om 8.15 uur': YAML reads ' #' as the "
        "start of a comment: title: Verzamelen bij lokaal #12 om 8.15 uur\n"
        '  = hint: put the whole text in quotes: title: "Verzamelen bij lokaal #12 om 8.15 uur"'
    ]


def test_a_hash_and_space_after_one_space_is_a_warning_and_after_two_a_comment() -> None:
    """`text # note` may be either, so it warns; `text  # note` is how YAML comments are written."""
    one = found(MINIMAL.replace("title: Test", "title: Test # de titel"))
    assert [(d.code, d.severity.value, d.location.line, d.location.column) for d in one] == [
        ("C121", "warning", 2, 15)
    ]
    assert found(MINIMAL.replace("title: Test", "title: Test  # de titel")) == ()


def test_a_hash_in_a_continued_text_line_is_found_where_yaml_fails_later() -> None:
    """In a plain text over several lines a ` #` ends it, and YAML fails on the next line; the
    report is the ` #` itself, not the failure."""
    text = back("    - text: Verzamelen bij lokaal #12\n        om 8.15 uur bij de ingang")
    assert [(d.code, d.location.line, d.location.column) for d in found(text)] == [("C121", 13, 35)]


def test_the_quoting_of_a_text_over_several_lines_takes_in_every_line() -> None:
    """A ` #` on a later line of a plain text: the fix quotes the whole text, from its key to its
    last line, not only the line with the `#` (quotes around that line alone become part of the
    text). Both when YAML reads on and when it fails on the line after the comment."""
    read = back("    - text: Verzamelen bij\n        lokaal #12")
    assert shown(read) == [
        "content.yaml:14:16: error[C121]: the text stops before '#12': YAML reads ' #' as the start of "
        "a comment: lokaal #12\n"
        '  = hint: put the whole text in quotes, from line 13 to line 14: - text: "Verzamelen bij … lokaal #12"'
    ]
    fails = back("    - text: Verzamelen bij\n        lokaal #12 om acht\n        uur.")
    assert [d.hint for d in found(fails)] == [
        'put the whole text in quotes, from line 13 to line 15: - text: "Verzamelen bij … uur."'
    ]
    fixed = back('    - text: "Verzamelen bij\n        lokaal #12 om acht\n        uur."')
    assert found(fixed) == ()


def test_a_hash_inside_braces_or_brackets_is_found_and_only_that_value_quoted() -> None:
    """`{url: ..., label: Scan #1}` (the template's QR form): the comment takes the closing brace
    too, and YAML failed on the next line with "expected ',' or '}'". Now the `#` is the error, on
    its line, and the hint quotes the one value."""
    qr = back('    - qr: {url: "https://example.org/help", label: Scan #1}')
    assert shown(qr) == [
        "content.yaml:13:57: error[C121]: the text stops before '#1': YAML reads ' #' as the start of "
        'a comment, and the rest of the line with it: - qr: {url: "https://example.org/help", label: Scan #1}\n'
        '  = hint: put the text in quotes: - qr: {url: "https://example.org/help", label: "Scan #1"}'
    ]
    items = back("    - list: [Lokaal #12, om acht uur]")
    assert [(d.code, d.location.column, d.hint) for d in found(items)] == [
        ("C121", 21, 'put the text in quotes: - list: ["Lokaal #12", om acht uur]')
    ]
    for report in shown(qr), shown(items):
        fixed = report[0].split("put the text in quotes: ", 1)[1]
        assert found(back("    " + fixed)) == (), fixed


def test_a_colon_and_space_inside_a_text() -> None:
    """`Let op: ...` fails to parse as a value and becomes a mapping as a list item; both say so."""
    assert shown(back("    - text: Let op: de bus vertrekt om acht uur")) == [
        "content.yaml:13:19: error[C122]: this text contains ': ', which YAML reads as a key and its value: "
        "- text: Let op: de bus vertrekt om acht uur\n"
        '  = hint: put the whole text in quotes: - text: "Let op: de bus vertrekt om acht uur"'
    ]
    item = back("    - list:\n        - Let op: de bus vertrekt\n        - Neem eten mee")
    assert shown(item) == [
        "content.yaml:14:11: error[C122]: this text contains ': ', which YAML reads as a key and its value: "
        "- Let op: de bus vertrekt\n"
        '  = hint: put the whole text in quotes: - "Let op: de bus vertrekt"'
    ]


def test_a_missing_space_after_a_colon() -> None:
    """`title:Schoolreis` is one word for YAML; the report names the key and writes the space."""
    assert shown(MINIMAL.replace("title: Test", "title:Schoolreis")) == [
        "content.yaml:2:3: error[C123]: no space after 'title:', so YAML reads 'title:S…' as one word: "
        "title:Schoolreis\n"
        "  = hint: write a space after the colon: title: Schoolreis"
    ]
    as_block = found(back("    - text:Achter"))
    assert [(d.code, d.location.line, d.location.column) for d in as_block] == [("C123", 13, 7)]


def test_tabs_are_shown_escaped_at_their_place() -> None:
    """A tab in the indentation or after a colon: the line shows it as \\t."""
    assert shown(MINIMAL.replace("  language: nl", "\tlanguage: nl")) == [
        "content.yaml:3:1: error[C124]: a tab character, which YAML takes neither as indentation nor as a "
        "space: \\tlanguage: nl\n"
        "  = hint: YAML indents with spaces only: replace the tab with spaces"
    ]
    after = found(MINIMAL.replace("title: Test", "title:\tTest"))
    assert [(d.code, d.location.line, d.location.column) for d in after] == [("C124", 2, 9)]


def test_nothing_words_where_a_text_belongs() -> None:
    """A bare `~` or `null` is 'nothing' for YAML; the hint quotes it."""
    assert shown(back("    - text: ~")) == [
        "content.yaml:13:13: error[C125]: YAML reads '~' as 'nothing', not as a text: - text: ~\n"
        '  = hint: for the text, put it in quotes: - text: "~"'
    ]
    assert [d.code for d in found(back("    - text: null"))] == ["C125"]


def test_numbers_dates_and_yes_no_stay_the_text_typed() -> None:
    """brochure reads the source text of every value: `1.10` is not 1.1, `no` not False, a date
    not a date object, `01234` keeps its zero."""
    text = MINIMAL.replace("title: Test", "title: no\n  subtitle: 2026-01-01\n  version: 1.10").replace(
        "text: Achter.", "text: 01234"
    )
    content, problems = load_text(text, FILE)
    assert problems == ()
    assert (content.meta.title, content.meta.subtitle, content.meta.version) == ("no", "2026-01-01", "1.10")
    back_panel = next(panel for panel in content.panels if panel.name == "back")
    assert back_panel.blocks[0].text[0].text == "01234"  # type: ignore[attr-defined]


def test_yes_and_no_where_true_or_false_belongs_say_what_to_write() -> None:
    """`typography: no` is not read as false; the hint says to write false."""
    text = MINIMAL.replace("panels:", "theme:\n  typography: no\npanels:")
    (diagnostic,) = found(text)
    assert (diagnostic.code, diagnostic.location.line) == ("C102", 5)
    assert diagnostic.hint == "write false (only true and false are read as yes or no)"


def test_a_quote_that_swallows_lines_is_reported_where_it_opens() -> None:
    """`'s avonds` opens a quoted text that a later `'s ochtends` closes: YAML reads the lines in
    between as one text, or fails lines away. Either way the report is at the first quote."""
    swallowed = back(
        "    - list:\n        - 's avonds eten we\n        - 's ochtends slapen we\n    - text: Achter."
    )
    diagnostics = found(swallowed)
    assert (diagnostics[0].code, diagnostics[0].location.line, diagnostics[0].location.column) == (
        "C120",
        14,
        11,
    )
    parsed = back("    - list:\n        - 's avonds eten we\n        - en slapen we dan'")
    diagnostics = found(parsed)
    assert [(d.code, d.location.line, d.location.column) for d in diagnostics] == [("C120", 14, 11)]
    assert diagnostics[0].message.endswith("(the quoted text runs on to line 15)")


def test_the_trap_comes_before_any_other_message_on_its_line() -> None:
    """A trap explains what the validator says about the same place, so it is listed first and
    a message at the very same place (C102 'expected a block') is left out."""
    text = back("    - text:Achter")
    assert [d.code for d in found(text)] == ["C123"]


def test_correct_files_have_no_traps() -> None:
    """No false alarm: quoted texts over several lines, folded texts with # and ': ', flow
    mappings, comments written as comments, the sample leaflet."""
    text = back(
        "    - text: 'Dit is een tekst\n        over twee regels'\n"
        "    - text: >-\n        Lokaal #12: om 8.15 uur, - of * of [x]\n"
        '    - illustration: {name: shield, alt: ""}  # a comment\n'
        '    - text: "#12 en: dit"\n'
        "    # a whole-line comment: with a colon"
    )
    assert found(text) == ()
    _, warnings = load(SAMPLE)
    assert not [d for d in warnings if d.code.startswith("C1")]


def test_a_list_item_indented_one_too_far_names_the_item_it_should_line_up_with() -> None:
    """A list item one space too far in: the message names its line and column, the hint the
    column of the item above it (a list item lines up with a list item) and the key above that
    (it said only "the lines above" and pointed at a mapping five lines up)."""
    text = MINIMAL.replace("    - text: Binnen.\n", "    - text: Binnen.\n     - text: Nog een.\n")
    assert shown(text) == [
        "content.yaml:12:6: error[C004]: YAML syntax error: the indentation of line 12 (column 6) does not "
        "match the lines above\n"
        "  = hint: start '- text: Nog een.' in column 5 as line 11 does ('- text: Binnen.'), or in column 3 "
        "as line 9 does ('inside:')"
    ]


def test_a_key_indented_between_two_levels_lines_up_with_a_key_first() -> None:
    """`flap:` one space in after the back panel's list: a key is offered the columns of the keys
    above it (`back:`, then `panels:`), not of the list item it follows."""
    text = MINIMAL.replace("  flap:\n    - text: Flap.\n", "") + "   flap:\n    - text: Flap.\n"
    assert shown(text) == [
        "content.yaml:12:4: error[C004]: YAML syntax error: the indentation of line 12 (column 4) does not "
        "match the lines above\n"
        "  = hint: start 'flap:' in column 3 as line 10 does ('back:'), or in column 1 as line 4 does "
        "('panels:')"
    ]


def test_every_trap_of_a_file_is_reported_at_once() -> None:
    """Four traps on four lines, two of which stop YAML (a leading `@`, a leading `'` whose
    quote stays open to the end of the file) and one of which does not (` #` cuts a text): all
    four in one report, in file order (the open quote was a C004 at the end of the file, and
    the others came only once the first were fixed)."""
    text = (
        MINIMAL.replace("    - text: Flap.", "    - text: @school ben je veilig")
        .replace("    - text: Binnen.", "    - text: 's avonds eten we samen")
        .replace("    - text: Achter.", "    - text: Lokaal #12 om 8.15 uur\n    - text: Ja: zeker")
    )
    assert [(d.code, d.location.line) for d in found(text)] == [
        ("C120", 8),
        ("C120", 11),
        ("C121", 13),
        ("C122", 14),
    ]


def test_an_escape_past_the_last_unicode_character_is_located_not_a_crash(write_content) -> None:  # type: ignore[no-untyped-def]
    """`"\\U00EBB3A0"` made PyYAML's scanner raise ValueError (found by the long fuzz run: exit 3
    with a traceback); it is C004 at the escape, saying what Unicode allows, in content and data."""
    path = write_content(MINIMAL.replace("  title: Test", '  title: "Test \\U00EBB3A0 x"'))
    code, _, err = run("build", str(path))
    assert code == 1 and "Traceback" not in err
    assert (
        f"{path}:2:16: error[C004]: the escape \\U00EBB3A0 names no character: Unicode ends at \\U0010FFFF"
        in err
    )
    rows = path.parent / "rows.yaml"
    rows.write_text('- school: {name: "A \\U00EBB3A0"}\n', encoding="utf-8")
    code, _, err = run("build", str(path), "--data", str(rows))
    assert code == 1 and "Traceback" not in err and f"{rows}:1:23: error[D002]: " in err


def test_half_a_character_pair_is_refused_in_every_text_and_said_escaped(write_content) -> None:  # type: ignore[no-untyped-def]
    """A `"\\ud800"` escape makes a lone surrogate, which no UTF-8 file or PDF can hold: in the
    subject, an alt text or a link (texts no glyph check sees) ReportLab crashed on it, and
    `check` crashed printing it. Each is C117 at its text; the report shows it escaped."""
    text = MINIMAL.replace("  language: nl", '  language: nl\n  subject: "Sub \\ud800"').replace(
        "    - illustration: phone", '    - illustration: {name: phone, alt: "Alt \\ud800"}'
    )
    path = write_content(
        text.replace("- text: Achter.", '- text: "Zie [de site](https://example.nl/\\udc00)."')
    )
    for command in ("build", "check"):
        code, out, err = run(command, str(path))
        said = out + err
        assert code == 1 and "Traceback" not in said and "\ud800" not in said
        assert said.count("error[C117]") == 3 and "'alt' holds U+D800, one half of a character pair" in said
