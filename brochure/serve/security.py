"""Who may talk to the editor: the token, the Host header, the page's own origin, and safe headers."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any, Protocol
from urllib.parse import urlsplit

COOKIE = "brochure_token"
HEADER = "X-Brochure-Token"
#: The largest request body: a content file is a few kB; an image upload has its own limit.
MAX_BODY = 2 * 1024 * 1024
#: Sent with every answer: no inline script, no framing, no sniffing, nothing cached.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class Headers(Protocol):
    """Request headers: a mapping, or the case-insensitive message http.server hands over."""

    def get(self, name: str, default: Any = None, /) -> Any: ...


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: HTTP status and a one-line reason for the log and the body."""

    status: int
    reason: str


@dataclass(frozen=True)
class Gate:
    """The checks every request passes; `port` is the one the server listens on."""

    token: str
    port: int

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"[::1]:{self.port}"})

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.hosts)

    def host(self, headers: Headers) -> Refusal | None:
        """A foreign Host is a DNS-rebinding page that resolved its own name to 127.0.0.1."""
        if headers.get("Host", "").lower() not in self.hosts:
            return Refusal(421, "this server answers only to 127.0.0.1 and localhost")
        return None

    def token_in(self, candidate: str | None) -> bool:
        return bool(candidate) and hmac.compare_digest(str(candidate).encode(), self.token.encode())

    def cookie(self, headers: Headers) -> bool:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers.get("Cookie", ""))
        except Exception:  # a malformed cookie header is simply no token
            return False
        morsel = jar.get(COOKIE)
        return self.token_in(morsel.value if morsel else None)

    def read(self, headers: Headers) -> Refusal | None:
        """GET and the event stream: the right Host and the token's cookie."""
        return self.host(headers) or (
            None if self.cookie(headers) else Refusal(403, "open the address brochure serve printed")
        )

    def write(self, headers: Headers, *, content_types: tuple[str, ...]) -> Refusal | None:
        """POST: also the token in our own header (which no other site can send without a CORS
        preflight this server never answers), our own origin, and an expected body type."""
        refused = self.read(headers)
        if refused:
            return refused
        if not self.token_in(headers.get(HEADER)):
            return Refusal(403, f"missing or wrong {HEADER} header")
        origin = headers.get("Origin")
        if origin is not None and origin.lower() not in self.origins:
            return Refusal(403, "requests from another origin are refused")
        site = headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            return Refusal(403, "cross-site requests are refused")
        kind = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind not in content_types:
            return Refusal(415, f"expected {' or '.join(content_types)}")
        return None

    def set_cookie(self) -> str:
        return f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"


def query_token(target: str) -> str | None:
    """The `token=` of a request target such as `/?token=...`."""
    for part in urlsplit(target).query.split("&"):
        key, _, value = part.partition("=")
        if key == "token":
            return value
    return None
