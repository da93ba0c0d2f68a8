"""The HTTP side: a standard-library threading server, every request through the gate, then routed."""

from __future__ import annotations

import html
import json
import re
import threading
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from brochure.serve.api import Editor, Refused
from brochure.serve.catalogue import messages
from brochure.serve.project import MAX_UPLOAD_BYTES
from brochure.serve.security import HEADERS, MAX_BODY, Gate, Refusal, query_token

STATIC = Path(str(files("brochure.serve") / "static")).resolve()
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}
#: Seconds between keep-alive comments on an open event stream.
HEARTBEAT = 10.0
#: A body over the limit but under this many bytes is read and dropped before the 413.
DRAIN = 64 * 1024 * 1024
DOWNLOAD_TYPES = {".pdf": "application/pdf", ".zip": "application/zip", ".html": "text/html; charset=utf-8"}
_PLACEHOLDER = re.compile(r"\{\{([a-z._-]+)\}\}")
_PICTURE = re.compile(r"^/preview/(\d+)/([a-z0-9-]+)\.png$")


class EditorServer(ThreadingHTTPServer):
    """Listens on 127.0.0.1 only; each request runs in a daemon thread (Ctrl+C never waits)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, editor: Editor, *, port: int = 0, host: str = "127.0.0.1", log: TextIO | None = None
    ) -> None:
        super().__init__((host, port), Handler)
        self.editor = editor
        self.gate = Gate(token=_token(), port=self.server_address[1])
        #: With --verbose, one line per answered request (its path, never the token).
        self.log, self.log_lock = log, threading.Lock()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.gate.token}"

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests); the command serves in the main thread."""
        self.editor.watcher.start()
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.editor.close()
        self.shutdown()
        self.server_close()


def _token() -> str:
    from brochure.serve.security import new_token

    return new_token()


def _query(target: str, key: str) -> str:
    """The value of `key=` in a request target's query ("" when absent)."""
    values = parse_qs(urlsplit(target).query).get(key)
    return values[0] if values else ""


