"""Built-in vector illustrations (phone, chat, shield) drawn with canvas paths in theme colours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from brochure.layout.paint import rl
from brochure.resolve.theme import WHITE, Colour, Palette

BLACK = Colour(0, 0, 0)
#: Every drawing is designed in a square of VIEW x VIEW units, then scaled to fit its box.
VIEW = 100.0
#: Shared measures (in design units) so all drawings have the same line weight and corners.
STROKE = 3.2
GAP = 2.2  # the ring cut out around a shape that overlaps another
RADIUS = 6.0


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


class Pen:
    """Fills and strokes paths on a canvas in one scheme's colours."""

    def __init__(self, canvas: Canvas, scheme: Scheme) -> None:
        self.canvas = canvas
        self.scheme = scheme

    def fill(self, path: PDFPathObject, colour: Colour) -> None:
        self.canvas.setFillColor(rl(colour))
        self.canvas.drawPath(path, stroke=0, fill=1)

    def stroke(
        self, path: PDFPathObject, colour: Colour, width: float = STROKE, *, fill: bool = False
    ) -> None:
        """Stroke with round caps and joins (round caps also hide the seam where a circle starts)."""
        self.canvas.setStrokeColor(rl(colour))
        self.canvas.setFillColor(rl(colour))
        self.canvas.setLineWidth(width)
        self.canvas.setLineCap(1)
        self.canvas.setLineJoin(1)
        self.canvas.drawPath(path, stroke=1, fill=int(fill))

    def sticker(self, path: PDFPathObject, colour: Colour) -> None:
        """Fill a shape after clearing a ring of the field colour around it, so it reads in front."""
        self.stroke(path, self.scheme.field, 2 * GAP, fill=True)
        self.fill(path, colour)

    def rounded(self, colour: Colour, x: float, y: float, w: float, h: float, radius: float) -> PDFPathObject:
        """Fill a rounded rectangle and return its path (for clipping)."""
        path = PDFPathObject()
        path.roundRect(x, y, w, h, radius)
        self.fill(path, colour)
        return path


# Shapes: each returns a new path, in design units.


def circle(cx: float, cy: float, r: float) -> PDFPathObject:
    path = PDFPathObject()
    path.circle(cx, cy, r)
    return path


def bubble(x: float, y: float, w: float, h: float, *, tail: Literal["left", "right"]) -> PDFPathObject:
    """A speech bubble, one outline, with a curved tail at its bottom-left or bottom-right."""
    path = PDFPathObject()
    r = min(RADIUS * 1.4, h / 2)
    k = r * 0.5523  # control distance that makes a Bezier quarter circle
    base = r * 1.6  # where the tail leaves the bottom edge

    def at(u: float, v: float) -> tuple[float, float]:
        return (x + u if tail == "left" else x + w - u), y + v

    path.moveTo(*at(base, 0))
    path.lineTo(*at(w - r, 0))
    path.curveTo(*at(w - r + k, 0), *at(w, r - k), *at(w, r))
    path.lineTo(*at(w, h - r))
    path.curveTo(*at(w, h - r + k), *at(w - r + k, h), *at(w - r, h))
    path.lineTo(*at(r, h))
    path.curveTo(*at(r - k, h), *at(0, h - r + k), *at(0, h - r))
    path.lineTo(*at(0, r * 0.8))
    path.curveTo(*at(0, r * 0.2), *at(-r * 0.05, -r * 0.3), *at(-r * 0.3, -r * 0.55))
    path.curveTo(*at(r * 0.45, -r * 0.5), *at(r * 1.1, -r * 0.25), *at(base, 0))
    path.close()
    return path


def dots(cx: float, cy: float, *, size: float) -> PDFPathObject:
    """Three 'typing' dots centred on (cx, cy)."""
    path = PDFPathObject()
    for step in (-1, 0, 1):
        path.circle(cx + step * size * 3, cy, size)
    return path


