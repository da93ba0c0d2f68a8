"""SVG images: read into vector art (shapes, transforms, arcs, clips, theme colours), painted as
paths in every edition, and refused with the file's line where they cannot be drawn safely."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pikepdf
import pytest

from brochure.diagnostics import BuildError
from brochure.layout.model import Drawing, Layout
from brochure.load.model import Illustration, Image
from brochure.pipeline import build_pdfs
from brochure.resolve.svg import VectorArt, read_svg
from brochure.resolve.svgpath import parse_path
from brochure.resolve.svgtree import SvgError
from tests.conftest import MINIMAL, ROOT

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">{}</svg>'


def art(body: str, frame: str = SVG) -> VectorArt:
    return read_svg(frame.format(body).encode())


def bounds(drawing: VectorArt) -> tuple[float, float, float, float]:
    points = [
        (values[i], values[i + 1])
        for shape in drawing.shapes
        for _, values in shape.path
        for i in range(0, len(values), 2)
    ]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def refused(body: str, frame: str = SVG) -> SvgError:
    with pytest.raises(SvgError) as raised:
        art(body, frame)
    return raised.value


def test_shapes_become_paths_in_the_view_box_units() -> None:
    drawing = art(
        '<rect x="10" y="5" width="20" height="10" rx="2"/><circle cx="50" cy="25" r="10"/>'
        '<ellipse cx="80" cy="25" rx="5" ry="8"/><line x1="0" y1="0" x2="10" y2="10" stroke="red"/>'
        '<polygon points="1,1 9,1 5,9"/><polyline points="0,40 5,45 10,40" fill="none" stroke="#00f"/>'
    )
    assert (drawing.width, drawing.height, drawing.aspect) == (100, 50, 0.5)
    assert len(drawing.shapes) == 6
    assert bounds(art('<circle cx="50" cy="25" r="10"/>')) == pytest.approx((40, 15, 60, 35))
    line = drawing.shapes[3]
    assert line.stroke is not None and line.stroke.colour.astuple() == (1, 0, 0)


def test_an_arc_path_draws_the_circle_a_circle_element_draws() -> None:
    arcs = art('<path d="M40 25 A10 10 0 1 0 60 25 A10 10 0 1 0 40 25 Z"/>')
    assert bounds(arcs) == pytest.approx((40, 15, 60, 35), abs=0.05)


def test_relative_commands_smooth_curves_and_quadratics_are_absolute_cubics() -> None:
    segments = parse_path("m10 10 h10 v10 l-10 0 z M0 0 q5 10 10 0 t10 0 c1 1 2 2 3 3 s4 4 5 5", limit=100)
    assert [op for op, _ in segments] == ["M", "L", "L", "L", "Z", "M", "C", "C", "C", "C"]
    assert segments[3] == ("L", (10.0, 20.0))
    assert segments[7][1][-2:] == (20.0, 0.0)  # t continues from the end of q
    assert segments[9][1][:2] == (24.0, 4.0)  # s mirrors the previous control point (22, 2 + 1)


def test_transforms_nest_and_stroke_widths_scale_with_them() -> None:
    drawing = art(
        '<g transform="translate(10 5) scale(2)"><rect width="10" height="5" stroke="black" '
        'stroke-width="1.5"/></g><rect transform="rotate(90 50 25)" x="40" y="20" width="20" height="10"/>'
    )
    assert bounds(VectorArt(1, 1, drawing.shapes[:1])) == pytest.approx((10, 5, 30, 15))
    assert drawing.shapes[0].stroke_width == pytest.approx(3.0)
    assert bounds(VectorArt(1, 1, drawing.shapes[1:])) == pytest.approx((45, 15, 55, 35))


def test_styles_inherit_and_theme_roles_keep_their_fallback_colour() -> None:
    drawing = art(
        '<g style="fill: var(--brochure-strong, #B3124B); opacity: 0.5">'
        '<path d="M0 0 H10 V10 Z" fill-rule="evenodd" fill-opacity="50%"/></g>'
        '<clipPath id="c"><rect width="5" height="5"/></clipPath>'
        '<rect width="9" height="9" clip-path="url(#c)"/>'
    )
    shape, clipped = drawing.shapes
    assert shape.fill is not None and shape.fill.role == "strong"
    assert shape.fill.colour.astuple() == pytest.approx((0xB3 / 255, 0x12 / 255, 0x4B / 255))
    assert shape.even_odd and shape.opacity == pytest.approx(0.25)
    assert len(clipped.clip) == 1 and clipped.fill is not None and clipped.fill.role == ""


@pytest.mark.parametrize(
    ("body", "says", "line"),
    [
        ('\n<text x="1" y="1">Hallo</text>', "convert text to outlines", 2),
        ('<image href="file:///etc/passwd" width="1" height="1"/>', "pictures are not followed", 1),
        ('<use href="#a"/>', "<use> cannot be drawn", 1),
        ("<script>alert(1)</script>", "scripts are not read", 1),
        ("<style>rect {fill: red}</style>", "style sheets", 1),
        (
            '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/>',
            "solid colours",
            1,
        ),
        ('<rect fill="url(http://example.org/x)" width="1" height="1"/>', "solid colours", 1),
        ('<rect fill="nonsense" width="1" height="1"/>', "colour 'nonsense'", 1),
        (
            '<rect style="fill: var(--brochure-purple, #000)" width="1" height="1"/>',
            "unknown theme colour",
            1,
        ),
        ('<rect clip-path="url(#nowhere)" width="1" height="1"/>', "names no clipPath", 1),
        ('<path d="M0 0 L10"/>', "too few numbers", 1),
        ('<path d="M0 0 X 5"/>', "cannot read", 1),
        ('<rect transform="wobble(3)" width="1" height="1"/>', "wobble", 1),
        ('<rect mask="url(#m)" width="1" height="1"/>', "'mask'", 1),
        ("<g>\n<rect>\n</g>", "not well-formed XML", 3),
    ],
)
def test_what_cannot_be_drawn_is_refused_with_its_line(body: str, says: str, line: int) -> None:
    error = refused(body)
    assert says in str(error)
    assert error.line == line


def test_entities_and_document_types_are_refused_before_any_expansion() -> None:
    """A "billion laughs" file is refused at its declaration, at once."""
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>&i;</title></svg>'
    )
    started = time.perf_counter()
    with pytest.raises(SvgError, match="document type declaration"):
        read_svg(bomb.encode())
    assert time.perf_counter() - started < 0.5


def test_too_many_elements_too_deep_and_no_svg_are_refused() -> None:
    assert "more than" in str(refused("<g/>" * 20_001))
    assert "nested more than" in str(refused("<g>" * 70 + "</g>" * 70))
    with pytest.raises(SvgError, match="not an SVG image"):
        read_svg(b"<html><body/></html>")
    with pytest.raises(SvgError, match="neither a viewBox"):
        read_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')


def test_metadata_of_drawing_programs_is_left_out() -> None:
    drawing = art(
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/>'
        '<title>Logo</title><rect width="1" height="1"/>'
    )
    assert drawing.title == "Logo" and len(drawing.shapes) == 1


def _leaflet(tmp_path: Path, svg: str, name: str = "logo.svg") -> Path:
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / name).write_text(svg, encoding="utf-8")
    block = f"    - image: {{file: assets/{name}, alt: Het logo van de school}}\n"
    content = tmp_path / "content.yaml"
    content.write_text(
        MINIMAL.replace("    - text: Flap.\n", "    - text: Flap.\n" + block), encoding="utf-8"
    )
    return content


def test_an_svg_logo_is_painted_as_vector_paths_in_every_edition(tmp_path: Path) -> None:
    content = _leaflet(tmp_path, SVG.format('<rect x="10" y="10" width="80" height="30" fill="#12AB34"/>'))
    pdfs, _, _ = build_pdfs(content, ("print", "press", "phone"))
    for edition, pdf in pdfs.items():
        with pikepdf.open(io.BytesIO(pdf)) as document:
            images = [
                x
                for page in document.pages
                for x in page.Resources.get("/XObject", {}).values()
                if x.get("/Subtype") == "/Image"
            ]
            painted = b"".join(page.Contents.read_bytes() for page in document.pages)
        assert images == [], edition
        assert b".070588 .670588 .203922 rg" in painted, edition  # the logo's green, as a fill


def test_an_svg_that_cannot_be_drawn_is_an_error_at_the_image_block(tmp_path: Path) -> None:
    content = _leaflet(tmp_path, SVG.format('\n\n<text x="0" y="9">Logo</text>'))
    with pytest.raises(BuildError) as raised:
        build_pdfs(content, ("print",))
    (problem,) = raised.value.diagnostics
    assert problem.code == "A020" and (problem.location.line, problem.location.column) == (9, 7)
    assert problem.message.startswith("SVG image logo.svg, line 3: <text> cannot be drawn")


def test_an_svg_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    content = _leaflet(tmp_path, SVG.format("<!--" + "x" * 2_100_000 + "-->"))
    with pytest.raises(BuildError) as raised:
        build_pdfs(content, ("print",))
    assert [d.code for d in raised.value.diagnostics] == ["A021"]


def test_the_sample_draws_its_illustrations_from_its_assets_folder(sample_layout: Layout) -> None:
    """Its pictures are image blocks naming the SVG files in `assets/`, laid out as drawings of
    those files' vector art (no built-in illustration)."""
    blocks = [item.block for item in sample_layout.items_in_reading_order()]
    assert not any(isinstance(block, Illustration) for block in blocks)
    files = [block.file for block in blocks if isinstance(block, Image)]
    assert files == ["assets/phone.svg", "assets/shield.svg", "assets/chat.svg"]
    drawings = [
        paint
        for item in sample_layout.items_in_reading_order()
        for part in item.parts
        for paint in part.paints
        if isinstance(paint, Drawing)
    ]
    assert [d.name for d in drawings] == files
    for drawing in drawings:
        assert drawing.art == read_svg((ROOT / drawing.name).read_bytes()) and drawing.art.shapes
