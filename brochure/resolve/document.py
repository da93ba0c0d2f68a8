"""Resolve: bind content to the physical product (fold, theme, fonts, images) as a Document."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from brochure.diagnostics import Diagnostic, Diagnostics, Location
from brochure.languages import RIGHT_TO_LEFT_SCRIPTS, direction, primary, script_of
from brochure.load.model import (
    Block,
    Content,
    Footnote,
    Illustration,
    Image,
    Panel,
    QRCode,
    SourceList,
    Span,
)
from brochure.load.positions import TextPositions
from brochure.load.registry import texts
from brochure.messages import Words, words
from brochure.resolve.fold import Fold, make_fold, mirrored
from brochure.resolve.fonts import (
    LATIN_FALLBACK,
    SHIPPED,
    FontFamily,
    coverage,
    default_font_files,
    describe,
    font_file_problem,
    missing_characters,
    register_family,
    script_font_files,
)
from brochure.resolve.hyphenation import SOFT_HYPHEN, Hyphenator, make_hyphenator
from brochure.resolve.imagecache import cached_image
from brochure.resolve.images import Asset
from brochure.resolve.svg import VectorArt, builtin_art
from brochure.resolve.theme import Theme, make_theme
from brochure.resolve.typography import typographic, typographic_sources

FOOTNOTE_MARKS = ("*", "\u2020", "\u2021", "\u00a7", "**", "\u2020\u2020")
FONT_FIELDS = ("font", "font-bold", "font-italic", "font-bold-italic")


@dataclass(frozen=True)
class Document:
    """Everything layout needs, with nothing left to read from disk."""

    content: Content
    fold: Fold
    theme: Theme
    fonts: FontFamily
    images: dict[str, Asset] = field(default_factory=dict)
    #: The built-in illustrations the content names (`illustration: phone`), as vector art.
    art: dict[str, VectorArt] = field(default_factory=dict)
    #: Source id -> its number in the reference footer.
    citations: dict[str, int] = field(default_factory=dict)
    #: Footnote id -> its mark.
    footnotes: dict[str, str] = field(default_factory=dict)
    #: Where words may break: the language's dictionary and the author's soft hyphens.
    hyphenator: Hyphenator = field(default_factory=Hyphenator)
    #: The tool's own words (colophon, sources title, e-mail line) in the leaflet's language.
    words: Words = field(default_factory=lambda: Words("en"))

    @property
    def language(self) -> str:
        return self.content.meta.language

    def panels_in_reading_order(self) -> list[Panel]:
        """The content's panels ordered as a reader meets them (a flow at its first slot)."""
        position = {slot: i for i, slot in enumerate(self.fold.reading_order)}
        for name, slots in self.fold.flows.items():
            position[name] = position[slots[0]]
        return sorted(self.content.panels, key=lambda p: position[p.name])

    def text(self, raw: str, language: str = "") -> str:
        """Author text as it will be set: typographic punctuation (of `language`, by default the
        leaflet's) unless the theme turns it off, and without soft hyphens (the hyphenator knows
        where they were)."""
        text = raw.replace(SOFT_HYPHEN, "")
        return typographic(text, language or self.language) if self.theme.typography else text


def resolve(content: Content) -> tuple[Document, tuple[Diagnostic, ...]]:
    """Resolve content into a Document; raises BuildError listing every problem found."""
    diagnostics = Diagnostics()
    theme = make_theme(content.theme, diagnostics)
    fonts = _fonts(content, theme, diagnostics)
    images: dict[str, Asset] = {}
    blocks = [b for panel in content.panels for b in panel.blocks]
    art = {b.name: found for b in blocks if isinstance(b, Illustration) and (found := builtin_art(b.name))}
    for block in blocks:
        if isinstance(block, Image) and block.file not in images:
            asset = cached_image(content.base_dir / block.file, block.location, diagnostics)
            if asset:
                images[block.file] = asset
    diagnostics.raise_if_errors()
    assert fonts is not None  # a font failure is an error, raised above
    fold = make_fold(content.fold.kind, content.fold.paper)
    document = Document(
        content=content,
        fold=mirrored(fold) if direction(content.meta.language) == "rtl" else fold,
        theme=theme,
        fonts=fonts,
        images=images,
        art=art,
        citations={source.id: n for n, source in enumerate(content.sources, start=1)},
        hyphenator=make_hyphenator(content.meta.language, (text.text for text in _texts(content))),
        words=words(content.meta.language, version=content.meta.version, date=content.meta.date),
    )
    ordered = [b for panel in document.panels_in_reading_order() for b in panel.blocks]
    notes = [b.id for b in ordered if isinstance(b, Footnote)]
    document = _with_footnotes(document, notes)
    if not _right_to_left(content, diagnostics):
        _check_glyphs(document, diagnostics)
    diagnostics.raise_if_errors()
    return document, tuple(diagnostics)


