"""The `meta:` section: title, language, date and the other texts of the leaflet (C108, C112)."""

from __future__ import annotations

import datetime
import re
from functools import partial
from typing import cast

import yaml

from brochure.load.fields import Reader, get
from brochure.load.model import Meta

META_KEYS = ("title", "name", "language", "subtitle", "author", "organisation", "subject", "date", "version")
META_TEXTS = ("name", "subtitle", "author", "organisation", "subject", "version")

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


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
    return Meta(
        title,
        language,
        reader.at(key),
        date=date,
        field_locations=tuple((name, reader.at(fields[name][0])) for name in META_KEYS if name in fields),
        language_location=reader.at(fields["language"][1]),
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
