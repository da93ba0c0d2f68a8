"""Panel layouts reused across rows: only panels whose content is the same, diagnostics replayed."""

from __future__ import annotations

import datetime
from dataclasses import fields, replace
from pathlib import Path

import pytest

from brochure.layout.kinds import layout
from brochure.layout.reuse import PanelCache
from brochure.load.content import load_text
from brochure.pipeline import build_content
from brochure.resolve.document import Document, resolve
from tests.conftest import MINIMAL

TEMPLATE = MINIMAL.replace("  language: nl\n", "  language: nl\n  organisation: '{{ org }}'\n").replace(
    "Binnen.", "'{{ inside }}'"
)
LONG = "Een zin die lang genoeg is om de achterkant te vullen en nog wat meer. " * 28


def laid(  # type: ignore[no-untyped-def]
    values: dict[str, str], reuse: PanelCache | None, text: str = TEMPLATE, kind: str = "sheet"
):
    document, _ = resolve(load_text(text, Path("t.yaml"), values)[0])
    return layout(document, kind, reuse=reuse)


def test_unchanged_panels_are_reused_and_changed_ones_laid_out_anew() -> None:
    """The organisation is on the cover and the back: those two are laid out again, not the others."""
    reuse = PanelCache()
    first, _ = laid({"org": "A", "inside": "Binnen."}, reuse)
    assert (reuse.hits, reuse.misses) == (0, 4)
    again, _ = laid({"org": "A", "inside": "Binnen."}, reuse)
    assert (reuse.hits, reuse.misses) == (4, 4)
    assert again.panel("inside-left") is first.panel("inside-left")
    other, _ = laid({"org": "B", "inside": "Binnen."}, reuse)
    assert (reuse.hits, reuse.misses) == (6, 6)
    assert other.panel("flap") is first.panel("flap")
    assert other.panel("back") is not first.panel("back")
    laid({"org": "B", "inside": "Anders."}, reuse)
    assert (reuse.hits, reuse.misses) == (9, 7)


def test_a_reused_panel_brings_its_warnings_along() -> None:
    """A shrunk panel warns (L102) in every row, also when its layout is taken from the cache."""
    shrinking = f"  back:\n    fit: shrink\n    blocks:\n    - text: {LONG}"
    text = TEMPLATE.replace("  back:\n    - text: Achter.", shrinking)
    reuse = PanelCache()
    for _ in range(2):
        _, warnings = laid({"org": "A", "inside": "x"}, reuse, text)
        assert [w.code for w in warnings] == ["L102"]
    assert reuse.hits == 4


def test_the_least_recently_used_layouts_are_dropped() -> None:
    """The cache keeps at most `size` layouts: four panels in turn through room for three never hit."""
    for size, hits in ((3, 0), (4, 4)):
        reuse = PanelCache(size=size)
        laid({"org": "A", "inside": "x"}, reuse)
        laid({"org": "A", "inside": "x"}, reuse)
        assert reuse.hits == hits


@pytest.mark.parametrize("edition", ["print", "phone"])
def test_reused_layouts_render_the_same_bytes(edition: str) -> None:
    """A leaflet built from cached sheet panels or phone pages is byte-identical to one built
    from scratch."""
    reuse = PanelCache()
    for org in ("A", "B", "A"):
        content, found = load_text(TEMPLATE, Path("t.yaml"), {"org": org, "inside": "Binnen."})
        cached = build_content(content, found, (edition,), reuse=reuse).pdfs
        assert cached == build_content(content, found, (edition,)).pdfs
    assert (reuse.hits, reuse.misses) == (6, 6)


def test_phone_pages_are_reused_and_changed_panels_laid_out_anew() -> None:
    """The phone pages of an unchanged panel come from the cache; the organisation's panels (cover
    and back) are laid out again, and the phone pages never take the sheet's entries."""
    reuse = PanelCache()
    laid({"org": "A", "inside": "Binnen."}, reuse)
    first, _ = laid({"org": "A", "inside": "Binnen."}, reuse, kind="phone")
    assert (reuse.hits, reuse.misses) == (0, 8)
    again, _ = laid({"org": "A", "inside": "Binnen."}, reuse, kind="phone")
    assert (reuse.hits, reuse.misses) == (4, 8)
    assert again.pages == first.pages
    other, _ = laid({"org": "B", "inside": "Binnen."}, reuse, kind="phone")
    assert (reuse.hits, reuse.misses) == (6, 10)
    assert other.panel("flap") is first.panel("flap")
    assert other.panel("back") is not first.panel("back")


def test_a_panel_after_a_longer_one_is_laid_out_for_its_new_page_numbers() -> None:
    """When the inside runs over more phone pages, the back starts on a later page: its cached
    pages (which carry their numbers) are not reused, and the numbers run on as in a fresh layout."""
    reuse = PanelCache()
    short, _ = laid({"org": "A", "inside": "Binnen."}, reuse, kind="phone")
    long, _ = laid({"org": "A", "inside": LONG * 2}, reuse, kind="phone")
    fresh, _ = laid({"org": "A", "inside": LONG * 2}, None, kind="phone")
    assert len(long.pages) > len(short.pages)
    assert [page.number for page in long.pages] == list(range(1, len(long.pages) + 1))
    assert [page.number for page in long.pages] == [page.number for page in fresh.pages]
    assert long.panel("back") is not short.panel("back")
    assert (reuse.hits, reuse.misses) == (2, 6)


def test_the_furniture_key_changes_whenever_the_furniture_does() -> None:
    """Changing any metadata field changes a panel's key if it changes the texts around the panel."""
    from brochure.layout.furniture import footer_items, furniture_key, header_items

    def texts(document: Document, slot: str) -> list[str]:
        return [item.setter.text for item in header_items(document, slot) + footer_items(document, slot)]

    base, _ = resolve(load_text(TEMPLATE, Path("t.yaml"), {"org": "A", "inside": "x"})[0])
    meta = base.content.meta
    for field in fields(meta):
        value = getattr(meta, field.name)
        if field.name in ("language", "location", "language_location", "field_locations"):
            continue
        changed = (None if value else datetime.date(2026, 1, 2)) if field.name == "date" else value + "!"
        content = replace(base.content, meta=replace(meta, **{field.name: changed}))
        other = replace(base, content=content)
        for slot in ("cover", "flap", "inside", "back"):
            if texts(base, slot) != texts(other, slot):
                assert furniture_key(base, slot) != furniture_key(other, slot), (field.name, slot)
