"""brochure: one content.yaml in, a folded leaflet out, for the copier, the print shop and the phone.

The stages, one call each (every call also returns the warnings it found; errors raise
`brochure.diagnostics.BuildError` carrying every diagnostic)::

    import brochure

    content, _ = brochure.load("content.yaml")
    document, _ = brochure.resolve(content)
    sheet, _ = brochure.layout(document, "sheet")
    pdf = brochure.render(sheet, "print")          # bytes of the office edition
    result = brochure.build("content.yaml", ["print", "phone"], out_dir="out")

Importing `brochure` imports no stage: each function imports its stage when called.
`brochure.clear_caches()` empties every cache the engine keeps between builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# The stage packages share their names with the functions below. Importing them first (their
# `__init__` modules are empty) puts them in `sys.modules`, so a later `from brochure.load.x import y`
# does not rebind `brochure.load` to the package and the functions stay what `brochure.load` means.
import brochure.layout
import brochure.load
import brochure.render
import brochure.resolve  # noqa: F401
from brochure.caches import clear_caches

if TYPE_CHECKING:
    from collections.abc import Sequence

    from brochure.diagnostics import Diagnostic
    from brochure.editions import Edition
    from brochure.layout.model import Layout
    from brochure.load.model import Content
    from brochure.pipeline import BuildResult
    from brochure.resolve.document import Document

__version__ = "0.1.0"
__all__ = ["build", "clear_caches", "layout", "load", "render", "resolve"]


def load(path: str | Path) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Read and validate a content file."""
    from brochure.load.content import load as load_file

    return load_file(path)


def resolve(content: Content) -> tuple[Document, tuple[Diagnostic, ...]]:
    """Bind content to its fold, theme, fonts and images."""
    from brochure.resolve.document import resolve as resolve_content

    return resolve_content(content)


def layout(document: Document, kind: str = "sheet") -> tuple[Layout, tuple[Diagnostic, ...]]:
    """The folded `sheet`, or the `phone` pages, of a document."""
    from brochure.layout.kinds import layout as lay_out

    return lay_out(document, kind)


def render(laid_out: Layout, edition: str | Edition) -> bytes:
    """The finished PDF of one edition (`print`, `press`, `phone` or an `Edition`) of a layout."""
    from brochure.editions import EDITIONS
    from brochure.pipeline import render as render_edition

    return render_edition(laid_out, EDITIONS[edition] if isinstance(edition, str) else edition)


def build(
    path: str | Path,
    editions: Sequence[str] | None = None,
    *,
    out_dir: str | Path | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build and write every edition's files of a content file (default: print and phone)."""
    from brochure.editions import DEFAULT_EDITIONS
    from brochure.pipeline import build as build_files

    return build_files(path, editions or DEFAULT_EDITIONS, out_dir=out_dir, strict=strict)
