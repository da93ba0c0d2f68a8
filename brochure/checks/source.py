"""Words found again in content.yaml: the line:column of a URL, a sentence or a theme value."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from brochure.diagnostics import Location

#: What may stand between two words in the file but not in the text: line breaks and
#: indentation of folded scalars, and inline markup (`**bold**`, `*italic*`, `\*`).
_BETWEEN = r"[\s*_\\]+"


@dataclass(frozen=True)
class SourceText:
    """The text of a content file and where its lines start."""

    file: str
    text: str
    line_starts: tuple[int, ...]
    #: The other files the content was read from (a translation's), by name.
    others: Mapping[str, SourceText] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, file: str, others: Mapping[str, str] | None = None) -> SourceText:
        """A file's text (empty when it could not be read: locations then stay at their blocks),
        and the texts of `others`, files that hold some of the content too."""
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        more = {name: cls.of(other, name) for name, other in (others or {}).items()}
        return cls(file, text, tuple(starts), more)

    def at(self, file: str) -> SourceText:
        """The text of `file`, this one or one of the others (this one when it is unknown)."""
        return self.others.get(file, self)

    def offset(self, location: Location) -> int:
        """The character offset of a 1-based line:column (the file's start when unknown)."""
        if not location.line or location.line > len(self.line_starts):
            return 0
        return self.line_starts[location.line - 1] + max(location.column - 1, 0)

    def location(self, offset: int) -> Location:
        line = bisect.bisect_right(self.line_starts, offset)
        return Location(self.file, line, offset - self.line_starts[line - 1] + 1)

    def find(self, needle: str, after: Location, *, words: int = 0) -> Location:
        """Where `needle` first appears at or after `after`, or `after` itself when it does not.

        With `words`, only the first that many words are sought, and line breaks, indentation and
        inline markup between them are allowed (a sentence in a folded scalar).
        """
        if after.file != self.file:
            return (
                self.at(after.file).find(needle, after, words=words) if after.file in self.others else after
            )
        if words:
            tokens = needle.split()[:words]
            pattern = _BETWEEN.join(re.escape(token) for token in tokens)
        else:
            pattern = re.escape(needle)
        if not pattern:
            return after
        found = re.compile(pattern).search(self.text, self.offset(after))
        if found:
            return self.location(found.start())
        for other in self.others.values():  # a translated text: in its translation's file
            if found := re.compile(pattern).search(other.text):
                return other.location(found.start())
        return after

    def value_of(self, key: str, after: Location) -> Location:
        """Where the value of `key:` starts in the mapping at `after` (a theme setting, say)."""
        found = re.compile(rf"(?<![\w-]){re.escape(key)}[ \t]*:[ \t]*").search(self.text, self.offset(after))
        return self.location(found.end()) if found else after
