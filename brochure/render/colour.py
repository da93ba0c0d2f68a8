"""The press edition's colour space: every colour painted becomes DeviceCMYK."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import CMYKColor, toColor

from brochure.resolve.colour import CMYK, rgb_to_cmyk


def device_cmyk(colour: Any) -> CMYKColor:
    """ReportLab's `enforceColorSpace` hook: theme colours keep the CMYK they were given (see
    `brochure.layout.styles.rl`); any other RGB colour is converted by `rgb_to_cmyk`."""
    value = toColor(colour)
    if isinstance(value, CMYKColor):
        return CMYKColor(value.cyan, value.magenta, value.yellow, value.black, alpha=value.alpha)
    given: CMYK | None = getattr(value, "press_cmyk", None)
    c, m, y, k = given or rgb_to_cmyk((value.red, value.green, value.blue))
    return CMYKColor(c, m, y, k, alpha=value.alpha)
