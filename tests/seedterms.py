"""Extract the names and quoted terms a reader would expect the glossary to know.

Used by the coverage test (``tests/glossary/test_coverage.py``): every candidate must be a
glossary surface form (or contain one) or be listed in ``tests/data/seed_ignore.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds"

_CAP = r"(?:[A-Z][\w'’.-]*[\w]|[A-Z])"
_JOIN = r"(?:of|and|the|for|de|on|in|al|du|with|\||&)"
# Two or more capitalised words, optionally joined by lower-case function words.
CAPITALISED = re.compile(rf"\b{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})+")
QUOTED = re.compile(r"\"([^\"\n]{2,80}?)\"|“([^”\n]{2,80}?)”|(?<![\w])'([^'\n]{2,60}?)'(?![\w])|‘([^’\n]{2,60}?)’")
_STOP_START = {"The", "A", "An", "In", "On", "As", "At", "For", "By", "Of", "And", "After", "Since",
               "During", "When", "Under", "Over", "Both", "From", "Today", "Chinese", "Kazakh"}


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial function words and trailing punctuation from a name's span."""
    while line[end - 1] in ".'’":
        end -= 1
    words = line[start:end].split(" ")
    while words and words[0] in _STOP_START:
        start += len(words.pop(0)) + 1
    return start, end


def candidates(seed_dir: Path = SEED_DIR) -> Iterator[tuple[str, int, str, str, str, int, int]]:
    """Yield ``(file name, line number, kind, candidate, line, start, end)`` for every name and
    quoted term; ``line[start:end] == candidate``."""
    for path in sorted(seed_dir.glob("*.txt")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in CAPITALISED.finditer(line):
                start, end = _trim(line, m.start(), m.end())
                if len(line[start:end].split()) >= 2:
                    yield path.name, lineno, "name", line[start:end], line, start, end
            for m in QUOTED.finditer(line):
                group = next(i for i, g in enumerate(m.groups(), 1) if g is not None)
                start, end = m.span(group)
                while line[start] in " ,.":
                    start += 1
                while end > start and line[end - 1] in " ,.":
                    end -= 1
                if end > start:
                    yield path.name, lineno, "quoted", line[start:end], line, start, end


if __name__ == "__main__":
    seen: dict[tuple[str, str], list[str]] = {}
    for fname, lineno, kind, cand, *_ in candidates():
        seen.setdefault((kind, cand), []).append(f"{fname[:3]}:{lineno}")
    for (kind, cand), where in sorted(seen.items()):
        print(f"{kind}\t{cand}\t{' '.join(where)}")
