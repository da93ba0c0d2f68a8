"""The `theme:` section: colours, fonts, sizes, padding, bleed and paper stock (C106, C111)."""

from __future__ import annotations

from functools import partial

import yaml

from brochure.load.fields import Limits, Reader, get, read_number_in
from brochure.load.model import ThemeChoice
from brochure.load.yamlnodes import is_null
from brochure.resolve.colour import NOTATION, parse_colour

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
#: The press edition's printing condition: FOGRA39 on coated paper, FOGRA29 on uncoated.
PAPER_STOCKS = ("coated", "uncoated")


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
