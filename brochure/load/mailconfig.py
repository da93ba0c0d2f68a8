"""`mail.toml`: the sender and the school's SMTP server for `brochure mail --send` (never a password)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brochure.diagnostics import BuildError, Diagnostics, Location, did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML with the same module under its old name
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

SECURITIES = ("starttls", "tls", "none")
#: The usual port of each kind of connection: submission with STARTTLS, submissions (implicit TLS), relay.
PORTS = {"starttls": 587, "tls": 465, "none": 25}
TOP_KEYS = ("from", "reply-to", "smtp")
SMTP_KEYS = ("host", "port", "security", "user", "password-variable", "ca-file", "per-minute", "timeout")
PASSWORD_VARIABLE = "BROCHURE_SMTP_PASSWORD"
#: Office 365 takes 30 messages a minute from one mailbox, many school servers fewer: stay below.
PER_MINUTE = 20.0


@dataclass(frozen=True)
class MailConfig:
    """Where the messages go out and who sends them; every field may also come from the command line."""

    sender: str = ""
    reply_to: str = ""
    host: str = ""
    port: int = 0
    security: str = "starttls"
    user: str = ""
    password_variable: str = PASSWORD_VARIABLE
    ca_file: str = ""
    per_minute: float = PER_MINUTE
    timeout: float = 30.0

    @property
    def server_port(self) -> int:
        return self.port or PORTS[self.security]


def read_mail_config(path: str | Path) -> MailConfig:
    """Read a mail.toml; raises BuildError with every problem (M001-M004), each at its line."""
    file = str(path)
    diags = Diagnostics()
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as error:
        diags.error("M001", f"cannot read the mail settings: {error.strerror or error}", Location(file))
        raise BuildError(tuple(diags)) from None
    except UnicodeDecodeError:
        diags.error("M001", "the mail settings are not UTF-8 text", Location(file), "save the file as UTF-8")
        raise BuildError(tuple(diags)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        where = Location(file, int(found[1]), int(found[2])) if found else Location(file)
        message = re.sub(r"\s*\(at line.*\)$", "", str(error))
        diags.error("M001", f"TOML syntax error: {message}", where, 'write each setting as key = "value"')
        raise BuildError(tuple(diags)) from None
    config = _config(data, _Lines(file, text), diags)
    diags.raise_if_errors()
    return config


class _Lines:
    """Finds the line where a key is written (tomllib keeps no positions)."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.lines = text.splitlines()

    def at(self, key: str, section: str = "") -> Location:
        current = ""
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                current = stripped.strip("[] ")
            elif current == section and re.match(rf'["\']?{re.escape(key)}["\']?\s*=', stripped):
                return Location(self.file, number, line.index(stripped[0]) + 1)
        return Location(self.file, 1, 1)


def _config(data: dict[str, Any], lines: _Lines, diags: Diagnostics) -> MailConfig:
    _known(data, TOP_KEYS, "", lines, diags)
    smtp = data.get("smtp", {})
    if not isinstance(smtp, dict):
        diags.error("M003", "'smtp' must be a section: [smtp]", lines.at("smtp"))
        smtp = {}
    _known(smtp, SMTP_KEYS, "smtp", lines, diags)
    texts = {
        key: _text(table, key, section, lines, diags)
        for table, section, key in (
            (data, "", "from"),
            (data, "", "reply-to"),
            (smtp, "smtp", "host"),
            (smtp, "smtp", "user"),
            (smtp, "smtp", "password-variable"),
            (smtp, "smtp", "ca-file"),
        )
    }
    security = smtp.get("security", "starttls")
    if security not in SECURITIES:
        diags.error(
            "M003",
            f"unknown security '{security}'",
            lines.at("security", "smtp"),
            did_you_mean(str(security), SECURITIES),
        )
        security = "starttls"
    port = _number(smtp, "port", lines, diags, whole=True, low=1, high=65535)
    per_minute = _number(smtp, "per-minute", lines, diags, low=0.1, high=6000)
    timeout = _number(smtp, "timeout", lines, diags, low=1, high=600)
    ca_file = texts["ca-file"]
    if ca_file and not Path(ca_file).is_absolute():
        ca_file = str(Path(lines.file).parent / ca_file)
    return MailConfig(
        sender=texts["from"],
        reply_to=texts["reply-to"],
        host=texts["host"],
        port=int(port or 0),
        security=security,
        user=texts["user"],
        password_variable=texts["password-variable"] or PASSWORD_VARIABLE,
        ca_file=ca_file,
        per_minute=per_minute or PER_MINUTE,
        timeout=timeout or 30.0,
    )


def _known(
    table: dict[str, Any], keys: tuple[str, ...], section: str, lines: _Lines, diags: Diagnostics
) -> None:
    for key in table:
        if "password" in key.lower() and key != "password-variable":
            diags.error(
                "M004",
                "a password is never read from a file",
                lines.at(key, section),
                f"remove it; put it in the environment variable {PASSWORD_VARIABLE}, or type it when asked",
            )
        elif key not in keys:
            where = f"[{section}]" if section else "the top level"
            diags.error(
                "M002", f"unknown setting '{key}' in {where}", lines.at(key, section), did_you_mean(key, keys)
            )


def _text(table: dict[str, Any], key: str, section: str, lines: _Lines, diags: Diagnostics) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        diags.error("M003", f"'{key}' must be a text in quotes", lines.at(key, section))
        return ""
    return value.strip()


def _number(
    table: dict[str, Any],
    key: str,
    lines: _Lines,
    diags: Diagnostics,
    *,
    low: float,
    high: float,
    whole: bool = False,
) -> float | None:
    if key not in table:
        return None
    value = table[key]
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
        what = "a whole number" if whole else "a number"
        diags.error("M003", f"'{key}' must be {what} from {low:g} to {high:g}", lines.at(key, "smtp"))
        return None
    return float(value)
