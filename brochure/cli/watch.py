"""`brochure watch`: rebuild the PDF on every save of the content or a file beside it."""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from brochure.cli.console import summary
from brochure.cli.exits import ERRORS, INTERRUPTED, OK
from brochure.cli.options import (
    add_content,
    add_data,
    add_editions,
    add_out,
    chosen_editions,
    console,
    talk_options,
)

if TYPE_CHECKING:
    from brochure.proof.watch import Rebuild


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    watch = commands.add_parser("watch", parents=[talk_options()], help="rebuild the PDF on every save")
    add_content(watch)
    add_editions(watch)
    add_out(watch)
    watch.add_argument("--strict", action="store_true", help="treat warnings as errors")
    add_data(watch)
    watch.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.proof.watch import Watcher  # the stages, imported only when a command runs

    talk = console(args, out, err)
    folder = Path(args.content).resolve().parent
    if not folder.is_dir():
        print(f"brochure watch: error: the folder {folder} does not exist", file=err)
        return ERRORS

    def report(rebuild: Rebuild) -> None:
        stamp, took = time.strftime("%H:%M:%S"), f"{rebuild.seconds * 1000:.0f} ms"
        for path in rebuild.changed:
            talk.detail(f"[{stamp}] changed: {path}")
        if rebuild.failure:
            print(rebuild.failure, end="", file=err)
            print(f"[{stamp}] internal error (a bug in brochure); still watching", file=err)
            return
        if rebuild.fault:
            print(f"[{stamp}] error: {rebuild.fault}; still watching", file=err)
            return
        talk.diagnostics(rebuild.diagnostics)
        if rebuild.result is None:
            print(f"[{stamp}] {summary(rebuild.diagnostics)}: the PDF is left as it was", file=err)
            return
        outputs = rebuild.result.outputs
        editions = " and ".join(dict.fromkeys(o.edition for o in outputs))
        folder = outputs[0].path.parent if outputs else ""
        files = f"{len(outputs)} file{'s' * (len(outputs) != 1)}"
        talk.say(f"[{stamp}] built {editions} ({files} in {folder}) in {took}")

    watcher = Watcher(
        args.content,
        editions=chosen_editions(args),
        out_dir=args.out,
        strict=args.strict,
        on_rebuild=report,
        data=args.data,
        row=args.row,
    )
    talk.say(f"watching {args.content} and the files beside it; press Ctrl+C to stop", err)
    try:
        watcher.run(threading.Event())
    except KeyboardInterrupt:
        print(f"stopped (Ctrl+C) after {watcher.builds} build{'s' * (watcher.builds != 1)}", file=err)
        return INTERRUPTED
    return OK
