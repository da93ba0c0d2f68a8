"""Colour notation and conversion: hex, rgb() and cmyk() as written, RGB to CMYK for print."""

from __future__ import annotations

import re

RGB = tuple[float, float, float]
CMYK = tuple[float, float, float, float]

_HEX = re.compile(r"#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")
_NUMBER = r"\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*"
_RGB = re.compile(rf"rgb\({_NUMBER},{_NUMBER},{_NUMBER}\)", re.IGNORECASE)
_CMYK = re.compile(rf"cmyk\({_NUMBER}%?\s*,{_NUMBER}%?\s*,{_NUMBER}%?\s*,{_NUMBER}%?\s*\)", re.IGNORECASE)
#: How a colour may be written, for hints and the schema.
NOTATION = '"#RRGGBB", "#RGB", "rgb(179, 18, 75)" (0-255) or "cmyk(0, 90, 45, 20)" (per cent)'


def parse_colour(text: str) -> tuple[RGB, CMYK | None] | None:
    """The RGB of a colour as written, and its CMYK when given as cmyk(); None if malformed."""
    text = text.strip()
    if match := _HEX.fullmatch(text):
        value = match.group(1)
        if len(value) == 3:
            value = "".join(c * 2 for c in value)
        red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return (red, green, blue), None
    if match := _RGB.fullmatch(text):
        values = [float(v) for v in match.groups()]
        if max(values) > 255:
            return None
        red, green, blue = (v / 255 for v in values)
        return (red, green, blue), None
    if match := _CMYK.fullmatch(text):
        values = [float(v) for v in match.groups()]
        if max(values) > 100:
            return None
        c, m, y, k = (v / 100 for v in values)
        return cmyk_to_rgb((c, m, y, k)), (c, m, y, k)
    return None


def rgb_to_cmyk(rgb: RGB) -> CMYK:
    """Device CMYK with full black generation: K = 1 - max(R, G, B); greys are K only."""
    black = 1 - max(rgb)
    if black >= 1:
        return 0.0, 0.0, 0.0, 1.0
    c, m, y = ((1 - channel - black) / (1 - black) for channel in rgb)
    return c, m, y, black


def cmyk_to_rgb(cmyk: CMYK) -> RGB:
    """The screen colour of a CMYK ink mix (device conversion, no profile)."""
    c, m, y, k = cmyk
    return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
