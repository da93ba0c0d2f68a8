"""Diagnostics: author-fixable problems as data, with a location, a stable code and a hint."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import Enum

#: C0 and C1 control characters, DEL, line and paragraph separators, bidirectional controls, and
#: lone surrogates (a YAML "\ud800" escape), which no terminal or UTF-8 stream can take.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escaped(text: str) -> str:
    """`text` with each control character written as an escape: ESC as `\\x1b`, U+202E as `\\u202e`."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(
        lambda m: _NAMED.get(
            m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def shortened(text: str, limit: int = 80, *, length: bool = True) -> str:
    """`text`, or if it is longer than `limit` its first characters and (with `length`) how
    long it is: `https://example.org/aaaa… (5,000 characters)`, so that a message stays a
    readable line. The limit keeps the longest real words whole (German compounds of 60)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 20] + "…"
    return f"{cut} ({len(text):,} characters)" if length else cut


def interrupted(error: BaseException) -> bool:
    """Whether Ctrl+C caused `error`: a library turns a KeyboardInterrupt met while it loads its
    extension into an ImportError (pikepdf does), which is no bug of anyone's."""
    chain: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and cause not in chain:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    return any(isinstance(e, KeyboardInterrupt) for e in chain)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    #: A note for the author (a decorative image, a long sentence): never fails a run.
    INFO = "info"


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column count from 1 (0 means unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: `content.yaml:14:11: error[C104]: unknown block type 'calout'`."""

    code: str
    message: str
    location: Location
    severity: Severity = Severity.ERROR
    hint: str = ""

    def __post_init__(self) -> None:
        # Text from the content reaches terminals, logs and web pages: control characters (ESC,
        # BEL, a NUL, bidirectional overrides) are shown escaped, never sent as they are.
        object.__setattr__(self, "message", escaped(self.message))
        object.__setattr__(self, "hint", escaped(self.hint))
        if _UNSAFE.search(self.location.file):
            object.__setattr__(self, "location", replace(self.location, file=escaped(self.location.file)))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        text = f"{self.location}: {self.severity.value}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n  = hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "hint": self.hint,
        }


class Diagnostics:
    """A collector: stages add every problem they find, then stop if any is an error."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        self._items.append(diagnostic)

    def error(self, code: str, message: str, location: Location, hint: str = "") -> None:
        self.add(Diagnostic(code, message, location, Severity.ERROR, hint))

    def warning(self, code: str, message: str, location: Location, hint: str = "") -> None:
        self.add(Diagnostic(code, message, location, Severity.WARNING, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self._items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise BuildError(tuple(self._items))


class BuildError(Exception):
    """Raised by a stage whose input has errors; carries every diagnostic found so far."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics if d.is_error))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest valid choice, or listing the choices when none is close."""
    import difflib

    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + ", ".join(f"'{o}'" for o in options)


def not_yet(
    more: tuple[Diagnostic, ...], known: tuple[Diagnostic, ...], *, same_message: bool = False
) -> tuple[Diagnostic, ...]:
    """The findings of `more` (the phone pages', say) not already among `known` at the same place
    with the same code (an image too small for both is one problem to fix), or with
    `same_message`, also the same message (two colour pairs are two problems at one theme key)."""

    def key(d: Diagnostic) -> tuple[object, ...]:
        return (d.code, d.location, d.message) if same_message else (d.code, d.location)

    seen = {key(d) for d in known}
    return tuple(dict.fromkeys(d for d in more if key(d) not in seen))
