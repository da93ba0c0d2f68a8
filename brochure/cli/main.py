"""The command line's entry: the parser of every command, and errors turned into exit codes."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from brochure.cli import build, check, mail, new, preview, watch
from brochure.cli.build import print_diagnostics
from brochure.cli.exits import ERRORS, INTERNAL, USAGE
from brochure.diagnostics import BuildError


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` can return the usage exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")


class _UsageError(Exception):
    pass


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="brochure", description="Turn content.yaml into a folded leaflet PDF.")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for command in (build, check, preview, watch, new, mail):
        command.add_parser(commands)
    return top


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run a command; returns the exit code (0 ok, 1 errors in the input, 2 usage, 3 internal)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = parser().parse_args(argv)
    except _UsageError as error:
        print(parser().format_usage().rstrip(), file=err)
        print(error, file=err)
        return USAGE
    try:
        return int(args.run(args, out, err))
    except BuildError as error:
        print_diagnostics(error.diagnostics, err)
        count = sum(d.is_error for d in error.diagnostics)
        print(f"error: build failed with {count} error{'s' * (count != 1)}; nothing was written", file=err)
        return ERRORS
    except Exception:  # a bug of ours, not the author's: say so, with the traceback
        traceback.print_exc(file=err)
        print("internal error: this is a bug in brochure, please report it with the file above", file=err)
        return INTERNAL


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
