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
from pathlib import Path

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from brochure.load.content import load
from brochure.pipeline import build_content
from tests import corpus

#: Different languages (hyphenation dictionaries), folds, papers and block types.
NAMES = ("sample", "nl-schoolreis", "de-kinderschutz", "uk-ekskursiia", "fr-sortie-scolaire")
EDITIONS = ("print", "phone")
ROUNDS = 2
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


@pytest.mark.slow
def test_builds_in_two_threads_give_the_bytes_of_each_build_run_alone() -> None:
    """Two threads build five different leaflets, in opposite orders, twice over: every PDF is
    byte for byte the PDF of the same build run alone."""
    alone = {name: build(name) for name in NAMES}

    def run(order: tuple[str, ...]) -> list[tuple[str, dict[str, bytes]]]:
        return [(name, build(name)) for name in order]

    forward = NAMES * ROUNDS
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [pool.submit(run, order) for order in (forward, forward[::-1])]
        built = [pair for result in results for pair in result.result()]
    assert len(built) == 2 * len(forward)
    for name, pdfs in built:
        assert set(pdfs) == set(EDITIONS)
        for edition in EDITIONS:
            assert pdfs[edition] == alone[name][edition], f"{name} {edition} differs when built in a thread"


@pytest.mark.slow
def test_a_plain_reportlab_paragraph_in_another_thread_is_not_disturbed_by_builds() -> None:
    """While brochure builds in this thread, another thread draws a plain ReportLab paragraph
    again and again: each drawing is the bytes of the same paragraph drawn with no build running."""
    expected = plain_paragraph()
    stop = threading.Event()
    drawn: list[bytes] = []

    def draw() -> None:
        while not stop.is_set() or not drawn:
            drawn.append(plain_paragraph())

    painter = threading.Thread(target=draw)
    painter.start()
    try:
        for name in NAMES[:3]:
            build(name)
    finally:
        stop.set()
        painter.join()
    assert drawn and all(pdf == expected for pdf in drawn), f"{sum(p != expected for p in drawn)} differ"
    assert plain_paragraph() == expected


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
