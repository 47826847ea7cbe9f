r"""One-pass, leftmost-longest matching of every surface form of a glossary.

All forms go into one Aho-Corasick automaton (ahocorasick-rs, leftmost-longest) over a *folded*
text: lower case, with NBSP and other spaces, dashes and curly apostrophes unified, and every run
of separators between the parts of a name (spaces, hyphens and dashes, with or without spaces
around them, and at most one line break) folded to one space. So ``Khorgos – Eastern Gate``,
``Khorgos Eastern Gate`` and a name wrapped across a line (``Kassym-Jomart\nTokayev``) meet the
listed form; a paragraph break (a blank line), a line that starts with a dash (a list item) and
the line break after a Markdown heading join nothing. :class:`Folded` maps folded offsets back
to code points of the original text exactly (``İ``, the one character whose lower case is two
characters, folds to ``i``). Each hit is then checked for word boundaries (Latin and Cyrillic
forms need non-letter neighbours; Han forms need none), for its case rule, its context exceptions
and protected spans. When a hit fails a check, the overlapping hits of that window are examined so
that a shorter valid form still wins: the result is exactly the leftmost-longest valid matches.
``benchmarks/automaton.py`` has the measurements behind the choice of library.

>>> from silkterm.glossary import load_glossary
>>> m = load_glossary().matcher
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
import unicodedata
from collections.abc import Iterator, Sequence
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


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SEPARATORS_AT = re.compile(r"[\s\-]+")
_RARE_BREAK = re.compile(r"[\r\x0b\x0c\x1c-\x1e]")
_LINE_BREAK_CHAR = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
_SEPARATOR_RUN = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d]+")
_WHITESPACE_RUN = re.compile(r"\s+")
# Whitespace that :func:`fold` leaves and a lone one of which is a space or joining line break
# (U+2029, a paragraph separator, is neither)
_OTHER_SPACES = tuple(chr(c) for c in range(0x80, 0x3001)
                      if chr(c).isspace() and chr(c) != "\u2029" and chr(c) not in _TYPOGRAPHY)
_ASCII_SPACES = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _separator(char: str) -> bool:
    return char.isspace() or char in _DASHES


def _heading_ends(folded: str) -> list[int]:
    """The offsets of the line breaks that end Markdown headings (lines that start with ``#``)."""
    out: list[int] = []
    at = folded.find("#")
    while at != -1:
        start = at
        while start > 0 and folded[start - 1].isspace() and folded[start - 1] not in _BREAKS:
            start -= 1
        if start == 0 or folded[start - 1] in _BREAKS:
            end = _LINE_BREAK_CHAR.search(folded, at)
            if end is None:
                break
            out.append(end.start())
            at = end.start()
        at = folded.find("#", at + 1)
    return out


def _runs(folded: str, spaced: str, heading_ends: list[int]) -> Iterator[tuple[int, int]]:
    """The separator runs of ``folded`` (folded by :func:`fold`) that need a decision: two or
    more separators, a paragraph separator, or the line break after a heading. ``spaced`` is
    ``folded`` with every lone separator but U+2029 a space already, so the runs are found by
    ``str.find`` (much faster on running text than a regular expression at every space)."""
    seeds: list[int] = []
    at = spaced.find("  ")
    while at != -1:
        seeds.append(at)
        at = spaced.find("  ", _SEPARATORS_AT.match(folded, at).end())  # type: ignore[union-attr]
    if "\u2029" in folded:
        seeds.extend(m.start() for m in re.finditer("\u2029", folded))
    if heading_ends or len(seeds) > 1:
        seeds = sorted(seeds + heading_ends)
    end = 0
    for seed in seeds:
        if seed < end:
            continue
        start = seed
        while start > end and (folded[start - 1] == "-" or folded[start - 1].isspace()):
            start -= 1
        end = _SEPARATORS_AT.match(folded, seed).end()  # type: ignore[union-attr]
        yield start, end


def _line_breaks(run: str) -> int:
    """How many line breaks a run of separators holds (CR LF is one; U+2029 ends a paragraph)."""
    if run.isascii() and _RARE_BREAK.search(run) is None:
        return run.count("\n")  # the usual run: spaces, hyphens and line feeds
    count = sum(run.count(c) for c in _BREAKS if c in run) - run.count("\r\n")
    return count + 1 if "\u2029" in run else count


def _joins(run: str, breaks: int, at: int, heading_ends: list[int]) -> bool:
    """True if the separator run ``run`` (with ``breaks`` line breaks) at ``at`` may stand
    between two parts of a name.

    Spaces, hyphens and dashes do, with at most one line break; a blank line (a paragraph
    break) does not, nor a line break before a dash that starts the next line (a list item), nor
    the line break that ends a Markdown heading (one of ``heading_ends``).
    """
    if breaks == 0:
        return True
    if breaks > 1:
        return False
    last = max(run.rfind(c) for c in _BREAKS)
    if "-" in run[last:]:
        return False
    if heading_ends:
        first = _LINE_BREAK_CHAR.search(run).start()  # type: ignore[union-attr]
        k = bisect.bisect_left(heading_ends, at + first)
        return not (k < len(heading_ends) and heading_ends[k] == at + first)
    return True


class Folded:
    r"""The matching key of a whole text, with the map from its offsets back to the text's.

    Lower case, typography unified (as :func:`fold`), every separator run that joins the parts
    of a name (see :func:`_joins`) one space, every other run with a line break one paragraph
    separator (U+2029, which no form holds). Folding twice changes nothing.

    >>> f = Folded("Kassym-Jomart \u2013\nTOKAYEV")
    >>> f.text, f.original(f.text.index("tokayev")), f.original_end(len(f.text))
    ('kassym jomart tokayev', 16, 23)
    >>> Folded("Khorgos\n\n- Eastern").text
    'khorgos\u2029eastern'
    """

    __slots__ = ("text", "_p", "_a", "_b")

    def __init__(self, text: str) -> None:
        from array import array

        folded = fold(text)
        self._p, self._a, self._b = array("q"), array("q"), array("q")  # per collapsed run
        if not (" " in folded or "-" in folded or not folded.isprintable()):
            self.text = folded
            return
        spaced = folded.replace("-", " ").replace("\n", " ").replace("\t", " ")
        for char in _ASCII_SPACES if folded.isascii() else _ASCII_SPACES + _OTHER_SPACES:
            if char in spaced:
                spaced = spaced.replace(char, " ")
        headings = _heading_ends(folded) if "#" in folded else []
        pieces: list[str] = []
        pos = shift = 0
        for a, b in _runs(folded, spaced, headings):
            run = folded[a:b]
            sep = " " if _joins(run, _line_breaks(run), a, headings) else "\u2029"
            pieces.append(spaced[pos:a])
            pieces.append(sep)
            pos = b
            if b - a > 1:
                self._p.append(a - shift)
                self._a.append(a)
                self._b.append(b)
                shift += b - a - 1
        if pieces:
            pieces.append(spaced[pos:])
            spaced = "".join(pieces)
        self.text = spaced

    def original(self, i: int) -> int:
        """The offset in the original text of the character at folded offset ``i``."""
        k = bisect.bisect_right(self._p, i) - 1
        if k < 0:
            return i
        p = self._p[k]
        return self._a[k] if i == p else i + self._b[k] - p - 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end``."""
        runs = self._p
        if not runs:
            return start, end
        k = bisect.bisect_right(runs, start) - 1
        if k >= 0 and runs[k] == start or k + 1 < len(runs) and runs[k + 1] < end:
            return self.original(start), (self.original(end - 1) + 1 if end > 0 else 0)
        shift = self._b[k] - runs[k] - 1 if k >= 0 else 0  # no run inside: one shift for both
        return start + shift, end + shift

    def original_end(self, i: int) -> int:
        """The original end offset of a folded span ending at ``i`` (exclusive)."""
        return self.original(i - 1) + 1 if i > 0 else 0

    def folded(self, o: int) -> int:
        """The folded offset of the character at original offset ``o`` (a run's one character)."""
        k = bisect.bisect_right(self._a, o) - 1
        if k < 0:
            return o
        if o < self._b[k]:
            return self._p[k]
        return o - (self._b[k] - self._p[k] - 1)

    def folded_end(self, o: int) -> int:
        """The folded end offset of an original span ending at ``o`` (exclusive)."""
        return self.folded(o - 1) + 1 if o > 0 else 0


def match_key(text: str) -> str:
    """The key a form is matched by: :class:`Folded` text (case, typography and separators).

    >>> match_key("Khorgos – Eastern\u00a0Gate") == match_key("khorgos-eastern gate")
    True
    """
    if text and not (_separator(text[0]) or _separator(text[-1])) and \
            _LINE_BREAK_CHAR.search(text) is None:
        return " ".join(fold(text).replace("-", " ").split())  # the same, for a form; faster
    return Folded(text).text


def canonical_separators(text: str) -> str:
    r"""``text`` with typography unified and each separator run one space (case kept).

    >>> canonical_separators("Kassym-Jomart\nTokayev")
    'Kassym Jomart Tokayev'
    """
    if text.isascii() and text.isprintable() and "-" not in text and "  " not in text:
        return text  # the usual surface: nothing to do
    return _SEPARATOR_RUN.sub(" ", unify_typography(text))


def collapse_whitespace(text: str) -> str:
    """``text`` with typography unified and each whitespace run one space (hyphens kept)."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text  # the usual surface: nothing to do
    return _WHITESPACE_RUN.sub(" ", unify_typography(text))


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


def _written_forms(concept: Any) -> Iterator[tuple[Variant, str | None]]:
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
                                   skip=max(0, done - lo), stop=hi - lo)
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
              actionable: bool, taken: list[tuple[int, int]] | None, out: list[Match], *,
              skip: int = 0, stop: int | None = None) -> int:
        """Add to ``out`` the matches in ``text`` that start in ``[skip, stop)``; return the end
        of the last match taken (relative to ``text``), or 0."""
        folding = Folded(text)
        scan = _Scan(self, text, folding, protected, base, actionable, taken, out)
        folded, n, edges = scan.folded, scan.n, self._edges()
        if skip:
            scan.pos = folding.folded(skip)
        if stop is not None and stop < len(text):
            scan.stop = folding.folded(stop)
        limit = scan.stop
        for index, start, end in self._automaton(False).find_matches_as_indexes(folded):
            if start >= limit:
                break
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
        return scan.last_end

    def _edges(self) -> list[tuple[bool, bool]]:
        edges = self.__dict__.get("_edge_flags")
        if edges is None:
            edges = [(e[0].left_boundary, e[0].right_boundary) for e in self._entries]
            self.__dict__["_edge_flags"] = edges
        return edges


class _Scan:
    """The state of one ``Matcher.find`` call over one chunk: offsets are folded offsets
    (``folding`` maps them back to ``text``); hits starting at ``stop`` or later are left to
    the next chunk."""

    __slots__ = ("matcher", "text", "folding", "folded", "n", "protected", "starts", "out", "pos",
                 "stop", "base", "actionable", "taken", "last_end", "last_span")

    def __init__(self, matcher: Matcher, text: str, folding: Folded,
                 protected: Sequence[tuple[int, int]], base: int = 0,
                 actionable: bool = False, taken: list[tuple[int, int]] | None = None,
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
        surface = self.text[a:b]
        return tuple(e for e in entries
                     if e.accepts(surface) and not (e.exceptions and _excepted(e, folded, start)))

    def take(self, index: int, start: int, end: int) -> bool:
        if start >= self.stop:
            return False
        entries = self.valid(index, start, end)
        if not entries:
            return False
        _, _, a, b = self.last_span  # set by valid for this hit
        if len(entries) > 1:
            entries = _best(entries, self.text[a:b])
        if not (self.actionable and len(entries) == 1 and entries[0].kept):
            self.out.append(Match(self.base + a, self.base + b, self.text[a:b], entries))
        if self.taken is not None:
            self.taken.append((self.base + a, self.base + b))
        self.pos = end
        self.last_end = b
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
