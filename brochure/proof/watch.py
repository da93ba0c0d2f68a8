"""`brochure watch`: rebuild on every save of the content or its files, whatever the file says."""

from __future__ import annotations

import hashlib
import queue
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from brochure.diagnostics import BuildError, Diagnostic
from brochure.output import Output, OutputError
from brochure.pipeline import BuildResult, build

#: Files whose change can change the leaflet: content, images (SVG drawings among them), fonts.
INPUT_SUFFIXES = frozenset({".yaml", ".yml", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".tif", ".tiff"})
INPUT_SUFFIXES |= {".svg", ".ttf", ".otf"}
#: Editors save in steps (truncate, write, rename): wait this long for the last event.
SETTLE = 0.05


@dataclass(frozen=True)
class Rebuild:
    """One build of the watch loop."""

    number: int
    seconds: float
    result: BuildResult | None
    #: Warnings of a good build, or everything that stopped a failed one.
    diagnostics: tuple[Diagnostic, ...]
    #: The traceback of an internal error (a bug), if one happened.
    failure: str = ""
    #: What the output folder or the disk refused (read-only, full, a file), said for people.
    fault: str = ""
    #: The input files whose change started this build (none for the first).
    changed: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return self.result is not None


class _Events(FileSystemEventHandler):
    """Puts the path of every created, changed or moved-in file on a queue."""

    def __init__(self, paths: queue.Queue[Path]) -> None:
        self.paths = paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        path = event.dest_path or event.src_path
        self.paths.put(Path(path if isinstance(path, str) else path.decode()))


class Watcher:
    """Builds once, then again whenever an input file's bytes change."""

    def __init__(
        self,
        content: str | Path,
        *,
        editions: Sequence[str],
        out_dir: str | Path | None = None,
        strict: bool = False,
        on_rebuild: Callable[[Rebuild], None] = lambda rebuild: None,
        data: str | Path | None = None,
        row: int | None = None,
    ) -> None:
        self.content = Path(content)
        self.folder = self.content.resolve().parent
        self.out_dir = out_dir
        #: Where the PDFs go, so that writing them does not count as a change.
        self.outputs = Path(out_dir).resolve() if out_dir is not None else self.folder / "out"
        self.editions, self.strict, self.on_rebuild = tuple(editions), strict, on_rebuild
        self.builds = 0
        #: A data file whose rows (or row `row`) fill the placeholders: each is built on every save.
        self.data, self.row = data, row
        #: The files read on every build whatever their suffix: the content and the data rows.
        self.own = {self.content.resolve(), *([Path(data).resolve()] if data is not None else [])}
        self._seen: dict[Path, str] = {}
        self._paths: queue.Queue[Path] = queue.Queue()

    def run(self, stop: threading.Event) -> None:
        """Build, then watch the content's folder until `stop` is set."""
        observer = Observer()
        observer.schedule(_Events(self._paths), str(self.folder), recursive=True)
        for elsewhere in {path.parent for path in self.own if not path.is_relative_to(self.folder)}:
            observer.schedule(_Events(self._paths), str(elsewhere), recursive=False)
        observer.start()
        try:
            self._changed(set(self.own))
            self.rebuild()
            while not stop.is_set():
                try:
                    first = self._paths.get(timeout=0.1)
                except queue.Empty:
                    continue
                changed = self._changed(self._settle(first))
                if changed:
                    self.rebuild(changed)
        finally:
            observer.stop()
            observer.join(timeout=5)

    def rebuild(self, changed: tuple[Path, ...] = ()) -> Rebuild:
        """Build now; an author's error or a bug is reported, never raised."""
        self.builds += 1
        start = time.perf_counter()
        result, failure, fault = None, "", ""
        found: tuple[Diagnostic, ...] = ()
        try:
            result = self._build()
            found = result.diagnostics
        except BuildError as error:
            found = error.diagnostics
        except OutputError as error:  # the folder or the disk: the author can fix it and save again
            fault = str(error)
        except Exception:  # a bug must not end the author's session: report it and keep watching
            failure = traceback.format_exc()
        rebuild = Rebuild(self.builds, time.perf_counter() - start, result, found, failure, fault, changed)
        self.on_rebuild(rebuild)
        return rebuild

    def _build(self) -> BuildResult:
        """The leaflet, or the leaflet of each chosen data row (raising BuildError if any fails)."""
        if self.data is None:
            return build(self.content, self.editions, out_dir=self.out_dir, strict=self.strict)
        from brochure.proof.rows import choose_rows

        outputs: list[Output] = []
        warnings: list[Diagnostic] = []
        errors: list[Diagnostic] = []
        for chosen in choose_rows(self.data, row=self.row):
            if chosen.problems:
                errors += chosen.problems
                continue
            try:
                one = build(
                    self.content,
                    self.editions,
                    out_dir=self.out_dir,
                    strict=self.strict,
                    values=chosen.row.values,
                    row=chosen.name,
                )
            except BuildError as error:
                errors += [d for d in error.diagnostics if d not in errors]
                continue
            outputs += one.outputs
            warnings += [d for d in one.diagnostics if d not in warnings]
        if errors:
            raise BuildError(tuple(errors))
        return BuildResult(tuple(outputs), tuple(warnings))

    def _settle(self, first: Path) -> set[Path]:
        """The first changed path and all that follow it until the folder is quiet."""
        paths = {first}
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            try:
                paths.add(self._paths.get(timeout=SETTLE))
            except queue.Empty:
                break
        return paths

    def _changed(self, paths: set[Path]) -> tuple[Path, ...]:
        """The inputs among `paths` whose bytes differ from the last look.

        The bytes are read until two reads SETTLE apart agree, so a save caught between
        truncating the file and writing it is not built.
        """
        inputs = {path for path in map(Path.resolve, paths) if self._is_input(path)}
        digests = _digests(inputs)
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            time.sleep(SETTLE)
            again = _digests(inputs)
            if again == digests:
                break
            digests = again
        changed = tuple(sorted(path for path, digest in digests.items() if self._seen.get(path) != digest))
        self._seen.update(digests)
        return changed

    def _is_input(self, path: Path) -> bool:
        if path.is_relative_to(self.outputs) or path.name.startswith((".", "~")):
            return False
        return path in self.own or (
            path.is_relative_to(self.folder) and path.suffix.lower() in INPUT_SUFFIXES
        )


def _digests(paths: set[Path]) -> dict[Path, str]:
    """A hash of each file's bytes ('' for a file that is gone or unreadable)."""
    found = {}
    for path in paths:
        try:
            found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            found[path] = ""
    return found
