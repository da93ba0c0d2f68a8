"""Words found again in content.yaml: the line:column of a URL, a sentence or a theme value."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

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

    @classmethod
    def of(cls, text: str, file: str) -> SourceText:
        """A file's text (empty when it could not be read: locations then stay at their blocks)."""
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        return cls(file, text, tuple(starts))

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
        if words:
            tokens = needle.split()[:words]
            pattern = _BETWEEN.join(re.escape(token) for token in tokens)
        else:
            pattern = re.escape(needle)
        if not pattern:
            return after
        found = re.compile(pattern).search(self.text, self.offset(after))
        return self.location(found.start()) if found else after

    def value_of(self, key: str, after: Location) -> Location:
        """Where the value of `key:` starts in the mapping at `after` (a theme setting, say)."""
        found = re.compile(rf"(?<![\w-]){re.escape(key)}[ \t]*:[ \t]*").search(self.text, self.offset(after))
        return self.location(found.end()) if found else after
