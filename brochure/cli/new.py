"""`brochure new DIR`: a leaflet project to start from."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from brochure.cli.exits import OK, USAGE
from brochure.cli.options import console, talk_options


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    new = commands.add_parser("new", parents=[talk_options()], help="start a new leaflet project in DIR")
    new.add_argument("directory", metavar="DIR", help="folder to create (must be new or empty)")
    new.add_argument("--title", default="", help="the leaflet's title (default: from DIR)")
    new.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.proof.new import NotEmpty, new_project

    talk = console(args, out, err)
    try:
        project = new_project(args.directory, title=args.title)
    except NotEmpty:
        print(
            f"brochure new: error: '{args.directory}' exists and is not an empty folder\n"
            "  = hint: give the name of a new folder; nothing was changed",
            file=err,
        )
        return USAGE
    for path in project.files:
        talk.detail(f"created {path}")
    talk.say(
        f"created {project.folder}: content.yaml with every block type, assets/, editor settings\n"
        f"next:\n  cd {_quoted(str(project.folder))}\n"
        "  brochure watch      rebuilds out/*.pdf on every save: keep the PDF open beside your editor\n"
        "  brochure check      finds what to fix before printing\n"
        "  brochure preview    writes PNG previews and a mock-up to send around"
    )
    return OK


def _quoted(path: str) -> str:
    """The folder as a shell reads it: `'Schoolreis Ardennen'` (PowerShell and cmd: double quotes)."""
    import os
    import shlex

    if os.name == "nt":
        return f'"{path}"' if any(c in path for c in " &()[]{}^=;!'+,`~$") else path
    return shlex.quote(path)
