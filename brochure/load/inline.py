"""Inline markup of text fields (bold, italic, links, footnote marks, citations) into spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlsplit

from brochure.caches import memo
from brochure.diagnostics import (
    Diagnostic,
    Diagnostics,
    Location,
    Severity,
    did_you_mean,
)
from brochure.load.limits import MAX_URL
from brochure.load.model import Footnote, Inline, Source, Span
from brochure.load.positions import TextPositions

ESCAPABLE = frozenset("*[]{}_`\\")
#: What an id of a source or a footnote looks like, and so what `[@id]` / `[^id]` accept.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
#: A run of whitespace or any one other character: what `_WHITESPACE.sub(" ", ...)` keeps.
_KEPT = re.compile(r"[ \t\r\n\f\v]+|.", re.DOTALL)
_WHITESPACE_CHARS = " \t\r\n\f\v"
_URL_STOP = frozenset('<>"[]*`')
_URL_TRAILING = ".,;:!?"
_HOST = re.compile(r"[\w.-]+", re.UNICODE)
#: A BCP 47 language tag as `meta.language` takes it, and the attribute of a language span.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_LANG_ATTRIBUTE = re.compile(r"\s*lang\s*=\s*[\"']?([^\s\"'}]*)[\"']?\s*")


@dataclass(frozen=True)
class Ref:
    """A footnote mark (`[^id]`) or citation (`[@id]`) met in text, where it was written."""

    kind: Literal["footnote", "cite"]
    id: str
    location: Location


def is_valid_url(url: str) -> bool:
    """An absolute http, https or mailto URL with a host, without spaces."""
    if not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.hostname) and bool(_HOST.fullmatch(parts.hostname or ""))
    if parts.scheme == "mailto":
        local, at, domain = parts.path.partition("@")
        return bool(local and at and _HOST.fullmatch(domain) and "." in domain)
    return False


URL_HINT = "write an absolute address such as 'https://example.org/page' or 'mailto:name@example.org'"


def url_problem(url: str) -> tuple[str, str, str] | None:
    """(code, message, hint) when an address cannot be used: C114 too long, C107 malformed."""
    if len(url) > MAX_URL:
        return (
            "C114",
            f"the address '{url[:40]}…' is {len(url):,} characters long, "
            f"more than the {MAX_URL} an address may have",
            "a reader cannot type it and a QR code of it does not scan: use the site's short link",
        )
    if not is_valid_url(url):
        return "C107", f"malformed URL '{url}'", URL_HINT
    return None


@memo(maxsize=4096)
def parse_inline(text: str, where: TextPositions) -> tuple[Inline, tuple[Ref, ...], tuple[Diagnostic, ...]]:
    """Spans of a text, the references in it and its markup problems (C201, C107).

    Remembered by text and positions, so the rows of a batch parse their unchanged texts once.
    """
    parser = _Parser(text, where)
    parser.run(0, len(text))
    parser.finish()
    return normalise(parser.spans), tuple(parser.refs), tuple(parser.problems)


class _Parser:
    """A single left-to-right scan; bold and italic toggle, links recurse into their label."""

    def __init__(self, text: str, where: TextPositions) -> None:
        self.text = text
        #: Where each character of `text` is written.
        self.where = where
        self.spans: list[Span] = []
        self.refs: list[Ref] = []
        self.problems: list[Diagnostic] = []
        self.buffer: list[str] = []
        #: The offset in `text` of each character in `buffer`.
        self.offsets: list[int] = []
        #: Offsets of the open markers, by marker.
        self.open: dict[str, int] = {}
        self.link = ""
        self.lang = ""

    def error(self, code: str, message: str, offset: int, hint: str = "") -> None:
        self.problems.append(Diagnostic(code, message, self.where(offset), hint=hint))

    def add(self, piece: str, offset: int) -> None:
        """Text for the current span, written at `offset` on."""
        self.buffer.append(piece)
        self.offsets.extend(range(offset, offset + len(piece)))

    def flush(self) -> None:
        if self.buffer:
            italic = "*" in self.open or "_" in self.open
            where = self.where.pick(self.offsets)
            self.spans.append(
                Span(
                    "".join(self.buffer),
                    "**" in self.open,
                    italic,
                    self.link,
                    lang=self.lang,
                    positions=where,
                )
            )
            self.buffer.clear()
            self.offsets.clear()

    def run(self, start: int, end: int) -> None:
        index = start
        while index < end:
            index = self.step(index, start, end)

    def step(self, i: int, start: int, end: int) -> int:
        text, char = self.text, self.text[i]
        if char == "\\" and i + 1 < end and text[i + 1] in ESCAPABLE:
            self.add(text[i + 1], i + 1)
            return i + 2
        if text.startswith("**", i) and i + 1 < end:
            return self.toggle("**", i, end)
        if char == "*":
            return self.toggle("*", i, end)
        if char == "_":
            return self.underscore(i, start, end)
        if char == "[":
            return self.bracket(i, end)
        if char == "`":
            return self.verbatim(i, end)
        if not self.link and _starts_url(text, i, start):
            return self.bare_url(i, end)
        self.buffer.append(char)  # as `add`, for the most common case
        self.offsets.append(i)
        return i + 1

    def toggle(self, marker: str, i: int, end: int) -> int:
        after = i + len(marker)
        can_open = after < end and not self.text[after].isspace()
        can_close = i > 0 and not self.text[i - 1].isspace()
        return self.switch(marker, i, can_open, can_close)

    def underscore(self, i: int, start: int, end: int) -> int:
        text = self.text
        can_open = (i == start or not text[i - 1].isalnum()) and i + 1 < end and not text[i + 1].isspace()
        can_close = i > start and not text[i - 1].isspace() and (i + 1 == end or not text[i + 1].isalnum())
        return self.switch("_", i, can_open, can_close)

    def switch(self, marker: str, i: int, can_open: bool, can_close: bool) -> int:
        if marker in self.open and can_close:
            self.flush()
            del self.open[marker]
        elif marker not in self.open and can_open:
            self.flush()
            self.open[marker] = i
        else:
            self.add(marker, i)
        return i + len(marker)

    def bracket(self, i: int, end: int) -> int:
        text = self.text
        if text.startswith(("[^", "[@"), i):
            ref_end = text.find("]", i + 2, end)
            ref = text[i + 2 : ref_end]
            if ref_end != -1 and ID_PATTERN.fullmatch(ref):
                self.flush()
                kind: Literal["footnote", "cite"] = "footnote" if text[i + 1] == "^" else "cite"
                self.spans.append(Span(kind=kind, ref=ref))
                self.refs.append(Ref(kind, ref, self.where(i)))
                return ref_end + 1
        close = _matching(text, i, end, "[", "]")
        if close is None:
            self.error("C201", "unclosed '['", i, "close it with ']', or write \\[ for a literal bracket")
            self.add("[", i)
            return i + 1
        if close + 1 < end and text[close + 1] == "{":
            return self.attributes(i, close, end)
        if close + 1 < end and text[close + 1] == "(":
            paren = _matching(text, close + 1, end, "(", ")")
            if paren is None:
                self.error(
                    "C201",
                    "unclosed '(' after a link label",
                    close + 1,
                    "a link is written [label](https://example.org)",
                )
                self.add("[", i)
                return i + 1
            self.link_span(i + 1, close, text[close + 2 : paren].strip(), close + 2)
            return paren + 1
        self.add("[", i)
        return i + 1

    def attributes(self, i: int, close: int, end: int) -> int:
        """`[text]{lang=en}`: a phrase in another language (C205 for anything else in braces)."""
        brace = self.text.find("}", close + 2, end)
        if brace == -1:
            self.error("C201", "unclosed '{' after '[...]'", close + 1, "a language span is [text]{lang=en}")
            self.add("[", i)
            return i + 1
        found = _LANG_ATTRIBUTE.fullmatch(self.text, close + 2, brace)
        if found is None or not LANGUAGE_TAG.fullmatch(found.group(1)):
            written = self.text[close + 2 : brace]
            hint = "mark a phrase in another language as [text]{lang=en}, with a language code"
            self.error("C205", f"invalid span attributes '{{{written}}}'", close + 2, hint)
            self.run(i + 1, close)
            return brace + 1
        self.flush()
        outer, self.lang = self.lang, found.group(1)
        self.run(i + 1, close)
        self.flush()
        self.lang = outer
        return brace + 1

    def verbatim(self, i: int, end: int) -> int:
        """`text` between backquotes, kept exactly as typed (no markup inside)."""
        close = self.text.find("`", i + 1, end)
        if close == -1:
            hint = "close it with a matching '`', or write \\` for a backquote"
            self.error("C201", "unclosed '`'", i, hint)
            self.add("`", i)
            return i + 1
        self.flush()
        italic = "*" in self.open or "_" in self.open
        code = self.text[i + 1 : close]
        where = self.where.pick(range(i + 1, close))
        span = Span(
            code, "**" in self.open, italic, self.link, verbatim=True, lang=self.lang, positions=where
        )
        self.spans.append(span)
        return close + 1

    def link_span(self, label_start: int, label_end: int, url: str, url_offset: int) -> None:
        problem = url_problem(url)
        if problem:
            self.error(problem[0], problem[1], url_offset, problem[2])
        self.flush()
        outer, self.link = self.link, url
        if self.text[label_start:label_end].strip():
            self.run(label_start, label_end)
        else:
            self.add(url, url_offset)
        self.flush()
        self.link = outer

    def bare_url(self, i: int, end: int) -> int:
        stop = i
        while stop < end and not self.text[stop].isspace() and self.text[stop] not in _URL_STOP:
            stop += 1
        url = _strip_trailing(self.text[i:stop])
        problem = url_problem(url)
        if problem:
            self.error(problem[0], problem[1], i, problem[2])
        self.flush()
        outer, self.link = self.link, url
        self.add(url, i)
        self.flush()
        self.link = outer
        return i + len(url)

    def finish(self) -> None:
        self.flush()
        for marker, offset in sorted(self.open.items(), key=lambda item: item[1]):
            literal = "\\" + "\\".join(marker)
            self.error(
                "C201",
                f"unclosed '{marker}'",
                offset,
                f"close it with a matching '{marker}', or write {literal} for the literal text",
            )


def _starts_url(text: str, i: int, start: int) -> bool:
    """Whether a bare http(s) URL starts at `i` (not inside a word)."""
    at_boundary = i == start or not text[i - 1].isalnum()
    return at_boundary and text.startswith(("http://", "https://"), i)


def _matching(text: str, i: int, end: int, opening: str, closing: str) -> int | None:
    """Index of the bracket closing the one at `i`, skipping escapes and nested pairs."""
    depth, j = 0, i
    while j < end:
        char = text[j]
        if char == "\\":
            j += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def _strip_trailing(url: str) -> str:
    """A bare URL without sentence punctuation after it; ')' stays when it closes a '(' of the URL."""
    while url:
        unbalanced = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] not in _URL_TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url


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


def check_references(
    refs: Sequence[Ref], footnotes: Sequence[Footnote], sources: Sequence[Source], diags: Diagnostics
) -> None:
    """C202 unknown footnote mark, C203 unknown citation, C204 (warning) unreferenced footnote."""
    footnote_ids = sorted({f.id for f in footnotes})
    source_ids = sorted({s.id for s in sources})
    for ref in refs:
        if ref.kind == "footnote" and ref.id not in footnote_ids:
            hint = _ref_hint(ref.id, footnote_ids, "add a 'footnote:' block with this id")
            diags.error("C202", f"footnote mark [^{ref.id}] has no footnote '{ref.id}'", ref.location, hint)
        if ref.kind == "cite" and ref.id not in source_ids:
            hint = _ref_hint(ref.id, source_ids, "add a source with this id under 'sources:'")
            diags.error("C203", f"citation [@{ref.id}] names no source '{ref.id}'", ref.location, hint)
    marked = {ref.id for ref in refs if ref.kind == "footnote"}
    for footnote in footnotes:
        if footnote.id not in marked:
            diags.add(
                Diagnostic(
                    "C204",
                    f"footnote '{footnote.id}' is never referenced",
                    footnote.location,
                    Severity.WARNING,
                    f"put [^{footnote.id}] in the text it explains",
                )
            )


def _ref_hint(ref: str, ids: Sequence[str], otherwise: str) -> str:
    return did_you_mean(ref, ids) if ids else otherwise
