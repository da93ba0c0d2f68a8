"""Batch builds: one leaflet per data row, failing rows reported, the same files from any pool."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from brochure.batch.rows import build_batch
from brochure.cli.main import main
from brochure.load.content import load
from brochure.pipeline import build_content
from tests.pdfread import reader, squash

TEMPLATE = """\
meta:
  title: Sexting
  name: sexting
  language: nl
  organisation: "{{ school.name }}"
  date: 2026-11-25
panels:
  cover:
    - illustration: phone
  flap:
    - slogan: Hou het privé!
  inside:
    - heading: Wat is sexting?
    - text: >-
        Sexting is het versturen of delen van seksueel getinte berichtjes, foto's of filmpjes via
        een smartphone. Zolang de beelden binnen een gelijkwaardige relatie blijven, geeft het
        geen problemen; maar als ze gedeeld worden, zijn de gevolgen niet te overzien.
  back:
    - heading: Vragen?
    - callout: "Bel {{ contact.name }} van {{ school.name }}: {{ contact.phone }}."
"""
SCHOOLS = [
    "De Regenboog", "Het Baken", "De Wilgenhoek", "Montessori Oost", "Het Kompas",
    "De Linde", "Prins Willem", "De Sterrenkijker", "Kindcentrum Noord", "De Klimop",
    "Het Palet", "De Boomgaard", "Het Anker", "De Vlinder", "Het Spectrum",
    "De Ark", "Het Mozaiek", "De Horizon", "De Bron", "Het Startpunt",
]  # fmt: skip
CONTACTS = ["Anna", "Bram", "Chantal", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Ilse", "Joris"]
HEADER = ["school.slug", "school.name", "contact.name", "contact.phone"]


def rows(count: int) -> list[list[str]]:
    return [
        [SCHOOLS[i].lower().replace(" ", "-"), SCHOOLS[i], f"juf {CONTACTS[i % 10]}", f"06-5550{i:04d}"]
        for i in range(count)
    ]


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write the template and a semicolon CSV of `rows`; returns (content path, data path)."""

    def write(data: list[list[str]], template: str = TEMPLATE) -> tuple[Path, Path]:
        content = tmp_path / "content.yaml"
        content.write_text(template, encoding="utf-8")
        stream = io.StringIO()
        csv.writer(stream, delimiter=";").writerows([HEADER, *data])
        table = tmp_path / "schools.csv"
        table.write_text(stream.getvalue(), encoding="utf-8")
        return content, table

    return write


