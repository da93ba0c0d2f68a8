"""`brochure mail`: an .eml draft per leaflet (and per data row); with --send, through the school's server."""

from __future__ import annotations

import argparse
import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from brochure.cli.build import print_diagnostics
from brochure.cli.exits import ERRORS, OK, USAGE
from brochure.cli.options import add_out, talk_options
from brochure.diagnostics import BuildError, Diagnostic

if TYPE_CHECKING:
    from email.message import EmailMessage

    from brochure.load.content import Template
    from brochure.load.data import Data, Row
    from brochure.load.mailconfig import MailConfig
    from brochure.load.model import Content

#: What Ctrl+C ends a command with, as shells report a process stopped by SIGINT (128 + 2).
INTERRUPTED = 130


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    mail = commands.add_parser(
        "mail",
        parents=[talk_options()],
        help="write the e-mail with the phone PDF as a draft (.eml); --send sends it",
        description="Write the e-mail as a draft (.eml) per language, that opens in any mail program "
        "with the pictures and the phone PDF attached. With recipients and --send, send it through an SMTP "
        "server: one message per recipient, addresses never shown to each other. Without --send "
        "nothing is sent: the command prints what would go where.",
    )
    mail.add_argument(
        "contents",
        nargs="*",
        metavar="content",
        help="content file (default: content.yaml); each, and each of its translations, gives a draft",
    )
    mail.add_argument(
        "--language",
        metavar="LANG",
        help="only the leaflet in this language (the source's or a translation's, such as en or ar)",
    )
    add_out(mail)
    rows = mail.add_argument_group("one leaflet per data row (as brochure build --data)")
    rows.add_argument(
        "--data", "-d", metavar="FILE", help="a CSV or YAML file filling the {{ placeholders }}"
    )
    rows.add_argument("--name", metavar="NAME", help="each row's file name: a column or a pattern")
    who = mail.add_argument_group("recipients (always in Bcc)")
    who.add_argument("--to", metavar="COLUMN", help="the column that holds the e-mail addresses")
    who.add_argument(
        "--recipients",
        metavar="FILE",
        help="a CSV or YAML file of recipients for the one leaflet (default: --data, each row's own)",
    )
    server = mail.add_argument_group("sending (settings from mail.toml beside the content, or these)")
    server.add_argument(
        "--config", metavar="FILE", help="mail settings (default: mail.toml beside the content)"
    )
    server.add_argument("--from", dest="sender", metavar="ADDRESS", help="the sender: 'Name <address>'")
    server.add_argument("--reply-to", metavar="ADDRESS", help="where replies go")
    server.add_argument("--smtp", metavar="HOST[:PORT]", help="the SMTP server")
    server.add_argument("--security", choices=("starttls", "tls", "none"), help="default: starttls")
    server.add_argument(
        "--user", metavar="NAME", help="the login (the password: $BROCHURE_SMTP_PASSWORD or asked)"
    )
    server.add_argument(
        "--ca-file", metavar="FILE", help="a certificate authority to trust besides the system's"
    )
    server.add_argument(
        "--per-minute", type=float, metavar="N", help="send at most N messages a minute (default 20)"
    )
    server.add_argument("--log", metavar="FILE", help="the send log (default: out/mail-log.jsonl)")
    mode = server.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="print what would be sent to whom (the default)")
    mode.add_argument("--send", action="store_true", help="send the messages")
    mail.set_defaults(run=run)


