"""The e-mail's own words around the leaflet (from the message catalogue) and its link labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brochure.load.model import Content
from brochure.messages import words

#: Words that ask a reader to point a camera at a code: on a phone there is none to point at.
_SCANNING = re.compile(r"(\w*s[ck]an\w*|скан\w*|flash\w*|\btara\w*|امسح|\bQR[- ]?\w*)", re.IGNORECASE)


def speaks_of_scanning(text: str) -> bool:
    return bool(_SCANNING.search(text))


def link_label(label: str, language: str) -> str:
    """A QR code's label as the text of a link: kept, unless it asks the reader to scan."""
    return words(language).link if not label or speaks_of_scanning(label) else label


@dataclass(frozen=True)
class Letter:
    """The e-mail's own words around the leaflet, from the `email:` section or the defaults."""

    subject: str
    greeting: str
    message: tuple[str, ...]
    closing: str


def letter(content: Content, *, name: str, size: int) -> Letter:
    """The subject, greeting, message and closing for the PDF `name` of `size` bytes."""
    meta, mail = content.meta, content.mail
    own = words(meta.language)
    subject = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    return Letter(
        subject=(mail.subject if mail and mail.subject else subject),
        greeting=(mail.greeting if mail and mail.greeting else own.greeting),
        message=(mail.message if mail and mail.message else (own.attached(name, size),)),
        closing=(mail.closing if mail and mail.closing else meta.organisation),
    )
