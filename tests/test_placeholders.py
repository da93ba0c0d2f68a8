"""Placeholders: `{{ name }}` filled from a data row in the load stage, positions kept right."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from brochure.diagnostics import BuildError, Diagnostic
from brochure.load.content import load, load_text
from brochure.load.model import Callout, Content, Image, Paragraph
from brochure.load.placeholders import fill_text
from brochure.resolve.document import resolve

TEMPLATE = """\
meta:
  title: "{{ school.name }}"
  language: nl
  organisation: Basisschool {{ school.name }}
panels:
  cover:
    - illustration: phone
  flap:
    - text: Welkom op **{{ school.name }}**, groep {{ group }}.
  inside:
    - callout: {title: "Vragen?", text: "Bel {{ contact.name }}: [{{ contact.phone }}](https://example.org)"}
  back:
    - text: >-
        Met vriendelijke groet,
        {{ contact.name }}
"""
ROW = {"school.name": "De Regenboog", "group": "7", "contact.name": "Mevr. Jansen", "contact.phone": "0612"}


def filled(text: str, values: dict[str, str] | None) -> Content:
    return load_text(dedent(text), Path("t.yaml"), values)[0]


def problems(text: str, values: dict[str, str] | None = None) -> tuple[Diagnostic, ...]:
    with pytest.raises(BuildError) as caught:
        load_text(dedent(text), Path("t.yaml"), values)
    return caught.value.diagnostics


def where(diagnostics: tuple[Diagnostic, ...]) -> list[tuple[int, int, str]]:
    return [(d.location.line, d.location.column, d.code) for d in diagnostics]


def plain(block: object) -> str:
    assert isinstance(block, Paragraph)
    return "".join(span.text for span in block.text)


def test_placeholders_are_filled_in_metadata_text_markup_and_folded_scalars() -> None:
    """Every text takes the row's values; markup around a placeholder still applies."""
    content = filled(TEMPLATE, ROW)
    assert content.meta.title == "De Regenboog"
    assert content.meta.organisation == "Basisschool De Regenboog"
    flap = content.panel("flap")
    assert flap is not None
    spans = flap.blocks[0].text  # type: ignore[union-attr]
    assert [(s.text, s.bold) for s in spans] == [
        ("Welkom op ", False),
        ("De Regenboog", True),
        (", groep 7.", False),
    ]
    back = content.panel("back")
    assert back is not None and plain(back.blocks[0]) == "Met vriendelijke groet, Mevr. Jansen"


def test_a_placeholder_inside_a_link_fills_its_label() -> None:
    """`[{{ phone }}](https://example.org)` shows the phone number as the link's text."""
    inside = filled(TEMPLATE.replace("(https://example.org)", "(https://example.org)"), ROW).panel("inside")
    assert inside is not None
    callout = inside.blocks[0]
    assert isinstance(callout, Callout)
    assert [(s.text, s.link) for s in callout.paragraphs[0]] == [
        ("Bel Mevr. Jansen: ", ""),
        ("0612", "https://example.org"),
    ]


def test_missing_values_are_errors_at_the_placeholder_never_blanks() -> None:
    """An empty cell and an absent column both stop the build, at each placeholder's line:column."""
    row = dict(ROW, group=" ")
    del row["contact.name"]
    found = problems(TEMPLATE, row)
    assert where(found) == [(9, 52, "C401"), (11, 46, "C401"), (15, 9, "C401")]
    assert "leaves 'group' empty" in found[0].hint
    assert "no column 'contact.name'" in found[1].hint
    assert "did you mean 'contact.phone'?" in found[1].hint


def test_without_data_the_hint_says_to_give_it() -> None:
    """Building a template without --data names each missing value and how to give it."""
    found = problems(TEMPLATE)
    assert {d.code for d in found} == {"C401"}
    assert all("--data" in d.hint for d in found)
    names = {d.message.split("'")[1] for d in found}
    assert names == {"{{ school.name }}", "{{ group }}", "{{ contact.name }}", "{{ contact.phone }}"}


