"""The press edition's colours: CMYK through the printing condition's ICC profile (LittleCMS)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms
from reportlab.lib.colors import CMYKColor, Color, toColor

from brochure.caches import memo
from brochure.resolve.colour import CMYK, RGB

#: Relative colorimetric with black point compensation: in-gamut colours stay as they are, paper
#: white stays unprinted, and the darkest RGB maps to the press's darkest black.
INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION
#: RGB channels this close together are a grey: printed with black ink alone.
NEUTRAL = 0.01


@memo(maxsize=4)
def transform(srgb: bytes, cmyk: bytes) -> ImageCms.ImageCmsTransform:
    """sRGB -> the printing condition, one LittleCMS transform per pair of profiles."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(srgb))
    target = ImageCms.ImageCmsProfile(io.BytesIO(cmyk))
    return ImageCms.buildTransform(source, target, "RGB", "CMYK", renderingIntent=INTENT, flags=FLAGS)


@memo(maxsize=4)
def _black_ramp(srgb: bytes, cmyk: bytes) -> tuple[float, ...]:
    """L* of 0-100 % black ink alone on the press, in 256 steps, and of sRGB greys likewise."""
    lab = ImageCms.createProfile("LAB")
    press = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(cmyk)), lab, "CMYK", "LAB", renderingIntent=INTENT
    )
    ramp = Image.frombytes("CMYK", (256, 1), bytes(b for k in range(256) for b in (0, 0, 0, k)))
    converted = ImageCms.applyTransform(ramp, press)
    assert converted is not None
    return tuple(converted.getpixel((n, 0))[0] * 100 / 255 for n in range(256))  # type: ignore[index]


def image_cmyk(image: Image.Image, *, srgb: bytes, cmyk: bytes) -> Image.Image:
    """An sRGB image (alpha dropped) in the printing condition's CMYK."""
    converted = ImageCms.applyTransform(image.convert("RGB"), transform(srgb, cmyk))
    assert converted is not None
    return converted


@memo(maxsize=1024)
def colour_cmyk(rgb: RGB, *, srgb: bytes, cmyk: bytes) -> CMYK:
    """One sRGB colour in the printing condition: a grey in black ink only, matched in lightness
    (never a rich black of four inks for text), any other colour through the profiles."""
    pixel = Image.new("RGB", (1, 1), tuple(round(channel * 255) for channel in rgb))
    if max(rgb) - min(rgb) <= NEUTRAL:
        lightness = _srgb_lightness(sum(rgb) / 3)
        ramp = _black_ramp(srgb, cmyk)
        k = next((n for n, value in enumerate(ramp) if value <= lightness), 255)
        return 0.0, 0.0, 0.0, k / 255
    c, m, y, k = image_cmyk(pixel, srgb=srgb, cmyk=cmyk).getpixel((0, 0))  # type: ignore[misc]
    return c / 255, m / 255, y / 255, k / 255


def _srgb_lightness(value: float) -> float:
    """CIE L* of an sRGB grey (0-1)."""
    linear = value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    return 116 * linear ** (1 / 3) - 16 if linear > 216 / 24389 else linear * 24389 / 27


@dataclass(frozen=True)
class PressColours:
    """ReportLab's `enforceColorSpace` hook for the press edition.

    CMYK colours (a theme's `cmyk(...)`, marks in registration colour) stay as they are; greys
    become black ink alone. Any other colour goes through the profiles to CMYK when `convert`,
    or stays RGB (calibrated as sRGB by the finished file's default colour space)."""

    srgb: bytes
    cmyk: bytes
    convert: bool = True

    def __call__(self, colour: Any) -> Color:
        value = toColor(colour)
        if isinstance(value, CMYKColor):
            return value
        given: CMYK | None = getattr(value, "press_cmyk", None)
        rgb = (value.red, value.green, value.blue)
        if given is None and (self.convert or max(rgb) - min(rgb) <= NEUTRAL):
            given = colour_cmyk(rgb, srgb=self.srgb, cmyk=self.cmyk)
        if given is None:
            return value
        c, m, y, k = given
        return CMYKColor(c, m, y, k, alpha=value.alpha)
