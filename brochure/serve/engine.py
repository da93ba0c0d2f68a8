"""The engine as the editor uses it: a text in, diagnostics and preview pictures out; full builds."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from brochure.checks.resolution import low_resolution
from brochure.diagnostics import BuildError, Diagnostic, Diagnostics
from brochure.editions import DEFAULT_EDITIONS, EDITIONS
from brochure.layout.kinds import layout
from brochure.layout.model import Layout
from brochure.layout.reuse import PanelCache
from brochure.layout.safety import check_safe_zones
from brochure.layout.sheet import layout_sheet
from brochure.load.content import load_text
from brochure.load.model import Content
from brochure.load.placeholders import Values
from brochure.pipeline import Built, build_content
from brochure.proof.mockup import HEIGHT, mockup
from brochure.proof.raster import Raster, rasterise
from brochure.render.pages import paint
from brochure.resolve.document import resolve

#: Resolution of the sheet pictures: sharp enough to read, and the mock-up is drawn from them.
SHEET_DPI = 72.0
PHONE_DPI = 60.0
OVERFLOW = (214, 0, 60)


@dataclass(frozen=True)
class Pictures:
    """One build for the preview: what the page shows, and what it tells the author."""

    diagnostics: tuple[Diagnostic, ...]
    #: name -> picture: side-1, side-2, mockup, phone-1 ...; empty when nothing could be laid out.
    images: dict[str, Image.Image] = field(default_factory=dict)
    #: Sheet slots whose content does not fit (marked red in the pictures).
    overflowing: tuple[str, ...] = ()
    #: The pictures that carry such a mark.
    marked: tuple[str, ...] = ()
    #: Pictures drawn only when asked for.
    later: tuple[Later, ...] = ()

    @property
    def names(self) -> list[str]:
        return [*self.images, *(name for group in self.later for name in group.names)]

    def image(self, name: str) -> Image.Image | None:
        if name in self.images:
            return self.images[name]
        group = next((group for group in self.later if name in group.names), None)
        return group.image(name) if group else None

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def pictures(
    text: str, content_path: Path, *, cache: PanelCache | None = None, values: Values | None = None
) -> Pictures:
    """Load, resolve and lay out `text` as if it were `content_path`, and draw the result.

    A sheet whose panels overflow is still drawn, with the overflow marked; content that
    cannot be laid out gives diagnostics only.
    """
    try:
        content, found = load_text(text, content_path, values)
        document, resolved = resolve(content)
    except BuildError as error:
        return Pictures(error.diagnostics)
    laid = Diagnostics()
    sheet = layout_sheet(document, laid, cache)
    check_safe_zones(sheet, laid)
    chosen = [EDITIONS[name] for name in DEFAULT_EDITIONS if EDITIONS[name].layout == "sheet"]
    diagnostics = found + resolved + tuple(laid) + low_resolution(sheet, chosen)
    overflowing = _overflowing(content, sheet, diagnostics)
    sides = rasterise(paint(sheet, EDITIONS["print"]).pdf, dpi=SHEET_DPI)
    images: dict[str, Image.Image] = {}
    marked = []
    for page, side in zip(sheet.pages, sides, strict=True):
        if _mark(side, page.number, sheet, overflowing):
            marked.append(f"side-{page.number}")
        images[f"side-{page.number}"] = side.image
    later = Later(lambda: {"mockup": mockup(sheet, sides, height=HEIGHT)}, ("mockup",))
    try:
        phone, phone_found = layout(document, "phone", reuse=cache)
    except BuildError as error:
        diagnostics += tuple(d for d in error.diagnostics if d not in diagnostics)
        phones = Later(dict, ())
    else:
        diagnostics += tuple(d for d in phone_found if d not in diagnostics)
        names = tuple(f"phone-{n}" for n in range(1, len(phone.pages) + 1))
        phones = Later(lambda: _phone_pages(phone), names)
    return Pictures(_in_order(diagnostics), images, overflowing, tuple(marked), (later, phones))


class Later:
    """Pictures the page shows only on request (the mock-up, the phone pages): drawn when first
    asked for, once, so the sheet sides reach the screen sooner."""

    def __init__(self, draw: Callable[[], dict[str, Image.Image]], names: tuple[str, ...]) -> None:
        self._draw = draw
        self.names = names
        self._drawn: dict[str, Image.Image] | None = None
        self._lock = threading.Lock()

    def image(self, name: str) -> Image.Image | None:
        with self._lock:
            if self._drawn is None:
                self._drawn = self._draw()
            return self._drawn.get(name)


def _phone_pages(phone: Layout) -> dict[str, Image.Image]:
    pages = rasterise(paint(phone, EDITIONS["phone"]).pdf, dpi=PHONE_DPI)
    return {f"phone-{number}": page.image for number, page in enumerate(pages, 1)}


def full_build(text: str, content_path: Path, values: Values | None = None) -> Built:
    """Every default edition's PDF of `text`, as `brochure build` makes them (raises BuildError)."""
    content, found = load_text(text, content_path, values)
    return build_content(content, found, DEFAULT_EDITIONS)


