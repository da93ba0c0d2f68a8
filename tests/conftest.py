"""Shared fixtures: the sample leaflet built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import browser, playwright_driver  # noqa: F401  # each browser once per session

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content.yaml"
TRANSLATED = ROOT / "tests" / "projects" / "translated" / "content.yaml"  # one leaflet in seven languages


@pytest.fixture(scope="session")
def sample_build():  # type: ignore[no-untyped-def]
    """(pdfs by edition, slug, warnings) of the sample leaflet, all editions."""
    from brochure.editions import EDITIONS
    from brochure.pipeline import build_pdfs

    return build_pdfs(SAMPLE, tuple(EDITIONS))


@pytest.fixture(scope="session")
def print_pdf(sample_build) -> bytes:  # type: ignore[no-untyped-def]
    return sample_build[0]["print"]


@pytest.fixture(scope="session")
def sample_layout():  # type: ignore[no-untyped-def]
    from brochure.layout.kinds import layout
    from brochure.load.content import load
    from brochure.resolve.document import resolve

    content, _ = load(SAMPLE)
    document, _ = resolve(content)
    return layout(document)[0]


MINIMAL = """\
meta:
  title: Test
  language: nl
panels:
  cover:
    - illustration: phone
  flap:
    - text: Flap.
  inside:
    - heading: Kop
    - text: Binnen.
  back:
    - text: Achter.
"""


@pytest.fixture
def write_content(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a content file into a fresh folder and return its path."""

    def write(text: str = MINIMAL, name: str = "content.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
