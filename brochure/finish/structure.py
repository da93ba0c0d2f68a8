"""The structure tree of the tagged PDF, in reading order, built from the marks recorded while painting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from brochure.finish.links import link_description
from brochure.layout.text import plain
from brochure.load.model import Block, Footnote, Heading, Illustration, Image, QRCode, SourceList
from brochure.load.registry import Handlers
from brochure.render.tagging import Mark
from brochure.resolve.document import Document
from brochure.units import Box

HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


@dataclass
class Element:
    """A structure element while the tree is built: its marked content and its children."""

    role: str
    block: Block | None = None
    marks: list[Mark] = field(default_factory=list)
    kids: list[Element] = field(default_factory=list)

    @property
    def first(self) -> Mark:
        """Its marked content that comes first in reading order (its own, or a kid's)."""
        return min([*self.marks, *(kid.first for kid in self.kids)], key=lambda m: m.order)


def elements(marks: Sequence[Mark]) -> list[Element]:
    """The document's elements in reading order: split paragraphs joined, list items (L > LI >
    Lbl, LBody) grouped in lists, a footnote's mark a Lbl in its Note, heading levels made
    consecutive (a level never skips one: H2 then H4 becomes H2, H3)."""
    top: list[Element] = []
    level, previous = 0, None
    label: Element | None = None
    for mark in sorted(marks, key=lambda m: m.order):
        last = top[-1] if top else None
        if mark.role == "Lbl":  # the text it labels comes next
            label = Element("Lbl", mark.block, [mark])
            continue
        labels, label = ([label] if label else []), None
        if mark.role == "LBody":
            item = Element("LI", mark.block, kids=[*labels, Element("LBody", mark.block, [mark])])
            if last is not None and last.role == "L" and last.block is mark.block:
                last.kids.append(item)
            else:
                top.append(Element("L", mark.block, kids=[item]))
        elif _continues(previous, mark) and last is not None:
            last.marks.append(mark)  # the rest of a paragraph split over two panels or pages
        else:
            role = mark.role
            if role in HEADINGS:
                level = min(HEADINGS.index(role) + 1, level + 1)
                role = HEADINGS[level - 1]
            top.append(Element(role, mark.block, [mark], kids=labels))
        previous = mark
    return top


def _continues(previous: Mark | None, mark: Mark) -> bool:
    return (
        previous is not None
        and mark.block is not None
        and previous.block is mark.block
        and previous.role == mark.role
        and previous.order[0] != mark.order[0]
    )


def write_structure(pdf: pikepdf.Pdf, top: Sequence[Element], document: Document) -> None:
    """StructTreeRoot with a Document element, ParentTree, StructParents and Tabs on every page,
    links tied to their annotations (OBJR) with a description in /Contents."""
    writer = _Writer(pdf, document)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    body = writer.element(Element("Document", kids=list(top)), root)
    root.K = body
    nums: list[object] = []
    for number, parents in enumerate(writer.parents):
        nums += [number, Array([parents[mcid] for mcid in sorted(parents)])]
    for key, link in writer.annotation_parents:
        nums += [key, link]
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = len(writer.pages) + len(writer.annotation_parents)
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    for number, page in enumerate(writer.pages):
        page.StructParents = number
        page.Tabs = Name.S  # links are visited in structure order


class _Writer:
    def __init__(self, pdf: pikepdf.Pdf, document: Document) -> None:
        self.pdf, self.document = pdf, document
        #: The page dictionaries (looking a page up in `pdf.pages` makes a new wrapper each time).
        self.pages = [page.obj for page in pdf.pages]
        #: Per page: MCID -> the element that owns that marked content.
        self.parents: list[dict[int, pikepdf.Object]] = [{} for _ in self.pages]
        self.annotation_parents: list[tuple[int, pikepdf.Object]] = []

    def element(self, element: Element, parent: pikepdf.Object) -> pikepdf.Object:
        made = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.role), P=parent))
        kids: list[tuple[tuple[int, int], list[object]]] = []  # in reading order, then flattened
        page = element.marks[0].page if element.marks else None
        if page is not None:
            made.Pg = self.pages[page]
        for mark in element.marks:
            self.parents[mark.page][mark.mcid] = made
            if mark.page == page:
                content: object = mark.mcid
            else:
                content = Dictionary(Type=Name.MCR, Pg=self.pages[mark.page], MCID=mark.mcid)
            kids.append((mark.order, [content, *(self._link(mark, n, made) for n in mark.links)]))
        kids += [(kid.first.order, [self.element(kid, made)]) for kid in element.kids]
        made.K = Array([obj for _, objs in sorted(kids, key=lambda kid: kid[0]) for obj in objs])
        self._attributes(element, made)
        return made

    def _attributes(self, element: Element, made: pikepdf.Object) -> None:
        block = element.block
        tags = TAGS[block] if block is not None else NO_TAGS
        if element.role == "Figure" and tags.alt is not None:
            made.Alt = tags.alt(block)
            box = _union([m.box for m in element.marks])
            made.A = Dictionary(O=Name.Layout, BBox=Array([box.x, box.y, box.right, box.top]))
        if element.role == "Note" and tags.ident is not None:
            made.ID = pikepdf.String(tags.ident(block))

    def _link(self, mark: Mark, index: int, parent: pikepdf.Object) -> pikepdf.Object:
        page = self.pages[mark.page]
        annotation = page.Annots[index]
        key = len(self.pages) + len(self.annotation_parents)
        link = self.pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.Link,
                P=parent,
                Pg=page,
                K=Array([Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)]),
            )
        )
        annotation.StructParent = key
        uri = str(annotation.A.URI) if "/A" in annotation and "/URI" in annotation.A else ""
        annotation.Contents = pikepdf.String(link_description(uri, mark.block, self.document))
        self.annotation_parents.append((key, link))
        return link


def qr_alt(block: QRCode) -> str:
    """What a QR code says to someone who cannot see it: that it is one, and where it leads."""
    return f"QR code: {block.url}"


@dataclass(frozen=True)
class Tags:
    """What the structure tree says of a block beside its role: the title of its heading (in the
    outline), the alternative text of its figure, the id of its note (for links to it)."""

    title: Callable[[Any, Document], str] | None = None
    alt: Callable[[Any], str] | None = None
    ident: Callable[[Any], str] | None = None


def _alt(block: Image | Illustration) -> str:
    return block.alt


def _heading(block: Heading, document: Document) -> str:
    return plain(block.text, document)


def _sources_title(block: SourceList, document: Document) -> str:
    return document.text(block.title)


def _note_id(block: Footnote) -> str:
    return f"note-{block.id}"


NO_TAGS = Tags()
#: Each block type's tags beside its role.
TAGS: Handlers[Tags] = Handlers.keyed(
    "the structure tags of blocks",
    {
        **dict.fromkeys(("text", "list", "callout", "slogan", "break"), NO_TAGS),
        "heading": Tags(title=_heading),
        "sources": Tags(title=_sources_title),
        "image": Tags(alt=_alt),
        "illustration": Tags(alt=_alt),
        "qr": Tags(alt=qr_alt),
        "footnote": Tags(ident=_note_id),
    },
)


def _union(boxes: Sequence[Box]) -> Box:
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    x1, y1 = max(b.right for b in boxes), max(b.top for b in boxes)
    return Box(x0, y0, x1 - x0, y1 - y0)
