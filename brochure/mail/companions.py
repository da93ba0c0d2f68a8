"""The phone PDF's e-mail companions for `build`: the e-mail's own HTML part (without its
pictures, which only a message can carry) and its plain-text part, as files."""

from __future__ import annotations

from brochure.layout.model import Layout
from brochure.mail.html import to_html
from brochure.mail.reading import to_text
from brochure.mail.words import letter


def companion_files(layout: Layout, *, name: str, size: int) -> list[tuple[str, str]]:
    """(suffix, text) of the HTML page and the plain text of the e-mail that carries the PDF
    `name` of `size` bytes."""
    words = letter(layout.document.content, name=name, size=size)
    return [(".html", to_html(layout, words, {})), (".txt", to_text(layout, words))]
