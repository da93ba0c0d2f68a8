"""Writing outputs: all files of a build through temporary files and renames, never a partial file,
never a partial set; faults of the folder or the disk as one plain `OutputError`."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

#: Temporary files are `.<file name>.<pid>.<random>.tmp` beside the file they become.
TMP_SUFFIX = ".tmp"
#: The end of every OutputError: what a failed write leaves.
UNCHANGED = "nothing was written, the files already there are unchanged"
#: A temporary file this old is stale even if its process number is in use again.
STALE_AFTER = 3600.0


@dataclass(frozen=True)
class Output:
    edition: str
    path: Path
    size: int


class OutputError(Exception):
    """The output folder or the disk refused a write: `str()` is a plain message for people, the
    `problem` and then what was `kept` (by default: nothing was written)."""

    def __init__(self, problem: str, kept: str = UNCHANGED) -> None:
        super().__init__(problem, kept)
        self.problem, self.kept = problem, kept

    def __str__(self) -> str:
        return f"{self.problem}; {self.kept}"


#: In each output folder: which content file owns each name stem, and the files it wrote.
CLAIMS = ".brochure-names.json"
_claims_lock = threading.Lock()


@dataclass(frozen=True)
class Claim:
    """The files a content file is about to write under one stem (`sexting-nl`)."""

    stem: str
    source: Path
    #: The leaflet's name (a batch's campaign): a source that changes it leaves its old files.
    leaflet: str
    files: tuple[str, ...]


class NameTaken(Exception):
    """Another content file, still there, wrote files under this stem."""

    def __init__(self, stem: str, owner: Path) -> None:
        super().__init__(stem, owner)
        self.stem, self.owner = stem, owner


def claim(folder: Path, claims: Sequence[Claim]) -> list[Path]:
    """Record the claims in the folder's CLAIMS file before writing; remove the files that the
    same source wrote under an earlier leaflet name (so renaming does not pile files up).

    Raises NameTaken when another content file that still exists owns a stem, OutputError when
    the folder cannot be written."""
    if not claims:
        return []
    prepare_folder(folder)
    with _claims_lock:
        known = _read_claims(folder)
        for wanted in claims:
            owner = known.get(wanted.stem)
            if owner and owner["source"] != _relative(wanted.source, folder):
                path = folder / str(owner["source"])
                if path.is_file():
                    raise NameTaken(wanted.stem, path.resolve())
        removed: list[Path] = []
        sources = {_relative(c.source, folder): c.leaflet for c in claims}
        for stem, owner in list(known.items()):
            leaflet = sources.get(str(owner["source"]))
            if leaflet is not None and owner["leaflet"] != leaflet:
                for name in cast(list[str], owner["files"]):
                    if (folder / name).is_file():
                        _remove(folder / name)
                        removed.append(folder / name)
                del known[stem]
        for wanted in claims:
            before = cast(list[str], known.get(wanted.stem, {}).get("files", []))
            files = sorted({*before, *wanted.files})
            source = _relative(wanted.source, folder)
            known[wanted.stem] = {"source": source, "leaflet": wanted.leaflet, "files": files}
        text = json.dumps({"format": 1, "stems": known}, indent=1, sort_keys=True, ensure_ascii=False)
        write_outputs([("", CLAIMS, text.encode("utf-8"))], folder, sync=False)
    return removed


def _read_claims(folder: Path) -> dict[str, dict[str, object]]:
    try:
        stems = json.loads((folder / CLAIMS).read_text(encoding="utf-8"))["stems"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return stems if isinstance(stems, dict) else {}


def _relative(source: Path, folder: Path) -> str:
    """The source as seen from the folder, so that moving a project with its out/ keeps it."""
    try:
        return Path(os.path.relpath(source.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return source.resolve().as_posix()


def write_outputs(
    files: Sequence[tuple[str, str, bytes]], folder: Path, *, sync: bool = True
) -> tuple[Output, ...]:
    """Write each (edition, file name, bytes) into `folder`: every file to a temporary file first,
    then all renamed into place, so a fault (a full disk) leaves the earlier files as they were.

    Stale temporary files of killed builds are removed first. Raises OutputError."""
    prepare_folder(folder)
    written: list[tuple[Path, Path]] = []
    try:
        for _, file_name, data in files:
            path = folder / file_name
            written.append((_temporary(path, data, sync=sync), path))
        _put_in_place(written)
    except OSError as error:
        raise OutputError(describe(error, folder)) from None
    finally:
        for temporary, _ in written:
            _remove(temporary)
    return tuple(Output(edition, folder / name, len(data)) for edition, name, data in files)


def _put_in_place(written: Sequence[tuple[Path, Path]]) -> None:
    """Rename each temporary file onto its name. Ctrl+C between two renames still puts the rest
    in place before it stops the build, so a set of editions is never half old and half new."""
    done = 0
    try:
        for temporary, path in written:
            os.replace(temporary, path)
            done += 1
    except KeyboardInterrupt:
        for temporary, path in written[done:]:
            if temporary.exists():  # not renamed already (Ctrl+C came just after a rename)
                os.replace(temporary, path)
        raise


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write one file through a temporary file in the same folder, then rename: never a partial
    file. With `sync`, the data is on disk before the rename (about 4 ms a file here); batch builds,
    which write hundreds of files and can simply be run again, leave that to the system.

    Raises OutputError."""
    write_outputs([("", path.name, data)], path.parent, sync=sync)


