r"""Line and column numbers of offsets in a text.

>>> lines = LineIndex("Khorgos\nHorgos")
>>> lines.position(0), lines.position(8), lines.position(10)
((1, 1), (2, 1), (2, 3))
"""

from __future__ import annotations

import bisect
import re


class LineIndex:
    """The offsets where the lines of a text start, for turning offsets into 1-based line and column."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the code point at ``offset``."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
