"""Lazily read hyphenation patterns hyphenate exactly as pyphen's own reading does."""

from __future__ import annotations

import re
from pathlib import Path

import pyphen
import pytest

from brochure.resolve.patterns import LazyPatterns, prepare

ROOT = Path(__file__).parent.parent
WORDS = {
    "nl_NL": "lettergrepen verantwoordelijkheidsgevoel zeeëend beïnvloeden naaktfoto’s "
    "socialenetwerk-sites chanteren",
    "en_GB": "hyphenation responsibility extraordinary photographs unbelievable",
    "pl_PL": "odpowiedzialność fotografia niezwykły",
}


def words(language: str) -> list[str]:
    sample = ROOT / "content.yaml"
    found = re.findall(r"\w+", sample.read_text(encoding="utf-8")) if language == "nl_NL" else []
    return sorted(set(found + WORDS.get(language, "").split()))


@pytest.mark.parametrize("language", sorted(WORDS))
def test_lazy_patterns_give_pyphens_positions(language: str) -> None:
    """For every word of the sample and some long ones, the hyphenation points are pyphen's."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    full = pyphen.HyphDict(path)
    lazy = pyphen.HyphDict.__new__(pyphen.HyphDict)
    patterns = LazyPatterns.read(Path(path), pyphen)
    assert patterns is not None
    lazy.patterns, lazy.cache, lazy.maxlen = patterns, {}, patterns.maxlen
    for word in words(language):
        assert lazy.positions(word) == full.positions(word), word


def test_reportlab_finds_the_lazy_dictionary_and_odd_files_are_left_to_pyphen(tmp_path: Path) -> None:
    """After prepare, pyphen (so ReportLab) uses it; odd dictionaries (a space in a line, or the
    French one's repeated patterns) are left to pyphen's own reading."""
    prepare("nl_NL")
    assert isinstance(pyphen.Pyphen(lang="nl_NL").hd.patterns, LazyPatterns)
    assert pyphen.Pyphen(lang="nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"
    odd = tmp_path / "hyph_xx.dic"
    odd.write_text("UTF-8\n.a4\nb1 c\n", encoding="utf-8")
    assert LazyPatterns.read(odd, pyphen) is None
    assert LazyPatterns.read(Path(pyphen.LANGUAGES[pyphen.language_fallback("fr_FR")]), pyphen) is None
    assert prepare("xx_XX") is False  # a language pyphen does not have
