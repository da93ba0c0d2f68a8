"""`brochure serve`: the local web editor for a leaflet project, until Ctrl+C."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from brochure.cli.exits import USAGE
from brochure.cli.options import talk_options


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    serve = commands.add_parser(
        "serve", parents=[talk_options()], help="edit the leaflet in the browser, with a live preview"
    )
    serve.add_argument(
        "project",
        nargs="?",
        default=".",
        metavar="DIR",
        help="project folder or content file (default: .)",
    )
    serve.add_argument("--port", "-p", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    serve.add_argument("--open", action="store_true", help="open the editor in the web browser")
    serve.add_argument("--data", metavar="FILE", help="data rows (CSV, YAML): every row's files as a zip")
    serve.add_argument("--lang", choices=("nl", "en"), help="language of the page (default: the leaflet's)")
    serve.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.serve import serve  # the server and the stages, imported only when it runs

    target = Path(args.project)
    content = target / "content.yaml" if target.is_dir() else target
    if not content.parent.is_dir():
        print(f"brochure serve: error: the folder {content.parent} does not exist", file=err)
        return USAGE
    if not content.is_file():
        print(f"brochure serve: error: {content} not found (start one with: brochure new DIR)", file=err)
        return USAGE
    data = Path(args.data) if args.data else None
    if data is not None and not data.is_file():
        print(f"brochure serve: error: data file {data} not found", file=err)
        return USAGE
    return serve(
        content,
        port=args.port,
        data=data,
        language=args.lang or "",
        open_browser=args.open,
        quiet=args.quiet,
        verbose=args.verbose,
        out=out,
    )
