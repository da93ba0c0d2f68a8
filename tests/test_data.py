"""Data files: CSV (comma, semicolon, tab; spreadsheet exports) and YAML rows, problems located."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.diagnostics import BuildError
from brochure.load.data import Data, read_data


def data(tmp_path: Path, text: str | bytes, name: str = "rows.csv") -> Data:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_data(path)


def failures(tmp_path: Path, text: str | bytes, name: str = "rows.csv") -> list[tuple[int, str]]:
    with pytest.raises(BuildError) as caught:
        data(tmp_path, text, name)
    return [(d.location.line, d.code) for d in caught.value.diagnostics]


def test_a_spreadsheet_csv_gives_rows_with_their_lines(tmp_path: Path) -> None:
    """A semicolon CSV with a byte-order mark, a quoted cell over two lines and a blank line."""
    text = '\ufeffschool.name;contact\n"De ""Regen""boog";"Jan\nJansen"\n\n Het Baken ;Piet\n'
    result = data(tmp_path, text)
    assert result.columns == ("school.name", "contact")
    assert [(r.number, r.line, r.values) for r in result.rows] == [
        (1, 2, {"school.name": 'De "Regen"boog', "contact": "Jan\nJansen"}),
        (2, 5, {"school.name": "Het Baken", "contact": "Piet"}),
    ]


def test_comma_tab_and_single_column_files_are_read(tmp_path: Path) -> None:
    """The separator is found from the header line; a file of one column needs none."""
    assert data(tmp_path, "a,b\n1,2\n").rows[0].values == {"a": "1", "b": "2"}
    assert data(tmp_path, "a\tb\n1\t2\n", "rows.tsv").rows[0].values == {"a": "1", "b": "2"}
    assert data(tmp_path, "name\nX\nY\n").columns == ("name",)


def test_short_rows_leave_the_last_cells_empty(tmp_path: Path) -> None:
    """Spreadsheets drop trailing empty cells; those values are empty, not an error."""
    assert data(tmp_path, "a,b,c\n1\n").rows[0].values == {"a": "1"}


def test_malformed_csv_is_reported_at_its_line(tmp_path: Path) -> None:
    """Too many cells, a nameless or repeated column: D002 at the line, every problem at once."""
    assert failures(tmp_path, "a,b\n1,2,3\n4,5\n") == [(2, "D002")]
    assert failures(tmp_path, "a,,a\n1,2,3\n") == [(1, "D002"), (1, "D002")]


def test_a_file_without_rows_or_unreadable_is_an_error(tmp_path: Path) -> None:
    """Header only (D003); not UTF-8, missing or of an unknown kind (D001, D002)."""
    assert failures(tmp_path, "a,b\n") == [(1, "D003")]
    assert failures(tmp_path, b"a\n\xe9\n") == [(0, "D001")]
    assert failures(tmp_path, "a\n1\n", "rows.xlsx") == [(0, "D002")]
    with pytest.raises(BuildError) as caught:
        read_data(tmp_path / "none.csv")
    assert caught.value.diagnostics[0].code == "D001"


def test_yaml_rows_flatten_nested_names_with_dots(tmp_path: Path) -> None:
    """`school: {name: X}` gives `school.name`, like a CSV header; values stay as written."""
    text = (
        "- school: {name: De Regenboog, logo: a.png}\n  year: 2026\n  open: no\n"
        "- school: {name: B}\n  year:\n"
    )
    result = data(tmp_path, text, "rows.yaml")
    assert result.columns == ("school.name", "school.logo", "year", "open")
    assert [(r.line, r.values) for r in result.rows] == [
        (1, {"school.name": "De Regenboog", "school.logo": "a.png", "year": "2026", "open": "no"}),
        (4, {"school.name": "B", "year": ""}),
    ]


def test_malformed_yaml_data_is_reported_where_it_is(tmp_path: Path) -> None:
    """Not a list, a row that is not a mapping, a list value, a syntax error: D002 at the spot."""
    assert failures(tmp_path, "school: X\n", "rows.yaml") == [(1, "D002")]
    assert failures(tmp_path, "- a: 1\n- just text\n- a: [1, 2]\n", "rows.yml") == [(2, "D002"), (3, "D002")]
    assert failures(tmp_path, "- a: [1\n", "rows.yaml") == [(2, "D002")]
    assert failures(tmp_path, "# nothing\n", "rows.yaml") == [(1, "D003")]
