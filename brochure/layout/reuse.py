"""Panel layouts kept across the rows of a batch: a panel whose content did not change is reused."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from brochure.diagnostics import Diagnostic, Diagnostics
from brochure.layout.furniture import furniture_key
from brochure.load.model import Image, Panel
from brochure.resolve.document import Document

#: What a panel becomes: its sheet panels (`PanelLayout`s) or its phone `Page`s.
Laid = TypeVar("Laid")


class PanelCache:
    """Layouts of panels by everything that decides them, the least recently used dropped first.

    A panel's layout depends on its blocks, the theme, the fonts, the language, the fold, the
    footnote marks and source numbers, the sources it may list, its images and the furniture
    around it (the metadata that the cover title and the colophon show). All of that is the
    key, so a hit is the layout the panel would get anew; its diagnostics are replayed. Files
    are assumed not to change while a batch runs (an image is known by its path).

    The sheet and the phone pages share one cache: `kind` tells their entries apart (a phone
    panel's kind carries the number of its first page, which its pages show).
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[Any, tuple[Diagnostic, ...]]] = OrderedDict()

    def get(
        self,
        panel: Panel,
        document: Document,
        diagnostics: Diagnostics,
        lay: Callable[[Panel, Document, Diagnostics], Laid],
        *,
        kind: Hashable = "sheet",
    ) -> Laid:
        """The panel's layouts from the cache, or laid out by `lay` and kept."""
        key = (kind, panel_key(panel, document))
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            found = Diagnostics()
            entry = (lay(panel, document, found), tuple(found))
            self._entries[key] = entry
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        else:
            self.hits += 1
            self._entries.move_to_end(key)
        diagnostics.extend(entry[1])
        return cast(Laid, entry[0])


def panel_key(panel: Panel, document: Document) -> Hashable:
    """Everything a panel's layout depends on, as one hashable value."""
    content = document.content
    images = tuple(
        (block.file, document.images[block.file].path if block.file in document.images else None)
        for block in panel.blocks
        if isinstance(block, Image)
    )
    return (
        panel,
        images,
        furniture_key(document, panel.name),
        content.base_dir,
        content.fold,
        content.sources,
        document.language,
        document.theme,
        document.fonts,
        document.hyphenator,
        tuple(sorted(document.footnotes.items())),
        tuple(sorted(document.citations.items())),
    )
