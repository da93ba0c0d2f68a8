"""`brochure new DIR` through `main(argv)`: a project that builds and checks, every block type in
its content, editors pointed at the schema, and nothing overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from brochure.load.blocks import BLOCK_TYPES
from brochure.load.content import load
from brochure.load.model import Break
from tests.test_cli import run
from tests.test_schema import document


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("projects") / "school-trip"
    code, out, err = run("new", str(folder))
    assert code == 0, err
    assert "brochure watch" in out
    return folder


@pytest.mark.slow
def test_the_new_project_builds_and_checks_without_errors(project: Path) -> None:
    """`brochure build` writes its PDF, with the same preflight as `brochure check`: no error,
    only the placeholder addresses it asks the author to replace (the QR code's too)."""
    code, _, err = run("build", str(project / "content.yaml"))
    assert code == 0 and "error" not in err, err
    assert err.count("warning[K304]: 'example.org' is a placeholder") == err.count("warning") == 3
    assert [p.name for p in (project / "out").glob("*-print.pdf")] == ["school-trip-en-print.pdf"]
    code, out, _ = run("check", str(project / "content.yaml"), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"]
    assert {f["code"] for f in report["findings"]} == {"K304"}


def test_the_content_shows_every_block_type_and_the_title(project: Path) -> None:
    """Every block type appears (in a form the loader accepts), and the title comes from DIR."""
    content, warnings = load(project / "content.yaml")
    assert warnings == ()
    assert content.meta.title == "School trip"
    used = {type(block).__name__ for panel in content.panels for block in panel.blocks}
    text = (project / "content.yaml").read_text(encoding="utf-8")
    assert all(f"- {name}" in text or f"{name}:" in text for name in BLOCK_TYPES)
    assert len(used) == len(BLOCK_TYPES), used
    assert any(isinstance(b, Break) for p in content.panels for b in p.blocks)


def test_the_comments_say_how_the_files_are_named(project: Path, tmp_path: Path) -> None:
    """The files follow no title or date: the date's comment does not say they do, and the
    `name:` the comments offer, once uncommented, names the files as its comment says."""
    text = (project / "content.yaml").read_text(encoding="utf-8")
    (date,) = [line for line in text.splitlines() if line.strip().startswith("date:")]
    assert "name" not in date
    named = tmp_path / "content.yaml"
    named.write_text(text.replace("  # name: trip-2027", "  name: trip-2027", 1), encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "photo.png").write_bytes((project / "assets" / "photo.png").read_bytes())
    assert run("build", str(named), "-e", "print", "-q")[0] == 0
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["trip-2027-en-print.pdf"]


def test_editors_are_pointed_at_the_schema_and_the_content_validates(project: Path) -> None:
    """.vscode/settings.json maps the copied schema onto content.yaml, the modeline names it, and
    the content is valid under it."""
    settings = json.loads((project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    ((schema_file, globs),) = settings["yaml.schemas"].items()
    assert "content.yaml" in globs
    schema = json.loads((project / schema_file).read_text(encoding="utf-8"))
    packaged = Path(__file__).parent.parent / "brochure" / "load" / "content.schema.json"
    assert schema == json.loads(packaged.read_text(encoding="utf-8"))
    first_line = (project / "content.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=content.schema.json"
    jsonschema.Draft202012Validator(schema).validate(document(project / "content.yaml"))
    assert (project / "assets" / "photo.png").stat().st_size > 0


def test_a_folder_with_files_is_never_overwritten(tmp_path: Path) -> None:
    """A non-empty folder is refused with exit 2 and left as it was; an empty one is used."""
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    code, out, err = run("new", str(tmp_path))
    assert code == 2 and "exists and is not an empty folder" in err and out == ""
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("new", str(empty), "--title", "Ouderavond", "--quiet") == (0, "", "")
    assert load(empty / "content.yaml")[0].meta.title == "Ouderavond"
