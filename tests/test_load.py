"""The load stage: content.yaml to the content model, with every problem located."""

from __future__ import annotations

import datetime
from pathlib import Path
from textwrap import dedent, indent

import pytest

from brochure.diagnostics import BuildError, Diagnostic, Location, Severity
from brochure.load.addresses import is_valid_url
from brochure.load.content import load, load_text
from brochure.load.inline import parse_inline
from brochure.load.model import (
    Block,
    Break,
    BulletList,
    Callout,
    Content,
    Footnote,
    Heading,
    Illustration,
    Image,
    Paragraph,
    Slogan,
    SourceList,
    Span,
)
from brochure.load.positions import TextPositions

ROOT = Path(__file__).parent.parent
#: Two lines of valid metadata; panel text given to `panels()` starts on line 3.
HEAD = "meta: {title: T, language: nl}\npanels:\n"


def loaded(text: str) -> Content:
    content, warnings = load_text(dedent(text), Path("t.yaml"))
    assert warnings == ()
    return content


def panels(text: str) -> Content:
    return loaded(HEAD + indent(dedent(text), "  "))


def failures(text: str) -> tuple[Diagnostic, ...]:
    with pytest.raises(BuildError) as caught:
        load_text(dedent(text), Path("t.yaml"))
    return caught.value.diagnostics


def codes(text: str) -> list[tuple[int, int, str]]:
    """(line, column, code) of every diagnostic of a text that must fail."""
    return [(d.location.line, d.location.column, d.code) for d in failures(text)]


def spans(text: str) -> tuple[Span, ...]:
    result, _, problems = parse_inline(text, TextPositions(Location("t", 1, 1), ((0, 1, 1),)))
    assert problems == ()
    return result


# -- the sample leaflet -------------------------------------------------------------------------


def test_sample_content_loads_without_any_diagnostic() -> None:
    """content.yaml, the real leaflet, loads with no error and no warning."""
    content, diagnostics = load(ROOT / "content.yaml")
    assert diagnostics == ()
    assert [p.name for p in content.panels] == ["cover", "flap", "inside", "back"]


def all_blocks(content: Content) -> list[Block]:
    return [block for panel in content.panels for block in panel.blocks]


def test_sample_content_model_values() -> None:
    """Metadata, fold, theme and sources of content.yaml become the expected model values."""
    content, _ = load(ROOT / "content.yaml")
    assert content.meta.title == "Sexting"
    assert content.meta.language == "nl"
    assert content.meta.date == datetime.date(2026, 11, 25)
    assert content.meta.version == "1.0"
    assert (content.fold.kind, content.fold.paper) == ("roll", "a4")
    assert content.theme.colour == "#B3124B"
    assert {s.id for s in content.sources} == {"wikipedia", "iwf"}
    assert all(s.url.startswith("https://") for s in content.sources)


def test_sample_content_inline_markup() -> None:
    """content.yaml's bold word, italics, citation, footnote mark and bare URL become spans."""
    content, _ = load(ROOT / "content.yaml")
    blocks = all_blocks(content)
    callouts = [b for b in blocks if isinstance(b, Callout)]
    assert any(Span("NOOIT!", bold=True) in p for c in callouts for p in c.paragraphs)
    texts = [span for b in blocks if isinstance(b, Paragraph) for span in b.text]
    assert Span("sex", italic=True, lang="en") in texts
    assert Span(kind="cite", ref="wikipedia") in texts
    assert Span(kind="footnote", ref="iwf") in texts
    (footnote,) = [b for b in blocks if isinstance(b, Footnote)]
    assert footnote.id == "iwf"
    assert Span("https://www.iwf.org.uk", link="https://www.iwf.org.uk") in footnote.text
    assert [b.title for b in blocks if isinstance(b, SourceList)] == ["Bronnen"]


