"""Faults of the output folder and the disk: exit 2 with one plain line, earlier files kept, no
temporary file left behind, not even after a kill."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import brochure.output
from brochure.output import remove_stale
from tests.conftest import MINIMAL
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
_fdopen, _open = os.fdopen, os.open


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".*.tmp"))


@pytest.fixture
def built(write_content) -> tuple[Path, dict[str, bytes]]:  # type: ignore[no-untyped-def]
    """A leaflet built once: (content path, the bytes of every file in out/)."""
    path = write_content()
    assert run("build", str(path), "-q")[0] == 0
    out = path.parent / "out"
    return path, {p.name: p.read_bytes() for p in out.glob("[!.]*")}


def assert_plain_failure(code: int, out: str, err: str, cause: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    # A slow build (a loaded machine) says `building …` first, and that it stopped: nothing else.
    lines = [line for line in err.strip().splitlines() if not line.startswith("building ")]
    assert all("done" not in line for line in err.splitlines())
    assert len(lines) == 1 and lines[0].startswith("brochure build: error: cannot write into ")
    assert cause in lines[0] and "nothing was written, the files already there are unchanged" in lines[0]


def refuse_temporary_files(
    monkeypatch: pytest.MonkeyPatch, number: int, *, from_file: int = 1, filename: str = ""
) -> None:
    """From the `from_file`-th temporary file on, creating one fails with OSError `number` (as
    a full disk or a read-only folder does; injected: the tests run as root, whom modes do not
    stop), naming `filename` or the file; whatever else the process opens, opens."""
    made = 0

    def refusing(file: str | Path, *args: Any, **kwargs: Any) -> int:
        nonlocal made
        if str(file).endswith(".tmp"):
            made += 1
            if made >= from_file:
                raise OSError(number, os.strerror(number), filename or str(file))
        return _open(file, *args, **kwargs)

    monkeypatch.setattr(brochure.output.os, "open", refusing)


class _FullDisk:
    """A file object that takes a few bytes and then fails as a full disk does."""

    def __init__(self, handle: int, mode: str) -> None:
        self.stream = _fdopen(handle, mode)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def test_a_full_disk_is_exit_2_and_leaves_the_earlier_files(built, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """ENOSPC in the middle of writing: no file of the build replaces an earlier one (all files
    are renamed only once every one is written), and no temporary file stays."""
    path, before = built
    monkeypatch.setattr(brochure.output.os, "fdopen", _FullDisk)
    code, out, err = run("build", str(path.parent / "content.yaml"))
    assert_plain_failure(code, out, err, "the disk is full")
    monkeypatch.undo()
    folder = path.parent / "out"
    assert {p.name: p.read_bytes() for p in folder.glob("[!.]*")} == before
    assert leftovers(folder) == []


@pytest.mark.parametrize(
    ("number", "cause"),
    [(errno.EACCES, "permission denied"), (errno.EROFS, "the file system is read-only")],
)
def test_a_folder_that_refuses_files_is_exit_2(built, monkeypatch, number: int, cause: str) -> None:  # type: ignore[no-untyped-def]
    """Permission denied or a read-only file system (injected: the tests run as root, whom a
    read-only mode does not stop) is one plain line, not a traceback."""
    path, before = built

    refuse_temporary_files(monkeypatch, number, filename=str(path.parent / "out"))
    code, out, err = run("build", str(path))
    assert_plain_failure(code, out, err, cause)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in (path.parent / "out").glob("[!.]*")} == before


def test_out_being_a_file_or_under_a_file_is_exit_2(write_content) -> None:  # type: ignore[no-untyped-def]
    """`out` is a file, or the --out folder lies under one: nothing is written, one plain line."""
    path = write_content()
    (path.parent / "out").write_text("not a folder", encoding="utf-8")
    code, out, err = run("build", str(path))
    assert_plain_failure(code, out, err, "it is a file, not a folder")
    code, out, err = run("build", str(path), "--out", str(path.parent / "out" / "deeper"))
    assert_plain_failure(code, out, err, "not a folder")
    assert (path.parent / "out").read_text(encoding="utf-8") == "not a folder"


def test_a_missing_output_folder_is_made(write_content) -> None:  # type: ignore[no-untyped-def]
    """A --out folder that does not exist yet is made, with its parents."""
    path = write_content()
    target = path.parent / "a" / "b"
    assert run("build", str(path), "-q", "-e", "print", "--out", str(target))[0] == 0
    assert len(list(target.glob("*-print.pdf"))) == 1


def test_preview_and_new_report_folder_faults_plainly(write_content, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every command that writes says the same plain line (preview writes PNG files)."""
    path = write_content()
    (path.parent / "out").write_text("", encoding="utf-8")
    code, _, err = run("preview", str(path))
    assert code == 2 and "Traceback" not in err and "it is a file, not a folder" in err


