"""Layout: blocks become flowables at decided positions; overflow is found and reported here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from brochure.diagnostics import Diagnostic, Diagnostics
from brochure.document import Document
from brochure.layout.model import Layout

if TYPE_CHECKING:
    from brochure.layout.reuse import PanelCache


def layout(document: Document, *, reuse: PanelCache | None = None) -> tuple[Layout, tuple[Diagnostic, ...]]:
    """The sheet layout of a document; raises BuildError when a panel overflows.

    With `reuse`, panels laid out before with the same content are taken from it (batch builds).
    """
    from brochure.layout.sheet import layout_sheet

    diagnostics = Diagnostics()
    result = layout_sheet(document, diagnostics, reuse)
    diagnostics.raise_if_errors()
    return result, tuple(diagnostics)
