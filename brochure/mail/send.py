"""Sending through an SMTP server: one message per recipient, paced, logged, every failure one line."""

from __future__ import annotations

import datetime
import signal
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr

from brochure.mail.message import POLICY, personal
from brochure.mail.sendlog import History, Record


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    #: `starttls` (submission, port 587), `tls` (implicit TLS, port 465) or `none` (a local relay).
    security: str = "starttls"
    user: str = ""
    #: A certificate authority to trust besides the system's (a school's own, or a test's).
    ca_file: str = ""
    timeout: float = 30.0

    def describe(self) -> str:
        security = {"starttls": "STARTTLS", "tls": "TLS", "none": "no encryption"}[self.security]
        who = f" as {self.user}" if self.user else ""
        return f"{self.host}:{self.port} ({security}){who}"


@dataclass(frozen=True)
class Delivery:
    """One message to one recipient: the draft's name (the log's key) and its message."""

    draft: str
    to: str
    message: EmailMessage


class SendError(Exception):
    """A failure that stops the run, said in one line; what was sent is in the log already."""


@dataclass
class Report:
    sent: list[Delivery] = field(default_factory=list)
    rejected: list[tuple[Delivery, str]] = field(default_factory=list)
    skipped: int = 0


@dataclass(frozen=True)
class Pacer:
    """At most `per_minute` messages a minute: each waits until its turn (a clock to test with)."""

    per_minute: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def wait(self, previous: float | None) -> float:
        """Sleep until one interval after `previous` (a clock reading); returns the time now."""
        if previous is not None:
            remaining = previous + 60.0 / self.per_minute - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        return self.clock()


Log = Callable[[Record], None]
Progress = Callable[[Delivery, str], None]


def send_all(
    server: Server,
    password: str,
    deliveries: Sequence[Delivery],
    *,
    sender: str,
    history: History,
    log: Log,
    pacer: Pacer,
    progress: Progress | None = None,
) -> Report:
    """Send each delivery not done in an earlier run, one SMTP transaction each, over one connection.

    Before a message goes out a `sending` record is logged, after the server's answer `sent` or
    `rejected`: an interrupted run leaves at most one recipient unsure, never one sent twice.
    Raises SendError for what stops the run (login refused, message too large, connection lost);
    a rejected recipient is reported and the others go on. Ctrl+C raises KeyboardInterrupt.
    """
    report = Report()
    todo = [d for d in deliveries if not history.done(d.draft, d.to)]
    report.skipped = len(deliveries) - len(todo)
    if not todo:
        return report
    envelope_from = parseaddr(sender)[1]
    connection = connect(server, password)
    try:
        _check_size(connection, server, todo)
        previous: float | None = None
        for number, delivery in enumerate(todo, start=1):
            previous = pacer.wait(previous)
            message = personal(delivery.message, recipient=delivery.to, sequence=number)
            message_id = str(message["Message-ID"])
            with _interrupt_after():  # Ctrl+C waits for the server's answer and its record
                log(Record(_now(), "sending", delivery.draft, delivery.to, message_id))
                try:
                    connection.sendmail(envelope_from, [delivery.to], message.as_bytes(policy=POLICY))
                except smtplib.SMTPRecipientsRefused as refused:
                    reply = _reply(*refused.recipients.get(delivery.to, (0, b"refused")))
                    log(Record(_now(), "rejected", delivery.draft, delivery.to, message_id, reply))
                    report.rejected.append((delivery, reply))
                    if progress:
                        progress(delivery, f"rejected: {reply}")
                    continue
                except smtplib.SMTPException as error:
                    raise SendError(_stopped(error, server, len(message.as_bytes()))) from None
                except OSError as error:
                    where = f"{server.host}:{server.port}"
                    raise SendError(f"the connection to {where} was lost ({error})") from None
                log(Record(_now(), "sent", delivery.draft, delivery.to, message_id, "250"))
            report.sent.append(delivery)
            if progress:
                progress(delivery, "sent")
    except BaseException:  # mid-transaction (Ctrl+C, a lost line): no QUIT that would wait for an answer
        connection.close()
        raise
    _close(connection)
    return report


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold Ctrl+C (SIGINT) until the block ends, then raise it: a message is never left between
    the server's answer and its record. The server's answer is bounded by the timeout. Only the
    main thread can handle signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def connect(server: Server, password: str) -> smtplib.SMTP:
    """An open, encrypted (unless `none`) and logged-in connection; SendError says what failed."""
    where = f"{server.host}:{server.port}"
    context = ssl.create_default_context(cafile=server.ca_file or None)
    connection: smtplib.SMTP | None = None
    try:
        if server.security == "tls":
            connection = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        connection.ehlo()
        if server.security == "starttls":
            if not connection.has_extn("starttls"):
                raise SendError(f'{where} does not offer STARTTLS; try security = "tls" on port 465')
            connection.starttls(context=context)
            connection.ehlo()
        if server.user:
            connection.login(server.user, password)
        return connection
    except SendError:
        _close(connection)
        raise
    except smtplib.SMTPAuthenticationError as error:
        _close(connection)
        raise SendError(
            f"{where} refused the login of '{server.user}' ({_reply(error.smtp_code, error.smtp_error)}): "
            "check the user name and the password"
        ) from None
    except ssl.SSLError as error:
        _close(connection)
        raise SendError(_tls_failure(error, where)) from None
    except smtplib.SMTPNotSupportedError:
        _close(connection)
        raise SendError(
            f"{where} offers no login (AUTH); leave out the user, or ask for submission"
        ) from None
    except smtplib.SMTPException as error:
        _close(connection)
        hint = "; is the port for STARTTLS (587) or for TLS (465)?" if "timed out" in str(error) else ""
        raise SendError(f"{where} did not accept the connection: {error}{hint}") from None
    except ConnectionRefusedError:
        raise SendError(
            f"cannot connect to {where}: connection refused (is the host and port right?)"
        ) from None
    except socket.gaierror:
        raise SendError(f"cannot connect to {where}: no such host") from None
    except OSError as error:
        raise SendError(f"cannot connect to {where}: {error.strerror or error}") from None


