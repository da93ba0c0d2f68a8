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
from brochure.resolve.svgpath import Segment
from brochure.resolve.svgshapes import IDENTITY, NUMBERS, Matrix, apply, multiply, number, outline, transform
from brochure.resolve.svgtree import Element, SvgError, read_tree
from brochure.resolve.theme import Colour

#: Colour roles an illustration may take from the theme (see layout's art schemes).
ROLES = (
    "field", "backdrop", "body", "screen", "strong", "on-strong", "soft", "on-soft", "shade", "muted", "sky",
    "far", "near",
)  # fmt: skip
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
    box = [float(n) for n in NUMBERS.findall(root.attributes.get("viewBox", ""))]
    width, height = _length(root, "width"), _length(root, "height")
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        x, y, w, h = box
        return w, h, (1.0, 0.0, 0.0, 1.0, -x, -y)
    if width > 0 and height > 0:
        return width, height, IDENTITY
    raise SvgError("the <svg> element has neither a viewBox nor a width and height", root.line)


def _length(element: Element, key: str) -> float:
    text = element.attributes.get(key, "").strip()
    match = re.fullmatch(rf"({NUMBERS.pattern})\s*(px|pt|mm|cm|in)?", text)
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
    matrix = multiply(matrix, transform(element))
    style = _styled(element, style)
    if "clip-path" in element.attributes:
        clip = (*clip, *_clip(element, matrix, clips))
    if element.name in _DRAWN:
        if style.fill is None and style.stroke is None:
            return
        path = tuple(apply(matrix, segment) for segment in outline(element))
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
            inner = multiply(matrix, transform(shape))
            yield tuple(apply(inner, segment) for segment in outline(shape))


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


def _fraction(value: str, element: Element) -> float:
    share = number(value, element) / (100 if value.strip().endswith("%") else 1)
    return min(max(share, 0.0), 1.0)


_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_PROPERTIES = {
    "fill": lambda s, v, e: replace(s, fill=_paint(v, e)),
    "stroke": lambda s, v, e: replace(s, stroke=_paint(v, e)),
    "stroke-width": lambda s, v, e: replace(s, stroke_width=number(v, e)),
    "stroke-linecap": lambda s, v, e: replace(s, cap=_CAPS.get(v.strip(), 0)),
    "stroke-linejoin": lambda s, v, e: replace(s, join=_JOINS.get(v.strip(), 0)),
    "fill-rule": lambda s, v, e: replace(s, even_odd=v.strip() == "evenodd"),
    "opacity": lambda s, v, e: replace(s, opacity=_fraction(v, e)),
    "fill-opacity": lambda s, v, e: replace(s, fill_opacity=_fraction(v, e)),
    "stroke-opacity": lambda s, v, e: replace(s, stroke_opacity=_fraction(v, e)),
}
