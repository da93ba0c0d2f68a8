"""`brochure serve` over plain HTTP: who is refused, what is built, saved, uploaded and downloaded."""

from __future__ import annotations

import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from brochure.serve.server import EditorServer
from tests.serving import Client, running, sample_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path / "leaflet")


@pytest.fixture
def server(project: Path) -> Iterator[EditorServer]:
    with running(project) as started:
        yield started


@pytest.fixture
def client(server: EditorServer) -> Client:
    return Client(server)


def _state(client: Client) -> dict[str, object]:
    answer = client.get("/api/state")
    assert answer.status == 200
    state: dict[str, object] = answer.json()
    return state


def test_without_the_token_every_request_is_refused(client: Client) -> None:
    for path in ("/", "/api/state", "/static/app.js", "/events", "/download/x.pdf"):
        assert client.get(path, cookie=False).status == 403
    assert client.get("/?token=wrong", cookie=False).status == 403


def test_verbose_logs_one_line_per_request_without_the_token(project: Path) -> None:
    """`serve --verbose` prints each answered request's method, path and status; the quiet
    default prints none, and no line holds the token from the address."""
    log = io.StringIO()
    with running(project, log=log) as server:
        client = Client(server)
        client.get(f"/?token={server.gate.token}", cookie=False)
        client.get("/api/state")
        client.get("/nowhere")
        token = server.gate.token
    assert log.getvalue().splitlines() == ["GET / 303", "GET /api/state 200", "GET /nowhere 404"]
    assert token not in log.getvalue()
    with running(project) as server:
        assert server.log is None


def test_the_token_in_the_address_becomes_a_cookie(client: Client, server: EditorServer) -> None:
    answer = client.get(f"/?token={server.gate.token}", cookie=False)
    assert answer.status == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"brochure_token={server.gate.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get("/")
    assert page.status == 200 and b'<html lang="nl">' in page.body
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert page.headers["x-frame-options"] == "DENY" and page.headers["server"] == "brochure"


def test_a_foreign_host_is_refused_even_with_the_token(client: Client, server: EditorServer) -> None:
    """DNS rebinding: a page on evil.example resolving its name to 127.0.0.1 sends its own Host."""
    assert client.get("/", host=f"evil.example:{server.port}").status == 421
    assert client.post("/api/build", {"text": ""}, host="evil.example").status == 421
    assert client.get("/", host=f"localhost:{server.port}").status == 200


def test_state_changing_requests_need_our_header_origin_and_json(client: Client, project: Path) -> None:
    before = project.read_text(encoding="utf-8")
    body = {"version": "x", "text": "meta: {title: Weg, language: nl}\n", "ops": [], "force": True}
    assert client.post("/api/save", body, token=False).status == 403  # what a cross-site form could send
    assert client.post("/api/save", body, headers={"Origin": "http://evil.example"}).status == 403
    assert client.post("/api/save", body, headers={"Sec-Fetch-Site": "cross-site"}).status == 403
    assert client.post("/api/save", body, headers={"Content-Type": "text/plain"}).status == 415
    assert client.post("/api/save", body, headers={"X-Brochure-Token": "guess"}).status == 403
    assert project.read_text(encoding="utf-8") == before


def test_no_cors_and_no_options(client: Client) -> None:
    answer = client.request("OPTIONS", "/api/save", headers={"Origin": "http://evil.example"})
    assert answer.status == 501
    assert not any(name.startswith("access-control-") for name in client.get("/").headers)


def test_large_bodies_are_refused(server: EditorServer) -> None:
    """Refused from the headers alone: the body is never read."""
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    token = server.gate.token
    connection.sendall(
        (
            f"POST /api/build HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nCookie: brochure_token={token}\r\n"
            f"X-Brochure-Token: {token}\r\nContent-Type: application/json\r\n"
            "Content-Length: 100000000\r\n\r\n"
        ).encode()
    )
    answer = connection.recv(4096)
    connection.close()
    assert answer.startswith(b"HTTP/1.1 413 ")


@pytest.mark.parametrize(
    "path",
    ["/static/../server.py", "/static/..%2fserver.py", "/static/%2e%2e/api.py", "/static/x.py", "/static/"],
)
def test_only_the_page_files_are_served(client: Client, path: str) -> None:
    assert client.get(path).status == 404


def test_assets_outside_the_project_cannot_be_read(server: EditorServer, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("geheim")
    project = server.editor.project
    assert project.inside("../secret.txt") is None
    assert project.inside("/etc/passwd") is None
    assert project.inside("content.yaml") == project.content


def test_a_build_returns_pictures_and_the_clis_diagnostics(client: Client, project: Path) -> None:
    text = project.read_text(encoding="utf-8")
    built = client.post("/api/build", {"text": text, "ops": []}).json()
    names = [image["name"] for image in built["images"]]
    assert names[:3] == ["side-1", "side-2", "mockup"] and "phone-1" in names
    picture = client.get(built["images"][0]["url"])
    assert picture.status == 200 and picture.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(picture.body)) as image:
        assert image.size == (built["images"][0]["width"], built["images"][0]["height"])
    broken = text.replace("- heading: Wat is sexting?", "- heading: Wat is sexting?\n    - calout: Oeps")
    failed = client.post("/api/build", {"text": broken, "ops": []}).json()
    (problem,) = [d for d in failed["diagnostics"] if d["severity"] == "error"]
    line = broken.splitlines().index("    - calout: Oeps") + 1
    assert problem["code"] == "C104" and problem["line"] == line and "callout" in problem["hint"]
    assert problem["text"].startswith(f"{project}:{line}:7: error[C104]")


def test_an_overflowing_panel_is_marked_red_in_its_side(client: Client, project: Path) -> None:
    text = project.read_text(encoding="utf-8")
    long = "      - text: " + "Veel te veel woorden in dit paneel. " * 60 + "\n"
    crowded = text.replace("  inside:\n", long + "\n  inside:\n", 1)
    built = client.post("/api/build", {"text": crowded, "ops": []}).json()
    assert any(d["code"] == "L101" for d in built["diagnostics"])
    side = next(image for image in built["images"] if image["overflow"])
    assert side["name"] == "side-1"  # the flap is on the outside of a roll fold
    with Image.open(io.BytesIO(client.get(side["url"]).body)) as image:
        raw = image.convert("RGB").tobytes()
        red = sum(
            1
            for r, g, b in zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
            if r > 200 and g < 30 and 40 < b < 80
        )
    assert red > 2000


def test_save_writes_only_content_yaml_atomically_even_when_it_does_not_build(
    client: Client, project: Path
) -> None:
    state = _state(client)
    files = sorted(project.parent.rglob("*"))
    broken = str(state["text"]).replace("fold: roll", "fold: rol")
    saved = client.post("/api/save", {"version": state["version"], "text": broken, "ops": []})
    assert saved.status == 200 and project.read_text(encoding="utf-8") == broken
    assert sorted(project.parent.rglob("*")) == files


def test_a_field_edit_saved_over_a_change_elsewhere_is_merged(client: Client, project: Path) -> None:
    state = _state(client)
    project.write_text(
        str(state["text"]).replace("title: Sexting", "title: Sexting op school"), encoding="utf-8"
    )
    edit = {
        "op": "meta",
        "field": "subtitle",
        "value": "Denk na",
        "old": "Als het uitgaat of gedeeld wordt is",
    }
    edit["old"] = "Als het uitgaat of gedeeld wordt is het niet meer leuk of spannend!"
    body = {"version": state["version"], "text": state["text"], "ops": [edit], "mergeable": True}
    saved = client.post("/api/save", body)
    assert saved.status == 200 and saved.json()["merged"]
    text = project.read_text(encoding="utf-8")
    assert "title: Sexting op school" in text and "subtitle: Denk na" in text


def test_the_same_field_changed_in_two_places_is_a_conflict_not_an_overwrite(
    client: Client, project: Path
) -> None:
    state = _state(client)
    theirs = str(state["text"]).replace("title: Sexting", "title: Van de ander")
    project.write_text(theirs, encoding="utf-8")
    edit = {"op": "meta", "field": "title", "value": "Van mij", "old": "Sexting"}
    body = {"version": state["version"], "text": state["text"], "ops": [edit], "mergeable": True}
    assert client.post("/api/save", body).status == 409
    raw = {
        "version": state["version"],
        "text": str(state["text"]) + "# mine\n",
        "ops": [],
        "mergeable": False,
    }
    assert client.post("/api/save", raw).status == 409
    assert project.read_text(encoding="utf-8") == theirs
    assert client.post("/api/save", raw | {"force": True}).status == 200
    assert project.read_text(encoding="utf-8").endswith("# mine\n")


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (640, 480), (200, 40, 90))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS position
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"a private comment")
    return buffer.getvalue()


def test_an_uploaded_photo_lands_in_assets_without_its_metadata(client: Client, project: Path) -> None:
    data = _jpeg_with_gps()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif()
    headers = {"Content-Type": "application/octet-stream", "X-File-Name": "Foto%20van%20de%20klas.JPG"}
    answer = client.request("POST", "/api/upload", body=data, headers=headers)
    assert answer.status == 200, answer.body
    assert answer.json()["file"] == "assets/foto-van-de-klas.jpg"
    saved = project.parent / "assets" / "foto-van-de-klas.jpg"
    with Image.open(saved) as image:
        assert image.size == (640, 480) and not image.getexif() and "comment" not in image.info
    assert (
        "assets/foto-van-de-klas.jpg" in answer.json()["images"]
        and "assets/phone.svg" in answer.json()["images"]
    )


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"%PDF-1.4 not an image", 422),
        (b"\x89PNG\r\n\x1a\n broken", 422),
        (b"\xff" * (13 * 1024 * 1024), 413),
    ],
)
def test_uploads_that_are_not_fitting_images_are_refused(
    client: Client, project: Path, data: bytes, status: int
) -> None:
    headers = {"Content-Type": "application/octet-stream", "X-File-Name": "x.png"}
    before = sorted((project.parent / "assets").iterdir())
    answer = client.request("POST", "/api/upload", body=data, headers=headers)
    assert answer.status == status
    assert sorted((project.parent / "assets").iterdir()) == before


def test_uploads_over_the_pixel_limit_are_refused(client: Client) -> None:
    buffer = io.BytesIO()
    Image.new("L", (8000, 6000)).save(buffer, "PNG")
    headers = {"Content-Type": "application/octet-stream", "X-File-Name": "huge.png"}
    answer = client.request("POST", "/api/upload", body=buffer.getvalue(), headers=headers)
    assert answer.status == 422 and "40" in answer.json()["error"]


@pytest.mark.slow
def test_downloads_are_every_editions_pdf_and_the_mail_companions(client: Client) -> None:
    listed = client.get("/api/downloads").json()
    names = [row["name"] for row in listed["files"]]
    assert names == [
        "sexting-nl-print.pdf",
        "sexting-nl-phone.pdf",
        "sexting-nl-phone.html",
        "sexting-nl-phone.txt",
    ]
    pdf = client.get("/download/sexting-nl-print.pdf")
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF-")
    assert pdf.headers["content-disposition"] == 'attachment; filename="sexting-nl-print.pdf"'
    text = pypdf.PdfReader(io.BytesIO(pdf.body)).pages[0].extract_text()
    assert "Sexting" in text
    mail = client.get("/download/sexting-nl-phone.txt")
    assert mail.status == 200 and "Sexting" in mail.body.decode("utf-8")
    assert client.get("/download/../content.yaml").status == 404


