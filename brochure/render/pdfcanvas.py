"""The ReportLab canvas adapter: document settings and the few private attributes we must touch."""

from __future__ import annotations

import datetime
import io
import time

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import PDFName
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


def annotation_count(canvas: Canvas) -> int:
    """How many annotations (links) the current page has so far."""
    return len(canvas._annotationrefs)  # type: ignore[attr-defined]


def _timestamp(date: datetime.date | None) -> TimeStamp:
    """The content's date at noon UTC; without one, ReportLab's fixed invariant date."""
    stamp = TimeStamp(invariant=1)
    if date is not None:
        moment = datetime.datetime(date.year, date.month, date.day, 12, tzinfo=datetime.timezone.utc)
        stamp.t = moment.timestamp()
        stamp.lt = time.gmtime(stamp.t)
        stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp
