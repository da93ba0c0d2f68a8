"""Paragraphs: ReportLab's Paragraph with corrections and a label hook that reach into its internals.

Every paragraph of a leaflet is one of these. With `render/pdfcanvas.py` (the canvas), this is
one of the two adapter modules allowed to use ReportLab's private names.
"""

from __future__ import annotations

from typing import Any, Literal

from reportlab.platypus import Flowable
from reportlab.platypus import paragraph as rl_paragraph

from brochure.resolve.fonts import soft_hyphen_is_visible
from brochure.resolve.hyphenation import SOFT_HYPHEN, address_pairs, addresses

#: ReportLab's paragraph module, private names included.
RL: Any = rl_paragraph


class Paragraph(rl_paragraph.Paragraph):
    """A ReportLab Paragraph that breaks addresses well and keeps hyphenation out of the text.

    1. Web and e-mail addresses in the text break at sensible points (`address_breaks`), never
       with a hyphen, and every piece is re-broken until it fits. ReportLab alone breaks a URL
       only at slashes and never breaks the rest again, so a long address overflows the column.
    2. A word broken after its own hyphen (`smartphone-|apps`) keeps that hyphen when a split
       paragraph is broken again. ReportLab 5.1 rejoins the pieces with `_shyUnsplit`, which
       strips every trailing '-' (meant for the hyphen it added), so `vraag-en-|antwoord` came
       back as `vraag-enantwoord`.
    3. The hyphen that ReportLab adds where it hyphenates a word is drawn as U+00AD SOFT HYPHEN
       (in fonts whose U+00AD glyph is the hyphen), so the page shows a hyphen while the text a
       reader copies, searches or hears has the word whole: ISO 32000-1 (14.8.2.2.3) asks that an
       incidental hyphen be represented by U+00AD. Hyphens typed by the author stay '-'.

    1 and 2 swap two functions of ReportLab's paragraph module while this paragraph breaks its
    lines (ReportLab looks them up there at each call) and put the originals back after; like
    ReportLab itself, this is not meant for several threads at once.

    Its label (the bullet of a list item, the number of a source, the mark of a footnote) can
    also be drawn apart from its text, for a tagged PDF that gives the label its own marked
    content (`label_only`, `without_label`; ReportLab draws both in one go).
    """

    #: Addresses of the paragraph this one was split from (its second part may start mid-address).
    carried: frozenset[str] = frozenset()
    #: The width of the last line breaking, reused while ReportLab keeps its broken lines.
    _wrapped_at: float | None = None
    #: Which part a draw paints: everything, only the label, or everything but the label.
    _drawing: Literal["all", "label", "text"] = "all"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Fitting and balancing a flow measure the same paragraph many times; breaking its lines
        is the expensive part and depends only on the width, so it is done once per width (the
        memo ends when ReportLab drops the broken lines, as `split` does when nothing fits)."""
        if self._wrapped_at == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def plain_text(self) -> str:
        """The text without markup, also of a part split from a one-style paragraph (ReportLab
        keeps that part's words where `getPlainText` does not look)."""
        text = self.getPlainText()
        if text or not self.frags:
            return text
        return " ".join(str(word) for frag in self.frags for word in getattr(frag, "words", ()))

    def breakLines(self, width: Any) -> Any:
        found = addresses(self.plain_text()) | self.carried
        original_pairs, original_unsplit = RL._uri_split_pairs, RL._shyUnsplit

        def pairs(word: str) -> list[tuple[str, str]] | None:
            return address_pairs(word) if any(word in address for address in found) else None

        def unsplit(head: str, tail: str | None = None) -> str:
            if hasattr(head, "_shyIndices") or hasattr(tail, "_shyIndices"):
                return str(original_unsplit(head, tail))  # typed soft hyphens: ReportLab's way
            if tail is None:  # the head of a word ReportLab hyphenated: drop the one '-' it added
                return head[:-1] if head.endswith("-") else head
            return head + tail

        RL._uri_split_pairs, RL._shyUnsplit = pairs, unsplit
        try:
            return super().breakLines(width)
        finally:
            RL._uri_split_pairs, RL._shyUnsplit = original_pairs, original_unsplit

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, Paragraph):
                part.carried = self.carried | addresses(self.plain_text())
        return parts

    def label_only(self) -> Flowable:
        """A flowable that draws this paragraph's label and nothing else, exactly where the
        paragraph draws it (drawn at the paragraph's own position)."""
        return _Part(self, self, "label")

    def without_label(self, whole: Flowable | None = None) -> Flowable:
        """A flowable that draws `whole` (this paragraph, or a flowable that draws it, such as a
        source beside its QR code) with this paragraph's label left out; the text keeps the place
        it has beside the label."""
        return _Part(self, whole or self, "text")

    def drawPara(self, debug: int = 0) -> None:
        laid = getattr(self, "blPara")  # noqa: B009 - set by wrap(); ReportLab's stubs omit it
        if self._drawing == "label":
            self._draw_label(laid)
            return
        self.blPara = _soft_hyphens(laid, self.frags)
        original = RL._drawBullet
        if self._drawing == "text":
            RL._drawBullet = _measured_only(original)
        try:
            super().drawPara(debug)
        finally:
            self.blPara, RL._drawBullet = laid, original

    def _draw_label(self, laid: Any) -> None:
        """The label as ReportLab's `drawPara` draws it: `_drawBullet` at the first line's
        baseline, inside the same saved graphics state (it sets the fill colour). Paragraphs
        here run left to right, so ReportLab's right-to-left placement is not needed."""
        if not self.bulletText or not laid.lines:
            return
        first = laid if laid.kind == 0 else laid.lines[0]
        top = first.fontSize if RL.paraFontSizeHeightOffset else getattr(first, "ascent", first.fontSize)
        offset = self.style.firstLineIndent + getattr(self, "_offsets", [0])[0]
        self.canv.saveState()
        RL._drawBullet(self.canv, offset, self.height - top, self.bulletText, self.style, rtl=False)
        self.canv.restoreState()


