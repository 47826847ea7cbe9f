"""silkterm.glossary.lines: line starts and 1-based positions."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from silkterm.glossary.lines import LineIndex


@given(st.text(alphabet="ab\n\r\u2028中", max_size=40))
def test_lines_start_after_each_line_feed(text):
    index = LineIndex(text)
    assert list(index.starts) == [0] + [m.end() for m in re.finditer("\n", text)]
    for offset in range(len(text) + 1):
        line, column = index.position(offset)
        assert line == text.count("\n", 0, offset) + 1
        assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_only_line_feeds_start_lines():
    assert LineIndex("a\rb\u2028c\nd").position(6) == (2, 1)


@given(st.text(alphabet="ab\n\r中", max_size=40), st.integers(1, 9), st.integers(1, 9))
def test_a_chunk_gives_the_lines_and_columns_of_the_longer_text(text, line, column):
    """A text that starts at ``line``, ``column`` of a longer one: positions there."""
    before = "x\n" * (line - 1) + "y" * (column - 1)
    whole, chunk = LineIndex(before + text), LineIndex(text, line, column)
    for offset in range(len(text) + 1):
        assert chunk.position(offset) == whole.position(len(before) + offset)


@given(st.text(alphabet="ab\n中", max_size=40), st.lists(st.integers(0, 40), max_size=30))
def test_offsets_asked_in_any_order_give_their_own_positions(text, offsets):
    """position remembers the line of the offset asked before (offsets come mostly in text
    order): asked in any order, each offset gets the position a fresh index gives it."""
    index = LineIndex(text, 3, 5)
    for offset in (min(o, len(text)) for o in offsets):
        assert index.position(offset) == LineIndex(text, 3, 5).position(offset)
