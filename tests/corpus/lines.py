"""The printed lines of a leaflet read back from its PDF, and the hyphenation rules a typesetter keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brochure.layout.model import Layout
from tests.pdfread import fragments, reader

#: At most this many hyphenated line ends in a row.
MOST_IN_A_ROW = 2
#: A hyphen with a letter before it and a space and a letter after it, inside a line.
HYPHEN_SPACE = re.compile(r"(\w+)[-\u00ad] (\w+)")


@dataclass(frozen=True)
class Line:
    page: int  # 0-based
    slot: str
    text: str

    @property
    def hyphenated(self) -> bool:
        """Ends in a hyphen after a letter: a word (or a hyphenated compound) broken here."""
        text = self.text.rstrip()
        return len(text) > 1 and text[-1] in "-\u00ad" and text[-2].isalpha()


def panel_lines(data: bytes, layout: Layout) -> list[list[Line]]:
    """Per panel (or phone page), in reading order, its lines top to bottom: the pieces of text
    that start at one height, left to right. Text beyond the trim (the slug line) is left out."""
    frags = fragments(data)
    boxes = [page.trimbox for page in reader(data).pages]
    panels = []
    for slot in dict.fromkeys(layout.reading_order):
        for number, page in enumerate(layout.pages):
            x0, y0 = float(boxes[number].left), float(boxes[number].bottom)
            for panel in page.panels:
                if panel.slot != slot:
                    continue
                left, right = panel.geometry.x + x0, panel.geometry.x + panel.geometry.width + x0
                rows: dict[float, list[tuple[float, str]]] = {}
                for f in frags:
                    if f.page == number and left - 0.5 <= f.x < right and y0 <= f.y <= y0 + page.height:
                        rows.setdefault(round(f.y, 0), []).append((f.x, f.text))
                panels.append(
                    [
                        Line(number, slot, "".join(text for _, text in sorted(rows[y], key=lambda r: r[0])))
                        for y in sorted(rows, reverse=True)
                    ]
                )
    return panels


def broken_rules(panels: list[list[Line]], written: str) -> list[str]:
    """What breaks the hyphenation rules: a hyphen at the last line of a panel or page (the word
    continues across a fold or a page turn), more than MOST_IN_A_ROW hyphenated line ends in a
    row, and a hyphen followed by a space inside a line that the content (`written`) does not
    have (`si- tes`; a German `Bauch- oder Kopfschmerzen` is the author's)."""
    found = []
    for lines in panels:
        if lines and lines[-1].hyphenated:
            found.append(f"{lines[-1].slot}: hyphen at the last line: {lines[-1].text.strip()!r}")
        run: list[Line] = []
        for line in lines:
            run = [*run, line] if line.hyphenated else []
            if len(run) == MOST_IN_A_ROW + 1:
                found.append(
                    f"{line.slot}: {len(run)} hyphens in a row: {' / '.join(r.text.strip() for r in run)}"
                )
        for line in lines:
            for match in HYPHEN_SPACE.finditer(line.text.rstrip()):
                if f"{match.group(1)}- {match.group(2)}" not in written:
                    found.append(f"{line.slot}: hyphen and space inside a line: {match.group(0)!r}")
    return found
