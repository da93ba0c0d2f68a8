"""What the tool knows of each language: script, writing direction, hyphenation, Babel locale."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Direction = Literal["ltr", "rtl"]

#: Languages written right to left (primary subtags).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"})
#: Right-to-left languages written in Arabic script, which the tool sets (shaped with HarfBuzz,
#: in Noto Naskh Arabic with a Latin fallback).
ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps", "sd", "ckb", "ug"})
#: Right-to-left languages written in Hebrew script, set the same way in Noto Sans Hebrew.
HEBREW_SCRIPT = frozenset({"he", "yi"})
#: The right-to-left languages the tool sets, by the script of their shipped typeface; the
#: others (Dhivehi in Thaana ...) are refused with one error (A011).
RIGHT_TO_LEFT_SCRIPTS: dict[str, str] = {
    **dict.fromkeys(sorted(ARABIC_SCRIPT), "Arabic"),
    **dict.fromkeys(sorted(HEBREW_SCRIPT), "Hebrew"),
}
#: Languages whose dotted and dotless i change case as Turkish does (i <-> İ, ı <-> I).
TURKIC = frozenset({"tr", "az", "crh", "tt", "kk"})


@dataclass(frozen=True)
class Language:
    """One language as the tool supports it."""

    code: str
    #: Its name in English and in itself.
    name: str
    native: str
    script: Literal["Latin", "Cyrillic", "Arabic", "Hebrew"] = "Latin"
    hyphenated: bool = True

    @property
    def direction(self) -> Direction:
        return direction(self.code)


#: The languages whose typography, hyphenation and messages the tool supports.
SUPPORTED: dict[str, Language] = {
    language.code: language
    for language in (
        Language("nl", "Dutch", "Nederlands"),
        Language("en", "English", "English"),
        Language("de", "German", "Deutsch"),
        Language("fr", "French", "Français"),
        Language("pl", "Polish", "Polski"),
        Language("tr", "Turkish", "Türkçe"),
        Language("uk", "Ukrainian", "Українська", "Cyrillic"),
        Language("ar", "Arabic", "العربية", "Arabic", hyphenated=False),
        Language("he", "Hebrew", "עברית", "Hebrew", hyphenated=False),
    )
}


def primary(tag: str) -> str:
    """The primary subtag of a language tag, lower case: `en-GB` -> `en`."""
    return tag.replace("_", "-").split("-")[0].lower()


def direction(tag: str) -> Direction:
    """`rtl` for a language written right to left (Arabic, Persian, Hebrew, ...), else `ltr`."""
    return "rtl" if primary(tag) in RIGHT_TO_LEFT else "ltr"


def babel_locale(tag: str) -> str:
    """A language tag as Babel names locales: `en-GB` -> `en_GB`."""
    return tag.replace("-", "_")


def lower(text: str, *, turkic: bool) -> str:
    """Lower case of the same length as `text` (offsets into it stay valid); Turkish I -> ı."""
    if turkic:
        text = text.replace("I", "ı").replace("İ", "i")
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def upper(text: str, language: str) -> str:
    """Upper case as the language writes it: Turkish `i` -> `İ` and `ı` -> `I`."""
    if primary(language) in TURKIC:
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def script_of(char: str) -> str:
    """The script a character belongs to, by its Unicode name (`ARABIC`, `CYRILLIC`, ...), or
    an empty string for punctuation, digits and symbols shared by all scripts."""
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    for script in ("ARABIC", "HEBREW", "CYRILLIC", "GREEK", "DEVANAGARI", "THAI", "HANGUL", "HIRAGANA"):
        if name.startswith(script):
            return script.title()
    if name.startswith("CJK"):
        return "Han"
    return "Latin" if "LATIN" in name else name.split(" ")[0].title()
