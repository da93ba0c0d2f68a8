"""Reference images: every page of every corpus leaflet (and the sample) as a small grey PNG.

    python -m tests.visual            compare, write old | new | difference pictures of changes
    python -m tests.visual --update   write the references anew after a deliberate change

The references live in `tests/reference/<leaflet>/<edition>-<page>.png`; the pictures of what
changed go to `visual-diff/` at the repository root (not committed).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageOps

from tests import corpus
from tests.corpus.reading import PDFIUM

REFERENCES = corpus.ROOT / "tests" / "reference"
DIFFS = corpus.ROOT / "visual-diff"
#: The editions kept as pictures: the office sheet (the press edition paints the same layout
#: with bleed and marks around it) and the phone pages.
EDITIONS = ("print", "phone")
#: Low resolution keeps each reference a few kB and still shows a moved line or a lost word.
DPI = 30
#: Grey levels kept: antialiasing noise between PDFium builds stays below one level.
LEVELS = 16
#: A pixel has changed when its grey level moved by more than this (of 255).
PIXEL_TOLERANCE = 40
#: A page has changed when more than this share of its pixels changed (0.2 %: a word or two).
AREA_TOLERANCE = 0.002


@dataclass(frozen=True)
class PageImage:
    leaflet: str
    edition: str
    number: int  # 1-based
    image: Image.Image

    def path(self, references: Path = REFERENCES) -> Path:
        return references / self.leaflet / f"{self.edition}-{self.number}.png"


@dataclass(frozen=True)
class Change:
    """A page that differs from its reference (or has none, or a reference without a page)."""

    leaflet: str
    edition: str
    number: int
    #: Share of the page's pixels changed (1.0 when a page appeared, vanished or changed size).
    area: float
    diff: Path | None = None

    def __str__(self) -> str:
        where = f" (see {self.diff})" if self.diff else ""
        return f"{self.leaflet} {self.edition} page {self.number}: {self.area:.2%} changed{where}"


def rasterise(data: bytes, dpi: int = DPI) -> list[Image.Image]:
    """Each page of a PDF as a grey image with LEVELS grey levels."""
    with PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            images = []
            for number in range(len(document)):
                page = document[number]
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                images.append(_quantised(bitmap.to_pil().convert("L")))
                page.close()
        finally:
            document.close()
    return images


def _quantised(image: Image.Image) -> Image.Image:
    step = 256 // LEVELS
    return image.point(lambda v: min(255, (v // step) * step + step // 2) if v < 255 - step // 2 else 255)


def page_images(names: tuple[str, ...] | None = None) -> Iterator[PageImage]:
    """Every kept page of every leaflet (or of the leaflets named), rendered now."""
    for leaflet in corpus.WITH_SAMPLE:
        if names and leaflet.name not in names:
            continue
        if leaflet.known.get("build"):
            continue
        for edition in EDITIONS:
            for n, image in enumerate(rasterise(corpus.pdf(leaflet.name, edition)), start=1):
                yield PageImage(leaflet.name, edition, n, image)


def read_png(path: Path) -> Image.Image:
    """A reference image as grey levels, its file closed again."""
    with Image.open(path) as image:
        return image.convert("L")


def encode(image: Image.Image) -> bytes:
    """A small, deterministic PNG: 16 grey levels in a palette."""
    out = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=LEVELS).save(out, "PNG", optimize=True)
    return out.getvalue()


def changed_area(old: Image.Image, new: Image.Image) -> float:
    """Share of pixels whose grey level moved by more than PIXEL_TOLERANCE (1.0 if sizes differ)."""
    if old.size != new.size:
        return 1.0
    mask = _changed(old, new)
    histogram = mask.histogram()
    return float(histogram[255]) / (old.width * old.height)


def _differs_at_all(old: Image.Image, new: Image.Image) -> bool:
    if old.size != new.size:
        return True
    return ImageChops.difference(old.convert("L"), new.convert("L")).getbbox() is not None


def _changed(old: Image.Image, new: Image.Image) -> Image.Image:
    difference = ImageChops.difference(old.convert("L"), new.convert("L"))
    return difference.point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)


def side_by_side(old: Image.Image | None, new: Image.Image | None) -> Image.Image:
    """old | new | difference (changed pixels red over a faint copy of the new page)."""
    blank = Image.new("L", (new or old).size, 255)  # type: ignore[union-attr]
    old_l, new_l = (old or blank).convert("L"), (new or blank).convert("L")
    width, height = max(old_l.width, new_l.width), max(old_l.height, new_l.height)
    if old_l.size == new_l.size:
        faint = ImageOps.colorize(new_l.point(lambda v: 180 + v * 75 // 255), "black", "white")
        red = Image.new("RGB", new_l.size, (220, 0, 0))
        difference = Image.composite(red, faint, _changed(old_l, new_l))
    else:
        difference = Image.new("RGB", (width, height), (220, 0, 0))
    gap = 6
    out = Image.new("RGB", (3 * width + 2 * gap, height), (128, 128, 128))
    out.paste(old_l.convert("RGB"), (0, 0))
    out.paste(new_l.convert("RGB"), (width + gap, 0))
    out.paste(difference, (2 * (width + gap), 0))
    return out


def compare(
    names: tuple[str, ...] | None = None, *, references: Path = REFERENCES, diffs: Path = DIFFS
) -> list[Change]:
    """Every page that changed beyond AREA_TOLERANCE, appeared or vanished, with a side-by-side
    picture written for each into `diffs` (its earlier pictures of these leaflets removed first)."""
    for old_diff in diffs.glob("*.png") if diffs.exists() else ():
        if not names or any(old_diff.name.startswith(f"{name}-") for name in names):
            old_diff.unlink()
    changes, seen = [], set()
    for page in page_images(names):
        path = page.path(references)
        seen.add(path)
        old = read_png(path) if path.exists() else None
        area = 1.0 if old is None else changed_area(old, page.image)
        if area > AREA_TOLERANCE:
            change = Change(page.leaflet, page.edition, page.number, area)
            changes.append(_with_picture(change, old, page.image, diffs))
    for path in sorted(references.glob("*/*.png")):
        leaflet, (edition, number) = path.parent.name, path.stem.rsplit("-", 1)
        if path not in seen and (not names or leaflet in names):
            change = Change(leaflet, edition, int(number), 1.0)
            changes.append(_with_picture(change, read_png(path), None, diffs))
    return changes


def _with_picture(change: Change, old: Image.Image | None, new: Image.Image | None, diffs: Path) -> Change:
    diffs.mkdir(parents=True, exist_ok=True)
    path = diffs / f"{change.leaflet}-{change.edition}-{change.number}.png"
    side_by_side(old, new).save(path)
    return Change(change.leaflet, change.edition, change.number, change.area, path)


def update(names: tuple[str, ...] | None = None, *, references: Path = REFERENCES) -> list[Path]:
    """Write the reference of every page whose pixels differ at all from it (so that unchanged
    references keep their bytes), and remove references of pages that no longer exist."""
    written, seen = [], set()
    for page in page_images(names):
        path = page.path(references)
        seen.add(path)
        if path.exists() and _differs_at_all(read_png(path), page.image) is False:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode(page.image))
        written.append(path)
    for path in sorted(references.glob("*/*.png")):
        if path not in seen and (not names or path.parent.name in names):
            path.unlink()
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.visual", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the references anew")
    parser.add_argument("--references", type=Path, default=REFERENCES, help="(default: tests/reference)")
    parser.add_argument("--diffs", type=Path, default=DIFFS, help="where pictures go (default: visual-diff)")
    parser.add_argument("leaflets", nargs="*", help="only these corpus leaflets (default: all)")
    args = parser.parse_args(argv)
    names = tuple(args.leaflets) or None
    start = time.perf_counter()
    if args.update:
        written = update(names, references=args.references)
        for path in written:
            print(f"{'wrote' if path.exists() else 'removed'} {path}")
        print(f"{len(written)} reference images changed in {time.perf_counter() - start:.1f} s")
        return 0
    changes = compare(names, references=args.references, diffs=args.diffs)
    for change in changes:
        print(change)
    print(f"{len(changes)} pages changed in {time.perf_counter() - start:.1f} s")
    return 1 if changes else 0


if __name__ == "__main__":
    sys.exit(main())
