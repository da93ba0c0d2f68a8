"""The line model's own pieces on the sample's fonts: text prepared for breaking (white space,
forced breaks, widths), total-fit lines that never run past their column, a link over two faces
that stays one link area; and a picture record."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace
from pathlib import Path

import pikepdf
from PIL import Image as PILImage
from reportlab.pdfgen.canvas import Canvas

from brochure.layout.breaking import break_lines
from brochure.layout.model import Layout, Picture
from brochure.layout.setting import LINE_BREAK, Chunk, Face, char_width, prepare
from brochure.layout.styles import make_styles
from brochure.layout.textblock import TextBlock
from brochure.render.records import paint
from brochure.resolve.hyphenation import Hyphenator
from brochure.resolve.images import ImageAsset
from brochure.units import Box

WORDS = "Goede afspraken van tevoren maken hierover is belangrijk voor iedereen die meedoet. " * 3


def test_white_space_is_joined_and_a_forced_break_keeps_no_space_before_it(sample_layout: Layout) -> None:
    """Runs of white space become one space, none at either end nor before a forced break; each
    character's advance is its font's width at its size."""
    fonts = sample_layout.document.fonts
    plain = Face(fonts.regular, 10.0, sample_layout.document.theme.palette.ink)
    bold = replace(plain, font=fonts.face(bold=True, italic=False))
    prepared = prepare(
        [Chunk("  Een \n  twee  " + LINE_BREAK, plain), Chunk("  drie  ", bold)], Hyphenator(automatic=False)
    )
    assert prepared.text == f"Een twee{LINE_BREAK}drie"
    assert len(prepared.advance) == len(prepared.text) + 1
    assert prepared.width(0, 3) == sum(char_width(plain.font, c) * 10.0 for c in "Een")
    assert prepared.face_at(0) == plain and prepared.face_at(len(prepared.text) - 1) == bold
    assert prepared.face_at(len(prepared.text) + 5) == bold  # past the end: the last face
    assert [b.kind for b in prepared.breaks if b.kind in ("forced", "final")] == ["forced", "final"]


def test_total_fit_lines_cover_the_text_and_stay_inside_the_column(sample_layout: Layout) -> None:
    """Broken at 120 pt, with Dutch hyphenation: every line fits, no text is lost or repeated, and
    no two hyphenated line ends follow a third."""
    document = sample_layout.document
    face = Face(document.fonts.regular, 10.0, document.theme.palette.ink)
    prepared = prepare([Chunk(WORDS, face)], document.hyphenator)
    lines = break_lines(prepared, 120.0)
    assert len(lines) > 5 and all(line.width <= 120.0 + 0.01 and not line.overfull for line in lines)
    assert lines[0].start == 0 and lines[-1].end.pos == len(prepared.text)
    for before, after in itertools.pairwise(lines):
        assert after.start == before.end.resume
    flags = [line.end.flagged for line in lines]
    assert not any(all(flags[n : n + 3]) for n in range(len(flags) - 2))


def test_a_link_over_two_faces_is_one_link_area(sample_layout: Layout) -> None:
    """'de **gids**' as one link: a regular and a bold run, one LinkArea over both."""
    document = sample_layout.document
    styles = make_styles(
        document.theme, document.fonts, document.language, 1.0, hyphenator=document.hyphenator
    )
    body = styles.body
    url = "https://example.org/gids"
    plain = Face(body.face(), body.size, body.colour)
    link = Face(body.face(), body.size, body.link_colour, url)
    bold = replace(link, font=body.face(bold=True))
    prepared = prepare([Chunk("Lees ", plain), Chunk("de ", link), Chunk("gids", bold)], body.hyphenator)
    (part,) = TextBlock(prepared, body).place(0.0, 100.0, 200.0, "P")
    (area,) = part.links
    runs = [run for line in part.lines for run in line.runs if run.link]
    assert area.url == url and len(runs) == 2
    assert area.box.x == runs[0].x and abs(area.box.right - (runs[1].x + runs[1].width)) < 0.01


def test_a_picture_record_paints_on_a_plain_reportlab_canvas(tmp_path: Path) -> None:
    """Render paints a Picture at its box also on a canvas that is not an edition's (the pixels
    as they are): the PDF holds one image XObject of the asset's pixel size, drawn at the box."""
    asset = ImageAsset(tmp_path / "red.png", PILImage.new("RGB", (40, 20), (200, 30, 60)), 40, 20)
    box = Box(10.0, 20.0, 80.0, 40.0)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 200), invariant=1)
    paint(canvas, Picture(box, "red.png", asset))
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert (int(image.Width), int(image.Height)) == (40, 20)
    assert b"80 0 0 40 0 0 cm" in pdf.pages[0].Contents.read_bytes()


def test_display_text_is_balanced_in_the_narrowest_measure_that_takes_as_many_lines(
    sample_layout: Layout,
) -> None:
    """A slogan that a full first line would leave with a short second one is set in two even
    lines; no measure a point narrower holds it in as many; body text is not balanced."""
    from brochure.layout.text import prepared_text

    document = sample_layout.document
    styles = make_styles(
        document.theme, document.fonts, document.language, 1.0, hyphenator=document.hyphenator
    )
    slogan, width = styles.slogan, 240.0
    block = TextBlock(prepared_text("Denk na, voordat je iets verstuurt!", slogan), slogan)
    lines = block.lines(width)
    texts = [block.prepared.text[line.start : line.end.pos] for line in lines]
    plain = TextBlock(block.prepared, replace(slogan, balanced=False)).lines(width)
    assert len(plain) == len(lines) == 2 and plain[0].width > lines[0].width
    assert texts == ["Denk na, voordat", "je iets verstuurt!"]
    narrower = max(line.width for line in lines) - 1.0
    assert len(TextBlock(block.prepared, replace(slogan, balanced=False)).lines(narrower)) > 2
    assert not styles.body.balanced and slogan.balanced and styles.title.balanced and styles.heading.balanced