def write_folder(files: Mapping[str, bytes], folder: Path) -> None:
    """Fill the new (missing or empty) `folder` with `files` (paths inside it) at once: they are
    written into a hidden folder beside it first, so a fault (a full disk) leaves no half-made
    project; then that folder is renamed to `folder`, or its entries moved into the empty one
    (which may be the current folder of the author's shell). Raises OutputError."""
    folder = folder.absolute()
    prepare_folder(folder.parent)
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if folder.is_dir():
            for entry in sorted(staging.iterdir()):
                os.replace(entry, folder / entry.name)
        else:
            os.replace(staging, folder)
    except OSError as error:
        raise OutputError(describe(error, folder.parent)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def prepare_folder(folder: Path) -> None:
    """Make the folder (and its parents) and remove stale temporary files in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write into '{folder}': it is a file, not a folder") from None
    except OSError as error:
        raise OutputError(describe(error, folder)) from None
    if not folder.is_dir():
        raise OutputError(f"cannot write into '{folder}': it is a file, not a folder")
    remove_stale(folder)


def remove_stale(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files of builds that were killed (their process is gone, or the file
    is over an hour old); files of a build still running are left alone."""
    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(TMP_SUFFIX)]
    except OSError:
        return removed
    for path in candidates:
        try:
            old = now - path.stat().st_mtime > STALE_AFTER
        except OSError:
            continue
        pid = _pid_of(path.name)
        if old or (pid and not _alive(pid)):
            if path.is_dir():  # a project `brochure new` was making
                shutil.rmtree(path, ignore_errors=True)
            _remove(path)
            removed.append(path)
    return removed


def describe(error: OSError, folder: Path) -> str:
    """A plain sentence for a write that failed, naming the file or folder and the cause (what it
    left is said by the OutputError)."""
    where = error.filename if isinstance(error.filename, str) else str(folder)
    if Path(where).name.startswith(".") and Path(where).name.endswith(TMP_SUFFIX):
        where = str(folder)
    causes = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "a folder stands where the file should go",
        errno.ENAMETOOLONG: "the name is too long for the file system",
    }
    cause = causes.get(error.errno or 0, error.strerror or "the system refused the write")
    return f"cannot write into '{where}': {cause}"


def _temporary(path: Path, data: bytes, *, sync: bool) -> Path:
    """`data` in a new hidden file beside `path`, named with this process's id (so that a later
    build knows a killed build's file). Created with mode 0o666 for the system to narrow by the
    umask, as any new file: reading the umask would mean setting it, for every thread at once."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")
        try:
            handle = os.open(temporary, flags, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
    except BaseException:
        _remove(temporary)
        raise
    return temporary


def _pid_of(name: str) -> int:
    parts = name.split(".")
    return int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else 0


def _alive(pid: int) -> bool:
    if os.name != "posix":  # no harmless way to ask: such files go when they are an hour old
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def append_line(path: Path, line: str) -> None:
    """Append one line to a log, whole or not at all: one `write` on a file opened for appending
    (the system never interleaves or splits it), then `fsync`, so the line is on disk before
    the caller goes on. A line cut short by a crash has no newline; readers ignore it."""
    data = (line.rstrip("\n") + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        written = os.write(handle, data)
        if written != len(data):  # pragma: no cover - a full disk; the reader drops the cut line
            raise OSError(f"only {written} of {len(data)} bytes written to {path}")
        os.fsync(handle)
    finally:
        os.close(handle)
