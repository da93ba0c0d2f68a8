"""Lazily read hyphenation patterns hyphenate exactly as pyphen's own reading does, and fast."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyphen
import pytest

from brochure.resolve.hyphenation import Hyphenator, dictionary_file
from brochure.resolve.patterns import Patterns

ROOT = Path(__file__).parent.parent
WORDS = {
    "nl_NL": "lettergrepen verantwoordelijkheidsgevoel zeeëend beïnvloeden naaktfoto’s "
    "socialenetwerk-sites chanteren",
    "en_GB": "hyphenation responsibility extraordinary photographs unbelievable",
    "pl_PL": "odpowiedzialność fotografia niezwykły",
    "de_DE": "Donaudampfschifffahrtsgesellschaft Rücksichtslosigkeit Kabinett Urinstinkt tiverz",
    "fr": "responsabilité photographie extraordinaire",
    "uk_UA": "відповідальність фотографія надзвичайний",
    "hu_HU": "megszentségteleníthetetlenség asszony edzés",
}


def words(language: str) -> list[str]:
    sample = ROOT / "content.yaml"
    found = re.findall(r"\w+", sample.read_text(encoding="utf-8")) if language == "nl_NL" else []
    return sorted(set(found + WORDS.get(language, "").split()))


@pytest.mark.parametrize("language", sorted(WORDS))
def test_lazy_patterns_give_pyphens_positions(language: str) -> None:
    """For every word of the sample and some long ones, the hyphenation points are pyphen's
    (German repeats patterns and has lines with spaces; Hungarian has nonstandard breaks)."""
    path = Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])
    full = pyphen.HyphDict(path)
    lazy = Patterns.read(path)
    for word in words(language):
        assert list(lazy.positions(word)) == [int(p) for p in full.positions(word)], word


def test_odd_lines_are_read_as_pyphen_reads_them(tmp_path: Path) -> None:
    """Comments, a line with a space inside, trailing spaces, a repeated all-zero pattern."""
    odd = tmp_path / "hyph_xx.dic"
    odd.write_text("UTF-8\n% comment\n.a4\nb1 c\nd1e  \nab1c\nab0c\nLEFTHYPHENMIN 2\n", encoding="utf-8")
    patterns = Patterns.read(odd)
    assert patterns.get("b c") is None and patterns.get("b") is None
    assert patterns.get("de") == (1, (1,))
    assert patterns.get("abc") == (2, (1,))  # the later all-zero repetition is skipped
    assert patterns.get(".a") == (2, (4,))


@pytest.mark.parametrize("language", ["nl", "en", "de", "fr", "pl", "tr", "uk"])
def test_every_language_hyphenates_after_a_short_load(language: str) -> None:
    """A fresh process reads any language's patterns and hyphenates a word in well under the
    2 s pyphen's own reading takes for German (the figure for each is in the README; the bound
    here is loose, for a busy machine)."""
    code = (
        "import time; from brochure.resolve.hyphenation import Hyphenator;"
        f"h = Hyphenator({language!r}); t = time.process_time(); h('verantwoordelijkheid');"
        "print(time.process_time() - t)"
    )
    seconds = float(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
    assert seconds < 0.25


def test_turkish_is_hyphenated_with_the_shipped_patterns() -> None:
    """Turkish (which pyphen lacks) breaks by syllable; a capital İ keeps the offsets right."""
    assert dictionary_file("tr") is not None and dictionary_file("tr").name == "hyph_tr.dic"  # type: ignore[union-attr]
    heads = [head for head, _ in Hyphenator("tr")("öğretmenlerimiz")]
    assert heads == ["öğretmenleri", "öğretmenle", "öğretmen", "öğret", "öğ"]
    assert [head for head, _ in Hyphenator("tr")("İstanbul")] == ["İstan", "İs"]
    assert dictionary_file("ar") is None
