"""The pipeline's boundaries (ARCHITECTURE.md): which package may import what, who reads and who
writes files, and that the command line's help imports no stage."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "brochure"

#: Shared vocabulary every package may use: diagnostics, units and boxes, the editions, caches,
#: file names.
BASICS = (
    "brochure.diagnostics",
    "brochure.units",
    "brochure.editions",
    "brochure.caches",
    # What is known of each language, the tool's own words in it, and how output files are named.
    "brochure.languages",
    "brochure.messages",
    "brochure.names",
)
#: The data types a stage hands on; later stages may read them, never the machinery around them.
#: The registry of block types is part of the content's vocabulary: every stage keys its
#: handlers by it.
DATA = ("brochure.load.model", "brochure.load.positions", "brochure.load.registry", "brochure.layout.model")

#: What each package may import from brochure, besides itself, BASICS and DATA (prefixes).
ALLOWED: dict[str, tuple[str, ...]] = {
    # The content names fold slots and colours, so the loader validates them against resolve's lists.
    "load": ("brochure.resolve.fold", "brochure.resolve.colour"),
    "resolve": (),
    "layout": ("brochure.resolve",),
    # Render paints layout's records (and the drawings and QR modules they name), nothing else.
    "render": (
        "brochure.resolve",
        "brochure.layout.model",
        "brochure.layout.paint",
        "brochure.layout.art",
        "brochure.layout.qr",
    ),
    "finish": ("brochure.resolve", "brochure.layout.text", "brochure.render.tagging"),
    "checks": ("brochure.resolve", "brochure.layout"),
    # The e-mail's pictures are cut from the phone PDF, through the one lock PDFium needs.
    "mail": ("brochure.resolve", "brochure.layout.text", "brochure.proof.raster"),
    "pipeline": (
        "brochure.load",
        "brochure.resolve",
        "brochure.layout",
        "brochure.render",
        "brochure.finish",
        "brochure.checks",
        "brochure.mail",
        "brochure.output",
    ),
    "output": (),
    "batch": ("brochure.load", "brochure.layout.reuse", "brochure.pipeline", "brochure.output"),
    "proof": (
        "brochure.batch",
        "brochure.load",
        "brochure.resolve",
        "brochure.layout",
        "brochure.checks",
        "brochure.pipeline",
        "brochure.output",
    ),
    # `brochure mail` reads its settings, recipients and data rows with the loader's readers.
    "cli": (
        "brochure.cli",
        "brochure.pipeline",
        "brochure.batch",
        "brochure.proof",
        "brochure.output",
        "brochure.serve",
        "brochure.mail",
        "brochure.load",
    ),
    # The web editor sits beside the command line and uses the same stages, checks and pictures.
    "serve": (
        "brochure.load",
        "brochure.resolve",
        "brochure.layout",
        "brochure.render",
        "brochure.checks",
        "brochure.pipeline",
        "brochure.output",
        "brochure.proof",
        "brochure.batch",
    ),
}
#: Outside libraries a package must not import.
LIBRARIES: dict[str, tuple[str, ...]] = {
    "load": ("reportlab", "PIL", "pikepdf"),
    "resolve": ("yaml", "pikepdf"),
    "layout": ("yaml", "PIL", "pikepdf"),
    "render": ("yaml", "pikepdf"),
    "finish": ("yaml", "reportlab", "PIL"),
    "checks": ("yaml", "pikepdf"),
}
#: The pipeline's stages, in order.
STAGE_PACKAGES = ("load", "resolve", "layout", "render", "finish", "checks")
#: The packages that neither read nor write files: they work on data they are given.
NO_FILES = ("layout", "render", "finish", "checks", "mail")
#: Calls that write to the file system; only `output.py` and the command line make them.
WRITES = ("write_text", "write_bytes", "mkdir", "rename", "unlink", "rmdir", "touch", "chmod", "mkstemp")
WRITES += ("mkdtemp", "symlink_to", "hardlink_to", "rmtree")
#: The same, called on `os` only (a string has a `replace`, a list a `remove`); any call on `shutil`.
OS_WRITES = ("replace", "remove", "makedirs", "truncate", "link", "symlink")
WRITERS = ("output", "cli")
FILE_MODULES = ("pathlib", "os", "glob", "shutil", "tempfile")


def package_of(path: Path) -> str:
    """`load` for brochure/load/x.py, `pipeline` for brochure/pipeline.py."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def module_name(path: Path) -> str:
    return "brochure." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")


