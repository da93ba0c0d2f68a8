"""The command line: `brochure build`, diagnostics printed like a compiler's, exit codes 0-3."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from brochure.diagnostics import BuildError, Diagnostic
from brochure.proof.commands import add_commands
from brochure.proof.console import styled, wants_colour
from brochure.render.editions import DEFAULT_EDITIONS, EDITIONS

OK, ERRORS, USAGE, INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` can return the usage exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")


class _UsageError(Exception):
    pass


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="brochure", description="Turn content.yaml into a folded leaflet PDF.")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    build = commands.add_parser("build", help="build the leaflet's PDF editions")
    build.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (default: %(default)s)"
    )
    build.add_argument(
        "--edition",
        "-e",
        action="extend",
        type=_edition_names,
        metavar="NAME",
        help=f"edition to build, repeatable or comma-separated ({', '.join(sorted(EDITIONS))}; "
        f"default: {', '.join(DEFAULT_EDITIONS)})",
    )
    build.add_argument("--cmyk", action="store_true", help="build the press edition in CMYK")
    build.add_argument("--out", "-o", metavar="DIR", help="output folder (default: out/ beside the content)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    add_commands(commands)  # check, preview, watch, new (brochure/proof/)

    from brochure.batchcli import add_batch_options

    add_batch_options(build)
    return top


def _edition_names(text: str) -> list[str]:
    """`press,print` -> ['press', 'print'], each a known edition."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in EDITIONS]
    if unknown or not names:
        choices = ", ".join(sorted(EDITIONS))
        raise argparse.ArgumentTypeError(
            f"unknown edition {', '.join(unknown) or repr(text)} (choose from {choices})"
        )
    return names


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
        return int(getattr(args, "run", _build)(args, out, err))
    except BuildError as error:
        _print(error.diagnostics, err)
        count = sum(d.is_error for d in error.diagnostics)
        print(f"error: build failed with {count} error{'s' * (count != 1)}; nothing was written", file=err)
        return ERRORS
    except Exception:  # a bug of ours, not the author's: say so, with the traceback
        traceback.print_exc(file=err)
        print("internal error: this is a bug in brochure, please report it with the file above", file=err)
        return INTERNAL


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.batchcli import run_batch, wants_batch
    from brochure.build import build

    editions = tuple(dict.fromkeys(args.edition or DEFAULT_EDITIONS))
    if wants_batch(args):
        return run_batch(args, editions, out, err)
    if args.strict:
        _check_strictly(args.content, editions)
    result = build(args.content, editions, out_dir=args.out, strict=args.strict, cmyk=args.cmyk)
    if not args.quiet:
        _print(result.diagnostics, err)
        for output in result.outputs:
            print(f"wrote {output.path} ({output.size / 1024:.0f} kB, {output.edition} edition)", file=out)
    return OK


def _check_strictly(content: str, editions: tuple[str, ...]) -> None:
    """`build --strict` fails on whatever `check --strict` fails on (its advice included), before
    anything is written."""
    from brochure.proof.check import check

    errors = tuple(d for d in check(content, editions, strict=True).diagnostics if d.is_error)
    if errors:
        raise BuildError(errors)


def _print(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    colour = wants_colour(stream)
    for diagnostic in diagnostics:
        print(styled(diagnostic, colour=colour), file=stream)


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
