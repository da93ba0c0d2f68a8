"""Batch builds: one leaflet per data row, in this process or a pool, every row reported."""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from brochure.diagnostics import BuildError, Diagnostic, Location, interrupted
from brochure.layout.reuse import PanelCache
from brochure.load.content import Template, load_template
from brochure.load.data import Data, Row, read_data
from brochure.load.placeholders import fill_text
from brochure.names import file_name, slugify, stem
from brochure.output import Claim, Output, OutputError, write_outputs
from brochure.pipeline import build_content, claim_names, name_of, output_folder

#: Fewer rows than this are built in this process: starting workers would cost more.
POOL_FROM = 8


@dataclass(frozen=True)
class RowResult:
    """What became of one row: the files written, or the problems that stopped it."""

    row: Row
    name: str
    outputs: tuple[Output, ...] = ()
    #: Warnings of a built row; errors (and warnings) of a failed one.
    diagnostics: tuple[Diagnostic, ...] = ()
    #: The traceback of a bug in brochure met while building this row.
    internal: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.outputs)


@dataclass(frozen=True)
class BatchResult:
    data: Data
    folder: Path
    #: One result per row, in the order of the data file.
    rows: tuple[RowResult, ...]

    @property
    def failed(self) -> tuple[RowResult, ...]:
        return tuple(r for r in self.rows if not r.ok)


Progress = Callable[[RowResult, int, int], None]


def build_batch(
    content_path: str | Path,
    data_path: str | Path,
    editions: Sequence[str],
    *,
    out_dir: str | Path | None = None,
    name: str | None = None,
    jobs: int = 1,
    strict: bool = False,
    cmyk: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Build every edition of the leaflet for each data row into `out_dir` (default: out/ beside
    the content), as `<leaflet>-<row>-<lang>-<edition>.pdf`; a row that fails does not stop the others.

    `name` is a column or a pattern such as `{{ school.slug }}` (default: the first column).
    Raises BuildError when the data file, the content file or the name is unusable as a whole,
    OutputError when the folder or the disk refuses a row's files: the batch stops there (the
    other rows would fail alike), the rows written before stay.
    """
    data = read_data(data_path)
    pattern = name_pattern(name, data)
    template = load_template(content_path)
    folder = output_folder(content_path, out_dir)
    named, unnamed = output_names(data, pattern)
    _claim_rows(template, named, tuple(editions), folder)
    settings = _Settings(str(content_path), tuple(editions), folder, strict, cmyk)
    results: list[RowResult] = []
    try:
        for result in chain(unnamed, _run(settings, named, jobs, template)):
            results.append(result)
            if progress:
                progress(result, len(results), len(data.rows))
    except OutputError as error:
        built = sum(r.ok for r in results)
        stopped = f"the batch stopped after {built} of {len(data.rows)} leaflets"
        raise OutputError(error.problem, f"{stopped}; the other rows' files are unchanged") from None
    return BatchResult(data, folder, tuple(sorted(results, key=lambda r: r.row.number)))


def name_pattern(name: str | None, data: Data) -> str:
    """The pattern for output names: `name` as given, a column made a pattern, or the first column.

    Raises BuildError (D005) for a column the data lacks or a malformed pattern.
    """
    first = f"{{{{ {data.columns[0]} }}}}"
    pattern = first if name is None else name if "{{" in name else f"{{{{ {name} }}}}"
    filled = fill_text(pattern, {})
    problem = ""
    if filled.malformed:
        problem = f"--name: malformed pattern: {filled.malformed[0][1]}"
    elif unknown := [p.name for p in filled.missing if p.name not in data.columns]:
        problem = f"--name: the data has no column '{unknown[0]}'"
    if problem:
        known = ", ".join(f"'{c}'" for c in data.columns)
        hint = f"name a column ({known}) or give a pattern such as '{first}'"
        raise BuildError((Diagnostic("D005", problem, Location(data.file, 1, 1), hint=hint),))
    return pattern


def output_names(data: Data, pattern: str) -> tuple[list[tuple[Row, str]], list[RowResult]]:
    """Each row's output name, and a failed result for each row whose name is missing (D005) or
    taken by an earlier row (D004)."""
    named: list[tuple[Row, str]] = []
    failed: list[RowResult] = []
    first: dict[str, Row] = {}
    for row in data.rows:
        filled = fill_text(pattern, row.values)
        where = Location(data.file, row.line, 1)
        if filled.missing:
            names = ", ".join(f"'{p.name}'" for p in filled.missing)
            problem = Diagnostic("D005", f"no output name for this row: {names} is empty", where)
            failed.append(RowResult(row, "", diagnostics=(problem,)))
            continue
        file_name = slugify(filled.text)
        if file_name in first:
            earlier = first[file_name]
            message = f"row {row.number} would overwrite the files of row {earlier.number} ('{file_name}')"
            hint = "give each row its own name, or build with --name set to a column whose values differ"
            failed.append(
                RowResult(row, file_name, diagnostics=(Diagnostic("D004", message, where, hint=hint),))
            )
            continue
        first[file_name] = row
        named.append((row, file_name))
    return named, failed


def _claim_rows(
    template: Template, named: list[tuple[Row, str]], editions: tuple[str, ...], folder: Path
) -> None:
    """Claim every row's file names before any is written (see `pipeline.claim_names`): the
    campaign's name and language are those of the first row that loads."""
    for row, _ in named:
        try:
            content, _ = template.fill(row.values)
        except BuildError:
            continue
        campaign, language = name_of(content), content.meta.language
        claims = []
        for _, row_name in named:
            base = stem(campaign, language, row=row_name)
            files = [file_name(base, e) for e in editions]
            if "phone" in editions:
                files += [file_name(base, "phone", suffix) for suffix in (".html", ".txt")]
            if "press" in editions:
                files.append(file_name(base, "press-job"))
            claims.append(Claim(base, template.path, campaign, tuple(files)))
        claim_names(folder, content, claims)
        return


