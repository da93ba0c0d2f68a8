"""`brochure build`: every edition's files of a leaflet, or one leaflet per data row."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, TextIO

from brochure.cli.batch import add_batch_options, run_batch, wants_batch
from brochure.cli.console import raw, styled, wants_colour
from brochure.cli.exits import ERRORS, OK
from brochure.cli.options import add_content, add_out, console, talk_options
from brochure.diagnostics import Diagnostic
from brochure.editions import DEFAULT_EDITIONS, EDITIONS


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    build = commands.add_parser("build", parents=[talk_options()], help="build the leaflet's PDF editions")
    add_content(build)
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
    add_out(build)
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    add_batch_options(build)
    build.set_defaults(run=run)


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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.pipeline import build  # the stages, imported only when a command runs

    editions = tuple(dict.fromkeys(args.edition or DEFAULT_EDITIONS))
    if wants_batch(args):
        return run_batch(args, editions, out, err)
    talk = console(args, out, err)
    with talk.progress(f"building {args.content}"):
        result = build(args.content, editions, out_dir=args.out, strict=args.strict, cmyk=args.cmyk)
    talk.diagnostics(result.diagnostics)
    for fact in result.facts:
        talk.detail(fact)
    for output in result.outputs:
        talk.say(f"wrote {output.path} ({output.size / 1024:.0f} kB, {output.edition} edition)")
    if any(d.is_error for d in result.diagnostics):  # a language that cannot be set yet (A011)
        return ERRORS
    return OK


def print_diagnostics(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    colour = wants_colour(stream)
    for diagnostic in diagnostics:
        print(styled(diagnostic, colour=colour), file=raw(stream))
