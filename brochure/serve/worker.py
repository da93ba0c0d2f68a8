"""One build at a time per project, in one thread; a newer edit replaces one still waiting."""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

Result = TypeVar("Result")


@dataclass(frozen=True)
class Finished(Generic[Result]):
    """The outcome of one job: its number, its result, or the traceback of a bug."""

    number: int
    result: Result | None
    failure: str = ""
    seconds: float = 0.0


class Superseded(Exception):
    """A newer job was submitted before this one started: its result would be stale anyway."""


class BuildWorker(Generic[Result]):
    """Runs submitted jobs one after another in its own thread. A job not yet started when a
    newer one arrives is dropped (its waiter hears Superseded), so the newest edit wins and the
    engine never runs twice at once for one project."""

    def __init__(self, run: Callable[[str], Result]) -> None:
        self._run = run
        self._lock = threading.Condition()
        self._pending: tuple[int, str] | None = None
        self._submitted = 0
        self._done: dict[int, Finished[Result]] = {}
        self._stopped = False
        self._started = 0
        self._thread = threading.Thread(target=self._loop, name="brochure-build", daemon=True)
        self._thread.start()

    def submit(self, job: str) -> int:
        with self._lock:
            self._submitted += 1
            self._pending = (self._submitted, job)
            self._lock.notify_all()
            return self._submitted

    def wait(self, number: int, timeout: float = 60.0) -> Finished[Result]:
        """The outcome of job `number`; raises Superseded when a newer job replaced it."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while number not in self._done:
                waiting = self._pending is not None and self._pending[0] == number
                if self._stopped or (not waiting and self._started != number):
                    raise Superseded
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"build {number} took longer than {timeout:.0f} s")
                self._lock.wait(left)
            return self._done[number]

    def build(self, job: str, timeout: float = 60.0) -> Finished[Result]:
        return self.wait(self.submit(job), timeout)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._lock.notify_all()

    def _loop(self) -> None:
        while True:
            with self._lock:
                while self._pending is None and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                assert self._pending is not None
                number, job = self._pending
                self._pending = None
                self._started = number
            started = time.perf_counter()
            try:
                finished = Finished(number, self._run(job), seconds=time.perf_counter() - started)
            except Exception:  # a bug in the engine: reported to the page, the server goes on
                finished = Finished(number, None, traceback.format_exc(), time.perf_counter() - started)
            with self._lock:
                self._done = {n: f for n, f in self._done.items() if n > number - 8}
                self._done[number] = finished
                self._lock.notify_all()
