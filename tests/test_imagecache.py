"""Images decoded once per file content: a rebuild reuses them, a changed file is read again, and
a broken file's diagnostic is repeated at each block that uses it."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from brochure.diagnostics import Diagnostics, Location
from brochure.resolve import imagecache
from brochure.resolve.images import ImageAsset


def test_an_unchanged_file_is_decoded_once_and_a_changed_one_again(tmp_path: Path) -> None:
    """The same file version gives the same asset object; a rewritten file is decoded anew."""
    imagecache.clear()
    path = tmp_path / "photo.png"
    Image.new("RGB", (40, 30), "red").save(path)
    here = Location("c.yaml", 5, 7)
    first = imagecache.cached_image(path, here, Diagnostics())
    assert first is not None and imagecache.cached_image(path, here, Diagnostics()) is first
    Image.new("RGB", (80, 30), "blue").save(path)
    os.utime(path, ns=(1, 1))  # another modification time even on a coarse clock
    second = imagecache.cached_image(path, here, Diagnostics())
    assert second is not None and second is not first and second.width_px == 80


def test_diagnostics_of_a_cached_file_point_at_each_block(tmp_path: Path) -> None:
    """A file that is not an image gives A002 at every block that names it, cached or not."""
    imagecache.clear()
    path = tmp_path / "notes.png"
    path.write_text("not an image", encoding="utf-8")
    for line in (3, 9):
        found = Diagnostics()
        assert imagecache.cached_image(path, Location("c.yaml", line, 7), found) is None
        assert [(d.code, d.location.line) for d in found] == [("A002", line)]
    missing = Diagnostics()
    assert imagecache.cached_image(tmp_path / "gone.png", Location("c.yaml", 2, 1), missing) is None
    assert [d.code for d in missing] == ["A001"]


def test_the_cache_forgets_the_oldest_images_beyond_its_budget(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past its pixel budget the cache drops the least recently used image, keeping the newest."""
    imagecache.clear()
    monkeypatch.setattr(imagecache, "MAX_PIXELS_KEPT", 2_500)
    assets = []
    for n in range(3):
        path = tmp_path / f"{n}.png"
        Image.new("RGB", (40, 30), "red").save(path)  # 1 200 pixels each
        assets.append(imagecache.cached_image(path, Location("c.yaml"), Diagnostics()))
    assert imagecache.cached_image(tmp_path / "2.png", Location("c.yaml"), Diagnostics()) is assets[2]
    assert imagecache.cached_image(tmp_path / "0.png", Location("c.yaml"), Diagnostics()) is not assets[0]


def test_a_file_replaced_with_the_same_size_and_time_is_decoded_anew(tmp_path: Path) -> None:
    """The key is the file's bytes: an image copied over another of the same size with its time
    kept (`cp -p`, a sync tool) is still read again."""
    imagecache.clear()
    path, other = tmp_path / "photo.png", tmp_path / "other.png"
    Image.new("RGB", (40, 30), "red").save(path, compress_level=0)  # stored: same size
    Image.new("RGB", (40, 30), "blue").save(other, compress_level=0)
    assert path.stat().st_size == other.stat().st_size
    first = imagecache.cached_image(path, Location("c.yaml"), Diagnostics())
    stat = path.stat()
    path.write_bytes(other.read_bytes())
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = imagecache.cached_image(path, Location("c.yaml"), Diagnostics())
    assert isinstance(first, ImageAsset) and isinstance(second, ImageAsset)
    assert first.pixels.getpixel((0, 0)) == (255, 0, 0) and second.pixels.getpixel((0, 0)) == (0, 0, 255)