@dataclass(frozen=True)
class _Settings:
    content: str
    editions: tuple[str, ...]
    folder: Path
    strict: bool
    cmyk: bool = False


class _Builder:
    """Builds rows one after another, keeping the parsed template and the panel layouts."""

    def __init__(self, settings: _Settings, template: Template | None = None) -> None:
        self.settings = settings
        self.template = template or load_template(settings.content)
        self.reuse = PanelCache()

    def build(self, row: Row, name: str) -> RowResult:
        settings = self.settings
        try:
            content, found = self.template.fill(row.values)
            built = build_content(
                content,
                found,
                settings.editions,
                strict=settings.strict,
                cmyk=settings.cmyk,
                reuse=self.reuse,
                row=name,
            )
            outputs = write_outputs(built.files(), settings.folder, sync=False)
        except BuildError as error:
            return RowResult(row, name, diagnostics=error.diagnostics)
        except OutputError:  # the folder or the disk: the batch stops (see build_batch)
            raise
        except Exception as error:  # a bug of ours: reported with this row, the others go on
            if interrupted(error):
                raise KeyboardInterrupt from error
            return RowResult(row, name, internal=traceback.format_exc())
        return RowResult(row, name, outputs, built.warnings)


def _run(
    settings: _Settings, named: list[tuple[Row, str]], jobs: int, template: Template
) -> Iterator[RowResult]:
    """Build the rows here, or the first here and the others in a pool of `jobs` processes.

    Where processes are forked, the workers start as copies of this one after its first row:
    fonts, hyphenation patterns and the panels that rows share are ready in each of them.
    """
    global _worker
    builder = _Builder(settings, template)
    if jobs <= 1 or len(named) < POOL_FROM:
        for row, name in named:
            yield builder.build(row, name)
        return
    yield builder.build(*named[0])
    _worker = builder
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(settings,))
    try:
        futures = [pool.submit(_build_in_worker, row, name) for row, name in named[1:]]
        for future in as_completed(futures):
            yield future.result()
    finally:
        # On Ctrl+C (or any stop) the queued rows are cancelled; a worker finishes the row it is
        # writing (tens of milliseconds), so every file left behind is complete.
        pool.shutdown(wait=True, cancel_futures=True)
        _worker = None


_worker: _Builder | None = None


def _start_worker(settings: _Settings) -> None:
    """A worker keeps the builder it was forked with, or makes its own (spawned processes).

    Ctrl+C reaches every process of the terminal's group: only the parent acts on it."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _worker is None or _worker.settings != settings:
        _worker = _Builder(settings)


def _build_in_worker(row: Row, name: str) -> RowResult:
    assert _worker is not None
    return _worker.build(row, name)


def default_jobs() -> int:
    """The processes a batch may use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
