"""`brochure check`: every problem the build would report plus the preflight, without a PDF."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from brochure.checks.advice import advise_layouts
from brochure.checks.findings import Findings
from brochure.diagnostics import Diagnostic, Diagnostics, Severity, not_yet
from brochure.editions import DEFAULT_EDITIONS
from brochure.load.placeholders import Values
from brochure.load.translations import translation_files
from brochure.load.yamlnodes import read_text
from brochure.proof.stages import Stages, run_stages

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
    what they add. Each translation beside it (`content.<lang>.yaml`) is checked the same way, as
    the build builds it; a problem of the source that every language shares is reported once."""
    found, facts = _checked(path, run_stages(path, editions, values=values))
    for translation in translation_files(Path(path)) if values is None else []:
        more, _ = _checked(path, run_stages(path, editions, translation=translation), translation)
        found += not_yet(more, found, same_message=True)
    if strict:
        found = tuple(_stricter(d) for d in found)
    source = str(path)
    ordered = sorted(
        found, key=lambda d: (d.location.file != source, d.location.file, d.location.line, d.location.column)
    )
    return CheckResult(source, tuple(ordered), facts)


def _checked(
    path: str | Path, stages: Stages, translation: Path | None = None
) -> tuple[tuple[Diagnostic, ...], tuple[str, ...]]:
    """The stages' diagnostics and the preflight's findings on what they produced, and its facts;
    with a `translation`, its texts are found in that file."""
    findings = Findings()
    if stages.content is not None:
        text = read_text(Path(path), str(path), Diagnostics()) or ""
        others = (
            {str(translation): read_text(translation, str(translation), Diagnostics()) or ""}
            if translation
            else {}
        )
        overflowing = frozenset(d.location for d in stages.diagnostics if d.code == "L101")
        findings = advise_layouts(
            stages.content,
            stages.layout,
            stages.phone,
            text,
            known=stages.diagnostics,
            overflowing=overflowing,
            others=others,
        )
    return stages.diagnostics + tuple(findings.items), tuple(findings.facts)


def _stricter(diagnostic: Diagnostic) -> Diagnostic:
    """With --strict a warning is an error; notes stay notes."""
    if diagnostic.severity is Severity.WARNING:
        return replace(diagnostic, severity=Severity.ERROR)
    return diagnostic
