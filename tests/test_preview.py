"""`brochure preview` through `main(argv)`: side images of the right size, guides at the folds
(colour probes), the mock-up, and previews of content with errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from brochure.layout.model import Page
from brochure.proof.guides import FOLD, SAFE, TEXT_AREA, TRIM, draw_guides
from brochure.proof.mockup import HEIGHT, MARGIN
from brochure.proof.raster import Raster, Rect
from brochure.units import mm
from tests.conftest import MINIMAL, SAMPLE
from tests.test_cli import run

DPI = 60
SCALE = DPI / 72
A4 = (mm(297), mm(210))


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def share_in_column(image: Image.Image, x: float, colour: tuple[int, int, int]) -> float:
    """The share of pixels of the column at `x` (give or take a pixel) near `colour`."""
    rgb = image.convert("RGB")
    hits = 0
    for y in range(image.height):
        hits += any(near(rgb.getpixel((round(x) + dx, y)), colour) for dx in (-1, 0, 1))  # type: ignore[arg-type]
    return hits / image.height


@pytest.fixture(scope="module")
def previews(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample previewed at 60 dpi, with and without guides."""
    found = {}
    for guides in (False, True):
        folder = tmp_path_factory.mktemp("guides" if guides else "plain")
        argv = ["preview", str(SAMPLE), "--dpi", str(DPI), "--out", str(folder)]
        code, out, err = run(*argv, *(["--guides", "--verbose"] if guides else []))
        assert code == 0, err
        assert ("guides: text areas blue" in err) is guides
        for path in folder.iterdir():
            found[f"{'guides' if guides else 'plain'}:{path.name.split('-')[-1]}"] = path
        assert str(folder) in out
    return found


@pytest.mark.slow
def test_each_side_is_a_png_of_the_sheet_at_the_asked_resolution(previews: dict[str, Path]) -> None:
    """Two side images, each A4 landscape at 60 dpi (within the rounding of one pixel)."""
    for side in ("1.png", "2.png"):
        with Image.open(previews[f"plain:{side}"]) as image:
            assert image.format == "PNG"
            assert abs(image.width - A4[0] * SCALE) < 1 and abs(image.height - A4[1] * SCALE) < 1


@pytest.mark.slow
@pytest.mark.parametrize(("side", "folds_mm"), [("1.png", (97, 197)), ("2.png", (100, 200))])
def test_fold_guides_lie_on_the_folds_of_each_side(
    previews: dict[str, Path], side: str, folds_mm: tuple[int, int]
) -> None:
    """Dashed fold guides run down the sheet at the roll fold's folds, and only with --guides."""
    with Image.open(previews[f"guides:{side}"]) as guided, Image.open(previews[f"plain:{side}"]) as plain:
        for fold in folds_mm:
            assert share_in_column(guided, mm(fold) * SCALE, FOLD) > 0.5, f"no fold guide at {fold} mm"
            assert share_in_column(plain, mm(fold) * SCALE, FOLD) == 0
        between = mm((folds_mm[0] + folds_mm[1]) / 2) * SCALE
        assert share_in_column(guided, between, FOLD) == 0


@pytest.mark.slow
def test_safe_zone_and_text_area_guides_are_where_the_theme_puts_them(previews: dict[str, Path]) -> None:
    """The safe zone 5 mm from the paper's left edge; the flap's text area 9 mm from it."""
    with Image.open(previews["guides:1.png"]) as image:
        assert share_in_column(image, mm(5) * SCALE, SAFE) > 0.9
        assert share_in_column(image, mm(9) * SCALE, TEXT_AREA) > 0.8


@pytest.mark.slow
def test_mockup_shows_the_cover_and_the_spread_in_one_small_image(previews: dict[str, Path]) -> None:
    """One image: the cover (in the theme colour) on the left, the white inside spread on the right."""
    path = previews["plain:mockup.png"]
    assert path.stat().st_size < 150_000
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        assert rgb.height == HEIGHT + 2 * MARGIN + 6
        cover = rgb.getpixel((MARGIN + 40, MARGIN + HEIGHT // 2 + 150))
        assert near(cover, (0xB3, 0x12, 0x4B)), cover  # type: ignore[arg-type]
        spread = rgb.getpixel((rgb.width - MARGIN - 20, MARGIN + HEIGHT - 20))
        assert min(spread) > 225, spread  # type: ignore[arg-type]


def test_trim_guide_marks_the_trim_of_an_edition_with_bleed() -> None:
    """With bleed (media box larger than the trim box) the trim line is drawn at the trim."""
    bleed, scale = mm(3), 1.0
    width, height = A4
    image = Image.new("RGB", (round(width + 2 * bleed), round(height + 2 * bleed)), "white")
    raster = Raster(
        image,
        scale,
        Rect(0, 0, width + 2 * bleed, height + 2 * bleed),
        Rect(bleed, bleed, width + bleed, height + bleed),
    )
    draw_guides(raster, Page(1, width, height, ()), margin=mm(5))
    assert share_in_column(image, bleed, TRIM) > 0.9
    assert share_in_column(image, bleed + mm(5), SAFE) > 0.9


def test_overflowing_content_is_previewed_with_exit_1(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A panel that overflows is still previewed, so the author sees what fits; exit code 1."""
    path = write_content(MINIMAL.replace("Flap.", "Flap. " + "lang " * 600))
    code, _, err = run("preview", str(path), "--dpi", "20", "--out", str(tmp_path / "p"))
    assert code == 1
    assert "error[L101]" in err and "previewed what fits" in err
    assert len(list((tmp_path / "p").glob("*.png"))) == 3


def test_content_that_cannot_be_laid_out_writes_nothing(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A load error: exit 1, the diagnostic, and no images."""
    path = write_content(MINIMAL.replace("- text: Flap.", "- txet: Flap."))
    code, _, err = run("preview", str(path), "--out", str(tmp_path / "p"))
    assert code == 1 and "error[C104]" in err and "nothing was written" in err
    assert not (tmp_path / "p").exists()


def test_resolution_outside_its_range_is_a_usage_error() -> None:
    """--dpi takes 10 to 600."""
    assert run("preview", "--dpi", "5")[0] == 2
