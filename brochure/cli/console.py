"""Output for people: colours only on a terminal without NO_COLOR, quiet and verbose, progress."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO, cast

from brochure.diagnostics import Diagnostic, Severity, escaped

#: ANSI styles: severity words, the code, the location, the hint marker.
_STYLES = {
    Severity.ERROR: "1;31",
    Severity.WARNING: "1;33",
    Severity.INFO: "1;36",
    "location": "1",
    "code": "2",
    "hint": "32",
    "detail": "2",
    "done": "32",
}


class Escaping:
    """A stream for people that shows every control character written to it escaped (ESC as
    `\\x1b`), line ends apart: a file name, a data value or a system's error text cannot drive
    the terminal. The tool's own colours and progress line go to `raw`, escaped where needed."""

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        return self.raw.write("\n".join(escaped(line) for line in text.split("\n")))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding ... of the stream
        return getattr(self.raw, name)


def escaping(stream: TextIO) -> TextIO:
    """`stream` made an Escaping one (once)."""
    return stream if isinstance(stream, Escaping) else cast(TextIO, Escaping(stream))


def raw(stream: TextIO) -> TextIO:
    """The stream under an Escaping one, for text that is escaped already and may be coloured."""
    return stream.raw if isinstance(stream, Escaping) else stream


def wants_colour(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, style: str | Severity, colour: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if colour and text else text


def styled(diagnostic: Diagnostic, *, colour: bool) -> str:
    """A diagnostic as `file:line:col: error[C104]: message` (and its hint), coloured if asked."""
    severity = diagnostic.severity
    head = (
        f"{paint(str(diagnostic.location), 'location', colour)}: "
        f"{paint(severity.value, severity, colour)}{paint(f'[{diagnostic.code}]', 'code', colour)}: "
        f"{diagnostic.message}"
    )
    if diagnostic.hint:
        head += f"\n  {paint('= hint:', 'hint', colour)} {diagnostic.hint}"
    return head


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """`2 errors, 1 warning, 3 notes` (only the kinds present), or `no problems found`."""
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    parts = [f"{n} {words[s]}{'s' * (n != 1)}" for s, n in counts.items() if n]
    return ", ".join(parts) or "no problems found"


@dataclass
class Console:
    """Where a command speaks: results on `out`, diagnostics and progress on `err`."""

    out: TextIO
    err: TextIO
    quiet: bool = False
    verbose: bool = False
    #: Seconds of silent work before a progress line appears.
    progress_after: float = 1.0

    def diagnostics(self, diagnostics: Iterable[Diagnostic], stream: TextIO | None = None) -> None:
        """Print diagnostics; in quiet mode only the errors."""
        stream = stream or self.err
        colour = wants_colour(stream)
        for diagnostic in diagnostics:
            if diagnostic.is_error or not self.quiet:
                print(styled(diagnostic, colour=colour), file=raw(stream))

    def say(self, message: str, stream: TextIO | None = None) -> None:
        """A line for people (what was written, what to do next); silent in quiet mode."""
        if not self.quiet:
            print(message, file=stream or self.out)

    def detail(self, message: str) -> None:
        """A measurement or step shown only with --verbose."""
        if self.verbose:
            print(paint(escaped(message), "detail", wants_colour(self.err)), file=raw(self.err))

    @contextmanager
    def progress(self, label: str) -> Iterator[None]:
        """Say `label…` if the work inside takes longer than `progress_after` seconds, and then
        how long it took (or that it stopped, when it raised); quick work prints nothing."""
        if self.quiet:
            yield
            return
        start = time.perf_counter()
        label, stream = escaped(label), raw(self.err)
        lock = threading.Lock()
        shown = False

        def show() -> None:
            nonlocal shown
            with lock:
                shown = True
                print(f"{label}…", end="" if wants_colour(stream) else "\n", file=stream, flush=True)

        timer = threading.Timer(self.progress_after, show)
        timer.daemon = True
        timer.start()
        ended = "stopped after"
        try:
            yield
            ended = "done in"
        finally:
            timer.cancel()
            with lock:
                if shown:
                    took = paint(f"{ended} {time.perf_counter() - start:.1f} s", "done", wants_colour(stream))
                    lead = " " if wants_colour(stream) else f"{label}: "
                    print(f"{lead}{took}", file=stream, flush=True)
