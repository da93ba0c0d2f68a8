"""The Unicode bidirectional algorithm (UAX #9) for one paragraph: levels, and lines in display order.

Implemented here because no library on PyPI exposes the levels of the full algorithm: the rules
W1-W7, N0 (bracket pairs), N1-N2, I1-I2, L1 and L2, with isolates (LRI, RLI, FSI ... PDI).
Explicit embeddings and overrides (LRE, RLE, LRO, RLO, PDF) are ignored like boundary neutrals:
a leaflet's author has isolates and marks (LRM, RLM) for that. Numbers written as phone numbers
or dates ("020-1234567", "2026-11-02") and web and e-mail addresses are isolated left to right,
as wrapping them in LRI ... PDI would (the plain algorithm shows "1234567-020" in Arabic text,
and an address's final slash on its left). The tests compare the
display order with python-bidi's own (Rust) implementation of the algorithm.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from brochure.caches import memo
from brochure.resolve.hyphenation import ADDRESS

#: Digit groups joined by hyphens, slashes or single spaces: a phone number or a date, always
#: read left to right.
NUMBER = re.compile(r"\+?\d+(?:(?:[-/\u2010\u2011]| (?=\d{2}))\d+)+")
#: Opening bracket -> closing bracket (Bidi_Paired_Bracket of the brackets text uses).
BRACKETS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "\u2045": "\u2046",
    "\u207d": "\u207e",
    "\u208d": "\u208e",
    "\u2329": "\u232a",
    "\u27e8": "\u27e9",
    "\u27e6": "\u27e7",
    "\u3008": "\u3009",
    "\u300c": "\u300d",
    "\u3010": "\u3011",
    "\ufd3f": "\ufd3e",  # ORNATE PARENTHESIS: Arabic's own, opening on the right
}
CLOSING = {close: open_ for open_, close in BRACKETS.items()}
STRONG = {"L", "R", "AL"}
NEUTRAL = {"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"}
ISOLATES = {"LRI", "RLI", "FSI", "PDI"}
IGNORED = {"BN", "LRE", "RLE", "LRO", "RLO", "PDF"}
MAX_DEPTH = 125


def bidi_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def _strong_dir(cls: str) -> str:
    """L or R for a strong type (numbers count as R, as N1 and N0 read them), else ''."""
    if cls == "L":
        return "L"
    return "R" if cls in ("R", "AL", "EN", "AN") else ""


def first_strong(text: str) -> str:
    """'R' or 'L' of the first strong character outside isolates (rules P2, P3), else ''."""
    depth = 0
    for char in text:
        cls = bidi_class(char)
        if cls in ("LRI", "RLI", "FSI"):
            depth += 1
        elif cls == "PDI" and depth:
            depth -= 1
        elif depth == 0 and cls in STRONG:
            return "L" if cls == "L" else "R"
    return ""


@dataclass(frozen=True)
class _Span:
    """An isolate: its content `start` to `end`, the level it is set at, and the real characters
    that open and close it (-1 for an isolate of a number, which has none)."""

    start: int
    end: int
    opener: int
    closer: int


def _isolates(text: str, classes: list[str], lo: int, hi: int, level: int) -> list[tuple[_Span, int]]:
    """The isolates directly inside text[lo:hi] at `level`, with the level of each."""
    found: list[tuple[_Span, int]] = []
    addresses = {m.start(): m.end() for m in ADDRESS.finditer(text, lo, hi)} if level % 2 else {}
    i = lo
    while i < hi:
        if i in addresses:
            found.append((_Span(i, addresses[i], -1, -1), _next_level(level, rtl=False)))
            i = addresses[i]
            continue
        cls = classes[i]
        if cls in ("LRI", "RLI", "FSI"):
            depth, j = 1, i + 1
            while j < hi and depth:
                if classes[j] in ("LRI", "RLI", "FSI"):
                    depth += 1
                elif classes[j] == "PDI":
                    depth -= 1
                j += 1
            closer = j - 1 if depth == 0 else -1
            end = closer if closer >= 0 else hi
            rtl = cls == "RLI" or (cls == "FSI" and first_strong(text[i + 1 : end]) == "R")
            found.append((_Span(i + 1, end, i, closer), _next_level(level, rtl=rtl)))
            i = end + 1
            continue
        if text[i].isdigit() and (i == lo or not text[i - 1].isdigit()):
            match = NUMBER.match(text, i, hi)
            if match and level % 2 == 1:
                found.append((_Span(match.start(), match.end(), -1, -1), _next_level(level, rtl=False)))
                i = match.end()
                continue
        i += 1
    return found


def _next_level(level: int, *, rtl: bool) -> int:
    step = level + 1
    if (step % 2 == 1) != rtl:
        step += 1
    return min(step, MAX_DEPTH)


@memo(maxsize=4096)
def levels(text: str, base: int) -> tuple[int, ...]:
    """The embedding level of every character of a paragraph whose base level is `base` (0
    left to right, 1 right to left); ignored characters take their neighbour's level."""
    classes = [bidi_class(char) for char in text]
    out = [base] * len(text)
    _resolve(text, classes, 0, len(text), base, out)
    for i, cls in enumerate(classes):
        if cls in IGNORED:
            out[i] = out[i - 1] if i else base
    return tuple(out)


