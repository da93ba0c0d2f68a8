"""Paragraphs that remember their line breaking, so measuring one again at a width is free."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph


class MeasuredParagraph(Paragraph):
    """A ReportLab paragraph whose `wrap` reuses its last line breaking at the same width.

    Fitting and balancing a flow measure the same paragraph many times; breaking its lines is
    the expensive part and depends only on the width (the height offered is not used). The
    memo is dropped when ReportLab drops the broken lines (`split` does, when nothing fits).
    """

    _wrapped_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped_at == avail_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width
        return size


class Kept(MeasuredParagraph):
    """A paragraph that is never split (list items, footnotes, sources)."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []
