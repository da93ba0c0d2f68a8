"""Output for people: colour only on a terminal and never with NO_COLOR, quiet mode, and a
progress line only for work longer than the threshold."""

from __future__ import annotations

import io
import time

import pytest

from brochure.cli.console import Console, styled, summary, wants_colour
from brochure.diagnostics import Diagnostic, Location, Severity

WARNING = Diagnostic("K302", "plain http link", Location("c.yaml", 3, 9), Severity.WARNING, "use https")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal gets ANSI colours; a file or pipe does not; NO_COLOR turns them off everywhere."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_colour(Terminal()) and not wants_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour(Terminal())


def test_a_coloured_diagnostic_reads_the_same_without_its_colours() -> None:
    """Colour adds escape codes around parts; the text stays the plain compiler format."""
    coloured = styled(WARNING, colour=True)
    assert "\x1b[1;33mwarning\x1b[0m" in coloured
    plain = styled(WARNING, colour=False)
    assert plain == WARNING.format()
    for code in ("\x1b[1;33m", "\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[32m"):
        coloured = coloured.replace(code, "")
    assert coloured == plain


def test_quiet_keeps_errors_only() -> None:
    """In quiet mode warnings, notes and messages are dropped; errors are not."""
    err = io.StringIO()
    console = Console(io.StringIO(), err, quiet=True)
    error = Diagnostic("C104", "unknown block type", Location("c.yaml", 1, 1))
    console.diagnostics([WARNING, error])
    console.say("wrote a file")
    assert err.getvalue() == error.format() + "\n"


def test_summary_counts_each_kind() -> None:
    """The closing line names how many errors, warnings and notes, leaving out kinds not found."""
    assert summary([WARNING, WARNING]) == "2 warnings"
    note = Diagnostic("K401", "long", Location("c.yaml"), Severity.INFO)
    error = Diagnostic("L101", "overflow", Location("c.yaml"))
    assert summary([note, error, WARNING]) == "1 error, 1 warning, 1 note"
    assert summary([]) == "no problems found"


def test_progress_shows_only_for_slow_work() -> None:
    """Quick work prints nothing; work past the threshold says what it is and how long it took."""
    err = io.StringIO()
    console = Console(io.StringIO(), err, progress_after=0.05)
    with console.progress("checking"):
        pass
    assert err.getvalue() == ""
    with console.progress("checking"):
        time.sleep(0.3)
    lines = err.getvalue().splitlines()
    assert lines[0] == "checking…" and lines[1].startswith("checking: done in 0.")
    err.truncate(0), err.seek(0)

    def full_disk() -> None:
        with console.progress("building"):
            time.sleep(0.3)
            raise OSError("the disk is full")

    with pytest.raises(OSError, match="disk is full"):
        full_disk()
    assert err.getvalue().splitlines()[1].startswith("building: stopped after 0.")
    quiet = Console(io.StringIO(), err := io.StringIO(), quiet=True, progress_after=0.0)
    with quiet.progress("checking"):
        time.sleep(0.1)
    assert err.getvalue() == ""