def imported_names(tree: ast.AST, module: str) -> set[str]:
    """Every module a file imports, at the top or inside functions, relative imports resolved;
    `from brochure.load import model` imports the module `brochure.load.model`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.rsplit(".", node.level)[0]
                base = f"{parent}.{base}" if base else parent
            submodules = {f"{base}.{a.name}" for a in node.names if _is_module(f"{base}.{a.name}")}
            names |= submodules if len(submodules) == len(node.names) else {base, *submodules}
    return names


def _is_module(name: str) -> bool:
    """Whether `name` is a module or package of brochure."""
    path = PACKAGE.parent.joinpath(*name.split("."))
    return name.startswith("brochure.") and (path.with_suffix(".py").is_file() or path.is_dir())


def modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if package_of(p) in ALLOWED]


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_every_package_has_rules() -> None:
    """A new package (or top-level module) must be given its place in the rules above."""
    top = {package_of(p) for p in PACKAGE.rglob("*.py")}
    assert top - set(ALLOWED) == {"__init__", "__main__", *(b.split(".")[1] for b in BASICS)}


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_stay_within_the_package_boundary(path: Path) -> None:
    """Load never imports ReportLab, layout never opens images, render never loads YAML, and no
    stage imports a later one."""
    package = package_of(path)
    names = imported_names(ast.parse(path.read_text(encoding="utf-8")), module_name(path))
    own = (f"brochure.{package}",)
    allowed = (*own, *BASICS, *DATA, *ALLOWED[package])
    broken = sorted(n for n in names if n.startswith("brochure.") and not _within(n, allowed))
    broken += sorted(n for n in names if _within(n, LIBRARIES.get(package, ())))
    assert not broken, f"{module_name(path)} ({package}) imports {broken}"


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if package_of(p) in NO_FILES],
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_stages_after_resolve_touch_no_files(path: Path) -> None:
    """Only load and resolve read files; layout, render, finish, checks and mail work on data."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    opens = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "open"]
    found = sorted(n for n in imported_names(tree, module_name(path)) if n.split(".")[0] in FILE_MODULES)
    assert not opens and not found, f"{path.name} reads files: open() or {found}"


def writes(tree: ast.AST, module: str) -> list[str]:
    """The calls of a module that write files: Path and os methods (`write_bytes`, `unlink`, ...,
    `os.replace`, a path's `replace` in a module that imports os), shutil's, and `open()` with a
    mode that writes."""
    found, uses_os = [], "os" in imported_names(tree, module)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, owner = node.func, getattr(getattr(node.func, "value", None), "id", "")
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        on_os = owner == "os" or (name == "replace" and uses_os)  # `Path.replace` beside os
        if name in WRITES or (name in OS_WRITES and on_os) or owner == "shutil":
            found.append(name)
        elif name in ("open", "fdopen"):
            modes = [*node.args[1:], *(k.value for k in node.keywords if k.arg == "mode")]
            mode = next((str(m.value) for m in modes if isinstance(m, ast.Constant)), "r")
            if set(mode) & set("wax+"):
                found.append(f"{name}(..., {mode!r})")
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_output_module_and_the_command_line_write_files(path: Path) -> None:
    if package_of(path) in WRITERS:
        return
    calls = writes(ast.parse(path.read_text(encoding="utf-8")), module_name(path))
    assert not calls, f"{path.name} writes files: {calls}"


def test_the_write_check_catches_every_way_of_writing() -> None:
    """Path and os methods, shutil, and `open()` for writing are caught; reading, a string's
    `replace` (in a module without os), `copy.copy` and a list's `remove` are not."""
    tree = ast.parse(
        "import os, shutil\n"
        "path.write_text('x'); os.replace(a, b); shutil.copy(a, b); path.touch()\n"
        "open(path, 'w'); path.open(mode='ab'); os.fdopen(handle, 'wb')\n"
    )
    assert writes(tree, "brochure.proof.example") == [
        "write_text",
        "replace",
        "copy",
        "touch",
        "open(..., 'w')",
        "open(..., 'ab')",
        "fdopen(..., 'wb')",
    ]
    tree = ast.parse(
        "import copy\nopen(path); path.open('rb'); 'a'.replace('a', 'b'); copy.copy(x); items.remove(x)\n"
    )
    assert writes(tree, "brochure.proof.example") == []


