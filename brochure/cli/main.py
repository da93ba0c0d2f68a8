"""The command line's entry: the parser of every command, and errors turned into exit codes."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from brochure.cli import build, check, mail, new, preview, serve, translate, watch
from brochure.cli.build import print_diagnostics
from brochure.cli.console import escaping
from brochure.cli.exits import ERRORS, INTERNAL, INTERRUPTED, INTERRUPTED_LINE, USAGE
from brochure.cli.suggest import command_parser, suggestion
from brochure.diagnostics import BuildError, interrupted

COMMANDS = (build, check, preview, watch, new, translate, serve, mail)
#: Commands that build once and end: their process never needs its reference cycles collected.
ONE_SHOT = frozenset({"build", "check", "new", "preview", "translate"})


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` can return the usage exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(self, message)


class _UsageError(Exception):
    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser, self.message = parser, message


class _Version(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("brochure")
        except PackageNotFoundError:  # pragma: no cover - run from a copy that is not installed
            number = "unknown"
        print(f"brochure {number}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="brochure", description="Turn content.yaml into a folded leaflet PDF.")
    top.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return top


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    own_process: bool = False,
) -> int:
    """Run a command; returns the exit code (0 ok, 1 errors in the input, 2 usage or a folder or
    disk that refuses the files, 3 internal, 130 interrupted). `own_process`: the command is the
    whole process (the `brochure` program), so a one-shot command may switch off the collector."""
    # Every line for people shows control characters escaped, whatever file name or text it names.
    out = escaping(out or sys.stdout)
    err = escaping(err or sys.stderr)
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = parser().parse_args(words)
        except _UsageError as error:
            print(command_parser(error.parser, words).format_usage().rstrip(), file=err)
            print(f"{error.parser.prog}: error: {error.message}", file=err)
            hint = suggestion(error.message, error.parser, words)
            if hint:
                print(f"  = hint: {hint}", file=err)
            return USAGE
        if own_process and args.command in ONE_SHOT and not getattr(args, "data", None):
            # One leaflet, then the process ends: its garbage collections (about 20 ms of a cold
            # build, 4 %) free under 1 MB. Watch, serve and batches of rows keep the collector.
            gc.disable()
        return _run(args, out, err)
    except KeyboardInterrupt:
        print(INTERRUPTED_LINE, file=err)
        return INTERRUPTED


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        return int(args.run(args, out, err))
    except BuildError as error:
        print_diagnostics(error.diagnostics, err)
        count = sum(d.is_error for d in error.diagnostics)
        print(f"error: build failed with {count} error{'s' * (count != 1)}; nothing was written", file=err)
        return ERRORS
    except KeyboardInterrupt:
        raise
    except Exception as error:
        from brochure.output import OutputError  # only on this path: --help stays light

        if interrupted(error):  # Ctrl+C while a library (pikepdf) loaded its extension
            raise KeyboardInterrupt from error

        if isinstance(error, OutputError):  # the folder or the disk refused: not a bug
            print(f"brochure {args.command}: error: {error}", file=err)
            return USAGE
        # A bug of ours, not the author's: say so, with the traceback.
        traceback.print_exc(file=err)
        print("internal error: this is a bug in brochure, please report it with the file above", file=err)
        return INTERNAL


def main_entry() -> None:
    """Console-script entry point."""
    code = main(own_process=True)
    # The work is done and said: Ctrl+C while the interpreter shuts down has nothing left to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if code == INTERRUPTED:
        # Ctrl+C inside Python code that a C extension ran (pikepdf's start-up) marks the
        # interpreter to end by SIGINT whatever the exit code: leave with 130 itself.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
