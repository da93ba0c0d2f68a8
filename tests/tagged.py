"""Reading tagged PDFs back for the tests: the structure tree, marked content and its text."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

PAINTING = {"f", "f*", "F", "B", "B*", "b", "b*", "S", "s", "Tj", "TJ", "'", '"', "Do", "sh", "EI"}
SECTIONS = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


@dataclass
class Node:
    """A structure element: its type, attributes and kids (elements, MCIDs, annotations)."""

    role: str
    obj: pikepdf.Dictionary
    kids: list[Node] = field(default_factory=list)
    #: (page index, MCID) of the marked content it owns, in order.
    content: list[tuple[int, int]] = field(default_factory=list)
    annotations: list[pikepdf.Dictionary] = field(default_factory=list)
    #: Kid elements and marked content together, in the order of /K (reading order).
    children: list[Node | tuple[int, int]] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


def structure(pdf: pikepdf.Pdf) -> Node:
    """The tree under StructTreeRoot, as Nodes (the root's one kid, the Document element)."""
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}

    def node(element: pikepdf.Dictionary) -> Node:
        made = Node(str(element.S)[1:], element)
        page = pages.get(element.Pg.objgen) if "/Pg" in element else None
        kids = element.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in items:
            if isinstance(kid, int):
                assert page is not None
                made.content.append((page, int(kid)))
                made.children.append(made.content[-1])
            elif kid.get("/Type") == "/MCR":
                made.content.append((pages[kid.Pg.objgen], int(kid.MCID)))
                made.children.append(made.content[-1])
            elif kid.get("/Type") == "/OBJR":
                made.annotations.append(kid.Obj)
            else:
                made.kids.append(node(kid))
                made.children.append(made.kids[-1])
        return made

    root = pdf.Root.StructTreeRoot
    return node(root.K)


def _unicode_maps(resources: pikepdf.Dictionary) -> dict[str, dict[int, str]]:
    maps = {}
    for name, font in resources.get("/Font", {}).items():
        sections = SECTIONS.findall(font.ToUnicode.read_bytes())
        maps[name] = {
            int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for section in sections
            for code, text in BFCHAR.findall(section)
        }
    return maps


@dataclass(frozen=True)
class MarkedContent:
    #: (page, MCID) -> the text shown inside it.
    text: dict[tuple[int, int], str]
    #: Painting operators outside any marked content, per page.
    untagged: list[tuple[int, str]]
    #: Marked content opened inside other marked content.
    nested: int
    #: Tags of the marked content sequences with an MCID: (page, MCID) -> tag.
    tags: dict[tuple[int, int], str]
    #: Phrases in a language of their own (`/Span <</Lang (en)>>` inside tagged content): (language, text).
    languages: list[tuple[str, str]] = field(default_factory=list)


def marked_content(pdf: pikepdf.Pdf) -> MarkedContent:
    """Walk every page's content stream: what is shown in each MCID, and what is painted outside."""
    text: dict[tuple[int, int], str] = {}
    tags: dict[tuple[int, int], str] = {}
    untagged: list[tuple[int, str]] = []
    nested = 0
    languages: list[tuple[str, str]] = []
    for number, page in enumerate(pdf.pages):
        maps = _unicode_maps(page.Resources)
        stack: list[tuple[int, int] | None] = []
        in_language: list[int] = []
        font: dict[int, str] = {}
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BDC" and stack and stack[-1] is not None and _language_of(operands):
                languages.append((_language_of(operands), ""))
                stack.append(stack[-1])
                in_language.append(len(stack))
            elif op in ("BDC", "BMC"):
                nested += bool(stack)
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    mcid = (number, int(operands[1].MCID))
                    tags[mcid] = str(operands[0])[1:]
                    text.setdefault(mcid, "")
                stack.append(mcid)
            elif op == "EMC":
                if in_language and in_language[-1] == len(stack):
                    in_language.pop()
                stack.pop()
            elif op == "Tf":
                font = maps[str(operands[0])]
            elif op in PAINTING and not stack:
                untagged.append((number, op))
            if op in ("Tj", "TJ", "'", '"') and stack and stack[-1] is not None:
                strings = operands[-1] if op == "TJ" else [operands[-1]]
                for string in strings:
                    if isinstance(string, pikepdf.String):
                        shown = "".join(font.get(b, "\0") for b in bytes(string))
                        text[stack[-1]] += shown
                        if in_language:
                            languages[-1] = (languages[-1][0], languages[-1][1] + shown)
    return MarkedContent(text, untagged, nested, tags, languages)


def _language_of(operands: list[object]) -> str:
    """The /Lang of a marked-content property list without an MCID, or an empty string."""
    properties = operands[1] if len(operands) > 1 else None
    if isinstance(properties, pikepdf.Dictionary) and "/Lang" in properties and "/MCID" not in properties:
        return str(properties.Lang)
    return ""


def tree_text(root: Node, content: MarkedContent) -> str:
    """The text of the structure tree in tree order (a Figure counts by its Alt, not its content)."""

    def texts(node: Node) -> list[str]:
        if node.role == "Figure":
            return []
        found = []
        for child in node.children:
            found += texts(child) if isinstance(child, Node) else [content.text[child]]
        return found

    return " ".join(texts(root))
