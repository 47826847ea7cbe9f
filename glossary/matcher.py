"""One-pass, leftmost-longest matching of every surface form of a glossary.

All forms go into one Aho-Corasick automaton (ahocorasick-rs, leftmost-longest) over a *folded*
text: lower case, with NBSP and other spaces, dashes and curly apostrophes unified. Folding never
changes the length (``İ``, the one character whose lower case is two characters, folds to ``i``),
so offsets are code points of the original text. Each hit is then checked for word boundaries
(Latin and Cyrillic forms need non-letter neighbours; Han forms need none), for its case rule,
its context exceptions and protected spans. When a hit fails a check, the overlapping hits of
that window are examined so that a shorter valid form still wins: the result is exactly the
leftmost-longest valid matches. ``benchmarks/automaton.py`` has the measurements behind the
choice of library.

>>> from silkterm.glossary import load_glossary
>>> m = load_glossary().matcher
>>> [(x.start, x.end, x.surface, x.concept_id) for x in m.find("İİ HORGOS, Khorgos-Dongdamen.")]
[(3, 9, 'HORGOS', 'khorgos'), (11, 28, 'Khorgos-Dongdamen', 'khorgos-eastern-gate')]
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import GlossaryConflictError
from .model import Action, Case, Kind, Variant

if TYPE_CHECKING:
    from .model import Glossary

CHUNK = 1 << 20  # code points matched at a time in a long text

_TYPOGRAPHY = {
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u3000": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "\uff07": "'",
}
_CJK = re.compile(r"[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
                  r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def unify_typography(text: str) -> str:
    """Replace typographic spaces, dashes and apostrophes by their ASCII forms (same length).

    >>> unify_typography("Xi’an\u00a0–\u00a0Astana")
    "Xi'an - Astana"
    """
    if text.isascii():
        return text
    for char, plain in _TYPOGRAPHY.items():
        if char in text:
            text = text.replace(char, plain)
    return text


def fold(text: str) -> str:
    """The matching key of a text: lower case with typographic variants unified, same length.

    >>> fold("Xi’an\u00a0–\u00a0ASTANA"), len(fold("İstanbul")) == len("İstanbul")
    ("xi'an - astana", True)
    """
    if "\u0130" in text:  # İ lower-cases to two code points; i keeps offsets aligned
        text = text.replace("\u0130", "i")
    return unify_typography(text.lower())


def is_cjk(ch: str) -> bool:
    """True for Han, kana and hangul characters: scripts written without spaces between words."""
    return _CJK.match(ch) is not None


def is_wordish(ch: str) -> bool:
    """True for a character that continues a Latin/Cyrillic word: a letter, digit or mark, not CJK."""
    if ch.isalnum():
        return ch < "\u2e80" or not is_cjk(ch)
    return ch == "_" or (ch > "\u02ff" and unicodedata.category(ch)[0] == "M")


def case_shapes(form: str) -> frozenset[str]:
    """The case shapes ``shape`` matching accepts: as written, UPPER, Capitalised, Title Case.

    >>> sorted(case_shapes("panda blood"))
    ['PANDA BLOOD', 'Panda Blood', 'Panda blood', 'panda blood']
    """
    folded = unify_typography(form)
    return frozenset({folded, folded.upper(), folded[:1].upper() + folded[1:], title_case(folded)})


_WORD_START = re.compile(r"(^|[\s\-/'(])(\w)")


def title_case(text: str) -> str:
    """Capitalise the first letter of every word, leaving the other letters alone.

    >>> title_case("panda blood"), title_case("rh-negative")
    ('Panda Blood', 'Rh-Negative')
    """
    return _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


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
    kept: bool = False  # normalising always keeps this form, whatever the date or context

    def accepts(self, surface: str) -> bool:
        if self.case is Case.IGNORE or surface in self.shapes:
            return True
        return not surface.isascii() and unify_typography(surface) in self.shapes


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
        shapes=frozenset({unify_typography(form)}) if case is Case.EXACT else case_shapes(form),
        left_boundary=is_wordish(form[0]), right_boundary=is_wordish(form[-1]),
        exceptions=tuple((fold(p), fold(p).index(folded)) for p in variant.exceptions),
        kept=variant.default_action() is Action.KEEP and variant.kind is not Kind.FORMER_NAME)


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
        self._keys = list(table)
        self._entries = [tuple(entries) for entries in table.values()]
        self._maxlen = max((len(k) for k in self._keys), default=0)
        self._longest: Any = None
        self._overlapping: Any = None
        self._automaton(False)
        self._automaton(True)

    def __len__(self) -> int:
        return len(self._keys)

    def __getstate__(self) -> dict[str, Any]:
        # The automatons are rebuilt on first use: ahocorasick-rs objects cannot be pickled.
        return {"_keys": self._keys, "_entries": self._entries, "_maxlen": self._maxlen}


    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _longest=None, _overlapping=None)

    def _automaton(self, overlapping: bool) -> Any:
        import ahocorasick_rs

        # The contiguous NFA scans about 1.7x faster than the default at the same build cost
        # (benchmarks/automaton.py); a full DFA is a little faster still but slow to build.
        contiguous = ahocorasick_rs.Implementation.ContiguousNFA
        if overlapping:
            if self._overlapping is None:
                self._overlapping = ahocorasick_rs.AhoCorasick(
                    self._keys, matchkind=ahocorasick_rs.MatchKind.Standard,
                    implementation=contiguous)
            return self._overlapping
        if self._longest is None:
            self._longest = ahocorasick_rs.AhoCorasick(
                self._keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=contiguous)
        return self._longest

    def find(self, text: str, protected: Sequence[tuple[int, int]] = (), *,
             actionable: bool = False, taken: list[tuple[int, int]] | None = None) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in ``text``, skipping ``protected`` spans.

        With ``actionable``, matches of forms that normalising always keeps still take their
        place (nothing overlapping them matches) but are not returned. ``taken``, if given,
        receives the span of every match, returned or not.

        A long text is matched a chunk of about a megabyte at a time, cut after a line break:
        no form holds a line break and a line break is a word boundary, so the result is the
        same, and memory stays proportional to the chunk.
        """
        if not text or not self._keys:
            return []
        out: list[Match] = []
        lo, n = 0, len(text)
        while lo < n:
            hi = text.find("\n", lo + CHUNK) + 1 or n
            spans = [(max(s, lo) - lo, min(e, hi) - lo) for s, e in protected if s < hi and e > lo]
            out.extend(self._find(text[lo:hi] if (lo, hi) != (0, n) else text, lo, spans, actionable,
                                  taken))
            lo = hi
        return out

    def _find(self, text: str, base: int, protected: Sequence[tuple[int, int]],
              actionable: bool, taken: list[tuple[int, int]] | None) -> list[Match]:
        scan = _Scan(self, text, fold(text), protected, base, actionable, taken)
        folded, n, edges = scan.folded, scan.n, self._edges()
        for index, start, end in self._automaton(False).find_matches_as_indexes(folded):
            if start < scan.pos:  # overlaps a match the slow path committed
                if end > scan.pos:  # noqa: SIM102 - the continue applies either way
                    scan.resolve(scan.pos, end)
                continue
            left, right = edges[index]
            # Hot path, inlined: most rejected hits are forms found inside a longer word.
            if ((left and start and is_wordish(folded[start - 1]))
                    or (right and end < n and is_wordish(folded[end]))
                    or not scan.take(index, start, end)):
                if not scan.inside_word(start, end):
                    scan.resolve(start, end)
        return scan.out

    def _edges(self) -> list[tuple[bool, bool]]:
        edges = self.__dict__.get("_edge_flags")
        if edges is None:
            edges = [(e[0].left_boundary, e[0].right_boundary) for e in self._entries]
            self.__dict__["_edge_flags"] = edges
        return edges


