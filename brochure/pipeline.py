"""The pipeline in one place: load, resolve, layout, render and finish each edition, write the files."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from brochure.checks.resolution import preflight
from brochure.diagnostics import BuildError, Diagnostic, Severity
from brochure.editions import DEFAULT_EDITIONS, EDITIONS, Edition, for_press
from brochure.finish.pdf import finish
from brochure.layout.kinds import layout
from brochure.layout.model import Layout
from brochure.layout.reuse import PanelCache
from brochure.load.content import load
from brochure.load.model import Content
from brochure.load.translations import load_translation, translation_files
from brochure.mail.companions import companion_files
from brochure.naming import file_name
from brochure.output import Output, write_outputs
from brochure.render.pages import paint
from brochure.resolve.document import resolve


@dataclass(frozen=True)
class BuildResult:
    outputs: tuple[Output, ...]
    #: Warnings found on the way (errors raise BuildError instead).
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Built:
    """Every edition's PDF of one leaflet in memory, with the layouts they were painted from."""

    pdfs: dict[str, bytes]
    layouts: dict[str, Layout]
    #: The ASCII file name stem, from the title and date.
    name: str
    warnings: tuple[Diagnostic, ...]
    #: The language code put in the file names (a leaflet with translations), or empty.
    language: str = ""

    @property
    def document_language(self) -> str:
        """The language the leaflet is written in."""
        return next(iter(self.layouts.values())).document.language

    def files(self, name: str = "") -> list[tuple[str, str, bytes]]:
        """(edition, file name, bytes) of each file to write: `<name>-<edition>.pdf`, and with the
        phone edition its e-mail companions `<name>-phone.html` and `.txt` (with the language
        before the edition for a leaflet in several languages; see `naming.file_name`)."""
        stem = name or self.name
        language = self.language
        files = [
            (edition, file_name(stem, edition, language=language), data)
            for edition, data in self.pdfs.items()
        ]
        if "phone" in self.pdfs:
            pdf_name = file_name(stem, "phone", language=language)
            size = len(self.pdfs["phone"])
            for suffix, text in companion_files(self.layouts["phone"], name=pdf_name, size=size):
                files.append(
                    ("phone", file_name(stem, "phone", suffix, language=language), text.encode("utf-8"))
                )
        return files


def render(layout: Layout, edition: Edition) -> bytes:
    """The finished, tagged PDF of one edition of a layout."""
    painted = paint(layout, edition)
    return finish(painted.pdf, painted.marks, layout.document, for_print=edition.layout == "sheet")


def build_pdfs(
    content_path: str | Path,
    editions: Sequence[str] = DEFAULT_EDITIONS,
    *,
    strict: bool = False,
    cmyk: bool = False,
) -> tuple[dict[str, bytes], str, tuple[Diagnostic, ...]]:
    """Every edition's PDF bytes in memory, the file name slug, and the warnings.

    `cmyk` builds the press edition in CMYK (so does the theme's `cmyk: true`).
    Raises BuildError when the content has errors (or warnings, with `strict`).
    """
    content, found = load(content_path)
    built = build_content(content, found, editions, strict=strict, cmyk=cmyk)
    return built.pdfs, built.name, built.warnings


def build_content(
    content: Content,
    found: tuple[Diagnostic, ...],
    editions: Sequence[str],
    *,
    strict: bool = False,
    cmyk: bool = False,
    reuse: PanelCache | None = None,
) -> Built:
    """Resolve, lay out (each layout kind once) and render loaded content (`found`: its
    warnings), reusing laid-out panels from `reuse` (batch builds)."""
    document, more = resolve(content)
    theme = document.theme
    chosen = {n: for_press(EDITIONS[n], bleed_mm=theme.bleed_mm, cmyk=cmyk or theme.cmyk) for n in editions}
    layouts: dict[str, Layout] = {}
    laid: tuple[Diagnostic, ...] = ()
    for kind in dict.fromkeys(edition.layout for edition in chosen.values()):
        layouts[kind], more_laid = layout(document, kind, reuse=reuse)
        laid += more_laid
    checks = tuple(
        finding
        for kind, laid_out in layouts.items()
        for finding in preflight(laid_out, [e for e in chosen.values() if e.layout == kind])
    )
    warnings = found + more + laid + checks
    if strict and warnings:
        raise BuildError(tuple(_as_error(w) for w in warnings))
    pdfs = {name: render(layouts[edition.layout], edition) for name, edition in chosen.items()}
    return Built(pdfs, layouts, slug(content.meta.title, content.meta.date), warnings)


def build(
    content_path: str | Path,
    editions: Sequence[str] = DEFAULT_EDITIONS,
    *,
    out_dir: str | Path | None = None,
    strict: bool = False,
    cmyk: bool = False,
) -> BuildResult:
    """Build and write every edition's files (see `Built.files`); nothing is written unless every
    edition builds."""
    content, found = load(content_path)
    built = build_content(content, found, editions, strict=strict, cmyk=cmyk)
    folder = Path(out_dir) if out_dir is not None else Path(content_path).parent / "out"
    files = translation_files(Path(content_path))
    if not files:
        return BuildResult(write_outputs(built.files(), folder), built.warnings)
    translations: list[Built] = []
    unsupported: list[Diagnostic] = []
    for file in files:
        try:
            translated = load_translation(Path(content_path), file)
            translations.append(build_content(*translated, editions, strict=strict, cmyk=cmyk))
        except BuildError as error:
            if not all(d.code == "A011" for d in error.diagnostics if d.is_error):
                raise
            unsupported += error.diagnostics  # a right-to-left language: said once, the others build
    # One leaflet in several languages: one name for all (the source's), the language in each.
    every = [replace(b, name=built.name, language=b.document_language) for b in (built, *translations)]
    outputs = write_outputs([file for b in every for file in b.files()], folder)
    return BuildResult(outputs, tuple(w for b in every for w in b.warnings) + tuple(unsupported))


def slug(title: str, date: object = None) -> str:
    """An ASCII file name from the title and date: `Hou het privé!` -> `hou-het-prive`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "leaflet"
    return f"{words}-{date}" if date else words


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(
        diagnostic.code, diagnostic.message, diagnostic.location, Severity.ERROR, diagnostic.hint
    )