def _resolve(text: str, classes: list[str], lo: int, hi: int, level: int, out: list[int]) -> None:
    """Resolve text[lo:hi] as one isolating run sequence at `level`; isolates inside it recurse."""
    spans = _isolates(text, classes, lo, hi, level)
    # The sequence: character indices, -1 for an isolate of a number (a neutral of its own).
    sequence: list[int] = []
    types: list[str] = []
    at = lo
    for span, inner in spans:
        for i in range(at, span.start if span.opener < 0 else span.opener):
            if classes[i] not in IGNORED:
                sequence.append(i)
                types.append(classes[i])
        if span.opener >= 0:
            sequence.append(span.opener)
            types.append("ON")
        else:
            sequence.append(-1)
            types.append("ON")
        _resolve(text, classes, span.start, span.end, inner, out)
        if span.closer >= 0:
            sequence.append(span.closer)
            types.append("ON")
        at = span.closer + 1 if span.closer >= 0 else span.end
    for i in range(at, hi):
        if classes[i] not in IGNORED:
            sequence.append(i)
            types.append(classes[i])
    embedding = "R" if level % 2 else "L"
    resolved = _weak(types, embedding, sequence, classes)
    _brackets(text, sequence, resolved, classes, embedding)
    _neutrals(resolved, embedding)
    for n, i in enumerate(sequence):
        if i < 0:
            continue
        cls = resolved[n]
        if level % 2 == 0:
            out[i] = level + (1 if cls == "R" else 2 if cls in ("AN", "EN") else 0)
        else:
            out[i] = level + (1 if cls in ("L", "EN", "AN") else 0)


def _weak(types: list[str], sos: str, sequence: list[int], classes: list[str]) -> list[str]:
    """Rules W1-W7."""
    t = list(types)
    for n, cls in enumerate(t):  # W1
        if cls == "NSM":
            prior = t[n - 1] if n else sos
            isolate = n and (sequence[n - 1] < 0 or classes[sequence[n - 1]] in ISOLATES)
            t[n] = "ON" if isolate else prior
    strong = sos
    for n, cls in enumerate(t):  # W2, W3
        if cls in STRONG:
            strong = cls
            if cls == "AL":
                t[n] = "R"
        elif cls == "EN" and strong == "AL":
            t[n] = "AN"
    for n in range(1, len(t) - 1):  # W4
        if t[n] == "ES" and t[n - 1] == t[n + 1] == "EN":
            t[n] = "EN"
        elif t[n] == "CS" and t[n - 1] == t[n + 1] and t[n - 1] in ("EN", "AN"):
            t[n] = t[n - 1]
    n = 0
    while n < len(t):  # W5
        if t[n] == "ET":
            end = n
            while end < len(t) and t[end] == "ET":
                end += 1
            if (n and t[n - 1] == "EN") or (end < len(t) and t[end] == "EN"):
                t[n:end] = ["EN"] * (end - n)
            n = end
        else:
            n += 1
    t = ["ON" if cls in ("ES", "ET", "CS") else cls for cls in t]  # W6
    strong = sos
    for n, cls in enumerate(t):  # W7
        if cls in ("L", "R"):
            strong = cls
        elif cls == "EN" and strong == "L":
            t[n] = "L"
    return t