class _Part(Flowable):
    """`whole` drawn with `paragraph` painting only its label, or only its text."""

    def __init__(self, paragraph: Paragraph, whole: Flowable, part: Literal["label", "text"]) -> None:
        super().__init__()
        self.paragraph, self.whole, self.part = paragraph, whole, part
        self.width, self.height = whole.width, whole.height

    def draw(self) -> None:
        self.paragraph._drawing = self.part
        try:
            self.whole.drawOn(self.canv, 0, 0)
        finally:
            del self.paragraph._drawing  # back to the class default: everything


def _measured_only(draw_bullet: Any) -> Any:
    """ReportLab's `_drawBullet` run for its result alone: where the first line starts after
    the label (a wide label pushes it right). The canvas it is given draws no text."""

    def measure(canvas: Any, *args: Any, **kwargs: Any) -> Any:
        return draw_bullet(_NoText(canvas), *args, **kwargs)

    return measure


class _NoText:
    """A canvas that does everything the real one does except draw text objects."""

    def __init__(self, canvas: Any) -> None:
        self._canvas = canvas

    def __getattr__(self, name: str) -> Any:
        return getattr(self._canvas, name)

    def drawText(self, text: Any) -> None:
        pass


def _soft_hyphens(para: Any, words: list[Any]) -> Any:
    """A copy of broken lines with each hyphen that ReportLab added drawn as U+00AD instead.

    ReportLab marks a word it hyphenated by its class: `_SplitWordHY` (one style) or
    `_SplitFragHY` (several), `...LL` once a paragraph is split after it. `words` are the
    paragraph's frag words; a line of several styles starts at frag word `line.sFW`.
    """
    if para.kind == 0:
        if not soft_hyphen_is_visible(para.fontName):
            return para
        added = (RL._SplitWordHY, RL._SplitWordLL)
        lines = [
            (space, [*line[:-1], _soft(line[-1])]) if line and isinstance(line[-1], added) else (space, line)
            for space, line in para.lines
        ]
        return para.clone(lines=lines)
    lines = []
    for n, line in enumerate(para.lines):
        end = para.lines[n + 1].sFW if n + 1 < len(para.lines) else len(words)
        own = [w for w in words[line.sFW : end] if not isinstance(w, RL._InjectedFrag)]
        texts = [i for i, frag in enumerate(line.words) if getattr(frag, "text", "")]
        last = line.words[texts[-1]] if texts else None
        if (
            own
            and isinstance(own[-1], (RL._SplitFragHY, RL._SplitFragLL))
            and last is not None
            and last.text.endswith("-")
            and soft_hyphen_is_visible(last.fontName)
        ):
            frags = list(line.words)
            frags[texts[-1]] = last.clone(text=_soft(last.text))
            line = line.clone(words=frags)
        lines.append(line)
    return para.clone(lines=lines)


def _soft(word: str) -> str:
    return word[:-1] + SOFT_HYPHEN
