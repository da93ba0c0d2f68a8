"""Fonts: the embedded typeface family, registered once per version of its files, and its glyph coverage."""

from __future__ import annotations

import hashlib
import io
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from brochure.caches import memo
from brochure.languages import RIGHT_TO_LEFT_SCRIPTS, SUPPORTED, primary

STYLES = ("regular", "bold", "italic", "bold-italic")
#: A face of a large family is about 1 MB; CJK faces reach 20 MB.
MAX_FONT_BYTES = 40_000_000


def default_font_files(language: str = "") -> tuple[str, str, str, str]:
    """The default family for a language: Source Sans Pro (SIL Open Font License, shipped by the
    font-source-sans-pro package) for Latin script; for Cyrillic, whose letters that package's
    italics lack, Noto Sans (shipped in `typefaces/`, Latin and Cyrillic)."""
    if language and primary(language) in RIGHT_TO_LEFT_SCRIPTS:
        return script_font_files(RIGHT_TO_LEFT_SCRIPTS[primary(language)])  # type: ignore[return-value]
    if language and SUPPORTED.get(primary(language), None) is not None:
        script = SUPPORTED[primary(language)].script
        if script != "Latin" and script in SCRIPT_FACES:
            return script_font_files(script)  # type: ignore[return-value]
    import font_source_sans_pro  # type: ignore[import-untyped]  # ships no type information

    folder = Path(font_source_sans_pro.font_directory)
    names = ("Regular", "Bold", "It", "BoldIt")
    return tuple(str(folder / f"SourceSansPro-{n}.ttf") for n in names)  # type: ignore[return-value]


#: Faces shipped in `typefaces/` (SIL OFL, see typefaces/OFL.txt) for scripts the default family
#: lacks, by script (Arabic and Hebrew have no italic: the upright faces stand in for it; their
#: Latin letters, digits and punctuation come from the Latin fallback, Noto Sans).
SHIPPED = Path(__file__).parent / "typefaces"
SCRIPT_FACES: dict[str, tuple[str, str, str, str]] = {
    "Cyrillic": (
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-Italic.ttf",
        "NotoSans-BoldItalic.ttf",
    ),
    "Arabic": (
        "NotoNaskhArabic-Regular.ttf",
        "NotoNaskhArabic-Bold.ttf",
        "NotoNaskhArabic-Regular.ttf",
        "NotoNaskhArabic-Bold.ttf",
    ),
    "Hebrew": (
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
    ),
}


#: The family that sets the Latin letters, digits, brackets and signs an Arabic or Hebrew face lacks.
LATIN_FALLBACK = SCRIPT_FACES["Cyrillic"]


def script_font_files(script: str) -> tuple[str, str, str, str] | None:
    """The four faces shipped for a script the default family does not cover, or None."""
    faces = SCRIPT_FACES.get(script)
    return None if faces is None else tuple(str(SHIPPED / face) for face in faces)  # type: ignore[return-value]


@dataclass(frozen=True)
class FontFamily:
    """ReportLab names of the four registered faces; `<b>` and `<i>` map onto them."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    #: The family that sets what these faces lack (Latin letters in an Arabic face), if any.
    fallback: FontFamily | None = None
    #: In a left-to-right leaflet with Arabic or Hebrew words: the family that sets them.
    phrases: FontFamily | None = None

    @property
    def spare(self) -> FontFamily | None:
        """The family that sets what these faces lack: the fallback, or the phrases' family."""
        return self.fallback or self.phrases

    def faces(self) -> tuple[str, str, str, str]:
        return (self.regular, self.bold, self.italic, self.bold_italic)

    def face(self, *, bold: bool = False, italic: bool = False) -> str:
        return ((self.regular, self.italic), (self.bold, self.bold_italic))[bold][italic]


def font_file_problem(path: Path) -> tuple[str, str] | None:
    """Why a font file cannot be embedded, as (what is wrong, what to do), or None if it can."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        if not path.is_file():
            return "is not found", "give the path relative to the folder of the content file"
        if path.stat().st_size > MAX_FONT_BYTES:
            return (
                f"is larger than {MAX_FONT_BYTES // 1_000_000} MB",
                "use the TrueType (.ttf) file of one face",
            )
        data = path.read_bytes()
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        return f"cannot be read ({getattr(error, 'strerror', None) or error})", "check the file name"
    head = data[:4]
    if head == b"OTTO":
        return (
            "has PostScript (CFF) outlines, which cannot be embedded",
            "use the TrueType (.ttf) version of the font; most families publish one",
        )
    if head in (b"wOFF", b"wOF2"):
        return "is a web font (WOFF)", "use the TrueType (.ttf) version of the font"
    damage = table_problem(data) if head in (b"\x00\x01\x00\x00", b"true") else ""
    if damage:
        return f"is damaged ({damage})", "copy the font file again, or use another TrueType (.ttf) font"
    try:
        TTFont("probe", str(path))
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error) as error:
        reason = str(error).replace(str(path), path.name)
        return f"is not a usable TrueType font ({reason})", "use a TrueType (.ttf) font file"
    return None


def table_problem(data: bytes) -> str:
    """What is wrong with a TrueType file's table directory ('' when every table the directory
    lists lies inside the file): a file cut short fails here, not while embedding."""
    if len(data) < 12:
        return "too short to be a font"
    (count,) = struct.unpack(">H", data[4:6])
    if len(data) < 12 + 16 * count:
        return "its table directory is cut short"
    for n in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * n : 28 + 16 * n])
        if offset + length > len(data):
            name = tag.decode("latin-1").strip()
            needed = offset + length
            return f"the file ends inside its '{name}' table: it is {len(data):,} bytes, {needed:,} needed"
    return ""


def register_family(files: tuple[str, str, str, str]) -> FontFamily:
    """Register four TrueType files with ReportLab as one family, once per version of the files.

    Raises OSError or reportlab's TTFError for a file that cannot be used; resolve turns those
    into diagnostics. A file replaced on disk (a new size or time) is read and registered again,
    so a long-running process (`watch`, `serve`) embeds the face the file holds now.
    """
    return _register(tuple(_version(file) for file in files))


def _version(file: str) -> tuple[str, int, int]:
    stat = Path(file).stat()
    return file, stat.st_size, stat.st_mtime_ns


@memo(maxsize=64)
def _register(versions: tuple[tuple[str, int, int], ...]) -> FontFamily:
    """The names carry a digest of the four files' bytes: ReportLab's font registry is one per
    process and maps <b> and <i> by the regular face's name, so a name must mean one set of bytes
    (two families sharing a regular file, or one file changed between builds, get other names).
    The names never reach the PDF."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from brochure.resolve.fontfaces import SubsetCachingTTFont

    programs = [Path(file).read_bytes() for file, _, _ in versions]
    digest = hashlib.sha256(b"".join(hashlib.sha256(p).digest() for p in programs)).hexdigest()[:12]
    names = []
    for style, (file, _, _), program in zip(STYLES, versions, programs, strict=True):
        name = f"{Path(file).stem}-{style}-{digest}"
        pdfmetrics.registerFont(SubsetCachingTTFont(name, io.BytesIO(program)))
        names.append(name)
    family = FontFamily(names[0], names[1], names[2], names[3])
    addMapping(family.regular, 0, 0, family.regular)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 1, family.bold_italic)
    return family


