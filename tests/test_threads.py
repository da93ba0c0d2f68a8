"""Re-entrant and thread-safe: builds in threads of one process give the bytes of the same build
run alone, a plain ReportLab paragraph drawn in another thread is not disturbed by a build, and
a build replaces no module attribute, `rl_config` value or class method of ReportLab or pyphen."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from brochure.caches import clear_caches
from brochure.load.content import load
from brochure.pipeline import build_content
from tests import corpus

#: Different languages (hyphenation dictionaries), folds, papers and block types; Arabic and
#: Hebrew shaped by HarfBuzz, whose glyphs get codes in each document's state of a shared font.
NAMES: tuple[str, ...] = ("sample", "nl-schoolreis", "de-kinderschutz", "uk-ekskursiia", "fr-sortie-scolaire")
NAMES += ("ar-tanammur", "he-zman-masach")
EDITIONS = ("print", "phone")
THREADS = 4
#: Builds per thread. 4 x 50 builds of the print and phone editions, with a thread drawing
#: ReportLab paragraphs beside them, take about 15 s on a 2-core machine (the builds alone
#: about 0.06 s each), so every round builds both editions.
BUILDS = 50
ROOT = Path(__file__).resolve().parent.parent


def build(name: str) -> dict[str, bytes]:
    content, found = load(corpus.BY_NAME[name].path)
    return build_content(content, found, EDITIONS).pdfs


def plain_paragraph() -> bytes:
    """A ReportLab paragraph with hyphenation and a soft hyphen, drawn as any ReportLab user would."""
    style = getSampleStyleSheet()["BodyText"]
    text = "Een zin die over meerdere regels loopt, met een woord als kinder\u00adbescherming erin. " * 6
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    Frame(72, 72, 160, 600).addFromList([Paragraph(text, style)], canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class Run:
    """What the threads made: each build that differed from the same build run alone, how many
    builds there were, and the paragraphs drawn by plain ReportLab beside them."""

    differing: tuple[str, ...]
    builds: int
    drawn: tuple[bytes, ...]


@pytest.fixture(scope="module")
def threads() -> Run:
    """Every leaflet built alone; then, from cold caches, 4 threads build 50 leaflets each (at
    each step the four build four different leaflets) while a fifth draws a plain ReportLab
    paragraph again and again."""
    alone = {name: build(name) for name in NAMES}
    clear_caches()  # the threads fill the caches together
    start = threading.Barrier(THREADS + 1)
    building = threading.Event()
    drawn: list[bytes] = []

    def run(first: int) -> tuple[list[str], int]:
        start.wait()
        differing, count = [], 0
        for n in range(BUILDS):
            name = NAMES[(first + n) % len(NAMES)]
            pdfs = build(name)
            count += 1
            differing += [f"{name} {e}" for e in EDITIONS if pdfs.get(e) != alone[name][e]]
        return differing, count

    def draw() -> None:
        start.wait()
        while building.is_set() or not drawn:
            drawn.append(plain_paragraph())

    building.set()
    painter = threading.Thread(target=draw)
    painter.start()
    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            results = [result.result() for result in [pool.submit(run, n) for n in range(THREADS)]]
    finally:
        building.clear()
        painter.join()
    differing = tuple(item for found, _ in results for item in found)
    return Run(differing, sum(count for _, count in results), tuple(drawn))


@pytest.mark.slow
def test_builds_in_four_threads_give_the_bytes_of_each_build_run_alone(threads: Run) -> None:
    """Four threads build five different leaflets, 50 builds each: every PDF is byte for byte
    the PDF of the same build run alone."""
    assert threads.builds == THREADS * BUILDS
    assert threads.differing == (), f"{len(threads.differing)} differ: {sorted(set(threads.differing))}"


@pytest.mark.slow
def test_a_plain_reportlab_paragraph_in_another_thread_is_not_disturbed_by_builds(threads: Run) -> None:
    """While brochure builds in four threads, another thread draws a plain ReportLab paragraph
    again and again: each drawing is the bytes of the same paragraph drawn with no build running."""
    expected = plain_paragraph()
    assert len(threads.drawn) > THREADS
    assert all(pdf == expected for pdf in threads.drawn), (
        f"{sum(p != expected for p in threads.drawn)} differ"
    )


#: Run in a fresh interpreter: the ReportLab and pyphen modules a build uses are imported and
#: their attributes (and the methods of their classes) recorded before brochure is imported;
#: after a build of the sample, every one must still be the same object, every `rl_config`
#: value the same value.
SNAPSHOT = r"""
import importlib, json, sys, types
MODULES = [
    "reportlab.rl_config", "reportlab.pdfbase.pdfmetrics", "reportlab.pdfbase.ttfonts",
    "reportlab.pdfbase.pdfdoc", "reportlab.pdfgen.canvas", "reportlab.pdfgen.textobject",
    "reportlab.pdfgen.pathobject", "reportlab.lib.utils", "reportlab.lib.colors",
    "reportlab.lib.fonts", "reportlab.platypus.paragraph", "reportlab.platypus.flowables",
    "reportlab.lib.rl_accel", "pyphen",
]

def snapshot():
    found = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in sorted(vars(module).items()):
            setting = not attr.startswith("_") and not isinstance(value, types.ModuleType)
            if name == "reportlab.rl_config" and setting:  # its value (ReportLab's own lists by identity)
                found[f"{name}.{attr}"] = repr(value)
                continue
            found[f"{name}.{attr}"] = id(value)
            if isinstance(value, type) and value.__module__ == name:
                for member, item in vars(value).items():
                    found[f"{name}.{attr}.{member}"] = id(item)
    return found

before = snapshot()
from brochure.caches import clear_caches
from brochure.load.content import load
from brochure.pipeline import build_content
content, found = load(__import__("pathlib").Path(sys.argv[1]))
build_content(content, found, ("print", "press", "phone"))
after = snapshot()
print(json.dumps(sorted(key for key in before if after.get(key) != before[key])))
"""


@pytest.mark.slow
def test_a_build_replaces_no_reportlab_or_pyphen_module_attribute() -> None:
    """No module function, class, class method or `rl_config` value of ReportLab or pyphen is
    replaced for the process by a build of every edition (a library user's own ReportLab code in
    the same process sees ReportLab as it ships)."""
    done = subprocess.run(
        [sys.executable, "-c", SNAPSHOT, str(corpus.SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
