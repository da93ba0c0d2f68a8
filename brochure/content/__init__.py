"""The load stage: content.yaml to a validated `Content`, with every problem as a diagnostic."""

from __future__ import annotations

from pathlib import Path

from brochure.content.model import Content
from brochure.content.validate import build_content
from brochure.content.yamlnodes import compose, read_text
from brochure.diagnostics import BuildError, Diagnostic, Diagnostics

__all__ = ["load", "load_text"]


def load(path: str | Path) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Read and validate a content file; its warnings come back next to the content.

    Raises BuildError carrying every diagnostic (errors and warnings) when any is an error.
    """
    diags = Diagnostics()
    text = read_text(Path(path), str(path), diags)
    if text is None:
        raise BuildError(tuple(diags))
    return _load(text, Path(path), str(path), diags)


def load_text(text: str, path: Path) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Validate content given as text, as if read from `path` (for tests and editors)."""
    return _load(text, path, str(path), Diagnostics())


def _load(text: str, path: Path, file: str, diags: Diagnostics) -> tuple[Content, tuple[Diagnostic, ...]]:
    root = compose(text, file, diags)
    content = None
    if root is not None:
        content = build_content(root, path=path.resolve(), file=file, diags=diags)
    found = _in_file_order(diags)
    if content is None or any(d.is_error for d in found):
        raise BuildError(found)
    return content, found


def _in_file_order(diags: Diagnostics) -> tuple[Diagnostic, ...]:
    return tuple(sorted(diags, key=lambda d: (d.location.line, d.location.column)))
