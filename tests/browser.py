"""The browsers for the tests, driven by Playwright: Debian's Chromium (over CDP) and Debian's
Firefox ESR (over WebDriver BiDi), never a downloaded one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Every browser the editor is tested in, by name: where Debian installs it and its apt package.
BROWSERS = {
    "chromium": (Path("/usr/bin/chromium"), "chromium"),
    "firefox": (Path("/usr/bin/firefox-esr"), "firefox-esr"),
}
#: Headless in a container: no sandbox, GPU or shared memory; nothing reached beyond localhost.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """One Playwright for the session (its sync API allows one at a time in a thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def launch(playwright: Any, name: str) -> Any:
    """A headless browser `name`; without it the test is skipped, and fails in CI (`.ci/run`
    installs both)."""
    executable, package = BROWSERS[name]
    if not executable.exists():
        message = f"{name} is not installed at {executable} (apt-get install {package})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    if name == "firefox":
        # Playwright drives a system Firefox over WebDriver BiDi only through this channel.
        return playwright.firefox.launch(channel="moz-firefox", executable_path=str(executable))
    return playwright.chromium.launch(executable_path=str(executable), args=FLAGS)


@pytest.fixture(scope="session", params=sorted(BROWSERS))
def browser(request: pytest.FixtureRequest, playwright_driver: Any) -> Iterator[Any]:
    """Each browser once for the whole session; every test that asks for it runs in both (a
    module narrows that with `pytest.mark.parametrize("browser", ["chromium"], indirect=True)`)."""
    launched = launch(playwright_driver, request.param)
    try:
        yield launched
    finally:
        launched.close()
