"""The standards every file claims, checked over every edition of every test leaflet (and of the
corpus under tests/corpus/ when it is there): PDF/A-2a and PDF/UA-1 for the office and phone
editions and the job sheet, PDF/X-4 and PDF/UA-1 for the press, Ghostscript's reading of all."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from brochure.load.content import load, load_text
from brochure.load.model import Content
from brochure.pipeline import Built, build_content
from brochure.resolve.conditions import CONDITIONS, SRGB
from tests.conftest import MINIMAL, SAMPLE
from tests.standards import (
    black_only,
    cmyk_lab,
    delta_e,
    ghostscript_messages,
    painted,
    pdfx4_problems,
    rich_black,
    validator_failures,
)
from tests.test_tagged_pdf import RICH

try:  # the corpus of test leaflets, where it has landed
    from tests import corpus as _corpus

    CORPUS = tuple(leaflet.name for leaflet in _corpus.LEAFLETS)
except ImportError:  # pragma: no cover - before the corpus lands
    CORPUS = ()

pytestmark = pytest.mark.slow  # the first test of a leaflet builds its editions
EDITIONS = ("print", "press", "phone")
#: A leaflet on US Letter, Z-folded, with a photo and a drawing with transparency, in CMYK.
PICTURES = (
    MINIMAL.replace("panels:\n", "fold: {kind: z, paper: letter}\ntheme:\n  cmyk: true\npanels:\n")
    .replace(
        "    - text: Flap.\n",
        "    - text: Flap.\n"
        "    - image: {file: photo.jpg, alt: Een foto, width: 0.5}\n"
        "    - image: {file: logo.png, alt: Een logo, width: 0.3}\n",
    )
    .replace("  flap:\n", "  outside-middle:\n")
)
UNCOATED = MINIMAL.replace("panels:\n", "fold: half\ntheme:\n  paper-stock: uncoated\npanels:\n").replace(
    "  flap:\n    - text: Flap.\n", ""
)
#: Leaflet name -> how to load it (each gets a folder of its own when it needs files).
SOURCES: dict[str, Callable[[Path], tuple[Content, tuple[object, ...]]]] = {
    "sample": lambda _: load(SAMPLE),
    "rich": lambda folder: load_text(RICH, folder / "content.yaml"),
    "pictures": lambda folder: load_text(PICTURES, folder / "content.yaml"),
    "uncoated": lambda folder: load_text(UNCOATED, folder / "content.yaml"),
}
NAMES = (*SOURCES, *CORPUS)
SCREEN_FILES = [f"{name}:{edition}" for name in NAMES for edition in ("print", "phone", "press-job")]
PRESS_FILES = [f"{name}:press" for name in NAMES] + ["sample:press-cmyk"]


def _pictures(folder: Path) -> None:
    photo = Image.new("RGB", (600, 400), (200, 40, 40))
    photo.paste((30, 90, 200), (0, 0, 150, 400))
    photo.save(folder / "photo.jpg", "JPEG", quality=90)
    logo = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    logo.paste((20, 140, 60, 255), (100, 100, 300, 300))
    logo.save(folder / "logo.png")


@functools.cache
def _folder() -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="brochure-standards-"))
    _pictures(folder)
    return folder


@functools.cache
def built(name: str, *, cmyk: bool = False) -> Built:
    """Every edition of a test leaflet, built once per test run (builds are pure)."""
    if name in SOURCES:
        content, found = SOURCES[name](_folder())
    else:
        return _corpus.built(name)
    return build_content(content, found, EDITIONS, cmyk=cmyk)  # type: ignore[arg-type]


def file(case: str) -> bytes:
    """`sample:press`, `rich:press-job`, `sample:press-cmyk`: the bytes of one built file."""
    name, edition = case.split(":")
    if edition == "press-cmyk":
        return built(name, cmyk=True).pdfs["press"]
    leaflet = built(name)
    if edition == "press-job":
        assert leaflet.job_sheet is not None
        return leaflet.job_sheet
    return leaflet.pdfs[edition]


@pytest.mark.parametrize("case", SCREEN_FILES)
def test_office_phone_and_job_sheet_files_are_pdf_a_2a_and_pdf_ua_1(case: str) -> None:
    """The independent validator finds no failed rule of PDF/A-2a or of PDF/UA-1."""
    data = file(case)
    assert validator_failures(data, "2a") == []
    assert validator_failures(data, "ua1") == []
    xmp = pikepdf.open(io.BytesIO(data)).open_metadata()
    assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == ("2", "A", "1")


@pytest.mark.parametrize("case", PRESS_FILES)
def test_press_files_are_pdf_x_4_and_pdf_ua_1(case: str) -> None:
    """Every PDF/X-4 requirement the project can meet holds, and PDF/UA-1 too."""
    data = file(case)
    assert pdfx4_problems(data) == []
    assert validator_failures(data, "ua1") == []


def test_the_pdf_x_check_finds_what_a_preflight_would_reject() -> None:
    """The office edition (sRGB intent, RGB, links, no PDF/X identification) fails it."""
    problems = " | ".join(pdfx4_problems(file("rich:print")))
    for expected in (
        "0 PDF/X output intents",
        "GTS_PDFXVersion",
        "DeviceRGB",
        "annotation inside the TrimBox",
    ):
        assert expected in problems


@pytest.mark.slow
def test_ghostscript_renders_every_file_without_a_word(tmp_path: Path) -> None:
    """One Ghostscript run over every file of every leaflet prints no warning and no error."""
    paths = []
    for case in [*SCREEN_FILES, *PRESS_FILES]:
        path = tmp_path / (case.replace(":", "-") + ".pdf")
        path.write_bytes(file(case))
        paths.append(path)
    assert ghostscript_messages(paths) == ""


def test_output_intents_embed_the_profile_of_the_paper_stock() -> None:
    """Coated paper: FOGRA39; uncoated: FOGRA29; screens: sRGB; the profile's bytes are embedded."""
    for case, condition in (
        ("sample:press", CONDITIONS["coated"]),
        ("uncoated:press", CONDITIONS["uncoated"]),
        ("sample:phone", SRGB),
    ):
        pdf = pikepdf.open(io.BytesIO(file(case)))
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == condition.identifier
        assert bytes(intent.DestOutputProfile.read_bytes()) == condition.profile


