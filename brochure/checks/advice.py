"""The preflight that `check` and `build` share: the words (K2xx-K4xx) and the laid-out sheet (K1xx)."""

from __future__ import annotations

from brochure.checks.findings import Findings
from brochure.checks.preflight import Context, preflight
from brochure.checks.prose import prose
from brochure.checks.source import SourceText
from brochure.diagnostics import Location
from brochure.layout.model import Layout
from brochure.load.model import Content


def advise(
    content: Content,
    layout: Layout | None,
    text: str,
    *,
    overflowing: frozenset[Location] = frozenset(),
) -> Findings:
    """Every preflight finding for content whose file reads `text`: the words always, the sheet's
    text sizes, contrast and empty panels when it was laid out (`overflowing`: blocks already
    reported as L101, not reported again)."""
    findings = Findings()
    source = SourceText.of(text, content.meta.location.file)
    prose(content, source, findings)
    if layout is not None:
        preflight(Context(layout, content, source, overflowing), findings)
    return findings
