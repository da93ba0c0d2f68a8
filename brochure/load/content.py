"""The load stage: content.yaml to a validated `Content`, with every problem as a diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from brochure.diagnostics import BuildError, Diagnostic, Diagnostics
from brochure.load.model import Content
from brochure.load.placeholders import Values, fill_tree, unquoted_placeholders
from brochure.load.validate import read_content
from brochure.load.yamlnodes import compose, read_text
from brochure.load.yamltraps import TRAP_CODES

#: Traps after which a diagnostic at the same place only repeats them (a placeholder's C403
#: leaves its C401 standing: the value is still missing).
SHADOWING = TRAP_CODES - {"C403"}

__all__ = ["Template", "load", "load_template", "load_text"]


def load(path: str | Path, values: Values | None = None) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Read and validate a content file, its placeholders filled from `values` (a data row).

    Its warnings come back next to the content. Raises BuildError carrying every diagnostic
    (errors and warnings) when any is an error.
    """
    return load_template(path).fill(values)


def load_text(text: str, path: Path, values: Values | None = None) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Validate content given as text, as if read from `path` (for tests and editors)."""
    return _template(text, path, str(path), Diagnostics()).fill(values)


@dataclass(frozen=True)
class Template:
    """A content file read and parsed once, to be filled with one data row after another."""

    path: Path
    file: str
    root: yaml.Node | None
    #: What reading and parsing found (duplicate keys, ...), reported with every fill.
    found: tuple[Diagnostic, ...] = ()

    def fill(self, values: Values | None = None) -> tuple[Content, tuple[Diagnostic, ...]]:
        """The content with its placeholders filled from `values`, and its warnings."""
        diags = Diagnostics()
        diags.extend(self.found)
        content = None
        if self.root is not None:
            root = fill_tree(self.root, values, self.file, diags)
            content = read_content(root, path=self.path.resolve(), file=self.file, diags=diags)
        found = _in_file_order(diags)
        if content is None or any(d.is_error for d in found):
            raise BuildError(found)
        return content, found


def load_template(path: str | Path) -> Template:
    """Read and parse a content file; raises BuildError when it cannot be read (C001, C002)."""
    diags = Diagnostics()
    text = read_text(Path(path), str(path), diags)
    if text is None:
        raise BuildError(tuple(diags))
    return _template(text, Path(path), str(path), diags)


def _template(text: str, path: Path, file: str, diags: Diagnostics) -> Template:
    root = compose(text, file, diags)
    if root is None and "{{" in text:
        unquoted_placeholders(text, file, diags)
    return Template(path, file, root, tuple(diags))


def _in_file_order(diags: Diagnostics) -> tuple[Diagnostic, ...]:
    """By line; on one line a YAML trap first (it explains what follows), then by column. What
    is reported at the very place of a trap only repeats it and is left out."""
    traps = {(d.location.line, d.location.column) for d in diags if d.code in SHADOWING and d.is_error}
    kept = {
        (d.code, d.location, d.message): d
        for d in diags
        if d.code in TRAP_CODES or (d.location.line, d.location.column) not in traps
    }.values()
    return tuple(sorted(kept, key=lambda d: (d.location.line, d.code not in TRAP_CODES, d.location.column)))
