"""Printing conditions and the ICC profiles shipped for them (`resolve/profiles/`): press and screen."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from brochure.caches import memo


@dataclass(frozen=True)
class Condition:
    """A printing condition as a PDF output intent names it, with the profile that describes it."""

    #: `coated` or `uncoated` (the theme's `paper-stock`), or `screen` for sRGB.
    stock: str
    #: The registered identifier (ICC characterisation data registry) of the condition.
    identifier: str
    #: The human-readable condition, as a print shop's preflight shows it.
    info: str
    #: The profile file in `brochure/resolve/profiles/`.
    file: str
    #: Colour components: 4 for CMYK, 3 for RGB.
    components: int
    registry: str = "http://www.color.org"

    @property
    def profile(self) -> bytes:
        return profile_bytes(self.file)


CONDITIONS = {
    "coated": Condition(
        "coated",
        "FOGRA39",
        "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1 or 2, 60 l/cm)",
        "fogra39.icc",
        4,
    ),
    "uncoated": Condition(
        "uncoated",
        "FOGRA29",
        "Uncoated FOGRA29 (ISO 12647-2:2004, paper type 4, 60 l/cm)",
        "fogra29.icc",
        4,
    ),
    "screen": Condition("screen", "sRGB IEC61966-2.1", "sRGB IEC61966-2.1", "srgb.icc", 3),
}
SRGB = CONDITIONS["screen"]
PAPER_STOCKS = ("coated", "uncoated")


def press_condition(stock: str) -> Condition:
    """The printing condition of a paper stock (`coated` or `uncoated`)."""
    return CONDITIONS[stock]


@memo(maxsize=8)
def profile_bytes(file: str) -> bytes:
    """A shipped profile's bytes, read once per process (they never change while it runs)."""
    return (resources.files("brochure") / "resolve" / "profiles" / file).read_bytes()
