"""Resolve: images and fonts that cannot be used are diagnostics at the block's location."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.diagnostics import BuildError
from brochure.load.content import load
from brochure.resolve.document import resolve
from tests.conftest import MINIMAL


def errors_of(path: Path) -> list[tuple[str, int, int]]:
    content, _ = load(path)
    with pytest.raises(BuildError) as raised:
        resolve(content)
    return [(d.code, d.location.line, d.location.column) for d in raised.value.diagnostics if d.is_error]


def with_image(write_content, file: str) -> Path:  # type: ignore[no-untyped-def]
    image = f'    - image: {{file: {file}, alt: "Een foto"}}\n'
    return write_content(MINIMAL.replace("    - text: Flap.\n", "    - text: Flap.\n" + image))  # type: ignore[no-any-return]


def test_missing_image_is_a001_at_the_block(write_content) -> None:  # type: ignore[no-untyped-def]
    """A path that does not exist is reported at the image block's line and column."""
    assert errors_of(with_image(write_content, "assets/missing.png")) == [("A001", 9, 7)]


def test_unreadable_image_is_a002(write_content) -> None:  # type: ignore[no-untyped-def]
    """A file that is not an image (here: text named .png) is reported, not a crash."""
    path = with_image(write_content, "fake.png")
    (path.parent / "fake.png").write_text("not an image", encoding="utf-8")
    assert errors_of(path) == [("A002", 9, 7)]


def test_a_usable_image_resolves_without_metadata(write_content) -> None:  # type: ignore[no-untyped-def]
    """A real PNG is opened, measured, and kept without its metadata."""
    from PIL import Image

    path = with_image(write_content, "photo.png")
    picture = Image.new("RGB", (40, 20), (200, 30, 60))
    picture.save(path.parent / "photo.png", pnginfo=None)
    content, _ = load(path)
    document, _ = resolve(content)
    asset = document.images["photo.png"]
    assert (asset.width_px, asset.height_px) == (40, 20)
    assert asset.pixels.info == {}


def test_missing_font_file_is_a004(write_content) -> None:  # type: ignore[no-untyped-def]
    """A theme font that does not exist is reported at the theme."""
    text = MINIMAL + "theme:\n  font: fonts/Nope.ttf\n"
    codes = [code for code, _, _ in errors_of(write_content(text))]
    assert codes == ["A004"]


def test_character_missing_from_the_font_is_a010(write_content) -> None:  # type: ignore[no-untyped-def]
    """A character the font lacks would print as an empty box: it is an error naming it, where
    it is written."""
    path = write_content(MINIMAL.replace("Binnen.", "Binnen \u0915."))
    content, _ = load(path)
    with pytest.raises(BuildError) as raised:
        resolve(content)
    (error,) = [d for d in raised.value.diagnostics if d.is_error]
    assert error.code == "A010"
    assert "U+0915 DEVANAGARI LETTER KA" in error.message
    assert (error.location.line, error.location.column) == (11, 20)
