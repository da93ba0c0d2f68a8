"""Findings of the preflight: diagnostics for the author, and measurements for --verbose."""

from __future__ import annotations

from dataclasses import dataclass, field

from brochure.diagnostics import Diagnostic, Location, Severity


@dataclass
class Findings:
    """A collector of preflight diagnostics (K codes) and of the figures measured on the way."""

    items: list[Diagnostic] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    def add(
        self,
        code: str,
        message: str,
        location: Location,
        *,
        hint: str = "",
        severity: Severity = Severity.WARNING,
    ) -> None:
        self.items.append(Diagnostic(code, message, location, severity, hint))

    def fact(self, text: str) -> None:
        self.facts.append(text)
