"""Images through Pillow: formats, orientation, no metadata in the PDF, resolution per edition."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from brochure.diagnostics import BuildError
from brochure.pipeline import build_pdfs
from tests.conftest import MINIMAL
from tests.pdfread import reader

MARKERS = (b"SECRET-EXIF-MARKER", b"SECRET-XMP-MARKER", b"52;22;33", b"Exif\x00\x00")


def with_image(folder: Path, name: str, *, width: float = 1.0) -> Path:
    """A content file whose flap shows `name` at `width` of the column (the image block is line 9)."""
    path = folder / "content.yaml"
    block = f"    - image: {{file: {name}, alt: Een foto, width: {width}}}\n"
    path.write_text(MINIMAL.replace("    - text: Flap.\n", "    - text: Flap.\n" + block), encoding="utf-8")
    return path


def phone_photo(path: Path, size: tuple[int, int] = (400, 200)) -> None:
    """A JPEG as phones write it: rotated by an EXIF orientation, with GPS and XMP."""
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((40, 40, 200), (0, 0, size[0] // 4, size[1]))  # a blue band on the stored left
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    exif[0x010E] = "SECRET-EXIF-MARKER"
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 22.0, 33.0), 3: "E", 4: (4.0, 53.0, 0.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>SECRET-XMP-MARKER</rdf:RDF></x:xmpmeta>'
    image.save(path, "JPEG", exif=exif, xmp=xmp)


def image_xobjects(data: bytes, page: int = 0) -> list[object]:
    resources = reader(data).pages[page]["/Resources"]
    return [
        x.get_object()
        for x in resources.get("/XObject", {}).values()
        if x.get_object()["/Subtype"] == "/Image"
    ]


def test_phone_photo_is_upright_and_carries_no_metadata(tmp_path: Path) -> None:
    """EXIF orientation is applied; no EXIF, GPS or XMP reaches the PDF, in any stream."""
    phone_photo(tmp_path / "photo.jpg")
    source = (tmp_path / "photo.jpg").read_bytes()
    assert all(marker in source for marker in MARKERS[:2])
    pdfs = build_pdfs(with_image(tmp_path, "photo.jpg"), ("print", "press"))[0]
    for data in pdfs.values():
        (xobject,) = image_xobjects(data)
        assert xobject["/Height"] > xobject["/Width"]  # type: ignore[index]  # 400 x 200 stored, shown upright
        assert "/Metadata" not in xobject  # type: ignore[operator]
        streams = [xobject.get_data(), xobject._data]  # type: ignore[attr-defined]
        for marker in MARKERS:
            assert all(marker not in s for s in streams)
            assert marker not in data
        assert "/DCTDecode" in str(xobject["/Filter"])  # type: ignore[index]  # a photo stays a JPEG
        picture = Image.open(io.BytesIO(xobject.get_data())).convert("RGB")  # type: ignore[attr-defined]
        assert Image.open(io.BytesIO(xobject.get_data())).getexif() == {}  # type: ignore[attr-defined]
        top, bottom = picture.getpixel((0, 0)), picture.getpixel((0, picture.height - 1))
        assert top[2] > top[0]  # type: ignore[index]  # the band on the stored left is at the top
        assert bottom[0] > bottom[2]  # type: ignore[index]  # the bottom row is red


def test_photos_are_jpegs_and_drawings_stay_lossless(tmp_path: Path) -> None:
    """A JPEG source is embedded as a JPEG (a fraction of the size of its pixels deflated); a PNG
    keeps lossless Flate, so logos and drawings get no JPEG artefacts; CMYK stays Flate."""
    noise = Image.effect_noise((900, 600), 60).convert("RGB")
    noise.save(tmp_path / "photo.jpg", quality=90)
    noise.save(tmp_path / "drawing.png")
    for file, wanted in (("photo.jpg", "/DCTDecode"), ("drawing.png", "/FlateDecode")):
        pdfs = build_pdfs(with_image(tmp_path, file), ("print", "phone"))[0]
        for edition, data in pdfs.items():
            (xobject,) = image_xobjects(data, page=1 if edition == "phone" else 0)
            assert wanted in str(xobject["/Filter"]), (file, edition)  # type: ignore[index]
    photo = build_pdfs(with_image(tmp_path, "photo.jpg"), ("phone",))[0]["phone"]
    drawing = build_pdfs(with_image(tmp_path, "drawing.png"), ("phone",))[0]["phone"]
    assert len(photo) < len(drawing) / 2  # the same (noisy, worst-case) pixels
    (xobject,) = image_xobjects(
        build_pdfs(with_image(tmp_path, "photo.jpg"), ("press",), cmyk=True)[0]["press"]
    )
    assert "/FlateDecode" in str(xobject["/Filter"])  # type: ignore[index]


def test_images_are_downsampled_to_each_editions_resolution(tmp_path: Path) -> None:
    """A 3000-pixel photo at half the column is 300 ppi in the press and 200 in the office file."""
    Image.new("RGB", (3000, 2000), (90, 140, 60)).save(tmp_path / "big.png")
    pdfs = build_pdfs(with_image(tmp_path, "big.png", width=0.5), ("print", "press"))[0]
    placed_inches = None
    for edition, ppi in (("print", 200), ("press", 300)):
        (xobject,) = image_xobjects(pdfs[edition])
        width = xobject["/Width"]  # type: ignore[index]
        placed_inches = placed_inches or width / ppi
        assert width / placed_inches == pytest.approx(ppi, abs=2), edition
        assert width < 3000
    assert len(pdfs["print"]) < len(pdfs["press"])


@pytest.mark.parametrize(("editions", "needed"), [(("print",), 150), (("print", "press"), 300)])
def test_low_resolution_warns_at_the_block_for_the_most_demanding_edition(
    tmp_path: Path, editions: tuple[str, ...], needed: int
) -> None:
    """A005 names the effective ppi and what the edition needs, at the image's line; a small
    image is never upsampled."""
    Image.new("RGB", (300, 200), (90, 140, 60)).save(tmp_path / "small.png")
    pdfs, _, warnings = build_pdfs(with_image(tmp_path, "small.png"), editions)
    (warning,) = [w for w in warnings if w.code == "A005"]
    assert warning.location.line == 9 and not warning.is_error
    ppi = float(warning.message.split(" has ")[1].split(" ppi")[0])
    assert 80 < ppi < 100  # 300 pixels over about 3.2 inches
    assert f"needs {needed} ppi" in warning.message
    for data in pdfs.values():
        assert image_xobjects(data)[0]["/Width"] == 300  # type: ignore[index]


def test_enough_resolution_gives_no_warning(tmp_path: Path) -> None:
    """1000 pixels over 1.6 inches is above 300 ppi: no A005."""
    Image.new("RGB", (1000, 500)).save(tmp_path / "fine.png")
    warnings = build_pdfs(with_image(tmp_path, "fine.png", width=0.5), ("press",))[2]
    assert not [w for w in warnings if w.code == "A005"]


def test_png_alpha_becomes_a_soft_mask_in_rgb_and_in_cmyk(tmp_path: Path) -> None:
    """Transparency survives as an SMask; the CMYK press edition embeds DeviceCMYK pixels."""
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    image.paste((20, 120, 200, 255), (50, 50, 150, 150))
    image.save(tmp_path / "logo.png")
    path = with_image(tmp_path, "logo.png", width=0.3)
    rgb = build_pdfs(path, ("print",))[0]["print"]
    cmyk = build_pdfs(path, ("press",), cmyk=True)[0]["press"]
    for data, space in ((rgb, "/DeviceRGB"), (cmyk, "/DeviceCMYK")):
        (xobject,) = image_xobjects(data)
        assert xobject["/ColorSpace"] == space  # type: ignore[index]
        mask = xobject["/SMask"].get_object()  # type: ignore[index]
        alpha = mask.get_data()
        assert min(alpha) == 0 and max(alpha) == 255


def test_webp_is_read(tmp_path: Path) -> None:
    """WebP files (as browsers save them) are accepted."""
    Image.new("RGB", (120, 80), (10, 20, 30)).save(tmp_path / "web.webp", "WEBP")
    (xobject,) = image_xobjects(build_pdfs(with_image(tmp_path, "web.webp"), ("print",))[0]["print"])
    assert xobject["/Width"] == 120  # type: ignore[index]


def bomb_png(path: Path, width: int, height: int) -> None:
    """A tiny PNG whose header claims a huge size (a decompression bomb)."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("broken.jpg", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg"), "A002"),
        ("cut.png", lambda p: p.write_bytes(_png_bytes()[:-40]), "A002"),
        ("notes.png", lambda p: p.write_text("hello", encoding="utf-8"), "A002"),
        ("anim.gif", lambda p: Image.new("RGB", (10, 10)).save(p, "GIF"), "A006"),
        ("scan.tiff", lambda p: Image.new("RGB", (10, 10)).save(p, "TIFF"), "A006"),
        ("bomb.png", lambda p: bomb_png(p, 30_000, 30_000), "A003"),
        ("huge.png", lambda p: bomb_png(p, 10_000, 8_500), "A003"),
        ("missing.png", lambda p: None, "A001"),
    ],
)
def test_bad_images_are_diagnostics_never_crashes(tmp_path: Path, name: str, make, code: str) -> None:  # type: ignore[no-untyped-def]
    """Damaged files, other formats and decompression bombs are errors at the image's line."""
    make(tmp_path / name)
    with pytest.raises(BuildError) as raised:
        build_pdfs(with_image(tmp_path, name), ("print",))
    (error,) = [d for d in raised.value.diagnostics if d.is_error]
    assert (error.code, error.location.line) == (code, 9)


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 60).save(buffer, "PNG")
    return buffer.getvalue()
