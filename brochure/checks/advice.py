"""The preflight that `check` and `build` share: the words (K2xx-K4xx) and the laid-out sheet (K1xx)."""

from __future__ import annotations

from collections.abc import Mapping

from brochure.checks.findings import Findings
from brochure.checks.preflight import Context, preflight
from brochure.checks.prose import prose
from brochure.checks.source import SourceText
from brochure.diagnostics import Diagnostic, Location, not_yet
from brochure.layout.model import Layout
from brochure.load.model import Content


def advise(
    content: Content,
    layout: Layout | None,
    text: str,
    *,
    overflowing: frozenset[Location] = frozenset(),
    others: Mapping[str, str] | None = None,
) -> Findings:
    """Every preflight finding for content whose file reads `text`: the words always, the sheet's
    text sizes, contrast and empty panels when it was laid out (`overflowing`: blocks already
    reported as L101, not reported again; `others`: the texts of other files the content was read
    from, a translation's)."""
    findings = Findings()
    source = SourceText.of(text, content.meta.location.file, others)
    prose(content, source, findings)
    if layout is not None:
        preflight(Context(layout, content, source, overflowing), findings)
    return findings


def advise_layouts(
    content: Content,
    sheet: Layout | None,
    phone: Layout | None,
    text: str,
    *,
    known: tuple[Diagnostic, ...] = (),
    overflowing: frozenset[Location] = frozenset(),
    others: Mapping[str, str] | None = None,
) -> Findings:
    """The preflight of the layouts the editions use, as `check` and `build` both run it: on the
    folded sheet, and on the phone pages (their own sizes, plain pages) for what they add to
    `known` and the sheet's findings; on the phone pages alone when there is no sheet."""
    first = sheet if sheet is not None else phone
    findings = advise(content, first, text, overflowing=overflowing, others=others)
    if phone is not None and phone is not first:
        on_phone = advise(content, phone, text, others=others)
        findings.items += not_yet(tuple(on_phone.items), known + tuple(findings.items), same_message=True)
    return findings
