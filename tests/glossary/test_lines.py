"""silkterm.glossary.lines: line starts and 1-based positions."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from silkterm.glossary.lines import LineIndex


@given(st.text(alphabet="ab\n\r\u2028中", max_size=40))
def test_lines_start_after_each_line_feed(text):
    index = LineIndex(text)
    assert index.starts == [0] + [m.end() for m in re.finditer("\n", text)]
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        assert line == text.count("\n", 0, offset) + 1
        assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_only_line_feeds_start_lines():
    assert LineIndex("a\rb\u2028c\nd").position(6) == (2, 1)
