"""`brochure check`: every problem the build would report plus the preflight, writing nothing."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from brochure.cli.console import summary
from brochure.cli.exits import ERRORS, OK
from brochure.cli.options import add_content, add_editions, chosen_editions, console, talk_options


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    check = commands.add_parser(
        "check",
        parents=[talk_options()],
        help="find every problem and preflight the leaflet, writing nothing",
    )
    add_content(check)
    add_editions(check)
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people, json for tools"
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.proof.check import check  # the stages, imported only when a command runs

    talk = console(args, out, err)
    with talk.progress(f"checking {args.content}"):
        result = check(args.content, chosen_editions(args), strict=args.strict)
    if args.format == "json":
        print(result.as_json(), file=out)
    else:
        talk.diagnostics(result.diagnostics, out)
        for fact in result.facts:
            talk.detail(fact)
        talk.say(f"{args.content}: {summary(result.diagnostics)}")
    return OK if result.ok else ERRORS
