"""The form's view of content.yaml and its edits written back: comments, order and quoting kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from brochure.load.content import load_text
from brochure.serve.yamledit import EditConflict, apply
from brochure.serve.yamlmodel import NotEditable, model
from tests.serving import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")


def _changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_model_lists_panels_in_reading_order_with_block_lines() -> None:
    """Each block carries the lines it spans, so a diagnostic's line finds its block."""
    shown = model(TEXT)
    assert [p["name"] for p in shown["panels"]] == ["cover", "flap", "inside", "back"]
    inside = shown["panels"][2]
    lines = TEXT.splitlines()
    heading = inside["blocks"][1]
    assert heading["kind"] == "heading" and heading["fields"]["text"] == "Wat is sexting?"
    assert lines[heading["line"] - 1].strip() == "- heading: Wat is sexting?"
    paragraph = inside["blocks"][2]
    assert paragraph["line"] == heading["line"] + 1 and paragraph["end"] >= paragraph["line"] + 4
    assert shown["meta"]["title"] == "Sexting" and shown["theme"]["colour"] == "#B3124B"
    assert shown["fold"] == {"kind": "roll", "paper": "a4"}
    assert shown["emptyPanels"] == []


def test_no_edits_give_the_text_back_unchanged() -> None:
    assert apply(TEXT, []) == TEXT
    assert apply(TEXT, [{"op": "meta", "field": "title", "value": "Sexting"}]) == TEXT


def test_a_field_edit_changes_only_its_line_and_keeps_comments() -> None:
    after = apply(TEXT, [{"op": "meta", "field": "title", "value": "Sexting en jij"}])
    assert _changed_lines(TEXT, after) == ["-  title: Sexting", "+  title: Sexting en jij"]
    assert after.startswith("# yaml-language-server:")


@pytest.mark.parametrize(
    "typed", ["'s avonds", '"Zeg nee"', "**NOOIT!**", "[let op]", "@school", "- niet doen", "a #1"]
)
def test_yaml_traps_typed_in_the_form_stay_text(typed: str) -> None:
    """What breaks hand-written YAML (a leading quote, **, [, @, -, an unquoted ' #') is quoted."""
    after = apply(
        TEXT,
        [{"op": "field", "panel": "back", "index": 0, "kind": "slogan", "field": "text", "value": typed}],
    )
    data = yaml.safe_load(after)
    assert data["panels"]["back"]["blocks"][0] == {"slogan": typed}
    content, _ = load_text(after, Path("content.yaml"))
    assert content.meta.title == "Sexting"


def test_a_long_text_is_written_as_a_folded_block_within_the_line_width() -> None:
    words = "Een zin die lang genoeg is om over meerdere regels te lopen. " * 6
    after = apply(
        TEXT,
        [{"op": "field", "panel": "inside", "index": 2, "kind": "text", "field": "text", "value": words}],
    )
    block = yaml.safe_load(after)["panels"]["inside"][2]["text"]
    assert block == words.strip()
    assert max(len(line) for line in after.splitlines()) <= 110
    assert "- text: >-" in after


def test_a_short_block_gets_its_long_form_when_a_second_field_is_set() -> None:
    after = apply(
        TEXT,
        [{"op": "field", "panel": "inside", "index": 1, "kind": "heading", "field": "level", "value": "3"}],
    )
    assert yaml.safe_load(after)["panels"]["inside"][1] == {
        "heading": {"text": "Wat is sexting?", "level": 3}
    }


def test_insert_move_and_remove_keep_the_blank_line_between_panels() -> None:
    added = apply(
        TEXT, [{"op": "insert", "panel": "cover", "index": 1, "kind": "text", "fields": {"text": "Nieuw"}}]
    )
    first = '    - image: {file: assets/phone.svg, alt: ""}'
    assert f"{first}\n    - text: Nieuw\n\n  flap:" in added
    moved = apply(added, [{"op": "move", "panel": "cover", "index": 1, "to": 0, "kind": "text"}])
    assert f"    - text: Nieuw\n{first}\n\n  flap:" in moved
    removed = apply(moved, [{"op": "remove", "panel": "cover", "index": 0, "kind": "text"}])
    assert removed == TEXT