def _brackets(text: str, sequence: list[int], t: list[str], classes: list[str], embedding: str) -> None:
    """Rule N0: a pair of brackets takes the direction of the text inside it (or around it)."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for n, i in enumerate(sequence):
        if i < 0 or t[n] != "ON":
            continue
        char = text[i]
        if char in BRACKETS:
            if len(stack) >= 63:
                break
            stack.append((BRACKETS[char], n))
        elif char in CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], n))
                    del stack[depth:]
                    break
    for opening, closing in sorted(pairs):
        inside = {_strong_dir(cls) for cls in t[opening + 1 : closing]} - {""}
        if not inside:
            continue
        if embedding in inside:
            chosen = embedding
        else:
            before = next((d for cls in reversed(t[:opening]) if (d := _strong_dir(cls))), embedding)
            chosen = before if before != embedding else embedding
        t[opening] = t[closing] = chosen
        for end in (opening, closing):
            k = end + 1
            while k < len(t) and sequence[k] >= 0 and classes[sequence[k]] == "NSM":
                t[k] = chosen
                k += 1


def _neutrals(t: list[str], embedding: str) -> None:
    """Rules N1 and N2: neutrals between two of one direction take it, others the embedding's."""
    n = 0
    while n < len(t):
        if t[n] not in NEUTRAL:
            n += 1
            continue
        end = n
        while end < len(t) and t[end] in NEUTRAL:
            end += 1
        before = _strong_dir(t[n - 1]) if n else embedding
        after = _strong_dir(t[end]) if end < len(t) else embedding
        chosen = before if before == after else embedding
        t[n:end] = [chosen] * (end - n)
        n = end


def line_levels(text: str, paragraph: tuple[int, ...], start: int, end: int, base: int) -> list[int]:
    """Rule L1 for the line text[start:end]: separators, and white space before them or at the
    line's end, at the paragraph's level."""
    out = list(paragraph[start:end])
    trailing = True
    for k in range(end - 1, start - 1, -1):
        cls = bidi_class(text[k])
        if cls in ("S", "B"):
            out[k - start] = base
            trailing = True
        elif trailing and (cls == "WS" or cls in IGNORED or cls in ("LRI", "RLI", "FSI", "PDI")):
            out[k - start] = base
        else:
            trailing = False
    return out


def visual_runs(text: str, start: int, end: int, base: int) -> list[tuple[int, int, int]]:
    """The line text[start:end] as (start, end, level) runs of one level, in display order from
    the left (rule L2: from the highest level down to the lowest odd one, reverse each stretch)."""
    if start >= end:
        return []
    lv = line_levels(text, levels(text, base), start, end, base)
    runs: list[tuple[int, int, int]] = []
    for k, level in enumerate(lv):
        if runs and runs[-1][2] == level:
            runs[-1] = (runs[-1][0], start + k + 1, level)
        else:
            runs.append((start + k, start + k + 1, level))
    highest = max(level for _, _, level in runs)
    lowest_odd = min((level for _, _, level in runs if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        n = 0
        while n < len(runs):
            if runs[n][2] >= level:
                stop = n
                while stop < len(runs) and runs[stop][2] >= level:
                    stop += 1
                runs[n:stop] = runs[n:stop][::-1]
                n = stop
            else:
                n += 1
    return runs
