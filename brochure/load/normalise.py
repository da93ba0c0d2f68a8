"""Parsed spans tidied: whitespace one space, ends stripped, equal styles merged, positions kept."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from brochure.load.model import Inline, Span

_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
#: A run of whitespace or any one other character: what `_WHITESPACE.sub(" ", ...)` keeps.
_KEPT = re.compile(r"[ \t\r\n\f\v]+|.", re.DOTALL)
_WHITESPACE_CHARS = " \t\r\n\f\v"


def normalise(spans: Iterable[Span]) -> Inline:
    """Collapse whitespace to one space, strip the ends, drop empty spans, merge equal styles;
    each character left keeps where it was written."""
    out: list[Span] = []
    for span in spans:
        if span.kind != "text":
            out.append(span)
            continue
        text = _WHITESPACE.sub(" ", span.text)
        kept: Sequence[int] = range(len(text))
        if span.positions and text != span.text:
            kept = [match.start() for match in _KEPT.finditer(span.text)]
        previous = out[-1] if out else None
        if previous is None or (previous.kind == "text" and previous.text.endswith(" ")):
            kept = kept[len(text) - len(text.lstrip(" ")) :]
            text = text.lstrip(" ")
        if not text:
            continue
        where = span.positions.pick(kept) if span.positions else None
        if previous is not None and previous.kind == "text" and _same_style(previous, span):
            before = previous.positions
            where = before.joined(len(previous.text), where, len(text)) if before and where else None
            out[-1] = replace(previous, text=previous.text + text, positions=where)
        else:
            out.append(replace(span, text=text, positions=where))
    while out and out[-1].kind == "text":
        stripped = out[-1].text.rstrip(_WHITESPACE_CHARS)
        if stripped:
            out[-1] = replace(out[-1], text=stripped)
            break
        out.pop()
    return tuple(out)


def _same_style(a: Span, b: Span) -> bool:
    return (a.bold, a.italic, a.link, a.verbatim, a.lang) == (b.bold, b.italic, b.link, b.verbatim, b.lang)
