"""`brochure mail --send`: the plan of a dry run, the password, sending with a log to resume from."""

from __future__ import annotations

import argparse
import getpass
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from brochure.cli.exits import ERRORS, OK, USAGE

if TYPE_CHECKING:
    from brochure.cli.maildrafts import Draft
    from brochure.load.mailconfig import MailConfig
    from brochure.mail.send import Delivery, Pacer, Server
    from brochure.mail.sendlog import History


def deliver(
    args: argparse.Namespace,
    config: MailConfig,
    drafts: Sequence[Draft],
    log_path: Path,
    out: TextIO,
    err: TextIO,
) -> int:
    """Print what would be sent (the default), or send it and report every failure in one line."""
    from brochure.mail.send import Delivery, Pacer, Server

    server = Server(
        config.host,
        config.server_port,
        config.security,
        config.user,
        config.ca_file,
        config.timeout,
    )
    deliveries = [Delivery(d.path.name, to, d.message) for d in drafts for to in d.to]
    history = _history(log_path)
    if not args.send:
        _plan(server, config, deliveries, history, log_path, out)
        return OK
    problem = _unusable(server, config)
    if problem:
        print(f"brochure mail: error: {problem}", file=err)
        return USAGE
    unsure = [d for d in deliveries if (d.draft, d.to.lower()) in history.unsure]
    for delivery in unsure:
        print(
            f"warning: {delivery.to} may have had {delivery.draft} when a run was stopped mid-message; "
            f"not sent again (check the Sent folder; remove its lines from {log_path} to send it)",
            file=err,
        )
    password = _password(config, err) if config.user else ""
    if password is None:
        return ERRORS
    return _send(server, config, password, deliveries, history, log_path, out, err, Pacer(config.per_minute))


def _send(
    server: Server,
    config: MailConfig,
    password: str,
    deliveries: Sequence[Delivery],
    history: History,
    log_path: Path,
    out: TextIO,
    err: TextIO,
    pacer: Pacer,
) -> int:
    from brochure.mail.send import SendError, send_all
    from brochure.output import append_line

    todo = sum(not history.done(d.draft, d.to) for d in deliveries)
    print(f"sending {todo} message{'s' * (todo != 1)} through {server.describe()}", file=out)
    count = [0]

    def progress(delivery: Delivery, what: str) -> None:
        count[0] += 1
        stream = out if what == "sent" else err
        prefix = "" if what == "sent" else "error: "
        print(f"{prefix}{count[0]}/{todo} {delivery.to}: {what} ({delivery.draft})", file=stream)

    try:
        report = send_all(
            server,
            password,
            deliveries,
            sender=config.sender,
            history=history,
            log=lambda record: append_line(log_path, record.line()),
            pacer=pacer,
            progress=progress,
        )
    except SendError as error:
        print(f"error: {error}", file=err)
        print(f"  = note: what was sent before is in {log_path}; run again to send the rest", file=err)
        return ERRORS
    before = f", {report.skipped} sent in an earlier run" if report.skipped else ""
    print(f"sent {len(report.sent)} of {len(deliveries)} messages{before}; log: {log_path}", file=out)
    if report.rejected:
        print(f"error: {len(report.rejected)} recipient(s) rejected by the server (see above)", file=err)
        return ERRORS
    return OK


def _plan(
    server: Server,
    config: MailConfig,
    deliveries: Sequence[Delivery],
    history: History,
    log_path: Path,
    out: TextIO,
) -> None:
    """What --send would do: each message, to whom, through which server, how fast."""
    todo = [d for d in deliveries if not history.done(d.draft, d.to)]
    where = server.describe() if server.host else "no server yet (set [smtp] host in mail.toml, or --smtp)"
    sender = config.sender or "no sender yet (set from in mail.toml, or --from)"
    print(f"dry run: nothing is sent. With --send, from {sender} through {where}:", file=out)
    for delivery in todo:
        size = len(delivery.message.as_bytes())
        print(f"  {delivery.to} (Bcc): {delivery.draft}, {size / 1024:.0f} kB", file=out)
    minutes = math.ceil(max(0, len(todo) - 1) / config.per_minute) if todo else 0
    already = len(deliveries) - len(todo)
    done = f"; {already} already sent (in {log_path})" if already else ""
    print(
        f"{len(todo)} message{'s' * (len(todo) != 1)}, one per recipient, at most "
        f"{config.per_minute:g} a minute (about {minutes} min){done}",
        file=out,
    )


def _unusable(server: Server, config: MailConfig) -> str:
    if not server.host:
        return "no SMTP server: set host in the [smtp] section of mail.toml, or give --smtp HOST[:PORT]"
    if not config.sender:
        return 'no sender: set from = "Name <address>" in mail.toml, or give --from'
    local = server.host in ("localhost", "127.0.0.1", "::1")
    if server.security == "none" and server.user and not local:
        return f"refusing to send a password unencrypted to {server.host}: use security starttls or tls"
    return ""


def _password(config: MailConfig, err: TextIO) -> str | None:
    """From the environment variable, or asked on the terminal; never stored anywhere."""
    value = os.environ.get(config.password_variable)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(f"password for {config.user} at {config.host}: ")
    print(
        f"error: no password for {config.user}: set the environment variable {config.password_variable}, "
        "or run the command in a terminal to be asked",
        file=err,
    )
    return None


def _history(path: Path) -> History:
    from brochure.mail.sendlog import read_history

    try:
        with path.open(encoding="utf-8", newline="") as lines:
            return read_history(lines)
    except FileNotFoundError:
        return read_history(())
