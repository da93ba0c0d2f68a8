"""Messages that name the real cause: true overflow figures, blocks as the author knows them, no
warnings that only repeat an error, and no traceback from preview on an overflowing file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brochure.diagnostics import BuildError, Diagnostic, Location
from brochure.layout.kinds import layout
from brochure.load.content import load
from brochure.load.model import Callout, Image, Paragraph, Span
from brochure.load.registry import block_name
from brochure.proof.check import check
from brochure.resolve.document import resolve
from tests.conftest import MINIMAL
from tests.test_cli import run

WORDS = " ".join(["woord"] * 60)
HERE = Location("content.yaml", 1, 1)


def millimetres(message: str) -> float:
    found = re.search(r"([0-9.]+) mm", message)
    assert found, message
    return float(found.group(1))


def errors(path: Path) -> list[tuple[str, int, str]]:
    result = check(path)
    return [(d.code, d.location.line, d.message) for d in result.diagnostics if d.code.startswith("L")]


def test_blocks_are_named_by_their_kind_and_first_words() -> None:
    """No internal names (furniture, bulletlist): the kind a reader knows and the words it starts with."""
    callout = Callout(((Span("Helemaal veilig is het nooit"),),), HERE)
    assert block_name(callout) == "the callout 'Helemaal veilig is …'"
    assert block_name(Paragraph((Span("Kort."),), HERE)) == "the paragraph 'Kort.'"
    assert block_name(Image("assets/photo.png", "", HERE)) == "the image 'assets/photo.png'"
    assert block_name(None) == "the title" and block_name(None, furniture="the colophon") == "the colophon"


def test_an_over_long_title_is_named_and_no_derived_warning_follows(write_content) -> None:  # type: ignore[no-untyped-def]
    """The title that takes the cover is the error (not 'the end of the illustration'), at the
    `title:` line (line 2, not `meta:` on line 1); the blocks it pushed off the cover get no L005
    'lies 0.0 mm from the trim' besides."""
    title = " ".join(["Schoolreis"] * 60)
    path = write_content(MINIMAL.replace("title: Test", f"title: {title}"))
    found = errors(path)
    assert len(found) == 1
    code, line, message = found[0]
    assert code == "L101" and "the title does not fit (about 60 words)" in message
    assert line == 2
    assert millimetres(message) > 50
    assert "furniture" not in message and "illustration" not in message
    # Nor a contrast warning for the title's lines that overflowed the cover's colour field onto
    # white paper, said at `meta:`: the overflow is the one problem.
    others = [(d.code, d.location.line, d.message) for d in check(path).diagnostics if d.code != "L101"]
    empty = "panels 'inside-middle' and 'inside-right' stay empty: the flow 'inside' ends before them"
    assert others == [("K105", 9, empty)]


def test_preview_with_guides_of_an_overflowing_title_is_exit_1_without_traceback(write_content) -> None:  # type: ignore[no-untyped-def]
    """`preview --guides` draws the text area the title took entirely (it crashed, exit 3)."""
    title = " ".join(["Schoolreis"] * 60)
    path = write_content(MINIMAL.replace("title: Test", f"title: {title}"))
    code, out, err = run("preview", str(path), "--guides", "--dpi", "20")
    assert code == 1 and "Traceback" not in err and "the title does not fit" in err
    assert "previewed what fits" in err and out.count("wrote ") == 3


def test_a_callout_that_does_not_fit_is_named_with_its_true_overflow(write_content) -> None:  # type: ignore[no-untyped-def]
    """Never '0.0 mm' for a block that does not fit: the callout is over by most of its height."""
    back = (
        "".join(f"    - text: {WORDS}\n" for _ in range(4))
        + f"    - callout: Helemaal veilig {WORDS} {WORDS}\n"
    )
    path = write_content(MINIMAL.replace("    - text: Achter.\n", back))
    (code, line, message), *rest = errors(path)
    assert code == "L101" and line == 17 and not rest
    assert "the callout 'Helemaal veilig woord …' does not fit (about 122 words)" in message
    assert millimetres(message) > 15


def test_a_break_that_leaves_no_panel_is_said_to_be_the_cause(write_content) -> None:  # type: ignore[no-untyped-def]
    """Three breaks in the inside flow leave no panel for the blocks after the last one: the
    error points at that break, with the true number of blocks and words stranded."""
    inside = (
        "    - text: Binnen.\n    - break\n    - text: Twee.\n    - break\n    - text: Drie.\n    - break\n"
    )
    stranded = "".join(f"    - text: {WORDS}\n" for _ in range(8))
    path = write_content(MINIMAL.replace("    - text: Binnen.\n", inside + stranded))
    (code, line, message), *rest = errors(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert code == "L101" and lines[line - 1].strip() == "- break" and line == 16 and not rest
    assert "the break here leaves no panel for the blocks after it in the 'inside' panels" in message
    assert "(8 blocks, about 480 words, " in message and millimetres(message) > 100


def test_blocks_after_a_break_that_overflow_the_foot_are_named(write_content) -> None:  # type: ignore[no-untyped-def]
    back = "    - text: Achter.\n    - break\n" + "".join(f"    - text: {WORDS}\n" for _ in range(8))
    path = write_content(MINIMAL.replace("    - text: Achter.\n", back))
    (code, line, message), *rest = errors(path)
    assert code == "L101" and line == 14 and not rest
    assert "the blocks after the break here (8) do not fit at its foot" in message
    assert millimetres(message) > 100


@pytest.mark.parametrize("command", ["build", "check", "preview"])
def test_no_command_prints_a_traceback_for_an_overflowing_file(write_content, command: str) -> None:  # type: ignore[no-untyped-def]
    title = " ".join(["Schoolreis"] * 60)
    path = write_content(MINIMAL.replace("title: Test", f"title: {title}"))
    code, _, err = run(command, str(path), *(["--guides", "--dpi", "20"] if command == "preview" else []))
    assert code == 1 and "Traceback" not in err


WIDE = "Kindertelefoonhulpverleningsmedewerkersopleidingstraject"


def sheet_diagnostics(path: Path) -> list[Diagnostic]:
    """What laying out the folded sheet says (errors and warnings)."""
    document, _ = resolve(load(path)[0])
    try:
        return list(layout(document, "sheet")[1])
    except BuildError as error:
        return list(error.diagnostics)


@pytest.mark.parametrize("fit", ["error", "shrink"])
def test_a_body_word_wider_than_its_column_is_l104_naming_block_and_word(write_content, fit: str) -> None:  # type: ignore[no-untyped-def]
    """A word that cannot break (kept whole by backquotes) wider than the back panel's column is
    L104 at the paragraph's line, naming the paragraph and the word, and the hint offers
    `fit: shrink`; with `fit: shrink` the sheet sets the panel smaller until it fits (L102)."""
    back = f"  back:\n    fit: {fit}\n    blocks:\n      - text: Bel `{WIDE}` gerust.\n"
    path = write_content(MINIMAL.replace("  back:\n    - text: Achter.\n", back))
    found = {d.code: d for d in sheet_diagnostics(path)}
    if fit == "shrink":
        assert "L104" not in found and "made smaller to fit" in found["L102"].message
        # The phone pages shrink the panel's text too (they said L104 with fit: shrink before).
        assert [d.code for d in check(path).diagnostics if d.code == "L104"] == []
        return
    wide = found["L104"]
    assert (wide.location.line, wide.location.column) == (15, 9)
    assert f"'{WIDE}'" in wide.message and "the paragraph 'Bel" in wide.message
    assert "fit: shrink" in wide.hint


def test_a_word_too_wide_even_at_the_smallest_size_says_so(write_content) -> None:  # type: ignore[no-untyped-def]
    """With `fit: shrink` and a word too wide even at the smallest size, L104 says so."""
    back = f"  back:\n    fit: shrink\n    blocks:\n      - text: Bel `{WIDE}{WIDE[:20]}` gerust.\n"
    path = write_content(MINIMAL.replace("  back:\n    - text: Achter.\n", back))
    (wide,) = [d for d in sheet_diagnostics(path) if d.code == "L104"]
    assert "smallest allowed" in wide.message and "fit: shrink" not in wide.hint


def test_an_unknown_illustration_is_l003_with_the_name_meant(write_content) -> None:  # type: ignore[no-untyped-def]
    """`illustration: phnoe` is L003 at its line, suggesting `phone`; nothing is drawn for it."""
    path = write_content(MINIMAL.replace("- illustration: phone", "- illustration: phnoe"))
    (found,) = [d for d in check(path).diagnostics if d.code == "L003"]
    assert found.location.line == 6 and "'phnoe'" in found.message and "phone" in found.hint


def test_a_title_that_fills_a_phone_page_is_l103_at_the_title_line(write_content) -> None:  # type: ignore[no-untyped-def]
    """Sixty words of title leave no room on the cover's phone page: L103 at `title:` (line 2)."""
    title = " ".join(["Schoolreis"] * 60)
    document, _ = resolve(load(write_content(MINIMAL.replace("title: Test", f"title: {title}")))[0])
    with pytest.raises(BuildError) as raised:
        layout(document, "phone")
    (found,) = [d for d in raised.value.diagnostics if d.code == "L103"]
    assert found.location.line == 2 and "the title leaves no room on a phone page" in found.message


