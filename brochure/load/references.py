"""Footnote marks and citations checked against the footnotes and sources they name (C202-C204)."""

from __future__ import annotations

from collections.abc import Sequence

from brochure.diagnostics import Diagnostic, Diagnostics, Severity, did_you_mean
from brochure.load.inline import Ref
from brochure.load.model import Footnote, Source


def check_references(
    refs: Sequence[Ref], footnotes: Sequence[Footnote], sources: Sequence[Source], diags: Diagnostics
) -> None:
    """C202 unknown footnote mark, C203 unknown citation, C204 (warning) unreferenced footnote."""
    footnote_ids = sorted({f.id for f in footnotes})
    source_ids = sorted({s.id for s in sources})
    for ref in refs:
        if ref.kind == "footnote" and ref.id not in footnote_ids:
            hint = _ref_hint(ref.id, footnote_ids, "add a 'footnote:' block with this id")
            diags.error("C202", f"footnote mark [^{ref.id}] has no footnote '{ref.id}'", ref.location, hint)
        if ref.kind == "cite" and ref.id not in source_ids:
            hint = _ref_hint(ref.id, source_ids, "add a source with this id under 'sources:'")
            diags.error("C203", f"citation [@{ref.id}] names no source '{ref.id}'", ref.location, hint)
    marked = {ref.id for ref in refs if ref.kind == "footnote"}
    for footnote in footnotes:
        if footnote.id not in marked:
            diags.add(
                Diagnostic(
                    "C204",
                    f"footnote '{footnote.id}' is never referenced",
                    footnote.location,
                    Severity.WARNING,
                    f"put [^{footnote.id}] in the text it explains",
                )
            )


def _ref_hint(ref: str, ids: Sequence[str], otherwise: str) -> str:
    return did_you_mean(ref, ids) if ids else otherwise
