"""The pipeline in one place: load, resolve, layout, render and finish each edition, write the files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from brochure.checks.advice import advise_layouts
from brochure.checks.findings import Findings
from brochure.checks.resolution import low_resolution
from brochure.diagnostics import BuildError, Diagnostic, Diagnostics, Severity
from brochure.editions import DEFAULT_EDITIONS, EDITIONS, Edition, for_press
from brochure.finish.pdf import finish
from brochure.finish.standards import conformance_for
from brochure.layout.kinds import layout
from brochure.layout.model import Layout
from brochure.layout.reuse import PanelCache
from brochure.load.content import load
from brochure.load.model import Content
from brochure.load.placeholders import Values
from brochure.load.translations import load_translation, translation_files
from brochure.load.yamlnodes import read_text
from brochure.names import file_name, leaflet_name, stem
from brochure.output import Claim, NameTaken, Output, claim, write_outputs
from brochure.render.jobsheet import render_job_sheet
from brochure.render.pages import paint
from brochure.resolve.document import resolve


@dataclass(frozen=True)
class BuildResult:
    outputs: tuple[Output, ...]
    #: Warnings found on the way (errors raise BuildError instead).
    diagnostics: tuple[Diagnostic, ...]
    #: The figures the preflight measured (text sizes, contrast, how full each panel is).
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Built:
    """Every edition's PDF of one leaflet in memory, with the layouts they were painted from."""

    pdfs: dict[str, bytes]
    layouts: dict[str, Layout]
    #: The leaflet's name (`meta.name`, else the project folder's), the first part of file names.
    name: str
    warnings: tuple[Diagnostic, ...]
    #: The content's language, the second part of file names.
    language: str = ""
    #: With the press edition, its job sheet for the print shop.
    job_sheet: bytes | None = None
    #: The data row's name (batch builds), the part of file names after the leaflet's name.
    row: str = ""
    #: The figures the preflight measured, for --verbose.
    facts: tuple[str, ...] = ()

    def stem(self, row: str = "") -> str:
        """`<name>-<lang>`, or `<name>-<row>-<lang>` for a batch row."""
        return stem(self.name, self.language, row=row or self.row)

    def files(self, row: str = "") -> list[tuple[str, str, bytes]]:
        """(edition, file name, bytes) of each file to write: `<stem>-<edition>.pdf`, with the
        press edition its job sheet `<stem>-press-job.pdf`, and with the phone edition its
        e-mail companions `<stem>-phone.html` and `.txt`."""
        base = self.stem(row)
        files = [(edition, file_name(base, edition), data) for edition, data in self.pdfs.items()]
        if self.job_sheet is not None:
            files.append(("press", file_name(base, "press-job"), self.job_sheet))
        if "phone" in self.pdfs:
            # Here, not at the top: the e-mail companions' HTML tools cost a print build 10 ms of imports.
            from brochure.mail.companions import companion_files

            pdf_name = file_name(base, "phone")
            size = len(self.pdfs["phone"])
            for suffix, text in companion_files(self.layouts["phone"], name=pdf_name, size=size):
                files.append(("phone", file_name(base, "phone", suffix), text.encode("utf-8")))
        return files


def render(layout: Layout, edition: Edition) -> bytes:
    """The finished, tagged PDF of one edition of a layout: PDF/X-4 for the press, PDF/A-2a for
    the others, PDF/UA-1 for all."""
    painted = paint(layout, edition)
    conformance = conformance_for(edition, paper_stock=layout.document.theme.paper_stock)
    for_print = edition.layout == "sheet"
    return finish(painted.pdf, painted.marks, layout.document, for_print=for_print, conformance=conformance)


