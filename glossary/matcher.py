"""One-pass, leftmost-longest matching of every surface form of a glossary.

All forms go into one Aho-Corasick automaton over a *folded* text (lower case; NBSP and other
spaces, dashes and curly apostrophes unified), so matching costs one scan whatever the size of
the glossary. Each hit is then checked for word boundaries (Latin and Cyrillic forms need
non-letter neighbours; Han forms need none), for its case rule and its context exceptions, and
the longest valid hit wins from left to right. Offsets are code points of the original text, even
where lower-casing changes the length (``İ``).

>>> from silkterm.glossary import load_glossary
>>> m = load_glossary().matcher
>>> [(x.start, x.end, x.surface, x.concept_id) for x in m.find("İİ HORGOS, Khorgos-Dongdamen.")]
[(3, 9, 'HORGOS', 'khorgos'), (11, 28, 'Khorgos-Dongdamen', 'khorgos-eastern-gate')]
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from .errors import GlossaryConflictError
from .model import Case, Variant

if TYPE_CHECKING:
    from .model import Glossary

_FOLD = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\uff07": "'",
})
_CJK = re.compile(r"[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
                  r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def fold(text: str) -> str:
    """The matching key of a form: lower case with typographic variants unified.

    >>> fold("Xi’an\u00a0–\u00a0Astana")
    "xi'an - astana"
    """
    return text.lower().translate(_FOLD)


def fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text``; also return, when lengths differ, the original offset of each folded position."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered.translate(_FOLD), None
    pieces: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        pieces.append(low)
        index.extend([i] * len(low))
    index.append(len(text))
    return "".join(pieces).translate(_FOLD), index


def is_cjk(ch: str) -> bool:
    """True for Han, kana and hangul characters: scripts written without spaces between words."""
    return _CJK.match(ch) is not None


def is_wordish(ch: str) -> bool:
    """True for a character that continues a Latin/Cyrillic word: a letter, digit or mark, not CJK."""
    if ch.isalnum() or ch == "_":
        return not is_cjk(ch)
    return unicodedata.category(ch).startswith("M")


def case_shapes(form: str) -> frozenset[str]:
    """The case shapes ``shape`` matching accepts: as written, UPPER, Capitalised, Title Case.

    >>> sorted(case_shapes("panda blood"))
    ['PANDA BLOOD', 'Panda Blood', 'Panda blood', 'panda blood']
    """
    folded = form.translate(_FOLD)
    title = re.sub(r"(^|[\s\-/'(])(\w)", lambda m: m.group(1) + m.group(2).upper(), folded)
    return frozenset({folded, folded.upper(), folded[:1].upper() + folded[1:], title})


@dataclass(frozen=True, slots=True)
class Entry:
    """A compiled surface form: the variant, its concept, and how to check a hit."""

    concept_id: str
    variant: Variant
    case: Case
    shapes: frozenset[str]
    left_boundary: bool
    right_boundary: bool
    exceptions: tuple[tuple[str, int], ...]

    def accepts(self, surface: str) -> bool:
        if self.case is Case.IGNORE:
            return True
        return surface.translate(_FOLD) in self.shapes


@dataclass(frozen=True, slots=True)
class Match:
    """A hit of a compiled form: code-point span of the original text, and its candidate entries.

    ``entries`` holds one entry, or several of different concepts for an ambiguous form.
    """

    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        return self.entries[0]

    @property
    def concept_id(self) -> str:
        return self.entries[0].concept_id


def _compile_entry(concept_id: str, variant: Variant, default_case: Case) -> Entry:
    form = variant.form
    folded = fold(form)
    case = variant.case or default_case
    return Entry(
        concept_id=concept_id, variant=variant, case=case,
        shapes=frozenset({form.translate(_FOLD)}) if case is Case.EXACT else case_shapes(form),
        left_boundary=is_wordish(form[0]), right_boundary=is_wordish(form[-1]),
        exceptions=tuple((fold(p), fold(p).index(folded)) for p in variant.exceptions))


def _overlap(a: Entry, b: Entry) -> bool:
    if Case.IGNORE in (a.case, b.case):
        return True
    return bool(a.shapes & b.shapes)


class Matcher:
    """All surface forms of a glossary compiled into one automaton.

    Raises :class:`GlossaryConflictError` when two concepts claim the same form and neither marks
    it ``ambiguous`` (nor can their case rules tell them apart).
    """

    def __init__(self, glossary: Glossary) -> None:
        table: dict[str, list[Entry]] = {}
        for concept in glossary:
            for variant in concept.forms():
                entry = _compile_entry(concept.id, variant, concept.case)
                key = fold(variant.form)
                bucket = table.setdefault(key, [])
                for other in bucket:
                    if other.concept_id == entry.concept_id or not _overlap(other, entry):
                        continue
                    if not (other.variant.ambiguous and entry.variant.ambiguous):
                        first = glossary[other.concept_id]
                        raise GlossaryConflictError(
                            f"form {variant.form!r} of {concept.id!r} is also a form of "
                            f"{other.concept_id!r} ({first.path}:{other.variant.line or first.line}); "
                            f"mark both 'ambiguous: true' or tell them apart by case",
                            path=concept.path, line=variant.line or concept.line)
                bucket.append(entry)
        self._automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._automaton.make_automaton()
        self.size = len(table)

    def __len__(self) -> int:
        return self.size

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in ``text``, skipping ``protected`` spans."""
        if not text or not self.size:
            return []
        folded, index = fold_with_map(text)
        n = len(folded)
        hits: list[tuple[int, int, tuple[Entry, ...]]] = []
        prot_starts = [s for s, _ in protected]
        for last, (length, entries) in self._automaton.iter(folded):
            start = last - length + 1
            end = last + 1
            first = entries[0]
            if first.left_boundary and start > 0 and is_wordish(folded[start - 1]):
                continue
            if first.right_boundary and end < n and is_wordish(folded[end]):
                continue
            o_start = start if index is None else index[start]
            o_end = end if index is None else index[end - 1] + 1
            if prot_starts:
                i = bisect.bisect_right(prot_starts, o_end - 1) - 1
                if i >= 0 and protected[i][1] > o_start:
                    continue
                if i + 1 < len(protected) and protected[i + 1][0] < o_end:
                    continue
            surface = text[o_start:o_end]
            valid = tuple(e for e in entries
                          if e.accepts(surface) and not _excepted(e, folded, start))
            if valid:
                hits.append((o_start, o_end, valid))
        return _leftmost_longest(text, hits)


def _excepted(entry: Entry, folded: str, start: int) -> bool:
    for phrase, offset in entry.exceptions:
        at = start - offset
        if at >= 0 and folded.startswith(phrase, at):
            return True
    return False


def _preference(entry: Entry, surface: str) -> tuple[bool, bool]:
    """Sort key: a form written exactly like the surface first, then house forms."""
    return (entry.variant.form.translate(_FOLD) != surface.translate(_FOLD),
            not entry.variant.is_house_form)


def _leftmost_longest(text: str, hits: Iterable[tuple[int, int, tuple[Entry, ...]]]) -> list[Match]:
    ordered = sorted(hits, key=lambda h: (h[0], h[0] - h[1]))
    out: list[Match] = []
    pos = 0
    for start, end, entries in ordered:
        if start < pos:
            continue
        surface = text[start:end]
        best: dict[str, Entry] = {}
        for e in sorted(entries, key=lambda e: _preference(e, surface)):
            best.setdefault(e.concept_id, e)  # one entry per concept: the most specific
        out.append(Match(start, end, surface, tuple(best.values())))
        pos = end
    return out
