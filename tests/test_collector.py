"""The garbage collector: off in a one-shot `brochure` process, untouched by the library and batches."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from brochure.cli.main import main
from tests.conftest import MINIMAL, ROOT

#: Runs the `brochure` program's entry with these words and prints its exit code, whether the
#: collector was on when the command started to run, and whether it was on after it ended.
PROBE = """\
import gc, sys
seen = []
sys.argv = ["brochure", *{words!r}]
from brochure.cli import build
run = build.run
def watched(*args):
    seen.append(gc.isenabled())
    return run(*args)
build.run = watched
from brochure.cli import main as entry
try:
    entry.main_entry()
except SystemExit as done:
    print(done.code, seen, gc.isenabled())
"""


def probe(*words: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(words=list(words))], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split(maxsplit=1)


def test_a_one_shot_build_runs_without_the_collector(tmp_path: Path) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    assert probe("build", str(content), "-e", "print", "-o", str(tmp_path / "out"), "-q") == [
        "0",
        "[False] False",
    ]
    assert list((tmp_path / "out").glob("*-print.pdf"))


def test_a_batch_keeps_the_collector(tmp_path: Path) -> None:
    """Thousands of rows in one process: their cycles are collected as usual."""
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL.replace("title: Test", 'title: "Test {{ school.name }}"'), encoding="utf-8")
    data = tmp_path / "rows.csv"
    data.write_text("school.slug;school.name\na;Een\nb;Twee\n", encoding="utf-8")
    words = ("build", str(content), "--data", str(data), "-e", "print", "-o", str(tmp_path / "out"), "-q")
    assert probe(*words) == ["0", "[True] True"]
    assert len(list((tmp_path / "out").glob("*-print.pdf"))) == 2


def test_main_called_as_a_library_leaves_the_collector_alone(tmp_path: Path) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    assert gc.isenabled()
    assert main(["build", str(content), "-e", "print", "-o", str(tmp_path / "out"), "-q"]) == 0
    assert gc.isenabled()
