"""The corpus of test leaflets: every one listed here once, so that each test runs over every edition of each.

Each leaflet is a folder under `tests/corpus/` with its `content.yaml` and its assets. A leaflet
that does not build (or does not pass one check) because of a known defect keeps its place here,
with an `xfail` naming the defect and the issue, so the test says so as soon as it is fixed.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from brochure.editions import EDITIONS
from brochure.load.content import load
from brochure.pipeline import Built, build_content

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLE = ROOT / "content.yaml"
#: Every edition the build can make, in the order `brochure build --edition` names them.
ALL_EDITIONS = tuple(EDITIONS)


@dataclass(frozen=True)
class Leaflet:
    """One test leaflet: its name (the folder), what it covers, and its known defects."""

    name: str
    language: str
    fold: str
    paper: str
    #: Short, long, or what else makes it worth keeping.
    about: str
    #: Check name ("build", "glyphs", "text", "pdfua", ...), or check and edition
    #: ("glyphs:print"), -> the known defect that fails it, with its issue. Such a test is an
    #: expected failure, strictly: it fails as soon as the defect is fixed, to be taken out here.
    known: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def rtl(self) -> bool:
        """Written right to left (Arabic, Hebrew): its text is read back by glyph positions."""
        return self.language in ("ar", "fa", "he", "yi")

    @property
    def bidi(self) -> bool:
        """Right to left, or holding Arabic or Hebrew words in left-to-right text: its lines are
        read back by glyph positions (text extractors disagree on mixed lines)."""
        return self.rtl or any(
            unicodedata.bidirectional(c) in ("R", "AL") for c in self.path.read_text(encoding="utf-8")
        )

    @property
    def base(self) -> str:
        """The paragraphs' bidi base direction, as python-bidi names it."""
        return "R" if self.rtl else "L"

    @property
    def path(self) -> Path:
        return SAMPLE if self.name == "sample" else HERE / self.name / "content.yaml"


#: No leaflet has a known defect at present: each one named here once (the clipped cover titles,
#: hyphens across folds and in rows, the address split beside a QR code, a slogan's descenders in
#: the foot padding) is fixed by the engine's own line breaker and invariant check (issue 13).

LEAFLETS: tuple[Leaflet, ...] = (
    Leaflet("nl-cyberpesten", "nl", "roll", "a4", "long; qr block, sources with QR codes, PNG on the cover"),
    Leaflet("nl-schoolreis", "nl", "half", "a4", "short; a list, an illustration"),
    Leaflet("nl-zonder-omslag", "nl", "roll", "letter", "short; no cover block at all"),
    Leaflet("en-screen-time", "en", "z", "letter", "long; a JPEG with a caption, both z-fold flows"),
    Leaflet(
        "en-vaccination",
        "en",
        "roll",
        "letter",
        "inside slots one by one, a break, qr on the flap",
    ),
    Leaflet("en-every-block", "en", "roll", "a4", "every block type, heading levels, fit: shrink"),
    Leaflet(
        "de-cybermobbing",
        "de",
        "roll",
        "a4",
        "long; compound title, qr block, sources with QR",
    ),
    Leaflet(
        "de-kinderschutz",
        "de",
        "z",
        "a4",
        "short; the title Kinderschutzbeauftragte",
    ),
    Leaflet(
        "fr-cyberharcelement",
        "fr",
        "roll",
        "a4",
        "long; the title Cyberharcèlement, French spaces",
    ),
    Leaflet("fr-sortie-scolaire", "fr", "half", "letter", "short; a qr block in the inside flow"),
    Leaflet(
        "pl-cyberprzemoc",
        "pl",
        "roll",
        "a4",
        "long; the title Cyberprzemoc, qr block",
    ),
    Leaflet("pl-szczepienia", "pl", "z", "letter", "vaccination; a footnote, both flows"),
    Leaflet("tr-ekran-suresi", "tr", "roll", "a4", "screen time; dotted and dotless i"),
    Leaflet("tr-sexting", "tr", "half", "a4", "short; sexting"),
    Leaflet(
        "uk-kiberbulinh",
        "uk",
        "roll",
        "a4",
        "long; Cyrillic, qr block, sources with QR",
    ),
    Leaflet("uk-ekskursiia", "uk", "half", "letter", "short; a school trip"),
    Leaflet(
        "ar-tanammur",
        "ar",
        "roll",
        "a4",
        "right to left in a mirrored fold; Latin words, a phone number, times, an address, brackets",
    ),
    Leaflet(
        "nl-ouderavond",
        "nl",
        "roll",
        "letter",
        "Arabic inside Dutch lines: a greeting marked lang=ar, a sentence with a time, shaped",
    ),
    Leaflet(
        "he-zman-masach",
        "he",
        "half",
        "a4",
        "Hebrew right to left in a mirrored half fold; Latin words, maqaf, a phone number, times, brackets",
    ),
)
#: The sample leaflet beside the corpus (reference images, PDF/UA of every edition).
SAMPLE_LEAFLET = Leaflet(
    "sample",
    "nl",
    "roll",
    "a4",
    "the sample in the repository root",
)
WITH_SAMPLE: tuple[Leaflet, ...] = (SAMPLE_LEAFLET, *LEAFLETS)
BY_NAME = {leaflet.name: leaflet for leaflet in WITH_SAMPLE}


def params(
    check: str, *, editions: tuple[str, ...] = ALL_EDITIONS, sample: bool = True, rtl: bool = False
) -> list[object]:
    """pytest parameters (leaflet name, edition) for every edition of every leaflet (with `rtl`,
    of the right-to-left leaflets only), marked as an expected failure where the leaflet's `known`
    names a defect for `check` (or for `build`)."""
    found: list[object] = []
    for leaflet in WITH_SAMPLE if sample else LEAFLETS:
        if rtl and not leaflet.rtl:
            continue
        for edition in editions:
            reason = (
                leaflet.known.get("build")
                or leaflet.known.get(check)
                or leaflet.known.get(f"{check}:{edition}")
            )
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            found.append(pytest.param(leaflet.name, edition, id=f"{leaflet.name}-{edition}", marks=marks))
    return found


@functools.cache
def built(name: str) -> Built:
    """Every edition of one leaflet, built once per test run (the builds are pure: same input,
    same bytes, so sharing them between tests changes nothing they see)."""
    content, found = load(BY_NAME[name].path)
    return build_content(content, found, ALL_EDITIONS)


def pdf(name: str, edition: str) -> bytes:
    return built(name).pdfs[edition]


def leaflet_files() -> Iterator[Path]:
    """Every content file of the corpus folder, listed here or not (a test checks they all are)."""
    return (path for path in sorted(HERE.glob("*/content.yaml")))