def _with_footnotes(document: Document, ids: list[str]) -> Document:
    marks = {note: FOOTNOTE_MARKS[i % len(FOOTNOTE_MARKS)] for i, note in enumerate(ids)}
    return replace(document, footnotes=marks)


def _fonts(content: Content, theme: Theme, diagnostics: Diagnostics) -> FontFamily | None:
    files = default_font_files(content.meta.language)
    if any(theme.fonts):
        # Faces the author leaves out fall back to the regular face they named.
        regular = theme.fonts[0] or files[0]
        files = tuple(str(content.base_dir / (f or regular)) for f in theme.fonts)  # type: ignore[assignment]
    usable = True
    for name, given in zip(FONT_FIELDS, theme.fonts, strict=True):
        problem = font_file_problem(content.base_dir / given) if given else None
        if problem:
            message, hint = problem
            usable = False
            where = content.theme.location_of(name)
            diagnostics.error("A004", f"font file '{given}' {message}", where, hint)
    if not usable:
        return None
    try:
        family = register_family(files)
        if direction(content.meta.language) == "rtl":
            latin = tuple(str(SHIPPED / face) for face in LATIN_FALLBACK)
            family = replace(family, fallback=register_family(latin))  # type: ignore[arg-type]
        elif (script := _phrase_script(content, family)) is not None:
            phrases = script_font_files(script)
            assert phrases is not None
            family = replace(family, phrases=register_family(phrases))
        return family
    except Exception as error:  # ReportLab raises its own TTFError or plain exceptions
        diagnostics.error("A004", f"cannot use the font: {error}", content.theme.location)
        return None


def _phrase_script(content: Content, family: FontFamily) -> str | None:
    """The right-to-left script (Arabic or Hebrew) of the first letter of a left-to-right leaflet
    that its faces lack and a shipped face has: its words are set in that face, shaped and
    ordered by the bidi algorithm (one such script per leaflet; another one's letters stay A010)."""
    have = coverage(family.regular)
    for printed in _texts(content):
        for char in printed.text:
            if ord(char) in have:  # most are: look their script up only for the others
                continue
            script = script_of(char)
            if script in ("Arabic", "Hebrew"):
                return script
    return None


@dataclass(frozen=True)
class _Printed:
    """A text the leaflet prints, the face that draws it, and where it is written: `location`
    (its block) and, for inline text, each character's own place."""

    text: str
    location: Location
    bold: bool = False
    italic: bool = False
    positions: TextPositions | None = None


def _texts(content: Content) -> Iterator[_Printed]:
    """Everything the leaflet prints."""
    meta = content.meta
    yield _Printed(meta.title, meta.title_location, bold=True)
    # The cover's subtitle is set in the regular face, its organisation in bold.
    yield _Printed(meta.subtitle, meta.location_of("subtitle"))
    yield _Printed(meta.organisation, meta.location_of("organisation"), bold=True)
    # The colophon on the back: organisation or author, version (note style, regular face).
    for name, text in (
        ("organisation", meta.organisation),
        ("author", meta.author),
        ("version", meta.version),
    ):
        yield _Printed(text, meta.location_of(name))
    for panel in content.panels:
        for block in panel.blocks:
            for span, bold, italic in _block_texts(block):
                yield _Printed(span.text, block.location, bold, italic, span.positions)
    for source in content.sources:
        yield _Printed(f"{source.title} {source.publisher} {source.url}", source.location)


