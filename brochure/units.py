"""Units and rectangles: PostScript points inside, millimetres at the edges."""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4


def mm(value: float) -> float:
    """Millimetres to PostScript points, the internal unit."""
    return value * MM


@dataclass(frozen=True)
class Box:
    """A rectangle in points; x, y is the lower left corner, on the trimmed page."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    def inset(self, left: float, right: float, top: float, bottom: float) -> Box:
        return Box(self.x + left, self.y + bottom, self.width - left - right, self.height - top - bottom)
