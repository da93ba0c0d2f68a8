"""What the e-mail says by itself, per language: greeting, the attachment line, link labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brochure.load.model import Content

#: Languages written right to left (the HTML part gets `dir="rtl"`).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug"})


@dataclass(frozen=True)
class Words:
    greeting: str
    #: The line naming the attachment: {name} and {size} ("PDF, 36 kB").
    attached: str
    #: The text of a link that stood under a QR code on paper, when its label spoke of scanning.
    link: str


WORDS = {
    "nl": Words(
        "Beste ouders en verzorgers,",
        "In de bijlage: {name} ({size}), de folder om op uw telefoon te lezen. De tekst staat ook hieronder.",
        "Meer informatie",
    ),
    "en": Words(
        "Dear parents and carers,",
        "Attached: {name} ({size}), the leaflet to read on your phone. Its text is also below.",
        "More information",
    ),
    "de": Words(
        "Liebe Eltern und Erziehungsberechtigte,",
        "Im Anhang: {name} ({size}), das Faltblatt zum Lesen auf dem Handy. Der Text steht auch unten.",
        "Weitere Informationen",
    ),
    "fr": Words(
        "Chers parents,",
        "En pièce jointe : {name} ({size}), le dépliant à lire sur votre téléphone. "
        "Le texte figure aussi ci-dessous.",
        "Plus d’informations",
    ),
}

#: Words that ask a reader to point a camera at a code: on a phone there is none to point at.
_SCANNING = re.compile(r"\b(scan\w*|skan\w*|flash\w*|tara\w*|QR[- ]?\w*)", re.IGNORECASE)


def base_language(language: str) -> str:
    return language.split("-")[0].lower()


def words_for(language: str) -> Words:
    """The language's words; English where it has none (yet)."""
    return WORDS.get(base_language(language), WORDS["en"])


def direction(language: str) -> str:
    return "rtl" if base_language(language) in RIGHT_TO_LEFT else "ltr"


def speaks_of_scanning(text: str) -> bool:
    return bool(_SCANNING.search(text))


def link_label(label: str, language: str) -> str:
    """A QR code's label as the text of a link: kept, unless it asks the reader to scan."""
    return words_for(language).link if not label or speaks_of_scanning(label) else label


def attachment_size(size: int) -> str:
    """`PDF, 36 kB`."""
    return f"PDF, {max(1, round(size / 1024))} kB"


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
    words = words_for(meta.language)
    subject = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    attached = words.attached.format(name=name, size=attachment_size(size))
    return Letter(
        subject=(mail.subject if mail and mail.subject else subject),
        greeting=(mail.greeting if mail and mail.greeting else words.greeting),
        message=(mail.message if mail and mail.message else (attached,)),
        closing=(mail.closing if mail and mail.closing else meta.organisation),
    )
