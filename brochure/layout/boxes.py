"""What layout stacks in a column: text, stacks, QR codes beside text, pictures, drawings, gaps.

Each is measured (`wrap`), maybe split between panels (`split`), and finally `place`d: it then
becomes plain records (`layout.model.Part`) that render paints without measuring anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from brochure.layout.model import Code, Drawing, Part, Picture, Rule
from brochure.layout.textblock import TextBlock
from brochure.resolve.images import Asset, VectorAsset
from brochure.resolve.svg import VectorArt
from brochure.resolve.theme import Colour
from brochure.units import Box

ARTIFACT = "Artifact"


class Setter(Protocol):
    """Something set in a column: measured, maybe split, and placed as records."""

    space_before: float
    space_after: float

    def wrap(self, width: float, height: float) -> tuple[float, float]: ...

    def split(self, width: float, height: float) -> Sequence[Setter]: ...

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]: ...

    def overfull(self, width: float) -> list[str]:
        """The words too wide for a column `width` points wide (none fit on a line of their own)."""
        ...

    @property
    def text(self) -> str: ...


class Fixed:
    """A setter of a fixed size that never splits (base of pictures, drawings, codes, gaps)."""

    space_before = 0.0
    space_after = 0.0

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, width: float, height: float) -> Sequence[Setter]:
        return []

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        return ()

    def overfull(self, width: float) -> list[str]:
        return []

    @property
    def text(self) -> str:
        return ""


class Gap(Fixed):
    """Empty room (`breaks`: an author's break, which takes none)."""

    def __init__(self, height: float = 0.0) -> None:
        super().__init__(0.0, height)


class PictureBox(Fixed):
    """An author's image `width` points wide at its own aspect ratio: pixels, or an SVG image's
    vector art in the theme's `colours`."""

    def __init__(self, file: str, asset: Asset, width: float, colours: Mapping[str, Colour]) -> None:
        super().__init__(width, width * asset.aspect)
        self.file, self.asset, self.colours = file, asset, tuple(sorted(colours.items()))

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        box = Box(x, top - self.height, self.width, self.height)
        if isinstance(self.asset, VectorAsset):
            return (Part(role, box, (Drawing(box, self.file, self.asset.art, self.colours),)),)
        return (Part(role, box, (Picture(box, self.file, self.asset),)),)


class DrawingBox(Fixed):
    """A built-in illustration in a box `width` x `height`, in the theme's `colours`."""

    def __init__(
        self, name: str, art: VectorArt, width: float, height: float, colours: Mapping[str, Colour]
    ) -> None:
        super().__init__(width, height)
        self.name, self.art, self.colours = name, art, tuple(sorted(colours.items()))

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        box = Box(x, top - self.height, self.width, self.height)
        return (Part(role, box, (Drawing(box, self.name, self.art, self.colours),)),)


class CodeBox(Fixed):
    """A QR code `size` points square, quiet zone included."""

    def __init__(self, url: str, size: float, ink: Colour, paper: Colour) -> None:
        super().__init__(size, size)
        self.url, self.ink, self.paper = url, ink, paper

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        box = Box(x, top - self.height, self.width, self.height)
        return (Part(role, box, (Code(box, self.url, self.ink, self.paper),)),)


class Stack:
    """Setters one under another, never split, with an optional tint field and accent rule;
    the field and rule are artifacts, a picture keeps the block's role, texts are paragraphs."""

    def __init__(
        self,
        children: Sequence[Setter],
        *,
        padding: float = 0.0,
        background: Colour | None = None,
        rule: Colour | None = None,
        rule_right: bool = False,
        space: float = 0.0,
    ) -> None:
        self.children, self.padding, self.background, self.rule = children, padding, background, rule
        #: The accent rule on the right edge (a right-to-left leaflet's callout).
        self.rule_right = rule_right
        self.space_before = self.space_after = space
        self._sizes: list[tuple[float, float]] = []
        self.height = 0.0

    @property
    def text(self) -> str:
        return " ".join(child.text for child in self.children if child.text)

    def overfull(self, width: float) -> list[str]:
        return [word for child in self.children for word in child.overfull(width - 2 * self.padding)]

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        inner = width - 2 * self.padding
        self._sizes = [child.wrap(inner, height) for child in self.children]
        gaps = sum(child.space_after for child in self.children[:-1])
        self.height = sum(h for _, h in self._sizes) + gaps + 2 * self.padding
        return width, self.height

    def split(self, width: float, height: float) -> Sequence[Setter]:
        return []

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        self.wrap(width, 1e6)
        box = Box(x, top - self.height, width, self.height)
        decoration = []
        if self.background is not None:
            decoration.append(Rule(box, self.background))
        if self.rule is not None:
            bar = self.padding * 0.3
            left = x + width - bar if self.rule_right else x
            decoration.append(Rule(Box(left, box.y, bar, self.height), self.rule))
        parts = [Part(ARTIFACT, box, tuple(decoration))] if decoration else []
        inner, y = width - 2 * self.padding, top - self.padding
        for child, (_, h) in zip(self.children, self._sizes, strict=True):
            child_role = role if isinstance(child, PictureBox) else "P"
            parts += child.place(x + self.padding, y, inner, child_role)
            y -= h + child.space_after
        return tuple(parts)


class Beside:
    """A QR code with its text to the right (to the left in a right-to-left leaflet), centred on
    each other; never split. In a QR code
    block (a Figure) the code is the Figure and its label and address a P; in a list of sources
    the code belongs to the item's body, after its Lbl."""

    def __init__(self, code: CodeBox, text: TextBlock, gap: float) -> None:
        self.code, self.right, self.gap = code, text, gap
        self.space_before, self.space_after = text.space_before, text.space_after
        self.height = 0.0

    @property
    def text(self) -> str:
        return self.right.text

    def overfull(self, width: float) -> list[str]:
        return self.right.overfull(width - self.code.width - self.gap)

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        _, text_height = self.right.wrap(width - self.code.width - self.gap, height)
        self.height = max(self.code.height, text_height)
        return width, self.height

    def split(self, width: float, height: float) -> Sequence[Setter]:
        return []

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        inner = width - self.code.width - self.gap
        _, text_height = self.right.wrap(inner, 1e6)
        height = max(self.code.height, text_height)
        mirrored = self.right.style.direction == "rtl"
        code_x = x + width - self.code.width if mirrored else x
        (code,) = self.code.place(code_x, top - (height - self.code.height) / 2, self.code.width, role)
        text_role = "P" if role == "Figure" else role
        text_x = x if mirrored else x + self.code.width + self.gap
        parts = list(self.right.place(text_x, top - (height - text_height) / 2, inner, text_role))
        if role == "Figure":  # a QR code block: the code (its Alt says where it leads), then its text
            return (code, *parts)
        body = parts[-1]
        box = Box(x, top - height, width, height)
        parts[-1] = Part(body.role, box, code.paints + body.paints, body.links, body.text)
        return tuple(parts)


class Centred:
    """A narrower setter centred in the column (illustrations on the phone)."""

    def __init__(self, child: Setter) -> None:
        self.child = child
        self.space_before, self.space_after = child.space_before, child.space_after
        self._child_width = 0.0

    @property
    def text(self) -> str:
        return self.child.text

    def overfull(self, width: float) -> list[str]:
        return self.child.overfull(width)

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        self._child_width, child_height = self.child.wrap(width, height)
        return width, child_height

    def split(self, width: float, height: float) -> Sequence[Setter]:
        return []

    def place(self, x: float, top: float, width: float, role: str) -> tuple[Part, ...]:
        child_width, _ = self.child.wrap(width, 1e6)
        return self.child.place(x + (width - child_width) / 2, top, child_width, role)
