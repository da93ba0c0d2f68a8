"""`brochure translate --to LANG`: the translator's file of a leaflet, written or brought up to date."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from brochure.cli.exits import OK, USAGE
from brochure.cli.options import add_content, console, talk_options


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    translate = commands.add_parser(
        "translate",
        parents=[talk_options()],
        help="write content.LANG.yaml: every text to translate, the source beside it",
    )
    add_content(translate)
    translate.add_argument("--to", required=True, metavar="LANG", help="language code, e.g. tr, pl, uk")
    translate.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.proof.translator import write_translation

    try:
        # A source with errors raises BuildError, printed by main.
        written = write_translation(Path(args.content), args.to)
    except ValueError:
        print(
            f"brochure translate: error: '{args.to}' is not a language code\n  = hint: e.g. --to tr", file=err
        )
        return USAGE
    done = "updated" if written.existed else "wrote"
    console(args, out, err).say(
        f"{done} {written.path}: {written.texts} texts, {written.empty} still to translate"
    )
    return OK
