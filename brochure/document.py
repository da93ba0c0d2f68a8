"""Resolve: bind content to the physical product (fold, theme, fonts, images) as a Document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from brochure.assets import ImageAsset
from brochure.content.model import (
    Block,
    BulletList,
    Callout,
    Content,
    Footnote,
    Heading,
    Image,
    Inline,
    Panel,
    Paragraph,
    QRCode,
    Slogan,
)
from brochure.diagnostics import Diagnostic, Diagnostics, Location
from brochure.fold import Fold, make_fold
from brochure.fonts import FontFamily, default_font_files, describe, missing_characters, register_family
from brochure.imagecache import cached_image
from brochure.theme import Theme, make_theme
from brochure.typography import typographic

FOOTNOTE_MARKS = ("*", "\u2020", "\u2021", "\u00a7", "**", "\u2020\u2020")


@dataclass(frozen=True)
class Document:
    """Everything layout needs, with nothing left to read from disk."""

    content: Content
    fold: Fold
    theme: Theme
    fonts: FontFamily
    images: dict[str, ImageAsset] = field(default_factory=dict)
    #: Source id -> its number in the reference footer.
    citations: dict[str, int] = field(default_factory=dict)
    #: Footnote id -> its mark.
    footnotes: dict[str, str] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.content.meta.language

    def panels_in_reading_order(self) -> list[Panel]:
        """The content's panels ordered as a reader meets them (a flow at its first slot)."""
        position = {slot: i for i, slot in enumerate(self.fold.reading_order)}
        for name, slots in self.fold.flows.items():
            position[name] = position[slots[0]]
        return sorted(self.content.panels, key=lambda p: position[p.name])

    def text(self, raw: str) -> str:
        """Author text as it will be set: typographic punctuation unless the theme turns it off."""
        return typographic(raw, self.language) if self.theme.typography else raw


def resolve(content: Content) -> tuple[Document, tuple[Diagnostic, ...]]:
    """Resolve content into a Document; raises BuildError listing every problem found."""
    diagnostics = Diagnostics()
    theme = make_theme(content.theme, diagnostics)
    fonts = _fonts(content, theme, diagnostics)
    images = {}
    blocks = [b for panel in content.panels for b in panel.blocks]
    for block in blocks:
        if isinstance(block, Image) and block.file not in images:
            asset = cached_image(content.base_dir / block.file, block.location, diagnostics)
            if asset:
                images[block.file] = asset
    diagnostics.raise_if_errors()
    assert fonts is not None  # a font failure is an error, raised above
    document = Document(
        content=content,
        fold=make_fold(content.fold.kind, content.fold.paper),
        theme=theme,
        fonts=fonts,
        images=images,
        citations={source.id: n for n, source in enumerate(content.sources, start=1)},
    )
    ordered = [b for panel in document.panels_in_reading_order() for b in panel.blocks]
    notes = [b.id for b in ordered if isinstance(b, Footnote)]
    document = _with_footnotes(document, notes)
    _check_glyphs(document, diagnostics)
    diagnostics.raise_if_errors()
    return document, tuple(diagnostics)


def _with_footnotes(document: Document, ids: list[str]) -> Document:
    marks = {note: FOOTNOTE_MARKS[i % len(FOOTNOTE_MARKS)] for i, note in enumerate(ids)}
    return replace(document, footnotes=marks)


def _fonts(content: Content, theme: Theme, diagnostics: Diagnostics) -> FontFamily | None:
    files = default_font_files()
    if any(theme.fonts):
        # Faces the author leaves out fall back to the regular face they named.
        regular = theme.fonts[0] or files[0]
        files = tuple(str(content.base_dir / (f or regular)) for f in theme.fonts)  # type: ignore[assignment]
    for file in dict.fromkeys(files):
        if not Path(file).is_file():
            diagnostics.error("A004", f"font file not found: {file}", content.theme.location)
    if diagnostics.has_errors:
        return None
    try:
        return register_family(files)
    except Exception as error:  # ReportLab raises its own TTFError or plain exceptions
        diagnostics.error(
            "A004",
            f"cannot use font: {error}",
            content.theme.location,
            "use a TrueType (.ttf) or OpenType file with TrueType outlines",
        )
        return None


def _check_glyphs(document: Document, diagnostics: Diagnostics) -> None:
    """Every character the content draws must be in the font that draws it, or it prints blank."""
    meta = document.content.meta
    texts: list[tuple[str, Location, bool]] = [
        (t, meta.location, True) for t in (meta.title, meta.subtitle, meta.organisation)
    ]
    for panel in document.content.panels:
        for block in panel.blocks:
            texts.extend((text, block.location, bold) for text, bold in _block_texts(block))
    for source in document.content.sources:
        texts.append((f"{source.title} {source.publisher} {source.url}", source.location, False))
    reported: set[tuple[str, Location]] = set()
    for text, location, bold in texts:
        font = document.fonts.face(bold=bold)
        for char in missing_characters(document.text(text), font):
            if (char, location) not in reported:
                reported.add((char, location))
                diagnostics.error(
                    "A010",
                    f"the font has no glyph for {describe(char)}",
                    location,
                    "it would print as an empty box: use another character or a font that has it",
                )


def _block_texts(block: Block) -> Iterator[tuple[str, bool]]:
    """(text, drawn bold) pairs of a block's inline text."""

    def spans(inline: Inline, bold: bool = False) -> Iterator[tuple[str, bool]]:
        for span in inline:
            yield span.text, bold or span.bold

    if isinstance(block, (Heading, Slogan)):
        yield from spans(block.text, bold=True)
    elif isinstance(block, (Paragraph, Footnote)):
        yield from spans(block.text)
    elif isinstance(block, BulletList):
        for item in block.items:
            yield from spans(item)
    elif isinstance(block, Callout):
        yield from spans(block.title, bold=True)
        for paragraph in block.paragraphs:
            yield from spans(paragraph)
    elif isinstance(block, Image):
        yield from spans(block.caption)
    elif isinstance(block, QRCode):
        yield f"{block.label} {block.url}", False