def test_a_new_image_block_with_alt_text() -> None:
    fields = {"file": "assets/foto.jpg", "alt": "Twee leerlingen met een telefoon"}
    after = apply(TEXT, [{"op": "insert", "panel": "flap", "index": 0, "kind": "image", "fields": fields}])
    assert yaml.safe_load(after)["panels"]["flap"]["blocks"][0] == {"image": fields}


def test_fold_paper_and_theme_colours() -> None:
    after = apply(
        TEXT,
        [
            {"op": "fold", "field": "paper", "value": "letter"},
            {"op": "theme", "field": "colour", "value": "#00695C"},
        ],
    )
    data = yaml.safe_load(after)
    assert data["fold"] == {"kind": "roll", "paper": "letter"} and data["theme"]["colour"] == "#00695C"
    assert '  colour: "#00695C"' in after  # still quoted: an unquoted # would start a comment


def test_an_edit_checked_against_a_changed_file_is_a_conflict() -> None:
    """A merge applies a field edit only where the file still has the value the page started from."""
    theirs = apply(TEXT, [{"op": "meta", "field": "title", "value": "Van een ander"}])
    mine = {"op": "meta", "field": "title", "value": "Van mij", "old": "Sexting"}
    with pytest.raises(EditConflict):
        apply(theirs, [mine], check=True)
    other_field = {
        "op": "meta",
        "field": "subtitle",
        "value": "Nieuw",
        "old": model(TEXT)["meta"]["subtitle"],
    }
    merged = yaml.safe_load(apply(theirs, [other_field], check=True))
    assert merged["meta"]["title"] == "Van een ander" and merged["meta"]["subtitle"] == "Nieuw"


def test_an_edit_aimed_at_a_block_that_changed_type_is_refused() -> None:
    with pytest.raises(EditConflict):
        apply(
            TEXT,
            [{"op": "field", "panel": "inside", "index": 1, "kind": "text", "field": "text", "value": "x"}],
        )
    with pytest.raises(EditConflict):
        apply(TEXT, [{"op": "remove", "panel": "inside", "index": 99}])


def test_text_that_is_not_yaml_is_not_editable_in_the_form() -> None:
    with pytest.raises(NotEditable):
        model("meta: [unclosed\n")
    with pytest.raises(NotEditable):
        model("- a list\n")


def test_indentation_of_a_file_is_kept() -> None:
    text = "meta:\n  title: A\n  language: en\npanels:\n  cover:\n  - text: Hi\n"
    after = apply(
        text, [{"op": "insert", "panel": "cover", "index": 1, "kind": "text", "fields": {"text": "Yo"}}]
    )
    assert after == text + "  - text: Yo\n"


def test_fields_added_to_a_block_keep_the_blank_line_after_the_panel() -> None:
    fields = {"file": "", "alt": ""}
    added = apply(TEXT, [{"op": "insert", "panel": "flap", "index": 3, "kind": "image", "fields": fields}])
    after = apply(
        added,
        [
            {
                "op": "field",
                "panel": "flap",
                "index": 3,
                "kind": "image",
                "field": "file",
                "value": "assets/a.jpg",
            },
            {"op": "field", "panel": "flap", "index": 3, "kind": "image", "field": "width", "value": "0.5"},
        ],
    )
    assert (
        "      - image:\n          file: assets/a.jpg\n          alt: ''\n          width: 0.5\n\n  inside:"
        in after
    )


def test_a_text_the_yaml_reader_cannot_scan_is_not_editable_not_a_crash() -> None:
    """An escape past U+10FFFF makes ruamel's scanner raise ValueError: the form says it cannot
    show the file (the source view and the diagnostics still work)."""
    with pytest.raises(NotEditable):
        model('meta:\n  title: "Test \\U00EBB3A0"\n  language: nl\n')
