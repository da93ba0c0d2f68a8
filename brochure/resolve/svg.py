"""SVG images read into vector art: filled and stroked paths in the image's own units, as data.

What is drawn: `path`, `rect`, `circle`, `ellipse`, `line`, `polyline`, `polygon` in groups with
transforms, solid fills and strokes (named, hex and rgb() colours), opacity, even-odd fills and
clip paths. A colour written `var(--brochure-ROLE, #hex)` follows the leaflet's theme (the roles
of `ROLES`), anywhere else the hex. Text, embedded or linked images, gradients, patterns, masks,
filters, scripts and style sheets are refused with the element's line, never drawn wrongly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources

from brochure.caches import memo
from brochure.resolve.colour import parse_colour
from brochure.resolve.svgpath import PathError, Segment, parse_path
from brochure.resolve.svgtree import Element, SvgError, read_tree
from brochure.resolve.theme import Colour

#: Colour roles an illustration may take from the theme (see layout's art schemes).
ROLES = (
    "field", "backdrop", "body", "screen", "strong", "on-strong", "soft", "on-soft", "shade", "muted", "sky",
    "far", "near",
)  # fmt: skip
MAX_SEGMENTS = 200_000
_NAMED = {
    "black": "#000000", "white": "#FFFFFF", "red": "#FF0000", "green": "#008000", "blue": "#0000FF",
    "yellow": "#FFFF00", "orange": "#FFA500", "purple": "#800080", "grey": "#808080", "gray": "#808080",
    "silver": "#C0C0C0", "maroon": "#800000", "navy": "#000080", "teal": "#008080", "olive": "#808000",
    "lime": "#00FF00", "aqua": "#00FFFF", "cyan": "#00FFFF", "fuchsia": "#FF00FF", "magenta": "#FF00FF",
}  # fmt: skip
_DRAWN = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
_SKIPPED = {"title", "desc", "metadata", "defs", "clipPath"}
_GROUPS = {"svg", "g"}
_VAR = re.compile(r"var\(\s*--brochure-([a-z-]+)\s*(?:,\s*([^)]*))?\)")
_NUMBERS = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Paint:
    """A solid colour; with a `role`, the theme's colour of that role replaces it."""

    colour: Colour
    role: str = ""


@dataclass(frozen=True)
class Shape:
    """One filled and/or stroked path, in the art's units (y down, as in SVG)."""

    path: tuple[Segment, ...]
    fill: Paint | None
    stroke: Paint | None = None
    stroke_width: float = 1.0
    cap: int = 0  # butt, round, square
    join: int = 0  # miter, round, bevel
    even_odd: bool = False
    opacity: float = 1.0
    clip: tuple[tuple[Segment, ...], ...] = ()


@dataclass(frozen=True)
class VectorArt:
    """An SVG image as shapes in a `width` x `height` box of its own units."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    title: str = ""

    @property
    def aspect(self) -> float:
        return self.height / self.width


@dataclass(frozen=True)
class _Style:
    fill: Paint | None = Paint(Colour(0, 0, 0))
    stroke: Paint | None = None
    stroke_width: float = 1.0
    cap: int = 0
    join: int = 0
    even_odd: bool = False
    opacity: float = 1.0
    fill_opacity: float = 1.0
    stroke_opacity: float = 1.0


#: The built-in illustrations, SVG files shipped in `brochure/resolve/art/`.
BUILTIN_ART = ("phone", "chat", "shield")


@memo(maxsize=8)
def builtin_art(name: str) -> VectorArt | None:
    """A built-in illustration by name, or None for a name that is not one."""
    if name not in BUILTIN_ART:
        return None
    return read_svg(resources.files("brochure.resolve").joinpath(f"art/{name}.svg").read_bytes())


def read_svg(data: bytes) -> VectorArt:
    """Vector art from an SVG file's bytes; raises SvgError naming what cannot be drawn and its line."""
    root = read_tree(data)
    width, height, matrix = _viewport(root)
    clips = {c.attributes["id"]: c for c in _all(root) if c.name == "clipPath" and "id" in c.attributes}
    shapes = tuple(_walk(root, matrix, _Style(), (), clips))
    title = next((c.text.strip() for c in root.children if c.name == "title"), "")
    return VectorArt(width, height, shapes, title)


def _all(element: Element) -> Iterator[Element]:
    yield element
    for child in element.children:
        yield from _all(child)


def _viewport(root: Element) -> tuple[float, float, Matrix]:
    """The art's box and the matrix from the root's user units into it (viewBox, else width/height)."""
    box = [float(n) for n in _NUMBERS.findall(root.attributes.get("viewBox", ""))]
    width, height = _length(root, "width"), _length(root, "height")
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        x, y, w, h = box
        return w, h, (1.0, 0.0, 0.0, 1.0, -x, -y)
    if width > 0 and height > 0:
        return width, height, IDENTITY
    raise SvgError("the <svg> element has neither a viewBox nor a width and height", root.line)