def test_stale_temporary_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    """A temporary file of a process that is gone, or over an hour old, is removed; one of a
    process still running (a build next door) is left alone."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = tmp_path / f".x-print.pdf.{dead.stdout.strip()}.abc.tmp"
    live = tmp_path / f".x-print.pdf.{os.getpid()}.def.tmp"
    old = tmp_path / f".x-phone.pdf.{os.getpid()}.ghi.tmp"
    other = tmp_path / ".notes.tmp"
    for file in (stale, live, old, other):
        file.write_bytes(b"partial")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert sorted(remove_stale(tmp_path)) == sorted([stale, old])
    assert live.exists() and other.exists()


KILLED = """
import os, sys, time
import brochure.output
real = os.fsync
def stall(fd):
    print("writing", flush=True)
    time.sleep(60)
brochure.output.os.fsync = stall
from brochure.cli.main import main
main(["build", sys.argv[1], "-e", "print", "-q"])
"""


@pytest.mark.slow
def test_a_build_killed_while_writing_leaves_the_old_file_and_the_next_build_cleans_up(built) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL in the middle of a write leaves the earlier PDF whole and a temporary file,
    which the next build removes."""
    path, before = built
    folder = path.parent / "out"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    child.stdout.close()
    assert len(leftovers(folder)) == 1
    assert {p.name: p.read_bytes() for p in folder.glob("[!.]*")} == before
    assert run("build", str(path), "-q", "-e", "print")[0] == 0
    assert leftovers(folder) == []


@pytest.fixture
def tiny_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real 64 kB file system (tmpfs), where the machine lets the tests mount one."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (not root?); the injected ENOSPC test covers it")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_really_full_disk_is_exit_2(write_content, tiny_disk: Path) -> None:  # type: ignore[no-untyped-def]
    """The sample's files do not fit in 64 kB: exit 2, the plain line, no temporary file."""
    code, out, err = run("build", str(ROOT / "content.yaml"), "--out", str(tiny_disk))
    assert_plain_failure(code, out, err, "the disk is full")
    assert leftovers(tiny_disk) == [] and list(tiny_disk.glob("*.pdf")) == []


ROWS = MINIMAL.replace("    - text: Achter.", '    - text: "Bel {{ naam }}."')


def batch_files(folder: Path, rows: int) -> tuple[Path, Path]:
    content = folder / "content.yaml"
    content.write_text(ROWS, encoding="utf-8")
    data = folder / "rows.csv"
    data.write_text("naam\n" + "".join(f"school {n}\n" for n in range(1, rows + 1)), encoding="utf-8")
    return content, data


def assert_batch_stopped(code: int, err: str, cause: str, built: int, rows: int) -> None:
    """Exit 2 and one plain line that says how far the batch came, never a traceback (exit 3)."""
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("brochure build: error: ")]
    assert cause in line, line
    assert line.endswith(
        f"the batch stopped after {built} of {rows} leaflets; the other rows' files are unchanged"
    ), line


