"""`brochure check`: every problem the build would report plus the preflight, without a PDF."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from brochure.checks.findings import Findings
from brochure.checks.preflight import Context, preflight
from brochure.checks.prose import prose
from brochure.checks.source import SourceText
from brochure.diagnostics import Diagnostic, Diagnostics, Severity
from brochure.editions import DEFAULT_EDITIONS
from brochure.load.yamlnodes import read_text
from brochure.proof.stages import run_stages

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
    path: str | Path, editions: Sequence[str] = DEFAULT_EDITIONS, *, strict: bool = False
) -> CheckResult:
    """Load, resolve and lay out `path`, then run the preflight on whatever the stages produced."""
    stages = run_stages(path, editions)
    findings = Findings()
    if stages.content is not None:
        source = SourceText.of(read_text(Path(path), str(path), Diagnostics()) or "", str(path))
        prose(stages.content, source, findings)
        if stages.layout is not None:
            overflowing = frozenset(d.location for d in stages.diagnostics if d.code == "L101")
            context = Context(stages.layout, stages.content, source, overflowing)
            preflight(context, findings)
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
