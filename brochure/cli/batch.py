"""`brochure build --data FILE`: the batch options, a progress line, failed rows and a summary."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from brochure.cli.console import raw
from brochure.cli.exits import ERRORS, INTERNAL, OK, USAGE
from brochure.diagnostics import BuildError

if TYPE_CHECKING:
    from brochure.batch.rows import BatchResult, RowResult


def add_batch_options(build: argparse.ArgumentParser) -> None:
    """The options of `brochure build` that make it a batch build."""
    batch = build.add_argument_group("batch builds (one leaflet per data row)")
    batch.add_argument(
        "--data",
        "-d",
        metavar="FILE",
        help="a CSV or YAML file; each row's values fill the content's {{ placeholders }}",
    )
    batch.add_argument(
        "--name",
        metavar="NAME",
        help="each row's file name: a column, or a pattern such as '{{ school.slug }}' "
        "(default: the first column)",
    )
    batch.add_argument(
        "--row", "-r", type=int, metavar="N", help="only row N of the data (from 1; default: every row)"
    )
    batch.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="processes to build with (default: one per core)",
    )


def wants_batch(args: argparse.Namespace) -> bool:
    return any(value is not None for value in (args.data, args.name, args.jobs, args.row))


def run_batch(args: argparse.Namespace, editions: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Build every row, show progress on a terminal, report failed rows, end with a summary."""
    from brochure.batch.rows import build_batch, default_jobs

    if args.data is None:
        print("brochure build: error: --name, --row and --jobs need --data FILE", file=err)
        return USAGE
    if args.row is not None:
        return _build_row(args, editions, out, err)
    if args.jobs is not None and args.jobs < 1:
        print("brochure build: error: --jobs must be at least 1", file=err)
        return USAGE
    show = _Report(err, args.data, quiet=args.quiet)
    started = time.perf_counter()
    try:
        result = build_batch(
            args.content,
            args.data,
            editions,
            out_dir=args.out,
            name=args.name,
            jobs=args.jobs or default_jobs(),
            strict=args.strict,
            cmyk=args.cmyk,
            progress=show.row,
        )
    except BaseException:  # a folder fault or Ctrl+C: its one line starts a line of its own
        show.clear()
        raise
    show.finish(result)
    elapsed = time.perf_counter() - started
    built = [r for r in result.rows if r.ok]
    if not args.quiet:
        files = sum(len(r.outputs) for r in built)
        size = sum(o.size for r in built for o in r.outputs)
        rate = len(result.rows) / elapsed if elapsed else 0.0
        print(
            f"built {len(built)} of {len(result.rows)} leaflets: {files} files ({size / 1e6:.1f} MB) "
            f"in {result.folder}, {elapsed:.1f} s ({rate:.0f} rows/s)",
            file=out,
        )
    if result.failed:
        rows = ", ".join(f"{r.row.number} (line {r.row.line})" for r in result.failed)
        word = "row" if len(result.failed) == 1 else "rows"
        print(f"error: {len(result.failed)} of {len(result.rows)} rows failed: {word} {rows}", file=err)
    if any(r.internal for r in result.rows):
        print("internal error: this is a bug in brochure, please report it with the rows above", file=err)
        return INTERNAL
    return ERRORS if result.failed else OK


def _build_row(args: argparse.Namespace, editions: Sequence[str], out: TextIO, err: TextIO) -> int:
    """`--row N`: the leaflet of one row, named as in the batch, reported as a single build."""
    from brochure.cli.options import console
    from brochure.pipeline import build
    from brochure.proof.rows import choose_rows

    (chosen,) = choose_rows(args.data, row=args.row, name=args.name)
    talk = console(args, out, err)
    if chosen.problems:
        raise BuildError(chosen.problems)
    result = build(
        args.content,
        editions,
        out_dir=args.out,
        strict=args.strict,
        cmyk=args.cmyk,
        values=chosen.row.values,
        row=chosen.name,
    )
    talk.diagnostics(result.diagnostics)
    for output in result.outputs:
        talk.say(f"wrote {output.path} ({output.size / 1024:.0f} kB, {output.edition} edition)")
    return OK


class _Report:
    """Failed rows as they come (each problem printed once), a progress line on a terminal, and
    the warnings of the built rows once at the end."""

    def __init__(self, err: TextIO, data_file: str, *, quiet: bool) -> None:
        self.err = err
        self.data_file = data_file
        self.quiet = quiet
        self.live = err.isatty() and not quiet
        self.shown: set[str] = set()
        self.failed = 0

    def row(self, result: RowResult, done: int, total: int) -> None:
        if not result.ok:
            self.failed += 1
            self.clear()
            self._failure(result)
        if self.live:
            failed = f", {self.failed} failed" if self.failed else ""
            raw(self.err).write(f"\rbuilding: {done}/{total} rows{failed}")
            self.err.flush()

    def finish(self, result: BatchResult) -> None:
        self.clear()
        if self.quiet:
            return
        rows: dict[str, list[int]] = {}
        for row in result.rows:
            if row.ok:
                for warning in row.diagnostics:
                    rows.setdefault(warning.format(), []).append(row.row.number)
        for text, numbers in rows.items():
            print(f"{text}\n  = note: in {_rows(numbers)}", file=self.err)

    def _failure(self, result: RowResult) -> None:
        row = result.row
        print(f"{self.data_file}:{row.line}: error: row {row.number} failed{_named(result)}", file=self.err)
        if result.internal:
            print(result.internal.rstrip(), file=self.err)
        repeated = 0
        for diagnostic in result.diagnostics:
            text = diagnostic.format()
            if text in self.shown:
                repeated += 1
                continue
            self.shown.add(text)
            print(text, file=self.err)
        if repeated:
            print(f"  = note: and {_count(repeated, 'problem')} shown for an earlier row", file=self.err)

    def clear(self) -> None:
        if self.live:
            raw(self.err).write("\r\033[K")


def _named(result: RowResult) -> str:
    return f" ({result.name})" if result.name else ""


def _rows(numbers: Sequence[int]) -> str:
    if len(numbers) > 6:
        return f"{len(numbers)} rows"
    return ("row " if len(numbers) == 1 else "rows ") + ", ".join(map(str, numbers))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"
