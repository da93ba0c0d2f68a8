"""Walk the YAML node tree, report every problem, and build the content model."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import cast

import yaml

from brochure.diagnostics import Diagnostics, did_you_mean
from brochure.load.blocks import NO_BLOCKS, read_blocks, read_url
from brochure.load.fields import Fields, Reader, get
from brochure.load.mailtext import read_mail
from brochure.load.meta import read_meta
from brochure.load.model import (
    Align,
    Background,
    Balance,
    Content,
    Fit,
    FoldChoice,
    Footnote,
    Panel,
    Source,
    ThemeChoice,
)
from brochure.load.references import check_references, read_id
from brochure.load.theme import read_theme
from brochure.resolve.fold import FOLD_KINDS, PAPERS, make_fold, slot_names

TOP_KEYS = ("meta", "fold", "theme", "sources", "panels", "email")
ALIGNS = ("top", "centre", "bottom", "spread")
FITS = ("error", "shrink")
BALANCES = ("whole", "even")
BACKGROUNDS = ("default", "none", "tint", "colour")


def read_content(root: yaml.Node, *, path: Path, file: str, diags: Diagnostics) -> Content | None:
    """The content of a whole file, or None when any error was reported."""
    reader = Reader(file, diags)
    if not isinstance(root, yaml.MappingNode):
        reader.error(
            "C006", f"the top level must be a mapping (meta:, panels:, ...), not {_kind(root)}", root
        )
        return None
    top = reader.mapping(root, "top level", allowed=TOP_KEYS, required=("meta", "panels"))
    assert top is not None
    fold = read_fold(reader, top["fold"][1]) if "fold" in top else FoldChoice()
    meta = read_meta(reader, *top["meta"]) if "meta" in top else None
    reader.language = meta.language if meta else ""
    theme = read_theme(reader, *top["theme"]) if "theme" in top else ThemeChoice(reader.at(root))
    sources = read_sources(reader, top["sources"][1]) if "sources" in top else ()
    panels = read_panels(reader, top["panels"][1], fold) if "panels" in top else ()
    mail = read_mail(reader, *top["email"]) if "email" in top else None
    footnotes = [block for panel in panels for block in panel.blocks if isinstance(block, Footnote)]
    check_references(reader.refs, footnotes, sources, diags)
    if diags.has_errors or fold is None or meta is None or theme is None:
        return None
    if "email" in top and mail is None:
        return None
    return Content(path, meta, panels, fold, theme, sources, mail)


def _kind(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else "a single value"


def read_fold(reader: Reader, node: yaml.Node) -> FoldChoice | None:
    """`fold: roll` or `fold: {kind: roll, paper: a4}`."""
    if not isinstance(node, yaml.MappingNode):
        kind = reader.choice(node, "fold", sorted(FOLD_KINDS))
        return None if kind is None else FoldChoice(kind)
    fields = reader.mapping(node, "fold", allowed=("kind", "paper"))
    if fields is None:
        return None
    kind = get(fields, "kind", partial(reader.choice, choices=sorted(FOLD_KINDS)), "roll")
    paper = get(fields, "paper", partial(reader.choice, choices=sorted(PAPERS)), "a4")
    if kind is None or paper is None:
        return None
    return FoldChoice(kind, paper)


def read_sources(reader: Reader, node: yaml.Node) -> tuple[Source, ...]:
    """Every source with a usable id (so citations of it are not reported as unknown)."""
    if not isinstance(node, yaml.SequenceNode):
        reader.wrong_type(node, "a list of sources", "sources")
        return ()
    sources = [read_source(reader, item) for item in node.value]
    return tuple(source for source in sources if source is not None)


def read_source(reader: Reader, node: yaml.Node) -> Source | None:
    """A source; fields in error are reported and left empty, a missing or bad id gives None."""
    allowed = ("id", "title", "url", "publisher")
    fields = reader.mapping(node, "source", allowed=allowed, required=("id", "title", "url"))
    if fields is None:
        return None
    ident = get(fields, "id", partial(read_id, reader, "source"))
    title = get(fields, "title", reader.required_text, "")
    url = get(fields, "url", partial(read_url, reader), "")
    publisher = get(fields, "publisher", reader.text, "")
    if ident is None:
        return None
    return Source(ident, title or "", url or "", reader.at(node), publisher or "")


def read_panels(reader: Reader, node: yaml.Node, fold: FoldChoice | None) -> tuple[Panel, ...]:
    """The panels in file order; names are checked against the fold when the fold is valid."""
    if not isinstance(node, yaml.MappingNode):
        reader.wrong_type(node, "a mapping of panels", "panels", "e.g. 'cover:' with its blocks below")
        return ()
    fields: Fields = {}
    for key, value in node.value:
        name = reader.key_name(key, "panels")
        if name is not None and check_panel_name(reader, name, key, fold):
            fields[name] = (key, value)
    if fold is not None:
        check_flow_overlap(reader, fields, fold)
    return tuple(read_panel(reader, name, key, value) for name, (key, value) in fields.items())


def check_panel_name(reader: Reader, name: str, key: yaml.Node, fold: FoldChoice | None) -> bool:
    """Whether a panel name fits the fold (C105 if not); any name passes when the fold is invalid."""
    if fold is None:
        return True
    names = slot_names(fold.kind)
    if name in names:
        return True
    listed = ", ".join(f"'{n}'" for n in names)
    close = did_you_mean(name, names)
    hint = f"{close} " if close.startswith("did you mean") else ""
    reader.error(
        "C105",
        f"unknown panel '{name}' for a {fold.kind} fold",
        key,
        f"{hint}the {fold.kind} fold has the panels {listed}",
    )
    return False


def check_flow_overlap(reader: Reader, fields: Fields, fold: FoldChoice) -> None:
    """C109 for each slot given on its own when a flow over it is given too."""
    for flow, slots in make_fold(fold.kind, fold.paper).flows.items():
        if flow not in fields:
            continue
        flow_line = fields[flow][0].start_mark.line + 1
        for slot in slots:
            if slot in fields:
                reader.error(
                    "C109",
                    f"panel '{slot}' is also part of the flow '{flow}'",
                    fields[slot][0],
                    f"'{flow}' (line {flow_line}) already fills {', '.join(slots)}: "
                    f"give either '{flow}' or those panels, not both",
                )


def read_panel(reader: Reader, name: str, key: yaml.Node, node: yaml.Node) -> Panel:
    """`name: [blocks]` or `name: {blocks: [...], align: ..., fit: ...}`."""
    if not isinstance(node, yaml.MappingNode):
        return Panel(name, read_blocks(reader, node, name), reader.at(key))
    fields = reader.mapping(
        node,
        name,
        allowed=("blocks", "align", "fit", "background", "balance"),
        required=("blocks",),
        owner=key,
    )
    assert fields is not None
    blocks = get(fields, "blocks", partial(read_blocks, reader), NO_BLOCKS) or NO_BLOCKS
    align = get(fields, "align", partial(reader.choice, choices=ALIGNS))
    fit = get(fields, "fit", partial(reader.choice, choices=FITS))
    background = get(fields, "background", partial(reader.choice, choices=BACKGROUNDS))
    balance = get(fields, "balance", partial(reader.choice, choices=BALANCES))
    return Panel(
        name,
        blocks,
        reader.at(key),
        cast(Align, align or "top"),
        cast(Fit, fit or "error"),
        cast(Background, background or "default"),
        cast(Balance, balance or "whole"),
    )
