"""The JSON schema for editors agrees with the loader: same valid files, same names, no drift."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from brochure.load.blocks import BLOCK_TYPES
from brochure.load.meta import META_KEYS
from brochure.load.theme import THEME_KEYS
from brochure.load.validate import ALIGNS, FITS, TOP_KEYS
from brochure.resolve.fold import FOLD_KINDS, PAPERS, slot_names

ROOT = Path(__file__).parent.parent
CASES = ROOT / "tests" / "cases"
SCHEMA = json.loads((ROOT / "brochure" / "load" / "content.schema.json").read_text(encoding="utf-8"))
#: Codes of problems that the schema can see too (keys, types, enums, ranges, patterns).
SCHEMA_CODES = {"C101", "C102", "C103", "C104", "C105", "C106", "C111", "C112"}
#: Codes after which there is no YAML document to check.
UNPARSED_CODES = {"C002", "C003", "C004", "C006"}

_EXPECTED_CODE = re.compile(rb"^#\s*expect:\s*\d+:\d+\s+\w+\s+([A-Z]\d{3})", re.MULTILINE)
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def as_json(node: yaml.Node) -> Any:
    """A node as an editor sees it (YAML 1.2 core schema): dates and `no` stay strings."""
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): as_json(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [as_json(item) for item in node.value]
    value = str(node.value)
    if node.style is not None:
        return value
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def document(path: Path) -> Any:
    return as_json(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


def errors(instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The schema itself is well formed, so editors can use it."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_sample_content_is_valid() -> None:
    """The real leaflet, content.yaml, validates against the schema."""
    assert errors(document(ROOT / "content.yaml")) == []


def test_every_form_case_is_valid() -> None:
    """Every block type in every form the loader accepts is accepted by the schema too."""
    assert errors(document(CASES / "ok-every-form.yaml")) == []


def expected_codes(path: Path) -> set[str]:
    """The codes a case file expects (see test_diagnostic_cases)."""
    return {code.decode() for code in _EXPECTED_CODE.findall(path.read_bytes())}


def schema_error_cases() -> list[Path]:
    cases = sorted(CASES.glob("*.yaml"))
    return [p for p in cases if expected_codes(p) & SCHEMA_CODES and not expected_codes(p) & UNPARSED_CODES]


@pytest.mark.parametrize("path", schema_error_cases(), ids=lambda p: p.stem)
def test_schema_rejects_cases_with_schema_errors(path: Path) -> None:
    """A case with an unknown key, a wrong type, an unknown block or a bad value fails the schema."""
    assert errors(document(path)), f"{path.name} passes the schema"


def test_schema_block_types_equal_the_loaders() -> None:
    """The schema offers exactly the block types that the loader reads."""
    block = SCHEMA["$defs"]["block"]["anyOf"]
    keyed = next(option for option in block if option.get("type") == "object")
    bare = {option["const"] for option in block if "const" in option}
    assert set(keyed["properties"]) == set(BLOCK_TYPES)
    assert bare == {"break"}


def test_schema_panel_names_equal_the_folds() -> None:
    """Panel names in the schema are the slots and flows of every fold kind, and per fold kind."""
    names = {name for kind in FOLD_KINDS for name in slot_names(kind)}
    assert set(SCHEMA["$defs"]["panelName"]["enum"]) == names
    for kind in FOLD_KINDS:
        assert set(SCHEMA["$defs"][f"panelName-{kind}"]["enum"]) == set(slot_names(kind))


@pytest.mark.parametrize("kind", sorted(FOLD_KINDS))
@pytest.mark.parametrize("form", ["short", "mapping"])
def test_schema_checks_panel_names_per_fold(kind: str, form: str) -> None:
    """An editor flags a panel the chosen fold lacks, and accepts every panel it has."""
    fold: Any = kind if form == "short" else {"kind": kind, "paper": "letter"}
    valid = {"meta": {"title": "T", "language": "nl"}, "fold": fold}
    valid["panels"] = {name: [{"text": "x"}] for name in slot_names(kind)}
    assert errors(valid) == []
    foreign = {n for other in FOLD_KINDS for n in slot_names(other)} - set(slot_names(kind))
    for name in sorted(foreign):
        assert errors({**valid, "panels": {name: []}}), f"{name} passes for a {kind} fold"


def test_schema_takes_the_roll_fold_when_no_fold_or_kind_is_given() -> None:
    """Without `fold` (or without its kind) the panels are the roll fold's."""
    meta = {"title": "T", "language": "nl"}
    assert errors({"meta": meta, "panels": {"flap": []}}) == []
    assert errors({"meta": meta, "fold": {"paper": "letter"}, "panels": {"flap": []}}) == []
    assert errors({"meta": meta, "panels": {"outside-right": []}})


def test_schema_keys_and_enums_equal_the_loaders() -> None:
    """Top-level, meta and theme keys, fold kinds, papers, align and fit agree with the loader."""
    properties = SCHEMA["properties"]
    assert set(properties) == set(TOP_KEYS)
    assert set(properties["meta"]["properties"]) == set(META_KEYS)
    assert set(properties["theme"]["properties"]) == set(THEME_KEYS)
    assert set(SCHEMA["$defs"]["foldKind"]["enum"]) == set(FOLD_KINDS)
    fold_mapping = properties["fold"]["oneOf"][1]
    assert set(fold_mapping["properties"]["paper"]["enum"]) == set(PAPERS)
    panel = SCHEMA["$defs"]["panel"]["oneOf"][1]["properties"]
    assert tuple(panel["align"]["enum"]) == ALIGNS
    assert tuple(panel["fit"]["enum"]) == FITS


def _properties(schema: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{where}/{name}", sub
        for key, sub in schema.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            yield from _properties(sub, f"{where}/{index}")


def test_every_property_has_a_description() -> None:
    """Editors show a description for every key they complete."""
    missing = [where for where, sub in _properties(SCHEMA) if not sub.get("description")]
    assert missing == []


def test_every_object_forbids_unknown_keys() -> None:
    """Every object with properties sets additionalProperties: false, so typos are flagged
    (the per-fold conditions under allOf only narrow objects defined elsewhere)."""
    loose = [
        where
        for where, sub in _objects(SCHEMA)
        if "properties" in sub
        and sub.get("additionalProperties") is not False
        and not where.startswith("/allOf/")
    ]
    assert loose == []


def _objects(schema: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield where, schema
        for key, sub in schema.items():
            yield from _objects(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            yield from _objects(sub, f"{where}/{index}")
