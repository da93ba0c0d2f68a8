"""Options shared by several commands: the content file, editions, quiet and verbose."""

from __future__ import annotations

import argparse
from typing import TextIO

from brochure.cli.console import Console
from brochure.editions import DEFAULT_EDITIONS, EDITIONS

CONTENT_HELP = "content file (default: %(default)s)"


def talk_options() -> argparse.ArgumentParser:
    """A parent parser with --quiet and --verbose."""
    people = argparse.ArgumentParser(add_help=False)
    talk = people.add_mutually_exclusive_group()
    talk.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    talk.add_argument("--verbose", "-v", action="store_true", help="also print measurements and steps")
    return people


def add_content(command: argparse.ArgumentParser) -> None:
    command.add_argument("content", nargs="?", default="content.yaml", help=CONTENT_HELP)


def add_editions(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--edition",
        "-e",
        action="append",
        choices=sorted(EDITIONS),
        metavar="NAME",
        help=f"edition, repeatable (default: {', '.join(DEFAULT_EDITIONS)})",
    )


def add_out(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--out", "-o", metavar="DIR", help="output folder (default: out/ beside the content)"
    )


def chosen_editions(args: argparse.Namespace) -> tuple[str, ...]:
    return tuple(dict.fromkeys(args.edition or DEFAULT_EDITIONS))


def console(args: argparse.Namespace, out: TextIO, err: TextIO) -> Console:
    return Console(out, err, quiet=args.quiet, verbose=getattr(args, "verbose", False))


def add_data(command: argparse.ArgumentParser) -> None:
    """--data FILE and --row N: the leaflet of one data row, or of every row."""
    rows = command.add_argument_group("data rows (a leaflet with {{ placeholders }})")
    rows.add_argument(
        "--data", "-d", metavar="FILE", help="a CSV or YAML file whose rows fill the {{ placeholders }}"
    )
    rows.add_argument(
        "--row", "-r", type=int, metavar="N", help="only row N of the data (from 1; default: every row)"
    )