class _Scan:
    """The state of one ``Matcher.find`` call."""

    __slots__ = ("matcher", "text", "folded", "n", "protected", "starts", "out", "pos", "base",
                 "actionable", "taken")

    def __init__(self, matcher: Matcher, text: str, folded: str,
                 protected: Sequence[tuple[int, int]], base: int = 0,
                 actionable: bool = False, taken: list[tuple[int, int]] | None = None) -> None:
        self.base = base
        self.actionable = actionable
        self.taken = taken
        self.matcher = matcher
        self.text = text
        self.folded = folded
        self.n = len(text)
        self.protected = protected
        self.starts = [s for s, _ in protected]
        self.out: list[Match] = []
        self.pos = 0

    def valid(self, index: int, start: int, end: int) -> tuple[Entry, ...]:
        """The entries of form ``index`` that accept the hit at ``start:end`` (may be none)."""
        entries = self.matcher._entries[index]
        first = entries[0]
        folded = self.folded
        if first.left_boundary and start and is_wordish(folded[start - 1]):
            return ()
        if first.right_boundary and end < self.n and is_wordish(folded[end]):
            return ()
        if self.starts:
            i = bisect.bisect_right(self.starts, end - 1) - 1
            if i >= 0 and self.protected[i][1] > start:
                return ()
        surface = self.text[start:end]
        return tuple(e for e in entries
                     if e.accepts(surface) and not (e.exceptions and _excepted(e, folded, start)))

    def take(self, index: int, start: int, end: int) -> bool:
        entries = self.valid(index, start, end)
        if not entries:
            return False
        if not (self.actionable and len(entries) == 1 and entries[0].kept):
            self.out.append(_match(self.text, start, end, entries, self.base))
        if self.taken is not None:
            self.taken.append((self.base + start, self.base + end))
        self.pos = end
        return True

    def inside_word(self, start: int, end: int) -> bool:
        """True if ``start:end`` is one run of word characters (no CJK, no punctuation).

        Then no other form can match validly inside it: a form that starts or ends strictly
        inside a word fails its word boundary, so a rejected hit there needs no second look.
        """
        span = self.folded[start:end]
        return span.isalnum() and (span.isascii() or _CJK.search(span) is None)

    def resolve(self, lo: int, hi: int) -> None:
        """Commit the leftmost-longest valid matches that start in ``[lo, hi)``."""
        stop = min(self.n, hi - 1 + self.matcher._maxlen)
        window = self.folded[lo:stop]
        hits = sorted((lo + s, s - e, i)  # (start, -length, form index)
                      for i, s, e in self.matcher._automaton(True).find_matches_as_indexes(
                          window, overlapping=True) if lo + s < hi)
        for start, negative_length, index in hits:
            if start >= self.pos:
                self.take(index, start, start - negative_length)


def _match(text: str, start: int, end: int, entries: tuple[Entry, ...], base: int) -> Match:
    surface = text[start:end]
    if len(entries) > 1:
        best: dict[str, Entry] = {}
        for e in sorted(entries, key=lambda e: _preference(e, surface)):
            best.setdefault(e.concept_id, e)  # one entry per concept: the most specific
        entries = tuple(best.values())
    return Match(base + start, base + end, surface, entries)


def _excepted(entry: Entry, folded: str, start: int) -> bool:
    for phrase, offset in entry.exceptions:
        at = start - offset
        if at >= 0 and folded.startswith(phrase, at):
            return True
    return False


def _preference(entry: Entry, surface: str) -> tuple[bool, bool]:
    """Sort key: a form written exactly like the surface first, then house forms."""
    return (unify_typography(entry.variant.form) != unify_typography(surface),
            not entry.variant.is_house_form)
