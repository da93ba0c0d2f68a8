"""The press edition: page boxes, bleed, crop and fold marks and the slug line, read back."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from brochure.editions import EDITIONS, for_press
from brochure.layout.model import Layout, Page
from brochure.pipeline import build_pdfs
from brochure.render.boxes import MARK_MARGIN, page_frame
from brochure.render.marks import draw_press_marks
from brochure.resolve.fold import FOLD_KINDS, PAPERS, make_fold
from brochure.units import mm
from tests.pdfread import fragments, reader

SCALE = 2.0  # pixels per point when rasterising
TRIM = (mm(297), mm(210))


@pytest.fixture(scope="session")
def press_pdf(sample_build) -> bytes:  # type: ignore[no-untyped-def]
    return sample_build[0]["press"]


def rect(box: object) -> tuple[float, ...]:
    return tuple(float(v) for v in box)  # type: ignore[attr-defined]


def raster(data: bytes, page: int = 0) -> Image.Image:
    document = pdfium.PdfDocument(data)
    return document[page].render(scale=SCALE).to_pil().convert("RGB")


def px(value: float) -> int:
    return round(value * SCALE)


def test_every_page_has_media_bleed_and_trim_boxes(press_pdf: bytes) -> None:
    """TrimBox is the A4 sheet, BleedBox 3 mm larger on every side, MediaBox larger still
    (room for marks); the boxes nest and share one centre."""
    pages = reader(press_pdf).pages
    assert len(pages) == 2
    for page in pages:
        media, bleed, trim = rect(page.mediabox), rect(page.bleedbox), rect(page.trimbox)
        assert trim[2] - trim[0] == pytest.approx(TRIM[0], abs=0.01)
        assert trim[3] - trim[1] == pytest.approx(TRIM[1], abs=0.01)
        for inner, outer, gap in ((trim, bleed, mm(3)), (bleed, media, MARK_MARGIN)):
            assert inner[0] - outer[0] == pytest.approx(gap, abs=0.01)
            assert inner[1] - outer[1] == pytest.approx(gap, abs=0.01)
            assert outer[2] - inner[2] == pytest.approx(gap, abs=0.01)
            assert outer[3] - inner[3] == pytest.approx(gap, abs=0.01)


def test_office_edition_boxes_are_the_sheet(print_pdf: bytes) -> None:
    """The copier edition has no bleed: its trim and bleed boxes are the A4 sheet itself."""
    for page in reader(print_pdf).pages:
        assert rect(page.trimbox) == pytest.approx(rect(page.mediabox), abs=0.01)
        assert rect(page.bleedbox) == pytest.approx(rect(page.mediabox), abs=0.01)


def test_cover_field_runs_into_the_bleed_and_stops_at_the_fold(
    press_pdf: bytes, sample_layout: Layout
) -> None:
    """Rasterised, the bleed beside the cover is the theme colour; beyond the bleed it is
    white paper; on the other side of the fold the bleed is not the cover's colour (the back
    panel's own tint field runs into the bleed there)."""
    image = raster(press_pdf, 0)
    offset = mm(3) + MARK_MARGIN
    cover = sample_layout.panel("cover").geometry
    primary = tuple(round(c * 255) for c in sample_layout.document.theme.palette.primary.astuple())
    height = image.height

    def colour(x: float, y: float) -> tuple[int, ...]:
        """The pixel at trim coordinates (points; y up)."""
        return image.getpixel((px(offset + x), height - px(offset + y)))  # type: ignore[return-value]

    middle_x = cover.x + cover.width / 2
    for x, y in ((middle_x, -mm(1.5)), (middle_x, TRIM[1] + mm(1.5)), (TRIM[0] + mm(1.5), TRIM[1] / 2)):
        assert colour(x, y) == pytest.approx(primary, abs=3), (x, y)
    for x, y in ((middle_x, -mm(4.5)), (TRIM[0] + mm(4.5), TRIM[1] / 2)):
        assert min(colour(x, y)) >= 250, (x, y)
    beside = colour(cover.x - mm(1.5), -mm(1.5))
    assert max(abs(a - b) for a, b in zip(beside, primary, strict=True)) > 40
    tint = tuple(round(c * 255) for c in sample_layout.document.theme.palette.tint.astuple())
    assert beside == pytest.approx(tint, abs=3)


def marks_only(page: Page, *, bleed: float = mm(3)) -> Image.Image:
    """A page with nothing but the marks of its frame, rasterised."""
    edition = for_press(EDITIONS["press"], bleed_mm=bleed / mm(1))
    frame = page_frame(page.width, page.height, edition)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=frame.media)
    canvas.translate(frame.offset, frame.offset)
    draw_press_marks(canvas, page, frame, slug="slug line", font="Helvetica")
    canvas.showPage()
    canvas.save()
    return raster(buffer.getvalue())