def _check_glyphs(document: Document, diagnostics: Diagnostics) -> None:
    """Every character the content draws must be in the face that draws it, or it prints blank.
    Each missing character is reported once per leaflet with every place it is written; when
    several letters of one script are missing, the script is the problem and is named once."""
    places: dict[str, list[Location]] = {}
    context: dict[str, str] = {}
    for printed in _texts(document.content):
        font = document.fonts.face(bold=printed.bold, italic=printed.italic)
        fallback = document.fonts.spare
        spare = coverage(fallback.face(bold=printed.bold, italic=printed.italic)) if fallback else frozenset()
        shown = document.text(printed.text)
        for char in missing_characters(shown, font):
            if ord(char) in spare:
                continue
            where = printed.location
            if printed.positions is not None:
                where = printed.positions(_written_offset(document, printed.text, shown.index(char)))
            places.setdefault(char, []).append(where)
            context.setdefault(char, _context(shown, char))
    scripts: dict[str, list[str]] = {}
    for char in places:
        scripts.setdefault(script_of(char), []).append(char)
    for script, chars in scripts.items():
        if script and script != "Latin" and len(chars) >= SCRIPT_MISSING:
            spots = sorted({w for c in chars for w in places[c]}, key=_place)
            diagnostics.error(
                "A010",
                f"the font has no {script} letters ({len(chars)} missing, such as "
                f"{', '.join(chars[:5])}){_also(spots)}",
                spots[0],
                f"choose a font that covers {script} under 'theme: font:'"
                + _right_to_left_hint(script, document.language),
            )
            continue
        for char in chars:
            spots = places[char]
            diagnostics.error(
                "A010",
                f"the font has no glyph for {describe(char)} in “{context[char]}”{_also(spots)}",
                spots[0],
                "it would print as an empty box: use another character or a font that has it",
            )


def _right_to_left_hint(script: str, language: str) -> str:
    """What to know about a right-to-left script's letters missing from the font."""
    if script in ("Arabic", "Hebrew") and direction(language) != "rtl":
        return (
            "; a left-to-right leaflet sets the words of one right-to-left script (the first of Arabic "
            "and Hebrew it meets), and a leaflet with `language: ar` or `he` sets its own"
        )
    return ""


#: This many missing letters of one script make the script the problem, not the letters.
SCRIPT_MISSING = 3


def _place(where: Location) -> tuple[str, int, int]:
    return (where.file, where.line, where.column)


def _also(where: list[Location]) -> str:
    """`; also at 12:5, 30:7` for the places after the first (line:column in the same file)."""
    more = [f"{w.line}:{w.column}" if w.file == where[0].file else str(w) for w in where[1:]]
    if not more:
        return ""
    shown = ", ".join(more[:8]) + (f" and {len(more) - 8} more" if len(more) > 8 else "")
    return f"; also at {shown}"


def _right_to_left(content: Content, diagnostics: Diagnostics) -> bool:
    """A011 for a leaflet in a right-to-left language of a script brochure cannot set yet
    (Dhivehi in Thaana ...): one clear error, not one per letter. Arabic and Hebrew are set."""
    if direction(content.meta.language) != "rtl" or primary(content.meta.language) in RIGHT_TO_LEFT_SCRIPTS:
        return False
    diagnostics.error(
        "A011",
        "right-to-left scripts other than Arabic and Hebrew are not yet supported "
        f"(language '{content.meta.language}')",
        content.meta.language_location or content.meta.location,
        "Arabic-script (ar, fa, ur ...) and Hebrew-script (he, yi) leaflets are set right to left; "
        "other right-to-left scripts need a typeface brochure does not ship yet; the other languages "
        "of the leaflet still build",
    )
    return True


def _written_offset(document: Document, raw: str, index: int) -> int:
    """Where the character at `index` of `document.text(raw)` is in `raw`: soft hyphens are
    left out of the set text, and a typographic quote or dash comes from a straight one."""
    kept = [n for n, char in enumerate(raw) if char != SOFT_HYPHEN]
    if document.theme.typography:
        index = typographic_sources("".join(raw[n] for n in kept), document.language)[index]
    return kept[index]


def _context(text: str, char: str) -> str:
    """The word with the character, and its neighbours when the character stands alone."""
    match = re.search(rf"(?:\S+\s)?\S*{re.escape(char)}\S*(?:\s\S+)?", text)
    found = match.group() if match else char
    return found if len(found) <= 40 else found[:39] + "…"


def _block_texts(block: Block) -> Iterator[tuple[Span, bool, bool]]:
    """(span, drawn bold, drawn italic) of a block's inline text."""
    for text in texts(block):
        for span in text.inline:
            yield span, text.bold or span.bold, text.italic or span.italic
    printed = _PLAIN.get(type(block))
    if printed is not None:
        plain, bold = printed(block)
        yield Span(plain), bold, False


#: The plain texts (not inline text) a block prints, and whether in bold: a QR code's label and
#: address beside the code, the heading of the list of sources (its own title or "Bronnen").
_PLAIN: dict[type, Callable[[Any], tuple[str, bool]]] = {
    QRCode: lambda block: (f"{block.label} {block.url}", False),
    SourceList: lambda block: (block.title, True),
}
