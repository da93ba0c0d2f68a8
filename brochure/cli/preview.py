"""`brochure preview`: a PNG of each sheet side (optionally with guides) and a folded mock-up."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from brochure.cli.console import summary
from brochure.cli.exits import ERRORS, OK
from brochure.cli.options import add_content, add_out, console, talk_options
from brochure.editions import EDITIONS


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    preview = commands.add_parser(
        "preview", parents=[talk_options()], help="PNG images of each sheet side and a folded mock-up"
    )
    add_content(preview)
    preview.add_argument(
        "--edition", "-e", choices=sorted(EDITIONS), default="print", metavar="NAME", help="(default: print)"
    )
    preview.add_argument("--dpi", type=_dpi, default=72.0, help="resolution of the side images (72)")
    preview.add_argument("--guides", "-g", action="store_true", help="draw text areas, folds, safe zone")
    add_out(preview)
    preview.set_defaults(run=run)


def _dpi(text: str) -> float:
    value = float(text)
    if not 10 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{text} is outside 10-600")
    return value


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.proof.preview import preview, sizes  # the stages, imported only when a command runs

    talk = console(args, out, err)
    with talk.progress(f"previewing {args.content}"):
        result = preview(
            args.content, edition=args.edition, dpi=args.dpi, guides=args.guides, out_dir=args.out
        )
    talk.diagnostics(result.diagnostics)
    if args.guides:
        talk.detail("guides: text areas blue, folds dashed magenta, safe zone orange, trim red")
    for path, (width, height), size in sizes(result.images):
        talk.say(f"wrote {path} ({width}×{height} px, {size / 1024:.0f} kB)")
    if not result.ok:
        what = "previewed what fits" if result.images else "nothing was written"
        print(f"error: {summary(d for d in result.diagnostics if d.is_error)}; {what}", file=err)
    return OK if result.ok else ERRORS
