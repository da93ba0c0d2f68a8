"""content.yaml watched on disk: every change bumps a version that event streams wait for."""

from __future__ import annotations

import threading
from collections.abc import Callable

from brochure.serve.project import Project

#: How often the file's size and modification time are looked at, seconds.
POLL = 0.2


class DiskWatcher:
    """Polls one file (cheap: a stat) and wakes every waiting event stream when it changes."""

    def __init__(self, project: Project, *, poll: float = POLL) -> None:
        self._project = project
        self._poll = poll
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._stamp = self._look()
        self.version = project.read().version
        self.changes = 0
        self._thread = threading.Thread(target=self._loop, name="brochure-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._changed:
            self._changed.notify_all()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the change counter passes `seen`, the watcher stops, or `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self.changes != seen or self._stop.is_set(), timeout)
            return self.changes

    def check(self, on_change: Callable[[str], None] | None = None) -> bool:
        """Look once; True (and the new version noted) when the text on disk differs."""
        stamp = self._look()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        version = self._project.read().version
        if version == self.version:
            return False
        with self._changed:
            self.version = version
            self.changes += 1
            self._changed.notify_all()
        if on_change:
            on_change(version)
        return True

    def _look(self) -> tuple[int, int]:
        try:
            stat = self._project.content.stat()
        except OSError:
            return (-1, -1)
        return (stat.st_mtime_ns, stat.st_size)

    def _loop(self) -> None:
        while not self._stop.wait(self._poll):
            self.check()
