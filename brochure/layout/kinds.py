"""Layout: blocks become placed records (lines, glyph runs, boxes); overflow is found and reported here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from brochure.diagnostics import Diagnostic, Diagnostics
from brochure.layout.model import Layout
from brochure.resolve.document import Document

if TYPE_CHECKING:
    from brochure.layout.reuse import PanelCache

#: Layout targets: the folded sheet, and the same content reflowed for phones.
KINDS = ("sheet", "phone")


def layout(
    document: Document, kind: str = "sheet", *, reuse: PanelCache | None = None
) -> tuple[Layout, tuple[Diagnostic, ...]]:
    """The `kind` layout of a document; raises BuildError when a block does not fit.

    With `reuse`, panels (sheet panels, or a panel's phone pages) laid out before with the same
    content are taken from it (batch builds).
    """
    diagnostics = Diagnostics()
    if kind == "phone":
        from brochure.layout.phone import layout_phone

        result = layout_phone(document, diagnostics, reuse)
    else:
        from brochure.layout.safety import check_safe_zones
        from brochure.layout.sheet import layout_sheet

        result = layout_sheet(document, diagnostics, reuse)
        check_safe_zones(result, diagnostics)
    if not diagnostics.has_errors:
        from brochure.layout.invariants import check_layout

        check_layout(result, diagnostics)
    diagnostics.raise_if_errors()
    return result, tuple(diagnostics)
