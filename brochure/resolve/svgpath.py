"""SVG path data (`d="M10 10 C ..."`) read into absolute moves, lines, cubic curves and closes."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

#: A path segment: ("M", (x, y)), ("L", (x, y)), ("C", (x1, y1, x2, y2, x, y)) or ("Z", ()).
Segment = tuple[str, tuple[float, ...]]

_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


class PathError(ValueError):
    """Path data that is not well formed."""


def parse_path(data: str, *, limit: int) -> list[Segment]:
    """Absolute segments of a path's data; raises PathError when malformed or longer than `limit`."""
    tokens = _TOKEN.findall(data)
    if re.sub(r"[\s,]", "", data) != "".join(tokens):
        raise PathError(f"path data has characters it cannot read: {data[:40]!r}")
    return list(_Reader(tokens, limit).segments())


class _Reader:
    def __init__(self, tokens: list[str], limit: int) -> None:
        self.tokens, self.at, self.limit = tokens, 0, limit
        self.x = self.y = self.start_x = self.start_y = 0.0
        self.control: tuple[float, float] | None = None  # last cubic control point, for S
        self.quad: tuple[float, float] | None = None  # last quadratic control point, for T

    def numbers(self, count: int) -> list[float]:
        found = self.tokens[self.at : self.at + count]
        if len(found) < count or any(t.isalpha() for t in found):
            raise PathError("a path command has too few numbers")
        self.at += count
        return [float(t) for t in found]

    def segments(self) -> Iterator[Segment]:
        command, made = "", 0
        while self.at < len(self.tokens):
            token = self.tokens[self.at]
            if token.isalpha():
                command = token
                self.at += 1
            elif not command or command in "Zz":
                raise PathError("path data must start with a move (M)")
            for segment in self._one(command):
                made += 1
                if made > self.limit:
                    raise PathError(f"a path has more than {self.limit} segments")
                yield segment
            if command == "M":  # numbers after a move are lines
                command = "L"
            elif command == "m":
                command = "l"

    def _one(self, command: str) -> Iterator[Segment]:
        upper, relative = command.upper(), command.islower()
        args = self.numbers(_ARGS[upper])
        dx, dy = (self.x, self.y) if relative else (0.0, 0.0)
        control, quad = None, None
        if upper == "Z":
            self.x, self.y = self.start_x, self.start_y
            yield "Z", ()
        elif upper == "M":
            self.x, self.y = args[0] + dx, args[1] + dy
            self.start_x, self.start_y = self.x, self.y
            yield "M", (self.x, self.y)
        elif upper in "LHV":
            if upper == "H":
                self.x = args[0] + dx
            elif upper == "V":
                self.y = args[0] + dy
            else:
                self.x, self.y = args[0] + dx, args[1] + dy
            yield "L", (self.x, self.y)
        elif upper in "CS":
            if upper == "C":
                x1, y1 = args[0] + dx, args[1] + dy
                rest = args[2:]
            else:
                x1, y1 = _reflect(self.control, self.x, self.y)
                rest = args
            x2, y2, x, y = rest[0] + dx, rest[1] + dy, rest[2] + dx, rest[3] + dy
            control = (x2, y2)
            self.x, self.y = x, y
            yield "C", (x1, y1, x2, y2, x, y)
        elif upper in "QT":
            if upper == "Q":
                qx, qy, x, y = args[0] + dx, args[1] + dy, args[2] + dx, args[3] + dy
            else:
                (qx, qy), x, y = _reflect(self.quad, self.x, self.y), args[0] + dx, args[1] + dy
            quad = (qx, qy)
            x0, y0 = self.x, self.y
            self.x, self.y = x, y
            yield (
                "C",
                (
                    x0 + 2 / 3 * (qx - x0),
                    y0 + 2 / 3 * (qy - y0),
                    x + 2 / 3 * (qx - x),
                    y + 2 / 3 * (qy - y),
                    x,
                    y,
                ),
            )
        else:  # A
            x, y = args[5] + dx, args[6] + dy
            rx, ry, angle, large, sweep = args[:5]
            yield from _arc(self.x, self.y, rx, ry, angle, large, sweep, x, y)
            self.x, self.y = x, y
        self.control, self.quad = control, quad


def _reflect(point: tuple[float, float] | None, x: float, y: float) -> tuple[float, float]:
    return (2 * x - point[0], 2 * y - point[1]) if point else (x, y)


def _arc(
    x0: float, y0: float, rx: float, ry: float, angle: float, large: float, sweep: float, x: float, y: float
) -> Iterator[Segment]:
    """An elliptical arc as cubic curves (SVG 1.1 appendix F.6: endpoint to centre parameters)."""
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0 or (x0, y0) == (x, y):
        yield "L", (x, y)
        return
    phi = math.radians(angle % 360)
    cos, sin = math.cos(phi), math.sin(phi)
    hx, hy = (x0 - x) / 2, (y0 - y) / 2
    x1, y1 = cos * hx + sin * hy, -sin * hx + cos * hy
    scale = (x1 / rx) ** 2 + (y1 / ry) ** 2
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1
    factor = math.sqrt(max(numerator, 0) / (rx * rx * y1 * y1 + ry * ry * x1 * x1))
    if bool(large) == bool(sweep):
        factor = -factor
    cx1, cy1 = factor * rx * y1 / ry, -factor * ry * x1 / rx
    cx, cy = cos * cx1 - sin * cy1 + (x0 + x) / 2, sin * cx1 + cos * cy1 + (y0 + y) / 2
    start = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    delta = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx) - start
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / pieces
    handle = 4 / 3 * math.tan(step / 4)

    def point(t: float) -> tuple[float, float]:
        return cx + rx * math.cos(t) * cos - ry * math.sin(t) * sin, cy + rx * math.cos(
            t
        ) * sin + ry * math.sin(t) * cos

    def tangent(t: float) -> tuple[float, float]:
        return -rx * math.sin(t) * cos - ry * math.cos(t) * sin, -rx * math.sin(t) * sin + ry * math.cos(
            t
        ) * cos

    for n in range(pieces):
        a, b = start + n * step, start + (n + 1) * step
        (ax, ay), (bx, by) = point(a), point(b)
        (tax, tay), (tbx, tby) = tangent(a), tangent(b)
        end = (x, y) if n == pieces - 1 else (bx, by)
        yield "C", (ax + handle * tax, ay + handle * tay, bx - handle * tbx, by - handle * tby, *end)
