"""Data rows for `check`, `preview` and `watch`: one row (`--row N`) or every row, named as a batch does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from brochure.batch.rows import name_pattern, output_names
from brochure.diagnostics import BuildError, Diagnostic, Location
from brochure.load.data import Row, read_data


@dataclass(frozen=True)
class Chosen:
    """A data row to fill the content with, and its name in output files."""

    row: Row
    name: str
    #: Problems with the row itself (no name, a name taken by an earlier row).
    problems: tuple[Diagnostic, ...] = ()


def choose_rows(data_path: str | Path, *, row: int | None = None, name: str | None = None) -> list[Chosen]:
    """Every row of the data file in order, or only row `row` (counted from 1).

    Raises BuildError for an unusable data file, or a row number the file does not have (D009)."""
    data = read_data(data_path)
    named, unnamed = output_names(data, name_pattern(name, data))
    chosen = [Chosen(r, n) for r, n in named] + [Chosen(u.row, u.name, u.diagnostics) for u in unnamed]
    chosen.sort(key=lambda c: c.row.number)
    if row is None:
        return chosen
    picked = [c for c in chosen if c.row.number == row]
    if not picked:
        count = len(data.rows)
        raise BuildError(
            (
                Diagnostic(
                    "D009",
                    f"--row {row}: the data file has {count} row{'s' * (count != 1)}",
                    Location(data.file, 1, 1),
                    hint=f"choose a row from 1 to {count}" if count else "add rows to the data file",
                ),
            )
        )
    return picked
