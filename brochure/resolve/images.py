"""Assets: image files (photos, drawings, SVG vector art) opened, checked and normalised before layout."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from brochure.diagnostics import Diagnostics, Location
from brochure.resolve.svg import VectorArt, read_svg
from brochure.resolve.svgtree import SvgError

#: Larger images are refused: a 20-megapixel phone photo is about 20 million pixels.
MAX_PIXELS = 80_000_000
#: Larger files are refused before they are read: a 20-megapixel JPEG is about 10 MB.
MAX_IMAGE_BYTES = 50_000_000
#: The formats a leaflet takes (Pillow reads more, but these are what cameras and editors write).
FORMATS = ("JPEG", "PNG", "WEBP")
#: Larger SVG files are refused: a logo or an illustration takes a few tens of kilobytes.
MAX_SVG_BYTES = 2_000_000


@dataclass(frozen=True)
class ImageAsset:
    """Pixels without metadata (EXIF, GPS, comments), upright, in RGB or RGBA."""

    path: Path
    pixels: PILImage.Image
    width_px: int
    height_px: int
    #: The file was a JPEG: photographic pixels, embedded as JPEG again (Flate would be ten times
    #: larger); drawings and screenshots (PNG, WebP) stay lossless.
    photo: bool = False

    @property
    def aspect(self) -> float:
        """Height divided by width."""
        return self.height_px / self.width_px


@dataclass(frozen=True)
class VectorAsset:
    """An SVG image read into vector art: drawn as paths in every edition, at any size."""

    path: Path
    art: VectorArt

    @property
    def aspect(self) -> float:
        return self.art.aspect


Asset = ImageAsset | VectorAsset


def open_image(path: Path, location: Location, diagnostics: Diagnostics) -> Asset | None:
    """Open an image file; every failure becomes a diagnostic at the block's location."""
    try:
        size = path.stat().st_size if path.is_file() else -1
    except (OSError, ValueError):  # ValueError: a NUL in the name
        size = -1
    if size > MAX_IMAGE_BYTES:
        diagnostics.error(
            "A007",
            f"image file is {size / 1_000_000:.0f} MB, "
            f"more than the {MAX_IMAGE_BYTES // 1_000_000} MB taken: {path}",
            location,
            "save a smaller copy (a leaflet needs at most about 3000 pixels across)",
        )
        return None
    if size < 0:
        diagnostics.error(
            "A001",
            f"image file not found: {path}",
            location,
            "paths are relative to the folder of the content file",
        )
        return None
    if path.suffix.lower() == ".svg":
        return open_vector(path, location, diagnostics)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as opened:
                if opened.format not in FORMATS:
                    diagnostics.error(
                        "A006",
                        f"unsupported image format {opened.format}: {path}",
                        location,
                        "save the image as JPEG (photos), PNG (drawings, transparency) or WebP",
                    )
                    return None
                if opened.width * opened.height > MAX_PIXELS:
                    raise PILImage.DecompressionBombError("too many pixels")
                opened.load()
                photo = opened.format == "JPEG"
                upright = ImageOps.exif_transpose(opened)
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        diagnostics.error(
            "A003",
            f"image is too large to process safely: {path}",
            location,
            f"scale it down below {MAX_PIXELS // 1_000_000} megapixels",
        )
        return None
    except UnidentifiedImageError:
        diagnostics.error(
            "A002", f"not an image file Pillow can read: {path}", location, "use JPEG, PNG or WebP"
        )
        return None
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # what Pillow raises for bad data
        diagnostics.error("A002", f"cannot read image {path}: {error}", location, "the file may be damaged")
        return None
    mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
    # A fresh image from the pixels alone carries no metadata into the PDF.
    clean = PILImage.new(mode, upright.size)
    clean.paste(upright.convert(mode))
    return ImageAsset(path=path, pixels=clean, width_px=clean.width, height_px=clean.height, photo=photo)


def open_vector(path: Path, location: Location, diagnostics: Diagnostics) -> VectorAsset | None:
    """Read an SVG file (A020 for one that cannot be drawn, A021 for one too large)."""
    try:
        size = path.stat().st_size
        if size > MAX_SVG_BYTES:
            diagnostics.error(
                "A021",
                f"SVG image is too large to read safely: {path.name} ({size / 1e6:.1f} MB)",
                location,
                f"simplify the drawing or save it under {MAX_SVG_BYTES // 1_000_000} MB",
            )
            return None
        art = read_svg(path.read_bytes())
    except SvgError as error:
        where = f", line {error.line}" if error.line else ""
        diagnostics.error(
            "A020",
            f"SVG image {path.name}{where}: {error}",
            location,
            "draw it with paths, shapes and solid colours, or save it as PNG",
        )
        return None
    except OSError as error:
        diagnostics.error("A002", f"cannot read image {path}: {error.strerror}", location, "check the file")
        return None
    return VectorAsset(path, art)