def test_a_cmyk_colour_is_what_littlecms_makes_of_it_through_the_same_profile() -> None:
    """The theme colour of the CMYK press edition, and LittleCMS's conversion of the same sRGB
    colour through the output intent's profile, differ by less than 2 (CIE76 on the press)."""
    data = file("sample:press-cmyk")
    pdf = pikepdf.open(io.BytesIO(data))
    profile = bytes(pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes())
    primary = built("sample").layouts["sheet"].document.theme.palette.primary
    source = ImageCms.ImageCmsProfile(io.BytesIO(SRGB.profile))
    target = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    transform = ImageCms.buildTransform(
        source,
        target,
        "RGB",
        "CMYK",
        ImageCms.Intent.RELATIVE_COLORIMETRIC,
        ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
    pixel = Image.new("RGB", (1, 1), tuple(round(c * 255) for c in primary.astuple()))
    expected = [v / 255 for v in ImageCms.applyTransform(pixel, transform).getpixel((0, 0))]  # type: ignore[union-attr]
    fills = {state["fill"][1] for _, op, state in painted(data) if state["fill"][0] == "k"}  # type: ignore[index]
    nearest = min(fills, key=lambda cmyk: delta_e(cmyk_lab(profile, cmyk), cmyk_lab(profile, expected)))
    assert delta_e(cmyk_lab(profile, nearest), cmyk_lab(profile, expected)) < 2
    assert max(nearest[1:3]) > 0.3, "the theme colour is a colour, not a grey"


@pytest.mark.parametrize("case", ["sample:press", "sample:press-cmyk", "pictures:press", "ar-tanammur:press"])
def test_body_text_is_black_ink_alone_and_overprints(case: str) -> None:
    """No text in a rich black; text and lines in black ink alone overprint (with OPM 1)."""
    shown = [state for _, op, state in painted(file(case)) if op in ("Tj", "TJ")]
    assert shown and not [s for s in shown if rich_black(s["fill"])]
    black = [s for s in shown if black_only(s["fill"])]
    assert len(black) > len(shown) / 2  # most text is body text
    assert all(s["op"] for s in black)
    assert not [s for s in shown if s["op"] and not black_only(s["fill"])]
    lines = [s for _, op, s in painted(file(case)) if op == "S" and black_only(s["stroke"])]
    assert all(s["OP"] for s in lines)


@pytest.mark.parametrize("case", PRESS_FILES)
def test_registration_colour_only_for_marks_and_those_beyond_the_bleed(case: str) -> None:
    """Whatever is painted in the registration colour (Separation /All) lies wholly outside the
    BleedBox, and is only lines; the slug is black ink alone, outside the bleed too."""
    data = file(case)
    pages = pikepdf.open(io.BytesIO(data)).pages
    seen = 0
    for number, op, state in painted(data):
        x0, y0, x1, y1 = (float(v) for v in pages[number - 1].BleedBox)
        if state["stroke"] == ("CS", ("/All",)) and op == "S":
            seen += 1
            for x, y in state["points"]:  # type: ignore[attr-defined]
                assert not (x0 < x < x1 and y0 < y < y1), (case, number, x, y)
        assert "/All" not in str(state["fill"]) or op not in ("f", "Tj", "TJ")
    assert seen >= 8 * len(pages)  # two lines at each corner


def test_the_press_has_no_links_but_keeps_its_qr_codes() -> None:
    """No annotation in the press file (PDF/X forbids them on the sheet) and no Link element in
    its structure; the office file of the same leaflet has its links; both print the QR codes."""
    press, office = (pikepdf.open(io.BytesIO(file(f"sample:{e}"))) for e in ("press", "print"))
    assert not any("/Annots" in page.obj for page in press.pages)
    assert sum(len(page.obj.get("/Annots", [])) for page in office.pages) >= 2
    roles = {str(obj.get("/S")) for obj in press.objects if isinstance(obj, pikepdf.Dictionary)}
    assert "/Link" not in roles and "/P" in roles
    for pdf in (press, office):
        text = b"".join(pikepdf.unparse_content_stream(pikepdf.parse_content_stream(p)) for p in pdf.pages)
        assert text.count(b" re") > 200  # the QR modules, drawn as vectors


def test_images_go_through_the_profiles_in_cmyk_and_are_calibrated_in_rgb() -> None:
    """CMYK press: the photo's pixels are LittleCMS's conversion; RGB press: images are ICCBased."""
    pdf = pikepdf.open(io.BytesIO(file("pictures:press")))
    images = [
        x for p in pdf.pages for x in p.obj.Resources.get("/XObject", {}).values() if x.Subtype == "/Image"
    ]
    assert images and all(str(image.ColorSpace) == "/DeviceCMYK" for image in images)
    rgb = pikepdf.open(io.BytesIO(file("sample:press")))
    spaces = [p.obj.Resources.ColorSpace.DefaultRGB for p in rgb.pages]
    assert all(str(space[0]) == "/ICCBased" for space in spaces)
    photo = max(images, key=lambda image: int(image.Width))
    red = pikepdf.PdfImage(photo).as_pil_image().getpixel((int(photo.Width) - 5, 5))
    transform = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(SRGB.profile)),
        ImageCms.ImageCmsProfile(io.BytesIO(CONDITIONS["coated"].profile)),
        "RGB",
        "CMYK",
        ImageCms.Intent.RELATIVE_COLORIMETRIC,
        ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
    expected = ImageCms.applyTransform(Image.new("RGB", (1, 1), (200, 40, 40)), transform).getpixel((0, 0))  # type: ignore[union-attr]
    assert max(abs(a - b) for a, b in zip(red, expected, strict=True)) <= 3  # JPEG noise aside


