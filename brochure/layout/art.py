"""Vector art painted in theme colours: the built-in illustrations and SVG images."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from brochure.layout.paint import rl
from brochure.resolve.svg import Paint, VectorArt
from brochure.resolve.svgpath import Segment
from brochure.resolve.theme import WHITE, Colour, Palette

BLACK = Colour(0, 0, 0)
#: ReportLab's fill modes (`reportlab.pdfgen.canvas.FILL_*`, not in its type stubs).
FILL_EVEN_ODD, FILL_NON_ZERO = 0, 1


@dataclass(frozen=True)
class Scheme:
    """Colour roles of a drawing, resolved from the palette and the background it sits on."""

    field: Colour  # the background under the illustration
    backdrop: Colour  # the quiet disc behind the subject
    body: Colour  # device frames
    screen: Colour  # light surfaces inside a frame
    strong: Colour  # the main accent shape
    on_strong: Colour  # marks drawn on the main accent
    soft: Colour  # the second accent shape
    on_soft: Colour  # marks drawn on the second accent
    shade: Colour  # the shaded half of the main accent
    muted: Colour  # placeholder lines on a screen
    sky: Colour  # the photo on the phone: sky, far hill and sun, near hill
    far: Colour
    near: Colour


def scheme_for(palette: Palette, *, on_primary: bool) -> Scheme:
    """The colour roles for art on a field of the primary colour or on plain paper."""
    primary, tint, paper = palette.primary, palette.tint, palette.paper
    shared = {"muted": tint.mix(primary, 0.2), "sky": tint, "far": primary.mix(WHITE, 0.45), "near": primary}
    if on_primary:  # white and tint on the field, darker shades of the primary for depth
        return Scheme(
            field=primary,
            backdrop=primary.mix(BLACK, 0.14),
            body=primary.mix(BLACK, 0.55),
            screen=WHITE,
            strong=WHITE,
            on_strong=primary,
            soft=tint,
            on_soft=primary.mix(BLACK, 0.3),
            shade=tint,
            **shared,
        )
    return Scheme(
        field=paper,
        backdrop=tint,
        body=palette.ink,
        screen=paper,
        strong=primary,
        on_strong=paper,
        soft=palette.ink,
        on_soft=paper,
        shade=primary.mix(BLACK, 0.25),
        **shared,
    )


def roles(scheme: Scheme) -> dict[str, Colour]:
    """The scheme's colours by the role names SVG files use (`on_strong` as `on-strong`)."""
    return {f.name.replace("_", "-"): getattr(scheme, f.name) for f in fields(scheme)}


def paint_art(
    canvas: Canvas, art: VectorArt, width: float, height: float, colours: Mapping[str, Colour]
) -> None:
    """Paint `art` scaled uniformly to fit `width` x `height` and centred in it; a paint with a
    theme role takes the role's colour from `colours`, else its own."""
    scale = min(width / art.width, height / art.height)
    canvas.saveState()
    canvas.translate((width - art.width * scale) / 2, (height + art.height * scale) / 2)
    canvas.scale(scale, -scale)  # the art's units run downwards, as in SVG
    for shape in art.shapes:
        canvas.saveState()
        for clip in shape.clip:
            canvas.clipPath(_path(canvas, clip), stroke=0, fill=0)
        if shape.fill:
            canvas.setFillColor(rl(_colour(shape.fill, colours)))
        if shape.stroke:
            canvas.setStrokeColor(rl(_colour(shape.stroke, colours)))
            canvas.setLineWidth(shape.stroke_width)
            canvas.setLineCap(shape.cap)
            canvas.setLineJoin(shape.join)
        if shape.opacity < 1:
            canvas.setFillAlpha(shape.opacity)
            canvas.setStrokeAlpha(shape.opacity)
        mode = FILL_EVEN_ODD if shape.even_odd else FILL_NON_ZERO
        canvas.drawPath(
            _path(canvas, shape.path),
            stroke=int(bool(shape.stroke)),
            fill=int(bool(shape.fill)),
            fillMode=mode,
        )
        canvas.restoreState()
    canvas.restoreState()


def _colour(paint: Paint, colours: Mapping[str, Colour]) -> Colour:
    return colours.get(paint.role, paint.colour) if paint.role else paint.colour


def _path(canvas: Canvas, segments: tuple[Segment, ...]) -> PDFPathObject:
    path = canvas.beginPath()
    for op, values in segments:
        if op == "M":
            path.moveTo(*values)
        elif op == "L":
            path.lineTo(*values)
        elif op == "C":
            path.curveTo(*values)
        else:
            path.close()
    return path