def heart(cx: float, cy: float, size: float) -> PDFPathObject:
    """A heart about `size` wide, centred on (cx, cy)."""
    path = PDFPathObject()
    s = size / 2
    path.moveTo(cx, cy - s * 0.85)
    path.curveTo(cx - s * 0.55, cy - s * 0.35, cx - s, cy - s * 0.05, cx - s, cy + s * 0.35)
    path.curveTo(cx - s, cy + s * 0.95, cx - s * 0.2, cy + s * 1.05, cx, cy + s * 0.5)
    path.curveTo(cx + s * 0.2, cy + s * 1.05, cx + s, cy + s * 0.95, cx + s, cy + s * 0.35)
    path.curveTo(cx + s, cy - s * 0.05, cx + s * 0.55, cy - s * 0.35, cx, cy - s * 0.85)
    path.close()
    return path


def sparkle(cx: float, cy: float, r: float) -> PDFPathObject:
    """A four-pointed star with concave sides."""
    path = PDFPathObject()
    k = r * 0.18
    path.moveTo(cx, cy + r)
    path.curveTo(cx + k, cy + k, cx + k, cy + k, cx + r, cy)
    path.curveTo(cx + k, cy - k, cx + k, cy - k, cx, cy - r)
    path.curveTo(cx - k, cy - k, cx - k, cy - k, cx - r, cy)
    path.curveTo(cx - k, cy + k, cx - k, cy + k, cx, cy + r)
    path.close()
    return path


def shield_outline(cx: float, top: float, w: float, h: float) -> PDFPathObject:
    """A heater shield: gently dipped top, straight sides, curved point at the bottom."""
    half, bottom, path = w / 2, top - h, PDFPathObject()
    path.moveTo(cx, top)
    path.curveTo(cx + half * 0.35, top - h * 0.06, cx + half * 0.7, top - h * 0.08, cx + half, top - h * 0.08)
    path.lineTo(cx + half, top - h * 0.45)
    path.curveTo(cx + half, bottom + h * 0.25, cx + half * 0.45, bottom + h * 0.07, cx, bottom)
    path.curveTo(cx - half * 0.45, bottom + h * 0.07, cx - half, bottom + h * 0.25, cx - half, top - h * 0.45)
    path.lineTo(cx - half, top - h * 0.08)
    path.curveTo(cx - half * 0.7, top - h * 0.08, cx - half * 0.35, top - h * 0.06, cx, top)
    path.close()
    return path


def padlock_badge(pen: Pen, cx: float, cy: float, r: float) -> None:
    """A round badge with a padlock, cut out from what lies under it."""
    pen.sticker(circle(cx, cy, r), pen.scheme.strong)
    arm, top = r * 0.27, cy + r * 0.15
    shackle = PDFPathObject()
    shackle.moveTo(cx - arm, cy - r * 0.05)
    shackle.lineTo(cx - arm, top)
    shackle.arcTo(cx - arm, top - arm, cx + arm, top + arm, 180, -180)
    shackle.lineTo(cx + arm, cy - r * 0.05)
    pen.stroke(shackle, pen.scheme.on_strong, r * 0.14)
    pen.rounded(pen.scheme.on_strong, cx - r * 0.42, cy - r * 0.5, r * 0.84, r * 0.62, r * 0.12)
    pen.fill(circle(cx, cy - r * 0.2, r * 0.09), pen.scheme.strong)


