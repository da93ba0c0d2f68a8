"""Inline markup of text fields (bold, italic, links, marks, citations, language spans) into spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from brochure.caches import memo
from brochure.diagnostics import Diagnostic, Location
from brochure.load.addresses import bare_url, starts_url, url_problem
from brochure.load.model import Inline, Span
from brochure.load.normalise import normalise
from brochure.load.positions import TextPositions

ESCAPABLE = frozenset("*[]{}_`\\")
#: What an id of a source or a footnote looks like, and so what `[@id]` / `[^id]` accept.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
#: A BCP 47 language tag as `meta.language` takes it, and the attribute of a language span.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_LANG_ATTRIBUTE = re.compile(r"\s*lang\s*=\s*[\"']?([^\s\"'}]*)[\"']?\s*")


@dataclass(frozen=True)
class Ref:
    """A footnote mark (`[^id]`) or citation (`[@id]`) met in text, where it was written."""

    kind: Literal["footnote", "cite"]
    id: str
    location: Location


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
        if not self.link and starts_url(text, i, start):
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
        url = bare_url(self.text, i, end)
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
