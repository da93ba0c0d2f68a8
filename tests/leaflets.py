"""Test leaflets: variants of the minimal and the sample content, and measures of laid-out text."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

import brochure
from brochure.layout.model import Layout, Part
from brochure.layout.text import plain
from brochure.load.content import load_text
from brochure.load.model import BulletList, Callout, Heading, Inline, Slogan
from brochure.load.model import Paragraph as ContentParagraph
from brochure.resolve.document import Document, resolve
from tests.conftest import MINIMAL
from tests.pdfread import reader

ROOT = Path(__file__).resolve().parent.parent


def sheet_and_phone(text: str, folder: Path) -> tuple[Layout, Layout, bytes, bytes]:
    """A content text laid out on the sheet and on phone pages, and their print and phone PDFs."""
    content, _ = load_text(text, folder / "content.yaml")
    document, _ = resolve(content)
    sheet, _ = brochure.layout(document, "sheet")
    phone, _ = brochure.layout(document, "phone")
    return sheet, phone, brochure.render(sheet, "print"), brochure.render(phone, "phone")


def with_theme(settings: str, text: str = MINIMAL) -> str:
    """Content with a `theme:` mapping (settings are its indented lines, without indent)."""
    theme = "theme:\n" + "".join(f"  {line}\n" for line in settings.splitlines())
    return text.replace("panels:\n", theme + "panels:\n", 1)


def quoted(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def paragraphs(layout: Layout) -> Iterator[tuple[str, Part]]:
    """(slot, text part) for every paragraph placed, also inside callouts and figures."""
    for page in layout.pages:
        for panel in page.panels:
            for item in panel.items:
                for part in item.parts:
                    if part.lines and part.role != "Lbl":
                        yield panel.slot, part


def line_widths(part: Part) -> list[tuple[str, float, float]]:
    """(text, width, room) of each laid-out line: the width of its glyphs and the width it may use."""
    lines = []
    for line in part.lines:
        text = line.text.rstrip(" ")
        width = sum(run.width for run in line.runs)
        lines.append((text, width, part.box.right - line.runs[0].x))
    return lines


def squeezed(text: str) -> str:
    """Text without white space and soft hyphens: how words compare across line breaks."""
    return re.sub(r"[\s\u00ad]+", "", text)


def missing_texts(pdf: bytes, document: Document) -> list[str]:
    """The paragraphs, headings, list items and callout texts of a document that are not found
    character for character (hyphens included) in the PDF's text, once line breaks and soft
    hyphens are taken out. Empty when every word came through whole."""
    extracted = squeezed("".join(page.extract_text() for page in reader(pdf).pages))
    texts: list[Inline] = []
    for panel in document.content.panels:
        for block in panel.blocks:
            if isinstance(block, (ContentParagraph, Heading, Slogan)):
                texts.append(block.text)
            elif isinstance(block, BulletList):
                texts.extend(block.items)
            elif isinstance(block, Callout):
                texts.extend((block.title, *block.paragraphs))
    return [plain(t, document) for t in texts if squeezed(plain(t, document)) not in extracted]


#: Extra inside blocks for the long variant of the sample: a section on what to do, in the
#: sample's own voice, with a list, a callout, addresses and words the theme protects.
MORE_INSIDE: list[dict[str, Any]] = [
    {"heading": "Wat kun je doen als het misgaat?"},
    {
        "text": "Is er een foto of filmpje van jou verspreid? Raak niet in paniek en blijf er niet "
        "alleen mee zitten. Praat erover met iemand die je vertrouwt: een vriend of vriendin, je "
        "ouders, je mentor of de vertrouwenspersoon op school. Samen kun je beter bedenken wat je "
        "kunt doen, en je hoeft je er niet voor te schamen: de schuld ligt bij degene die het "
        "doorstuurt."
    },
    {
        "list": [
            "Maak een screenshot van de berichten en bewaar ze: dat is bewijs.",
            "Vraag de websites en apps waar het beeld staat om het te verwijderen.",
            "Doe aangifte bij de politie: verspreiden van naaktbeelden van minderjarigen is strafbaar.",
        ]
    },
    {
        "callout": {
            "title": "Hulp nodig?",
            "text": "Bel of chat anoniem met de Kindertelefoon (0800-0432, gratis) of kijk op "
            "https://www.helpwanted.nl/ongewenst-naaktbeeld-verspreid voor een stappenplan. Mail "
            "de vertrouwenspersoon: vertrouwenspersoon.preventiewerkgroep@voorbeeldschool.nl.",
        }
    },
    {
        "text": "De Preventiewerkgroep helpt scholen om sexting bespreekbaar te maken. Lessen over "
        "weerbaarheid, privacyinstellingen en het verschil tussen flirten en grensoverschrijdend "
        "gedrag horen daarbij. Zo leren jongeren op tijd 'nee' te zeggen -- ook online."
    },
]


def long_variant(sample: Path, *, more: list[dict[str, Any]] | None = None, fit: str = "") -> str:
    """The sample leaflet with a longer inside flow: its illustration replaced by MORE_INSIDE (and
    `more`) before its closing slogans, and the inside's fit policy set when `fit` is given. Its
    images are named by their path in the sample's folder, so the variant can be written anywhere."""
    content = yaml.safe_load(sample.read_text(encoding="utf-8"))
    # The illustration makes room for the longer text.
    inside = [block for block in content["panels"]["inside"] if "image" not in block]
    for panel in content["panels"].values():
        for block in panel["blocks"] if isinstance(panel, dict) else panel:
            if "image" in block:
                block["image"]["file"] = str(sample.parent / block["image"]["file"])
    at = next(i for i, block in enumerate(inside) if "slogan" in block)
    blocks = inside[:at] + MORE_INSIDE + (more or []) + inside[at:]
    content["panels"]["inside"] = {"fit": fit, "blocks": blocks} if fit else blocks
    content["theme"]["no-hyphenation"] = ["Preventiewerkgroep", "Kindertelefoon"]
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)


def sample_assets(folder: Path) -> None:
    """Copy the sample's assets (its SVG illustrations) beside a content file written to `folder`."""
    shutil.copytree(ROOT / "assets", folder / "assets", dirs_exist_ok=True)


def evenly_balanced(sample: Path) -> str:
    """The sample with `balance: even` on its inside flow (paragraphs split to even the panels)."""
    content = yaml.safe_load(sample.read_text(encoding="utf-8"))
    content["panels"]["inside"] = {"balance": "even", "blocks": content["panels"]["inside"]}
    return yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)
