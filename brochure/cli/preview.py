"""`brochure preview`: a PNG of each sheet side (optionally with guides) and a folded mock-up."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from brochure.cli.console import Console, summary
from brochure.cli.exits import ERRORS, OK, USAGE
from brochure.cli.options import add_content, add_data, add_out, console, talk_options
from brochure.editions import EDITIONS

if TYPE_CHECKING:
    from brochure.proof.preview import Preview


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    preview = commands.add_parser(
        "preview",
        parents=[talk_options()],
        help="PNG images of each sheet side (or phone page) and a folded mock-up",
    )
    add_content(preview)
    preview.add_argument(
        "--edition",
        "-e",
        choices=sorted(EDITIONS),
        default="print",
        metavar="NAME",
        help="edition to preview: print, press or phone (default: print)",
    )
    preview.add_argument("--dpi", type=_dpi, default=72.0, help="resolution of the images (default: 72)")
    preview.add_argument("--guides", "-g", action="store_true", help="draw text areas, folds, safe zone")
    add_out(preview)
    add_data(preview)
    preview.set_defaults(run=run)


def _dpi(text: str) -> float:
    value = float(text)
    if not 10 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{text} is outside 10-600")
    return value


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.proof.preview import preview  # the stages, imported only when a command runs

    talk = console(args, out, err)
    if args.row is not None and args.data is None:
        print("brochure preview: error: --row needs --data FILE", file=err)
        return USAGE
    rows: list[tuple[dict[str, str] | None, str]] = [(None, "")]
    if args.data is not None:
        from brochure.proof.rows import choose_rows

        rows = [(dict(c.row.values), c.name) for c in choose_rows(args.data, row=args.row)]
    codes = []
    for values, name in rows:
        with talk.progress(f"previewing {args.content}" + (f" for row {name}" if name else "")):
            result = preview(
                args.content,
                edition=args.edition,
                dpi=args.dpi,
                guides=args.guides,
                out_dir=args.out,
                values=values,
                row=name,
            )
        codes.append(_report(result, args, talk, err))
    if len(rows) > 1:
        failed = sum(code != OK for code in codes)
        talk.say(f"previewed {len(rows)} rows of {args.data}: {len(rows) - failed} without errors")
    return max(codes)


def _report(result: Preview, args: argparse.Namespace, talk: Console, err: TextIO) -> int:
    from brochure.proof.preview import sizes

    talk.diagnostics(result.diagnostics)
    if args.guides:
        talk.detail("guides: text areas blue, folds dashed magenta, safe zone orange, trim red")
    for path, (width, height), size in sizes(result.images):
        talk.say(f"wrote {path} ({width}×{height} px, {size / 1024:.0f} kB)")
    if not result.ok:
        what = "previewed what fits" if result.images else "nothing was written"
        print(f"error: {summary(d for d in result.diagnostics if d.is_error)}; {what}", file=err)
    return OK if result.ok else ERRORS