def photo(pen: Pen, x: float, y: float, w: float, h: float) -> None:
    """A landscape snapshot: sky, sun, two rolling hills, clipped to a rounded card."""
    s = pen.scheme
    card = pen.rounded(s.sky, x, y, w, h, RADIUS * 0.6)
    pen.canvas.saveState()
    pen.canvas.clipPath(card, stroke=0, fill=0)
    pen.fill(circle(x + w * 0.75, y + h * 0.78, w * 0.155), s.far)
    far = PDFPathObject()
    far.moveTo(x - 1, y)
    far.lineTo(x - 1, y + h * 0.34)
    far.curveTo(x + w * 0.05, y + h * 0.6, x + w * 0.32, y + h * 0.6, x + w * 0.64, y + h * 0.34)
    far.lineTo(x + w * 0.64, y)
    far.close()
    pen.fill(far, s.far)
    near = PDFPathObject()
    near.moveTo(x + w * 0.05, y)
    near.curveTo(x + w * 0.36, y + h * 0.31, x + w * 0.77, y + h * 0.56, x + w + 1, y + h * 0.28)
    near.lineTo(x + w + 1, y)
    near.close()
    pen.fill(near, s.near)
    pen.canvas.restoreState()


def backdrop(pen: Pen) -> None:
    """The quiet disc that groups each drawing."""
    pen.fill(circle(VIEW / 2, VIEW / 2, VIEW * 0.44), pen.scheme.backdrop)


# Drawings: one per name, in a VIEW x VIEW square; shapes 4 units clear of its edges, cut-out rings 2.


def draw_phone(pen: Pen) -> None:
    """A smartphone showing a photo, with chat bubbles and a padlock badge."""
    s = pen.scheme
    backdrop(pen)
    pen.rounded(s.body, 32, 7, 36, 86, RADIUS * 1.4)
    pen.rounded(s.screen, 34.5, 9.5, 31, 81, RADIUS)
    pen.rounded(s.body, 45, 85, 10, 2.6, 1.3)  # camera island
    pen.rounded(s.body, 45, 12.5, 10, 1.8, 0.9)  # home indicator
    photo(pen, 39, 47, 22, 32)
    pen.rounded(s.muted, 39, 40, 17, 2.6, 1.3)
    pen.rounded(s.muted, 39, 34.5, 11, 2.6, 1.3)
    pen.sticker(bubble(7, 63, 27, 15, tail="left"), s.strong)
    pen.fill(dots(20.5, 70.5, size=1.8), s.on_strong)
    pen.sticker(bubble(66, 30, 27, 15, tail="right"), s.soft)
    pen.fill(heart(79.5, 37.5, 7), s.on_soft)
    padlock_badge(pen, 30, 20, 10)


def draw_chat(pen: Pen) -> None:
    """Three overlapping speech bubbles: typing dots, a message, a heart."""
    s = pen.scheme
    backdrop(pen)
    pen.fill(bubble(10, 50, 56, 32, tail="left"), s.strong)
    pen.fill(dots(38, 66, size=3.2), s.on_strong)
    pen.sticker(bubble(38, 24, 52, 30, tail="right"), s.soft)
    pen.rounded(s.on_soft, 46, 41, 36, 3.2, 1.6)
    pen.rounded(s.on_soft, 46, 33, 24, 3.2, 1.6)
    pen.sticker(bubble(12, 12, 24, 18, tail="left"), s.strong)
    pen.fill(heart(24, 21, 8), s.on_strong)


def draw_shield(pen: Pen) -> None:
    """A two-tone shield with a check mark and two small sparkles."""
    s = pen.scheme
    backdrop(pen)
    outline = shield_outline(50, 86, 54, 72)
    pen.fill(outline, s.strong)
    pen.canvas.saveState()
    pen.canvas.clipPath(outline, stroke=0, fill=0)
    pen.rounded(s.shade, 50, 0, 50, VIEW, 0)
    pen.canvas.restoreState()
    check = PDFPathObject()
    check.moveTo(37, 51)
    check.lineTo(46, 42)
    check.lineTo(63, 60)
    pen.stroke(check, s.on_strong, STROKE * 2.2)
    pen.fill(sparkle(84, 78, 6), s.strong)
    pen.fill(sparkle(15, 28, 4.5), s.strong)


DRAWINGS: dict[str, Callable[[Pen], None]] = {
    "phone": draw_phone,
    "chat": draw_chat,
    "shield": draw_shield,
}
ART_NAMES: tuple[str, ...] = tuple(DRAWINGS)
