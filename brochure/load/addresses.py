"""Web and mail addresses: checked (C107, C114), and a bare one found where it starts and ends in text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from brochure.load.limits import MAX_URL

_URL_STOP = frozenset('<>"[]*`')
_URL_TRAILING = ".,;:!?"
_HOST = re.compile(r"[\w.-]+", re.UNICODE)


def is_valid_url(url: str) -> bool:
    """An absolute http, https or mailto URL with a host, without spaces."""
    if not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.hostname) and bool(_HOST.fullmatch(parts.hostname or ""))
    if parts.scheme == "mailto":
        local, at, domain = parts.path.partition("@")
        return bool(local and at and _HOST.fullmatch(domain) and "." in domain)
    return False


URL_HINT = "write an absolute address such as 'https://example.org/page' or 'mailto:name@example.org'"


def url_problem(url: str) -> tuple[str, str, str] | None:
    """(code, message, hint) when an address cannot be used: C114 too long, C107 malformed."""
    if len(url) > MAX_URL:
        return (
            "C114",
            f"the address '{url[:40]}…' is {len(url):,} characters long, "
            f"more than the {MAX_URL} an address may have",
            "a reader cannot type it and a QR code of it does not scan: use the site's short link",
        )
    if not is_valid_url(url):
        return "C107", f"malformed URL '{url}'", URL_HINT
    return None


def starts_url(text: str, i: int, start: int) -> bool:
    """Whether a bare http(s) URL starts at `i` (not inside a word)."""
    at_boundary = i == start or not text[i - 1].isalnum()
    return at_boundary and text.startswith(("http://", "https://"), i)


def bare_url(text: str, i: int, end: int) -> str:
    """The bare URL starting at `i`: up to a space or a character an address does not hold, without
    the sentence's punctuation after it."""
    stop = i
    while stop < end and not text[stop].isspace() and text[stop] not in _URL_STOP:
        stop += 1
    return _strip_trailing(text[i:stop])


def _strip_trailing(url: str) -> str:
    """A bare URL without sentence punctuation after it; ')' stays when it closes a '(' of the URL."""
    while url:
        unbalanced = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] not in _URL_TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url
