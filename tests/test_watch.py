"""`brochure watch`: a rebuild after each save, survival of a broken save and of a bug, and a clean
stop on Ctrl+C through `main(argv)`."""

from __future__ import annotations

import _thread
import io
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest

import brochure.pipeline
from brochure.cli.main import main
from brochure.proof.watch import Rebuild, Watcher
from tests.conftest import MINIMAL
from tests.test_cli import run

#: Upper bound for any wait on the watcher: a failing test ends instead of hanging.
TIMEOUT = 20.0


class Recorder:
    """Collects rebuilds from the watcher's thread and lets the test wait for the next ones."""

    def __init__(self) -> None:
        self.rebuilds: list[Rebuild] = []
        self.changed = threading.Condition()

    def __call__(self, rebuild: Rebuild) -> None:
        with self.changed:
            self.rebuilds.append(rebuild)
            self.changed.notify_all()

    def wait_for(self, count: int) -> Rebuild:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.rebuilds) >= count, timeout=TIMEOUT), (
                f"only {len(self.rebuilds)} builds, wanted {count}"
            )
            return self.rebuilds[count - 1]


@pytest.fixture
def watching(write_content) -> Iterator[tuple[Path, Recorder, Watcher]]:  # type: ignore[no-untyped-def]
    """A watcher on a fresh leaflet, run in a thread until the test ends."""
    path = write_content()
    recorder = Recorder()
    watcher = Watcher(path, editions=("print",), on_rebuild=recorder)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    recorder.wait_for(1)
    yield path, recorder, watcher
    stop.set()
    thread.join(TIMEOUT)
    assert not thread.is_alive(), "the watcher did not stop"


def save(path: Path, text: str) -> None:
    """Write as an editor does; wait a moment first so the watcher sees a separate event."""
    time.sleep(0.05)
    path.write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_a_save_rebuilds_and_a_broken_save_is_survived(watching: tuple[Path, Recorder, Watcher]) -> None:
    """Each save rebuilds the PDF; a broken save reports its error and keeps the last PDF; the
    next good save builds again."""
    path, recorder, _ = watching
    first = recorder.wait_for(1)
    assert first.ok and first.result is not None
    pdf = first.result.outputs[0].path
    built = pdf.read_bytes()

    save(path, MINIMAL.replace("Achter.", "Achterkant."))
    second = recorder.wait_for(2)
    assert second.ok and pdf.read_bytes() != built
    assert second.changed == (path.resolve(),)

    save(path, MINIMAL.replace("- text: Flap.", "- txet: Flap."))
    broken = recorder.wait_for(3)
    assert not broken.ok and [d.code for d in broken.diagnostics] == ["C104"]
    assert pdf.exists()

    save(path, MINIMAL)
    assert recorder.wait_for(4).ok


@pytest.mark.slow
def test_a_save_without_changes_and_output_files_do_not_rebuild(
    watching: tuple[Path, Recorder, Watcher],
) -> None:
    """Touching the content with the same bytes, or writing into out/, builds nothing."""
    path, recorder, _ = watching
    save(path, MINIMAL)
    (path.parent / "out" / "notes.yaml").write_text("x", encoding="utf-8")
    (path.parent / ".content.yaml.swp").write_text("x", encoding="utf-8")
    save(path, MINIMAL.replace("Flap.", "Flap!"))
    assert recorder.wait_for(2).ok
    time.sleep(0.3)
    assert len(recorder.rebuilds) == 2, [(r.ok, r.diagnostics) for r in recorder.rebuilds]


SQUARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="10" height="10" fill="{colour}"/></svg>'
)


