"""Visual regression: every page of every corpus leaflet and the sample against its reference PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests import corpus, visual

UPDATE = "python -m tests.visual --update"


@pytest.mark.slow
@pytest.mark.parametrize("name", [leaflet.name for leaflet in corpus.WITH_SAMPLE])
def test_every_page_looks_as_its_reference(name: str) -> None:
    """No page of the print or phone edition changed more than AREA_TOLERANCE of its pixels,
    and no page appeared or vanished."""
    changes = visual.compare((name,))
    assert not changes, (
        "pages differ from tests/reference/:\n"
        + "\n".join(f"  {change}" for change in changes)
        + f"\nold | new | difference pictures are in {visual.DIFFS}/; if the change is deliberate, "
        f"write the references anew with: {UPDATE} {name}"
    )


def test_a_moved_word_is_a_change_and_antialiasing_noise_is_not() -> None:
    """A dark block the size of a short word changes more than the tolerance; a one-level grey
    shift over the whole page, or a few stray pixels, does not."""
    page = Image.new("L", (300, 200), 255)
    ImageDraw.Draw(page).rectangle((20, 20, 120, 30), fill=0)  # a line of text
    moved = page.copy()
    ImageDraw.Draw(moved).rectangle((20, 40, 45, 48), fill=0)  # a word more
    assert visual.changed_area(page, moved) > visual.AREA_TOLERANCE
    noisy = page.point(lambda v: max(0, v - visual.PIXEL_TOLERANCE))
    for x in range(0, 300, 50):
        noisy.putpixel((x, 199), 0)
    assert visual.changed_area(page, noisy) <= visual.AREA_TOLERANCE
    assert visual.changed_area(page, page.resize((300, 201))) == 1.0


@pytest.mark.slow
def test_update_writes_references_that_compare_equal_and_a_change_gets_its_picture(tmp_path: Path) -> None:
    """`update` writes small palette PNGs that `compare` then finds unchanged; a reference made
    different is reported with an old | new | difference picture three pages wide, and one
    without a page is reported as vanished; `update` again rewrites only those."""
    references, diffs = tmp_path / "reference", tmp_path / "diff"
    written = visual.update(("nl-schoolreis",), references=references)
    assert sorted(p.name for p in written) == [
        "phone-1.png",
        "phone-2.png",
        "phone-3.png",
        "print-1.png",
        "print-2.png",
    ]
    for path in written:
        with Image.open(path) as image:
            assert image.mode == "P" and path.stat().st_size < 12_000
    assert visual.compare(("nl-schoolreis",), references=references, diffs=diffs) == []

    changed = references / "nl-schoolreis" / "print-2.png"
    image = visual.read_png(changed)
    ImageDraw.Draw(image).rectangle((40, 40, 120, 60), fill=0)
    image.save(changed)
    extra = references / "nl-schoolreis" / "phone-9.png"
    image.save(extra)
    changes = visual.compare(("nl-schoolreis",), references=references, diffs=diffs)
    assert [(c.edition, c.number) for c in changes] == [("print", 2), ("phone", 9)]
    with Image.open(changes[0].diff) as picture:  # type: ignore[arg-type]
        assert picture.width > 3 * image.width and picture.height == image.height
    assert str(changes[0].diff) in str(changes[0])
    again = visual.update(("nl-schoolreis",), references=references)
    assert sorted(again) == sorted([changed, extra]) and not extra.exists()


@pytest.mark.slow
def test_the_command_line_compares_and_updates(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`python -m tests.visual` exits 1 and names what changed; `--update` writes and exits 0."""
    folders = ["--references", str(tmp_path / "reference"), "--diffs", str(tmp_path / "diff")]
    assert visual.main([*folders, "tr-sexting"]) == 1
    assert "tr-sexting print page 1: 100.00% changed" in capsys.readouterr().out
    assert visual.main(["--update", *folders, "tr-sexting"]) == 0
    assert "5 reference images changed" in capsys.readouterr().out
    assert visual.main([*folders, "tr-sexting"]) == 0
