r"""Line and column numbers of offsets in a text.

>>> lines = LineIndex("Khorgos\nHorgos")
>>> lines.position(0), lines.position(8), lines.position(10)
((1, 1), (2, 1), (2, 3))
"""

from __future__ import annotations

import bisect
from itertools import accumulate


class LineIndex:
    """The offsets where the lines of a text start, for turning offsets into 1-based line and column."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        # (each line's length and its line feed, added up: no Python step per line)
        self.starts = list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the code point at ``offset``."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
