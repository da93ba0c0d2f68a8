"""The command line through `main(argv)`: exit codes, messages, atomic writes."""

from __future__ import annotations

import io
from pathlib import Path

from brochure.cli.main import main
from brochure.names import leaflet_name
from tests.conftest import MINIMAL


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_build_writes_the_print_edition_and_exits_0(write_content) -> None:  # type: ignore[no-untyped-def]
    """`brochure build content.yaml` writes out/<slug>-print.pdf beside the content."""
    path = write_content()
    code, out, err = run("build", str(path))
    assert code == 0, err
    pdf = path.parent / "out" / f"{leaflet_name(path)}-nl-print.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert f"{leaflet_name(path)}-nl-print.pdf" in out


def test_author_error_exits_1_with_location_and_no_traceback(write_content) -> None:  # type: ignore[no-untyped-def]
    """A typo in a block type is reported as file:line:col with a did-you-mean hint."""
    path = write_content(MINIMAL.replace("- text: Flap.", "- txet: Flap."))
    code, out, err = run("build", str(path))
    assert code == 1
    assert out == ""
    assert f"{path}:8:7: error[C104]" in err
    assert "did you mean 'text'?" in err
    assert "Traceback" not in err
    assert not (path.parent / "out").exists()


def test_failed_build_leaves_the_previous_pdf_untouched(write_content) -> None:  # type: ignore[no-untyped-def]
    """After a good build, a broken one changes nothing and leaves no temporary file."""
    path = write_content()
    assert run("build", str(path))[0] == 0
    out_dir = path.parent / "out"
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    path.write_text(MINIMAL.replace("Binnen.", "Binnen. " + "lang " * 1500), encoding="utf-8")
    code, _, err = run("build", str(path))
    assert code == 1
    assert "error[L101]" in err
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before


def test_usage_error_exits_2(write_content) -> None:  # type: ignore[no-untyped-def]
    """An unknown option or edition is a usage error, not a crash."""
    assert run("build", "--edition", "poster")[0] == 2
    assert run("frobnicate")[0] == 2
    assert run()[0] == 2


def test_missing_content_file_exits_1(tmp_path: Path) -> None:
    """A content file that does not exist is an author error with the file named."""
    missing = tmp_path / "nope.yaml"
    code, _, err = run("build", str(missing))
    assert code == 1
    assert f"{missing}: error[C001]" in err


def test_internal_error_exits_3_with_traceback(write_content, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A bug in brochure (not the author's fault) exits 3 and shows the traceback."""
    import brochure.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(brochure.pipeline, "render", broken)
    code, _, err = run("build", str(write_content()))
    assert code == 3
    assert "Traceback" in err and "boom" in err


def test_strict_turns_warnings_into_errors(write_content) -> None:  # type: ignore[no-untyped-def]
    """An empty panel is a warning, and an error with --strict."""
    text = MINIMAL.replace("  back:\n    - text: Achter.\n", "")
    path = write_content(text)
    code, _, err = run("build", str(path))
    assert code == 0 and "warning[L004]" in err
    code, _, err = run("build", str(path), "--strict")
    assert code == 1 and "error[L004]" in err


def test_editions_are_repeatable_and_comma_separated(write_content) -> None:  # type: ignore[no-untyped-def]
    """`-e press,print` and `-e press -e print` build both editions, each once."""
    path = write_content()
    code, out, err = run("build", str(path), "-e", "press,print", "-e", "press")
    assert code == 0, err
    written = sorted(p.name for p in (path.parent / "out").glob("[!.]*"))
    name = leaflet_name(path)
    assert written == [f"{name}-nl-press-job.pdf", f"{name}-nl-press.pdf", f"{name}-nl-print.pdf"]
    assert out.count("press.pdf") == out.count("press-job.pdf") == 1


def test_unknown_edition_in_a_list_is_a_usage_error(write_content) -> None:  # type: ignore[no-untyped-def]
    """A misspelt edition in a comma list exits 2 and names it."""
    code, _, err = run("build", str(write_content()), "-e", "print,pres")
    assert code == 2
    assert "unknown edition pres" in err
    assert run("build", str(write_content()), "-e", ",")[0] == 2
