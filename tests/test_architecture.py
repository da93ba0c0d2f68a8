"""The pipeline's boundaries (ARCHITECTURE.md): which stage may import what, and who reads files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "brochure"

# Stage of each module, by path prefix inside the package (first match wins).
STAGES = [
    ("content/", "load"),
    ("document.py", "resolve"),
    ("assets.py", "resolve"),
    ("fonts.py", "resolve"),
    ("theme.py", "resolve"),
    ("fold.py", "resolve"),
    ("typography.py", "resolve"),
    ("hyphenation.py", "resolve"),
    ("patterns.py", "resolve"),
    ("colour.py", "resolve"),
    ("imagecache.py", "resolve"),
    ("paint.py", "resolve"),
    ("companions.py", "render"),
    ("layout/", "layout"),
    ("render/", "render"),
]

# What each stage must not import (module name prefixes). Later stages may read the data types
# of earlier ones (content.model, document, assets.ImageAsset, layout.model), never their machinery;
# whether they read files is checked separately below.
LOADER = (
    "brochure.content.yamlnodes",
    "brochure.content.validate",
    "brochure.content.fields",
    "brochure.content.blocks",
    "brochure.content.inline",
    "yaml",
)
LATER = ("brochure.build", "brochure.cli")
FORBIDDEN = {
    "load": ("reportlab", "PIL", "brochure.document", "brochure.layout", "brochure.render", *LATER),
    "resolve": ("brochure.layout", "brochure.render", "yaml", *LATER),
    "layout": (*LOADER, "brochure.render", "PIL", *LATER),
    "render": (
        *LOADER,
        "brochure.layout.sheet",
        "brochure.layout.phone",
        "brochure.layout.fill",
        "brochure.layout.fit",
        *LATER,
    ),
}

# Layout and render read no files: they use neither the builtin `open` nor the modules that reach
# the file system (their PDF work happens on bytes in memory).
FILE_MODULES = ("pathlib", "os", "glob", "shutil", "tempfile")


def stage_of(path: Path) -> str | None:
    relative = path.relative_to(PACKAGE).as_posix()
    return next((stage for prefix, stage in STAGES if relative.startswith(prefix)), None)


def module_name(path: Path) -> str:
    return "brochure." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")


def imported_names(tree: ast.AST, module: str) -> set[str]:
    """Every module a file imports, at the top or inside functions, relative imports resolved."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.rsplit(".", node.level)[0]
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def modules() -> list[tuple[Path, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        stage = stage_of(path)
        if stage:
            found.append((path, stage))
    return found


@pytest.mark.parametrize(("path", "stage"), modules(), ids=lambda v: str(v).split("brochure/")[-1])
def test_stage_imports_stay_within_its_boundary(path: Path, stage: str) -> None:
    """A stage imports nothing it must not: render never loads YAML, layout never opens images."""
    module = module_name(path)
    names = imported_names(ast.parse(path.read_text(encoding="utf-8")), module)
    broken = sorted(n for n in names for bad in FORBIDDEN[stage] if n == bad or n.startswith(bad + "."))
    assert not broken, f"{module} ({stage}) imports {broken}"


@pytest.mark.parametrize(
    ("path", "stage"),
    [m for m in modules() if m[1] in ("layout", "render")],
    ids=lambda v: str(v).split("brochure/")[-1],
)
def test_layout_and_render_read_no_files(path: Path, stage: str) -> None:
    """Only load and resolve read files; layout and render work on data they are given."""
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    opens = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "open"]
    modules = sorted(n for n in imported_names(tree, module) if n.split(".")[0] in FILE_MODULES)
    assert not opens and not modules, f"{path.name} reads files: open() or {modules}"


def test_the_boundary_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    """The checker itself works: a render module importing the YAML loader is caught."""
    tree = ast.parse("from brochure.content.yamlnodes import compose\nimport yaml\n")
    names = imported_names(tree, "brochure.render.example")
    assert {"brochure.content.yamlnodes", "yaml"} <= names
    assert any(n.startswith(bad) for n in names for bad in FORBIDDEN["render"])