def test_subset_tags_are_derived_from_the_subsets_and_differ_between_leaflets() -> None:
    """Within a file every subset has its own tag; the same subset has the same tag in every
    build; two leaflets with other text have other tags for the same face."""

    def tags(case: str) -> dict[str, str]:
        pdf = pikepdf.open(io.BytesIO(file(case)))
        fonts = {f.objgen: f for p in pdf.pages for f in p.obj.Resources.Font.values()}
        return {str(f.BaseFont)[8:]: str(f.BaseFont)[1:7] for f in fonts.values()}

    sample, rich = tags("sample:print"), tags("rich:print")
    assert "AAAAAA" not in sample.values() and len(set(sample.values())) == len(sample)
    shared = set(sample) & set(rich)
    assert shared and all(sample[face] != rich[face] for face in shared)
    again = build_content(*load(SAMPLE), ("print",)).pdfs["print"]
    assert tags("sample:print") == {
        str(f.BaseFont)[8:]: str(f.BaseFont)[1:7]
        for p in pikepdf.open(io.BytesIO(again)).pages
        for f in p.obj.Resources.Font.values()
    }


def test_the_job_sheet_tells_the_shop_sizes_folds_paper_colour_and_order() -> None:
    """Its text has the trim size, bleed, fold kind and positions in mm, the paper stock, the
    printing condition, the page order and how to fold; it is one A4 page."""
    from tests.pdfread import reader

    sheet = reader(file("sample:press-job"))
    assert len(sheet.pages) == 1
    text = " ".join(sheet.pages[0].extract_text().split())
    for expected in (
        "297 × 210 mm",
        "3 mm on every side",
        "roll fold",
        "97 mm and 197 mm",
        "100 mm and 200 mm",
        "coated",
        "FOGRA39",
        "page 1 = side 1, outside (flap | back | cover)",
        "How to fold",
    ):
        assert expected in text, expected
    uncoated = " ".join(reader(file("uncoated:press-job")).pages[0].extract_text().split())
    assert "half-fold" in uncoated and "FOGRA29" in uncoated and "uncoated" in uncoated


@pytest.mark.parametrize("where", ["page", "font program"])
def test_no_stream_ends_in_a_carriage_return_that_validators_would_miscount(where: str) -> None:
    """Flate data whose last byte is CR, before the newline qpdf writes, reads as a CR LF end of
    line: a page's content gets a newline more, a font program one after its tables."""
    import zlib

    from brochure.finish.pdf import _compress

    data = b"q 18 w Q\n"
    assert zlib.compress(data).endswith(b"\r")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pdf.make_stream(data)
    if where == "page":
        pdf.pages[0].obj.Contents = stream
    else:
        stream.Length1 = len(data)
        pdf.Root.Extra = stream
    _compress(pdf)
    assert not stream.read_raw_bytes().endswith(b"\r")
    assert stream.read_bytes() == data + b"\n"
    assert where == "page" or stream.Length1 == len(data) + 1
    saved = io.BytesIO()
    pdf.save(saved)
    assert not [f for f in validator_failures(saved.getvalue(), "2b") if "STREAM-LENGTH" in f]
