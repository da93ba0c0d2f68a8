"""SVG geometry: the basic shapes as path segments, transform lists as matrices, numbers."""

from __future__ import annotations

import math
import re

from brochure.resolve.svgpath import PathError, Segment, parse_path
from brochure.resolve.svgtree import Element, SvgError

#: The most path segments one image may hold (a bound on work for a hostile file).
MAX_SEGMENTS = 200_000
NUMBERS = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def number(value: str, element: Element) -> float:
    match = NUMBERS.match(value.strip())
    if not match:
        raise SvgError(f"'{value}' is not a number", element.line)
    return float(match.group())


def outline(element: Element) -> list[Segment]:
    """The element's outline as path segments in its own user units."""
    a = element.attributes

    def n(key: str) -> float:
        return number(a.get(key, "0"), element)

    try:
        if element.name == "path":
            return parse_path(a.get("d", ""), limit=MAX_SEGMENTS)
        if element.name in ("polyline", "polygon"):
            points = [float(p) for p in NUMBERS.findall(a.get("points", ""))]
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


def transform(element: Element) -> Matrix:
    matrix = IDENTITY
    text = element.attributes.get("transform", "")
    for name, arguments in re.findall(r"(\w+)\s*\(([^)]*)\)", text):
        values = [float(v) for v in NUMBERS.findall(arguments)]
        matrix = multiply(matrix, _one_transform(name, values, element))
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
            return multiply(multiply((1, 0, 0, 1, v[1], v[2]), turn), (1, 0, 0, 1, -v[1], -v[2]))
        return turn
    if name in ("skewX", "skewY") and v:
        t = math.tan(math.radians(v[0]))
        return (1, 0, t, 1, 0, 0) if name == "skewX" else (1, t, 0, 1, 0, 0)
    raise SvgError(f"transform '{name}({', '.join(map(str, v))})' is not understood", element.line)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n applied to a point: the matrix of `m` followed, inside it, by `n`."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )  # fmt: skip


def apply(m: Matrix, segment: Segment) -> Segment:
    op, values = segment
    points = []
    for x, y in zip(values[::2], values[1::2], strict=True):
        points += [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
    return op, tuple(points)
