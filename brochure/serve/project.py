"""The project folder as the server sees it: content.yaml read and saved, assets added, nothing outside."""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from brochure.diagnostics import Diagnostics, Location
from brochure.output import write_atomic
from brochure.resolve.images import FORMATS, ImageAsset, open_image

#: An upload larger than this is refused before it is read as an image.
MAX_UPLOAD_BYTES = 12 * 1024 * 1024
#: Uploads over this many pixels are refused (a 24-megapixel camera photo is fine).
MAX_UPLOAD_PIXELS = 40_000_000
#: What each accepted format is saved as.
SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
ASSETS = "assets"


def version_of(text: str) -> str:
    """A short fingerprint of a text: what the page says it started from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Snapshot:
    """content.yaml as it is on disk, with its fingerprint."""

    text: str
    version: str


class UploadRefused(Exception):
    """An upload that is not an acceptable image; the message says why, for the author."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.detail = detail


@dataclass(frozen=True)
class Project:
    """A leaflet project: one folder, its `content.yaml`, and `assets/` for uploaded images."""

    root: Path
    content_name: str = "content.yaml"
    data: Path | None = None

    @classmethod
    def at(cls, content: Path, *, data: Path | None = None) -> Project:
        content = content.resolve()
        return cls(content.parent, content.name, data.resolve() if data else None)

    @property
    def content(self) -> Path:
        return self.root / self.content_name

    def read(self) -> Snapshot:
        text = self.content.read_text(encoding="utf-8") if self.content.is_file() else ""
        return Snapshot(text, version_of(text))

    def save(self, text: str) -> Snapshot:
        """Write content.yaml atomically; it is the only text file the server writes."""
        write_atomic(self.content, text.encode("utf-8"))
        return Snapshot(text, version_of(text))

    def inside(self, relative: str) -> Path | None:
        """The file `relative` names if it lies inside the project folder, else None."""
        if not relative or "\x00" in relative or relative.startswith(("/", "\\")):
            return None
        path = (self.root / relative).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None

    def images(self) -> list[str]:
        """The image files of `assets/`, as paths relative to the project folder."""
        folder = self.root / ASSETS
        if not folder.is_dir():
            return []
        suffixes = {".jpg", ".jpeg", ".png", ".webp", ".svg"}
        return sorted(f"{ASSETS}/{p.name}" for p in folder.iterdir() if p.suffix.lower() in suffixes)

    def files_signature(self) -> tuple[tuple[str, int, int], ...]:
        """Name, size and modification time of the files beside content.yaml (images, fonts):
        a layout cache made with other files must not be used again."""
        found = []
        for folder in (self.root, self.root / ASSETS):
            if folder.is_dir():
                for path in folder.iterdir():
                    if path.is_file() and path.name != self.content_name:
                        stat = path.stat()
                        found.append((str(path), stat.st_size, stat.st_mtime_ns))
        return tuple(sorted(found))

    def add_image(self, name: str, data: bytes) -> str:
        """Save an uploaded image into `assets/` without its metadata; returns its relative path.

        Raises UploadRefused (too large, not an image, unsupported type, too many pixels)."""
        if len(data) > MAX_UPLOAD_BYTES:
            raise UploadRefused("upload.too_large", f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        kind = _sniff(data)
        if kind is None:
            raise UploadRefused("upload.not_image", ", ".join(FORMATS))
        # The upload is checked and cleaned by the engine's own image code, from a scratch copy
        # outside the project that disappears with its folder.
        with tempfile.TemporaryDirectory(prefix="brochure-upload-") as scratch:
            staging = Path(scratch) / f"upload{SUFFIXES[kind]}"
            write_atomic(staging, data, sync=False)
            asset = open_image(staging, Location(name), Diagnostics())
        if not isinstance(asset, ImageAsset):
            raise UploadRefused("upload.not_image", ", ".join(FORMATS))
        if asset.width_px * asset.height_px > MAX_UPLOAD_PIXELS:
            raise UploadRefused("upload.too_many_pixels", f"{MAX_UPLOAD_PIXELS // 1_000_000}")
        folder = self.root / ASSETS
        target = _free_name(folder, _safe_stem(name), SUFFIXES[kind])
        write_atomic(target, _encode(asset.pixels, kind))
        return f"{ASSETS}/{target.name}"


def _sniff(data: bytes) -> str | None:
    """The image format from the first bytes, or None: the file name is not trusted."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _encode(pixels: PILImage.Image, kind: str) -> bytes:
    """The cleaned pixels written anew: no EXIF, GPS, comments or colour-profile payloads."""
    buffer = io.BytesIO()
    if kind == "JPEG":
        pixels.convert("RGB").save(buffer, "JPEG", quality=92, optimize=True)
    else:
        pixels.save(buffer, kind, **({"optimize": True} if kind == "PNG" else {"lossless": True}))
    return buffer.getvalue()


def _safe_stem(name: str) -> str:
    """`Foto's van de klas (1).JPG` -> `fotos-van-de-klas-1`: ASCII, no path, no dots."""
    stem = Path(name.replace("\\", "/")).stem
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-")[:60] or "image"


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate, number = folder / f"{stem}{suffix}", 2
    while candidate.exists():
        candidate, number = folder / f"{stem}-{number}{suffix}", number + 1
    return candidate
