"""Caches keyed by what their result depends on: a font or image replaced on disk is used by the
next build in the same process, and one call empties every cache."""

from __future__ import annotations

import functools
import importlib
import io
import os
import pkgutil
import re
import shutil
from pathlib import Path

import pikepdf
import reportlab
from PIL import Image

import brochure
from brochure.caches import clear_caches
from brochure.layout.qr import modules
from brochure.pipeline import build_pdfs
from brochure.resolve.fonts import default_font_files, register_family
from brochure.resolve.typography import typographic
from tests.conftest import MINIMAL, SAMPLE

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def embedded_fonts(pdf: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {
            str(font.BaseFont).split("+")[-1]
            for page in document.pages
            for font in page.Resources.Font.values()
        }


def _replace(path: Path, source: Path) -> None:
    """Copy `source` over `path` and move its time on, as an editor's save does."""
    shutil.copy(source, path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_theme_font_replaced_on_disk_is_embedded_by_the_next_build(tmp_path: Path) -> None:
    """`watch` and `serve` build many times in one process: the face embedded is the file's face
    now, not the one it held at the first build."""
    (tmp_path / "fonts").mkdir()
    font = tmp_path / "fonts" / "Mine.ttf"
    shutil.copy(default_font_files()[0], font)
    content = tmp_path / "content.yaml"
    content.write_text(
        MINIMAL.replace("panels:", "theme:\n  font: fonts/Mine.ttf\npanels:"), encoding="utf-8"
    )
    first, _, _ = build_pdfs(content, ("print",))
    assert "SourceSansPro-Regular" in embedded_fonts(first["print"])
    _replace(font, VERA)
    second, _, _ = build_pdfs(content, ("print",))
    assert "BitstreamVeraSans-Roman" in embedded_fonts(second["print"])
    assert "SourceSansPro-Regular" not in embedded_fonts(second["print"])


def test_the_same_font_files_register_once() -> None:
    files = default_font_files()
    assert register_family(files) is register_family(files)


def test_an_image_replaced_on_disk_is_used_by_the_next_build(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    picture = tmp_path / "assets" / "photo.png"
    Image.new("RGB", (300, 200), (200, 30, 30)).save(picture)
    content = tmp_path / "content.yaml"
    block = "    - image: {file: assets/photo.png, alt: Een rood vlak}\n"
    content.write_text(
        MINIMAL.replace("    - text: Flap.\n", "    - text: Flap.\n" + block), encoding="utf-8"
    )
    first, _, _ = build_pdfs(content, ("print",))
    bigger = tmp_path / "bigger.png"
    Image.new("RGB", (600, 400), (30, 30, 200)).save(bigger)
    _replace(picture, bigger)
    second, _, _ = build_pdfs(content, ("print",))

    def sizes(pdf: bytes) -> set[tuple[int, int]]:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            return {
                (int(x.Width), int(x.Height))
                for page in document.pages
                for x in page.Resources.get("/XObject", {}).values()
                if x.get("/Subtype") == "/Image"
            }

    assert sizes(first["print"]) != sizes(second["print"])


def test_one_call_empties_every_cache() -> None:
    """`brochure.clear_caches` is the same call; after it, each memoised function starts cold."""
    assert brochure.clear_caches is clear_caches
    typographic("'s avonds", "nl")
    modules("https://example.org/")
    assert typographic.cache_info().currsize and modules.cache_info().currsize
    clear_caches()
    assert typographic.cache_info().currsize == 0 and modules.cache_info().currsize == 0


#: The type of a function memoised with functools.
LRU = type(functools.lru_cache(maxsize=1)(len))
#: A cache made with functools directly.
OWN_CACHE = r"\blru_cache\b|functools\.cache\b|^from functools import .*\bcache\b"


def test_every_cache_is_bounded_and_emptied_by_the_one_call() -> None:
    """After a build has filled them, `clear_caches()` leaves every memoised function of every
    module empty; each has a size bound; and no module makes a cache of its own with functools
    (only `brochure.caches.memo` does)."""
    build_pdfs(SAMPLE, ("print", "phone"))
    package = Path(brochure.__file__).parent
    cached = []
    for info in pkgutil.walk_packages([str(package)], prefix="brochure."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        cached += [
            (f"{info.name}.{n}", v)
            for n, v in vars(module).items()
            if isinstance(v, LRU) and v.__module__ == info.name
        ]
    filled = [name for name, function in cached if function.cache_info().currsize]
    assert len(filled) >= 10
    clear_caches()
    assert [name for name, function in cached if function.cache_info().currsize] == []
    assert [name for name, function in cached if function.cache_info().maxsize is None] == []
    own = [
        path.relative_to(package).as_posix()
        for path in sorted(package.rglob("*.py"))
        if path.name != "caches.py" and re.search(OWN_CACHE, path.read_text(encoding="utf-8"), re.M)
    ]
    assert own == []
