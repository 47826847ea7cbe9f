r"""Line and column numbers of offsets in a text.

>>> lines = LineIndex("Khorgos\nHorgos")
>>> lines.position(0), lines.position(8), lines.position(10)
((1, 1), (2, 1), (2, 3))

A text that is part of a longer one (a chunk) gives the lines and columns of the longer text:

>>> chunk = LineIndex("Khorgos\nHorgos", line=3, column=5)
>>> chunk.position(2), chunk.position(10)
((3, 7), (4, 3))
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence

from . import compiled


class LineIndex:
    """The offsets where the lines of a text start, for turning offsets into 1-based line and
    column; ``line`` and ``column`` are those of the text's first character (in a longer text)."""

    __slots__ = ("_at", "column", "line", "starts")

    def __init__(self, text: str, line: int = 1, column: int = 1) -> None:
        core = compiled.core
        self.starts: Sequence[int]
        if core is not None:  # the same offsets, found in one compiled pass
            starts = array("q")
            starts.frombytes(core.line_starts(text))
            self.starts = starts
        else:
            self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.line = line - 1
        self.column = column
        self._at = 0  # the line of the last offset asked (offsets come mostly in text order)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the code point at ``offset``."""
        starts, at = self.starts, self._at
        if starts[at] <= offset and (at + 1 == len(starts) or offset < starts[at + 1]):
            line = at + 1  # (on the line of the offset asked before)
        else:
            line = bisect.bisect_right(starts, offset)
            self._at = max(line - 1, 0)
        if line == 1:
            return 1 + self.line, offset + self.column
        return line + self.line, offset - self.starts[line - 1] + 1
