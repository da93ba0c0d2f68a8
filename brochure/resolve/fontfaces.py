"""TrueType fonts whose subsets are made once per font program and set of glyphs, keyed by bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from fnmatch import fnmatch
from typing import Any, BinaryIO
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, unShapedFontGlob  # type: ignore[attr-defined]

from brochure.caches import memo


class _Program:
    """A font face as a cache key: equal when the font file's bytes and the face index are."""

    def __init__(self, face: SubsetCachingFace) -> None:
        self.face = face
        self.key = (face.digest, face.subfontNameX)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Program) and other.key == self.key


@memo(maxsize=64)
def _subset(program: _Program, glyphs: tuple[int, ...]) -> bytes:
    return TTFontFace.makeSubset(program.face, list(glyphs))


class SubsetCachingFace(TTFontFace):
    """ReportLab's face, making the same subset (same font bytes, same glyphs) once per process.

    Making a subset is a pure function of the font program and the glyphs, so the bytes are the
    same; a batch's leaflets and a leaflet's editions mostly ask for the same subsets. The key is
    the digest of the font file's bytes, not its path: a font file replaced between two builds
    (`brochure watch`) gets new subsets."""

    def __init__(self, filename: str | BinaryIO, *, subfontIndex: int = 0) -> None:
        super().__init__(filename, validate=0, subfontIndex=subfontIndex)
        self.digest = hashlib.sha256(self._ttf_data).hexdigest()  # type: ignore[attr-defined]

    def makeSubset(self, subset: Sequence[Any]) -> bytes:
        return _subset(_Program(self), tuple(subset))


class SubsetCachingTTFont(TTFont):
    """`TTFont` with a `SubsetCachingFace` (ReportLab's constructor with that one face class)."""

    def __init__(self, name: str, filename: str | BinaryIO) -> None:
        self.fontName = name
        self.face = SubsetCachingFace(filename)
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
