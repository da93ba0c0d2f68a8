"""Footnote and source ids: read (C106, C110), and the marks and citations naming them checked (C202-C204)."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from brochure.diagnostics import Diagnostic, Diagnostics, Severity, did_you_mean
from brochure.load.fields import Reader
from brochure.load.inline import ID_PATTERN, Ref
from brochure.load.model import Footnote, Source


def read_id(reader: Reader, namespace: str, node: yaml.Node, what: str) -> str | None:
    """An id that `[^id]` or `[@id]` can name (C106 otherwise), unique in its namespace (C110)."""
    ident = reader.text(node, what)
    if ident is None:
        return None
    if not ID_PATTERN.fullmatch(ident):
        reader.error(
            "C106",
            f"invalid id '{ident}'",
            node,
            "an id starts with a letter or digit and has no spaces, e.g. 'iwf' or 'nji-2024'",
        )
        return None
    here = reader.at(node)
    first = reader.ids.setdefault((namespace, ident), here)
    if first != here:
        reader.error(
            "C110",
            f"duplicate {namespace} id '{ident}'",
            node,
            f"the {namespace} id '{ident}' is first used at line {first.line}",
        )
    return ident


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