def test_the_boundary_check_catches_a_forbidden_import() -> None:
    """The checker itself works: a render module importing the YAML loader is caught."""
    tree = ast.parse("from brochure.load.yamlnodes import compose\nimport yaml\n")
    names = imported_names(tree, "brochure.render.example")
    allowed = ("brochure.render", *BASICS, *DATA, *ALLOWED["render"])
    assert not _within("brochure.load.yamlnodes", allowed)
    assert _within("yaml", LIBRARIES["render"]) and "yaml" in names


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports, at the top or inside
    functions (`from brochure.serve import engine` imports the module, not the package's `__init__`)."""
    paths = {module_name(p).removesuffix(".__init__"): p for p in sorted(PACKAGE.rglob("*.py"))}

    def known(name: str) -> str:
        while name not in paths and "." in name:
            name = name.rsplit(".", 1)[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        imported = imported_names(ast.parse(path.read_text(encoding="utf-8")), module_name(path))
        graph[name] = {known(n) for n in imported if n.startswith("brochure.")} - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of `graph`: each a module and those it reaches that reach it back."""

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for name in graph.get(todo.pop(), ()):
                if name not in seen:
                    seen.add(name)
                    todo.append(name)
        return seen

    reached = {name: reach(name) for name in graph}
    found = {
        tuple(sorted({name} | {other for other in reached[name] if name in reached[other]}))
        for name in graph
        if name in reached[name]
    }
    return [list(cycle) for cycle in sorted(found)]


def test_no_module_imports_one_that_imports_it_back() -> None:
    """No import cycle, not even one kept apart by an import inside a function: such a pair is
    one module in two files."""
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle_through_an_import_inside_a_function() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert "brochure.load.model" in import_graph()["brochure.load.blocks"]


#: Public functions of the same name in two modules of the pipeline that do different things in
#: their stages: render paints pages and paints one record; a colour transform and an SVG one;
#: a YAML node and a font described in messages.
ALIKE = {"paint", "transform", "describe"}


def test_the_pipelines_public_functions_have_names_of_their_own() -> None:
    """One `read_content` (load: the YAML tree into the model) beside the pipeline's one
    `build_content`, one `preflight` (checks) beside `low_resolution`: a name found in two
    modules of the stages is one thing in two places, or two things a reader confuses."""
    where: dict[str, list[str]] = {}
    for path in modules():
        if package_of(path) in (*STAGE_PACKAGES, "pipeline"):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    where.setdefault(node.name, []).append(module_name(path))
    assert {name: found for name, found in where.items() if len(found) > 1 and name not in ALIKE} == {}


STAGES = (
    "brochure.load.",
    "brochure.resolve.",
    "brochure.layout.",
    "brochure.render.",
    "brochure.finish.",
    "brochure.checks.",
    "brochure.pipeline",
    "brochure.proof.",
    "brochure.batch.",
    "brochure.mail.",
    "brochure.serve.",
    "brochure.output",
)
HEAVY = ("reportlab", "yaml", "pikepdf", "PIL", "fontTools", "pyphen", "segno", "pypdfium2", "watchdog")
HEAVY += ("uharfbuzz", "babel", "css_inline", "ruamel", "http")


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["build", "--help"],
        ["check", "--help"],
        ["buidl"],
        ["build", "--stirct"],
        ["preview", "--dpi", "9000"],
        ["watch", "-e", "nope"],
        [],
    ],
)
def test_help_and_usage_errors_import_no_stage(argv: list[str]) -> None:
    """`brochure --help` and a usage error answer without importing a stage or a heavy library,
    in under 0.1 s of imports (a fresh interpreter: the test run has imported everything). The
    time is the interpreter's own CPU time, so that other work on a shared machine does not count."""
    probe = (
        "import io, sys, time, contextlib\n"
        "start = time.process_time()\n"
        "from brochure.cli.main import main\n"
        "took = time.process_time() - start\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        code = main({argv!r}, err=io.StringIO())\n"
        "    except SystemExit as stop:\n"
        "        code = stop.code\n"
        f"stages, heavy = {STAGES!r}, {HEAVY!r}\n"
        "found = sorted(m for m in sys.modules if m.startswith(stages) or m.split('.')[0] in heavy)\n"
        "print(code, took, ' '.join(found))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    code, took, *imported = done.stdout.split()
    assert imported == []
    assert code in ("0", "2")
    assert float(took) < 0.1, f"{float(took) * 1000:.0f} ms of imports"


def test_help_is_printed() -> None:
    """The top-level help lists the commands."""
    probe = "from brochure.cli.main import main\nmain(['--help'])\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0 and "build" in done.stdout and "--version" in done.stdout


def test_architecture_md_draws_every_module() -> None:
    """The tree in ARCHITECTURE.md names every module of the package, each under its folder, once,
    with what it does on its line."""
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    tree = text.split("## The tree, one line per module", 1)[1].split("\n## ", 1)[0]
    drawn, folder, unsaid = [], "", []
    for line in tree.splitlines():
        name, _, says = line.strip().partition(" ")
        if name.endswith("/") and len(line) - len(line.lstrip()) == 6:  # a package of brochure/
            folder = name
        elif name.endswith(".py"):
            drawn.append(folder + name if line.startswith("        ") else name)
            unsaid += [] if says.strip() else [drawn[-1]]
    present = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    present -= {p for p in present if p.endswith("/__init__.py")}
    assert present == set(drawn) and len(drawn) == len(set(drawn)) and unsaid == []