class Handler(BaseHTTPRequestHandler):
    server: EditorServer
    protocol_version = "HTTP/1.1"
    server_version = "brochure"
    sys_version = ""

    def version_string(self) -> str:
        return "brochure"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the address and for problems, not for every request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """With --verbose: `GET /api/state 200`, the path without its query (it may hold the token)."""
        log = self.server.log
        if log is not None:
            status = code.value if isinstance(code, HTTPStatus) else code
            with self.server.log_lock:
                print(f"{self.command} {urlsplit(self.path).path} {status}", file=log, flush=True)

    # -- answers -------------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {**HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(
            status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8"
        )

    def _refuse(self, refusal: Refusal) -> None:
        self._send(refusal.status, f"{refusal.reason}\n".encode(), "text/plain; charset=utf-8")

    # -- methods -------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_HEAD(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def _guarded(self, route: Any) -> None:
        try:
            route()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Refused as refused:
            self._json(400, {"error": str(refused)})
        except Exception:  # a bug of ours: the page hears 500, the terminal gets the traceback
            traceback.print_exc()
            self._json(500, {"error": "internal error in brochure (see the terminal)"})

    def _get(self) -> None:
        gate, editor = self.server.gate, self.server.editor
        refused = gate.host(self.headers)
        if refused:
            return self._refuse(refused)
        path = urlsplit(self.path).path
        if path == "/" and gate.token_in(query_token(self.path)):
            return self._send(303, b"", "text/plain", {"Location": "/", "Set-Cookie": gate.set_cookie()})
        refused = gate.read(self.headers)
        if refused:
            return self._refuse(refused)
        if path == "/":
            return self._send(200, self._page(), "text/html; charset=utf-8")
        if path.startswith("/static/"):
            return self._static(path.removeprefix("/static/"))
        if path == "/api/state":
            return self._json(200, editor.state())
        if path == "/api/downloads":
            return self._json(200, editor.downloads())
        if path == "/events":
            return self._events()
        picture = _PICTURE.match(path)
        if picture:
            data = editor.picture(int(picture.group(1)), picture.group(2))
            return self._send(200, data, "image/png") if data else self._missing()
        if path.startswith("/download/"):
            return self._download(unquote(path.removeprefix("/download/")), _query(self.path, "version"))
        return self._missing()

    def _post(self) -> None:
        gate, editor = self.server.gate, self.server.editor
        path = urlsplit(self.path).path
        upload = path == "/api/upload"
        refused = gate.write(
            self.headers, content_types=("application/octet-stream",) if upload else ("application/json",)
        )
        if refused:
            return self._refuse(refused)
        length = int(self.headers.get("Content-Length") or 0)
        if length > (MAX_UPLOAD_BYTES + 1024 if upload else MAX_BODY) or length < 0:
            self.close_connection = True
            if 0 < length <= DRAIN:  # read what a browser sends anyway, so it hears the answer
                for _ in range(0, length, 1 << 16):
                    self.rfile.read(min(1 << 16, length))
            return self._refuse(Refusal(413, "the request is too large"))
        raw = self.rfile.read(length)
        if upload:
            status, answer = editor.upload(unquote(self.headers.get("X-File-Name", "image")), raw)
            return self._json(status, answer)
        try:
            body = json.loads(raw.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._json(400, {"error": "the body is not JSON"})
        if not isinstance(body, dict):
            return self._json(400, {"error": "the body is not a JSON object"})
        try:  # a "\ud800" escape in the JSON: half a character pair, which no UTF-8 file holds
            json.dumps(body, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return self._json(400, {"error": "the text holds half of a character pair"})
        if path == "/api/build":
            return self._json(200, editor.build(body))
        if path == "/api/model":
            return self._json(200, editor.edited(body))
        if path == "/api/save":
            return self._json(*editor.save(body))
        return self._missing()

    # -- pieces --------------------------------------------------------------------------------

    def _missing(self) -> None:
        self._send(404, b"not found\n", "text/plain; charset=utf-8")

    def _page(self) -> bytes:
        editor = self.server.editor
        language = editor.language(editor.project.read().text)
        texts = messages(language)
        template = (STATIC / "index.html").read_text(encoding="utf-8")
        values = {
            **texts,
            "lang": language.split("-")[0] if language else "en",
            "token": self.server.gate.token,
        }
        page = re.sub(
            r"\{\{([a-z._-]+)\}\}", lambda m: html.escape(values.get(m.group(1), m.group(1))), template
        )
        return page.encode("utf-8")

    def _static(self, name: str) -> None:
        """The page's own files, and only those: the resolved file must sit in the static folder."""
        candidate = (STATIC / unquote(name)).resolve()
        if candidate.parent != STATIC or not candidate.is_file() or candidate.suffix not in TYPES:
            return self._missing()
        self._send(200, candidate.read_bytes(), f"{TYPES[candidate.suffix]}; charset=utf-8")

    def _download(self, name: str, version: str) -> None:
        data = self.server.editor.download(name, version)
        if data is None:
            return self._missing()
        kind = {
            ".pdf": "application/pdf",
            ".zip": "application/zip",
            ".html": "text/html; charset=utf-8",
        }.get(Path(name).suffix, "text/plain; charset=utf-8")
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        self._send(200, data, kind, {"Content-Disposition": f'attachment; filename="{safe}"'})

    def _events(self) -> None:
        """Server-sent events: `disk` whenever content.yaml changes; a comment now and then."""
        watcher = self.server.editor.watcher
        self.send_response(HTTPStatus.OK)
        for name, value in HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = watcher.changes
        self.wfile.write(b": connected\n\n")
        self.wfile.flush()
        while not watcher.stopped:
            now = watcher.wait(seen, HEARTBEAT)
            if now != seen:
                seen = now
                message = json.dumps({"version": watcher.version})
                self.wfile.write(f"event: disk\ndata: {message}\n\n".encode())
            else:
                self.wfile.write(b": still here\n\n")
            self.wfile.flush()
