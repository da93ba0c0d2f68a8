"""Walk the YAML node tree, report every problem, and build the content model."""

from __future__ import annotations

import datetime
import re
from functools import partial
from pathlib import Path
from typing import cast

import yaml

from brochure.diagnostics import Diagnostics, did_you_mean
from brochure.load.blocks import NO_BLOCKS, read_blocks, read_url
from brochure.load.fields import Fields, Limits, Reader, get, read_number_in
from brochure.load.mailtext import read_mail
from brochure.load.model import (
    Align,
    Background,
    Balance,
    Content,
    Fit,
    FoldChoice,
    Footnote,
    Meta,
    Panel,
    Source,
    ThemeChoice,
)
from brochure.load.references import check_references, read_id
from brochure.load.yamlnodes import is_null
from brochure.resolve.colour import NOTATION, parse_colour
from brochure.resolve.fold import FOLD_KINDS, PAPERS, make_fold, slot_names

TOP_KEYS = ("meta", "fold", "theme", "sources", "panels", "email")
META_KEYS = ("title", "name", "language", "subtitle", "author", "organisation", "subject", "date", "version")
META_TEXTS = ("name", "subtitle", "author", "organisation", "subject", "version")
THEME_COLOURS = ("colour", "tint", "text-colour")
THEME_FONTS = ("font", "font-bold", "font-italic", "font-bold-italic")
THEME_TEXTS = (*THEME_COLOURS, *THEME_FONTS)
THEME_KEYS = (
    *THEME_TEXTS,
    "body-size",
    "min-body-size",
    "typography",
    "no-hyphenation",
    "padding",
    "bleed",
    "cmyk",
    "paper-stock",
)
BODY_SIZES = Limits(6.0, 14.0, "points", "10 is usual")
#: Millimetres: panel padding (safe zones warn below 5) and the press edition's bleed.
PADDINGS = Limits(0.0, 30.0, "millimetres", "9 is the default")
BLEEDS = Limits(0.0, 10.0, "millimetres", "3 is usual")
ALIGNS = ("top", "centre", "bottom", "spread")
FITS = ("error", "shrink")
BALANCES = ("whole", "even")
#: The press edition's printing condition: FOGRA39 on coated paper, FOGRA29 on uncoated.
PAPER_STOCKS = ("coated", "uncoated")
BACKGROUNDS = ("default", "none", "tint", "colour")

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def build_content(root: yaml.Node, *, path: Path, file: str, diags: Diagnostics) -> Content | None:
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


def read_meta(reader: Reader, key: yaml.Node, node: yaml.Node) -> Meta | None:
    """The metadata; every field given is checked even when a required one is missing."""
    fields = reader.mapping(node, "meta", allowed=META_KEYS, required=("title", "language"), owner=key)
    if fields is None:
        return None
    title = get(fields, "title", reader.required_text)
    language = get(fields, "language", partial(read_language, reader))
    texts = {name: reader.text(fields[name][1], name) for name in META_TEXTS if name in fields}
    date = get(fields, "date", partial(read_date, reader))
    if title is None or language is None or None in texts.values():
        return None
    if "date" in fields and date is None:
        return None
    title_at, where = reader.at(fields["title"][0]), reader.at(fields["language"][1])
    return Meta(
        title,
        language,
        reader.at(key),
        date=date,
        title_at=title_at,
        language_location=where,
        **cast(dict[str, str], texts),
    )


def read_language(reader: Reader, node: yaml.Node, what: str) -> str | None:
    language = reader.text(node, what)
    if language is not None and not _LANGUAGE.fullmatch(language):
        reader.error(
            "C112",
            f"invalid language tag '{language}'",
            node,
            "use a language code such as 'nl', 'en' or 'en-GB'",
        )
        return None
    return language


def read_date(reader: Reader, node: yaml.Node, what: str) -> datetime.date | None:
    text = reader.text(node, what)
    if text is None:
        return None
    match = _DATE.fullmatch(text)
    problem = "write the date as YYYY-MM-DD, e.g. 2026-11-25"
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError as error:
            problem = f"{error}; write the date as YYYY-MM-DD"
    reader.error("C108", f"invalid date '{text}'", node, problem)
    return None


def read_theme(reader: Reader, key: yaml.Node, node: yaml.Node) -> ThemeChoice | None:
    fields = reader.mapping(node, "theme", allowed=THEME_KEYS, owner=key)
    if fields is None:
        return None
    texts = {name: _theme_text(reader, fields[name][1], name) for name in THEME_TEXTS if name in fields}
    size = get(fields, "body-size", partial(read_number_in, reader, BODY_SIZES), 0.0)
    smallest = get(fields, "min-body-size", partial(read_number_in, reader, BODY_SIZES), 0.0)
    typography = get(fields, "typography", reader.boolean, True)
    no_words: tuple[str, ...] = ()
    words = get(fields, "no-hyphenation", partial(read_words, reader), no_words)
    padding = get(fields, "padding", partial(read_number_in, reader, PADDINGS))
    bleed = get(fields, "bleed", partial(read_number_in, reader, BLEEDS))
    cmyk = get(fields, "cmyk", reader.boolean, False)
    stock = get(fields, "paper-stock", partial(reader.choice, choices=PAPER_STOCKS), "coated")
    if size and smallest and smallest > size:
        reader.error(
            "C106",
            f"'min-body-size' {smallest:g} is larger than 'body-size' {size:g}",
            fields["min-body-size"][1],
            "the smallest size text may shrink to must not exceed the body size",
        )
        return None
    wrong = ("padding" in fields and padding is None) or ("bleed" in fields and bleed is None)
    if None in texts.values() or None in (size, smallest, typography, words, cmyk, stock) or wrong:
        return None
    named = {name.replace("-", "_"): value for name, value in texts.items() if value is not None}
    return ThemeChoice(
        reader.at(key),
        body_size=size or 0.0,
        min_body_size=smallest or 0.0,
        typography=bool(typography),
        no_hyphenation=words or (),
        padding=padding,
        bleed=bleed,
        cmyk=bool(cmyk),
        paper_stock=stock or "coated",
        field_locations=tuple((name, reader.at(value)) for name, (_, value) in fields.items()),
        **named,
    )


def read_words(reader: Reader, node: yaml.Node, what: str) -> tuple[str, ...] | None:
    """A list of single words (C102 for anything else)."""
    if not isinstance(node, yaml.SequenceNode):
        reader.wrong_type(node, "a list of words", what)
        return None
    words = [reader.required_text(item, what) for item in node.value]
    for item, word in zip(node.value, words, strict=True):
        if word is not None and len(word.split()) != 1:
            reader.wrong_type(item, "a single word", what, "list each word on its own line")
            return None
    return None if None in words else tuple(w.strip() for w in words if w is not None)


def _theme_text(reader: Reader, node: yaml.Node, name: str) -> str | None:
    if name in THEME_COLOURS:
        return read_colour(reader, node, name)
    return reader.file_name(node, name)


def read_colour(reader: Reader, node: yaml.Node, name: str) -> str | None:
    hint = 'quote a colour: "#B3124B" (an unquoted # starts a comment)' if is_null(node) else ""
    colour = reader.text(node, name, hint=hint)
    if colour is not None and parse_colour(colour) is None:
        reader.error("C111", f"invalid colour '{colour}' for '{name}'", node, f"write a colour as {NOTATION}")
        return None
    return colour


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
