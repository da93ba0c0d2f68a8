"""Recipients from a column of a data file: each address checked, each once, each at its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import getaddresses

from brochure.diagnostics import Diagnostics, Location, did_you_mean
from brochure.load.data import Data, Row

#: What a mail server takes as an address, without the rarely used quoted forms: local@domain.tld.
_ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)


@dataclass(frozen=True)
class Recipient:
    """One address, with the data row it came from (for messages that point at it)."""

    address: str
    row: Row


def recipients(
    data: Data, column: str, diags: Diagnostics, *, rows: tuple[Row, ...] | None = None
) -> list[Recipient]:
    """The addresses in `column` of `rows` (default: every row), in file order, each once.

    A cell may hold several addresses separated by commas or semicolons. A bad address is an
    error at its row's line (M102), a row without one a warning (M103), a repeated address is
    sent once (M104, a note)."""
    if column not in data.columns:
        diags.error(
            "M101",
            f"the data file has no column '{column}'",
            Location(data.file, 1, 1),
            did_you_mean(column, data.columns),
        )
        return []
    found: dict[str, Recipient] = {}
    for row in data.rows if rows is None else rows:
        cell = row.values.get(column, "").strip()
        where = Location(data.file, row.line, 1)
        if not cell:
            diags.warning("M103", f"row {row.number} has no address in '{column}'; it gets no message", where)
            continue
        for _, address in getaddresses([cell.replace(";", ",")]):
            if not _ADDRESS.fullmatch(address):
                diags.error(
                    "M102",
                    f"not an e-mail address: '{address or cell}'",
                    where,
                    "write one address like name@school.nl; separate several with ';'",
                )
                continue
            key = address.lower()
            if key in found:
                first = found[key].row
                diags.warning(
                    "M104",
                    f"'{address}' appears again (first in row {first.number}); it gets one message",
                    where,
                )
                continue
            found[key] = Recipient(address, row)
    return list(found.values())
