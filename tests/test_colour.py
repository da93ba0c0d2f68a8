"""Colours: notations, RGB to CMYK, and the CMYK press edition read back from the PDF."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pikepdf
import pytest
from pypdf.generic import ContentStream

from brochure.pipeline import build_pdfs
from brochure.resolve.colour import cmyk_to_rgb, parse_colour, rgb_to_cmyk
from brochure.resolve.theme import WHITE, Colour
from tests.conftest import MINIMAL
from tests.pdfread import reader

COLOUR_OPERATORS = {b"rg", b"RG", b"k", b"K", b"g", b"G", b"sc", b"scn", b"SC", b"SCN", b"cs", b"CS"}


@pytest.mark.parametrize(
    ("text", "rgb", "cmyk"),
    [
        ("#B3124B", (179, 18, 75), None),
        ("#fee", (255, 238, 238), None),
        ("rgb(179, 18, 75)", (179, 18, 75), None),
        (" RGB(0,0,255) ", (0, 0, 255), None),
        ("cmyk(0, 100, 100, 0)", (255, 0, 0), (0, 1, 1, 0)),
        ("cmyk(0%, 50%, 0%, 50%)", (128, 64, 128), (0, 0.5, 0, 0.5)),
    ],
)
def test_colour_notations(text: str, rgb: tuple[int, ...], cmyk: tuple[float, ...] | None) -> None:
    """Hex, rgb() and cmyk() give the RGB a screen shows; cmyk() keeps its inks."""
    parsed = parse_colour(text)
    assert parsed is not None
    assert tuple(round(c * 255) for c in parsed[0]) == pytest.approx(rgb, abs=1)
    assert parsed[1] == (pytest.approx(cmyk) if cmyk else None)


@pytest.mark.parametrize(
    "text", ["#12345", "rgb(1, 2)", "rgb(0, 0, 256)", "cmyk(0, 0, 0)", "cmyk(0,0,0,101)", "red"]
)
def test_malformed_colours_are_refused(text: str) -> None:
    """Anything else is not a colour (the loader reports C111)."""
    assert parse_colour(text) is None


def test_rgb_to_cmyk_round_trips_and_makes_greys_pure_black() -> None:
    """Device conversion is lossless back to RGB; neutral greys use black ink only."""
    for rgb in itertools.product((0.0, 0.2, 0.55, 1.0), repeat=3):
        assert cmyk_to_rgb(rgb_to_cmyk(rgb)) == pytest.approx(rgb)
    assert rgb_to_cmyk((0.4, 0.4, 0.4)) == pytest.approx((0, 0, 0, 0.6))
    assert rgb_to_cmyk((0, 0, 0)) == (0, 0, 0, 1)


def test_given_cmyk_is_kept_and_tints_are_screens_of_its_inks() -> None:
    """A cmyk() colour keeps its inks; a 10 % tint of it is 10 % of each ink."""
    colour = Colour.parse("cmyk(0, 90, 45, 20)")
    assert colour.cmyk == pytest.approx((0, 0.9, 0.45, 0.2))
    assert WHITE.mix(colour, 0.1).cmyk == pytest.approx((0, 0.09, 0.045, 0.02))
    assert Colour.parse("#1A1A1A").print_black().cmyk == (0, 0, 0, 1)
    assert Colour.parse("#1A1A5A").print_black().given_cmyk is None


def operations(data: bytes) -> list[tuple[bytes, list[float]]]:
    """Every colour operator of every page, with its operands."""
    pdf = reader(data)
    found = []
    for page in pdf.pages:
        for operands, operator in ContentStream(page.get_contents(), pdf).operations:
            if operator in COLOUR_OPERATORS:
                found.append((operator, [float(v) for v in operands if not hasattr(v, "startswith")]))
    return found


@pytest.fixture(scope="module")
def cmyk_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A leaflet with a cmyk() theme colour, built press (CMYK) and print."""
    folder: Path = tmp_path_factory.mktemp("cmyk")
    path = folder / "content.yaml"
    text = MINIMAL.replace("panels:", 'theme:\n  colour: "cmyk(0, 90, 45, 20)"\n  cmyk: true\npanels:')
    path.write_text(text, encoding="utf-8")
    return build_pdfs(path, ("press", "print"))[0]


def test_press_edition_is_all_device_cmyk(cmyk_builds: dict[str, bytes]) -> None:
    """No RGB or grey operator in the CMYK press edition (the marks' registration colour is the
    one Separation, /All); the office edition stays RGB."""
    press = {op for op, _ in operations(cmyk_builds["press"])}
    assert press <= {b"k", b"K", b"CS", b"SCN"} and b"k" in press
    pages = pikepdf.open(io.BytesIO(cmyk_builds["press"])).pages
    spaces = {str(name) for page in pages for name in page.Resources.ColorSpace}
    assert spaces == {"/All", "/DefaultRGB"}
    office = {op for op, _ in operations(cmyk_builds["print"])}
    assert b"rg" in office and not office & {b"k", b"K"}


def test_body_text_is_pure_black_ink_and_the_theme_colour_keeps_its_inks(
    cmyk_builds: dict[str, bytes],
) -> None:
    """Body text is 0 0 0 1 k (not a rich black); the cover field is the cmyk() given."""
    fills = [tuple(values) for op, values in operations(cmyk_builds["press"]) if op == b"k"]
    assert (0, 0, 0, 1) in fills
    assert pytest.approx((0, 0.9, 0.45, 0.2)) in fills
    rich_blacks = {f for f in fills if min(f[:3]) > 0.2 and f[3] > 0.5}
    assert rich_blacks <= {(1, 1, 1, 1)}, "only the crop marks use every ink (registration)"


def test_cmyk_flag_and_theme_setting_agree(write_content) -> None:  # type: ignore[no-untyped-def]
    """`cmyk=True` (the --cmyk option) turns the press edition CMYK like `theme.cmyk: true`."""
    path = write_content()
    plain = build_pdfs(path, ("press",))[0]["press"]
    flagged = build_pdfs(path, ("press",), cmyk=True)[0]["press"]
    assert b"rg" in {op for op, _ in operations(plain)}
    assert {op for op, _ in operations(flagged)} <= {b"k", b"K", b"CS", b"SCN"}
