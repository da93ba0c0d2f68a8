"""`brochure serve` on the command line: its address, its usage errors, and Ctrl+C with a page open."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brochure.cli.main import main
from tests.serving import sample_project


def test_a_missing_project_is_a_usage_error(tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["serve", str(tmp_path / "nowhere")], out=io.StringIO(), err=err) == 2
    assert "nowhere not found" in err.getvalue()
    (tmp_path / "empty").mkdir()
    assert main(["serve", str(tmp_path / "empty")], out=io.StringIO(), err=err) == 2
    assert "brochure new" in err.getvalue()


@pytest.mark.slow
def test_ctrl_c_stops_at_once_with_a_page_listening(tmp_path: Path) -> None:
    """SIGINT while an event stream is open: exit 130 within a second, one line, no traceback."""
    sample_project(tmp_path / "leaflet")
    process = subprocess.Popen(
        [sys.executable, "-m", "brochure", "serve", str(tmp_path / "leaflet")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    address = process.stdout.readline()
    assert first.startswith("brochure serve: editing ") and address.startswith("open http://127.0.0.1:")
    url = address.split()[1]
    port, token = int(url.split(":")[2].split("/")[0]), url.split("token=")[1]
    stream = socket.create_connection(("127.0.0.1", port), timeout=5)
    stream.sendall(
        f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: brochure_token={token}\r\n\r\n".encode()
    )
    received = b""
    while b": connected" not in received:
        received += stream.recv(4096)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    took = time.monotonic() - started
    stream.close()
    assert process.returncode == 130
    assert took < 1.5
    assert out.splitlines() == ["stopped"] and err == ""
