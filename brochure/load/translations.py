"""Translations of one leaflet: `content.tr.yaml` beside `content.yaml` gives the texts of the same
blocks by key; theme, fold, sources and images are the source's."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from brochure.diagnostics import BuildError, Diagnostic, Diagnostics, Severity
from brochure.load.inline import LANGUAGE_TAG
from brochure.load.model import Content
from brochure.load.texts import Unit, matched, panel_blocks, replace, units
from brochure.load.validate import FITS, read_content
from brochure.load.yamlnodes import TranslatedScalar, compose, location, read_text
from brochure.resolve.fold import make_fold

TOP_KEYS = ("language", "source", "fit", "texts")
TEXT_KEYS = ("from", "text")


@dataclass(frozen=True)
class Translated:
    """A translation read and checked: where its texts go in the source's tree."""

    language: str
    root: yaml.Node


def translation_files(content: Path) -> list[Path]:
    """The translations beside a content file: `content.<language>.yaml`, by language."""
    pattern = re.compile(rf"{re.escape(content.stem)}\.({LANGUAGE_TAG.pattern}){re.escape(content.suffix)}")
    found = [p for p in content.parent.glob(f"{content.stem}.*{content.suffix}") if pattern.fullmatch(p.name)]
    return sorted(found)


def load_translation(content: Path, translation: Path) -> tuple[Content, tuple[Diagnostic, ...]]:
    """The leaflet in the translation's language; raises BuildError when anything is an error."""
    diags = Diagnostics()
    source_text = read_text(content, str(content), diags)
    text = read_text(translation, str(translation), diags)
    source = compose(source_text, str(content), diags) if source_text is not None else None
    root = compose(text, str(translation), diags) if text is not None else None
    result = None
    if source is not None and root is not None:
        translated = translate(source, root, str(translation), diags, source_file=str(content))
        if translated is not None:
            result = read_content(translated.root, path=content.resolve(), file=str(content), diags=diags)
    found = tuple(sorted(diags, key=lambda d: (d.location.file, d.location.line, d.location.column)))
    if result is None or any(d.is_error for d in found):
        raise BuildError(found)
    return result, found


def translate(
    source: yaml.Node, root: yaml.Node, file: str, diags: Diagnostics, *, source_file: str
) -> Translated | None:
    """A copy of the source tree with the translation's texts, language and fit policies in it;
    C501-C503 warnings for outdated, missing and left-over texts, C504 errors for its shape."""
    if not isinstance(root, yaml.MappingNode):
        diags.error("C504", "a translation is a mapping with 'language:' and 'texts:'", location(root, file))
        return None
    top = _fields(root, TOP_KEYS, "translation", file, diags)
    language_node = top.get("language")
    if not isinstance(language_node, yaml.ScalarNode) or not LANGUAGE_TAG.fullmatch(str(language_node.value)):
        where = location(language_node or root, file)
        diags.error("C504", "a translation names its language, e.g. 'language: tr'", where)
        return None
    tree = copy.deepcopy(source)
    _set_language(tree, TranslatedScalar(language_node, file))
    texts = top.get("texts")
    given = _texts(texts, file, diags) if texts is not None else {}
    sources = {
        k: str(made.value) if made is not None and made.value else "" for k, (_, made, _) in given.items()
    }
    for unit, matched_key in matched(units(tree), sources):
        entry = given.pop(matched_key, None) if matched_key is not None else None
        if entry is None or not str(entry[0].value).strip():
            diags.add(_missing(unit, str(language_node.value), source_file, file))
            continue
        text, written_from, key = entry
        if matched_key != unit.key:
            diags.add(_moved(unit, key, str(language_node.value), file))
        elif written_from is not None and written_from.value and str(written_from.value) != unit.digest:
            diags.add(
                Diagnostic(
                    "C501",
                    f"the source of '{unit.key}' changed after it was translated",
                    location(key, file),
                    Severity.WARNING,
                    f"it now reads “{_short(unit.text)}”: update the translation, then 'from: {unit.digest}'",
                )
            )
        replace(unit, TranslatedScalar(text, file))
    for key_text, (_, _, key) in given.items():
        diags.add(
            Diagnostic(
                "C503",
                f"'{key_text}' is translated but the source has no such text",
                location(key, file),
                Severity.WARNING,
                "the block was removed or moved: delete this entry, or run 'brochure translate' again",
            )
        )
    fit = top.get("fit")
    if fit is not None:
        _set_fit(tree, fit, file, diags)
    return Translated(str(language_node.value), tree)


def _moved(unit: Unit, key: yaml.Node, language: str, file: str) -> Diagnostic:
    """C505: a translation found by the source text it was made from, under another block's key."""
    return Diagnostic(
        "C505",
        f"the translation under '{key.value}' belongs to the text now at '{unit.key}' (blocks moved)",
        location(key, file),
        Severity.WARNING,
        f"it is used there; 'brochure translate --to {language}' brings the keys up to date",
    )