@memo(maxsize=64)
def coverage(font_name: str) -> frozenset[int]:
    """The code points a registered font has glyphs for."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(font_name)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


@memo(maxsize=64)
def soft_hyphen_is_visible(font_name: str) -> bool:
    """Whether the font draws U+00AD SOFT HYPHEN as a hyphen: same advance and same outline box
    as '-' (Source Sans Pro maps it to a copy of the hyphen; some fonts leave it empty)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        return False
    face = font.face
    hyphen, soft = face.charToGlyph.get(0x2D), face.charToGlyph.get(0xAD)
    if hyphen is None or soft is None or face.hmetrics[hyphen][0] != face.hmetrics[soft][0]:
        return False
    glyphs = face.get_table("glyf")  # type: ignore[no-untyped-call]

    def box(glyph: int) -> bytes:
        start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
        return bytes(glyphs[start + 2 : start + 10]) if end - start >= 10 else b""

    return box(hyphen) != b"" and box(hyphen) == box(soft)


#: Letters whose outline's top stands for a face's x-height where its OS/2 table gives none
#: (Noto Naskh Arabic's sxHeight is 0): Latin x (what OS/2 measures), Arabic heh and Hebrew
#: alef, the height of a letter's body without ascender or descender.
BODY_LETTERS = ("x", "\u0647", "\u05d0")


@memo(maxsize=64)
def x_height(font_name: str) -> float:
    """A registered face's x-height in 1/1000 em: its OS/2 sxHeight, or the top of the outline of
    the first of BODY_LETTERS it has when the table gives none (0.0 without either). Read with
    ReportLab's parser of the face (OS/2 version 2 and later hold sxHeight at byte 86)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        return 0.0
    face = font.face
    scale = 1000.0 / float(face.unitsPerEm)
    os2 = face.get_table("OS/2") if "OS/2" in face.table else b""  # type: ignore[no-untyped-call]
    if len(os2) >= 88 and struct.unpack(">H", os2[:2])[0] >= 2:
        (height,) = struct.unpack(">h", os2[86:88])
        if height > 0:
            return float(height) * scale
    glyphs = face.get_table("glyf")  # type: ignore[no-untyped-call]
    for letter in BODY_LETTERS:
        glyph = face.charToGlyph.get(ord(letter))
        if glyph is not None and face.glyphPos[glyph + 1] - face.glyphPos[glyph] >= 10:
            (top,) = struct.unpack(">h", bytes(glyphs[face.glyphPos[glyph] + 8 : face.glyphPos[glyph] + 10]))
            return float(top) * scale
    return 0.0


def fallback_scale(face: str, fallback: str) -> float:
    """The size factor that gives the fallback face's letters the face's x-height (Latin words in
    Noto Naskh Arabic text: 408 / 536, about 0.76; Noto Sans Hebrew and Noto Sans share theirs);
    1.0 when either height is unknown."""
    mine, theirs = x_height(face), x_height(fallback)
    return mine / theirs if mine > 0 and theirs > 0 else 1.0


def text_size(fonts: FontFamily, font: str, size: float) -> float:
    """The size of the text a run stands in: a fallback face's run (a Latin word in Arabic text,
    set smaller by `fallback_scale`) counts at the size of its family's face, which it matches."""
    if fonts.fallback is None or font not in fonts.fallback.faces():
        return size
    own = fonts.faces()[fonts.fallback.faces().index(font)]
    return size / fallback_scale(own, font)


def missing_characters(text: str, font_name: str) -> list[str]:
    """Characters of `text` (in order of first appearance) that the font cannot draw."""
    have = coverage(font_name)
    seen: dict[str, None] = {}
    for char in text:
        if char.isspace() or char in ("\u00ad", "\u200b"):
            continue
        if ord(char) not in have:
            seen.setdefault(char, None)
    return list(seen)


def describe(char: str) -> str:
    """`'ł' (U+0142 LATIN SMALL LETTER L WITH STROKE)`."""
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"
