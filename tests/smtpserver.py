"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), with a throwaway certificate."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "coordinator@school.test", "correct horse"


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path


def make_certificate(folder: Path) -> Certificate:
    """A self-signed certificate for 127.0.0.1 and localhost, valid for a day (cryptography)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    paths = Certificate(folder / "server.pem", folder / "server.key")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


@dataclass
class Handler:
    """Keeps every accepted message; refuses the addresses in `reject`; can stop after some."""

    reject: set[str] = field(default_factory=set)
    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    received: threading.Event = field(default_factory=threading.Event)
    #: `received` is set when this many messages have arrived.
    signal_after: int = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.reject:
            return f"550 5.1.1 <{address}>: no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content)))
        if self.signal_after and len(self.messages) >= self.signal_after:
            self.received.set()
        return "250 2.0.0 queued"

    def recipients(self) -> list[str]:
        return [to for _, tos, _ in self.messages for to in tos]


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(
    certificate: Certificate,
    *,
    implicit_tls: bool = False,
    plain: bool = False,
    handler: Handler | None = None,
    size_limit: int = 10_000_000,
) -> Iterator[tuple[int, Handler]]:
    """A server on 127.0.0.1 that requires a login over TLS (STARTTLS, or TLS from the start);
    `plain`: a relay without TLS or login, as on the same machine."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate.cert, certificate.key)
    handler = handler or Handler()
    port = free_port()
    tls: dict[str, Any] = {"ssl_context": context} if implicit_tls else {"tls_context": context}
    secure: dict[str, Any] = {
        "authenticator": _authenticate,
        "auth_require_tls": not implicit_tls,  # with TLS from the start the whole session is encrypted
        "require_starttls": not implicit_tls,
        **tls,
    }
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, data_size_limit=size_limit, **({} if plain else secure)
    )
    controller.start()
    try:
        yield port, handler
    finally:
        controller.stop()