def test_a_disk_that_fills_during_a_batch_stops_it_with_exit_2(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The fourth row's file meets a full disk: the batch stops with one plain line (it was a
    traceback per row and exit 3), the three rows before it stay, no temporary file is left."""
    content, data = batch_files(tmp_path, 10)
    opened = [0]

    def full_from_the_fourth(handle: int, mode: str) -> Any:
        opened[0] += 1
        return _FullDisk(handle, mode) if opened[0] > 4 else _fdopen(handle, mode)  # the names file first

    monkeypatch.setattr(brochure.output.os, "fdopen", full_from_the_fourth)
    code, _, err = run("build", str(content), "--data", str(data), "-e", "print", "-j", "1")
    assert_batch_stopped(code, err, "the disk is full", 3, 10)
    folder = tmp_path / "out"
    assert len(list(folder.glob("*.pdf"))) == 3 and leftovers(folder) == []


@pytest.mark.slow
def test_a_really_full_disk_stops_a_pooled_batch_with_exit_2(tiny_disk: Path, tmp_path: Path) -> None:
    """On a real 64 kB disk the workers of a pool meet the full disk: exit 2, one line, whole files."""
    content, data = batch_files(tmp_path, 12)
    code, _, err = run(
        "build", str(content), "--data", str(data), "-e", "print", "-j", "2", "--out", str(tiny_disk)
    )
    assert code == 2, err
    assert "Traceback" not in err and "the disk is full; the batch stopped after " in err
    assert leftovers(tiny_disk) == []
    for pdf in tiny_disk.glob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_files_are_made_as_the_umask_says_without_touching_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A written file has the mode any new file gets (0o666 narrowed by the umask), and the umask
    is never set to read it: that would change it for every other thread of a server meanwhile."""
    calls: list[tuple[object, ...]] = []
    real = os.umask
    monkeypatch.setattr(brochure.output.os, "umask", lambda *args: calls.append(args) or real(*args))
    previous = real(0o027)
    try:
        brochure.output.write_atomic(tmp_path / "leaflet.pdf", b"%PDF-1.7\n")
    finally:
        real(previous)
    assert (tmp_path / "leaflet.pdf").stat().st_mode & 0o777 == 0o640
    assert calls == [] and leftovers(tmp_path) == []


def test_ctrl_c_between_two_renames_still_puts_the_whole_set_in_place(built, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+C arriving just after the first file was renamed into place: the build stops (the
    KeyboardInterrupt goes on), but only after the other files of the set are in place too."""
    path, before = built
    folder = path.parent / "out"
    real = os.replace
    renamed: list[str] = []

    def interrupted_after_the_first(source: Any, target: Any) -> None:
        real(source, target)
        renamed.append(Path(target).name)
        if len(renamed) == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(brochure.output.os, "replace", interrupted_after_the_first)
    files = [("print", name, b"%PDF-1.7 new " + name.encode()) for name in sorted(before)]
    with pytest.raises(KeyboardInterrupt):
        brochure.output.write_outputs(files, folder)
    monkeypatch.undo()
    assert len(renamed) == len(before) > 1
    assert {p.name: p.read_bytes() for p in folder.glob("[!.]*")} == {n: d for _, n, d in files}
    assert leftovers(folder) == []


def test_a_preview_that_meets_a_full_disk_leaves_the_earlier_preview_whole(built, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The disk filling up at the second image of a preview: exit 2, and the earlier preview's
    images are all as they were (not the first side new and the others old)."""
    path, _ = built
    assert run("preview", str(path), "-q")[0] == 0
    folder = path.parent / "out"
    before = {p.name: p.read_bytes() for p in folder.glob("*.png")}
    assert len(before) == 3
    refuse_temporary_files(monkeypatch, errno.ENOSPC, from_file=2)
    code, _, err = run("preview", str(path), "--guides")
    monkeypatch.undo()
    assert code == 2 and "the disk is full" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in folder.glob("*.png")} == before
    assert leftovers(folder) == []


def test_new_on_a_full_disk_leaves_no_half_made_project(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The disk filling up at the third file of `brochure new`: exit 2 with one plain line, no
    project folder (so `new` can simply be run again) and no hidden staging folder left."""
    written: list[Path] = []
    real = Path.write_bytes

    def full_at_the_third(self: Path, data: bytes) -> int:
        written.append(self)
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_at_the_third)
    code, _, err = run("new", str(tmp_path / "schoolreis"))
    monkeypatch.undo()
    assert code == 2 and "the disk is full" in err and "Traceback" not in err
    assert len(written) == 3 and sorted(p.name for p in tmp_path.iterdir()) == []
    assert run("new", str(tmp_path / "schoolreis"), "-q")[0] == 0
    assert (tmp_path / "schoolreis" / "content.yaml").is_file()


def test_a_killed_new_leaves_a_staging_folder_that_the_next_write_removes(tmp_path: Path) -> None:
    """A staging folder of a `new` whose process is gone is stale, like a temporary file."""
    stale = tmp_path / ".schoolreis.999999999.0a1b2c3d.tmp"
    (stale / "assets").mkdir(parents=True)
    (stale / "content.yaml").write_text("meta: {}\n", encoding="utf-8")
    assert remove_stale(tmp_path) == [stale] and list(tmp_path.iterdir()) == []