def test_paths_and_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Content.path is resolved; locations name the file as the user gave it, 1-based."""
    (tmp_path / "c.yaml").write_text(HEAD + "  cover:\n    - text: Hi\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    content, _ = load("c.yaml")
    assert content.path == (tmp_path / "c.yaml").resolve()
    assert content.base_dir == tmp_path.resolve()
    assert content.meta.location == Location("c.yaml", 1, 1)
    assert content.panels[0].location == Location("c.yaml", 3, 3)
    assert content.panels[0].blocks[0].location == Location("c.yaml", 4, 7)


# -- scalars ------------------------------------------------------------------------------------


def test_plain_scalars_stay_text() -> None:
    """`no`, `yes`, numbers and dates given where text is wanted keep their source text."""
    content = loaded("""\
        meta: {title: no, language: nl, subtitle: yes, author: 2026-01-01, version: 1.10}
        panels: {cover: [text: 42]}
    """)
    assert content.meta.title == "no"
    assert content.meta.subtitle == "yes"
    assert content.meta.author == "2026-01-01"
    assert content.meta.version == "1.10"
    assert content.panels[0].blocks == (Paragraph((Span("42"),), Location("t.yaml", 2, 18)),)


def test_quoted_version_and_numbers_and_booleans() -> None:
    """A quoted version is kept; body-size and typography convert from plain scalars."""
    content = loaded("""\
        meta: {title: T, language: en, version: "2.0"}
        theme: {body-size: 9.5, typography: false, font: fonts/a.ttf}
        panels: {}
    """)
    assert content.meta.version == "2.0"
    assert content.theme.body_size == 9.5
    assert content.theme.typography is False
    assert content.theme.font == "fonts/a.ttf"
    assert content.theme.location == Location("t.yaml", 2, 1)


def test_fold_as_mapping_and_defaults() -> None:
    """`fold` may be a kind or a mapping; absent, it is a roll fold on A4."""
    assert loaded("meta: {title: T, language: nl}\nfold: {paper: a4}\npanels: {}\n").fold.kind == "roll"
    assert loaded("meta: {title: T, language: nl}\npanels: {}\n").fold.paper == "a4"


# -- blocks -------------------------------------------------------------------------------------


def test_every_block_form_builds_its_model() -> None:
    """Each block type, short and long form, becomes its dataclass with defaults filled in."""
    content = panels("""\
          inside:
            - heading: Short
            - heading: {text: Long, level: 3}
            - list: [a, b]
            - list: {items: [c]}
            - callout: One
            - callout: {title: T, text: [P1, P2]}
            - slogan: Go
            - image: {file: x.png, alt: ""}
            - image: {file: y.png, alt: Y, caption: C, width: 0.5}
            - illustration: phone
            - illustration: {name: shield, alt: A shield}
            - footnote: {id: n1, text: Note}
            - sources:
            - sources: {title: Refs}
            - break
            - break: panel
            - text: See[^n1]
    """)
    blocks = content.panels[0].blocks
    assert [type(b) for b in blocks] == [
        Heading,
        Heading,
        BulletList,
        BulletList,
        Callout,
        Callout,
        Slogan,
        Image,
        Image,
        Illustration,
        Illustration,
        Footnote,
        SourceList,
        SourceList,
        Break,
        Break,
        Paragraph,
    ]
    assert isinstance(blocks[0], Heading) and blocks[0].level == 2
    assert isinstance(blocks[1], Heading) and blocks[1].level == 3
    assert isinstance(blocks[2], BulletList) and blocks[2].items == ((Span("a"),), (Span("b"),))
    assert isinstance(blocks[5], Callout) and blocks[5].title == (Span("T"),)
    assert blocks[5].paragraphs == ((Span("P1"),), (Span("P2"),))
    assert isinstance(blocks[7], Image) and (blocks[7].alt, blocks[7].width, blocks[7].caption) == (
        "",
        1.0,
        (),
    )
    assert isinstance(blocks[8], Image) and (blocks[8].width, blocks[8].caption) == (0.5, (Span("C"),))
    assert isinstance(blocks[10], Illustration) and blocks[10].alt == "A shield"
    assert isinstance(blocks[12], SourceList) and blocks[12].title == "Bronnen"
    assert isinstance(blocks[13], SourceList) and blocks[13].title == "Refs"


def test_block_location_is_its_type_key() -> None:
    """A block's location is the key naming its type; a bare break is located at the word."""
    content = panels("""\
          cover:
            - heading: {text: Long, level: 3}
            -   break
    """)
    heading, brk = content.panels[0].blocks
    assert heading.location == Location("t.yaml", 4, 7)
    assert brk.location == Location("t.yaml", 5, 9)


def test_sources_title_defaults_by_language() -> None:
    """The sources block is titled Bronnen in Dutch and Sources otherwise."""
    content = loaded("meta: {title: T, language: en-GB}\npanels: {back: [sources: ]}\n")
    block = content.panels[0].blocks[0]
    assert isinstance(block, SourceList) and block.title == "Sources"


def test_panel_full_form() -> None:
    """A panel mapping carries blocks, align and fit."""
    content = panels("""\
          back:
            align: bottom
            fit: shrink
            blocks: [text: x]
    """)
    back = content.panels[0]
    assert (back.name, back.align, back.fit, len(back.blocks)) == ("back", "bottom", "shrink", 1)


