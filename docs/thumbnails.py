"""Thumbnails of the sample leaflet in every fold and paper size, for the README.

Run from the repository root:  python docs/thumbnails.py
Writes docs/folds/<fold>-<paper>.png: both sides of the office edition, outside above inside.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brochure.pipeline import build_pdfs  # noqa: E402
from brochure.resolve.fold import FOLD_KINDS, PAPERS  # noqa: E402

WIDTH = 240  # pixels per side
OUT = ROOT / "docs" / "folds"


def variant(content: dict[str, Any], kind: str, paper: str) -> dict[str, Any]:
    """The sample's blocks moved to the panels of another fold."""
    panels = content["panels"]
    flap = panels["flap"]["blocks"]
    inside = panels["inside"]
    back = panels["back"]["blocks"]
    last_section = max(n for n, block in enumerate(inside) if "heading" in block)
    if kind == "roll":
        moved = dict(panels)
    elif kind == "z":
        moved = {
            "cover": panels["cover"],
            "inside": inside[:last_section],
            "outside": inside[last_section:],
            "back": {"fit": "shrink", "blocks": flap[1:] + back[1:]},
        }
    else:
        moved = {
            "cover": panels["cover"],
            "inside": {"fit": "shrink", "blocks": inside},
            "back": {"fit": "shrink", "blocks": flap[1:] + back[1:]},
        }
    return {**content, "fold": {"kind": kind, "paper": paper}, "panels": moved}


def thumbnail(pdf: bytes) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    sides = []
    for page in document:
        image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
        sides.append(image)
    sheet = Image.new("RGB", (WIDTH + 2, sum(s.height + 2 for s in sides) + 2), (150, 150, 150))
    y = 1
    for side in sides:
        sheet.paste(side, (1, y))
        y += side.height + 2
    return sheet.quantize(colors=64)


def main() -> None:
    content = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for kind in FOLD_KINDS:
            for paper in PAPERS:
                path = Path(folder) / f"{kind}-{paper}.yaml"
                text = yaml.safe_dump(variant(content, kind, paper), allow_unicode=True, sort_keys=False)
                path.write_text(text, encoding="utf-8")
                pdf = build_pdfs(path, ("print",))[0]["print"]
                target = OUT / f"{kind}-{paper}.png"
                thumbnail(pdf).save(target, optimize=True)
                print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
