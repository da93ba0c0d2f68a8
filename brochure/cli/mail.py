"""`brochure mail`: its options and settings, the drafts written, then the plan or --send."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from brochure.cli.exits import ERRORS, OK, USAGE
from brochure.cli.options import add_out, talk_options
from brochure.diagnostics import BuildError, Diagnostic

if TYPE_CHECKING:
    from email.message import EmailMessage

    from brochure.load.mailconfig import MailConfig

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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the drafts, then print the plan (dry run) or send; Ctrl+C ends with 130."""
    from brochure.cli.maildrafts import write_drafts
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

    from brochure.cli.maildrafts import nowhere
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
        raise BuildError((Diagnostic("M003", "--per-minute must be more than 0", nowhere()),))
    return replace(config, **changes)


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