# -- diagnostics --------------------------------------------------------------------------------


def test_unreadable_file_is_c001(tmp_path: Path) -> None:
    """A missing file is C001 without a line, naming the path as given."""
    with pytest.raises(BuildError) as caught:
        load(tmp_path / "missing.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "C001"
    assert diagnostic.location == Location(str(tmp_path / "missing.yaml"))
    assert "No such file" in diagnostic.message


def test_not_utf8_is_c002_at_the_bad_byte(tmp_path: Path) -> None:
    """A Latin-1 byte is reported at its line and character column."""
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"meta:\n  title: \xc3\xa9t\xe9\n")
    with pytest.raises(BuildError) as caught:
        load(path)
    assert [(d.code, d.location.line, d.location.column) for d in caught.value.diagnostics] == [
        ("C002", 2, 12)
    ]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark (as some Windows editors write) is not an error."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + HEAD.encode() + b"  cover: []\n")
    content, _ = load(path)
    assert content.meta.location == Location(str(path), 1, 1)


@pytest.mark.parametrize("text", ["", "\n\n", "# comment\n", "---\n"])
def test_empty_file_is_c003(text: str) -> None:
    """Nothing, blank lines, only comments or a bare document marker: C003."""
    assert codes(text) == [(1, 1, "C003")]


def test_tab_indent_is_a_readable_c124() -> None:
    """A tab is a YAML error at the tab, told in plain words with a hint."""
    (diagnostic,) = failures("meta:\n\ttitle: x\n")
    assert (diagnostic.code, diagnostic.location.line, diagnostic.location.column) == ("C124", 2, 1)
    assert "tab" in diagnostic.message and "spaces" in diagnostic.hint


def test_duplicate_key_is_c005_and_the_first_is_kept() -> None:
    """A repeated key is reported at the repeat with the line of the first in the hint."""
    diagnostics = failures(HEAD + "  cover: [text: a]\n  cover: [text: b]\n")
    assert [(d.code, d.location.line, d.location.column) for d in diagnostics] == [("C005", 4, 3)]
    assert "line 3" in diagnostics[0].hint


def test_top_level_list_is_c006() -> None:
    """The top level must be a mapping."""
    assert codes("- a\n- b\n") == [(1, 1, "C006")]


def test_every_problem_is_collected_in_file_order() -> None:
    """Problems all over the file are reported together, sorted by line and column."""
    found = codes("""\
        meta: {title: T, language: dutch, date: 2026-13-01}
        theme: {colour: red, body-size: 30}
        panels:
          covr: [text: a]
          cover: [calout: b, heading: {text: c, level: 1}]
    """)
    assert found == [
        (1, 28, "C112"),
        (1, 41, "C108"),
        (2, 17, "C111"),
        (2, 33, "C106"),
        (4, 3, "C105"),
        (5, 11, "C104"),
        (5, 48, "C106"),
    ]


def test_unknown_key_hint_suggests_the_closest() -> None:
    """C101 carries a did-you-mean hint."""
    (diagnostic,) = failures("meta: {title: T, language: nl, subtitel: s}\npanels: {}\n")
    assert diagnostic.code == "C101" and diagnostic.hint == "did you mean 'subtitle'?"


def test_unknown_panel_hint_lists_the_folds_names() -> None:
    """C105 with nothing close lists the fold's valid names, flows included."""
    (diagnostic,) = failures(HEAD + "  front: []\n")
    assert diagnostic.code == "C105"
    assert "'inside'" in diagnostic.hint and "'cover'" in diagnostic.hint


def test_invalid_fold_skips_panel_name_checks() -> None:
    """With an unknown fold kind the panel names are not checked against a guessed fold."""
    assert codes("meta: {title: T, language: nl}\nfold: zfold\npanels: {front: []}\n") == [(2, 7, "C106")]


def test_warnings_come_back_with_the_content() -> None:
    """An unreferenced footnote is a warning returned next to the content."""
    content, warnings = load_text(HEAD + "  back: [footnote: {id: a, text: b}]\n", Path("t.yaml"))
    assert [(w.code, w.severity) for w in warnings] == [("C204", Severity.WARNING)]
    assert isinstance(content.panels[0].blocks[0], Footnote)


def test_build_error_carries_errors_and_warnings() -> None:
    """BuildError holds every diagnostic, warnings included; its text lists the errors."""
    with pytest.raises(BuildError) as caught:
        load_text(HEAD + "  back: [footnote: {id: a, text: b}, text: '[^b]']\n", Path("t.yaml"))
    assert [d.code for d in caught.value.diagnostics] == ["C204", "C202"]
    assert "C202" in str(caught.value) and "C204" not in str(caught.value)


