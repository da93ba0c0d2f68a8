"""`brochure check`: every problem the build would report plus the preflight, writing nothing."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from brochure.cli.console import Console, raw, summary
from brochure.cli.exits import ERRORS, OK, USAGE
from brochure.cli.options import add_content, add_data, add_editions, chosen_editions, console, talk_options

if TYPE_CHECKING:
    from brochure.proof.check import CheckResult


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
    add_data(check)
    check.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from brochure.proof.check import check  # the stages, imported only when a command runs

    talk = console(args, out, err)
    if args.row is not None and args.data is None:
        print("brochure check: error: --row needs --data FILE", file=err)
        return USAGE
    if args.data is not None:
        return _check_rows(args, talk)
    with talk.progress(f"checking {args.content}"):
        result = check(args.content, chosen_editions(args), strict=args.strict)
    if args.format == "json":
        print(result.as_json(), file=raw(out))  # JSON escapes C0 controls; diagnostics are escaped
    else:
        _report(result, talk, f"{args.content}: ")
    return OK if result.ok else ERRORS


def _report(result: CheckResult, talk: Console, lead: str) -> None:
    talk.diagnostics(result.diagnostics, talk.out)
    for fact in result.facts:
        talk.detail(fact)
    talk.say(f"{lead}{summary(result.diagnostics)}")


def _check_rows(args: argparse.Namespace, talk: Console) -> int:
    """Check the leaflet of each data row (or of `--row N`), then a summary of the rows."""
    from brochure.proof.check import CheckResult, check
    from brochure.proof.rows import choose_rows

    results: list[tuple[int, str, CheckResult]] = []
    with talk.progress(f"checking {args.content} with {args.data}"):
        for chosen in choose_rows(args.data, row=args.row):
            result = check(args.content, chosen_editions(args), strict=args.strict, values=chosen.row.values)
            if chosen.problems:
                result = CheckResult(result.file, chosen.problems + result.diagnostics, result.facts)
            results.append((chosen.row.number, chosen.name, result))
    failed = [number for number, _, result in results if not result.ok]
    if args.format == "json":
        rows = [{"row": n, "name": name, **json.loads(r.as_json())} for n, name, r in results]
        report = {"format": 1, "data": args.data, "ok": not failed, "rows": rows}
        print(json.dumps(report, ensure_ascii=False, indent=2), file=raw(talk.out))
    else:
        for number, name, result in results:
            _report(result, talk, f"{args.content}, row {number} ({name}): ")
        word = "row" if len(results) == 1 else "rows"
        talk.say(f"checked {len(results)} {word} of {args.data}: {len(results) - len(failed)} without errors")
        if failed:
            print(
                f"error: {len(failed)} of {len(results)} rows have errors: {', '.join(map(str, failed))}",
                file=talk.err,
            )
    return ERRORS if failed else OK
