"""Layout: blocks become flowables at decided positions; overflow is found and reported here."""

from __future__ import annotations

from brochure.diagnostics import Diagnostic, Diagnostics
from brochure.document import Document
from brochure.layout.model import Layout


def layout(document: Document) -> tuple[Layout, tuple[Diagnostic, ...]]:
    """The sheet layout of a document; raises BuildError when a panel overflows."""
    from brochure.layout.safety import check_safe_zones
    from brochure.layout.sheet import layout_sheet

    diagnostics = Diagnostics()
    result = layout_sheet(document, diagnostics)
    check_safe_zones(result, diagnostics)
    diagnostics.raise_if_errors()
    return result, tuple(diagnostics)
