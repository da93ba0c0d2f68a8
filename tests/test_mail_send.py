"""`brochure mail --send` against a real SMTP server on 127.0.0.1: TLS, login, rejections, size,
an interrupted run resumed without a second copy to anyone, and the dry run that sends nothing."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from email import message_from_bytes, policy
from io import StringIO
from pathlib import Path

import pytest

from brochure.cli.main import main
from brochure.mail.send import Pacer
from brochure.mail.sendlog import Record, read_history
from tests.conftest import MINIMAL
from tests.smtpserver import PASSWORD, USER, Certificate, Handler, free_port, make_certificate, smtp_server

SENDER = "Preventiewerkgroep <preventie@school.test>"
PARENTS = ["anna@ouders.test", "bram@ouders.test", "cor@ouders.test", "dirk@ouders.test"]

# aiosmtpd logs each session; its notices are not the test's business.
logging.getLogger("mail.log").setLevel(logging.CRITICAL)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def leaflet(write_content, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path: Path = write_content(MINIMAL.replace("title: Test", "title: Test met é\n  name: test"))
    (tmp_path / "parents.csv").write_text(
        "naam,email\n" + "".join(f"P{i},{a}\n" for i, a in enumerate(PARENTS))
    )
    return path


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROCHURE_SMTP_PASSWORD", PASSWORD)


def mail(
    leaflet: Path, *options: str, port: int = 0, cert: Certificate | None = None
) -> tuple[int, str, str]:
    args = ["mail", str(leaflet), "--recipients", str(leaflet.parent / "parents.csv"), "--to", "email"]
    args += ["--from", SENDER, "--user", USER, "--per-minute", "6000", "--quiet", *options]
    if port:
        args += ["--smtp", f"127.0.0.1:{port}"]
    if cert:
        args += ["--ca-file", str(cert.cert)]
    out, err = StringIO(), StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def log_states(leaflet: Path) -> list[tuple[str, str]]:
    lines = (leaflet.parent / "out" / "mail-log.jsonl").read_text(encoding="utf-8").splitlines()
    return [(json.loads(line)["state"], json.loads(line)["to"]) for line in lines]


@pytest.mark.slow
@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_each_parent_gets_one_message_with_nobody_elses_address(
    leaflet: Path, certificate: Certificate, password: None, security: str
) -> None:
    """Over STARTTLS (587-style) and TLS from the start (465-style), after a login: one message per
    recipient, the address only in the envelope, every send logged, the password in no file."""
    with smtp_server(certificate, implicit_tls=security == "tls") as (port, handler):
        code, out, err = mail(leaflet, "--send", "--security", security, port=port, cert=certificate)
    assert (code, err) == (0, "")
    assert "sent 4 of 4 messages" in out
    assert [tos for _, tos, _ in handler.messages] == [[a] for a in PARENTS]
    for mail_from, _, data in handler.messages:
        assert mail_from == "preventie@school.test"
        message = message_from_bytes(data, policy=policy.default)
        assert message["Subject"] == "Test met é"
        assert message["To"] == SENDER and message["Bcc"] is None and message["X-Unsent"] is None
        assert not any(a.encode() in data for a in PARENTS)  # no recipient's address in any message
    ids = {message_from_bytes(d, policy=policy.default)["Message-ID"] for _, _, d in handler.messages}
    assert len(ids) == 4
    assert log_states(leaflet) == [(s, a) for a in PARENTS for s in ("sending", "sent")]
    written = b"".join(p.read_bytes() for p in (leaflet.parent / "out").iterdir())
    assert PASSWORD.encode() not in written


@pytest.mark.slow
def test_a_refused_login_is_one_line_and_sends_nothing(
    leaflet: Path, certificate: Certificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROCHURE_SMTP_PASSWORD", "wrong")
    with smtp_server(certificate) as (port, handler):
        code, _, err = mail(leaflet, "--send", port=port, cert=certificate)
    assert code == 1 and handler.messages == []
    first = err.splitlines()[0]
    assert first.startswith("error: 127.0.0.1:") and "refused the login of 'coordinator@school.test'" in first
    assert "535" in first


@pytest.mark.slow
def test_a_rejected_recipient_is_reported_and_the_others_are_sent(
    leaflet: Path, certificate: Certificate, password: None
) -> None:
    """The server refuses one address: it is logged as rejected, the rest go out; a second run
    sends nobody a second copy and tries only the rejected address again."""
    handler = Handler(reject={"bram@ouders.test"})
    with smtp_server(certificate, handler=handler) as (port, _):
        code, out, err = mail(leaflet, "--send", port=port, cert=certificate)
        assert code == 1
        assert "error: 2/4 bram@ouders.test: rejected: 550 5.1.1 <bram@ouders.test>: no such mailbox" in err
        assert handler.recipients() == ["anna@ouders.test", "cor@ouders.test", "dirk@ouders.test"]
        assert ("rejected", "bram@ouders.test") in log_states(leaflet)
        again, out, _ = mail(leaflet, "--send", port=port, cert=certificate)
    assert again == 1 and "3 sent in an earlier run" in out
    assert handler.recipients() == ["anna@ouders.test", "cor@ouders.test", "dirk@ouders.test"]


@pytest.mark.slow
def test_a_message_too_large_for_the_server_stops_before_the_first(
    leaflet: Path, certificate: Certificate, password: None
) -> None:
    with smtp_server(certificate, size_limit=20_000) as (port, handler):
        code, _, err = mail(leaflet, "--send", port=port, cert=certificate)
    assert code == 1 and handler.messages == []
    assert "is too large for 127.0.0.1; it takes 0.0 MB" in err.splitlines()[0]


@pytest.mark.slow
def test_connection_and_tls_failures_are_one_line_each(
    leaflet: Path, certificate: Certificate, password: None
) -> None:
    """Nobody listening, an untrusted certificate, STARTTLS spoken to a TLS port: a sentence each."""
    code, _, err = mail(leaflet, "--send", port=free_port())
    assert code == 1 and "connection refused" in err.splitlines()[0]
    with smtp_server(certificate) as (port, handler):
        code, _, err = mail(leaflet, "--send", port=port)  # no ca-file: the system does not trust it
    assert code == 1 and handler.messages == []
    assert "certificate is not trusted (self-signed certificate)" in err.splitlines()[0]
    with smtp_server(certificate) as (port, _):
        code, _, err = mail(leaflet, "--send", "--security", "tls", port=port, cert=certificate)
    assert code == 1 and "is the port for STARTTLS (587) or for TLS (465)?" in err.splitlines()[0]


@pytest.mark.slow
def test_ctrl_c_half_way_then_a_second_run_sends_nobody_twice(
    leaflet: Path, certificate: Certificate, password: None
) -> None:
    """SIGINT after the second message ends the run with 130 and a clear line; running the same
    command again sends the others, and each parent has exactly one message in the end."""
    handler = Handler(signal_after=2)
    with smtp_server(certificate, handler=handler) as (port, _):
        command = [sys.executable, "-m", "brochure", "mail", str(leaflet), "--recipients"]
        command += [str(leaflet.parent / "parents.csv"), "--to", "email", "--from", SENDER, "--user", USER]
        command += ["--smtp", f"127.0.0.1:{port}", "--ca-file", str(certificate.cert), "--send"]
        command += ["--per-minute", "60", "--quiet"]  # a second between messages: time to interrupt
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert handler.received.wait(30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        assert process.returncode == 130, err
        assert "interrupted: nothing more is sent" in err and "Traceback" not in err
        first = handler.recipients()
        assert first == PARENTS[:2]
        assert [a for s, a in log_states(leaflet) if s == "sent"] == PARENTS[:2]
        code, out, _ = mail(leaflet, "--send", port=port, cert=certificate)
    assert code == 0 and "sent 2 of 4 messages, 2 sent in an earlier run" in out
    assert sorted(handler.recipients()) == sorted(PARENTS)


@pytest.mark.slow
def test_a_message_cut_off_by_a_crash_is_not_sent_again(
    leaflet: Path, certificate: Certificate, password: None
) -> None:
    """A `sending` record without an answer (the run died mid-message) may have been delivered:
    that recipient is named and skipped; a torn last line is ignored."""
    log = leaflet.parent / "out" / "mail-log.jsonl"
    log.parent.mkdir()
    draft = "test-nl-phone.eml"
    log.write_text(Record("t", "sending", draft, "cor@ouders.test").line() + '\n{"state": "se')
    with smtp_server(certificate) as (port, handler):
        code, _, err = mail(leaflet, "--send", port=port, cert=certificate)
    assert code == 0
    assert "warning: cor@ouders.test may have had test-nl-phone.eml" in err
    assert handler.recipients() == ["anna@ouders.test", "bram@ouders.test", "dirk@ouders.test"]


@pytest.mark.slow
def test_the_dry_run_is_the_default_and_sends_nothing(leaflet: Path) -> None:
    """Without --send no connection is made (no server is running): it prints what would go where."""
    code, out, err = mail(leaflet, port=free_port())
    assert code == 0 and err == ""
    assert out.startswith("dry run: nothing is sent. With --send, from Preventiewerkgroep")
    for address in PARENTS:
        assert f"  {address} (Bcc): test-nl-phone.eml" in out
    assert "4 messages, one per recipient, at most 6000 a minute" in out
    assert not (leaflet.parent / "out" / "mail-log.jsonl").exists()


@pytest.mark.slow
def test_sending_needs_a_server_a_sender_and_a_password(
    leaflet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BROCHURE_SMTP_PASSWORD", raising=False)
    args = [
        "mail",
        str(leaflet),
        "--recipients",
        str(leaflet.parent / "parents.csv"),
        "--to",
        "email",
        "--send",
    ]
    err = StringIO()
    assert main(args, out=StringIO(), err=err) == 2 and "no SMTP server" in err.getvalue()
    err = StringIO()
    assert (
        main([*args, "--smtp", "mail.test"], out=StringIO(), err=err) == 2 and "no sender" in err.getvalue()
    )
    err = StringIO()
    unencrypted = [*args, "--smtp", "mail.test", "--from", SENDER, "--user", USER, "--security", "none"]
    assert main(unencrypted, out=StringIO(), err=err) == 2 and "unencrypted" in err.getvalue()
    err = StringIO()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert (
        main([*args, "--smtp", "mail.test", "--from", SENDER, "--user", USER], out=StringIO(), err=err) == 1
    )
    assert "set the environment variable BROCHURE_SMTP_PASSWORD" in err.getvalue()


def test_the_pacer_keeps_to_the_rate() -> None:
    """At 30 a minute each message waits for two seconds after the one before (a fake clock)."""
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(30, clock=lambda: now[0], sleep=sleep)
    previous = pacer.wait(None)
    now[0] += 0.5  # sending took half a second
    previous = pacer.wait(previous)
    previous = pacer.wait(previous)
    assert slept == pytest.approx([1.5, 2.0])


def test_the_log_keeps_the_last_state_and_skips_what_is_not_a_record() -> None:
    lines = [
        Record("t1", "sending", "a.eml", "X@test").line() + "\n",
        Record("t2", "sent", "a.eml", "x@test").line() + "\n",
        Record("t3", "sending", "a.eml", "y@test").line() + "\n",
        "not json\n",
        json.dumps({"unknown": 1}) + "\n",
        Record("t4", "sent", "a.eml", "z@test").line(),  # no newline: cut off
    ]
    history = read_history(lines)
    assert history.sent == {("a.eml", "x@test")} and history.unsure == {("a.eml", "y@test")}
    assert history.done("a.eml", "X@TEST") and not history.done("a.eml", "z@test")
    assert os.linesep  # the log is read as text lines whatever the platform


@pytest.mark.slow
def test_mail_toml_beside_the_content_says_where_and_who(
    leaflet: Path, certificate: Certificate, password: None
) -> None:
    """The settings come from mail.toml beside the content (ca-file relative to it); the command
    line needs only the recipients and --send."""
    with smtp_server(certificate) as (port, handler):
        (leaflet.parent / "ca.pem").write_bytes(certificate.cert.read_bytes())
        (leaflet.parent / "mail.toml").write_text(
            f'from = "{SENDER}"\nreply-to = "vragen@school.test"\n\n[smtp]\nhost = "127.0.0.1"\n'
            f'port = {port}\nsecurity = "starttls"\nuser = "{USER}"\nca-file = "ca.pem"\nper-minute = 6000\n',
            encoding="utf-8",
        )
        args = ["mail", str(leaflet), "--recipients", str(leaflet.parent / "parents.csv"), "--to", "email"]
        out = StringIO()
        assert main([*args, "--send"], out=out, err=StringIO()) == 0
    assert f"through 127.0.0.1:{port} (STARTTLS) as {USER}" in out.getvalue()
    assert handler.recipients() == PARENTS
    message = message_from_bytes(handler.messages[0][2], policy=policy.default)
    assert message["Reply-To"] == "vragen@school.test"


@pytest.mark.slow
def test_mail_toml_problems_are_located_and_a_password_is_refused(leaflet: Path) -> None:
    config = leaflet.parent / "mail.toml"
    config.write_text(
        'from = "x@school.test"\nsender = "y"\n[smtp]\nhost = "h"\npassword = "geheim"\n'
        'security = "startls"\nport = 70000\nper-minute = "fast"\n',
        encoding="utf-8",
    )
    err = StringIO()
    assert main(["mail", str(leaflet), "-q"], out=StringIO(), err=err) == 1
    text = err.getvalue()
    assert f"{config}:2:1: error[M002]: unknown setting 'sender' in the top level" in text
    assert f"{config}:5:1: error[M004]: a password is never read from a file" in text
    assert (
        f"{config}:6:1: error[M003]: unknown security 'startls'" in text
        and "did you mean 'starttls'?" in text
    )
    assert f"{config}:7:1: error[M003]: 'port' must be a whole number from 1 to 65535" in text
    assert f"{config}:8:1: error[M003]: 'per-minute' must be a number" in text
    config.write_text('[smtp\nhost = "h"\n', encoding="utf-8")
    err = StringIO()
    assert main(["mail", str(leaflet), "-q"], out=StringIO(), err=err) == 1
    assert f"{config}:1:" in err.getvalue() and "error[M001]: TOML syntax error" in err.getvalue()
    err = StringIO()
    assert main(["mail", str(leaflet), "--config", str(leaflet.parent / "none.toml")], err=err) == 1
    assert "error[M001]: cannot read the mail settings: No such file or directory" in err.getvalue()


@pytest.mark.slow
def test_a_local_relay_without_tls_and_a_server_without_starttls(
    leaflet: Path, certificate: Certificate, password: None
) -> None:
    """`security none` reaches a relay on this machine without a login; asking such a server for
    STARTTLS is refused in one line before anything is sent."""
    with smtp_server(certificate, plain=True) as (port, handler):
        args = ["--smtp", f"127.0.0.1:{port}", "--send"]
        code, _, err = mail(leaflet, *args, port=0)
        assert code == 1 and 'does not offer STARTTLS; try security = "tls" on port 465' in err
        assert handler.messages == []
        out, err_stream = StringIO(), StringIO()
        command = ["mail", str(leaflet), "--recipients", str(leaflet.parent / "parents.csv"), "--to", "email"]
        command += [*args, "--security", "none", "--from", SENDER, "--per-minute", "6000"]
        assert main(command, out=out, err=err_stream) == 0, err_stream.getvalue()
    assert f"through 127.0.0.1:{port} (no encryption)" in out.getvalue()
    assert handler.recipients() == PARENTS


def test_what_the_server_answers_becomes_one_sentence() -> None:
    """Replies the test server cannot be made to give: sender refused, a lost connection, a
    content rejection, and a size refusal without the 552 code."""
    import smtplib

    from brochure.mail.send import Server, _stopped

    server = Server("smtp.school.test", 587)
    refused = smtplib.SMTPSenderRefused(553, b"5.7.1 sender not owned by user", "a@b.test")
    assert _stopped(refused, server, 1000) == (
        "smtp.school.test refused the sender a@b.test (553 5.7.1 sender not owned by user): "
        "check 'from' in mail.toml"
    )
    gone = _stopped(smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), server, 1000)
    assert gone == "smtp.school.test closed the connection (Connection unexpectedly closed)"
    spam = _stopped(smtplib.SMTPDataError(554, b"5.7.1 message content rejected"), server, 1000)
    assert spam == "smtp.school.test stopped the sending (554 5.7.1 message content rejected)"
    large = _stopped(smtplib.SMTPDataError(554, b"message size exceeds limit"), server, 2_500_000)
    assert large.startswith("the message (2.5 MB) is too large for smtp.school.test (554 message size")
