"""`brochure serve` in browsers: Playwright takes Debian's Chromium and Firefox through an author's steps."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PIL import Image

from brochure.serve.server import EditorServer
from tests.serving import SAMPLE, running, sample_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path / "leaflet")


@pytest.fixture
def app(project: Path) -> Iterator[EditorServer]:
    with running(project) as server:
        yield server


@pytest.fixture
def context(browser: Any, app: EditorServer) -> Iterator[Any]:
    """A fresh browser profile per test (it closes before the server stops)."""
    opened = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield opened
    opened.close()


@pytest.fixture
def page(context: Any, app: EditorServer) -> Any:
    return _open(context, app)


def _open(context: Any, app: EditorServer) -> Any:
    from playwright.sync_api import expect

    opened = context.new_page()
    opened.problems = []  # every console error and page error, checked at the end of tests
    opened.on("pageerror", lambda error: opened.problems.append(str(error)))
    opened.on("console", lambda message: message.type == "error" and opened.problems.append(message.text))
    opened.goto(app.address)
    expect(opened.locator("#pane-sheet img")).to_have_count(2)
    expect(opened.locator("#status")).to_contain_text("Voorbeeld bijgewerkt")
    return opened


def _build(page: Any) -> int:
    return int(page.locator("body").get_attribute("data-build") or 0)


def _next_build(page: Any, after: int, timeout: float = 15.0) -> None:
    """Wait for a preview newer than build `after` (polled here: the page's CSP forbids eval)."""
    deadline = time.monotonic() + timeout
    while _build(page) <= after:
        assert time.monotonic() < deadline, f"no new preview after build {after}"
        page.wait_for_timeout(25)


def test_the_page_shows_the_preview_of_both_sides_the_mockup_and_the_phone(page: Any) -> None:
    from playwright.sync_api import expect

    sides = page.locator("#pane-sheet img")
    assert [sides.nth(n).get_attribute("alt") for n in range(2)] == [
        "Buitenkant van het vel (zijde 1)",
        "Binnenkant van het vel (zijde 2)",
    ]
    assert sides.first.evaluate("img => img.naturalWidth") == 842
    page.locator("#tab-mockup").click()
    expect(page.locator("#pane-mockup img")).to_be_visible()
    page.locator("#tab-mockup").press("ArrowRight")
    expect(page.locator("#tab-phone")).to_be_focused()
    expect(page.locator("#pane-phone img").first).to_be_visible()
    assert page.locator("#pane-phone img").count() >= 5
    expect(page.locator("#problems")).to_contain_text("Geen problemen gevonden")
    assert page.title() == "Folder bewerken"
    assert page.problems == []


def test_typing_changes_the_preview(page: Any, context: Any) -> None:
    before = page.locator("#pane-sheet img").first.get_attribute("src")
    old = context.request.get(page.url.rstrip("/") + before).body()
    build = _build(page)
    page.locator("#f-meta-title").fill("Sexting op school")
    _next_build(page, build)
    after = page.locator("#pane-sheet img").first.get_attribute("src")
    assert after != before
    new = context.request.get(page.url.rstrip("/") + after).body()
    with Image.open(io.BytesIO(old)) as first, Image.open(io.BytesIO(new)) as second:
        assert first.size == second.size and first.tobytes() != second.tobytes()
    assert page.locator("#leaflet-title").inner_text() == "— Sexting op school"
    assert page.problems == []


def test_a_broken_edit_shows_its_diagnostic_at_its_block_and_the_fix_clears_it(page: Any) -> None:
    from playwright.sync_api import expect

    field = page.locator("#f-inside-2-text")
    text = field.input_value()
    build = _build(page)
    field.fill(text + " Zie [@nergens].")
    _next_build(page, build)
    card = page.locator("#b-inside-2")
    expect(card).to_have_class(re.compile("has-error"))
    expect(page.locator("#p-inside-2")).to_contain_text("nergens")
    assert page.locator(".block.has-error").count() == 1
    page.locator("#problems button").first.click()
    expect(field).to_be_focused()
    build = _build(page)
    field.fill(text)
    _next_build(page, build)
    expect(card).not_to_have_class(re.compile("has-error"))
    expect(page.locator("#p-inside-2 li")).to_have_count(0)
    expect(page.locator("#problems")).to_contain_text("Geen problemen gevonden")


def test_the_source_view_marks_the_line_and_a_click_puts_the_cursor_there(page: Any) -> None:
    from playwright.sync_api import expect

    page.locator("#view-source").click()
    source = page.locator("#source-text")
    expect(source).to_be_visible()
    text = source.input_value()
    assert text.startswith("# yaml-language-server")
    broken = text.replace("- heading: Wat is sexting?", "- kop: Wat is sexting?")
    line = broken.splitlines().index("    - kop: Wat is sexting?") + 1
    build = _build(page)
    source.fill(broken)
    _next_build(page, build)
    expect(page.locator("#gutter .bad")).to_have_text(str(line))
    page.locator("#problems button").first.click()
    expect(source).to_be_focused()
    at = source.evaluate("box => box.value.slice(0, box.selectionStart).split('\\n').length")
    assert at == line
    assert page.problems == []


def test_blocks_are_added_moved_and_removed(page: Any, project: Path) -> None:
    from playwright.sync_api import expect

    page.locator("#add-back").select_option("slogan")
    page.get_by_role("button", name="Toevoegen").last.click()
    expect(page.locator("#f-back-6-text")).to_have_value("Nieuwe slogan!")
    page.get_by_role("button", name="Slogan 7 omhoog").click()
    expect(page.locator("#f-back-5-text")).to_have_value("Nieuwe slogan!")
    page.get_by_role("button", name="Slogan 6 verwijderen").click()
    expect(page.locator("#f-back-5-text")).to_have_count(0)
    page.locator("#save").click()
    expect(page.locator("#file-state")).to_have_text("Opgeslagen")
    assert project.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


def test_an_uploaded_photo_goes_into_assets_and_onto_the_leaflet(
    page: Any, project: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    photo = tmp_path / "klas.jpg"
    Image.new("RGB", (1200, 800), (30, 120, 200)).save(photo, "JPEG")
    page.locator("#add-flap").select_option("image")
    page.locator("#panel-flap").get_by_role("button", name="Toevoegen").click()
    upload = page.locator("#f-flap-3-upload")
    expect(upload).to_be_visible()
    build = _build(page)
    upload.set_input_files(str(photo))
    expect(page.locator("#file-state")).to_contain_text("assets/klas.jpg")
    expect(page.locator("#f-flap-3-file")).to_have_value("assets/klas.jpg")
    page.locator("#f-flap-3-alt").fill("Een blauwe foto")
    page.locator("#f-flap-3-width").fill("0.5")
    _next_build(page, build)
    expect(page.locator("#p-flap-3 li.error")).to_have_count(0)
    assert (project.parent / "assets" / "klas.jpg").is_file()
    page.keyboard.press("Control+s")
    expect(page.locator("#file-state")).to_have_text("Opgeslagen")
    saved = project.read_text(encoding="utf-8")
    assert "file: assets/klas.jpg" in saved and "alt: Een blauwe foto" in saved


def test_the_downloaded_pdf_opens(page: Any) -> None:
    from playwright.sync_api import expect

    page.locator("#downloads-open").click()
    link = page.get_by_role("link", name=re.compile("Kopieerapparaat"))
    expect(link).to_be_visible()
    with page.expect_download() as waiting:
        link.click()
    download = waiting.value
    assert download.suggested_filename == "sexting-nl-print.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2 and "Wat is sexting?" in reader.pages[1].extract_text()
    expect(page.get_by_role("link", name=re.compile("E-mail, platte tekst"))).to_be_visible()


def test_a_page_on_another_origin_cannot_save_or_build(
    browser: Any, app: EditorServer, project: Path
) -> None:
    """The attacker's page knows the port; without the token and our origin nothing gets through."""
    before = project.read_text(encoding="utf-8")
    target = f"http://127.0.0.1:{app.port}"
    attack = f"""<!doctype html><title>x</title><body><script>
      const body = JSON.stringify({{version: "", text: "meta: {{title: Weg}}", ops: [], force: true}});
      Promise.allSettled([
        fetch("{target}/api/save", {{method: "POST", credentials: "include", body,
          headers: {{"Content-Type": "application/json", "X-Brochure-Token": "guess"}}}}),
        fetch("{target}/api/save", {{method: "POST", mode: "no-cors", credentials: "include", body}}),
        fetch("{target}/api/state", {{credentials: "include"}}),
      ]).then(r => document.title = JSON.stringify(
        r.map(x => x.status === "fulfilled" ? x.value.type : "failed")));
    </script></body>"""
    context = browser.new_context()
    try:
        _open(context, app)  # the author's tab is open in the same browser, cookie and all
        evil = context.new_page()
        evil.route("http://evil.example/", lambda route: route.fulfill(body=attack, content_type="text/html"))
        evil.goto("http://evil.example/")
        evil.wait_for_function("document.title.startsWith('[')")
        outcome = json.loads(evil.title())
    finally:
        context.close()
    assert outcome[0] == "failed" and outcome[2] == "failed"  # no CORS answer: nothing readable
    assert outcome[1] in ("opaque", "failed")
    assert project.read_text(encoding="utf-8") == before


def test_an_edit_on_disk_reaches_the_page(page: Any, project: Path) -> None:
    from playwright.sync_api import expect

    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("title: Sexting", "title: Veranderd op schijf"), encoding="utf-8")
    expect(page.locator("#f-meta-title")).to_have_value("Veranderd op schijf")
    expect(page.locator("#file-state")).to_contain_text("opnieuw geladen")
    page.locator("#f-meta-subtitle").fill("Nog niet opgeslagen")
    project.write_text(text.replace("title: Sexting", "title: Weer anders"), encoding="utf-8")
    expect(page.locator("#banner")).to_be_visible()
    expect(page.locator("#f-meta-subtitle")).to_have_value("Nog niet opgeslagen")  # never overwritten
    expect(page.locator("#f-meta-title")).to_have_value("Veranderd op schijf")


def test_two_tabs_editing_at_once_lose_nothing(
    page: Any, context: Any, app: EditorServer, project: Path
) -> None:
    from playwright.sync_api import expect

    other = _open(context, app)
    page.locator("#f-meta-title").fill("Titel uit tab een")
    other.locator("#f-meta-subtitle").fill("Ondertitel uit tab twee")
    page.locator("#save").click()
    expect(page.locator("#file-state")).to_have_text("Opgeslagen")
    expect(other.locator("#banner")).to_be_visible()
    other.locator("#banner-merge").click()
    expect(other.locator("#file-state")).to_contain_text("samengevoegd")
    saved = project.read_text(encoding="utf-8")
    assert "title: Titel uit tab een" in saved and "subtitle: Ondertitel uit tab twee" in saved
    expect(page.locator("#f-meta-subtitle")).to_have_value("Ondertitel uit tab twee")
    expect(other.locator("#f-meta-title")).to_have_value("Titel uit tab een")
    assert page.problems == [] and other.problems == []


def test_closing_a_tab_with_unsaved_edits_asks_first(page: Any) -> None:
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.locator("#f-meta-title").fill("Nog niet opgeslagen")
    page.locator("#f-meta-title").click()  # a user gesture: browsers ask only after one
    page.close(run_before_unload=True)
    # The dialog comes when the browser gets to it (Firefox on a busy machine: after 300 ms), and
    # Chromium needs a moment after the dismissal before its context may close.
    for _ in range(16):
        page.wait_for_timeout(300)
        if asked:
            break
    assert asked == ["beforeunload"]


def test_keyboard_alone_reaches_the_fields_with_a_visible_focus(page: Any, project: Path) -> None:
    from playwright.sync_api import expect

    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-meta-title":
            break
    expect(page.locator("#f-meta-title")).to_be_focused()
    outline = page.locator("#f-meta-title").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("End")  # tabbing into a field selects its text
    page.keyboard.type(" met toetsenbord")
    page.keyboard.press("Control+s")
    expect(page.locator("#file-state")).to_have_text("Opgeslagen")
    assert "title: Sexting met toetsenbord" in project.read_text(encoding="utf-8")


@pytest.mark.parametrize("view", ["form", "source"])
def test_axe_finds_no_serious_accessibility_violations(browser: Any, app: EditorServer, view: str) -> None:
    """axe-core injected into the page as an init script: Playwright runs those before the page's
    own scripts and outside its strict CSP, in both browsers (`bypass_csp` works in Chromium only)."""
    context = browser.new_context()
    try:
        context.add_init_script(path=str(AXE))
        page = _open(context, app)
        field = page.locator("#f-inside-2-text")
        build = _build(page)
        field.fill(field.input_value() + " [@nergens]")  # a diagnostic on screen is part of the page
        _next_build(page, build)
        if view == "source":
            page.locator("#view-source").click()
        result = page.evaluate(
            "async () => (await axe.run(document, {runOnly: RULES})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))".replace(
                "RULES", json.dumps(["wcag2a", "wcag2aa", "wcag21aa", "best-practice"])
            )
        )
    finally:
        context.close()
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []
