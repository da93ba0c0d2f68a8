"""Helpers for the `brochure serve` tests: a server on a free port, and a plain HTTP client."""

from __future__ import annotations

import http.client
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from brochure.serve.api import Editor
from brochure.serve.project import Project
from brochure.serve.server import EditorServer

SAMPLE = Path(__file__).resolve().parent.parent / "content.yaml"


def sample_project(folder: Path) -> Path:
    """A copy of the repository's sample leaflet in `folder`; returns its content.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    content = folder / "content.yaml"
    shutil.copy(SAMPLE, content)
    shutil.copytree(SAMPLE.parent / "assets", folder / "assets", dirs_exist_ok=True)
    return content


@contextmanager
def running(
    content: Path, *, data: Path | None = None, language: str = "", log: TextIO | None = None
) -> Iterator[EditorServer]:
    server = EditorServer(Editor(Project.at(content, data=data), language=language), log=log)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Client:
    """Requests as a browser on the page would send them, each part changeable by the test."""

    server: EditorServer

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        host: str | None = None,
        cookie: bool = True,
        token: bool = True,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        sent = {"Host": host or f"127.0.0.1:{self.server.port}"}
        if cookie:
            sent["Cookie"] = f"brochure_token={self.server.gate.token}"
        if token and method == "POST":
            sent["X-Brochure-Token"] = self.server.gate.token
        if method == "POST":
            sent["Content-Type"] = "application/json"
            sent["Origin"] = f"http://127.0.0.1:{self.server.port}"
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        connection.close()
        return answer

    def get(self, path: str, **options: Any) -> Answer:
        return self.request("GET", path, **options)

    def post(self, path: str, data: Any, **options: Any) -> Answer:
        return self.request("POST", path, body=json.dumps(data).encode(), **options)
