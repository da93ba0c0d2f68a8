"""The authoring commands on the command line: check, preview, watch and new."""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from brochure.proof.console import Console, summary
from brochure.render.editions import DEFAULT_EDITIONS, EDITIONS

SubParsers = argparse._SubParsersAction  # argparse names its type privately
CONTENT_HELP = "content file (default: %(default)s)"


def add_commands(commands: SubParsers[Any]) -> None:
    """Register check, preview, watch and new; each sets `run(args, out, err) -> exit code`."""
    people = argparse.ArgumentParser(add_help=False)
    talk = people.add_mutually_exclusive_group()
    talk.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    talk.add_argument("--verbose", "-v", action="store_true", help="also print measurements and steps")

    check = commands.add_parser(
        "check", parents=[people], help="find every problem and preflight the leaflet, writing nothing"
    )
    check.add_argument("content", nargs="?", default="content.yaml", help=CONTENT_HELP)
    _editions(check)
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people, json for tools"
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run_check)

    preview = commands.add_parser(
        "preview", parents=[people], help="PNG images of each sheet side and a folded mock-up"
    )
    preview.add_argument("content", nargs="?", default="content.yaml", help=CONTENT_HELP)
    preview.add_argument(
        "--edition", "-e", choices=sorted(EDITIONS), default="print", metavar="NAME", help="(default: print)"
    )
    preview.add_argument("--dpi", type=_dpi, default=72.0, help="resolution of the side images (72)")
    preview.add_argument("--guides", "-g", action="store_true", help="draw text areas, folds, safe zone")
    preview.add_argument(
        "--out", "-o", metavar="DIR", help="output folder (default: out/ beside the content)"
    )
    preview.set_defaults(run=run_preview)

    watch = commands.add_parser("watch", parents=[people], help="rebuild the PDF on every save")
    watch.add_argument("content", nargs="?", default="content.yaml", help=CONTENT_HELP)
    _editions(watch)
    watch.add_argument("--out", "-o", metavar="DIR", help="output folder (default: out/ beside the content)")
    watch.add_argument("--strict", action="store_true", help="treat warnings as errors")
    watch.set_defaults(run=run_watch)

    new = commands.add_parser("new", parents=[people], help="start a new leaflet project in DIR")
    new.add_argument("directory", metavar="DIR", help="folder to create (must be new or empty)")
    new.add_argument("--title", default="", help="the leaflet's title (default: from DIR)")
    new.set_defaults(run=run_new)


def _editions(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--edition",
        "-e",
        action="append",
        choices=sorted(EDITIONS),
        metavar="NAME",
        help=f"edition, repeatable (default: {', '.join(DEFAULT_EDITIONS)})",
    )


def _dpi(text: str) -> float:
    value = float(text)
    if not 10 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{text} is outside 10-600")
    return value


def _console(args: argparse.Namespace, out: TextIO, err: TextIO) -> Console:
    return Console(out, err, quiet=args.quiet, verbose=args.verbose)


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.cli import ERRORS, OK
    from brochure.proof.check import check

    console = _console(args, out, err)
    editions = tuple(dict.fromkeys(args.edition or DEFAULT_EDITIONS))
    with console.progress(f"checking {args.content}"):
        result = check(args.content, editions, strict=args.strict)
    if args.format == "json":
        print(result.as_json(), file=out)
    else:
        console.diagnostics(result.diagnostics, out)
        for fact in result.facts:
            console.detail(fact)
        console.say(f"{args.content}: {summary(result.diagnostics)}")
    return OK if result.ok else ERRORS


def run_preview(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.cli import ERRORS, OK
    from brochure.proof.preview import preview, sizes

    console = _console(args, out, err)
    with console.progress(f"previewing {args.content}"):
        result = preview(
            args.content, edition=args.edition, dpi=args.dpi, guides=args.guides, out_dir=args.out
        )
    console.diagnostics(result.diagnostics)
    if args.guides:
        console.detail("guides: text areas blue, folds dashed magenta, safe zone orange, trim red")
    for path, (width, height), size in sizes(result.images):
        console.say(f"wrote {path} ({width}×{height} px, {size / 1024:.0f} kB)")
    if not result.ok:
        what = "previewed what fits" if result.images else "nothing was written"
        print(f"error: {summary(d for d in result.diagnostics if d.is_error)}; {what}", file=err)
    return OK if result.ok else ERRORS


def run_watch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.cli import ERRORS, OK
    from brochure.proof.watch import Rebuild, Watcher

    console = _console(args, out, err)
    folder = Path(args.content).resolve().parent
    if not folder.is_dir():
        print(f"brochure watch: error: the folder {folder} does not exist", file=err)
        return ERRORS

    def report(rebuild: Rebuild) -> None:
        stamp, took = time.strftime("%H:%M:%S"), f"{rebuild.seconds * 1000:.0f} ms"
        for path in rebuild.changed:
            console.detail(f"[{stamp}] changed: {path}")
        if rebuild.failure:
            print(rebuild.failure, end="", file=err)
            print(f"[{stamp}] internal error (a bug in brochure); still watching", file=err)
            return
        console.diagnostics(rebuild.diagnostics)
        if rebuild.result is None:
            print(f"[{stamp}] {summary(rebuild.diagnostics)}: the PDF is left as it was", file=err)
            return
        for output in rebuild.result.outputs:
            console.say(f"[{stamp}] built {output.path} in {took}")

    editions = tuple(dict.fromkeys(args.edition or DEFAULT_EDITIONS))
    watcher = Watcher(
        args.content, editions=editions, out_dir=args.out, strict=args.strict, on_rebuild=report
    )
    console.say(f"watching {args.content} and the files beside it; press Ctrl+C to stop", err)
    try:
        watcher.run(threading.Event())
    except KeyboardInterrupt:
        console.say(f"stopped after {watcher.builds} build{'s' * (watcher.builds != 1)}", err)
    return OK


def run_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.cli import OK, USAGE
    from brochure.proof.new import NotEmpty, new_project

    console = _console(args, out, err)
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
        console.detail(f"created {path}")
    console.say(
        f"created {project.folder}: content.yaml with every block type, assets/, editor settings\n"
        f"next:\n  cd {project.folder}\n"
        "  brochure watch      rebuilds out/*.pdf on every save: keep the PDF open beside your editor\n"
        "  brochure check      finds what to fix before printing\n"
        "  brochure preview    writes PNG previews and a mock-up to send around"
    )
    return OK
