"""TrueType fonts whose subsets are made once per font program and set of glyphs, keyed by bytes,
and that draw shaped glyphs (HarfBuzz's ids) with a ToUnicode entry of their logical text."""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from fnmatch import fnmatch
from typing import Any, BinaryIO
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (  # type: ignore[attr-defined]
    SUBSETN,
    TTEncoding,
    TTFont,
    TTFontFace,
    unShapedFontGlob,
)

from brochure.caches import memo

#: A shaped glyph as a font subset holds it: (glyph id, the logical text it stands for).
GlyphKey = tuple[int, str]


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
def _subset(program: _Program, glyphs: tuple[int | GlyphKey, ...]) -> bytes:
    face: TTFontFace = program.face
    keys = [key for key in glyphs if isinstance(key, tuple)]
    if keys:
        # A copy of the face (sharing its bytes) whose character map also maps each shaped
        # glyph's key to its glyph: ReportLab's subsetter then keeps those glyphs too.
        face = copy.copy(face)
        face.charToGlyph = {**program.face.charToGlyph, **{key: key[0] for key in keys}}
    return TTFontFace.makeSubset(face, list(glyphs))


class SubsetCachingFace(TTFontFace):
    """ReportLab's face, making the same subset (same font bytes, same glyphs) once per process.

    Making a subset is a pure function of the font program and the glyphs, so the bytes are the
    same; a batch's leaflets and a leaflet's editions mostly ask for the same subsets. The key is
    the digest of the font file's bytes, not its path: a font file replaced between two builds
    (`brochure watch`) gets new subsets."""

    def __init__(self, filename: str | BinaryIO, *, subfontIndex: int = 0) -> None:
        super().__init__(filename, validate=0, subfontIndex=subfontIndex)
        #: The font file's bytes (HarfBuzz shapes with them).
        self.program: bytes = self._ttf_data  # type: ignore[attr-defined]
        self.digest = hashlib.sha256(self.program).hexdigest()

    def makeSubset(self, subset: Sequence[Any]) -> bytes:
        return _subset(_Program(self), tuple(subset))


class SubsetCachingTTFont(TTFont):
    """`TTFont` with a `SubsetCachingFace` (ReportLab's constructor with that one face class).

    It also gives shaped glyphs codes (`glyph_codes`): each (glyph, text) pair gets a code of its
    own in the document's subsets of this font (so one glyph standing for two texts, as a
    mirrored bracket does, gets two codes), and the subset's ToUnicode maps the code to the text.
    The codes live in ReportLab's per-document state of the font; nothing changes for the process.
    """

    def __init__(self, name: str, filename: str | BinaryIO) -> None:
        self.fontName = name
        self.face = SubsetCachingFace(filename)
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)

    def glyph_widths(self) -> tuple[float, ...]:
        """Every glyph's advance in 1/1000 em (ReportLab's scale of its character widths)."""
        scale = 1000.0 / self.face.unitsPerEm
        return tuple(advance * scale for advance, _ in self.face.hmetrics)

    def glyph_codes(self, keys: Sequence[GlyphKey], doc: Any) -> list[tuple[int, bytes]]:
        """The codes of shaped glyphs in the document `doc`, as (subset, codes) pieces like
        `splitString`'s for characters."""
        self.splitString("", doc)  # makes the document's state
        state = self.state[doc]
        skip = 31 if self._asciiReadable and state.nextCode < 32 else -256
        results: list[tuple[int, bytes]] = []
        current, codes = -1, bytearray()
        for key in keys:
            n = state.assignments.get(key)
            if n is None:
                n = _assign(state, key, skip)
            if (n >> 8) != current:
                if codes:
                    results.append((current, bytes(codes)))
                current, codes = n >> 8, bytearray()
            codes.append(n & 0xFF)
        if codes:
            results.append((current, bytes(codes)))
        return results

    def addObjects(self, doc: Any) -> None:
        """ReportLab's, with the widths and ToUnicode entries of shaped glyphs' codes."""
        state = self.state.get(doc)
        if state is None or not any(isinstance(c, tuple) for subset in state.subsets for c in subset):
            super().addObjects(doc)
            return
        state.frozen = 1
        widths, face = self.glyph_widths(), self.face
        assert isinstance(face, SubsetCachingFace)
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            font: Any = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal
            font.BaseFont = base
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray(
                [
                    widths[c[0]] if isinstance(c, tuple) else face.charWidths.get(c, face.defaultWidth)
                    for c in subset
                ]
            )
            cmap = pdfdoc.PDFStream()
            cmap.content = to_unicode_cmap(base, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
            font.FontDescriptor = face.addSubsetObjects(doc, base, subset)  # type: ignore[no-untyped-call]
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self.state[doc]


def _assign(state: Any, key: GlyphKey, skip: int) -> int:
    """The next code of the font's document state for `key`, as ReportLab assigns one to a
    character (code 32 stays a space, code 0 of every further subset the missing glyph)."""
    if state.frozen:
        raise pdfdoc.PDFError(f"font is already frozen, cannot add glyph {key[0]}")
    subsets = state.subsets
    n = state.nextCode
    if n & 0xFF == 32:
        if n != 32:
            subsets[n >> 8].append(32)
        state.nextCode += 1
        n = state.nextCode
    if n > 32:
        if not n & 0xFF:
            subsets.append([0])
            state.nextCode += 1
            n = state.nextCode
        subsets[n >> 8].append(key)
    else:
        if n == skip:
            state.nextCode = 127
        subsets[0][n] = key
    state.nextCode += 1
    state.assignments[key] = n
    return int(n)


def to_unicode_cmap(name: str, subset: Sequence[int | GlyphKey]) -> str:
    """ReportLab's ToUnicode CMap of a subset, a shaped glyph mapped to its logical text."""

    def target(code: int | GlyphKey) -> str:
        if isinstance(code, tuple):
            return code[1].encode("utf-16-be").hex().upper()
        return f"{code:04X}"

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({name})",
        f"/Ordering ({name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{target(code)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)
