"""Data files for batch builds: CSV or YAML rows of values for the content's placeholders."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from brochure.diagnostics import BuildError, Diagnostics, Location
from brochure.load.datacsv import csv_error, swallowed_rows, unclosed_quote
from brochure.load.limits import (
    MAX_DATA_BYTES,
    MAX_DATA_NODES,
    Refused,
    TooLarge,
    compose_limited,
    read_limited,
    size_words,
)
from brochure.load.yamlnodes import is_null, location, readable_problem

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
YAML_SUFFIXES = (".yaml", ".yml")
_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Row:
    """One data row: its number among the rows (from 1), the file line it starts on, its values."""

    number: int
    line: int
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Data:
    file: str
    #: Names in the order of the file (CSV headers; YAML keys, nested ones joined with dots).
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def read_data(path: str | Path) -> Data:
    """The rows of a CSV (comma, semicolon or tab separated) or YAML data file.

    Raises BuildError with D001 (unreadable), D002 (malformed) or D003 (no rows).
    """
    file = str(path)
    diags = Diagnostics()
    suffix = Path(path).suffix.lower()
    if suffix not in CSV_SUFFIXES + YAML_SUFFIXES:
        diags.error(
            "D002",
            f"unknown data format '{suffix or Path(path).name}'",
            Location(file),
            "give a .csv file (with a header line) or a .yaml file (a list of mappings)",
        )
        raise BuildError(tuple(diags))
    text = _read(Path(path), file, diags)
    if text is None:
        raise BuildError(tuple(diags))
    reader = _csv_rows if suffix in CSV_SUFFIXES else _yaml_rows
    columns: dict[str, None] = {}
    rows: list[Row] = []
    for line, values in reader(text, file, diags):
        columns.update(dict.fromkeys(values))
        rows.append(Row(len(rows) + 1, line, values))
    if not rows and not diags.has_errors:
        diags.error("D003", "the data file has no rows", Location(file, 1, 1), "one row makes one leaflet")
    diags.raise_if_errors()
    return Data(file, tuple(columns), tuple(rows))


def _read(path: Path, file: str, diags: Diagnostics) -> str | None:
    try:
        return read_limited(path, MAX_DATA_BYTES).decode("utf-8-sig")
    except TooLarge:
        diags.error(
            "D006",
            f"the data file is larger than {size_words(MAX_DATA_BYTES)}",
            Location(file),
            "split it into several campaigns",
        )
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        diags.error(
            "D001", f"cannot read data file: {getattr(error, 'strerror', None) or error}", Location(file)
        )
    except UnicodeDecodeError:
        diags.error(
            "D001",
            "the data file is not UTF-8 text",
            Location(file),
            "save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        )
    return None


def _csv_rows(text: str, file: str, diags: Diagnostics) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, values) of each CSV row after the header; blank lines are skipped."""
    first_line = text.split("\n", 1)[0]
    try:  # the separator from the header line; quoting as spreadsheets write it
        delimiter = csv.Sniffer().sniff(first_line, delimiters=_DELIMITERS).delimiter
    except csv.Error:  # a single column: nothing to tell the separator by
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter, strict=True)
    lines = text.splitlines()
    header: list[str] | None = None
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            csv_error(str(error), lines, line, delimiter, Location(file, line, 1), diags)
            return
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = _header(cells, file, line, diags)
            continue
        if swallowed_rows(cells, delimiter, len(header)):
            unclosed_quote(lines, line, delimiter, reader.line_num, Location(file, line, 1), diags)
            return
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            diags.error(
                "D002",
                f"this row has {len(cells)} cells, the header names {len(header)} columns",
                Location(file, line, 1),
                "a cell that contains the separator must be in double quotes",
            )
            continue
        yield line, {name: cell.strip() for name, cell in zip(header, cells, strict=False)}


def _header(cells: list[str], file: str, line: int, diags: Diagnostics) -> list[str]:
    names = [cell.strip() for cell in cells]
    for n, name in enumerate(names, start=1):
        if not name:
            diags.error("D002", f"column {n} has no name in the header line", Location(file, line, 1))
        elif name in names[: n - 1]:
            diags.error("D002", f"column name '{name}' appears twice", Location(file, line, 1))
    return names


def _yaml_rows(text: str, file: str, diags: Diagnostics) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, values) of each mapping in a YAML list; nested mappings give dotted names."""
    try:
        root = compose_limited(text, MAX_DATA_NODES)
    except Refused as refused:
        where = Location(file, refused.mark.line + 1, refused.mark.column + 1)
        diags.error("D007", refused.message.replace("content files", "data files"), where, refused.hint)
        return
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        message, hint = readable_problem(error.problem or error.context or "invalid YAML")
        diags.error("D002", f"YAML syntax error: {message}", where, hint)
        return
    if root is None:
        return
    if not isinstance(root, yaml.SequenceNode):
        diags.error(
            "D002",
            "the data must be a list of rows",
            location(root, file),
            "start each row with '- ', e.g. '- school: {name: De Regenboog}'",
        )
        return
    for item in root.value:
        if not isinstance(item, yaml.MappingNode):
            diags.error("D002", "a row must be a mapping of names to values", location(item, file))
            continue
        yield location(item, file).line, dict(_flatten(item, "", file, diags))


def _flatten(node: yaml.MappingNode, prefix: str, file: str, diags: Diagnostics) -> Iterator[tuple[str, str]]:
    for key, value in node.value:
        name = prefix + str(key.value)
        if isinstance(value, yaml.MappingNode):
            yield from _flatten(value, name + ".", file, diags)
        elif isinstance(value, yaml.SequenceNode):
            diags.error("D002", f"'{name}' is a list; a placeholder takes one value", location(value, file))
        else:
            yield name, "" if is_null(value) else str(value.value).strip()