def batch_zip(content_path: Path, data_path: Path, folder: Path) -> bytes:
    """Every row's editions and companions of a batch project in one zip (rows that fail are
    listed in `problems.txt` inside it)."""
    from brochure.batch.rows import build_batch

    result = build_batch(content_path, data_path, DEFAULT_EDITIONS, out_dir=folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for row in result.rows:
            for output in row.outputs:
                archive.write(output.path, output.path.name)
        problems = [
            f"row {row.row.number}: " + "; ".join(d.format() for d in row.diagnostics if d.is_error)
            for row in result.failed
        ]
        if problems:
            archive.writestr("problems.txt", "\n".join(problems) + "\n")
    return buffer.getvalue()


def first_row(data_path: Path) -> Values | None:
    """The values of a batch project's first data row: what the preview shows."""
    from brochure.load.data import read_data

    try:
        rows = read_data(data_path).rows
    except BuildError:
        return None
    return rows[0].values if rows else None


def png(image: Image.Image) -> bytes:
    """Fast PNG: the preview is rebuilt on every pause in typing."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def _overflowing(content: Content, sheet: Layout, diagnostics: tuple[Diagnostic, ...]) -> tuple[str, ...]:
    """The last slot of each panel (or flow) that an L101 points into."""
    fold = sheet.document.fold
    found: list[str] = []
    for diagnostic in diagnostics:
        if diagnostic.code != "L101":
            continue
        for panel in content.panels:
            places = {panel.location, *(block.location for block in panel.blocks)}
            if diagnostic.location in places:
                slot = fold.flows.get(panel.name, (panel.name,))[-1]
                if slot not in found:
                    found.append(slot)
    return tuple(found)


def _mark(side: Raster, number: int, sheet: Layout, slots: tuple[str, ...]) -> bool:
    """A red frame and a red foot on each overflowing panel: 'the text runs off here'."""
    page = sheet.pages[number - 1]
    draw = ImageDraw.Draw(side.image)
    line = max(3, round(side.scale * 2.5))
    found = False
    for panel in page.panels:
        if panel.slot not in slots:
            continue
        found = True
        geometry = panel.geometry
        left, top = side.pixel(geometry.x, geometry.height)
        right, bottom = side.pixel(geometry.right, 0)
        box = [round(left) + line, round(top) + line, round(right) - line, round(bottom) - line]
        draw.rectangle(box, outline=OVERFLOW, width=line)
        draw.rectangle([box[0], box[3] - 4 * line, box[2], box[3]], fill=OVERFLOW)
    return found


def _in_order(diagnostics: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    unique = tuple(dict.fromkeys(diagnostics))
    return tuple(sorted(unique, key=lambda d: (d.location.line, d.location.column)))
