"""One registry of block types (`brochure/load/registry.py`): every stage's handler table covers
exactly the registered types, tables keyed by name agree with it, and no stage dispatches on
block types with a chain of `isinstance` tests of its own."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import typing
from pathlib import Path

import pytest

import brochure
from brochure.diagnostics import Location
from brochure.load import blocks as readers
from brochure.load.model import Block, Callout, Heading, Image, QRCode, SourceList, Span
from brochure.load.registry import BLOCK_TYPES, BY_KEY, BY_MODEL, Handlers, block_name, texts
from brochure.serve import yamlmodel

PACKAGE = Path(brochure.__file__).resolve().parent
HERE = Location("content.yaml", 3, 5)

#: Every handler table, by module and name: a stage that treats block types apart keeps one.
TABLES = {
    ("brochure.load.registry", "TEXTS"),
    ("brochure.load.registry", "FIRST_WORDS"),
    ("brochure.load.blocks", "READERS"),
    ("brochure.layout.blocks", "SETTERS"),
    ("brochure.layout.phone", "COLUMNS"),
    ("brochure.finish.structure", "TAGS"),
    ("brochure.mail.html", "HTML"),
    ("brochure.mail.reading", "TEXT"),
}


def every_module() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages([str(PACKAGE)], prefix="brochure.")
        if not info.name.endswith("__main__")
    )


def test_the_registry_declares_every_block_type_of_the_model_once() -> None:
    models = [block.model for block in BLOCK_TYPES]
    assert set(models) == set(typing.get_args(Block)) and len(models) == len(set(models))
    assert len(BY_KEY) == len(BY_MODEL) == len(BLOCK_TYPES)
    assert len({block.word for block in BLOCK_TYPES}) == len(BLOCK_TYPES)


def test_every_handler_table_covers_exactly_the_registered_block_types() -> None:
    """Found in every module of the package, so a table cannot hide from the check."""
    found: set[tuple[str, str]] = set()
    for name in every_module():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, Handlers) and attribute in _assigned(module.__file__ or ""):
                found.add((name, attribute))
                assert set(value.by_model) == set(BY_MODEL), f"{name}.{attribute}"
    assert found == TABLES


def _assigned(file: str) -> set[str]:
    """The names a module assigns at its top level (a table imported from elsewhere is not its own)."""
    tree = ast.parse(Path(file).read_text(encoding="utf-8"))
    targets = [n.target for n in tree.body if isinstance(n, ast.AnnAssign)]
    targets += [t for n in tree.body if isinstance(n, ast.Assign) for t in n.targets]
    return {t.id for t in targets if isinstance(t, ast.Name)}


def test_a_table_that_forgets_a_block_type_fails_as_it_is_made() -> None:
    every = {block.model: block.key for block in BLOCK_TYPES}
    del every[Callout]
    with pytest.raises(TypeError, match=r"no handler for \['callout'\]"):
        Handlers("a stage's table", every)

    class Quote:
        pass

    with pytest.raises(TypeError, match="not registered block types: \\['Quote'\\]"):
        Handlers("a stage's table", {**{block.model: 0 for block in BLOCK_TYPES}, Quote: 0})
    with pytest.raises(TypeError, match=r"not registered block types: \['quote'\]"):
        Handlers.keyed("a stage's table", {**{block.key: 0 for block in BLOCK_TYPES}, "quote": 0})

    def first(block: Heading | Image) -> None: ...
    def again(block: Image) -> None: ...

    with pytest.raises(TypeError, match="two handlers for 'image'"):
        Handlers.of("a stage's table", first, again)
    with pytest.raises(TypeError, match=r"no handler for \['text', 'list', 'callout'"):
        Handlers.of("a stage's table", first)


def test_tables_keyed_by_the_block_types_key_agree_with_the_registry() -> None:
    """The loader's readers (in the registry's order: did-you-mean offers them so) and the web
    editor's form fields name exactly the registered keys."""
    assert list(readers.BLOCK_TYPES) == [block.key for block in BLOCK_TYPES]
    assert set(yamlmodel.BLOCK_FIELDS) == set(BY_KEY)
    for block in BLOCK_TYPES:
        assert readers.BLOCK_TYPES[block.key] is readers.READERS.of_type(block)


def test_a_blocks_texts_say_how_each_is_set() -> None:
    """A callout's title is bold running text, its paragraphs plain; a heading is display text
    the prose checks skip; an image's caption italic; a QR code has no inline text."""
    title, body = (Span("Let op"),), (Span("Helemaal veilig is niets."),)
    callout = texts(Callout((body,), HERE, title))
    assert [(t.inline, t.bold, t.italic, t.running) for t in callout] == [
        (title, True, False, True),
        (body, False, False, True),
    ]
    (heading,) = texts(Heading(title, HERE))
    assert heading.bold and not heading.running
    (caption,) = texts(Image("a.png", "", HERE, body))
    assert caption.italic and caption.running
    assert texts(QRCode("https://example.org", HERE)) == ()
    assert block_name(SourceList("Bronnen", HERE)) == "the list of sources 'Bronnen'"


def _chains(path: Path) -> list[str]:
    """`function: variable` for every function that tests one variable against block types (`Image`
    or `model.Image`) in two or more `if`s (an if/elif chain or a run of `if isinstance(...): return`)."""
    names = {block.model.__name__ for block in BLOCK_TYPES}
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        tested: dict[str, int] = {}
        for node in ast.walk(function):
            if not isinstance(node, ast.If | ast.IfExp):
                continue
            for call in ast.walk(node.test):
                if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "isinstance"):
                    continue
                kinds = {getattr(n, "id", getattr(n, "attr", "")) for n in ast.walk(call.args[1])}
                if kinds & names:
                    variable = ast.unparse(call.args[0])
                    tested[variable] = tested.get(variable, 0) + 1
        found += [f"{function.name}: {v}" for v, count in tested.items() if count > 1]
    return found


@pytest.mark.parametrize(
    "path",
    sorted(PACKAGE.rglob("*.py")),
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_no_stage_dispatches_on_block_types_with_isinstance(path: Path) -> None:
    """A single test (`if isinstance(block, Image)`) may stay; a chain is a handler table."""
    assert _chains(path) == []


def test_the_chain_finder_finds_a_chain(tmp_path: Path) -> None:
    """A dispatch by `isinstance` on block types, as the stages had before the registry, is seen."""
    chain = tmp_path / "chain.py"
    chain.write_text(
        "def html(block):\n"
        "    if isinstance(block, Heading):\n        return 'h'\n"
        "    if isinstance(block, (Image, Illustration)):\n        return 'i'\n"
        "    return ''\n\n"
        "def one(block):\n    return isinstance(block, Image)\n\n"
        "def text(block):\n"
        "    if isinstance(block, model.Heading):\n        return 'h'\n"
        "    return 'q' if isinstance(block, model.QRCode) else ''\n",
        encoding="utf-8",
    )
    assert _chains(chain) == ["html: block", "text: block"]
