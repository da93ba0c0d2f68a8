"""The send log: one JSON line per event, read back so that a second run sends nobody twice."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

#: `sending` is written before the message goes out, `sent` or `rejected` after the server's answer.
STATES = ("sending", "sent", "rejected")


@dataclass(frozen=True)
class Record:
    """One event: which draft, to whom, what happened, and the server's answer."""

    time: str
    state: str
    draft: str
    to: str
    message_id: str = ""
    reply: str = ""

    def line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class History:
    """What earlier runs did, by (draft, lower-case address)."""

    sent: frozenset[tuple[str, str]]
    #: Sending began but no answer was logged (the run was stopped mid-message): perhaps delivered.
    unsure: frozenset[tuple[str, str]]

    def done(self, draft: str, address: str) -> bool:
        key = (draft, address.lower())
        return key in self.sent or key in self.unsure


def key(record: Record) -> tuple[str, str]:
    return record.draft, record.to.lower()


def read_history(lines: Iterable[str]) -> History:
    """The last state of each (draft, address); a line without its newline (cut off) is skipped,
    and so is anything that is not a record (a log edited by hand)."""
    last: dict[tuple[str, str], str] = {}
    for line in lines:
        if not line.endswith("\n"):
            continue
        try:
            fields = json.loads(line)
            record = Record(**fields)
        except (ValueError, TypeError):
            continue
        if record.state in STATES:
            last[key(record)] = record.state
    return History(
        sent=frozenset(k for k, state in last.items() if state == "sent"),
        unsure=frozenset(k for k, state in last.items() if state == "sending"),
    )
