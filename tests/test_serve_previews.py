"""Which preview builds `brochure serve` keeps: every picture a page was told about stays served,
and a text that does not build yet answers with the last pictures that did."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from brochure.serve import engine
from brochure.serve.previews import GRACE, PAGES, REPLACED, PreviewStore
from brochure.serve.server import EditorServer
from tests.serving import Client, running, sample_project

DRAWN = engine.Pictures((), {"side-1": Image.new("RGB", (4, 3), "white")})
NOTHING = engine.Pictures(())


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_replaced_build_stays_for_the_grace_time_then_goes() -> None:
    clock = Clock()
    store = PreviewStore(clock=clock)
    store.add(1, DRAWN)
    store.add(2, DRAWN)
    assert store.numbers == [1, 2]  # a page may still be loading build 1's pictures
    clock.now += GRACE - 1
    store.add(3, DRAWN)
    assert store.numbers == [1, 2, 3]
    clock.now += 2
    store.add(4, DRAWN)
    assert store.numbers == [2, 3, 4]
    clock.now += GRACE
    store.add(5, DRAWN)
    assert store.numbers == [4, 5] and store.get(1) is None and store.get(5) is not None


def test_at_most_so_many_replaced_builds_are_kept() -> None:
    store = PreviewStore(clock=Clock())
    for number in range(1, REPLACED + 10):
        store.add(number, DRAWN)
    assert store.numbers == list(range(REPLACED + 10 - REPLACED - 1, REPLACED + 10))


def test_the_build_a_page_shows_stays_until_that_page_has_a_newer_one() -> None:
    """A tab left alone shows build 1; its hidden panes ask for build 1's pictures whenever
    they are opened, however many builds another tab made since."""
    clock = Clock()
    store = PreviewStore(clock=clock)
    store.add(1, DRAWN, page="idle")
    for number in range(2, 40):
        clock.now += 10
        store.add(number, DRAWN, page="busy")
    assert store.get(1) is not None
    store.add(40, DRAWN, page="idle")
    clock.now += GRACE + 1
    store.add(41, DRAWN, page="busy")
    assert store.numbers == [39, 40, 41]  # 39 was busy's until just now
    clock.now += GRACE + 1
    store.add(42, DRAWN, page="busy")
    assert store.numbers == [40, 41, 42]  # idle shows 40 now: its old build 1 went long ago


def test_only_the_last_few_pages_are_remembered() -> None:
    clock = Clock()
    store = PreviewStore(clock=clock)
    for number in range(1, PAGES + 2):
        store.add(number, DRAWN, page=f"tab-{number}")
    clock.now += GRACE + 1
    store.add(PAGES + 2, DRAWN)
    assert store.numbers == list(range(2, PAGES + 3))


def test_a_build_that_draws_nothing_shows_the_newest_that_did_and_keeps_it() -> None:
    clock = Clock()
    store = PreviewStore(clock=clock)
    assert store.add(1, NOTHING).number == 1  # nothing drew yet: nothing better to show
    assert store.add(2, DRAWN).number == 2
    for number in range(3, 30):
        clock.now += GRACE
        assert store.add(number, NOTHING).number == 2
    assert store.get(2) is not None and store.get(27) is None
    assert store.numbers == [2, 28, 29]
    assert store.add(30, DRAWN).number == 30
    clock.now += GRACE + 1
    store.add(31, NOTHING)
    assert store.numbers == [30, 31]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path / "leaflet")


@pytest.fixture
def client(project: Path) -> Iterator[Client]:
    server: EditorServer
    with running(project) as server:
        yield Client(server)


@pytest.mark.slow
def test_the_pictures_of_a_replaced_build_are_still_served(client: Client, project: Path) -> None:
    text = project.read_text(encoding="utf-8")
    first = client.post("/api/build", {"text": text, "ops": [], "page": "a"}).json()
    edited = text.replace("title: Sexting", "title: Sexting op school")
    second = client.post("/api/build", {"text": edited, "ops": [], "page": "b"}).json()
    assert second["build"] > first["build"] and not second["outdated"]
    for image in first["images"] + second["images"]:  # the mock-up and phone pages drawn on request
        answer = client.get(image["url"])
        assert answer.status == 200, image["url"]
        with Image.open(io.BytesIO(answer.body)) as picture:
            assert picture.width > 100
    old, new = (client.get(built["images"][0]["url"]).body for built in (first, second))
    assert old != new
    assert client.get(f"/preview/{second['build'] + 1}/side-1.png").status == 404


@pytest.mark.slow
def test_a_text_that_does_not_build_answers_with_the_last_pictures_that_did(
    client: Client, project: Path
) -> None:
    text = project.read_text(encoding="utf-8")
    good = client.post("/api/build", {"text": text, "ops": []}).json()
    broken = text.replace("- heading: Wat is sexting?", "- heading: Wat is sexting? Zie [@nergens].")
    failed = client.post("/api/build", {"text": broken, "ops": []}).json()
    assert [d["code"] for d in failed["diagnostics"] if d["severity"] == "error"] == ["C203"]
    assert failed["outdated"] and failed["shown"] == good["build"] < failed["build"]
    assert failed["images"] == good["images"]
    assert client.get(failed["images"][1]["url"]).body == client.get(good["images"][1]["url"]).body
    fixed = client.post("/api/build", {"text": text.replace("Wat is sexting?", "Wat is het?"), "ops": []})
    assert not fixed.json()["outdated"] and fixed.json()["shown"] == fixed.json()["build"]


@pytest.mark.slow
def test_a_download_list_shown_earlier_still_downloads_after_the_text_changed(
    client: Client, project: Path
) -> None:
    text = project.read_text(encoding="utf-8")
    client.post("/api/build", {"text": text, "ops": []})
    earlier = client.get("/api/downloads").json()
    assert earlier["current"]
    broken = text.replace("- heading: Wat is sexting?", "- heading: Wat is sexting? Zie [@nergens].")
    client.post("/api/build", {"text": broken, "ops": []})
    kept = client.get("/api/downloads").json()
    assert not kept["current"] and kept["files"] == earlier["files"]  # the last good files stay
    client.post("/api/build", {"text": text.replace("Wat is sexting?", "Wat is het?"), "ops": []})
    newer = client.get("/api/downloads").json()
    assert newer["current"] and newer["files"][0]["url"] != earlier["files"][0]["url"]

    def inside(url: str) -> str:
        answer = client.get(url)
        assert answer.status == 200
        return str(pypdf.PdfReader(io.BytesIO(answer.body)).pages[1].extract_text())

    assert "Wat is sexting?" in inside(earlier["files"][0]["url"])
    assert "Wat is het?" in inside(newer["files"][0]["url"])
    assert "Wat is het?" in inside("/download/sexting-nl-print.pdf")  # no version: the newest list