def test_markup_errors_after_a_filled_placeholder_keep_their_column() -> None:
    """Offsets in the filled text map back to the file: a value of any length shifts nothing."""
    text = 'meta: {title: T, language: nl}\npanels:\n  flap:\n    - text: "{{ a }} and *open"\n'
    for value in ("x", "a much longer value than the placeholder"):
        assert where(problems(text, {"a": value})) == [(4, 26, "C201")]


def test_markup_in_a_value_is_reported_at_its_placeholder() -> None:
    """A value with unbalanced markup points at the placeholder that brought it in."""
    text = "meta: {title: T, language: nl}\npanels:\n  flap:\n    - text: Hier {{ a }} staat het.\n"
    assert where(problems(text, {"a": "**half"})) == [(4, 18, "C201")]


def test_escaped_braces_are_literal_text() -> None:
    r"""`\{{ x }}` is printed as `{{ x }}` and needs no value; `\\` before a placeholder is a backslash."""
    text = "meta: {title: T, language: nl}\npanels:\n  flap:\n    - text: 'a \\{{ x }} b \\\\{{ y }}'\n"
    flap = filled(text, {"y": "Y"}).panel("flap")
    assert flap is not None and plain(flap.blocks[0]) == "a {{ x }} b \\Y"


def test_an_unquoted_placeholder_value_says_to_quote_it() -> None:
    """`heading: {{ x }}` is a YAML mapping: C403 says to quote it, nothing else is reported."""
    text = "meta: {title: T, language: nl}\npanels:\n  flap:\n    - heading: {{ x }}\n"
    found = problems(text, {"x": "X"})
    assert where(found) == [(4, 16, "C403")]
    assert '"{{ x }}"' in found[0].hint


def test_image_paths_take_values_and_are_resolved_per_row(tmp_path: Path) -> None:
    """A per-row logo is opened from the filled path; a row whose logo is absent gets A001."""
    from PIL import Image as PILImage

    (tmp_path / "logos").mkdir()
    PILImage.new("RGB", (40, 20), "red").save(tmp_path / "logos" / "a.png")
    path = tmp_path / "content.yaml"
    path.write_text(
        "meta: {title: T, language: nl}\npanels:\n  flap:\n"
        '    - image: {file: "logos/{{ logo }}", alt: Logo}\n',
        encoding="utf-8",
    )
    content, _ = load(path, {"logo": "a.png"})
    flap = content.panel("flap")
    assert flap is not None and isinstance(flap.blocks[0], Image)
    assert flap.blocks[0].file == "logos/a.png"
    document, _ = resolve(load(path, {"logo": "a.png"})[0])
    assert document.images["logos/a.png"].width_px == 40
    with pytest.raises(BuildError) as caught:
        resolve(load(path, {"logo": "b.png"})[0])
    assert [(d.code, d.location.line) for d in caught.value.diagnostics] == [("A001", 4)]
    assert "logos/b.png" in caught.value.diagnostics[0].message


def test_filled_offsets_map_back_to_the_text_as_written() -> None:
    """Copied text maps one to one; every offset inside a value maps to its placeholder."""
    result = fill_text("ab {{ x }} cd", {"x": "XYZW"})
    assert result.text == "ab XYZW cd"
    assert [result.written_offset(i) for i in range(len(result.text))] == [0, 1, 2, 3, 3, 3, 3, 10, 11, 12]
    assert fill_text("", None).text == ""
    assert fill_text("{{ x }}", None).missing[0].name == "x"


def test_a_bare_placeholder_that_breaks_the_yaml_is_explained() -> None:
    """`text: {{ x }} more` is a YAML syntax error; C403 says to quote the value instead of
    PyYAML's message, for keys and list items, but not for a folded text line that merely
    starts with `{{`."""
    text = (
        "meta: {title: T, language: nl}\npanels:\n  flap:\n    - text: {{ a }} en meer\n"
        "    - list:\n        - {{ b }} x\n    - text: >-\n        {{ c }} in a folded text\n"
    )
    found = problems(text)
    assert [(line, column, code) for line, column, code in where(found) if code == "C403"] == [
        (4, 13, "C403"),
        (6, 11, "C403"),
    ]
    assert "C004" not in {d.code for d in found}
    assert 'title: "{{ school.name }}"' in found[0].hint
