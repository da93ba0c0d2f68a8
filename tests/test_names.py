"""Output names: short, stable across title edits, one per leaflet, never overwriting another's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from brochure.names import MAX_PART, file_name, leaflet_name, slugify, stem
from tests.conftest import MINIMAL
from tests.test_cli import run


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Schoolreis Ardennen", "schoolreis-ardennen"),
        ("Hou het privé!", "hou-het-prive"),
        ("Kırıkkale Łódź Şişli", "kirikkale-lodz-sisli"),
        ("Straße Øresund Æblegrød", "strasse-oresund-aeblegrod"),
        ("Привет, мир", "privet-mir"),
        ("Ёлка", "elka"),
        ("مرحبا", "mrhba"),
        ("Ελληνικά", "ellinika"),
        ("学校の遠足", "leaflet"),
        ("", "leaflet"),
        ("../../etc/passwd\0", "etc-passwd"),
        ("foto's", "fotos"),
    ],
)
def test_slugs_keep_letters_by_transliteration_and_are_never_empty(text: str, slug: str) -> None:
    """Dotless i, ł, ş and friends become their Latin letters; Cyrillic, Arabic and Greek are
    transliterated; what cannot be written in ASCII falls back to a plain word, never to ''."""
    assert slugify(text) == slug


def test_names_are_bounded_and_cut_at_a_word() -> None:
    """A 190-character title makes a name of at most MAX_PART characters, ending on a whole word."""
    long = "Alles wat je moet weten over de schoolreis naar de Ardennen " * 4
    name = slugify(long)
    assert len(name) <= MAX_PART and not name.endswith("-")
    assert long.lower().replace(" ", "-").startswith(name)
    assert len(file_name(stem(name, "nl", row=slugify(long)), "phone", ".html")) <= 2 * MAX_PART + 20


def test_the_name_comes_from_meta_name_else_the_folder_else_the_file(tmp_path: Path) -> None:
    """`meta.name` wins; a content.yaml is named after its folder; another file after folder and file."""
    folder = tmp_path / "Schoolreis Ardennen"
    assert leaflet_name(folder / "content.yaml") == "schoolreis-ardennen"
    assert leaflet_name(folder / "winter.yaml") == "schoolreis-ardennen-winter"
    assert leaflet_name(folder / "content.yaml", "Sexting") == "sexting"
    assert stem("sexting", "en-GB") == "sexting-en-gb"
    assert stem("sexting", "nl", row="De Regenboog") == "sexting-de-regenboog-nl"


def test_editing_the_title_replaces_the_same_files(tmp_path: Path) -> None:
    """The file names follow no title or date: an edited title rebuilds the open PDF in place."""
    path = tmp_path / "content.yaml"
    path.write_text(MINIMAL.replace("meta:\n", "meta:\n  name: trip\n  date: 2026-11-25\n"), encoding="utf-8")
    assert run("build", str(path), "-q")[0] == 0
    before = sorted(p.name for p in (tmp_path / "out").glob("[!.]*"))
    edited = path.read_text(encoding="utf-8").replace("title: Test", "title: Een heel andere titel")
    path.write_text(edited.replace("2026-11-25", "2026-12-01"), encoding="utf-8")
    assert run("build", str(path), "-q")[0] == 0
    after = sorted(p.name for p in (tmp_path / "out").glob("[!.]*"))
    assert (
        before
        == after
        == ["trip-nl-phone.html", "trip-nl-phone.pdf", "trip-nl-phone.txt", "trip-nl-print.pdf"]
    )


def test_renaming_a_leaflet_removes_its_old_files(tmp_path: Path) -> None:
    """A new `name:` writes new files and removes the ones the same content wrote before."""
    path = tmp_path / "content.yaml"
    path.write_text(MINIMAL.replace("meta:\n", "meta:\n  name: old\n"), encoding="utf-8")
    assert run("build", str(path), "-q", "-e", "print")[0] == 0
    path.write_text(MINIMAL.replace("meta:\n", "meta:\n  name: new\n"), encoding="utf-8")
    assert run("build", str(path), "-q", "-e", "print")[0] == 0
    assert [p.name for p in (tmp_path / "out").glob("[!.]*")] == ["new-nl-print.pdf"]


def test_two_leaflets_in_one_folder_never_overwrite_each_other(tmp_path: Path) -> None:
    """Two content files beside each other get their own files; two that give themselves the same
    name are stopped (C116) before anything is written, and the first one's files stay."""
    first, second = tmp_path / "content.yaml", tmp_path / "winter.yaml"
    first.write_text(MINIMAL, encoding="utf-8")
    second.write_text(MINIMAL.replace("Achter.", "Winter."), encoding="utf-8")
    assert run("build", str(first), "-q", "-e", "print")[0] == 0
    assert run("build", str(second), "-q", "-e", "print")[0] == 0
    names = sorted(p.name for p in (tmp_path / "out").glob("[!.]*"))
    folder = slugify(tmp_path.name)
    assert names == [f"{folder}-nl-print.pdf", f"{folder}-winter-nl-print.pdf"]

    kept = (tmp_path / "out" / f"{folder}-nl-print.pdf").read_bytes()
    named = MINIMAL.replace("meta:\n", f"meta:\n  name: {folder}\n").replace("Achter.", "Ander.")
    second.write_text(named, encoding="utf-8")
    code, _, err = run("build", str(second), "-e", "print")
    assert code == 1 and f"error[C116]: the files '{folder}-nl-…'" in err and str(first) in err
    assert "give this leaflet its own 'name:'" in err
    assert (tmp_path / "out" / f"{folder}-nl-print.pdf").read_bytes() == kept
    # Once the first file is gone, its name is free again.
    first.unlink()
    assert run("build", str(second), "-q", "-e", "print")[0] == 0


CAMPAIGN = """\
meta:
  title: {title}
  name: {name}
  language: nl
  organisation: "{{{{ school }}}}"
panels:
  cover: [{{illustration: phone}}]
  flap: [{{text: Flap.}}]
  inside: [{{heading: Kop}}, {{text: Binnen.}}]
  back: [{{text: Achter.}}]
"""


def test_two_campaigns_for_the_same_schools_never_overwrite_each_other(tmp_path: Path) -> None:
    """Batch names are `<leaflet>-<row>-<lang>-<edition>`: two leaflets for the same rows, built
    into one folder, keep every file apart."""
    table = tmp_path / "schools.csv"
    stream = io.StringIO()
    csv.writer(stream).writerows(
        [["slug", "school"], ["de-regenboog", "De Regenboog"], ["het-baken", "Het Baken"]]
    )
    table.write_text(stream.getvalue(), encoding="utf-8")
    for name in ("sexting", "pesten"):
        content = tmp_path / f"{name}.yaml"
        content.write_text(CAMPAIGN.format(title=name.title(), name=name), encoding="utf-8")
        assert run("build", str(content), "--data", str(table), "-e", "print", "-q")[0] == 0
    names = sorted(p.name for p in (tmp_path / "out").glob("[!.]*"))
    assert names == [
        "pesten-de-regenboog-nl-print.pdf",
        "pesten-het-baken-nl-print.pdf",
        "sexting-de-regenboog-nl-print.pdf",
        "sexting-het-baken-nl-print.pdf",
    ]