def test_the_engine_s_own_texts_point_at_their_meta_field(write_content) -> None:  # type: ignore[no-untyped-def]
    """A preflight finding on the subtitle or the organisation is said at its own line in `meta:`
    (it was said at `meta:` itself), the title's at `title:`; text in a block at the block."""
    from brochure.checks.preflight import Context
    from brochure.checks.printed import text_runs
    from brochure.checks.source import SourceText

    more = "  subtitle: Ondertitel\n  organisation: School\n"
    text = MINIMAL.replace("  language: nl\n", "  language: nl\n" + more)
    path = write_content(text)
    content = load(path)[0]
    laid, _ = layout(resolve(content)[0], "sheet")
    context = Context(laid, content, SourceText.of(text, str(path)))
    lines = {run.style: context.at(run).line for run in text_runs(laid)}
    assert (lines["title"], lines["subtitle"], lines["cover_note"]) == (2, 4, 5)
    assert lines["body"] > 5


def test_a_word_of_thousands_of_characters_is_quoted_short(write_content) -> None:  # type: ignore[no-untyped-def]
    """An unbreakable word of 3,000 characters: L104 quotes its start and says its length, and
    the paragraph is named by its first characters, so the message stays one readable line."""
    word = "X" * 3000
    path = write_content(MINIMAL.replace("- text: Binnen.", f"- text: Binnen {word} woord."))
    code, _, err = run("build", str(path))
    (line,) = [line for line in err.splitlines() if "error[L104]" in line]
    message = line.split("error[L104]: ")[1]
    assert code == 1 and len(message) < 200
    assert message.startswith(
        f"in the paragraph 'Binnen {'X' * 33}…', '{'X' * 60}… (3,000 characters)' is wider"
    )