def _fields(
    node: yaml.MappingNode, allowed: tuple[str, ...], what: str, file: str, diags: Diagnostics
) -> dict[str, yaml.Node]:
    fields: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = str(key.value)
        if name not in allowed:
            hint = "a translation has " + ", ".join(f"'{k}'" for k in allowed)
            diags.error("C504", f"unknown key '{name}' in the {what}", location(key, file), hint)
        fields[name] = value
    return fields


Entry = tuple[yaml.ScalarNode, yaml.ScalarNode | None, yaml.Node]


def _texts(node: yaml.Node, file: str, diags: Diagnostics) -> dict[str, Entry]:
    """Key -> (translated text, the source's hash it was made from, where the key is)."""
    if not isinstance(node, yaml.MappingNode):
        diags.error("C504", "'texts' is a mapping of keys to translated texts", location(node, file))
        return {}
    found: dict[str, Entry] = {}
    for key, value in node.value:
        if isinstance(value, yaml.ScalarNode):
            found[str(key.value)] = (value, None, key)
            continue
        fields = _fields(value, TEXT_KEYS, "text", file, diags) if isinstance(value, yaml.MappingNode) else {}
        text, made_from = fields.get("text"), fields.get("from")
        if not isinstance(text, yaml.ScalarNode) or not isinstance(made_from, (yaml.ScalarNode, type(None))):
            hint = "write 'key: text', or 'from: <hash>' and 'text: ...' under the key"
            diags.error("C504", f"no text for '{key.value}'", location(value, file), hint)
            continue
        found[str(key.value)] = (text, made_from, key)
    return found


def _missing(unit: Unit, language: str, source_file: str, file: str) -> Diagnostic:
    return Diagnostic(
        "C502",
        f"'{unit.key}' is not translated into {language} ({Path(file).name})",
        location(unit.node, source_file),
        Severity.WARNING,
        f"add it under 'texts:' in {Path(file).name}; until then the source text is printed",
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:49] + "…"


def _set_language(tree: yaml.Node, language: yaml.ScalarNode) -> None:
    top = {str(k.value): v for k, v in tree.value} if isinstance(tree, yaml.MappingNode) else {}
    meta = top.get("meta")
    if isinstance(meta, yaml.MappingNode):
        for index, (key, _) in enumerate(meta.value):
            if str(key.value) == "language":
                meta.value[index] = (key, language)


def _set_fit(tree: yaml.Node, fit: yaml.Node, file: str, diags: Diagnostics) -> None:
    """`fit: {inside: shrink}`: the translation's own fit policy for a panel where its text is longer."""
    top = {str(k.value): v for k, v in tree.value} if isinstance(tree, yaml.MappingNode) else {}
    panels = top.get("panels")
    if not isinstance(fit, yaml.MappingNode) or not isinstance(panels, yaml.MappingNode):
        diags.error(
            "C504", "'fit' maps panel names to a fit policy, e.g. 'inside: shrink'", location(fit, file)
        )
        return
    by_name = {str(k.value): i for i, (k, _) in enumerate(panels.value)}
    for key, policy in fit.value:
        name = str(key.value)
        if name not in by_name or not isinstance(policy, yaml.ScalarNode) or policy.value not in FITS:
            hint = f"name a panel of the source and one of {', '.join(FITS)}"
            diags.error("C504", f"invalid fit for '{name}'", location(key, file), hint)
            continue
        index = by_name[name]
        panel_key, value = panels.value[index]
        mapping = value if isinstance(value, yaml.MappingNode) else _long_form(value)
        mapping.value = [(k, v) for k, v in mapping.value if str(k.value) != "fit"]
        mapping.value.append((_scalar("fit", key), TranslatedScalar(policy, file)))
        panels.value[index] = (panel_key, mapping)


def _long_form(blocks: yaml.Node) -> yaml.MappingNode:
    """A panel given as a list of blocks, as `blocks:` under a mapping (to add options to it)."""
    return yaml.MappingNode(
        "tag:yaml.org,2002:map", [(_scalar("blocks", blocks), blocks)], blocks.start_mark, blocks.end_mark
    )


def _scalar(value: str, at: yaml.Node) -> yaml.ScalarNode:
    return yaml.ScalarNode("tag:yaml.org,2002:str", value, at.start_mark, at.end_mark)


def reading_order(kind: str, paper: str) -> tuple[str, ...]:
    """The panel names of a fold in reading order, flows at their first slot."""
    fold = make_fold(kind, paper)
    order = list(fold.reading_order)
    for name, slots in fold.flows.items():
        order.insert(order.index(slots[0]), name)
    return tuple(order)


__all__ = ["load_translation", "panel_blocks", "reading_order", "translate", "translation_files"]