@pytest.mark.slow
def test_a_batch_project_offers_every_row_as_one_zip(tmp_path: Path) -> None:
    import zipfile

    content = sample_project(tmp_path / "batch")
    text = content.read_text(encoding="utf-8").replace(
        "organisation: Preventiewerkgroep", 'organisation: "{{ school }}"'
    )
    content.write_text(text, encoding="utf-8")
    data = tmp_path / "batch" / "schools.csv"
    data.write_text("school\nDe Linde\nHet Baken\n", encoding="utf-8")
    with running(content, data=data) as server:
        client = Client(server)
        rows = client.get("/api/downloads").json()["files"]
        assert rows[-1]["name"] == "all.zip"
        answer = client.get("/download/all.zip")
    names = sorted(zipfile.ZipFile(io.BytesIO(answer.body)).namelist())
    assert names == sorted(
        f"sexting-{s}-nl-{kind}"
        for s in ("de-linde", "het-baken")
        for kind in ("print.pdf", "phone.pdf", "phone.html", "phone.txt")
    )


def test_a_change_on_disk_reaches_the_event_stream(server: EditorServer, project: Path) -> None:
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    request = (
        f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        f"Cookie: brochure_token={server.gate.token}\r\n\r\n"
    )
    connection.sendall(request.encode())
    received = b""
    while b": connected" not in received:
        received += connection.recv(4096)
    project.write_text(project.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    started = time.monotonic()
    while b"event: disk" not in received:
        received += connection.recv(4096)
    connection.close()
    assert time.monotonic() - started < 2
    payload = received.split(b"event: disk\ndata: ", 1)[1].split(b"\n", 1)[0]
    assert json.loads(payload)["version"] == server.editor.project.read().version


def test_builds_run_one_at_a_time_and_the_newest_edit_wins() -> None:
    from brochure.serve.worker import BuildWorker, Superseded

    running_now, most, release = [0], [0], threading.Event()

    def job(text: str) -> str:
        running_now[0] += 1
        most[0] = max(most[0], running_now[0])
        release.wait(2)
        running_now[0] -= 1
        return text.upper()

    worker: BuildWorker[str] = BuildWorker(job)
    first = worker.submit("one")
    time.sleep(0.1)  # "one" is running now
    second, third = worker.submit("two"), worker.submit("three")
    release.set()
    assert worker.wait(first).result == "ONE"
    with pytest.raises(Superseded):
        worker.wait(second)
    assert worker.wait(third).result == "THREE"
    assert most[0] == 1
    worker.stop()


def test_a_full_disk_on_save_or_upload_is_said_on_the_page_and_the_file_is_kept(
    client: Client, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk refusing content.yaml's or an image's bytes is the author's to know, not a bug:
    503 with the plain reason for the page, no 500, and content.yaml as it was."""
    import errno

    from tests.test_output_faults import refuse_temporary_files

    state = _state(client)
    before = project.read_bytes()
    refuse_temporary_files(monkeypatch, errno.ENOSPC)
    edited = str(state["text"]).replace("title: Sexting", "title: Sexting op school")
    saved = client.post("/api/save", {"version": state["version"], "text": edited, "ops": []})
    assert saved.status == 503 and saved.json()["error"].startswith(f"cannot write into '{project.parent}': ")
    assert "the disk is full" in saved.json()["error"] and project.read_bytes() == before
    headers = {"Content-Type": "application/octet-stream", "X-File-Name": "foto.jpg"}
    uploaded = client.request("POST", "/api/upload", body=_jpeg_with_gps(), headers=headers)
    assert uploaded.status == 503 and "the disk is full" in uploaded.json()["error"]
    assert not (project.parent / "assets" / "foto.jpg").exists()
    monkeypatch.undo()
    assert client.post("/api/save", {"version": state["version"], "text": edited, "ops": []}).status == 200


def test_half_a_character_pair_sent_by_a_page_is_refused_and_nothing_written(
    client: Client, project: Path
) -> None:
    """JSON may carry a lone "\\ud800" escape, which content.yaml (UTF-8) cannot hold: saving
    it was a 500; it is a 400 with the reason, and the file stays as it was."""
    state = _state(client)
    before = project.read_bytes()
    text = str(state["text"]).replace("title: Sexting", "title: Sexting \ud800")
    saved = client.post("/api/save", {"version": state["version"], "text": text, "ops": []})
    assert saved.status == 400 and saved.json() == {"error": "the text holds half of a character pair"}
    assert project.read_bytes() == before
    assert client.post("/api/build", {"text": text}).status == 400
