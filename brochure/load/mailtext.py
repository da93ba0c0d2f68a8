"""The optional `email:` section: the subject, greeting, message and closing of the e-mail."""

from __future__ import annotations

import yaml

from brochure.load.fields import Reader, get
from brochure.load.model import MailText

MAIL_KEYS = ("subject", "greeting", "message", "closing")


def read_mail(reader: Reader, key: yaml.Node, node: yaml.Node) -> MailText | None:
    """`email: {subject, greeting, message, closing}`; each is a text, all optional.

    `message` may also be a list of paragraphs. Placeholders are filled before this runs, so a
    batch row's values reach the subject and the greeting as they reach the leaflet.
    """
    fields = reader.mapping(node, "email", allowed=MAIL_KEYS, owner=key)
    if fields is None:
        return None
    subject = get(fields, "subject", reader.text, "")
    greeting = get(fields, "greeting", reader.text, "")
    closing = get(fields, "closing", reader.text, "")
    message = _paragraphs(reader, fields["message"][1]) if "message" in fields else ()
    if subject is None or greeting is None or closing is None or message is None:
        return None
    # A header is one line: a subject written over several lines (`|`) is joined with spaces.
    return MailText(reader.at(key), " ".join(subject.split()), greeting.strip(), message, closing.strip())


def _paragraphs(reader: Reader, node: yaml.Node) -> tuple[str, ...] | None:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    texts = [reader.text(item, "email message") for item in items]
    if None in texts:
        return None
    return tuple(text.strip() for text in texts if text and text.strip())