def test_reference_hints_suggest_ids() -> None:
    """C202 and C203 suggest the closest footnote or source id."""
    diagnostics = failures("""\
        meta: {title: T, language: nl}
        sources: [{id: iwf, title: I, url: "https://www.iwf.org.uk"}]
        panels:
          back: [text: "A[^nott] b[@iwff]", footnote: {id: note, text: n}]
    """)
    hints = {d.code: d.hint for d in diagnostics}
    assert hints["C202"] == "did you mean 'note'?"
    assert hints["C203"] == "did you mean 'iwf'?"


def test_markup_error_columns_follow_the_scalar_style() -> None:
    """C201 is at the character in plain and quoted scalars and on its own line in block scalars."""
    found = codes(
        HEAD
        + """\
  cover:
    - text: a *b
    - text: 'a **b'
    - text: "a [b"
    - text: |
        a *b
    - text: >-
        folded over
        two *lines
"""
    )
    assert found == [(4, 15, "C201"), (5, 16, "C201"), (6, 16, "C201"), (8, 11, "C201"), (11, 13, "C201")]


def test_escapes_and_doubled_quotes_keep_the_column() -> None:
    """A doubled quote ('') or an escape (\\u00e9) is one character of the value but several of
    the file: the columns after it still point at the character."""
    assert codes(HEAD + "  cover:\n    - text: 'it''s *open'\n") == [(4, 20, "C201")]
    assert codes(HEAD + '  cover:\n    - text: "caf\\u00e9 *open"\n') == [(4, 24, "C201")]


# -- inline markup ------------------------------------------------------------------------------


def test_bold_italic_and_merging() -> None:
    """**bold**, *italic*, _italic_ and ***both***; equal neighbours merge."""
    assert spans("a **b** *c* _d_ ***e***") == (
        Span("a "),
        Span("b", bold=True),
        Span(" "),
        Span("c", italic=True),
        Span(" "),
        Span("d", italic=True),
        Span(" "),
        Span("e", bold=True, italic=True),
    )
    assert spans("**a****b**") == (Span("ab", bold=True),)


def test_underscores_inside_words_and_lone_stars_are_text() -> None:
    """snake_case and `5 * 3` are not emphasis."""
    assert spans("snake_case_name and 5 * 3") == (Span("snake_case_name and 5 * 3"),)


def test_links_and_bare_urls() -> None:
    """[label](url) links its styled label; bare URLs link themselves without trailing punctuation."""
    assert spans("see [the **IWF**](https://www.iwf.org.uk) now") == (
        Span("see "),
        Span("the ", link="https://www.iwf.org.uk"),
        Span("IWF", bold=True, link="https://www.iwf.org.uk"),
        Span(" now"),
    )
    assert spans("(https://a.nl/x), https://b.nl/y_(z).") == (
        Span("("),
        Span("https://a.nl/x", link="https://a.nl/x"),
        Span("), "),
        Span("https://b.nl/y_(z)", link="https://b.nl/y_(z)"),
        Span("."),
    )


def test_footnote_marks_citations_and_escapes() -> None:
    """[^id] and [@id] become reference spans; backslash escapes give the literal character."""
    assert spans(r"a[^n1] b[@src] \*c\* \[d\] \_e\_ f\\g") == (
        Span("a"),
        Span(kind="footnote", ref="n1"),
        Span(" b"),
        Span(kind="cite", ref="src"),
        Span(r" *c* [d] _e_ f\g"),
    )


def test_whitespace_collapses_and_ends_are_stripped() -> None:
    """Runs of spaces and newlines become one space; leading and trailing space goes."""
    assert spans("  a \n\n b  **c** \t ") == (Span("a b "), Span("c", bold=True))
    assert spans("a\u00a0 b") == (Span("a\u00a0 b"),)


def test_plain_brackets_are_text() -> None:
    """Brackets that are not a link, mark or citation stay text."""
    assert spans("[sic] and [^not an id]") == (Span("[sic] and [^not an id]"),)


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://www.iwf.org.uk", True),
        ("http://example.org/a?b=c#d", True),
        ("mailto:info@example.org", True),
        ("www.example.org", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("ftp://example.org", False),
        ("mailto:nobody", False),
        ("https://example.org:port", False),
    ],
)
def test_url_validation(url: str, valid: bool) -> None:
    """Absolute http, https or mailto with a host; no spaces."""
    assert is_valid_url(url) is valid