def test_a_missing_glyph_in_a_meta_text_points_at_its_field(write_content) -> None:  # type: ignore[no-untyped-def]
    """A010 for the subtitle, the author and the version names their own lines, not `meta:`."""
    fields = '  language: nl\n  subtitle: "Sub \\u0378"\n  author: "Au \\u0378"\n  version: "1.\\u0378"'
    path = write_content(MINIMAL.replace("  language: nl", fields))
    code, _, err = run("build", str(path))
    assert code == 1
    assert f"{path}:4:3: error[A010]: the font has no glyph for " in err and "; also at 5:3, 6:3" in err


def test_large_overflows_are_written_with_thousands_grouped(write_content) -> None:  # type: ignore[no-untyped-def]
    """Four hundred paragraphs over the inside: the overflow and the words to cut read as
    '2,337.4 mm' and 'about 2,261 words', as every other large number in the messages."""
    blocks = "".join(f"    - text: Zin nummer {i} met een paar woorden.\n" for i in range(400))
    path = write_content(MINIMAL.replace("    - text: Binnen.\n", blocks))
    code, _, err = run("build", str(path), "-e", "print")
    assert code == 1
    assert re.search(r"error\[L101\]: the 'inside' panels are \d,\d{3}\.\d mm too long: ", err), err
    assert re.search(r"\(about \d,\d{3} words\)", err) and re.search(r"cut about \d,\d{3} words", err), err
