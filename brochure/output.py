"""Writing outputs: every file through a temporary file and a rename, never a partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Output:
    edition: str
    path: Path
    size: int


def write_outputs(
    files: Sequence[tuple[str, str, bytes]], folder: Path, *, sync: bool = True
) -> tuple[Output, ...]:
    """Write each (edition, file name, bytes) into `folder`, each atomically (see write_atomic)."""
    outputs = []
    for edition, file_name, data in files:
        path = folder / file_name
        write_atomic(path, data, sync=sync)
        outputs.append(Output(edition, path, len(data)))
    return tuple(outputs)


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename: never a partial file.

    With `sync`, the data is on disk before the rename (about 4 ms a file here); batch builds,
    which write hundreds of files and can simply be run again, leave that to the system.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
