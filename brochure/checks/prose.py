"""Preflight of the words: alt text, suspicious links and sentences too long for a B1 reader."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from brochure.checks.findings import Findings
from brochure.checks.source import SourceText
from brochure.diagnostics import Location, Severity
from brochure.load.model import Block, Content, Image, Inline, QRCode
from brochure.load.registry import texts

#: Sentences longer than this many words are hard going at reading level B1.
LONG_SENTENCE = 25
GENERIC_ALT = frozenset({"image", "picture", "photo", "foto", "afbeelding", "plaatje", "img", "logo"})
_IMAGE_FILE = re.compile(r"\.(jpe?g|png|webp|gif|tiff?|bmp|heic)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘„(]?[A-Z0-9À-Þ])")
_WORD = re.compile(r"\w")
_EDIT_QUERY = {"action": {"edit", "submit", "history"}, "veaction": {"edit", "editsource"}}
_EDIT_PATHS = {"edit", "wp-admin", "admin"}
_PLACEHOLDER_HOSTS = ("localhost", "127.0.0.1", "example.com", "example.org", "example.net")
_PLACEHOLDER_ENDINGS = (".example", ".test", ".invalid", ".local", ".localhost")


@dataclass(frozen=True)
class Link:
    url: str
    location: Location
    #: In the `sources` list (as opposed to running text).
    source: bool


def prose(content: Content, source: SourceText, findings: Findings) -> None:
    """Run every check of the words, adding K2xx-K4xx findings."""
    for block in blocks(content):
        if isinstance(block, Image):
            alt_text(block, findings)
        sentences(block, source, findings)
    suspicious_links(list(links(content, source)), findings)


def blocks(content: Content) -> Iterator[Block]:
    for panel in content.panels:
        yield from panel.blocks


def inlines(block: Block) -> tuple[Inline, ...]:
    """The runs of running text of a block (headings and slogans are too short to matter)."""
    return tuple(text.inline for text in texts(block) if text.running)


def alt_text(block: Image, findings: Findings) -> None:
    """K201: a decorative image (a note); K202: alt text that does not describe the image."""
    alt = block.alt.strip()
    if not alt:
        captioned = " it has a caption, so it probably does carry meaning:" if block.caption else ""
        findings.add(
            "K201",
            f"image '{block.file}' is decorative (alt: \"\"): screen readers skip it",
            block.location,
            hint=f"if the image shows something the reader needs,{captioned} describe it in 'alt'",
            severity=Severity.INFO,
        )
    elif (
        _IMAGE_FILE.search(alt)
        or alt.lower() in GENERIC_ALT
        or alt == posixpath.splitext(posixpath.basename(block.file))[0]
    ):
        findings.add(
            "K202",
            f"the alt text '{alt}' does not describe the image",
            block.location,
            hint="say in a few words what the image shows, as you would to someone on the phone",
        )


def sentences(block: Block, source: SourceText, findings: Findings) -> None:
    """K401: sentences of more than LONG_SENTENCE words (a note: B1 readers lose the thread)."""
    cursor = block.location
    for inline in inlines(block):
        text = "".join(span.text for span in inline if span.kind == "text")
        for sentence in _SENTENCE_END.split(" ".join(text.split())):
            found = source.find(sentence, cursor, words=4)
            if found == cursor:
                found = source.find(sentence, cursor, words=1)
            cursor = _after(source, found)
            count = sum(1 for word in sentence.split() if _WORD.search(word))
            if count > LONG_SENTENCE:
                findings.add(
                    "K401",
                    f"a sentence of {count} words: long for reading level B1",
                    found,
                    hint=f"split it into sentences of at most about {LONG_SENTENCE - 10} words",
                    severity=Severity.INFO,
                )


def links(content: Content, source: SourceText) -> Iterator[Link]:
    """Every link of the content in file order, each at the place its address is written."""
    found: list[Link] = []
    for item in content.sources:
        found.append(Link(item.url, source.value_of("url", item.location), source=True))
    for block in blocks(content):
        cursor = block.location
        if isinstance(block, QRCode):  # an address on paper is checked as a link is
            found.append(Link(block.url, source.find(block.url, cursor), source=False))
        for inline in inlines(block):
            for span in inline:
                if span.link:
                    at = source.find(span.link, cursor)
                    cursor = _after(source, at)
                    found.append(Link(span.link, at, source=False))
    yield from sorted(found, key=lambda link: (link.location.line, link.location.column))


def suspicious_links(found: list[Link], findings: Findings) -> None:
    """K301 editing links, K302 plain http, K303 an address given twice, K304 placeholders."""
    first: dict[str, Link] = {}
    for link in found:
        parts = urlsplit(link.url)
        if parts.scheme not in ("http", "https"):
            continue
        edit = _edit_marker(link.url)
        if edit:
            findings.add(
                "K301",
                f"this link opens an editor ('{edit}'), not the page readers should see",
                link.location,
                hint="open the page as a reader would and copy that address",
            )
        if parts.scheme == "http":
            findings.add(
                "K302",
                f"plain http link '{link.url}': browsers warn about it",
                link.location,
                hint="use https:// if the site offers it",
            )
        host = (parts.hostname or "").lower()
        if host in _PLACEHOLDER_HOSTS or host.endswith(
            _PLACEHOLDER_ENDINGS + tuple("." + h for h in _PLACEHOLDER_HOSTS)
        ):
            findings.add(
                "K304",
                f"'{host}' is a placeholder or local address",
                link.location,
                hint="replace it with the real address before printing",
            )
        key = _normal(link.url)
        earlier = first.setdefault(key, link)
        if earlier is not link:
            both = earlier.source and link.source
            findings.add(
                "K303",
                f"the same address as on line {earlier.location.line}",
                link.location,
                hint="two sources with one address: remove one, or merge them"
                if both
                else "cite the source with [@id] instead of repeating its address"
                if earlier.source or link.source
                else "one link to the page is usually enough",
                severity=Severity.WARNING if both else Severity.INFO,
            )


def _edit_marker(url: str) -> str:
    """What makes a URL an editor's link (`action=edit`, `/edit`), or ''."""
    parts = urlsplit(url)
    for name, value in parse_qsl(parts.query):
        if value.lower() in _EDIT_QUERY.get(name.lower(), set()):
            return f"{name}={value}"
    segments = [segment.lower() for segment in parts.path.split("/") if segment]
    if segments and segments[-1] == "edit":
        return "/edit"
    marker = next((segment for segment in segments if segment in _EDIT_PATHS - {"edit"}), "")
    return f"/{marker}/" if marker else ""


def _normal(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    return f"{parts.netloc.lower().removeprefix('www.')}{path}?{parts.query}"


def _after(source: SourceText, location: Location) -> Location:
    text = source.at(location.file)
    return text.location(text.offset(location) + 1)


def _stem(file: str) -> str:
    """`assets/photo.png` -> `photo`."""
    return posixpath.splitext(posixpath.basename(file))[0]