def _length(element: Element, key: str) -> float:
    text = element.attributes.get(key, "").strip()
    match = re.fullmatch(rf"({_NUMBERS.pattern})\s*(px|pt|mm|cm|in)?", text)
    if not match:
        return 0.0
    scale = {"": 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
    return float(match.group(1)) * scale[match.group(2) or ""]


def _walk(
    element: Element,
    matrix: Matrix,
    style: _Style,
    clip: tuple[tuple[Segment, ...], ...],
    clips: dict[str, Element],
) -> Iterator[Shape]:
    if element.name in _SKIPPED:
        return
    if element.name not in _GROUPS and element.name not in _DRAWN:
        raise SvgError(f"<{element.name}> cannot be drawn in a leaflet ({_why(element.name)})", element.line)
    for key in ("href", "mask", "filter"):
        if key in element.attributes:
            raise SvgError(f"<{element.name}> has '{key}', which is not drawn", element.line)
    matrix = _multiply(matrix, _transform(element))
    style = _styled(element, style)
    if "clip-path" in element.attributes:
        clip = (*clip, *_clip(element, matrix, clips))
    if element.name in _DRAWN:
        if style.fill is None and style.stroke is None:
            return
        path = tuple(_apply(matrix, segment) for segment in _outline(element))
        if not path:
            return
        scale = math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]))
        opacity = style.opacity * (style.fill_opacity if style.fill else style.stroke_opacity)
        yield Shape(
            path, style.fill, style.stroke, style.stroke_width * scale, style.cap, style.join,
            style.even_odd, opacity, clip,
        )  # fmt: skip
        return
    for child in element.children:
        yield from _walk(child, matrix, style, clip, clips)


def _why(name: str) -> str:
    if name == "text" or name == "tspan":
        return "convert text to outlines in the drawing program"
    if name == "image":
        return "embedded and linked pictures are not followed; use a PNG or JPEG block instead"
    if name in ("style", "script", "foreignObject"):
        return "style sheets and scripts are not read; use presentation attributes"
    if "Gradient" in name or name in ("pattern", "mask", "filter"):
        return "only solid colours are drawn"
    return "not supported"


def _clip(element: Element, matrix: Matrix, clips: dict[str, Element]) -> Iterator[tuple[Segment, ...]]:
    value = element.attributes["clip-path"].strip()
    if value == "none":
        return
    match = re.fullmatch(r"url\(\s*#([^)\s]+)\s*\)", value)
    if not match or match.group(1) not in clips:
        raise SvgError(f"clip-path '{value}' names no clipPath of this file", element.line)
    for shape in clips[match.group(1)].children:
        if shape.name in _DRAWN:
            inner = _multiply(matrix, _transform(shape))
            yield tuple(_apply(inner, segment) for segment in _outline(shape))


def _styled(element: Element, inherited: _Style) -> _Style:
    given = {k: v for k, v in element.attributes.items() if k in _PROPERTIES}
    for declaration in element.attributes.get("style", "").split(";"):
        key, _, value = declaration.partition(":")
        if key.strip() in _PROPERTIES:
            given[key.strip()] = value.strip()
    style = replace(inherited, opacity=1.0)  # opacity does not inherit; it multiplies below
    for key, value in given.items():
        style = _PROPERTIES[key](style, value, element)
    return replace(style, opacity=inherited.opacity * style.opacity)


def _paint(value: str, element: Element) -> Paint | None:
    value = value.strip()
    if value == "none":
        return None
    role = ""
    if match := _VAR.fullmatch(value):
        role, value = match.group(1), (match.group(2) or "").strip()
        if role not in ROLES:
            raise SvgError(
                f"unknown theme colour role '--brochure-{role}'; roles: {', '.join(ROLES)}", element.line
            )
    if value.startswith("url("):
        raise SvgError(
            f"<{element.name}> is filled with '{value}': only solid colours are drawn", element.line
        )
    parsed = parse_colour(_NAMED.get(value.lower(), value)) if value else None
    if parsed is None:
        raise SvgError(f"colour '{value}' is not understood (write #RRGGBB or rgb(r, g, b))", element.line)
    return Paint(Colour(*parsed[0]), role)


def _number(value: str, element: Element) -> float:
    match = _NUMBERS.match(value.strip())
    if not match:
        raise SvgError(f"'{value}' is not a number", element.line)
    return float(match.group())


def _fraction(value: str, element: Element) -> float:
    number = _number(value, element) / (100 if value.strip().endswith("%") else 1)
    return min(max(number, 0.0), 1.0)


