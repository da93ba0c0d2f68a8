"""Output file names: one short, stable ASCII name per leaflet, `<name>-<lang>-<edition>.pdf`."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import PurePath

#: The longest name part (a leaflet's name, a batch row's name), in characters.
MAX_PART = 40
#: Used when a name has no letter or digit left after transliteration (a title in Chinese script).
FALLBACK = "leaflet"
#: The content file whose leaflet is named after its folder; another file is named after itself.
DEFAULT_CONTENT = "content.yaml"

#: Letters that Unicode does not decompose into an ASCII letter and a mark.
_LATIN = {
    "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th",
    "ħ": "h", "ŀ": "l", "ŧ": "t", "ŋ": "ng", "ĸ": "k", "ſ": "s", "ə": "e", "ʼ": "", "’": "", "'": "",
}  # fmt: skip
_CYRILLIC = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђјљњћџ",
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i i ie g u dj j lj nj c dz",
)
_ARABIC = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى",
    ("a b t th j h kh d dh r z s sh s d t z a gh f q k l m n h w y a a a i w y a a"),
)
_GREEK = "αβγδεζηθικλμνξοπρσςτυφχψω", "a b g d e z i th i k l m n x o p r s s t y f ch ps o"


def _table(letters: str, sounds: str) -> dict[str, str]:
    """Each letter's Latin transliteration ('-' for a letter that writes none)."""
    return {letter: sound.strip("-") for letter, sound in zip(letters, sounds.split(), strict=True)}


_LETTERS = {**_LATIN, **_table(*_CYRILLIC), **_table(*_ARABIC), **_table(*_GREEK)}


def slugify(text: str, *, limit: int = MAX_PART) -> str:
    """Lowercase ASCII letters, digits and single hyphens, at most `limit` characters (cut at a
    hyphen where one is near), never empty: `Schoolreis Ardennen` -> `schoolreis-ardennen`,
    `Kırıkkale Łódź` -> `kirikkale-lodz`, `Привет` -> `privet`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(_LETTERS.get(char, char) for char in decomposed).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(words) > limit:
        cut = words[:limit]
        words = (cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut).strip("-")
    return words or FALLBACK


def leaflet_name(content_path: str | PurePath, name: str = "") -> str:
    """The leaflet's name: the content's `meta.name` if it has one, else the project folder's name
    for a `content.yaml` (another file in the folder: the folder's and the file's name), slugified.

    It does not depend on the title or the date, so editing them replaces the same files."""
    if name.strip():
        return slugify(name)
    path = PurePath(os.path.abspath(content_path))
    folder = path.parent.name if path.parent.name not in ("", ".", "..") else ""
    if path.name == DEFAULT_CONTENT:
        return slugify(folder) if folder else FALLBACK
    return slugify(f"{folder} {path.stem}" if folder else path.stem, limit=2 * MAX_PART)


def stem(name: str, language: str, *, row: str = "") -> str:
    """`<name>-<lang>`, or `<name>-<row>-<lang>` for a batch row (the row's own name slugified)."""
    parts = [name, slugify(row)] if row else [name]
    return "-".join([*parts, slugify(language, limit=12)])


def file_name(stem_: str, edition: str, suffix: str = ".pdf") -> str:
    """`<stem>-<edition><suffix>`: `sexting-nl-print.pdf`, `sexting-nl-phone.html`."""
    return f"{stem_}-{edition}{suffix}"