def run(*argv: str, err: io.StringIO | None = None) -> tuple[int, str, str]:
    """`brochure build ...` of the office edition only (one file per row), unless told otherwise."""
    out, err = io.StringIO(), err or io.StringIO()
    editions = [] if {"-e", "--edition"} & set(argv) else ["-e", "print"]
    code = main([*argv, *editions], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def text_of(pdf: Path) -> str:
    return squash("".join(page.extract_text() for page in reader(pdf.read_bytes()).pages))


@pytest.mark.slow
def test_twenty_rows_make_twenty_leaflets_that_differ_only_in_their_values(project) -> None:  # type: ignore[no-untyped-def]
    """Each row's file holds its own values; with them masked, all twenty texts are the same."""
    data = rows(20)
    content, table = project(data)
    code, out, err = run("build", str(content), "--data", str(table), "--name", "school.slug", "-j", "1")
    assert code == 0, err
    assert "built 20 of 20 leaflets: 20 files" in out
    masked = set()
    for slug, *values in data:
        text = text_of(content.parent / "out" / f"sexting-{slug}-nl-print.pdf")
        for name, value in sorted(zip(HEADER[1:], values, strict=True), key=lambda nv: -len(nv[1])):
            assert squash(value) in text, (slug, value)
            text = text.replace(squash(value), f"<{name}>")
        masked.add(text)
    assert len(masked) == 1
    written = sorted(p.name for p in (content.parent / "out").glob("[!.]*"))
    assert written == sorted(f"sexting-{r[0]}-nl-print.pdf" for r in data)


def test_a_failing_row_does_not_stop_the_others(project) -> None:  # type: ignore[no-untyped-def]
    """Empty values, a name taken twice and a missing name fail their rows only; exit code 1."""
    data = rows(6)
    data[1][3] = ""  # no phone: C401 at the placeholder
    data[2][0] = data[0][0]  # same file name as row 1: D004
    data[3][0] = ""  # no file name: D005
    content, table = project(data)
    code, out, err = run("build", str(content), "--data", str(table), "--name", "school.slug")
    assert code == 1
    assert f"{table}:3: error: row 2 failed (het-baken)" in err
    assert f"{content}:20:63: error[C401]: placeholder '{{{{ contact.phone }}}}' has no value" in err
    assert "the data row leaves 'contact.phone' empty" in err
    assert f"{table}:4:1: error[D004]: row 3 would overwrite the files of row 1" in err
    assert f"{table}:5:1: error[D005]" in err
    assert "error: 3 of 6 rows failed: rows 2 (line 3), 3 (line 4), 4 (line 5)" in err
    assert "built 3 of 6 leaflets" in out
    written = sorted(p.name for p in (content.parent / "out").glob("[!.]*"))
    assert written == [
        "sexting-de-linde-nl-print.pdf",
        "sexting-de-regenboog-nl-print.pdf",
        "sexting-het-kompas-nl-print.pdf",
    ]


def test_a_problem_of_every_row_is_printed_once(project) -> None:  # type: ignore[no-untyped-def]
    """A template error fails each row; its text is shown for the first row, counted for the rest."""
    content, table = project(rows(3), TEMPLATE.replace("- slogan:", "- slgan:"))
    code, _, err = run("build", str(content), "--data", str(table), "-q")
    assert code == 1
    assert err.count("error[C104]") == 1
    assert err.count("and 1 problem shown for an earlier row") == 2


def test_one_and_two_processes_write_identical_files(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The pool changes nothing: same bytes from 1 and 2 processes, and from a build without reuse."""
    data = rows(10)
    content, table = project(data)
    one = build_batch(content, table, ("print",), out_dir=tmp_path / "one", name="school.slug", jobs=1)
    two = build_batch(content, table, ("print",), out_dir=tmp_path / "two", name="school.slug", jobs=2)
    assert not one.failed and not two.failed
    files = sorted(p.name for p in (tmp_path / "one").glob("[!.]*"))
    assert len(files) == 10 and files == sorted(p.name for p in (tmp_path / "two").glob("[!.]*"))
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    for slug, school, contact, phone in data[:3]:
        values = dict(zip(HEADER, (slug, school, contact, phone), strict=True))
        fresh = build_content(*load(content, values), ("print",)).pdfs["print"]
        assert (tmp_path / "one" / f"sexting-{slug}-nl-print.pdf").read_bytes() == fresh


def test_names_come_from_the_first_column_or_a_pattern(project) -> None:  # type: ignore[no-untyped-def]
    """By default the first column names the files; a pattern may combine columns."""
    content, table = project(rows(2))
    assert run("build", str(content), "--data", str(table))[0] == 0
    assert (content.parent / "out" / "sexting-het-baken-nl-print.pdf").exists()
    pattern = "{{ school.name }} {{ contact.name }}"
    folder = content.parent / "named"
    assert run("build", str(content), "--data", str(table), "--name", pattern, "-o", str(folder))[0] == 0
    assert sorted(p.name for p in folder.glob("[!.]*")) == [
        "sexting-de-regenboog-juf-anna-nl-print.pdf",
        "sexting-het-baken-juf-bram-nl-print.pdf",
    ]


def test_an_unknown_name_column_stops_before_building(project) -> None:  # type: ignore[no-untyped-def]
    """`--name` naming no column is an error for the whole batch; nothing is written."""
    content, table = project(rows(2))
    code, _, err = run("build", str(content), "--data", str(table), "--name", "slug")
    assert code == 1
    assert "error[D005]: --name: the data has no column 'slug'" in err
    assert not (content.parent / "out").exists()
    code, _, err = run("build", str(content), "--data", str(table), "--name", "{{ school.name }}-{{ jaar }}")
    assert code == 1 and "no column 'jaar'" in err
    code, _, err = run("build", str(content), "--data", str(table), "--name", "{{ school.name")
    assert code == 1 and "error[D005]: --name: malformed pattern: '{{' without '}}'" in err


def test_batch_options_need_data_and_a_sensible_job_count(project) -> None:  # type: ignore[no-untyped-def]
    """`--jobs` or `--name` without `--data`, or zero jobs, is a usage error (exit 2)."""
    content, table = project(rows(1))
    assert run("build", str(content), "--jobs", "2")[0] == 2
    assert run("build", str(content), "--name", "x")[0] == 2
    assert run("build", str(content), "--data", str(table), "--jobs", "0")[0] == 2


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only(project) -> None:  # type: ignore[no-untyped-def]
    """A terminal sees a progress line that is cleared at the end; a log file does not."""
    content, table = project(rows(3))
    _, _, err = run("build", str(content), "--data", str(table), err=Terminal())
    assert "\rbuilding: 1/3 rows" in err and "\rbuilding: 3/3 rows" in err
    cleared = err.rindex("\r\033[K")  # the progress line is cleared before the summary
    assert "building:" not in err[cleared:] and err[:cleared].endswith("building: 3/3 rows")
    assert "building" not in run("build", str(content), "--data", str(table))[2]


def test_warnings_of_built_rows_are_shown_once_with_their_rows(project) -> None:  # type: ignore[no-untyped-def]
    """A warning every row has is printed once, with the rows it concerns; --strict fails them."""
    template = TEMPLATE.replace("  flap:\n    - slogan: Hou het privé!\n", "")
    content, table = project(rows(2), template)
    code, _, err = run("build", str(content), "--data", str(table))
    assert code == 0
    assert err.count("warning[L004]: panel 'flap' is empty") == 1
    assert "= note: in rows 1, 2" in err
    assert run("build", str(content), "--data", str(table), "--strict")[0] == 1


def test_a_bug_in_one_row_exits_3_and_the_others_build(project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An internal error is reported with its row and traceback; the other rows are written."""
    import brochure.batch.rows

    real = brochure.batch.rows.write_outputs

    def broken(files: list[tuple[str, str, bytes]], folder: Path, *, sync: bool) -> object:
        if any(name.startswith("sexting-het-baken") for _, name, _ in files):
            raise RuntimeError("boom")
        return real(files, folder, sync=sync)

    monkeypatch.setattr(brochure.batch.rows, "write_outputs", broken)
    content, table = project(rows(3))
    code, _, err = run("build", str(content), "--data", str(table))
    assert code == 3
    assert "row 2 failed (het-baken)" in err and "RuntimeError: boom" in err
    assert len(list((content.parent / "out").glob("[!.]*"))) == 2


def test_yaml_data_builds_like_csv(tmp_path: Path) -> None:
    """Rows from YAML, nested mappings naming the same placeholders as CSV headers."""
    (tmp_path / "content.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "rows.yaml").write_text(
        "- school: {slug: a, name: School A}\n  contact: {name: Anna, phone: '1'}\n"
        "- school: {slug: b, name: School B}\n  contact: {name: Bram, phone: '2'}\n",
        encoding="utf-8",
    )
    result = build_batch(tmp_path / "content.yaml", tmp_path / "rows.yaml", ("print",))
    assert [o.path.name for r in result.rows for o in r.outputs] == [
        "sexting-a-nl-print.pdf",
        "sexting-b-nl-print.pdf",
    ]
