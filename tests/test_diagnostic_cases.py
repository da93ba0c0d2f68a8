"""Diagnostic cases: each tests/cases/*.yaml file carries the diagnostics it must produce."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from brochure.diagnostics import BuildError, Diagnostic
from brochure.load.content import load

CASES = Path(__file__).parent / "cases"
EXPECT = re.compile(rb"^#\s*expect:\s*(\d+):(\d+)\s+(error|warning)\s+([A-Z]\d{3})\s*$", re.MULTILINE)

Expected = tuple[int, int, str, str]


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def expected(path: Path) -> Counter[Expected]:
    """The `# expect: LINE:COL SEVERITY CODE` lines of a case (read as bytes: some are not UTF-8)."""
    found = EXPECT.findall(path.read_bytes())
    return Counter((int(line), int(col), sev.decode(), code.decode()) for line, col, sev, code in found)


def produced(path: Path) -> tuple[Diagnostic, ...]:
    try:
        _, warnings = load(path)
    except BuildError as error:
        return error.diagnostics
    return warnings


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_case_produces_exactly_its_expected_diagnostics(path: Path) -> None:
    """The (line, column, severity, code) of every diagnostic equals the case's expectations."""
    diagnostics = produced(path)
    got = Counter((d.location.line, d.location.column, d.severity.value, d.code) for d in diagnostics)
    report = "\n".join(d.format() for d in diagnostics)
    assert got == expected(path), f"diagnostics produced:\n{report}"


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_diagnostics_name_the_file_as_given_and_carry_a_message(path: Path) -> None:
    """Every diagnostic points at the path as the user gave it and says what is wrong."""
    for diagnostic in produced(path):
        assert diagnostic.location.file == str(path)
        assert diagnostic.message


def test_every_content_code_has_a_case() -> None:
    """Each load-stage code (except C001, an unreadable file, see test_load) is exercised by a case."""
    codes = {code for path in case_files() for (_, _, _, code) in expected(path)}
    wanted = {f"C{n:03d}" for n in range(2, 7)} | {f"C{n}" for n in range(101, 113)}
    wanted |= {"C201", "C202", "C203", "C204"}
    assert wanted <= codes, f"no case for {sorted(wanted - codes)}"
