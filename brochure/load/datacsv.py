"""Strict CSV: a stray quote is an error at its row and column, never rows folded into one cell."""

from __future__ import annotations

from brochure.diagnostics import Diagnostics, Location

_QUOTE_HINT = 'a cell that starts with " must end with "; a " inside a cell is written "" (or leave it out)'


def swallowed_rows(cells: list[str], delimiter: str, columns: int) -> bool:
    """Whether a quoted cell runs over lines that look like rows of their own (a stray quote
    closed, by chance, by another one rows later)."""
    if columns < 2:
        return False
    for cell in cells:
        for later in cell.split("\n")[1:]:
            if later.count(delimiter) >= columns - 1:
                return True
    return False


def opening_quote(line_text: str, delimiter: str) -> int | None:
    """The 0-based column of a quote that opens a cell on this line and is not closed on it."""
    i, start = 0, True
    while i < len(line_text):
        char = line_text[i]
        if start and char == '"':
            close = i + 1
            while True:
                close = line_text.find('"', close)
                if close == -1:
                    return i
                if line_text.startswith('""', close):
                    close += 2
                    continue
                break
            i, start = close + 1, False
            continue
        start = char == delimiter
        i += 1
    return None


def unclosed_quote(
    lines: list[str], first: int, delimiter: str, last: int, where: Location, diags: Diagnostics
) -> None:
    """D008 at the quote that opens a cell on line `first` (1-based) and runs on to line `last`."""
    text = lines[first - 1] if 0 < first <= len(lines) else ""
    column = opening_quote(text, delimiter)
    rows = max(last - first, 0)
    more = f": lines {first + 1} to {last} ({rows} rows) would be read into this one cell" if rows else ""
    diags.error(
        "D008",
        f"a quote opens a cell here and is not closed at the end of the row{more}",
        Location(where.file, first, (column or 0) + 1),
        _QUOTE_HINT,
    )


def csv_error(
    message: str, lines: list[str], first: int, delimiter: str, where: Location, diags: Diagnostics
) -> None:
    """The csv module's error for the row starting at line `first`, located and in plain words."""
    if "unexpected end of data" in message:
        unclosed_quote(lines, first, delimiter, len(lines), where, diags)
        return
    if "expected after" in message:  # text after the quote that closes a cell: `"De" Regenboog`
        for number in range(first, len(lines) + 1):
            column = _text_after_closing_quote(lines[number - 1], delimiter)
            if column is not None:
                diags.error(
                    "D008",
                    "text follows the quote that closes a cell",
                    Location(where.file, number, column + 1),
                    _QUOTE_HINT,
                )
                return
    diags.error("D002", f"malformed CSV: {message}", where)


def _text_after_closing_quote(line_text: str, delimiter: str) -> int | None:
    """The 0-based column of the first character after a closing quote that is no separator."""
    inside = False
    i = 0
    while i < len(line_text):
        char = line_text[i]
        if char == '"':
            if inside and line_text.startswith('""', i):
                i += 2
                continue
            if inside and i + 1 < len(line_text) and line_text[i + 1] != delimiter:
                return i + 1
            inside = not inside if (inside or i == 0 or line_text[i - 1] == delimiter) else inside
        i += 1
    return None
