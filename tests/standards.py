"""Checks of the standards a built leaflet claims, as functions of its bytes, so they run over any
leaflet (the sample, the test corpus): PDF/A-2 and PDF/UA-1 by an independent validator, PDF/X-4
by the requirements of ISO 15930-7 that the project can meet, Ghostscript's reading."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pikepdf
from pikepdf import Name

#: ICC profile classes a PDF/X output intent may name (output device), and its data colour space.
PRINTER_CLASS, CMYK_DATA = b"prtr", b"CMYK"
DEVICE_SPACES = {"/DeviceRGB", "/DeviceGray", "/DeviceCMYK"}


def validator_failures(data: bytes, profile: str) -> list[str]:
    """Failed rules of `page` (a validator passing veraPDF's test corpus) for a profile such
    as `2a` or `ua1`; an empty list when the file conforms."""
    import page  # type: ignore[import-not-found]

    report = page.validate_pdf_bytes(data, profile=profile)
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    if not report.is_compliant and not failures:
        failures.append("not compliant")
    return failures


def ghostscript_messages(paths: Sequence[Path]) -> str:
    """Everything Ghostscript says while rendering the files (one process for all of them):
    empty when it reads every file without a warning or an error."""
    command = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return (done.stdout + done.stderr).strip() + (
        "" if done.returncode == 0 else f" (exit {done.returncode})"
    )


def _rect(value: pikepdf.Object) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner: tuple[float, ...], outer: tuple[float, ...], slack: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def pdfx4_problems(data: bytes) -> list[str]:
    """What a PDF/X-4 preflight would reject, requirement by requirement (ISO 15930-7:2010, the
    parts a generated leaflet can meet or break); an empty list for a conforming file."""
    pdf = pikepdf.open(io.BytesIO(data))
    problems: list[str] = []
    if pdf.pdf_version < "1.6":
        problems.append(f"PDF {pdf.pdf_version}: PDF/X-4 is based on PDF 1.6")
    if pdf.is_encrypted:
        problems.append("encrypted")
    problems += _output_intent_problems(pdf)
    problems += _metadata_problems(pdf)
    for number, page in enumerate(pdf.pages, 1):
        problems += [f"page {number}: {p}" for p in _page_problems(page)]
    problems += _font_problems(pdf)
    for forbidden in ("/JavaScript", "/EmbeddedFiles"):
        if forbidden in pdf.Root.get("/Names", pikepdf.Dictionary()):
            problems.append(f"catalog names {forbidden}")
    if "/OpenAction" in pdf.Root or "/AA" in pdf.Root:
        problems.append("document actions")
    return problems


def _output_intent_problems(pdf: pikepdf.Pdf) -> list[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        return [f"{len(intents)} PDF/X output intents (exactly one wanted)"]
    intent = intents[0]
    problems = []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        problems.append("output intent without OutputConditionIdentifier")
    if "/DestOutputProfile" not in intent:
        return [*problems, "output intent without an embedded profile"]
    profile = bytes(intent.DestOutputProfile.read_bytes())
    if profile[12:16] != PRINTER_CLASS or profile[16:20] != CMYK_DATA:
        problems.append(
            f"output profile is {profile[12:16]!r} {profile[16:20]!r}, not a CMYK printer profile"
        )
    if profile[8] > 4:
        problems.append(f"ICC version {profile[8]} (at most 4)")
    if int(intent.DestOutputProfile.get("/N", 0)) != 4:
        problems.append("profile stream /N is not 4")
    return problems


def _metadata_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    if "/Metadata" not in pdf.Root:
        return ["no XMP metadata"]
    xmp = pdf.open_metadata()
    wanted = {
        "pdfxid:GTS_PDFXVersion": "PDF/X-4",
        "xmpMM:RenditionClass": None,
        "xmpMM:VersionID": None,
        "xmpMM:DocumentID": None,
        "xmp:CreateDate": None,
        "xmp:ModifyDate": None,
        "dc:title": None,
        "pdf:Trapped": None,
    }
    for key, value in wanted.items():
        found = xmp.get(key)
        if not found or (value is not None and str(found) != value):
            problems.append(f"XMP {key} is {found!r}")
    trapped = str(xmp.get("pdf:Trapped", ""))
    if trapped not in ("True", "False"):
        problems.append(f"pdf:Trapped {trapped!r} (True or False wanted)")
    info = pdf.docinfo.get("/Trapped")
    if info is not None and str(info) != "/" + trapped:
        problems.append(f"Info /Trapped {info} disagrees with the XMP")
    if not str(pdf.docinfo.get("/Title", "")):
        problems.append("no document title")
    return problems


def _page_problems(page: pikepdf.Page) -> list[str]:
    obj = page.obj
    problems = []
    media = _rect(obj.MediaBox)
    if "/TrimBox" not in obj and "/ArtBox" not in obj:
        return ["neither TrimBox nor ArtBox"]
    trim = _rect(obj.get("/TrimBox", obj.get("/ArtBox")))
    bleed = _rect(obj.BleedBox) if "/BleedBox" in obj else trim
    if not _inside(trim, bleed) or not _inside(bleed, media):
        problems.append(f"boxes not nested: trim {trim}, bleed {bleed}, media {media}")
    for annotation in obj.get("/Annots", []):
        subtype = str(annotation.get("/Subtype"))
        if subtype in ("/TrapNet", "/PrinterMark"):
            continue
        x0, y0, x1, y1 = _rect(annotation.Rect)
        if x0 < trim[2] and trim[0] < x1 and y0 < trim[3] and trim[1] < y1:
            problems.append(f"{subtype} annotation inside the TrimBox")
    spaces = obj.Resources.get("/ColorSpace", pikepdf.Dictionary())
    default_rgb = "/DefaultRGB" in spaces
    for name, space in spaces.items():
        if name.startswith("/Default"):
            continue
        problems += [f"colour space {name}: {p}" for p in _space_problems(space, default_rgb)]
    for name, image in obj.Resources.get("/XObject", pikepdf.Dictionary()).items():
        if image.get("/Subtype") == Name.Image:
            problems += [f"image {name}: {p}" for p in _image_problems(image, default_rgb)]
    for state in obj.Resources.get("/ExtGState", pikepdf.Dictionary()).values():
        if "/TR" in state or ("/TR2" in state and Name.Default != state.TR2):
            problems.append("transfer function in a graphics state")
        if "/HTO" in state:
            problems.append("halftone origin in a graphics state")
    if not default_rgb:
        used = {str(op) for _, op in pikepdf.parse_content_stream(page)}
        if used & {"rg", "RG"}:
            problems.append("DeviceRGB colour without an ICC-based DefaultRGB")
    group = obj.get("/Group")
    if group is not None and str(group.get("/CS", "")) == "/DeviceRGB" and not default_rgb:
        problems.append("transparency group blends in DeviceRGB")
    return problems


def _space_problems(space: pikepdf.Object, default_rgb: bool) -> list[str]:
    if isinstance(space, pikepdf.Name):
        return [] if str(space) != "/DeviceRGB" or default_rgb else ["DeviceRGB"]
    family = str(space[0])
    if family == "/Separation" or family == "/DeviceN":
        alternate = space[2]
        return _space_problems(alternate, default_rgb)
    if family == "/ICCBased":
        return [] if int(space[1].get("/N", 0)) in (1, 3, 4) else ["ICC profile with odd /N"]
    if family in ("/Indexed",):
        return _space_problems(space[1], default_rgb)
    return [] if family in ("/Lab", "/Pattern", "/DeviceCMYK", "/DeviceGray") else [f"{family}"]


def _image_problems(image: pikepdf.Object, default_rgb: bool) -> list[str]:
    problems = []
    if "/Alternates" in image or "/OPI" in image:
        problems.append("alternate images or OPI")
    space = image.get("/ColorSpace")
    if space is not None:
        problems += _space_problems(space, default_rgb)
    if str(image.get("/Filter", "")) == "/JBIG2Decode" or str(image.get("/Filter", "")) == "/JPXDecode":
        problems.append("JBIG2 or JPEG 2000 data: allowed, but this project never writes it")
    return problems


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for font in _fonts(pdf):
        descriptor = font.get("/FontDescriptor")
        if str(font.get("/Subtype")) == "/Type0":
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        if str(font.get("/Subtype")) == "/Type3":
            continue
        if descriptor is None or not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()):
            problems.append(f"font {font.get('/BaseFont')} is not embedded")
    tags = [
        str(f.BaseFont)[1:7] for f in _fonts(pdf) if re.match(r"/[A-Z]{6}\+", str(f.get("/BaseFont", "")))
    ]
    if len(tags) != len(set(tags)):
        problems.append(f"subset tags repeat: {sorted(tags)}")
    return problems


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", pikepdf.Dictionary()).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font


def _multiply(a: Sequence[float], b: Sequence[float]) -> tuple[float, ...]:
    """The matrix a then b (PDF's row-vector convention)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def painted(data: bytes) -> Iterator[tuple[int, str, dict[str, object]]]:
    """Each painting operation of each page (1-based) with what it painted with: the fill and
    stroke colour (operator and operands; `("CS", ("/All",))` for a separation), whether
    overprint is on for each, the line width and, for paths, the points on the page (current
    transformation applied)."""
    pdf = pikepdf.open(io.BytesIO(data))
    for number, page in enumerate(pdf.pages, 1):
        states = page.obj.Resources.get("/ExtGState", pikepdf.Dictionary())
        state: dict[str, object] = {"fill": ("g", (0.0,)), "stroke": ("G", (0.0,)), "op": False, "OP": False}
        state["ctm"], state["width"] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 1.0
        stack: list[dict[str, object]] = []
        points: list[tuple[float, float]] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            values = tuple(_number(v) for v in operands)
            if op == "q":
                stack.append(dict(state))
            elif op == "Q":
                state = stack.pop()
            elif op == "cm":
                state["ctm"] = _multiply(values, state["ctm"])  # type: ignore[arg-type]
            elif op == "w":
                state["width"] = values[0]
            elif op in ("k", "rg", "g", "cs"):
                state["fill"] = (op, values)
            elif op in ("K", "RG", "G", "CS"):
                state["stroke"] = (op, values)
            elif op in ("sc", "scn", "SC", "SCN"):  # a tint in the space `cs`/`CS` chose: keep it
                pass
            elif op == "gs":
                named = states[str(operands[0])]
                state["op"] = bool(named.get("/op", named.get("/OP", state["op"])))
                state["OP"] = bool(named.get("/OP", state["OP"]))
            elif op in ("m", "l"):
                a, b, c, d, e, f = state["ctm"]  # type: ignore[misc]
                x, y = values[0], values[1]
                points.append((a * x + c * y + e, b * x + d * y + f))  # type: ignore[operator]
            elif op == "re":
                a, b, c, d, e, f = state["ctm"]  # type: ignore[misc]
                x, y, w, h = values
                for px, py in ((x, y), (x + w, y + h)):  # type: ignore[operator]
                    points.append((a * px + c * py + e, b * px + d * py + f))
            if op in {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", '"', "Do", "sh"}:
                yield number, op, {**state, "points": list(points)}
            if op in {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}:
                points = []


def _number(value: object) -> float | str:
    """An operand as a float, or a name (`/All`) as its text."""
    if isinstance(value, pikepdf.Object):
        return str(value)
    return float(value)  # type: ignore[arg-type]


def black_only(colour: object) -> bool:
    """A fill or stroke colour (operator, operands) of black ink alone."""
    op, values = colour  # type: ignore[misc]
    return op in ("k", "K") and values[:3] == (0.0, 0.0, 0.0) and values[3] > 0


def rich_black(colour: object) -> bool:
    """A dark colour of black and other inks (`k` with K of 70 % or more and C, M or Y)."""
    op, values = colour  # type: ignore[misc]
    return op in ("k", "K") and values[3] >= 0.7 and max(values[:3]) > 0


def delta_e(lab1: Sequence[float], lab2: Sequence[float]) -> float:
    """CIE76 colour difference."""
    return float(sum((a - b) ** 2 for a, b in zip(lab1, lab2, strict=True)) ** 0.5)


def cmyk_lab(profile: bytes, cmyk: Sequence[float]) -> tuple[float, float, float]:
    """The CIELAB (D50) of ink amounts (0-1) on the press the profile describes (LittleCMS)."""
    from PIL import Image, ImageCms

    transform = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("LAB"), "CMYK", "LAB"
    )
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    lab = ImageCms.applyTransform(pixel, transform).getpixel((0, 0))  # type: ignore[union-attr]
    return lab[0] * 100 / 255, lab[1] - 128, lab[2] - 128
