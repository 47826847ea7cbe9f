r"""One-pass, leftmost-longest matching of every surface form of a glossary.

All forms are matched at once over a *folded* text: by the compiled core's trie (see
:mod:`silkterm.glossary.compiled`), or where it is not built by one Aho-Corasick automaton
(ahocorasick-rs, leftmost-longest), with the same results. The folded text is in lower case,
with NBSP and other spaces, dashes and curly apostrophes unified, and every run of separators
between the parts of a name (spaces, hyphens and dashes, with or without spaces around them, and
at most one line break) folded to one space. So ``Khorgos – Eastern Gate``,
``Khorgos Eastern Gate`` and a name wrapped across a line (``Kassym-Jomart\nTokayev``) meet the
listed form; a paragraph break (a blank line), a line that starts with a dash (a list item) and
the line break after a Markdown heading join nothing. :class:`Folded` maps folded offsets back
to code points of the original text exactly (``İ``, the one character whose lower case is two
characters, folds to ``i``). Each hit is then checked for word boundaries (Latin and Cyrillic
forms need non-letter neighbours; Han forms need none), for its case rule, its context exceptions
and protected spans. When a hit fails a check, a shorter valid form still wins (the trie tries the
shorter keys at the same place; the automaton's fallback examines the overlapping hits of that
window): the result is exactly the leftmost-longest valid matches.
``benchmarks/automaton.py`` has the measurements behind the choice of library.

>>> from silkterm.glossary import load_glossary
>>> from silkterm.glossary.index import index_of
>>> m = index_of(load_glossary()).matcher
>>> [(x.start, x.end, x.surface, x.concept_id) for x in m.find("İİ HORGOS, Khorgos-Dongdamen.")]
[(3, 9, 'HORGOS', 'khorgos'), (11, 28, 'Khorgos-Dongdamen', 'khorgos-eastern-gate')]
>>> [(x.surface, x.concept_id) for x in m.find("the Khorgos – Eastern\nGate zone")]
[('Khorgos – Eastern\nGate', 'khorgos-eastern-gate')]
>>> [x.surface for x in m.find("Kassym-Jomart\n\nTokayev")]  # a paragraph break joins nothing
['Tokayev']
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from . import compiled
from .errors import GlossaryConflictError
from .folding import (
    CJK_CHARACTER,
    Folded,
    canonical_separators,
    case_shapes,
    collapse_whitespace,
    fold,
    is_wordish,
    match_key,
    unify_typography,
)
from .model import Action, Case, Concept, Glossary, Kind, Variant, compact_pickle

CHUNK = 1 << 20  # code points matched at a time in a long text
# The ASCII characters that continue a word (see is_wordish): a set lookup in the hot path
_ASCII_WORDISH = frozenset(c for c in map(chr, range(128)) if is_wordish(c))


@compact_pickle
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
    spelled: str = ""  # the form folded, with each whitespace run one space (see _preference)
    kin: tuple[str, ...] = ()  # the keys of the forms of its concept that normalising keeps

    def accepts(self, surface: str) -> bool:
        if self.case is Case.IGNORE or surface in self.shapes:
            return True
        return canonical_separators(surface) in self.shapes


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


_OPTIONAL_COMMA = re.compile(r",(?=\s)")


def optional_commas(form: str) -> str | None:
    """``form`` without the commas between its parts (``One Belt One Road`` for ``One Belt, One
    Road``), or None if it has none: in running text such a comma is often left out.

    >>> optional_commas("One Belt, One Road"), optional_commas("Khorgos")
    ('One Belt One Road', None)
    """
    if "," not in form:
        return None
    bare = _OPTIONAL_COMMA.sub("", form)
    return bare if bare != form else None


def _compile_entry(concept_id: str, variant: Variant, default_case: Case,
                   written: str | None = None, kin: tuple[str, ...] = ()) -> Entry:
    """The entry of ``variant`` as written, or (``written``) as written without its commas."""
    form = written or variant.form
    key = match_key(form)
    case = variant.case or default_case
    canonical = canonical_separators(form)
    # The shapes as written and with canonical separators (Khorgos Eastern Gate, Kassym-Jomart
    # Tokayev wrapped across a line): a separator is no part of a form's case.
    shapes = (frozenset({unify_typography(form), canonical}) if case is Case.EXACT
              else case_shapes(form) | case_shapes(canonical))
    return Entry(
        concept_id=concept_id, variant=variant, case=case, shapes=shapes,
        left_boundary=is_wordish(form[0]), right_boundary=is_wordish(form[-1]),
        exceptions=tuple((match_key(p), match_key(p).index(key))
                         for p in (variant.exceptions if written is None else
                                   (optional_commas(p) or p for p in variant.exceptions))),
        kept=_kept(variant),
        spelled=fold(collapse_whitespace(variant.form)), kin=kin)


def _kept(variant: Variant) -> bool:
    """True if normalising always keeps ``variant``, whatever the date or context."""
    return variant.default_action() is Action.KEEP and variant.kind is not Kind.FORMER_NAME


def _written_forms(concept: Concept) -> Iterator[tuple[Variant, str | None]]:
    """Each form of ``concept`` as written (None), and also without its commas if it has any."""
    for variant in concept.forms():
        yield variant, None
        bare = optional_commas(variant.form)
        if bare is not None:
            yield variant, bare


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
            forms = [(variant, written, match_key(written or variant.form))
                     for variant, written in _written_forms(concept)]
            kin = tuple(sorted({key for variant, _, key in forms if _kept(variant)}))
            for variant, written, key in forms:
                entry = _compile_entry(concept.id, variant, concept.case, written, kin)
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
        if self._trie() is None:  # (what finding needs, built now: the trie, else the automatons)
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
             actionable: bool = False, taken: array[int] | None = None,
             foldings: list[Folded] | None = None) -> list[Match]:
        """Leftmost-longest, non-overlapping matches in ``text``, skipping ``protected`` spans.

        With ``actionable``, matches of forms that normalising always keeps still take their
        place (nothing overlapping them matches) but are not returned. ``taken``, an
        ``array('q')`` if given, receives the span of every match, returned or not: its start
        and end, one after the other, in text order (``taken[0::2]`` are the starts,
        ``taken[1::2]`` the ends). ``foldings``, if given, receives the :class:`Folded` text of
        ``text`` when it was matched in one piece (for a caller that reads the folded text too).

        A long text is matched a chunk of about a megabyte at a time, cut after a line break.
        A name may run across a line break, so each chunk is matched with enough of the next
        one for any match that starts in it to end there (and for its boundary and exception
        checks), and the next chunk starts after the last match: the result is the same as for
        the whole text, and memory stays proportional to the chunk.
        """
        if not text or not self._keys:
            return []
        out: list[Match] = []
        lo, n, done = 0, len(text), 0
        while lo < n:
            hi = text.find("\n", lo + CHUNK) + 1 or n
            end = n if hi == n else self._context_end(text, hi)
            spans = [(max(s, lo) - lo, min(e, end) - lo) for s, e in protected if s < end and e > lo]
            window = text[lo:end] if (lo, end) != (0, n) else text
            done = lo + self._find(window, lo, spans, actionable, taken, out,
                                   skip=max(0, done - lo), stop=hi - lo,
                                   foldings=foldings if window is text else None)
            lo = hi
        return out

    def _context_end(self, text: str, at: int) -> int:
        """An offset after ``at`` far enough for any match starting before ``at`` to end, with
        its right boundary and exception phrases: so many folded characters after ``at``."""
        need = self._reach()
        end = at + need
        while end < len(text) and len(match_key(text[at:end])) <= need:
            end = at + 2 * (end - at)
        return min(end, len(text))

    def _reach(self) -> int:
        reach = self.__dict__.get("_reach_chars")
        if reach is None:
            longest = max((len(p) for entries in self._entries for e in entries
                           for p, _ in e.exceptions), default=0)
            reach = self.__dict__["_reach_chars"] = self._maxlen + longest + 2
        return reach

    def _find(self, text: str, base: int, protected: Sequence[tuple[int, int]],
              actionable: bool, taken: array[int] | None, out: list[Match], *,
              skip: int = 0, stop: int | None = None,
              foldings: list[Folded] | None = None) -> int:
        """Add to ``out`` the matches in ``text`` that start in ``[skip, stop)``; return the end
        of the last match taken (relative to ``text``), or 0. (``foldings``: see :meth:`find`.)"""
        folding = Folded(text)
        if foldings is not None:
            foldings.append(folding)
        scan = _Scan(self, text, folding, protected, base, actionable, taken, out)
        folded, n, checks = scan.folded, scan.n, self._checks()
        if skip:
            scan.pos = folding.folded(skip)
        if stop is not None and stop < len(text):
            scan.stop = folding.folded(stop)
        trie = self._trie()
        if trie is not None:  # the compiled loop: the same matches (tests/glossary/test_cmatch.py)
            return int(trie.find(text, folded, *folding.offset_map(), scan.starts,
                                 [e for _, e in scan.protected], scan.pos, scan.stop, base,
                                 actionable, out, taken, scan.general, is_wordish,
                                 compiled.maker(Match), scan.decided))
        limit, pos, last_end = scan.stop, scan.pos, scan.last_end
        starts, spans, span = scan.starts, scan.protected, folding.span
        runs, shifts = folding.shifts()  # hits come in order: walk the runs, no bisection
        k, last_run, shift = -1, len(runs) - 1, 0
        word, append, entries_of = _ASCII_WORDISH, out.append, self._entries
        # The hot path, inlined: a hit of a form with one entry is checked here (boundaries,
        # protected spans, case shape, exception phrases) and taken without a call; any other
        # hit goes through ``scan.take``, a rejected one to ``scan.resolve`` (whose state,
        # ``pos`` and ``last_end``, is handed over and back) unless it lies inside a word.
        for index, start, end in self._automaton(False).find_matches_as_indexes(folded):
            if start >= limit:
                break
            if start < pos:  # overlaps a match the slow path committed
                if end > pos:
                    scan.pos, scan.last_end = pos, last_end
                    scan.resolve(pos, end)
                    pos, last_end = scan.pos, scan.last_end
                continue
            left, right, entry, shapes, one_word = checks[index]
            if ((left and start and ((c := folded[start - 1]) in word
                                     or (c > "\x7f" and is_wordish(c))))
                    or (right and end < n and ((c := folded[end]) in word
                                               or (c > "\x7f" and is_wordish(c))))):
                pass  # a word boundary missing: rejected
            elif entry is None:  # several entries (an ambiguous form): the general check
                scan.pos, scan.last_end = pos, last_end
                taken_here = scan.take(index, start, end)
                pos, last_end = scan.pos, scan.last_end
                if taken_here:
                    continue
            elif not (starts and (i := bisect.bisect_right(starts, end - 1) - 1) >= 0
                      and spans[i][1] > start):  # (else inside a protected span: rejected)
                while k < last_run and runs[k + 1] <= start:
                    k += 1
                    shift = shifts[k]
                if (k >= 0 and runs[k] == start) or (k < last_run and runs[k + 1] < end):
                    a, b = span(start, end)  # a collapsed run at its start or inside
                else:
                    a, b = start + shift, end + shift
                surface = text[a:b]
                if ((shapes is None or surface in shapes or canonical_separators(surface) in shapes)
                        and not (entry.exceptions and _excepted(entry, folded, start))):
                    at, to = base + a, base + b  # (one int each for both)
                    if not (actionable and entry.kept):
                        append(Match(at, to, surface, entries_of[index]))
                    if taken is not None:
                        taken.append(at)
                        taken.append(to)
                    pos, last_end = end, b
                    continue
            # rejected: a shorter form may match inside, unless the hit is one word
            if not one_word and not scan.inside_word(start, end):
                scan.pos, scan.last_end = pos, last_end
                scan.resolve(start, end)
                pos, last_end = scan.pos, scan.last_end
        return last_end

    def _trie(self) -> Any:
        """The compiled trie of the keys (see :mod:`silkterm.glossary.compiled`), built on first
        use; None where the extension is not built (then the loop below runs in Python)."""
        core = compiled.core
        if core is None:
            return None
        trie = self.__dict__.get("_compiled")
        if trie is None:
            info = []
            for (left, right, entry, shapes, _), entries in zip(self._checks(), self._entries):
                flags = ((core.LEFT if left else 0) | (core.RIGHT if right else 0)
                         | (core.SIMPLE if entry is not None else 0)
                         | (core.KEPT if entry is not None and entry.kept else 0))
                info.append((flags, shapes, entry.exceptions if entry is not None else None,
                             entries))
            trie = self.__dict__["_compiled"] = core.Trie(self._keys, info)
        return trie

    def _excepting(self) -> list[bool]:
        """Per form: whether any of its entries has exception phrases (then whether a hit is
        accepted depends on the text around it, not on its surface alone)."""
        excepting = self.__dict__.get("_excepting_table")
        if excepting is None:
            excepting = [any(e.exceptions for e in entries) for entries in self._entries]
            self.__dict__["_excepting_table"] = excepting
        return excepting

    def _checks(self) -> list[tuple[bool, bool, Entry | None, frozenset[str] | None, bool]]:
        """Per form: whether it needs a word boundary on the left and on the right; for a form
        of one entry (the hot path of ``_find``), that entry and the case shapes it accepts
        (None: any); and whether its key is one ASCII word (then a hit of it that is rejected
        holds no other valid hit: see ``_Scan.inside_word``)."""
        checks = self.__dict__.get("_check_table")
        if checks is None:
            checks = []
            for key, entries in zip(self._keys, self._entries):
                first = entries[0]
                simple = len(entries) == 1
                checks.append((first.left_boundary, first.right_boundary,
                               first if simple else None,
                               None if first.case is Case.IGNORE else first.shapes,
                               key.isascii() and key.isalnum()))
            self.__dict__["_check_table"] = checks
        return checks


class _Scan:
    """The state of one ``Matcher.find`` call over one chunk: offsets are folded offsets
    (``folding`` maps them back to ``text``); hits starting at ``stop`` or later are left to
    the next chunk."""

    __slots__ = (
        "actionable",
        "base",
        "decided",
        "excepting",
        "folded",
        "folding",
        "last_end",
        "last_span",
        "make",
        "matcher",
        "n",
        "out",
        "pos",
        "protected",
        "starts",
        "stop",
        "taken",
        "text",
    )

    def __init__(self, matcher: Matcher, text: str, folding: Folded,
                 protected: Sequence[tuple[int, int]], base: int = 0,
                 actionable: bool = False, taken: array[int] | None = None,
                 out: list[Match] | None = None) -> None:
        self.base = base
        self.actionable = actionable
        self.taken = taken
        self.matcher = matcher
        self.text = text
        self.folding = folding
        self.folded = folding.text
        self.n = len(self.folded)
        self.protected = [(folding.folded(s), folding.folded_end(e)) for s, e in protected]
        self.starts = [s for s, _ in self.protected]
        self.out: list[Match] = [] if out is None else out
        self.pos = 0
        self.stop = self.n
        self.last_end = 0
        self.last_span = (0, 0, 0, 0)
        self.decided: dict[tuple[int, str], tuple[tuple[Entry, ...], bool]] = {}
        self.excepting = matcher._excepting()
        self.make = compiled.maker(Match)

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
        a, b = self.folding.span(start, end)
        self.last_span = (start, end, a, b)
        return self._accepting(index, start, a, b)

    def _accepting(self, index: int, start: int, a: int, b: int) -> tuple[Entry, ...]:
        """The entries of form ``index`` whose case and exception phrases accept its hit at
        folded ``start``, original ``a:b`` (its boundaries and protected spans checked)."""
        surface, folded = self.text[a:b], self.folded
        return tuple(e for e in self.matcher._entries[index]
                     if e.accepts(surface) and not (e.exceptions and _excepted(e, folded, start)))

    def _reported(self, entries: tuple[Entry, ...], a: int, b: int) -> Match | None:
        """The match of accepting ``entries`` at original ``a:b`` (one entry per concept), or
        None for a kept form when only actionable matches are wanted."""
        surface = self.text[a:b]
        if len(entries) > 1:
            entries = _best(entries, surface)
        if self.actionable and len(entries) == 1 and entries[0].kept:
            return None
        return Match(self.base + a, self.base + b, surface, entries)

    def general(self, index: int, start: int, end: int, a: int,
                b: int) -> tuple[int, int, Match | None] | None:
        """For the compiled loop, the hit of form ``index`` at folded ``start:end``, original
        ``a:b``, whose boundaries and protected spans it checked: None if no entry accepts it,
        else its original span and its match (None: not reported). The rest of :meth:`take`.

        Where no entry of the form has exception phrases, what it decides depends on the
        surface alone: each (form, surface) is decided once per call (a text repeats them)."""
        surface = self.text[a:b]
        excepting = self.excepting[index]
        decided = None if excepting else self.decided.get((index, surface))
        if decided is None:
            entries = self._accepting(index, start, a, b)
            if entries and len(entries) > 1:
                entries = _best(entries, surface)
            decided = (entries, bool(entries) and not (
                self.actionable and len(entries) == 1 and entries[0].kept))
            if not excepting:
                self.decided[(index, surface)] = decided
        entries, reported = decided
        if not entries:
            return None
        return a, b, self.make(self.base + a, self.base + b, surface, entries) if reported else None

    def take(self, index: int, start: int, end: int) -> bool:
        if start >= self.stop:
            return False
        entries = self.valid(index, start, end)
        if not entries:
            return False
        _, _, a, b = self.last_span  # set by valid for this hit
        match = self._reported(entries, a, b)
        if match is not None:
            self.out.append(match)
        if self.taken is not None:
            self.taken.append(self.base + a)
            self.taken.append(self.base + b)
        self.pos = end
        self.last_end = b
        return True

    def inside_word(self, start: int, end: int) -> bool:
        """True if ``start:end`` is one run of word characters (no CJK, no punctuation).

        Then no other form can match validly inside it: a form that starts or ends strictly
        inside a word fails its word boundary, so a rejected hit there needs no second look.
        """
        span = self.folded[start:end]
        return span.isalnum() and (span.isascii() or CJK_CHARACTER.search(span) is None)

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


def _best(entries: tuple[Entry, ...], surface: str) -> tuple[Entry, ...]:
    """One entry per concept: the one that fits ``surface`` best (see :func:`_preference`)."""
    best: dict[str, Entry] = {}
    spelled = fold(collapse_whitespace(surface))
    for e in sorted(entries, key=lambda e: _preference(e, spelled)):
        best.setdefault(e.concept_id, e)
    return tuple(best.values())


def _excepted(entry: Entry, folded: str, start: int) -> bool:
    for phrase, offset in entry.exceptions:
        at = start - offset
        if at >= 0 and folded.startswith(phrase, at):
            return True
    return False


def _preference(entry: Entry, spelled: str) -> tuple[bool, bool]:
    """Sort key: a form written like the surface (``spelled``: folded, whitespace runs one
    space; ``HORGOS-DONGDAMEN`` is ``Horgos-Dongdamen``, not ``Horgos Dongdamen``) first,
    then house forms."""
    return entry.spelled != spelled, not entry.variant.is_house_form