_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_PROPERTIES = {
    "fill": lambda s, v, e: replace(s, fill=_paint(v, e)),
    "stroke": lambda s, v, e: replace(s, stroke=_paint(v, e)),
    "stroke-width": lambda s, v, e: replace(s, stroke_width=_number(v, e)),
    "stroke-linecap": lambda s, v, e: replace(s, cap=_CAPS.get(v.strip(), 0)),
    "stroke-linejoin": lambda s, v, e: replace(s, join=_JOINS.get(v.strip(), 0)),
    "fill-rule": lambda s, v, e: replace(s, even_odd=v.strip() == "evenodd"),
    "opacity": lambda s, v, e: replace(s, opacity=_fraction(v, e)),
    "fill-opacity": lambda s, v, e: replace(s, fill_opacity=_fraction(v, e)),
    "stroke-opacity": lambda s, v, e: replace(s, stroke_opacity=_fraction(v, e)),
}


def _outline(element: Element) -> list[Segment]:
    """The element's outline as path segments in its own user units."""
    a = element.attributes

    def n(key: str) -> float:
        return _number(a.get(key, "0"), element)

    try:
        if element.name == "path":
            return parse_path(a.get("d", ""), limit=MAX_SEGMENTS)
        if element.name in ("polyline", "polygon"):
            points = [float(p) for p in _NUMBERS.findall(a.get("points", ""))]
            pairs = list(zip(points[::2], points[1::2], strict=False))
            if not pairs:
                return []
            segments: list[Segment] = [("M", pairs[0]), *(("L", p) for p in pairs[1:])]
            return [*segments, ("Z", ())] if element.name == "polygon" else segments
    except PathError as error:
        raise SvgError(f"<{element.name}>: {error}", element.line) from None
    if element.name == "line":
        return [("M", (n("x1"), n("y1"))), ("L", (n("x2"), n("y2")))]
    if element.name == "rect":
        rx, ry = n("rx") or n("ry"), n("ry") or n("rx")
        return _rounded(n("x"), n("y"), n("width"), n("height"), rx, ry)
    r = n("r")
    rx, ry = (r, r) if element.name == "circle" else (n("rx"), n("ry"))
    return _ellipse(n("cx"), n("cy"), rx, ry)


_KAPPA = 0.5522847498


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> list[Segment]:
    if rx <= 0 or ry <= 0:
        return []
    kx, ky = rx * _KAPPA, ry * _KAPPA
    return [
        ("M", (cx + rx, cy)),
        ("C", (cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry)),
        ("C", (cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy)),
        ("C", (cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry)),
        ("C", (cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy)),
        ("Z", ()),
    ]


def _rounded(x: float, y: float, w: float, h: float, rx: float, ry: float) -> list[Segment]:
    if w <= 0 or h <= 0:
        return []
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if rx <= 0 or ry <= 0:
        return [("M", (x, y)), ("L", (x + w, y)), ("L", (x + w, y + h)), ("L", (x, y + h)), ("Z", ())]
    kx, ky = rx * (1 - _KAPPA), ry * (1 - _KAPPA)
    r, b = x + w, y + h
    return [
        ("M", (x + rx, y)),
        ("L", (r - rx, y)),
        ("C", (r - kx, y, r, y + ky, r, y + ry)),
        ("L", (r, b - ry)),
        ("C", (r, b - ky, r - kx, b, r - rx, b)),
        ("L", (x + rx, b)),
        ("C", (x + kx, b, x, b - ky, x, b - ry)),
        ("L", (x, y + ry)),
        ("C", (x, y + ky, x + kx, y, x + rx, y)),
        ("Z", ()),
    ]


def _transform(element: Element) -> Matrix:
    matrix = IDENTITY
    text = element.attributes.get("transform", "")
    for name, arguments in re.findall(r"(\w+)\s*\(([^)]*)\)", text):
        values = [float(v) for v in _NUMBERS.findall(arguments)]
        matrix = _multiply(matrix, _one_transform(name, values, element))
    return matrix


def _one_transform(name: str, v: list[float], element: Element) -> Matrix:
    if name == "matrix" and len(v) == 6:
        return (v[0], v[1], v[2], v[3], v[4], v[5])
    if name == "translate" and v:
        return (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0)
    if name == "scale" and v:
        return (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
    if name == "rotate" and v:
        a = math.radians(v[0])
        turn: Matrix = (math.cos(a), math.sin(a), -math.sin(a), math.cos(a), 0, 0)
        if len(v) == 3:
            return _multiply(_multiply((1, 0, 0, 1, v[1], v[2]), turn), (1, 0, 0, 1, -v[1], -v[2]))
        return turn
    if name in ("skewX", "skewY") and v:
        t = math.tan(math.radians(v[0]))
        return (1, 0, t, 1, 0, 0) if name == "skewX" else (1, t, 0, 1, 0, 0)
    raise SvgError(f"transform '{name}({', '.join(map(str, v))})' is not understood", element.line)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n applied to a point: the matrix of `m` followed, inside it, by `n`."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )  # fmt: skip


def _apply(m: Matrix, segment: Segment) -> Segment:
    op, values = segment
    points = []
    for x, y in zip(values[::2], values[1::2], strict=True):
        points += [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
    return op, tuple(points)
