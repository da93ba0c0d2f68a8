"""libyaml reads content files into the same node tree as PyYAML, and problems keep PyYAML's words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from brochure.load.limits import FAST, LimitedLoader, Refused, compose_limited
from tests.conftest import ROOT, SAMPLE

FILES = [SAMPLE, *sorted((ROOT / "tests" / "corpus").glob("*/content.yaml"))]


def tree(node: yaml.Node | None) -> object:
    """Everything of a node the loaders and diagnostics read: tag, style, value, both marks."""
    if node is None:
        return None
    marks = tuple(
        (mark.index, mark.line, mark.column, mark.buffer[mark.index : mark.index + 20])
        for mark in (node.start_mark, node.end_mark)
    )
    head = (
        type(node).__name__,
        node.tag,
        getattr(node, "style", None),
        getattr(node, "flow_style", None),
        marks,
    )
    if isinstance(node, yaml.ScalarNode):
        return (*head, node.value)
    if isinstance(node, yaml.SequenceNode):
        return (*head, [tree(item) for item in node.value])
    return (*head, [(tree(key), tree(value)) for key, value in node.value])


def reference(text: str) -> yaml.Node | None:
    loader = LimitedLoader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


@pytest.mark.skipif(not FAST, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.parent.name)
def test_libyaml_composes_the_nodes_pyyaml_does(path: Path) -> None:
    """The sample and every corpus leaflet (eight languages, all scalar styles): the same tree,
    the same marks with the source text in them (positions of every character come from it)."""
    text = path.read_text(encoding="utf-8")
    (fast,) = FAST
    loader = fast(text)
    try:
        ours = loader.get_single_node()
    finally:
        loader.dispose()
    assert tree(ours) == tree(reference(text))
    assert len(str(tree(ours))) > 1000


def test_a_syntax_error_keeps_pyyaml_s_message_and_place() -> None:
    text = "meta:\n  title: [Test\n  language: nl\n"
    with pytest.raises(yaml.YAMLError) as ours:
        compose_limited(text)
    with pytest.raises(yaml.YAMLError) as theirs:
        reference(text)
    assert str(ours.value) == str(theirs.value)


def test_a_tab_after_a_colon_is_read_by_pyyaml() -> None:
    """libyaml takes it as a space; PyYAML refuses it, and C124 explains it."""
    with pytest.raises(yaml.YAMLError):
        compose_limited("meta:\n  title:\tTest\n")


def test_anchors_are_refused_with_the_source_in_the_mark() -> None:
    with pytest.raises(Refused) as refused:
        compose_limited("meta: &m\n  title: T\nother: *m\n")
    assert refused.value.code == "C009"
    assert (refused.value.mark.line, refused.value.mark.column) == (0, 6)
    assert refused.value.mark.buffer.startswith("meta: &m")
