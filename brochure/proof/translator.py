"""`translate`: the translator's file, every text of a leaflet in reading order, the source beside each."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from brochure.diagnostics import BuildError, Diagnostics, escaped
from brochure.languages import SUPPORTED, primary
from brochure.load.content import load
from brochure.load.inline import LANGUAGE_TAG
from brochure.load.texts import Unit, matched, units
from brochure.load.translations import reading_order
from brochure.load.yamlnodes import compose, read_text
from brochure.output import write_atomic

#: Width of the source text written as comments.
WIDTH = 96


def translation_path(content: Path, language: str) -> Path:
    """Where a leaflet's translation into `language` lives: `content.tr.yaml` beside `content.yaml`."""
    return content.with_name(f"{content.stem}.{language}{content.suffix}")


def translator_file(content: Path, language: str) -> str:
    """The text of `content.<language>.yaml`: each text to translate in reading order with the
    source as a comment above it and the hash of the source (`from:`), so the build can tell
    when the source changes. Translations already in the file are kept as they are (with the
    hash they were made from); a new text starts empty, which the build reports (C502) and
    prints in the source language until it is filled in."""
    source, _ = load(content)  # raises BuildError when the source itself has errors
    diags = Diagnostics()
    text = read_text(content, str(content), diags)
    root = compose(text, str(content), diags) if text is not None else None
    if root is None:
        raise BuildError(tuple(diags))
    found = units(root, reading_order(source.fold.kind, source.fold.paper))
    existing, fit = _existing(translation_path(content, language))
    name = SUPPORTED[primary(language)].name if primary(language) in SUPPORTED else language
    lines = [
        f"# {name} ({language}) translation of {escaped(content.name)}, built with it by `brochure build`.",
        "# Translate each `text:`; the comment above it is the source text. `from:` is the hash of",
        "# the source text that was translated: when the source changes, the build warns (C501)",
        f"# until the text is updated and `from:` set to the new hash (`brochure translate --to {language}`",
        "# writes it). An empty text is printed in the source language, with a warning (C502).",
        f"language: {language}",
    ]
    if fit:
        lines += ["fit:", *(f"  {panel}: {policy}" for panel, policy in fit)]
    lines.append("texts:")
    for unit, key in matched(found, {key: source for key, (source, _) in existing.items()}):
        lines += _entry(unit, existing[key] if key is not None else None)
    return "\n".join(lines) + "\n"


def _entry(unit: Unit, kept: tuple[str, str] | None) -> list[str]:
    # A control character in a comment would make the file one that YAML refuses.
    comment = textwrap.wrap(escaped(" ".join(unit.text.split())), WIDTH) or [""]
    made_from, text = kept if kept is not None else (unit.digest, "")
    outdated = made_from not in ("", unit.digest)
    changed = ["  # the source changed since this was translated"] if outdated else []
    return [
        *(f"  # {line}" for line in comment),
        *changed,
        f"  {unit.key}:",
        f"    from: {json.dumps(made_from)}",
        f"    text: {json.dumps(text, ensure_ascii=False)}",
    ]


def _existing(path: Path) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    """Key -> (source hash, translated text) of a translation already written, and its fit policies."""
    if not path.is_file():
        return {}, []
    root = compose(path.read_text(encoding="utf-8"), str(path), Diagnostics())
    if not isinstance(root, yaml.MappingNode):
        return {}, []
    top = {str(key.value): value for key, value in root.value}
    texts, fit = top.get("texts"), top.get("fit")
    kept: dict[str, tuple[str, str]] = {}
    for key, value in texts.value if isinstance(texts, yaml.MappingNode) else ():
        if isinstance(value, yaml.ScalarNode):
            kept[str(key.value)] = ("", str(value.value))
        elif isinstance(value, yaml.MappingNode):
            fields = {str(k.value): str(v.value) for k, v in value.value if isinstance(v, yaml.ScalarNode)}
            kept[str(key.value)] = (fields.get("from", ""), fields.get("text", ""))
    policies = [
        (str(k.value), str(v.value))
        for k, v in (fit.value if isinstance(fit, yaml.MappingNode) else ())
        if isinstance(v, yaml.ScalarNode)
    ]
    return kept, policies


@dataclass(frozen=True)
class Written:
    """What `write_translation` did: the file, whether it was there, its texts and the empty ones."""

    path: Path
    existed: bool
    texts: int
    empty: int


def write_translation(content: Path, language: str) -> Written:
    """Write or bring up to date `content.<language>.yaml` (see `translator_file`); raises
    ValueError for a language that is not a language code."""
    if not LANGUAGE_TAG.fullmatch(language):
        raise ValueError(language)
    text = translator_file(content, language)
    target = translation_path(content, language)
    existed = target.is_file()
    write_atomic(target, text.encode("utf-8"))
    return Written(target, existed, text.count("\n    from: "), text.count('\n    text: ""'))
