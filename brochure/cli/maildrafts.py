"""`brochure mail`'s drafts: an .eml per leaflet, translation and data row, with its recipients."""

from __future__ import annotations

import argparse
import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from brochure.cli.build import print_diagnostics
from brochure.diagnostics import BuildError, Diagnostic

if TYPE_CHECKING:
    from email.message import EmailMessage

    from brochure.load.content import Template
    from brochure.load.data import Data, Row
    from brochure.load.mailconfig import MailConfig
    from brochure.load.model import Content


@dataclass(frozen=True)
class Draft:
    """One written draft: its file, its message and the recipients it goes to."""

    path: Path
    message: EmailMessage
    to: tuple[str, ...]


def write_drafts(args: argparse.Namespace, config: MailConfig, err: TextIO) -> tuple[list[Draft], int]:
    """Build the phone PDF and write the draft of each leaflet (each data row); (drafts, rows failed)."""
    from brochure import names
    from brochure.batch.rows import name_pattern, output_names
    from brochure.load.data import read_data
    from brochure.mail.message import Envelope, draft
    from brochure.output import write_atomic
    from brochure.pipeline import build_content

    folder = Path(args.out) if args.out else Path(args.content).parent / "out"
    data = read_data(args.data) if args.data else None
    listed = read_data(args.recipients) if args.recipients else None
    rows: list[tuple[Row | None, str]] = [(None, "")]
    failed = 0
    if data is not None:
        named, unnamed = output_names(data, name_pattern(args.name, data))
        rows = [(row, name) for row, name in named]
        for result in unnamed:
            print_diagnostics(result.diagnostics, err)
        failed += len(unnamed)
    drafts: list[Draft] = []
    for leaflet in (
        one for c in args.contents or [args.content] for one in _leaflets(Path(c), args.language)
    ):
        for row, name in rows if leaflet.translation is None else [(None, "")]:
            problems = _Problems()
            try:
                content, found = leaflet.load(row)
                built = build_content(content, found, ("phone",), row=name)
                stem = names.stem(leaflet.name or built.name, content.meta.language, row=name)
                to = _addresses(args, data, listed, row, problems)
                problems.raise_if_errors()
                message = draft(
                    built.layouts["phone"],
                    built.pdfs["phone"],
                    pdf_name=names.file_name(stem, "phone"),
                    date=_date(),
                    envelope=Envelope(sender=config.sender, reply_to=config.reply_to, bcc=to),
                )
            except BuildError as error:
                if row is None and leaflet.translation is None:
                    raise
                failed += 1
                if row is None:
                    print(f"{leaflet.translation}: error: this translation failed", file=err)
                else:
                    print(
                        f"{data.file if data else ''}:{row.line}: error: row {row.number} failed ({name})",
                        file=err,
                    )
                print_diagnostics(error.diagnostics, err)
                continue
            if not args.quiet:
                print_diagnostics((*built.warnings, *problems.warnings), err)
            path = folder / names.file_name(stem, "phone", ".eml")
            write_atomic(path, message.as_bytes())
            drafts.append(Draft(path, message, to))
    return drafts, failed


@dataclass(frozen=True)
class _Leaflet:
    """The leaflet of a content file in one language: the source, or one translation of it."""

    template: Template
    translation: Path | None = None
    #: The source's name, which every translation shares.
    name: str = ""

    def load(self, row: Row | None) -> tuple[Content, tuple[Diagnostic, ...]]:
        from brochure.load.translations import load_translation

        if self.translation is None:
            return self.template.fill(row.values if row else None)
        return load_translation(self.template.path, self.translation)


def _leaflets(path: Path, language: str | None) -> list[_Leaflet]:
    """The source and its translations (translations get no data rows: they are read without
    placeholder values), only the one in `language` when it is given."""
    from brochure.load.content import load_template
    from brochure.load.translations import translation_files
    from brochure.pipeline import name_of

    template = load_template(path)
    try:
        source: Content | None = template.fill(None)[0]
    except BuildError:  # reported when the source is built
        source = None
    name = name_of(source) if source else ""
    every = [_Leaflet(template)] + [_Leaflet(template, file, name) for file in translation_files(path)]
    if language is None:
        return every
    chosen = [one for one in every if _language(one, source) == language.lower()]
    if not chosen:
        raise BuildError((Diagnostic("M005", f"{path} has no leaflet in '{language}'", nowhere()),))
    return chosen


def _language(leaflet: _Leaflet, source: Content | None) -> str:
    if leaflet.translation is not None:
        return leaflet.translation.suffixes[-2].lstrip(".").lower()
    return source.meta.language.lower() if source else ""


class _Problems:
    def __init__(self) -> None:
        from brochure.diagnostics import Diagnostics

        self.diags = Diagnostics()

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diags if not d.is_error)

    def raise_if_errors(self) -> None:
        if self.diags.has_errors:
            raise BuildError(tuple(self.diags))


def _addresses(
    args: argparse.Namespace, data: Data | None, listed: Data | None, row: Row | None, problems: _Problems
) -> tuple[str, ...]:
    from brochure.load.recipients import recipients

    if not args.to:
        return ()
    if listed is not None:
        return tuple(r.address for r in recipients(listed, args.to, problems.diags))
    if data is not None and row is not None:
        return tuple(r.address for r in recipients(data, args.to, problems.diags, rows=(row,)))
    raise BuildError((Diagnostic("M101", "--to needs --recipients FILE or --data FILE", nowhere()),))


def _date() -> datetime.datetime:
    """SOURCE_DATE_EPOCH when set (same input, same draft), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now(tz=datetime.timezone.utc)


def nowhere() -> Any:
    """Where a problem of the command itself stands: no file, the command's name."""
    from brochure.diagnostics import Location

    return Location("brochure mail")
