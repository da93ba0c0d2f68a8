"""The preview builds a page may still ask pictures of: kept until no page can want them."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from brochure.serve import engine

#: Seconds a build's pictures stay after a newer build replaced it (a page may still be loading them).
GRACE = 60.0
#: At most this many replaced builds are kept within the grace time, newest first.
REPLACED = 12
#: The pages (tabs) whose newest preview is kept however long ago it was built.
PAGES = 8


@dataclass
class Built:
    """One build's pictures, encoded as PNG on first request."""

    number: int
    pictures: engine.Pictures
    encoded: dict[str, bytes] = field(default_factory=dict)


class PreviewStore:
    """Builds by number. Kept are: the newest build; the newest that drew pictures (what a broken
    edit shows instead); the build each of the last few pages was told to show (its hidden
    panes load their pictures only when opened, maybe minutes later); and any build replaced
    less than GRACE seconds ago (a page may still be fetching its pictures)."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._builds: dict[int, Built] = {}
        self._replaced: dict[int, float] = {}  # build number -> when it stopped being needed
        self._pages: OrderedDict[str, int] = OrderedDict()
        self._drawn: int | None = None

    def add(self, number: int, pictures: engine.Pictures, *, page: str = "") -> Built:
        """Keep build `number`; the answer is the build `page` should show: this one, or when it
        drew nothing (the text does not build yet), the newest that did, if any."""
        with self._lock:
            built = self._builds.setdefault(number, Built(number, pictures))
            if pictures.images and (self._drawn is None or number > self._drawn):
                self._drawn = number
            shown = built
            if not pictures.images and self._drawn is not None and self._drawn in self._builds:
                shown = self._builds[self._drawn]
            if page:
                self._pages[page] = shown.number
                self._pages.move_to_end(page)
                while len(self._pages) > PAGES:
                    self._pages.popitem(last=False)
            self._forget()
            return shown

    def get(self, number: int) -> Built | None:
        with self._lock:
            return self._builds.get(number)

    @property
    def numbers(self) -> list[int]:
        with self._lock:
            return sorted(self._builds)

    def _forget(self) -> None:
        """Drop what no page can want any more (called with the lock held)."""
        now = self._clock()
        pinned = {max(self._builds), *self._pages.values()}
        if self._drawn is not None:
            pinned.add(self._drawn)
        for number in self._builds:
            if number in pinned:
                self._replaced.pop(number, None)
            else:
                self._replaced.setdefault(number, now)
        keep = sorted((n for n, since in self._replaced.items() if now - since < GRACE), reverse=True)[
            :REPLACED
        ]
        for number in [n for n in self._builds if n not in pinned and n not in keep]:
            del self._builds[number]
            self._replaced.pop(number, None)
