"""Hypothesis strategies for content files: documents drawn from the published JSON Schema, and
the mutations an author's slip or a hostile file brings (syntax, types, strings, nesting, aliases, sizes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "brochure" / "load" / "content.schema.json").read_text("utf-8")
)

#: Words an author writes, with the characters that mean something to YAML or to inline markup.
TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdefghij klmnopqrstuvwxyz ABCÉë’“”–0123456789.,;:!?*_[]()#'\"`{}@&%-|>~\\")
    ),
    max_size=40,
)
HOSTILE = st.sampled_from(
    [
        "\x1b[31mrood\x1b[0m",
        "bel\x07",
        "a\x00b",
        "\u202eomgekeerd",
        "x" * 12_000,
        "woord " * 2_000,
        "https://example.org/" + "a" * 3_000,
        "assets/photo.png\x00.jpg",
        "{{ school.name }}",
        "{{ kapot",
        "'s avonds",
        "Verzamelen bij lokaal #12",
        "Let op: nu",
        "~",
        "",
        "   ",
        "中文 😀 \u0301",
        "\ufeff",
        "\t",
        10**30,
        -1,
        0.5,
        True,
        None,
        [],
        {},
        ["a", ["b", ["c"]]],
    ]
)
SNIPPETS = st.sampled_from(
    [
        " #",
        ": ",
        ":",
        "'",
        '"',
        "*a",
        "&a ",
        "[",
        "]",
        "{",
        "}",
        "\t",
        "- ",
        "!tag ",
        "%",
        "|",
        ">",
        "\n",
        "\n---\n",
        "? ",
        "@",
        "`",
        "\\",
        "\x00",
        "\x1b",
        "{{ x }}",
        "[" * 60,
        "\n" + "  " * 30 + "- x",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n',
        "meta: &m {title: T, language: en, self: *m}\n",
    ]
)


def from_schema(node: dict[str, Any], *, depth: int = 0) -> st.SearchStrategy[Any]:
    """A strategy for the values a (sub)schema describes: properties, $ref, anyOf/oneOf, enum,
    const, patterns, ranges, arrays. `if`/`then`/`not` are left out: what they forbid (a panel
    the fold lacks) is worth generating too."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return st.deferred(lambda: from_schema(SCHEMA["$defs"][name], depth=depth + 1))
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([from_schema(option, depth=depth) for option in node[key]])
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**node, "type": one}, depth=depth) for one in kind])
    if kind == "object" or "properties" in node:
        return _object(node, depth)
    if kind == "array":
        return st.lists(from_schema(node.get("items", {}), depth=depth + 1), max_size=3 if depth < 4 else 1)
    if kind == "string":
        if "pattern" in node:
            return st.from_regex(node["pattern"], fullmatch=True).filter(lambda s: len(s) < 80)
        return TEXT.filter(lambda s: len(s) >= node.get("minLength", 0))
    if kind == "integer":
        return st.integers(node.get("minimum", -5), node.get("maximum", 50))
    if kind == "number":
        low, high = node.get("minimum", -5), node.get("maximum", 50)
        return st.one_of(st.integers(int(low), int(high)), st.floats(low, high, allow_nan=False))
    if kind == "boolean":
        return st.booleans()
    return st.one_of(TEXT, st.integers(), st.booleans())


def _object(node: dict[str, Any], depth: int) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Any] = node.get("properties", {})
    if node.get("maxProperties") == 1:  # a block: exactly one of its types
        return st.sampled_from(sorted(properties)).flatmap(
            lambda name: from_schema(properties[name], depth=depth + 1).map(lambda value: {name: value})
        )
    if "propertyNames" in node and isinstance(node.get("additionalProperties"), dict):  # panels
        names = from_schema(node["propertyNames"], depth=depth)
        values = from_schema(node["additionalProperties"], depth=depth + 1)
        return st.dictionaries(names, values, max_size=4)
    required = [name for name in node.get("required", []) if name in properties or name == "title"]
    optional = [name for name in properties if name not in required]

    def build(chosen: list[str]) -> st.SearchStrategy[dict[str, Any]]:
        names = required + chosen
        return st.fixed_dictionaries(
            {
                name: from_schema(properties.get(name, {"$ref": "#/$defs/text"}), depth=depth + 1)
                for name in names
            }
        )

    return (
        st.lists(st.sampled_from(optional), unique=True, max_size=len(optional)).flatmap(build)
        if optional
        else build([])
    )


def documents() -> st.SearchStrategy[Any]:
    """A content document as Python data, drawn from the schema."""
    return from_schema(SCHEMA)


def replace_leaf(document: Any, path: list[int], value: Any) -> Any:
    """The document with one leaf (chosen by `path`, indices taken modulo each level's size)
    replaced by `value`."""
    if not path or not isinstance(document, (dict, list)) or not document:
        return value
    if isinstance(document, dict):
        keys = sorted(document, key=str)
        key = keys[path[0] % len(keys)]
        return {**document, key: replace_leaf(document[key], path[1:], value)}
    index = path[0] % len(document)
    return [*document[:index], replace_leaf(document[index], path[1:], value), *document[index + 1 :]]


def dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1_000_000)


@st.composite
def content_files(draw: st.DrawFn) -> str:
    """A content file's text: a schema document, often mutated in its data and in its text."""
    document = draw(documents())
    for _ in range(draw(st.integers(0, 2))):
        path = draw(st.lists(st.integers(0, 20), min_size=1, max_size=6))
        document = replace_leaf(document, path, draw(st.one_of(HOSTILE, TEXT)))
    text = dump(document)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "indent", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(SNIPPETS) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)) :]
        else:
            lines = text.split("\n")
            n = at % max(len(lines), 1)
            lines[n] = (" " + lines[n]) if action == "indent" else lines[n] + "\n" + lines[n]
            text = "\n".join(lines)
    return text
