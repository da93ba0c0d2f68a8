"""The ReportLab canvas adapter: document settings and the few private attributes we must touch."""

from __future__ import annotations

import datetime
import functools
import io
import time
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen.canvas import Canvas

from brochure.content.model import Meta

# ASCII85 makes every stream about a quarter larger; binary streams are fine in every reader.
rl_config.useA85 = 0


def new_canvas(buffer: io.BytesIO, *, size: tuple[float, float], meta: Meta, font: str) -> Canvas:
    """A canvas with metadata, a fixed date (same input, same bytes) and print settings."""
    canvas = Canvas(
        buffer,
        pagesize=size,
        invariant=1,
        pageCompression=1,
        initialFontName=font,  # type: ignore[arg-type]  # the stubs say float; it is a font name
        lang=meta.language,
    )
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author or meta.organisation)
    canvas.setSubject(meta.subject or meta.subtitle)
    canvas.setCreator("brochure")
    canvas.setProducer("brochure (ReportLab)")
    # No public setter for the document date: the one private attribute we touch.
    canvas._doc._timeStamp = _timestamp(meta.date)  # type: ignore[attr-defined]
    # Tri-folds print duplex flipped on the short edge; "fit to page" would move the folds.
    canvas.setViewerPreference("Duplex", PDFName("DuplexFlipShortEdge"))
    canvas.setViewerPreference("PrintScaling", PDFName("None"))
    canvas.setViewerPreference("DisplayDocTitle", "true")
    return canvas


def _timestamp(date: datetime.date | None) -> TimeStamp:
    """The content's date at noon UTC; without one, ReportLab's fixed invariant date."""
    stamp = TimeStamp(invariant=1)
    if date is not None:
        moment = datetime.datetime(date.year, date.month, date.day, 12, tzinfo=datetime.timezone.utc)
        stamp.t = moment.timestamp()
        stamp.lt = time.gmtime(stamp.t)
        stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class _RememberingZCompress(pdfdoc.PDFStreamFilterZCompress):
    """ReportLab's Flate filter, remembering its last results: the embedded font subsets of a
    batch are the same in file after file, and compressing them is a quarter of a render."""

    def __init__(self, size: int = 16) -> None:
        self._recent: OrderedDict[bytes, bytes] = OrderedDict()
        self._size = size

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        found = self._recent.get(data)
        if found is None:
            found = self._recent[data] = zlib.compress(data)
            if len(self._recent) > self._size:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(data)
        return found


def _remember_font_subsets() -> None:
    """Make the same font subset (same font, same glyphs) once per process, and compress it once.

    Both are pure functions of their input, so the bytes written are the same; the subset of a
    batch's fonts rarely changes from one leaflet to the next.
    """
    make_subset = TTFontFile.makeSubset

    @functools.lru_cache(maxsize=64)
    def subset_of(font: TTFontFile, glyphs: tuple[Any, ...]) -> bytes:
        return make_subset(font, list(glyphs))

    def remembered(font: TTFontFile, subset: Sequence[Any]) -> bytes:
        return subset_of(font, tuple(subset))

    TTFontFile.makeSubset = remembered  # type: ignore[method-assign, assignment]
    pdfdoc.PDFZCompress = _RememberingZCompress()


_remember_font_subsets()
