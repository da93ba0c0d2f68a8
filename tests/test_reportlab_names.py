"""Every private ReportLab name the code touches, listed: after a ReportLab upgrade, these are the
places to check again (ReportLab and pyphen are pinned to the minor versions tested)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import reportlab

PACKAGE = Path(__file__).resolve().parent.parent / "brochure"
#: module -> the private ReportLab names it uses, and why.
PRIVATE = {
    # the document date (`_doc._timeStamp`), annotations counted for the structure tree
    # (`_annotationrefs`), the CMYK image reader's pixels (`_image`, `_data`, `_dataA`)
    "render/pdfcanvas.py": {"_doc", "_timeStamp", "_annotationrefs", "_image", "_data", "_dataA"},
    # the font's bytes (`_ttf_data`) to key its subsets by, and ReportLab's own text-encoding flag
    "resolve/fontfaces.py": {"_ttf_data", "_asciiReadable"},
    # the canvas's document (`_doc`), whose per-document font state gives shaped glyphs their codes
    "render/shaped.py": {"_doc"},
}


def _reportlab_names() -> set[str]:
    source = "\n".join(p.read_text(errors="replace") for p in Path(reportlab.__file__).parent.rglob("*.py"))
    return set(re.findall(r"\b(_[A-Za-z][A-Za-z0-9_]*)\b", source))


def _private_names(tree: ast.Module) -> set[str] | None:
    """The single-underscore names a module reads or writes as attributes or imports from
    ReportLab, leaving out those its own classes (with no ReportLab base) set on themselves;
    None for a module that imports no ReportLab."""
    from_reportlab: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
            from_reportlab |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import) and any(a.name.startswith("reportlab") for a in node.names):
            from_reportlab.add("reportlab")
    if not from_reportlab:
        return None
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
            if not bases & from_reportlab:
                own |= {
                    n.attr
                    for n in ast.walk(node)
                    if isinstance(n, ast.Attribute)
                    and isinstance(n.ctx, ast.Store)
                    and n.attr.startswith("_")
                }
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
    }
    imported = {n for n in from_reportlab if n.startswith("_")}
    return (used - own) | imported


def test_every_private_reportlab_name_the_code_touches_is_listed() -> None:
    """The private names of ReportLab used in brochure's modules are exactly the list above: a new
    one (or one no longer used) fails here until the list, and its reason, is brought up to date."""
    known = _reportlab_names()
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        names = _private_names(ast.parse(path.read_text(encoding="utf-8")))
        if names and names & known:
            found[path.relative_to(PACKAGE).as_posix()] = names & known
    assert found == PRIVATE


def test_the_scan_finds_a_private_name_on_a_reportlab_object() -> None:
    """The scan is not blind: a module reading a canvas's `_code` is caught, one whose own class
    keeps a `_lines` cache is not."""
    tree = ast.parse(
        "from reportlab.pdfgen.canvas import Canvas\n"
        "class Own:\n    def __init__(self):\n        self._lines = []\n"
        "def f(canvas: Canvas):\n    return canvas._code, Own()._lines\n"
    )
    assert _private_names(tree) == {"_code"}