@pytest.mark.slow
def test_a_replaced_svg_image_rebuilds_with_the_new_drawing(write_content) -> None:  # type: ignore[no-untyped-def]
    """An SVG logo saved again (another colour) is a change of an input: the leaflet is built
    again, and the PDF draws the new colour."""
    path = write_content(MINIMAL.replace("- text: Flap.", "- image: {file: logo.svg, alt: Logo}"))
    logo = path.parent / "logo.svg"
    logo.write_text(SQUARE.format(colour="#ff0000"), encoding="utf-8")
    recorder = Recorder()
    watcher = Watcher(path, editions=("print",), on_rebuild=recorder)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        first = recorder.wait_for(1)
        assert first.ok and first.result is not None
        pdf = first.result.outputs[0].path
        assert b"1 0 0 rg" in page_content(pdf.read_bytes())
        save(logo, SQUARE.format(colour="#0000ff"))
        second = recorder.wait_for(2)
        assert second.ok and second.changed == (logo.resolve(),)
        drawn = page_content(pdf.read_bytes())
        assert b"0 0 1 rg" in drawn and b"1 0 0 rg" not in drawn
    finally:
        stop.set()
        thread.join(TIMEOUT)


def page_content(pdf: bytes) -> bytes:
    """The page content of a PDF, its streams inflated."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return b"".join(page.Contents.read_bytes() for page in document.pages)


@pytest.mark.slow
def test_a_bug_during_a_rebuild_is_reported_and_watching_goes_on(
    watching: tuple[Path, Recorder, Watcher], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An internal error is reported with its traceback, and the next save builds again."""
    path, recorder, _ = watching
    real: Callable[..., object] = brochure.pipeline.render

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(brochure.pipeline, "render", broken)
    save(path, MINIMAL.replace("Flap.", "Flap!"))
    failed = recorder.wait_for(2)
    assert not failed.ok and "RuntimeError: boom" in failed.failure
    monkeypatch.setattr(brochure.pipeline, "render", real)
    save(path, MINIMAL)
    assert recorder.wait_for(3).ok


@pytest.mark.slow
def test_ctrl_c_ends_the_command_with_exit_130_and_one_line_per_build(write_content) -> None:  # type: ignore[no-untyped-def]
    """`brochure watch` through main(argv): it builds, rebuilds on a save (one line for each build,
    whatever the number of files), and Ctrl+C stops it with exit 130 and one line."""
    path = write_content()
    out, err = io.StringIO(), io.StringIO()

    def wait_for_builds(count: int, deadline: float) -> None:
        while out.getvalue().count("] built ") < count and time.monotonic() < deadline:
            time.sleep(0.02)

    def edit_then_interrupt() -> None:
        deadline = time.monotonic() + TIMEOUT
        wait_for_builds(1, deadline)
        save(path, MINIMAL.replace("Achter.", "Achterkant."))
        wait_for_builds(2, deadline)
        if not returned.is_set():  # never interrupt the test run itself
            _thread.interrupt_main()  # what Ctrl+C does

    returned = threading.Event()
    helper = threading.Thread(target=edit_then_interrupt)
    helper.start()
    try:
        code = main(["watch", str(path)], out=out, err=err)
    finally:
        returned.set()
    helper.join(TIMEOUT)
    assert code == 130, err.getvalue()
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and all("] built print and phone (4 files in " in line for line in lines)
    assert err.getvalue().splitlines()[-1] == "stopped (Ctrl+C) after 2 builds"
    assert "Traceback" not in err.getvalue()


def test_watching_a_folder_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    """A content path in a missing folder exits 1 with the folder named, not a traceback."""
    code, _, err = run("watch", str(tmp_path / "nowhere" / "content.yaml"))
    assert code == 1 and "does not exist" in err and "Traceback" not in err