def job_sheet(layout: Layout, edition: Edition, *, file_name: str) -> bytes:
    """The press file's job sheet for the print shop: one tagged page (PDF/A-2a, PDF/UA-1)."""
    data, marks = render_job_sheet(layout.document, edition, file_name=file_name)
    return finish(data, marks, layout.document, for_print=True)


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
    row: str = "",
) -> Built:
    """Resolve, lay out (each layout kind once) and render loaded content (`found`: its
    warnings), reusing laid-out panels from `reuse` (batch builds; `row`: the row's name)."""
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
        for finding in low_resolution(laid_out, [e for e in chosen.values() if e.layout == kind])
    )
    warnings = found + more + laid + checks
    advice = _advice(content, layouts, warnings)
    warnings += tuple(sorted(advice.items, key=lambda d: (d.location.line, d.location.column)))
    if strict and any(w.severity is Severity.WARNING for w in warnings):
        raise BuildError(tuple(_as_error(w) for w in warnings))
    pdfs = {name: render(layouts[edition.layout], edition) for name, edition in chosen.items()}
    name, language = name_of(content), content.meta.language
    sheet = None
    if "press" in chosen:
        press = file_name(stem(name, language, row=row), "press")
        sheet = job_sheet(layouts["sheet"], chosen["press"], file_name=press)
    return Built(pdfs, layouts, name, warnings, language, sheet, row, tuple(advice.facts))


def build(
    content_path: str | Path,
    editions: Sequence[str] = DEFAULT_EDITIONS,
    *,
    out_dir: str | Path | None = None,
    strict: bool = False,
    cmyk: bool = False,
    values: Values | None = None,
    row: str = "",
) -> BuildResult:
    """Build and write every edition's files (see `Built.files`); nothing is written unless every
    edition builds. `values` fill the placeholders (one data row, named `row` in file names).
    A leaflet with translations (`content.<lang>.yaml` beside it) is built in each language too,
    under the same name with its own language: `sexting-nl-print.pdf`, `sexting-en-print.pdf`.

    Raises BuildError, or OutputError when the folder or the disk refuses."""
    content, found = load(content_path, values)
    built = build_content(content, found, editions, strict=strict, cmyk=cmyk, row=row)
    every: list[Built] = [built]
    unsupported: list[Diagnostic] = []
    for file in translation_files(Path(content_path)):
        try:
            translated = build_content(
                *load_translation(Path(content_path), file), editions, strict=strict, cmyk=cmyk, row=row
            )
        except BuildError as error:
            if not all(d.code == "A011" for d in error.diagnostics if d.is_error):
                raise
            unsupported += error.diagnostics  # a right-to-left language: said once, the others build
            continue
        every.append(replace(translated, name=built.name))
    folder = output_folder(content_path, out_dir)
    claims = [Claim(b.stem(), Path(content_path), b.name, names_of(b.files())) for b in every]
    claim_names(folder, content, claims)
    outputs = write_outputs([file for b in every for file in b.files()], folder)
    warnings = tuple(w for b in every for w in b.warnings) + tuple(unsupported)
    return BuildResult(outputs, warnings, tuple(fact for b in every for fact in b.facts))


def output_folder(content_path: str | Path, out_dir: str | Path | None) -> Path:
    """`--out DIR`, or out/ beside the content."""
    return Path(out_dir) if out_dir is not None else Path(content_path).parent / "out"


def name_of(content: Content) -> str:
    """The leaflet's name: `meta.name`, else its folder's (see `names.leaflet_name`)."""
    return leaflet_name(content.meta.location.file, content.meta.name)


def names_of(files: Sequence[tuple[str, str, bytes]]) -> tuple[str, ...]:
    return tuple(name for _, name, _ in files)


def claim_names(folder: Path, content: Content, claims: Sequence[Claim]) -> None:
    """Claim the file names in `folder`; raises BuildError (C116) when another content file owns
    one, so two leaflets never overwrite each other's files."""
    try:
        claim(folder, claims)
    except NameTaken as taken:
        where = content.meta.location
        raise BuildError(
            (
                Diagnostic(
                    "C116",
                    f"the files '{taken.stem}-…' in {folder} belong to another content file, {taken.owner}",
                    where,
                    hint="give this leaflet its own 'name:' in 'meta', or build it with --out another folder",
                ),
            )
        ) from None


def _advice(content: Content, layouts: dict[str, Layout], known: tuple[Diagnostic, ...]) -> Findings:
    """The preflight `brochure check` runs (brochure/checks/advice.py) on the layouts built."""
    file = content.meta.location.file
    text = read_text(Path(file), file, Diagnostics()) or ""
    return advise_layouts(content, layouts.get("sheet"), layouts.get("phone"), text, known=known)


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    """With --strict a warning is an error; notes stay notes."""
    if diagnostic.severity is not Severity.WARNING:
        return diagnostic
    return Diagnostic(
        diagnostic.code, diagnostic.message, diagnostic.location, Severity.ERROR, diagnostic.hint
    )
