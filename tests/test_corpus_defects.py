"""Defects the corpus found outside line breaking, each held by a test that failed before its fix:
a QR code block's Figure without Alt, a blank cover without a `cover:`, and `check` that saw only
the folded sheet (and `build --strict` that let through what `check --strict` refused)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brochure.cli.main import main
from brochure.layout.kinds import layout
from brochure.load.content import load
from brochure.pipeline import build_pdfs
from brochure.proof.check import check
from brochure.resolve.document import resolve
from tests.conftest import MINIMAL
from tests.pdfread import fragments, squash, text_in
from tests.tagged import marked_content, open_pdf, structure, tree_text

QR_LEAFLET = MINIMAL.replace(
    "    - text: Achter.\n",
    '    - qr: {url: "https://example.org/hulp", label: Scan voor hulp}\n',
)
NO_COVER = MINIMAL.replace("  cover:\n    - illustration: phone\n", "")
#: A callout that fits a sheet panel but not a phone page (L103 on the phone edition only).
TALL_CALLOUT = MINIMAL.replace(
    "    - text: Achter.\n", "    - callout: " + "Een zin die telkens terugkomt. " * 35 + "\n"
)


@pytest.mark.parametrize("edition", ["print", "press"])
def test_a_qr_code_is_a_figure_with_alt_and_its_label_and_address_a_paragraph(
    edition: str, write_content
) -> None:  # type: ignore[no-untyped-def]
    """On paper the code is a Figure whose Alt says it is a QR code and where it leads; the label,
    the short address and its link are a P beside it, not hidden inside the Figure."""
    path = write_content(QR_LEAFLET)
    pdf = open_pdf(build_pdfs(path, (edition,))[0][edition])
    content = marked_content(pdf)
    nodes = list(structure(pdf).walk())
    figures = [n for n in nodes if n.role == "Figure" and "QR" in str(n.obj.get("/Alt", ""))]
    assert len(figures) == 1
    figure = figures[0]
    assert str(figure.obj.Alt) == "QR code: https://example.org/hulp"
    assert squash(tree_text(figure, content)) == ""
    # On the office PDF the code is clickable too: its only kid is the link to the same address
    # (the print shop's PDF/X file has no links at all).
    links = ["https://example.org/hulp"] if edition == "print" else []
    assert [str(kid.annotations[0].A.URI) for kid in figure.kids] == links
    paragraph = next(n for n in nodes if n.role == "P" and "Scan" in tree_text(n, content))
    assert squash(tree_text(paragraph, content)) == squash("Scan voor hulp example.org/hulp")
    assert [str(kid.annotations[0].A.URI) for kid in paragraph.kids] == links


def test_a_leaflet_without_a_cover_still_has_the_title_on_its_cover(write_content) -> None:  # type: ignore[no-untyped-def]
    """The README: the cover always shows the title and subtitle. Without a `cover:` entry the
    cover panel is laid out with its furniture (no empty-panel warning), on paper as on phones."""
    titled = NO_COVER.replace("  title: Test\n", "  title: Schermtijd\n  subtitle: Goed geregeld\n")
    path = write_content(titled)
    document, _ = resolve(load(path)[0])
    sheet, warnings = layout(document, "sheet")
    assert [w.code for w in warnings] == []
    cover = sheet.panel("cover")
    assert [item.role for item in cover.items] == ["H1", "P"]
    pdfs = build_pdfs(path, ("print", "press"))[0]
    page = sheet.page_of("cover").number - 1
    text = text_in(fragments(pdfs["print"]), page, cover.geometry.x, cover.geometry.x + cover.geometry.width)
    assert squash(text) == squash("Schermtijd Goed geregeld")
    pdf = open_pdf(pdfs["press"])
    root = structure(pdf)
    assert root.kids[0].role == "H1"
    assert squash(tree_text(root.kids[0], marked_content(pdf))) == "Schermtijd"


def test_check_lays_out_every_edition_the_build_makes(write_content) -> None:  # type: ignore[no-untyped-def]
    """A callout too tall for a phone page (L103) passes the sheet and fails the phone build:
    `check` finds it for the default editions (print and phone), at the callout's line, and
    not when only the paper editions are checked."""
    path = write_content(TALL_CALLOUT)
    found = [(d.code, d.location.line) for d in check(path).diagnostics if d.is_error]
    assert found == [("L103", 13)]
    assert main(["build", str(path), "--quiet"]) == 1
    assert not [d for d in check(path, ("print", "press")).diagnostics if d.is_error]
    assert main(["build", str(path), "--edition", "print,press", "--quiet"]) == 0


def test_check_runs_the_preflight_on_the_phone_pages_too(write_content) -> None:  # type: ignore[no-untyped-def]
    """A heading set on a colour field on paper (black on yellow) stands on plain paper in the
    phone edition (yellow on white, 1.3:1): `check` reports that pair once, only when the phone
    edition is among those checked, and nothing the sheet already reported a second time."""
    text = (
        MINIMAL.replace("panels:\n", 'theme:\n  colour: "#FFE066"\n  tint: "#000000"\npanels:\n')
        .replace(
            "  flap:\n    - text: Flap.\n",
            "  flap:\n    background: colour\n    blocks:\n      - heading: Geel\n      - text: Flap.\n",
        )
        .replace("    - heading: Kop\n", "")
    )
    path = write_content(text)

    def pairs(editions: tuple[str, ...]) -> list[str]:
        return [d.message.split(":")[0] for d in check(path, editions).diagnostics if d.code == "K102"]

    on_paper = pairs(("print",))
    assert "headings in #FFE066 on paper (#FFFFFF)" not in on_paper
    both = pairs(("print", "phone"))
    assert both.count("headings in #FFE066 on paper (#FFFFFF)") == 1
    assert sorted(set(both) - set(on_paper)) == ["headings in #FFE066 on paper (#FFFFFF)"]
    assert len(both) == len(set(both))
    # The build runs the same preflight: the phone edition's warning is the build's too.
    built = build_pdfs(path, ("print", "phone"))[2]
    assert sorted(d.message.split(":")[0] for d in built if d.code == "K102") == sorted(both)
    assert [d.code for d in build_pdfs(path, ("phone",))[2] if d.code == "K102"]


def test_build_verbose_prints_the_preflight_figures(write_content, capsys) -> None:  # type: ignore[no-untyped-def]
    """`build --verbose` prints what `check --verbose` measured (sizes, contrast, how full each
    panel is); without it, none of those lines."""

    def figures(*argv: str) -> list[str]:
        assert main([argv[0], str(path), *argv[1:]]) == 0
        return [
            line for line in capsys.readouterr().err.splitlines() if line.startswith(("panel ", "contrast"))
        ]

    path = write_content(MINIMAL)
    measured = figures("check", "--verbose", "-e", "print")
    assert "panel inside-left: 6% full" in measured and any(f.startswith("contrast") for f in measured)
    assert figures("build", "--verbose", "-e", "print") == measured
    assert figures("build", "-e", "print") == []


def test_build_strict_fails_on_what_check_strict_fails_on(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The `new` template's placeholder address is a warning of `check`: with --strict both
    commands fail on it, with the same codes, and the build writes nothing."""
    assert main(["new", str(tmp_path / "leaflet"), "--quiet"]) == 0
    path = tmp_path / "leaflet" / "content.yaml"
    capsys.readouterr()
    assert main(["check", str(path), "--strict", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    refused = {finding["code"] for finding in report["findings"] if finding["severity"] == "error"}
    assert refused
    assert main(["build", str(path), "--strict"]) == 1
    printed = capsys.readouterr().err
    assert "nothing was written" in printed
    assert {code for code in refused if f"[{code}]" in printed} == refused
    assert not (tmp_path / "leaflet" / "out").exists()
    assert main(["build", str(path), "--quiet"]) == 0
