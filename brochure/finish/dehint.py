"""TrueType programs without hinting, read and written with `struct` (no font library to import)."""

from __future__ import annotations

import struct

#: Tables that only hold or size hinting: the control values, the font and pre-programs, and the
#: device tables computed by running the hints.
HINTING_TABLES = frozenset({"cvt ", "fpgm", "prep", "hdmx", "LTSH", "VDMX", "cvar"})
#: The name records a PDF viewer can use: copyright, family, style, identifier, full name,
#: version, PostScript name. The long ones (licence text, descriptions, URLs) are left out.
NAME_IDS = range(7)
#: Platform, encoding and language of the records kept where a font has them: Windows, Unicode BMP,
#: English (United States).
WINDOWS_ENGLISH = (3, 1, 0x0409)
ARGS_ARE_WORDS, HAVE_SCALE, MORE_COMPONENTS = 0x0001, 0x0008, 0x0020
HAVE_XY_SCALE, HAVE_TWO_BY_TWO, HAVE_INSTRUCTIONS = 0x0040, 0x0080, 0x0100


class FontProgramError(ValueError):
    """The bytes are not a TrueType program this module can read."""


def without_hinting(program: bytes) -> bytes:
    """`program` without instructions: no fpgm, prep or cvt table, no bytecode in any glyph, the
    maxp limits of the interpreter at zero, and only the short name records. The outlines, metrics
    and character map are unchanged. The same bytes in give the same bytes out."""
    try:
        tables = _tables(program)
        head, maxp = tables["head"], tables["maxp"]
        glyf, loca = _glyphs(
            tables["glyf"], tables["loca"], long=_ushort(head, 50) == 1, count=_ushort(maxp, 4)
        )
    except (KeyError, struct.error, IndexError) as problem:
        raise FontProgramError(f"not a TrueType program with glyph outlines: {problem}") from problem
    tables = {tag: data for tag, data in tables.items() if tag not in HINTING_TABLES}
    tables["glyf"], tables["loca"] = glyf, loca.data
    tables["head"] = head[:8] + b"\0\0\0\0" + head[12:50] + struct.pack(">H", loca.long) + head[52:]
    if _ushort(maxp, 0) == 1 and len(maxp) >= 32:  # version 1.0: the interpreter's limits
        tables["maxp"] = maxp[:14] + struct.pack(">7H", 1, 0, 0, 0, 0, 0, 0) + maxp[28:]
    if "name" in tables:
        tables["name"] = _short_names(tables["name"])
    return _sfnt(tables)


class _Loca:
    def __init__(self, offsets: list[int]) -> None:
        self.long = int(offsets[-1] > 0x1FFFE)
        self.data = struct.pack(
            f">{len(offsets)}{'L' if self.long else 'H'}",
            *(offsets if self.long else [offset >> 1 for offset in offsets]),
        )


def _glyphs(glyf: bytes, loca: bytes, *, long: bool, count: int) -> tuple[bytes, _Loca]:
    """The glyph table without instructions, each glyph padded to an even length, and its index."""
    offsets = struct.unpack(f">{count + 1}{'L' if long else 'H'}", loca[: (count + 1) * (4 if long else 2)])
    if not long:
        offsets = tuple(2 * offset for offset in offsets)
    out, positions = [], [0]
    for n in range(count):
        data = _without_instructions(glyf[offsets[n] : offsets[n + 1]])
        data += b"\0" * (len(data) % 2)  # even offsets: the short index counts in words
        out.append(data)
        positions.append(positions[-1] + len(data))
    return b"".join(out), _Loca(positions)


def _without_instructions(glyph: bytes) -> bytes:
    if len(glyph) < 10:
        return b""  # an empty glyph (a space) has no outline and no instructions
    contours = struct.unpack(">h", glyph[:2])[0]
    if contours >= 0:  # a simple glyph: end points, instruction length, instructions, then points
        at = 10 + 2 * contours
        points = _ushort(glyph, at - 2) + 1 if contours else 0
        outline = glyph[at + 2 + _ushort(glyph, at) :]
        return glyph[:at] + b"\0\0" + outline[: _outline_length(outline, points)]
    parts, at, flags = [glyph[:10]], 10, MORE_COMPONENTS
    while flags & MORE_COMPONENTS:
        flags = _ushort(glyph, at)
        size = 4 + (4 if flags & ARGS_ARE_WORDS else 2)
        size += (
            2 if flags & HAVE_SCALE else 4 if flags & HAVE_XY_SCALE else 8 if flags & HAVE_TWO_BY_TWO else 0
        )
        parts.append(struct.pack(">H", flags & ~HAVE_INSTRUCTIONS) + glyph[at + 2 : at + size])
        at += size
    return b"".join(parts)


def _outline_length(outline: bytes, points: int) -> int:
    """The bytes of a simple glyph's flags and coordinates (the padding after them left out)."""
    at, done, size = 0, 0, 0
    while done < points:
        flag, at = outline[at], at + 1
        repeat = 1
        if flag & 0x08:  # the flag holds for the next `repeat` points too
            repeat, at = outline[at] + 1, at + 1
        x = 1 if flag & 0x02 else 0 if flag & 0x10 else 2
        y = 1 if flag & 0x04 else 0 if flag & 0x20 else 2
        size += repeat * (x + y)
        done += repeat
    return at + size


def _short_names(name: bytes) -> bytes:
    """The name table (format 0) with only the records of NAME_IDS, in Windows English where the
    font has it (the Macintosh copies say the same); other formats are kept as they are."""
    version, count, start = struct.unpack(">3H", name[:6])
    if version != 0:
        return name
    records = [struct.unpack(">6H", name[6 + 12 * n : 18 + 12 * n]) for n in range(count)]
    windows = [r for r in records if r[:3] == WINDOWS_ENGLISH and r[3] in NAME_IDS]
    kept, strings, seen = [], bytearray(), {}
    for platform, encoding, language, name_id, length, offset in windows or records:
        if name_id not in NAME_IDS:
            continue
        text = name[start + offset : start + offset + length]
        if text not in seen:
            seen[text] = len(strings)
            strings += text
        kept.append(struct.pack(">6H", platform, encoding, language, name_id, length, seen[text]))
    header = struct.pack(">3H", 0, len(kept), 6 + 12 * len(kept))
    return header + b"".join(kept) + bytes(strings)


def _tables(program: bytes) -> dict[str, bytes]:
    count = _ushort(program, 4)
    tables = {}
    for n in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sLLL", program[12 + 16 * n : 28 + 16 * n])
        if offset + length > len(program):
            raise IndexError(f"table {tag!r} runs past the end of the file")
        tables[tag.decode("latin-1")] = program[offset : offset + length]
    return tables


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """The font file: tables in tag order, each at a four-byte boundary, with its checksum, and the
    whole file's checksum adjustment in the head table (OpenType's `0xB1B0AFBA - sum`)."""
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    directory = [
        struct.pack(">LHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    ]
    body, offset, head_at = [], 12 + 16 * count, 0
    for tag in sorted(tables):
        data = tables[tag]
        if tag == "head":
            head_at = offset
        directory.append(struct.pack(">4sLLL", tag.encode("latin-1"), _checksum(data), offset, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    font = b"".join(directory) + b"".join(body)
    adjustment = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF
    return font[: head_at + 8] + struct.pack(">L", adjustment) + font[head_at + 12 :]


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}L", padded)
    return sum(words) & 0xFFFFFFFF


def _ushort(data: bytes, at: int) -> int:
    return int(struct.unpack(">H", data[at : at + 2])[0])
