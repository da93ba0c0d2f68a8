"""Fitting: each fit policy on text slightly and far too long, balance of the inside flow
measured as fill ratios, vertical alignment measured as positions, and a longer sample."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from brochure.diagnostics import BuildError, Diagnostic
from brochure.layout.fit import shrink_sizes
from brochure.layout.kinds import layout
from brochure.layout.model import Layout
from brochure.load.content import load
from brochure.pipeline import build_pdfs
from brochure.resolve.document import resolve
from tests.conftest import MINIMAL, SAMPLE
from tests.leaflets import (
    evenly_balanced,
    line_widths,
    long_variant,
    missing_texts,
    paragraphs,
    quoted,
    sample_assets,
    with_theme,
)
from tests.pdfread import reader

INSIDE = ("inside-left", "inside-middle", "inside-right")
#: Words for test paragraphs: ordinary Dutch prose, hyphenated like the real thing.
SENTENCE = (
    "Praat erover met iemand die je vertrouwt, want samen weet je meer dan alleen en je hoeft je "
    "nergens voor te schamen als een ander jouw vertrouwen heeft beschaamd."
)


def words(count: int) -> str:
    vocabulary = SENTENCE.split(" ")
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(count)) + "."


def build(path: Path) -> tuple[Layout, tuple[Diagnostic, ...]]:
    content, found = load(path)
    document, more = resolve(content)
    laid, warnings = layout(document)
    return laid, found + more + warnings


def failure(path: Path) -> Diagnostic:
    with pytest.raises(BuildError) as raised:
        build(path)
    (error,) = [d for d in raised.value.diagnostics if d.is_error]
    return error


def numbers(message: str) -> tuple[float, int]:
    """(millimetres too long, words) from an L101 message."""
    mm = re.search(r"(?:is|are) ([0-9.]+) mm too long", message)
    count = re.search(r"about ([0-9]+) words?\)", message)
    assert mm and count, message
    return float(mm.group(1)), int(count.group(1))


def back(text: str, *, policy: str = "error", theme: str = "") -> str:
    """The minimal leaflet with a back panel of paragraphs (one per line of `text`)."""
    blocks = "".join(f"      - text: {quoted(line)}\n" for line in text.splitlines())
    content = MINIMAL.replace(
        "  back:\n    - text: Achter.\n", f"  back:\n    fit: {policy}\n    blocks:\n{blocks}"
    )
    return with_theme(theme, content) if theme else content


@pytest.fixture(scope="module")
def capacity(tmp_path_factory) -> int:  # type: ignore[no-untyped-def]
    """How many words of one paragraph the back panel of the minimal leaflet holds."""
    folder = tmp_path_factory.mktemp("capacity")
    low, high = 50, 2000
    while high - low > 1:
        middle = (low + high) // 2
        path = folder / f"{middle}.yaml"
        path.write_text(back(words(middle)), encoding="utf-8")
        try:
            build(path)
            low = middle
        except BuildError:
            high = middle
    return low


def test_slightly_too_long_is_an_error_with_panel_block_millimetres_and_words(
    write_content, capacity: int
) -> None:  # type: ignore[no-untyped-def]
    """A line or two too many: L101 at the paragraph that does not fit, a few mm, a few words."""
    path = write_content(back(f"{words(capacity - 60)}\n{words(75)}"))
    error = failure(path)
    assert error.code == "L101" and error.location.line == 16  # the second paragraph
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[error.location.line - 1].strip().startswith("- text:")
    mm, count = numbers(error.message)
    assert error.message.startswith("the 'back' panel is ")
    assert "the end of the paragraph 'Praat erover met …' does not fit" in error.message
    assert 0 < mm < 20 and 10 <= count <= 45
    assert "'fit: shrink'" in error.hint and f"cut about {count} words" in error.hint


def test_far_too_long_is_an_error_and_cutting_the_words_it_names_makes_it_fit(
    write_content, capacity: int
) -> None:  # type: ignore[no-untyped-def]
    """Much too much text: tens of mm, hundreds of words; cutting about the number of words
    named makes it fit, cutting half of them does not."""
    error = failure(write_content(back(f"{words(capacity - 100)}\n{words(400)}")))
    mm, count = numbers(error.message)
    assert (
        error.location.line == 16
        and "the end of the paragraph 'Praat erover met …' does not fit" in error.message
    )
    assert mm > 40 and 280 <= count <= 320
    # Cutting the words named, or a line more (line breaks move as the text changes), fits.
    build(write_content(back(f"{words(capacity - 100)}\n{words(400 - count - 10)}"), name="cut.yaml"))
    with pytest.raises(BuildError):
        build(write_content(back(f"{words(capacity - 100)}\n{words(400 - count // 2)}"), name="half.yaml"))


def body_sizes(laid: Layout, slot: str) -> set[float]:
    runs = [p.lines[0].runs[0] for s, p in paragraphs(laid) if s == slot]
    return {round(run.size, 2) for run in runs if run.style == "body"}


def test_shrink_sets_slightly_too_long_text_smaller_and_says_the_size(write_content, capacity: int) -> None:  # type: ignore[no-untyped-def]
    """`fit: shrink`: text a little too long is set a little smaller (never below 8.5 pt), the
    warning states the size used, and the panel then fits."""
    laid, warnings = build(write_content(back(f"{words(capacity)}\n{words(40)}", policy="shrink")))
    (warning,) = [w for w in warnings if w.code == "L102"]
    size = float(re.search(r"made smaller to fit: ([0-9.]+) pt instead of 10.5 pt", warning.message).group(1))  # type: ignore[union-attr]
    assert 8.5 <= size < 10.5
    assert [pytest.approx(size, abs=0.05)] == list(body_sizes(laid, "back"))
    panel = laid.panel("back")
    assert panel.used_height <= panel.content_box.height + 0.01
    assert warning.location.line == 12 and "cut about" in warning.hint  # the panel's key


def test_shrink_never_goes_below_the_minimum_and_then_it_is_an_error(write_content, capacity: int) -> None:  # type: ignore[no-untyped-def]
    """Far too long for shrinking: L101 naming the smallest size allowed (theme `min-body-size`)."""
    error = failure(write_content(back(f"{words(capacity)}\n{words(300)}", policy="shrink")))
    assert "even with its text shrunk to 8.5 pt (the smallest allowed)" in error.message
    assert "'fit: shrink'" not in error.hint
    error = failure(
        write_content(
            back(f"{words(capacity)}\n{words(40)}", policy="shrink", theme="min-body-size: 10.2"),
            name="min.yaml",
        )
    )
    assert "even with its text shrunk to 10.2 pt" in error.message


def test_the_shrink_steps_end_exactly_at_the_minimum() -> None:
    """Sizes come down a quarter point at a time and the last one tried is the minimum itself."""
    assert shrink_sizes(10.5, 8.5) == [10.25, 10.0, 9.75, 9.5, 9.25, 9.0, 8.75, 8.5]
    assert shrink_sizes(10.0, 9.4) == [9.75, 9.5, 9.4]
    assert shrink_sizes(9.0, 9.0) == []


@pytest.fixture(scope="module")
def long_path(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """The sample leaflet with a third more text in its inside flow, generated from content.yaml."""
    path = tmp_path_factory.mktemp("long") / "content.yaml"
    path.write_text(long_variant(SAMPLE), encoding="utf-8")
    return path


def fills(laid: Layout) -> list[float]:
    return [laid.panel(slot).fill for slot in INSIDE]


@pytest.mark.slow
def test_the_long_variant_builds_full_balanced_hyphenated_and_whole(long_path: Path) -> None:
    """The longer sample fits without shrinking, its inside panels are each about 90-100 % full
    (within 10 % of each other), no line is overfull, and every word reaches the PDF whole."""
    laid, warnings = build(long_path)
    assert [w.code for w in warnings] == []
    assert min(fills(laid)) > 0.85 and max(fills(laid)) - min(fills(laid)) < 0.1, fills(laid)
    for slot, paragraph in paragraphs(laid):
        for text, width, room in line_widths(paragraph):
            assert width <= room + 0.01, (slot, text)
    pdfs, _, _ = build_pdfs(long_path)
    content, _ = load(long_path)
    document, _ = resolve(content)
    assert missing_texts(pdfs["print"], document) == []
    text = "\n".join(page.extract_text() for page in reader(pdfs["print"]).pages)
    assert text.count("\u00ad\n") >= 1 and "Preventiewerk\u00ad" not in text
    assert not re.search(r"(\u00ad\n[^\n]*){3}", text.replace("-\n", "\u00ad\n"))


@pytest.mark.slow
def test_the_inside_flow_too_long_errors_or_shrinks_and_stays_balanced(tmp_path: Path) -> None:
    """A little more inside text: an L101 naming the inside panels; with `fit: shrink` on the
    flow the text is set smaller and the three panels are still evenly filled."""
    more = [{"text": words(100)}]
    longer = tmp_path / "longer.yaml"
    longer.write_text(long_variant(SAMPLE, more=more), encoding="utf-8")
    error = failure(longer)
    assert error.message.startswith("the 'inside' panels are ")
    mm, count = numbers(error.message)
    assert 0 < mm < 40 and 10 < count < 100
    shrink = tmp_path / "shrink.yaml"
    shrink.write_text(long_variant(SAMPLE, more=more, fit="shrink"), encoding="utf-8")
    laid, warnings = build(shrink)
    assert [w.code for w in warnings] == ["L102"]
    assert "text in the 'inside' panels made smaller to fit: " in warnings[0].message
    assert min(fills(laid)) > 0.85 and max(fills(laid)) - min(fills(laid)) < 0.1, fills(laid)


def test_the_sample_inside_flow_is_balanced_evenly_when_asked(tmp_path: Path) -> None:
    """With `balance: even`, balancing leaves the three inside panels of the sample within 10 %
    of each other."""
    path = tmp_path / "even.yaml"
    path.write_text(evenly_balanced(SAMPLE), encoding="utf-8")
    sample_assets(tmp_path)
    laid, _ = build(path)
    assert max(fills(laid)) - min(fills(laid)) < 0.1, fills(laid)


@pytest.mark.parametrize("align", ["top", "centre", "bottom", "spread"])
def test_vertical_alignment_places_blocks_as_asked(write_content, align: str) -> None:  # type: ignore[no-untyped-def]
    """top: first block at the top of the text area; bottom: last block on its foot; centre:
    equal room above and below; spread: first at the top, last at the foot, equal gaps added."""
    text = MINIMAL.replace(
        "  flap:\n    - text: Flap.\n",
        f"  flap:\n    align: {align}\n    blocks:\n      - heading: Kop\n      - text: Een.\n"
        "      - callout: Twee.\n      - text: Drie.\n",
    )
    laid, _ = build(write_content(text))
    panel = laid.panel("flap")
    box, items = panel.content_box, [i for i in panel.items if i.block is not None]
    above, below = box.top - items[0].box.top, items[-1].box.y - box.y
    assert len(items) == 4 and above >= -0.01 and below >= -0.01
    if align == "top":
        assert above == pytest.approx(0, abs=0.01) and below > 100
    elif align == "bottom":
        assert below == pytest.approx(0, abs=0.01) and above > 100
    elif align == "centre":
        assert above == pytest.approx(below, abs=0.01) and above > 50
    else:
        assert above == pytest.approx(0, abs=0.01) and below == pytest.approx(0, abs=0.01)
        gaps = [a.box.y - b.box.top for a, b in itertools.pairwise(items)]
        assert min(gaps) > 50 and max(gaps) - min(gaps) < 25
