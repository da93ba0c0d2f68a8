"""`brochure check` through `main(argv)`: every finding at its line and column, the JSON report,
--strict, exit codes, and a run that writes nothing."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import MINIMAL, SAMPLE
from tests.test_cli import run

CASES = Path(__file__).parent / "check_cases"
EXPECT = re.compile(r"^#\s*expect:\s*(\d+):(\d+)\s+(error|warning|info)\s+([A-Z]\d{3})\s*$", re.MULTILINE)
IMAGE = re.compile(r"^#\s*image:\s*(\S+)\s+(\d+)x(\d+)\s*$", re.MULTILINE)
FINDING_KEYS = {"file", "line", "column", "code", "severity", "message", "hint"}


def prepared(case: Path, folder: Path) -> Path:
    """The case copied into `folder` with the images its `# image: NAME WxH` lines ask for."""
    target = folder / case.name
    shutil.copy(case, target)
    for name, width, height in IMAGE.findall(case.read_text(encoding="utf-8")):
        Image.new("RGB", (int(width), int(height)), (40, 120, 90)).save(folder / name)
    return target


def check_json(*argv: str) -> tuple[int, dict[str, object]]:
    code, out, err = run("check", "--format", "json", *argv)
    assert code in (0, 1), err
    return code, json.loads(out)


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_case_produces_exactly_its_expected_findings(case: Path, tmp_path: Path) -> None:
    """The (line, column, severity, code) of every finding equals the case's `# expect:` lines."""
    path = prepared(case, tmp_path)
    _, report = check_json(str(path))
    findings = report["findings"]
    assert isinstance(findings, list)
    got = Counter((f["line"], f["column"], f["severity"], f["code"]) for f in findings)
    wanted = Counter(
        (int(line), int(column), severity, code)
        for line, column, severity, code in EXPECT.findall(case.read_text(encoding="utf-8"))
    )
    assert got == wanted, json.dumps(findings, indent=1)
    assert all(set(f) == FINDING_KEYS and f["file"] == str(path) and f["message"] for f in findings)
    assert not (tmp_path / "out").exists(), "check wrote files"


def test_every_preflight_code_is_exercised_and_documented() -> None:
    """Each K code has a case and a row in the README's table."""
    in_cases = {code for case in CASES.glob("*.yaml") for *_, code in EXPECT.findall(case.read_text())}
    source = Path(__file__).parent.parent / "brochure"
    raised = {m for path in source.rglob("*.py") for m in re.findall(r'"(K\d{3})"', path.read_text())}
    assert len(raised) >= 10 and raised <= in_cases
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert all(f"| {code} |" in readme for code in raised), sorted(raised)


def test_json_report_has_its_documented_shape(tmp_path: Path) -> None:
    """format, file, ok, counts per severity and findings; counts agree with the findings."""
    path = prepared(CASES / "k3xx-links.yaml", tmp_path)
    code, report = check_json(str(path))
    assert code == 0
    assert set(report) == {"format", "file", "ok", "counts", "findings"}
    assert report["format"] == 1 and report["file"] == str(path) and report["ok"] is True
    findings = report["findings"]
    assert isinstance(findings, list)
    assert report["counts"] == {
        severity: sum(f["severity"] == severity for f in findings)
        for severity in ("error", "warning", "info")
    }


def test_text_report_reads_like_a_compiler_and_ends_with_a_summary(write_content) -> None:  # type: ignore[no-untyped-def]
    """Findings on stdout as file:line:col: severity[code], with hints, then a count."""
    path = write_content(MINIMAL.replace("language: nl", "language: nl\ntheme: {body-size: 7}"))
    code, out, err = run("check", str(path))
    assert code == 0, err
    assert f"{path}:4:20: warning[K101]: body text printed at 7.0 pt" in out
    assert "= hint: raise 'body-size' to at least 8.5" in out
    assert re.search(rf"{re.escape(str(path))}: \d+ warnings?$", out.rstrip())
    assert "\x1b[" not in out, "colours on a stream that is not a terminal"


def test_strict_turns_warnings_into_errors_but_not_notes(tmp_path: Path) -> None:
    """--strict fails on a warning (exit 1); notes (info) stay notes."""
    path = prepared(CASES / "a005-k2xx-images.yaml", tmp_path)
    code, report = check_json(str(path), "--strict")
    assert code == 1 and report["ok"] is False
    findings = report["findings"]
    assert isinstance(findings, list)
    assert {(f["code"], f["severity"]) for f in findings} == {
        ("A005", "error"),
        ("K201", "info"),
        ("K202", "error"),
        ("K106", "info"),
    }


def test_the_sample_has_only_notes(tmp_path: Path) -> None:
    """The sample passes --strict: its findings are notes (long sentences, a repeated address)."""
    code, report = check_json(str(SAMPLE), "--strict")
    findings = report["findings"]
    assert isinstance(findings, list)
    assert code == 0 and findings and {f["severity"] for f in findings} == {"info"}


def test_content_errors_are_reported_with_the_preflight_and_exit_1(write_content) -> None:  # type: ignore[no-untyped-def]
    """A load error stops at load (C104); an overflow keeps the layout, so the preflight still
    runs next to L101."""
    path = write_content(MINIMAL.replace("- text: Flap.", "- txet: Flap."))
    code, report = check_json(str(path))
    assert code == 1
    findings = report["findings"]
    assert isinstance(findings, list)
    assert [(f["line"], f["column"], f["code"]) for f in findings] == [(8, 7, "C104")]

    long = MINIMAL.replace("Flap.", "Flap. " + "lang " * 600).replace(
        "- text: Achter.", "- text: See http://www.iwf.org.uk"
    )
    code, report = check_json(str(write_content(long)))
    findings = report["findings"]
    assert isinstance(findings, list)
    assert code == 1 and {"L101", "K302"} <= {f["code"] for f in findings}


def test_quiet_prints_only_errors_and_verbose_adds_measurements(tmp_path: Path) -> None:
    """--quiet hides warnings, notes and the summary; --verbose shows contrast and fill figures."""
    path = prepared(CASES / "k3xx-links.yaml", tmp_path)
    assert run("check", str(path), "--quiet")[1:] == ("", "")
    code, out, err = run("check", str(path), "--verbose")
    assert code == 0 and "warning[K301]" in out
    assert re.search(r"contrast \d+\.\d:1 for headings|contrast \d+\.\d:1 for links", err)
    assert "panel inside-left:" in err
    assert run("check", str(path), "--quiet", "--verbose")[0] == 2


def test_a_sparse_flow_placed_on_purpose_gets_no_note(tmp_path: Path) -> None:
    """K106 says what to do ('align: centre', among others); a flow with its `align` chosen is
    not noted again."""
    text = (CASES / "k106-sparse-inside.yaml").read_text(encoding="utf-8")
    inside = text.index("  inside:\n")
    blocks = text[inside + len("  inside:\n") : text.index("  back:")]
    nested = "".join(f"  {line}" if line.strip() else line for line in blocks.splitlines(keepends=True))
    path = tmp_path / "content.yaml"
    back = text.index("  back:")
    placed = f"{text[:inside]}  inside:\n    align: centre\n    blocks:\n{nested}{text[back:]}"
    path.write_text(placed, encoding="utf-8")
    _, report = check_json(str(path))
    assert [f["code"] for f in report["findings"]] == []  # type: ignore[union-attr]
    _, noted = check_json(str(CASES / "k106-sparse-inside.yaml"))
    assert [f["code"] for f in noted["findings"]] == ["K106"]  # type: ignore[union-attr]