@dataclass(frozen=True)
class Draft:
    """One written draft: its file, its message and the recipients it goes to."""

    path: Path
    message: EmailMessage
    to: tuple[str, ...]


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the drafts, then print the plan (dry run) or send; Ctrl+C ends with 130."""
    from brochure.cli.mailsend import deliver
    from brochure.load.translations import translation_files

    args.content = (args.contents or ["content.yaml"])[0]
    if len(args.contents) > 1 and args.to:
        print("brochure mail: error: send one leaflet at a time: one content file with --to", file=err)
        return USAGE
    if (
        args.to
        and not args.language
        and any(translation_files(Path(c)) for c in args.contents or ["content.yaml"])
    ):
        print(
            "brochure mail: error: the leaflet has translations: choose the one to send with --language LANG",
            file=err,
        )
        return USAGE
    if args.recipients and args.data:
        print(
            "brochure mail: error: give --recipients or --data (whose rows have addresses), not both",
            file=err,
        )
        return USAGE
    if (args.recipients or args.send) and not args.to:
        print("brochure mail: error: name the column of addresses with --to COLUMN", file=err)
        return USAGE
    try:
        config = _config(args)
        drafts, failed = write_drafts(args, config, err)
        if not args.quiet:
            for draft in drafts:
                print(f"wrote {draft.path} ({draft.path.stat().st_size / 1024:.0f} kB)", file=out)
                if args.verbose:
                    print(f"  {_parts(draft.message)}", file=out)
        if not args.to:
            return ERRORS if failed else OK
        folder = drafts[0].path.parent if drafts else Path(args.out or Path(args.content).parent / "out")
        code = deliver(
            args, config, drafts, Path(args.log) if args.log else folder / "mail-log.jsonl", out, err
        )
        return ERRORS if failed and code == OK else code
    except KeyboardInterrupt:
        print(
            "\ninterrupted: nothing more is sent; what was sent is in the log (run again to go on)", file=err
        )
        return INTERRUPTED


def _config(args: argparse.Namespace) -> MailConfig:
    """mail.toml (given, or beside the content), then the command line's settings over it."""
    from dataclasses import replace

    from brochure.load.mailconfig import MailConfig, read_mail_config

    path = Path(args.config) if args.config else Path(args.content).parent / "mail.toml"
    config = read_mail_config(path) if args.config or path.is_file() else MailConfig()
    changes: dict[str, Any] = {}
    if args.smtp:
        host, _, port = args.smtp.rpartition(":") if args.smtp.count(":") == 1 else (args.smtp, "", "")
        changes["host"] = host
        if port.isdigit():
            changes["port"] = int(port)
    for name in ("sender", "reply_to", "security", "user", "ca_file", "per_minute"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    if changes.get("per_minute", 1) <= 0:
        raise BuildError((Diagnostic("M003", "--per-minute must be more than 0", _nowhere()),))
    return replace(config, **changes)


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
        raise BuildError((Diagnostic("M005", f"{path} has no leaflet in '{language}'", _nowhere()),))
    return chosen


def _language(leaflet: _Leaflet, source: Content | None) -> str:
    if leaflet.translation is not None:
        return leaflet.translation.suffixes[-2].lstrip(".").lower()
    return source.meta.language.lower() if source else ""


def _parts(message: EmailMessage) -> str:
    """What a draft is made of, with sizes: `text 2 kB, html 9 kB, 3 pictures 51 kB, pdf 40 kB`."""
    sizes: dict[str, list[int]] = {}
    for part in message.walk():
        if not part.is_multipart():
            kind = (
                part.get_content_subtype()
                if part.get_content_maintype() == "text"
                else part.get_content_maintype()
            )
            sizes.setdefault({"image": "pictures", "application": "pdf"}.get(kind, kind), []).append(
                len(part.get_payload(decode=True) or b"")
            )
    return ", ".join(
        f"{len(found)} {kind} {sum(found) / 1024:.0f} kB"
        if kind == "pictures"
        else f"{kind} {sum(found) / 1024:.0f} kB"
        for kind, found in sizes.items()
    )


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
    raise BuildError((Diagnostic("M101", "--to needs --recipients FILE or --data FILE", _nowhere()),))


def _date() -> datetime.datetime:
    """SOURCE_DATE_EPOCH when set (same input, same draft), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now(tz=datetime.timezone.utc)


def _nowhere() -> Any:
    from brochure.diagnostics import Location

    return Location("brochure mail")
