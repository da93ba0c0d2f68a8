"""An SVG file's XML read into a small element tree with line numbers, refusing what is unsafe."""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: Most elements an illustration or logo has; a file with more is refused, not slowly drawn.
MAX_ELEMENTS = 20_000
MAX_DEPTH = 64


class SvgError(ValueError):
    """An SVG file that cannot be drawn: what is wrong, and on which line of the file."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Element:
    """An element of the SVG namespace: its local name, attributes (local names), children, line."""

    name: str
    attributes: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    text: str = ""


def read_tree(data: bytes) -> Element:
    """The root `<svg>` element of a file. No DTD, entity or processing instruction is accepted,
    so nothing is fetched or expanded; elements of other namespaces (an editor's metadata) are
    left out with their children."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    stack: list[Element | None] = []
    root: list[Element] = []
    count = 0

    def refuse(what: str) -> None:
        raise SvgError(f"the file has {what}, which is not accepted in an image", parser.CurrentLineNumber)

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS:
            raise SvgError(f"the file has more than {MAX_ELEMENTS} elements", parser.CurrentLineNumber)
        if len(stack) >= MAX_DEPTH:
            raise SvgError(f"elements are nested more than {MAX_DEPTH} deep", parser.CurrentLineNumber)
        namespace, _, name = tag.rpartition(" ")
        parent = stack[-1] if stack else None
        if (namespace != SVG_NAMESPACE) or (stack and parent is None):
            if not stack:
                raise SvgError("the file is not an SVG image (no <svg> element)", parser.CurrentLineNumber)
            stack.append(None)
            return
        own = {key: value for key, value in attributes.items() if " " not in key}
        own.update({key.rpartition(" ")[2]: v for key, v in attributes.items() if key.endswith(" href")})
        element = Element(name, own, parser.CurrentLineNumber)
        if parent is None:
            root.append(element)
        else:
            parent.children.append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack and stack[-1] is not None:
            stack[-1].text += data

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = lambda *args: refuse("a document type declaration")
    parser.EntityDeclHandler = lambda *args: refuse("an entity declaration")
    parser.ProcessingInstructionHandler = lambda *args: refuse("a processing instruction")
    parser.ExternalEntityRefHandler = lambda *args: refuse("an external entity")  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise SvgError(
            f"the file is not well-formed XML ({xml.parsers.expat.ErrorString(error.code)})", error.lineno
        ) from None
    if not root or root[0].name != "svg":
        raise SvgError("the file is not an SVG image (no <svg> element)", 1)
    return root[0]
