"""One e-mail as the standard library builds it: text and HTML, inline pictures, the PDF attached."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime

from brochure.layout.model import Layout
from brochure.mail.html import to_html
from brochure.mail.pictures import pictures
from brochure.mail.reading import to_text
from brochure.mail.words import letter


class _Policy(policy.EmailPolicy):
    """The SMTP policy, except that a long ASCII subject is folded between words: the standard
    folder moves it whole to a second line, which readers then show with a space in front."""

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() == "subject" and str(value).isascii():
            limit = self.max_line_length or 78
            folded = Header(str(value), header_name=name, maxlinelen=limit).encode(linesep=self.linesep)
            return f"{name}: {folded}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


#: CRLF line ends and lines of at most 78 characters, as RFC 5322 asks of a message on the wire.
POLICY = _Policy(linesep="\r\n", max_line_length=78)


@dataclass(frozen=True)
class Envelope:
    """Who the message is from, and the header addresses of a draft (sending uses the envelope only)."""

    sender: str = ""
    reply_to: str = ""
    #: Draft only: the recipients of a batch row, written as `Bcc:` for the mail program to send to.
    bcc: tuple[str, ...] = ()


def draft(
    layout: Layout,
    pdf: bytes,
    *,
    pdf_name: str,
    date: datetime.datetime,
    envelope: Envelope = Envelope(),
) -> EmailMessage:
    """The e-mail carrying the phone PDF `pdf` (file name `pdf_name`), laid out as `layout`.

    multipart/mixed [ multipart/related [ multipart/alternative [ text/plain, text/html ],
    image/png or image/jpeg parts named by `cid:` ], application/pdf ]. `X-Unsent: 1` makes
    Outlook open it as a draft to send; Thunderbird and Apple Mail open it ready to forward or
    "edit as new". The Message-ID comes from the content: same input and date, same bytes.
    """
    document = layout.document
    words = letter(document.content, name=pdf_name, size=len(pdf))
    figures = pictures(layout, pdf)
    html = to_html(layout, words, figures)
    text = to_text(layout, words)

    message = EmailMessage(policy=POLICY)
    message.make_mixed()
    message["MIME-Version"] = "1.0"
    message["Subject"] = words.subject
    if envelope.sender:
        message["From"] = envelope.sender
        message["To"] = envelope.sender  # the parents are in Bcc: none sees another's address
    if envelope.reply_to:
        message["Reply-To"] = envelope.reply_to
    if envelope.bcc:
        message["Bcc"] = ", ".join(envelope.bcc)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id(html, envelope.sender, pdf_name)
    message["Content-Language"] = document.language
    message["X-Unsent"] = "1"
    alternative = MIMEPart(policy=POLICY)
    alternative.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    alternative.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in alternative.iter_parts():
        part["Content-Language"] = document.language
    related = MIMEPart(policy=POLICY)
    related.make_related()
    related.set_param("type", "multipart/alternative")  # RFC 2387: the type of the root part
    related.attach(alternative)
    for picture in figures.values():
        related.add_related(
            picture.data, "image", picture.subtype, cid=f"<{picture.cid}>", disposition="inline"
        )
    message.attach(related)  # type: ignore[arg-type]  # typeshed: attach takes any MIMEPart
    message.add_attachment(pdf, "application", "pdf", filename=pdf_name)
    _fixed_boundaries(message, str(message["Message-ID"]))
    return message


def _fixed_boundaries(message: EmailMessage, seed: str) -> None:
    """Boundaries from the content instead of random numbers: the same draft, the same bytes."""
    digest = hashlib.sha256(seed.encode()).hexdigest()[:24]
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_{digest}_{number}")


def message_id(html: str, sender: str, name: str) -> str:
    """A Message-ID from the message's content: the same draft keeps the same id."""
    digest = hashlib.sha256(f"{name}\n{html}".encode()).hexdigest()[:32]
    domain = _domain(sender) or "brochure.invalid"
    return f"<{digest}@{domain}>"


def personal(message: EmailMessage, *, recipient: str, sequence: int) -> EmailMessage:
    """A copy of `message` for one recipient: no Bcc header (the envelope carries the address),
    no X-Unsent, and a Message-ID of its own."""
    copy = EmailMessage(policy=POLICY)
    for key, value in message.items():
        if key.lower() not in ("bcc", "x-unsent", "message-id"):
            copy[key] = value
    base = str(message["Message-ID"]).strip("<>")
    local, _, domain = base.partition("@")
    digest = hashlib.sha256(f"{local}\n{recipient.lower()}".encode()).hexdigest()[:16]
    copy["Message-ID"] = f"<{local[:16]}.{sequence}.{digest}@{domain}>"
    copy.set_payload(message.get_payload())
    return copy


def _domain(address: str) -> str:
    if not address:
        return ""
    try:
        parsed = Address(addr_spec=address.rpartition("<")[2].rstrip(">").strip())
    except (ValueError, IndexError):
        return ""
    return parsed.domain
