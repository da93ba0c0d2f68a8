"""`brochure serve` in browsers: every preview picture the page asks for is served, also while
builds replace each other, and a broken edit keeps the last preview that built on screen."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from typing import Any

import pypdf
import pytest

from brochure.serve.server import EditorServer
from tests.test_serve_browser import _build, _next_build, _open, app, context, page, project  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Every preview picture in the three panes, whether it has loaded, and its address.
PICTURES = """() => [...document.querySelectorAll('.pane img')].map(img => ({
  pane: img.closest('.pane').id, src: img.getAttribute('src'),
  complete: img.complete, width: img.naturalWidth}))"""


def _until(tab: Any, script: str, timeout: float = 20.0) -> None:
    """Poll `script` in the page until it is true (polled here: the page's CSP forbids eval)."""
    deadline = time.monotonic() + timeout
    while not tab.evaluate(script):
        assert time.monotonic() < deadline, f"never true: {script}"
        tab.wait_for_timeout(25)


def _settled(tab: Any) -> None:
    """Wait until the page's newest build is on show (no build asked for since)."""
    from playwright.sync_api import expect

    expect(tab.locator("#status")).to_contain_text(re.compile("Voorbeeld bijgewerkt|fout"))
    _until(tab, "() => String(window.brochure.build) === document.body.dataset.build")


def _all_pictures_loaded(tab: Any) -> list[dict[str, Any]]:
    """Open each preview pane so its lazy pictures load, then every picture in every pane."""
    from playwright.sync_api import expect

    for pane in ("mockup", "phone", "sheet"):
        tab.locator(f"#tab-{pane}").click()
        expect(tab.locator(f"#pane-{pane} img").first).to_be_visible()
        _until(tab, f"() => [...document.querySelectorAll('#pane-{pane} img')].every(img => img.complete)")
    pictures: list[dict[str, Any]] = tab.evaluate(PICTURES)
    return pictures


def test_rapid_edits_in_two_tabs_never_ask_for_a_picture_that_is_gone(
    page: Any,  # noqa: F811
    context: Any,  # noqa: F811
    app: EditorServer,  # noqa: F811
) -> None:
    """Each pause in typing starts a build that replaces the one before; with two tabs typing
    in turn, the pictures one tab was just told about are replaced by the other's build while
    they are still loading. Every one of them must still be served."""
    other = _open(context, app)
    tabs = [(page, page.locator("#f-meta-title")), (other, other.locator("#f-meta-subtitle"))]
    for _, field in tabs:
        field.click()
        field.press("End")
    for round_ in range(12):
        for tab, field in tabs:
            field.press_sequentially(f" {round_}", delay=15)
            tab.wait_for_timeout(170)  # just past the page's pause: a build starts now
    for tab, _ in tabs:
        _settled(tab)
    for tab, _ in tabs:
        pictures = _all_pictures_loaded(tab)
        assert len(pictures) >= 8
        assert all(p["complete"] and p["width"] > 0 for p in pictures), pictures
        assert not [p for p in tab.problems if "404" in p], tab.problems
        assert tab.problems == []


def test_a_broken_edit_keeps_the_last_preview_and_downloads_that_built_until_it_is_fixed(
    page: Any,  # noqa: F811
) -> None:
    """Issue 15: an edit that does not build yet leaves the last good pictures (same pictures,
    loaded) and files on show, says so, and shows the diagnostic at its block; the fix brings
    the new pictures and the note goes."""
    from playwright.sync_api import expect

    good = _all_pictures_loaded(page)
    assert len(good) >= 8 and all(p["width"] > 0 for p in good)
    page.locator("#tab-sheet").click()
    note = page.locator("#preview-outdated")
    expect(note).to_be_hidden()
    field = page.locator("#f-inside-2-text")
    text = field.input_value()
    build = _build(page)
    field.fill(text + " Zie [@nergens].")
    _next_build(page, build)
    expect(page.locator("#b-inside-2")).to_have_class(re.compile("has-error"))
    expect(page.locator("#p-inside-2")).to_contain_text("C203")
    expect(note).to_be_visible()
    expect(note).to_have_text(
        "Dit is de laatste versie die gebouwd kon worden: los de fouten op om je wijziging te zien."
    )
    expect(page.locator(".preview")).to_have_class(re.compile("outdated"))
    assert _all_pictures_loaded(page) == good  # the very same pictures, every one loaded
    page.locator("#tab-sheet").click()

    page.locator("#downloads-open").click()
    link = page.get_by_role("link", name=re.compile("Kopieerapparaat"))
    expect(link).to_be_visible()
    expect(page.locator("#downloads-note")).to_contain_text("de huidige tekst heeft fouten")
    with page.expect_download() as waiting:
        link.click()
    reader = pypdf.PdfReader(io.BytesIO(Path(waiting.value.path()).read_bytes()))
    inside = reader.pages[1].extract_text()
    assert "Wat is sexting?" in inside and "nergens" not in inside
    page.locator("#downloads-open").click()

    build = _build(page)
    field.fill(text + " Zie de bronnen.")
    _next_build(page, build)
    expect(note).to_be_hidden()
    expect(page.locator(".preview")).not_to_have_class(re.compile("outdated"))
    expect(page.locator("#b-inside-2")).not_to_have_class(re.compile("has-error"))
    fixed = _all_pictures_loaded(page)
    assert {p["src"] for p in fixed}.isdisjoint({p["src"] for p in good})
    assert len(fixed) >= 8 and all(p["complete"] and p["width"] > 0 for p in fixed)
    assert page.problems == []