def _tls_failure(error: ssl.SSLError, where: str) -> str:
    verify = getattr(error, "verify_message", "")
    if verify:
        return (
            f"TLS with {where} failed: its certificate is not trusted ({verify}); "
            "if the school has its own certificate authority, name its file in ca-file"
        )
    reason = error.reason or str(error)
    if reason == "WRONG_VERSION_NUMBER":
        return f"TLS with {where} failed ({reason}): is the port for STARTTLS (587) or for TLS (465)?"
    return f"TLS with {where} failed: {reason}"


def _check_size(connection: smtplib.SMTP, server: Server, todo: Sequence[Delivery]) -> None:
    """The server's SIZE limit, checked before the first message rather than at every one."""
    limit = connection.esmtp_features.get("size", "")
    if not limit.isdigit() or int(limit) == 0:
        return
    largest = max(len(d.message.as_bytes(policy=POLICY)) for d in todo)
    if largest > int(limit):
        raise SendError(_too_large(server, largest, int(limit)))


def _stopped(error: smtplib.SMTPException, server: Server, size: int) -> str:
    code = getattr(error, "smtp_code", 0)
    reply = _reply(code, getattr(error, "smtp_error", b""))
    if code == 552 or "size" in reply.lower() or "too large" in reply.lower():
        return _too_large(server, size, 0, reply)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"{server.host} refused the sender {error.sender} ({reply}): check 'from' in mail.toml"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"{server.host} closed the connection ({error})"
    return f"{server.host} stopped the sending ({reply or error})"


def _too_large(server: Server, size: int, limit: int, reply: str = "") -> str:
    takes = f"; it takes {limit / 1e6:.1f} MB" if limit else ""
    answer = f" ({reply})" if reply else ""
    return (
        f"the message ({size / 1e6:.1f} MB) is too large for {server.host}{takes}{answer}: use smaller images"
    )


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(message.split())}".strip()


def _close(connection: smtplib.SMTP | None) -> None:
    if connection is None:
        return
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


def _now() -> str:
    return datetime.datetime.now(tz=datetime.timezone.utc).isoformat(timespec="seconds")
