"""One behaviour for every command: --version, did-you-mean, --quiet and --verbose everywhere,
--data on check, preview and watch, build's preflight, Ctrl+C as exit 130 with one line."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

import brochure.pipeline
from brochure.cli.main import COMMANDS, main, parser
from brochure.proof.watch import Watcher
from tests.conftest import MINIMAL
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent

PLACEHOLDERS = MINIMAL.replace(
    "    - text: Achter.", '    - text: "Bel {{ contact.name }} op {{ contact.phone }}."'
)


def table(folder: Path, rows: list[list[str]]) -> Path:
    stream = io.StringIO()
    csv.writer(stream).writerows([["slug", "contact.name", "contact.phone"], *rows])
    path = folder / "rows.csv"
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


INTERRUPTED = "interrupted: stopped (Ctrl+C); the files already written are complete"


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("brochure 0.")


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["buidl"], "did you mean 'build'?"),
        (["chekc"], "did you mean 'check'?"),
        (["build", "--stirct"], "did you mean '--strict'? (see 'brochure build --help')"),
        (["preview", "--guieds"], "did you mean '--guides'?"),
        (["check", "-e", "phnoe"], "did you mean 'phone'?"),
        (["build", "-e", "phnoe"], "did you mean 'phone'?"),
        (["build", "--edition=print,phnoe"], "did you mean 'phone'?"),
        (["translate", "--too", "de"], "did you mean '--to'? (see 'brochure translate --help')"),
        (["--versoin"], "did you mean '--version'? (see 'brochure --help')"),
    ],
)
def test_usage_errors_suggest_what_was_meant(argv: list[str], hint: str) -> None:
    """A mistyped command, option or choice: exit 2, the command's own usage, and a did-you-mean."""
    code, _, err = run(*argv)
    assert code == 2 and f"= hint: {hint}" in err
    if len(argv) > 1:
        assert err.startswith(f"usage: brochure {argv[0]} ")


@pytest.mark.parametrize("command", [c.__name__.rsplit(".", 1)[1] for c in COMMANDS])
def test_every_command_takes_quiet_and_verbose(command: str) -> None:
    extra = {"new": ["folder"], "translate": ["--to", "en"]}.get(command, [])
    for flag in ("--quiet", "-q", "--verbose", "-v"):
        args = parser().parse_args([command, *extra, flag])
        assert args.quiet or args.verbose


def test_build_verbose_is_accepted_and_quiet_prints_nothing(write_content) -> None:  # type: ignore[no-untyped-def]
    path = write_content()
    code, out, _ = run("build", str(path), "-e", "print", "--verbose")
    assert code == 0 and "wrote " in out
    assert run("build", str(path), "-e", "print", "--quiet")[1:] == ("", "")