def test_an_output_folder_that_refuses_is_said_plainly_and_watching_goes_on(write_content) -> None:  # type: ignore[no-untyped-def]
    """`out` being a file is the author's to fix, not a bug: the rebuild says what refused, with
    no traceback, and the next build after the fix writes the leaflet."""
    path = write_content()
    out = path.parent / "out"
    out.write_text("not a folder", encoding="utf-8")
    recorder = Recorder()
    watcher = Watcher(path, editions=("print",), out_dir=out, on_rebuild=recorder)
    refused = watcher.rebuild()
    assert not refused.ok and not refused.failure
    said = (
        f"cannot write into '{out}': it is a file, not a folder; nothing was written, the files already there"
    )
    assert refused.fault == said + " are unchanged"
    out.unlink()
    built = watcher.rebuild().result
    assert (
        built is not None
        and [o.path.parent for o in built.outputs] == [out]
        and built.outputs[0].path.is_file()
    )


@pytest.mark.slow
def test_watch_says_a_refusing_output_folder_in_one_line(write_content) -> None:  # type: ignore[no-untyped-def]
    """Through main(argv): one line naming the folder and the cause, 'still watching', no
    traceback and no 'internal error'."""
    path = write_content()
    blocked = path.parent / "out"
    blocked.write_text("not a folder", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    returned = threading.Event()

    def interrupt_after_the_first_build() -> None:
        deadline = time.monotonic() + TIMEOUT
        while "still watching" not in err.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not returned.is_set():
            _thread.interrupt_main()

    helper = threading.Thread(target=interrupt_after_the_first_build)
    helper.start()
    try:
        code = main(["watch", str(path), "-o", str(blocked)], out=out, err=err)
    finally:
        returned.set()
    helper.join(TIMEOUT)
    said = err.getvalue()
    assert code == 130 and "Traceback" not in said and "internal error" not in said
    cause = f"error: cannot write into '{blocked}': it is a file, not a folder; nothing was written"
    assert f"{cause}, the files already there are unchanged; still watching" in said


@pytest.mark.slow
def test_a_saved_data_file_rebuilds_even_outside_the_leaflet_s_folder(tmp_path: Path) -> None:
    """`watch --data`: the rows are read on every build, so saving the CSV (kept in another
    folder, with a suffix no image or font has) builds again with the new row."""
    from tests.pdfread import reader
    from tests.test_cli_manners import PLACEHOLDERS, table

    leaflet, shared = tmp_path / "leaflet", tmp_path / "shared"
    leaflet.mkdir()
    shared.mkdir()
    content = leaflet / "content.yaml"
    content.write_text(PLACEHOLDERS, encoding="utf-8")
    data = table(shared, [["a", "juf Anna", "06-1"]])
    recorder = Recorder()
    watcher = Watcher(content, editions=("print",), data=data, on_rebuild=recorder)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        assert recorder.wait_for(1).ok
        table(shared, [["a", "juf Annemarie", "06-1"]])
        again = recorder.wait_for(2)
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert again.ok and again.changed == (data.resolve(),) and again.result is not None
    text = "".join(page.extract_text() for page in reader(again.result.outputs[0].path.read_bytes()).pages)
    assert "Bel juf Annemarie op 06-1." in text


@pytest.mark.slow
def test_a_real_ctrl_c_stops_a_watch_process_within_a_second(write_content) -> None:  # type: ignore[no-untyped-def]
    """SIGINT, as a terminal sends it, to a `brochure watch` process waiting for saves: exit 130
    within a second, with one line and no traceback (its observer threads do not hold it up)."""
    import os
    import signal
    import subprocess
    import sys

    path = write_content()
    argv = [sys.executable, "-m", "brochure", "watch", str(path), "-e", "print"]
    child = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not list((path.parent / "out").glob("*.pdf")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # the build is written: the watcher is waiting for the next save
        os.killpg(child.pid, signal.SIGINT)
        sent = time.monotonic()
        out, err = child.communicate(timeout=TIMEOUT)
        took = time.monotonic() - sent
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130 and took < 1.0, (took, err)
    assert out.count("] built print (1 file in ") == 1 and "Traceback" not in err
    assert err.splitlines()[-1] == "stopped (Ctrl+C) after 1 build"