@pytest.mark.parametrize("bleed", [mm(3), 0.0], ids=["bleed-3mm", "no-bleed"])
def test_marks_lie_outside_the_trim_and_the_bleed(sample_layout: Layout, bleed: float) -> None:
    """No ink of any mark within the bleed box; crop marks at all four corners and a fold
    mark at every fold, top and bottom."""
    page = sample_layout.pages[0]
    image = marks_only(page, bleed=bleed).convert("L")
    offset = bleed + MARK_MARGIN
    height = image.height

    def box(x0: float, y0: float, x1: float, y1: float) -> Image.Image:
        """A region in trim coordinates (points; y up)."""
        return image.crop(
            (px(offset + x0), height - px(offset + y1), px(offset + x1), height - px(offset + y0))
        )

    keep_clear = bleed + mm(1) - 1  # marks start 1 mm beyond the bleed
    inside = box(-keep_clear, -keep_clear, page.width + keep_clear, page.height + keep_clear)
    assert inside.getextrema()[0] >= 250, "a mark reaches into the bleed or the trim"
    far = MARK_MARGIN + bleed
    for x in (0.0, page.width):
        for y in (0.0, page.height):
            corner = box(
                x - far if x == 0 else x,
                y - far if y == 0 else y,
                x if x == 0 else x + far,
                y if y == 0 else y + far,
            )
            assert corner.getextrema()[0] < 200, f"no crop mark at {(x, y)}"
    for x in page.fold_lines:
        top = box(x - 2, page.height, x + 2, page.height + far)
        bottom = box(x - 2, -far, x + 2, 0)
        assert top.getextrema()[0] < 200 and bottom.getextrema()[0] < 200, f"no fold mark at {x}"


def test_slug_line_names_title_version_side_and_date_outside_the_trim(press_pdf: bytes) -> None:
    """Each side carries a slug line below the trim: title, version, side and date."""
    trims = [rect(page.trimbox) for page in reader(press_pdf).pages]
    slugs = [f for f in fragments(press_pdf) if "side " in f.text and " of 2" in f.text]
    assert [f.page for f in slugs] == [0, 1]
    for slug in slugs:
        assert slug.y < trims[slug.page][1] - mm(3)
        assert "Sexting" in slug.text and "version 1.0" in slug.text and "2026-11-25" in slug.text
    assert "(outside)" in slugs[0].text and "(inside)" in slugs[1].text


def test_press_text_is_the_print_text_shifted_by_the_offset(press_pdf: bytes, print_pdf: bytes) -> None:
    """One layout feeds both editions: every text of the print edition is in the press edition
    at the same place on the trimmed page."""
    offset = mm(3) + MARK_MARGIN
    press = {(f.page, round(f.x - offset, 1), round(f.y - offset, 1), f.text) for f in fragments(press_pdf)}
    office = {(f.page, round(f.x, 1), round(f.y, 1), f.text) for f in fragments(print_pdf)}
    assert office <= press


def every_slot(kind: str, paper: str) -> str:
    """Content with a block in every slot of a fold (the cover shows its illustration)."""
    lines = [
        "meta: {title: Vouw, language: nl, version: '2', date: 2026-05-01}",
        f"fold: {{kind: {kind}, paper: {paper}}}",
    ]
    lines.append("panels:")
    for slot in make_fold(kind, paper).slots:
        block = "illustration: phone" if slot == "cover" else f"text: Paneel {slot}."
        lines += [f"  {slot}:", f"    - {block}"]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "paper"), [(k, p) for k in sorted(FOLD_KINDS) for p in sorted(PAPERS)])
def test_press_pdf_of_every_fold_has_boxes_bleed_and_fold_marks(write_content, kind: str, paper: str) -> None:  # type: ignore[no-untyped-def]
    """For each fold and paper: the TrimBox is the sheet, the cover's colour runs into the bleed
    on its paper edges, each panel's text is in its panel, and each fold has its marks."""
    fold = make_fold(kind, paper)
    data = build_pdfs(write_content(every_slot(kind, paper)), ("press",))[0]["press"]
    pages = reader(data).pages
    offset = mm(3) + MARK_MARGIN
    cover = fold.panel("cover")
    for number, page in enumerate(pages, start=1):
        trim = rect(page.trimbox)
        assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx(
            (fold.paper.width, fold.paper.height), abs=0.01
        )
        image = raster(data, number - 1).convert("L")
        height = image.height

        def grey(x: float, y: float, image: Image.Image = image, height: int = height) -> int:
            return image.getpixel((px(offset + x), height - px(offset + y)))  # type: ignore[return-value]

        for x in fold.fold_lines(number):
            top = fold.paper.height + mm(3)
            column = (
                px(offset + x) - 2,
                height - px(offset + top + mm(5)),
                px(offset + x) + 2,
                height - px(offset + top),
            )
            beyond = image.crop(column).getextrema()
            assert beyond[0] < 200, f"no fold mark at {x / mm(1):.1f} mm on side {number}"
        if number == cover.side:
            middle = cover.x + cover.width / 2
            assert grey(middle, -mm(1.5)) < 200 and grey(middle, fold.paper.height + mm(1.5)) < 200
            edge_x = -mm(1.5) if cover.x == 0 else fold.paper.width + mm(1.5)
            assert grey(edge_x, fold.paper.height / 2) < 200, "the cover does not bleed at the paper edge"
    frags = fragments(data)
    for panel in fold.panels:
        if panel.slot != "cover":
            (found,) = [f for f in frags if f.text.strip() == f"Paneel {panel.slot}."]
            assert found.page == panel.side - 1
            assert panel.x < found.x - offset < panel.right