def test_ctrl_c_during_a_build_is_exit_130_and_one_line(write_content, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(brochure.pipeline, "build", interrupted)
    code, out, err = run("build", str(write_content()))
    assert code == 130 and out == ""
    assert err.splitlines() == [INTERRUPTED]


def test_ctrl_c_that_a_library_turned_into_an_import_error_is_exit_130(write_content, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """pikepdf raises ImportError when Ctrl+C meets its extension loading: that was exit 3, a bug."""

    def loading(*args: object, **kwargs: object) -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as error:
            raise ImportError("Encountered an error while initializing the extension.") from error

    monkeypatch.setattr(brochure.pipeline, "build", loading)
    code, _, err = run("build", str(write_content()))
    assert code == 130 and err.splitlines() == [INTERRUPTED]


@pytest.mark.slow
def test_ctrl_c_stops_a_real_build_within_a_second_leaving_whole_sets(tmp_path: Path) -> None:
    """SIGINT to a `brochure build` process of every edition at moments across its work (loading
    pikepdf's extension among them, which made it an ImportError and exit 3): it ends within a
    second with 130 and one line, or has finished; the files in out/ are all the earlier ones or
    all new, whole PDFs, and no temporary file is left."""
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    content = tmp_path / "content.yaml"
    content.write_text((ROOT / "content.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    argv = [
        sys.executable,
        "-m",
        "brochure",
        "build",
        str(content),
        "-e",
        "print",
        "-e",
        "press",
        "-e",
        "phone",
    ]
    assert subprocess.run(argv, cwd=ROOT, capture_output=True).returncode == 0
    pdfs = sorted(out.glob("*.pdf"))
    stopped = 0
    for delay in (0.12, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8):
        for pdf in pdfs:
            pdf.write_bytes(b"earlier")
        child = subprocess.Popen(argv, cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(delay)
        os.killpg(child.pid, signal.SIGINT)
        sent = time.monotonic()
        _, err = child.communicate(timeout=30)
        took = time.monotonic() - sent
        assert child.returncode in (0, 130), (delay, err)
        kinds = {pdf.read_bytes() == b"earlier" for pdf in pdfs}
        assert len(kinds) == 1, f"a mixed set after Ctrl+C at {delay} s"
        assert not list(out.glob(".*.tmp"))
        if child.returncode == 130:
            stopped += 1
            assert took < 1.0, f"{took:.2f} s"
            assert err.splitlines()[-1] == INTERRUPTED and "Traceback" not in err, (delay, err)
        if kinds == {False}:
            assert all(pdf.read_bytes().rstrip().endswith(b"%%EOF") for pdf in pdfs)
    assert stopped >= 3


#: The `brochure` program with Ctrl+C pressed while Python still imports the command line.
EARLY_CTRL_C = """\
import sys
class Pressed:
    def find_spec(self, name, path=None, target=None):
        if name == "brochure.cli.main":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Pressed())
sys.argv = ["brochure", "--help"]
from importlib.metadata import entry_points
(script,) = entry_points(group="console_scripts", name="brochure")
script.load()()
"""


def test_ctrl_c_while_the_program_starts_is_exit_130_and_one_line() -> None:
    """The installed `brochure` entry imports the command line inside its own guard: a Ctrl+C
    during those imports (the first 30 ms) printed a traceback and died of SIGINT."""
    done = subprocess.run([sys.executable, "-c", EARLY_CTRL_C], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 130 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "interrupted: stopped (Ctrl+C); the files already written are complete"
    ]


@pytest.mark.slow
def test_ctrl_c_stops_a_pooled_batch_within_a_second(tmp_path: Path) -> None:
    """SIGINT to the whole process group (what a terminal sends) while a pool builds 300 rows:
    the command ends within a second with 130 and one line, queued rows are never built, and
    every file left is a complete PDF."""
    content = tmp_path / "content.yaml"
    content.write_text(PLACEHOLDERS, encoding="utf-8")
    data = table(tmp_path, [[f"school-{n}", f"juf {n}", f"06-{n:08d}"] for n in range(300)])
    argv = [
        sys.executable,
        "-m",
        "brochure",
        "build",
        str(content),
        "--data",
        str(data),
        "-j",
        "2",
        "-e",
        "print",
    ]
    child = subprocess.Popen(argv, cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    out = tmp_path / "out"
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.pdf"))) < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGINT)
    sent = time.monotonic()
    _, err = child.communicate(timeout=30)
    took = time.monotonic() - sent
    assert child.returncode == 130, err
    assert took < 1.0, f"{took:.2f} s"
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == INTERRUPTED
    pdfs = list(out.glob("*.pdf"))
    assert 10 <= len(pdfs) < 300
    assert not list(out.glob(".*.tmp"))
    for pdf in pdfs:
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_new_prints_the_cd_line_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("new", "Schoolreis Ardennen")
    assert code == 0 and "  cd 'Schoolreis Ardennen'\n" in out


def test_check_preview_and_watch_take_data_rows(tmp_path: Path) -> None:
    """A leaflet with placeholders is checked row by row with a summary, previewed for one row,
    and watched for one row; without --data it is C401, as before."""
    content = tmp_path / "content.yaml"
    content.write_text(PLACEHOLDERS, encoding="utf-8")
    data = table(tmp_path, [["a", "juf Anna", "06-1"], ["b", "meester Bram", ""], ["c", "juf Cor", "06-3"]])
    code, out, err = run("check", str(content))
    assert code == 1 and "error[C401]" in out

    code, out, err = run("check", str(content), "--data", str(data))
    assert code == 1
    assert "row 2 (b): 1 error" in out and "row 1 (a): 1 warning" in out
    assert "checked 3 rows of" in out and "2 without errors" in out
    assert "error: 1 of 3 rows have errors: 2" in err
    assert run("check", str(content), "--data", str(data), "--row", "3")[0] == 0
    code, out, err = run("check", str(content), "--data", str(data), "--row", "7")
    assert code == 1 and "error[D009]: --row 7: the data file has 3 rows" in err
    assert run("check", str(content), "--row", "1")[0] == 2

    code, out, _ = run("preview", str(content), "--data", str(data), "--row", "1", "--dpi", "20")
    assert code == 0
    folder = slugify_folder(tmp_path)
    assert (tmp_path / "out" / f"{folder}-a-nl-print-side-1.png").is_file()

    rebuilt = Watcher(content, editions=("print",), data=data, row=3).rebuild()
    assert rebuilt.ok and [o.path.name for o in rebuilt.result.outputs] == [f"{folder}-c-nl-print.pdf"]  # type: ignore[union-attr]
    failed = Watcher(content, editions=("print",), data=data).rebuild()
    assert not failed.ok and [d.code for d in failed.diagnostics] == ["C401"]


def slugify_folder(folder: Path) -> str:
    from brochure.names import slugify

    return slugify(folder.name)


@pytest.mark.slow
def test_preview_of_the_phone_edition_shows_the_phone_pages(write_content, tmp_path: Path) -> None:
    path = write_content()
    code, _, _ = run("preview", str(path), "-e", "phone", "--dpi", "30")
    assert code == 0
    pages = sorted((tmp_path / "out").glob("*-phone-page-*.png"))
    assert len(pages) >= 3 and not list((tmp_path / "out").glob("*mockup*"))
    with Image.open(pages[0]) as image:
        width, height = image.size
    assert height > width  # portrait A6, not the landscape sheet
    assert abs(width / height - 105 / 148) < 0.02


def test_build_runs_the_preflight_and_strict_fails_on_its_warnings(write_content) -> None:  # type: ignore[no-untyped-def]
    """Placeholder addresses, in a link and in a QR code (http://localhost…edit), are warned about
    by `build` as by `check`; `--strict` makes both fail."""
    text = MINIMAL.replace(
        "    - text: Achter.",
        "    - text: Zie [de site](https://example.org/info).\n    - qr: http://localhost:8080/edit?action=edit",
    )
    path = write_content(text)
    code, _, err = run("build", str(path), "-e", "print")
    assert code == 0
    for check in ("K301", "K302", "K304"):
        assert f"warning[{check}]" in err
    assert err.count("warning[K304]") == 2
    assert run("build", str(path), "-e", "print", "--strict")[0] == 1
    assert run("check", str(path), "--strict")[0] == 1


def test_build_takes_one_row_as_the_other_commands_do(tmp_path: Path) -> None:
    """`build --data FILE --row N` writes that row's files only, named as in the batch."""
    content = tmp_path / "content.yaml"
    content.write_text(PLACEHOLDERS, encoding="utf-8")
    data = table(tmp_path, [["a", "juf Anna", "06-1"], ["b", "meester Bram", "06-2"]])
    code, out, _ = run("build", str(content), "--data", str(data), "--row", "2", "-e", "print")
    assert code == 0 and out.count("wrote ") == 1
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == [
        f"{slugify_folder(tmp_path)}-b-nl-print.pdf"
    ]
    assert run("build", str(content), "--row", "2")[0] == 2


def test_check_of_the_phone_edition_lays_out_what_its_build_does(write_content) -> None:  # type: ignore[no-untyped-def]
    """A flap too long for the folded sheet but not for phone pages: `build -e phone` builds it,
    so `check -e phone` passes it too (it laid out the sheet as well and failed on its L101),
    while `check -e print` still reports the overflow."""
    long = " ".join(["Een zin met gewone woorden voor de ouders."] * 40)
    path = write_content(MINIMAL.replace("- text: Flap.", f"- text: {long}"))
    assert run("build", str(path), "-e", "phone", "-q")[0] == 0
    code, out, _ = run("check", str(path), "-e", "phone")
    assert code == 0 and "no problems found" in out
    code, out, _ = run("check", str(path), "-e", "print")
    assert code == 1 and "error[L101]: the 'flap' panel is " in out
