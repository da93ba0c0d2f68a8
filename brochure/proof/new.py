"""`brochure new DIR`: a leaflet project to start from, set up for editors that check as you type."""

from __future__ import annotations

import datetime
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw

from brochure.output import write_folder

SCHEMA = "content.schema.json"
#: The placeholder photo: enough pixels for a panel-wide picture at 150 ppi and more.
PHOTO_SIZE = (960, 640)


class NotEmpty(Exception):
    """The target folder exists and has files in it: nothing is overwritten."""


@dataclass(frozen=True)
class Project:
    folder: Path
    files: tuple[Path, ...]

    @property
    def content(self) -> Path:
        return self.folder / "content.yaml"


def new_project(folder: str | Path, *, title: str = "", today: datetime.date | None = None) -> Project:
    """Create `folder` with a commented content.yaml, assets/, the schema and editor settings.

    Raises NotEmpty when the folder already holds anything.
    """
    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise NotEmpty(str(root))
    title = title or _title_from(root)
    date = (today or datetime.date.today()).isoformat()
    template = resources.files("brochure.proof").joinpath("template.yaml").read_text(encoding="utf-8")
    files = {
        "content.yaml": _fill(
            _fill(template, "__TITLE__", json.dumps(title, ensure_ascii=False)), "__DATE__", date
        ),
        SCHEMA: resources.files("brochure.load").joinpath(SCHEMA).read_text(encoding="utf-8"),
        ".vscode/settings.json": _json({"yaml.schemas": {f"./{SCHEMA}": ["content.yaml"]}}),
        ".vscode/extensions.json": _json({"recommendations": ["redhat.vscode-yaml"]}),
        ".gitignore": "out/\n",
    }
    contents = {name: text.encode("utf-8") for name, text in files.items()}
    photo = io.BytesIO()
    placeholder_photo().save(photo, "PNG", optimize=True)
    contents["assets/photo.png"] = photo.getvalue()
    write_folder(contents, root)
    return Project(root, tuple(root / name for name in contents))


def placeholder_photo() -> Image.Image:
    """A flat landscape (sky, sun, two hills) to stand in for the author's own picture."""
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (214, 232, 244))
    draw = ImageDraw.Draw(image)
    draw.ellipse([(width * 0.66, height * 0.12), (width * 0.84, height * 0.39)], fill=(250, 205, 90))
    far = [(0, height * 0.62), (width * 0.3, height * 0.38), (width * 0.7, height * 0.66), (width, height)]
    draw.polygon([*far, (0, height)], fill=(128, 178, 132))
    near = [(0, height * 0.9), (width * 0.45, height * 0.58), (width, height * 0.74), (width, height)]
    draw.polygon([*near, (0, height)], fill=(62, 128, 84))
    return image


def _fill(template: str, token: str, value: str) -> str:
    """Put `value` in place of `token`, keeping the comment after it in its column."""

    def padded(match: re.Match[str]) -> str:
        return value.ljust(len(match.group(0)) - 1) + " "

    return re.sub(rf"{token} *(?=#)", padded, template)


def _title_from(folder: Path) -> str:
    words = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Leaflet"


def _json(value: object) -> str:
    return json.dumps(value, indent=2) + "\n"
