"""`brochure check`: every problem the build would report plus the preflight, without a PDF."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from brochure.checks.advice import advise
from brochure.checks.findings import Findings
from brochure.diagnostics import Diagnostic, Diagnostics, Severity
from brochure.editions import DEFAULT_EDITIONS
from brochure.load.placeholders import Values
from brochure.load.yamlnodes import read_text
from brochure.proof.stages import not_yet, run_stages

#: The version of the JSON report's shape; it changes only when a field changes meaning.
JSON_FORMAT = 1


@dataclass(frozen=True)
class CheckResult:
    """Every finding in file order, and the figures measured (for --verbose)."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    facts: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    def count(self, severity: Severity) -> int:
        return sum(d.severity is severity for d in self.diagnostics)

    def as_json(self) -> str:
        """The stable report for other tools (documented in the README)."""
        report = {
            "format": JSON_FORMAT,
            "file": self.file,
            "ok": self.ok,
            "counts": {severity.value: self.count(severity) for severity in Severity},
            "findings": [d.as_dict() for d in self.diagnostics],
        }
        return json.dumps(report, ensure_ascii=False, indent=2)


def check(
    path: str | Path,
    editions: Sequence[str] = DEFAULT_EDITIONS,
    *,
    strict: bool = False,
    values: Values | None = None,
) -> CheckResult:
    """Load, resolve and lay out `path` (filled from `values`, a data row) for the editions, then
    run the preflight on whatever the stages produced: the folded sheet, and the phone pages for
    what they add."""
    stages = run_stages(path, editions, values=values)
    findings = Findings()
    if stages.content is not None:
        text = read_text(Path(path), str(path), Diagnostics()) or ""
        overflowing = frozenset(d.location for d in stages.diagnostics if d.code == "L101")
        findings = advise(stages.content, stages.layout, text, overflowing=overflowing)
        if stages.phone is not None and stages.phone is not stages.layout:
            on_phone = advise(stages.content, stages.phone, text)  # its own sizes and plain pages
            known = stages.diagnostics + tuple(findings.items)
            findings.items += not_yet(tuple(on_phone.items), known, same_message=True)
    found = stages.diagnostics + tuple(findings.items)
    if strict:
        found = tuple(_stricter(d) for d in found)
    ordered = sorted(found, key=lambda d: (d.location.line, d.location.column))
    return CheckResult(str(path), tuple(ordered), tuple(findings.facts))


def _stricter(diagnostic: Diagnostic) -> Diagnostic:
    """With --strict a warning is an error; notes stay notes."""
    if diagnostic.severity is Severity.WARNING:
        return replace(diagnostic, severity=Severity.ERROR)
    return diagnostic
