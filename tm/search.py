"""Fuzzy search and concordance over the translation memory.

Scores are 0-100 as CAT tools show them: the Levenshtein similarity of the two plain texts,
``floor(100 * (L - d) / L)`` where ``d`` is the edit distance (insertions, deletions and
substitutions all cost 1) and ``L`` the length of the longer of the two compared strings — that
is ``rapidfuzz.distance.Levenshtein.normalized_similarity`` times 100, floored, computed in
integers so that no rounding error moves a score across a threshold.

What is compared depends on the query:

* a query containing a CJK ideograph is compared **per character**: both strings are case-folded
  and every whitespace character is removed (Chinese has no spaces, and a stray one must not cost);
* any other query is compared **token-aware**: both strings are case-folded and split into
  whitespace-separated tokens, which are joined back with one space (``" ".join(s.casefold()
  .split())``): ``"Trains  exit CHINA."`` and ``"trains exit china."`` compare equal — case and
  whitespace never cost; punctuation is part of its token and costs like any character.

Score 100 is kept for an **exact** match (the stored plain text equals the query after stripping
outer whitespace, ``how="exact"``); a text that differs only in case or spacing scores 99.
Hits are ordered: exact first, then by score, then by the smaller length difference to the
query, then by storage order. One hit per unit.

Search reads the memory only through :class:`~silkterm.tm.backend.MemoryBackend` (the
statements live in the backend, :class:`~silkterm.tm.store.Memory` for SQLite); a bare
``sqlite3.Connection`` is wrapped as one. Lookup is **indexed** (``exhaustive=False``, the
default), in the SQLite memory on the FTS5 trigram table ``segments_fts``:

1. the document frequency of every trigram of the query is estimated from a sample of the
   memory (:data:`~silkterm.tm.store.SAMPLE` segments in evenly spaced runs), which every import
   stores in the memory (a memory made otherwise is sampled on the first query, the sample kept
   per :class:`~silkterm.tm.store.Memory` until the database changes); trigrams missing from the
   sample are checked in the index (``LIMIT 1``) so that a trigram made by a typo is not taken;
2. the rarest non-overlapping trigrams (at most :data:`MAX_TRIGRAMS`; a single edit of the query
   destroys at most one of them) are paired, the rarest with the most common, and each pair is
   AND-ed in one FTS5 query; the rows matching most pairs (``GROUP BY rowid ORDER BY count(*)``)
   are the candidates (at most :data:`CANDIDATES`), scored with RapidFuzz;
3. if no candidate reaches ``min_score``, a second stage ORs the :data:`SINGLES` rarest trigrams
   one by one (more recall for heavily edited queries).

Queries shorter than three characters use the ``segments(lang, text)`` index (exact and prefix
match). With ``exhaustive=True`` every segment of the source language is scored (the texts are
kept per memory until the database changes): the reference the indexed lookup is measured
against — ``benchmarks/tm.py`` reports how often the best hits agree.

>>> from silkterm.tm.search import _score, _key
>>> _score(_key("Trains exit China.", False), _key("Trains  exit china", False))
94
>>> _score(_key("列车驶出中国", True), _key("列车驶出中国。", True))
85
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .backend import MemoryBackend, StoredSegment, TrigramCounts
from .model import compatible, lang_matches
from .store import SQLiteBackend
from .store import all_trigrams as _all_trigrams  # noqa: F401 (tests/tm/test_store.py uses it)

if TYPE_CHECKING:
    from silkterm.glossary.model import Glossary

__all__ = [
    "CANDIDATES",
    "MAX_TRIGRAMS",
    "SINGLES",
    "ConcordanceHit",
    "Hit",
    "MemoryBackend",
    "SearchResult",
    "TermMark",
    "concordance",
    "score",
    "search",
]

MAX_TRIGRAMS = 8       # at most this many non-overlapping rare trigrams go into the FTS query
CANDIDATES = 300       # rows taken from the FTS queries (most terms matched first), scored
SINGLES = 6            # rare trigrams OR-ed in the second stage
SHORT_CANDIDATES = 500  # rows taken from the (lang, text) index for queries under 3 characters

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WS = re.compile(r"\s+")


# ------------------------------------------------------------------------------------------
# values


@dataclass(frozen=True, slots=True)
class TermMark:
    """A glossary term found in the query: where, which concept, its house form in the query's
    language (``canonical``), and its Chinese and English house forms."""

    surface: str
    start: int
    end: int
    concept_id: str
    canonical: str
    zh: str | None
    en: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"surface": self.surface, "start": self.start, "end": self.end,
                "concept": self.concept_id, "canonical": self.canonical, "zh": self.zh,
                "en": self.en}


@dataclass(frozen=True, slots=True)
class Hit:
    """One unit of the memory matching the query, with its 0-100 score."""

    tuid: str
    score: int
    source: str
    target: str | None
    source_lang: str
    target_lang: str | None
    props: tuple[tuple[str, str], ...]
    how: str  # "exact" | "fuzzy"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (props as ``[type, value]`` pairs).

        >>> Hit("t1", 100, "a", "甲", "en", "zh-hans", (("x", "y"),), "exact").to_dict()["props"]
        [['x', 'y']]
        """
        return {"tuid": self.tuid, "score": self.score, "source": self.source,
                "target": self.target, "source_lang": self.source_lang,
                "target_lang": self.target_lang, "props": [list(p) for p in self.props],
                "how": self.how}


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of one query, best first, and the glossary terms found in the query."""

    query: str
    hits: tuple[Hit, ...]
    terms: tuple[TermMark, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"query": self.query, "hits": [h.to_dict() for h in self.hits],
                "terms": [t.to_dict() for t in self.terms]}


@dataclass(frozen=True, slots=True)
class ConcordanceHit:
    """A segment containing the searched word or phrase.

    ``spans`` are the ``(start, end)`` code-point offsets of every occurrence in ``text``
    (case-insensitive); ``others`` are the unit's other segments as ``(lang, text)``.
    """

    tuid: str
    lang: str
    text: str
    spans: tuple[tuple[int, int], ...]
    others: tuple[tuple[str, str], ...] = ()

    def highlighted(self, open_mark: str = "[[", close_mark: str = "]]") -> str:
        """``text`` with every span wrapped in the marks.

        >>> ConcordanceHit("t", "en", "Khorgos and khorgos", ((0, 7), (12, 19))).highlighted()
        '[[Khorgos]] and [[khorgos]]'
        """
        out: list[str] = []
        pos = 0
        for start, end in self.spans:
            out += [self.text[pos:start], open_mark, self.text[start:end], close_mark]
            pos = end
        out.append(self.text[pos:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"tuid": self.tuid, "lang": self.lang, "text": self.text,
                "spans": [list(s) for s in self.spans],
                "others": [{"lang": lang, "text": text} for lang, text in self.others]}


# ------------------------------------------------------------------------------------------
# scoring


def _is_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def _key(text: str, cjk: bool) -> str:
    """The string a score compares: see the module docstring.

    >>> _key(" Trains  exit,China ", False)
    'trains exit,china'
    >>> _key("列车 驶出中国", True)
    '列车驶出中国'
    """
    if cjk:
        return "".join(text.split()).casefold()
    return " ".join(text.casefold().split())


def _score(a: str, b: str, min_score: int = 0) -> int:
    """``floor(100 * (L - d) / L)`` for the keys ``a`` and ``b``; -1 when below ``min_score``."""
    from rapidfuzz.distance import Levenshtein

    longest = max(len(a), len(b))
    if longest == 0:
        return 100
    # the largest distance that still reaches min_score: 100*(L-d) >= min_score*L
    max_d = (100 * longest - min_score * longest) // 100
    if abs(len(a) - len(b)) > max_d:
        return -1
    d = Levenshtein.distance(a, b, score_cutoff=max_d)
    if d > max_d:
        return -1
    return (100 * (longest - d)) // longest


def score(query: str, text: str) -> int:
    """The 0-100 score of ``text`` for ``query`` (100 only for an exact match).

    >>> score("Trains exit China.", "Trains exit China.")
    100
    >>> score("Trains exit China.", "trains exit  CHINA.")
    99
    >>> score("Trains exit China.", "Trains exit Chinas.")
    94
    """
    if text.strip() == query.strip():
        return 100
    cjk = _is_cjk(query)
    return min(99, _score(_key(query, cjk), _key(text, cjk)))


# ------------------------------------------------------------------------------------------
# database access


def _backend(memory: MemoryBackend | sqlite3.Connection) -> MemoryBackend:
    """The memory itself, or a bare SQLite connection wrapped as one."""
    if isinstance(memory, sqlite3.Connection):
        return SQLiteBackend(memory)
    return memory


def _lang_matches(stored: str, wanted: str) -> bool:
    """``stored`` answers ``wanted``: the same tag, an equivalent one (zh-hans and zh-cn) or a
    more specific one (en matches en-us)."""
    return lang_matches(wanted, stored)


def _source_langs(memory: MemoryBackend, wanted: str) -> list[str]:
    """The stored languages that answer ``wanted`` (see :func:`_lang_matches`)."""
    return [lang for lang in memory.stored_langs() if _lang_matches(lang, wanted)]


@dataclass(slots=True)
class _Candidate:
    seg_id: int
    unit: int
    lang: str
    text: str
    score: int = 0
    exact: bool = False

    def order(self, qlen: int) -> tuple[int, int, int, int]:
        return (0 if self.exact else 1, -self.score, abs(len(self.text) - qlen), self.seg_id)


@dataclass(frozen=True, slots=True)
class _Corpus:
    """Every segment of one language, with its key, for exhaustive scans (kept by the memory
    until it changes: :meth:`~silkterm.tm.backend.MemoryBackend.cached`)."""

    segments: tuple[StoredSegment, ...]
    keys: tuple[str, ...]


def _exhaustive(memory: MemoryBackend, qkey: str, cjk: bool, source_lang: str,
                min_score: int) -> list[_Candidate]:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    def build() -> _Corpus:
        segments = tuple(memory.segments_in(_source_langs(memory, source_lang)))
        return _Corpus(segments, tuple(_key(s.text, cjk) for s in segments))

    corpus = memory.cached(("corpus", source_lang, cjk), build)
    cutoff = max(0.0, (min_score - 1) / 100)
    found = process.extract(qkey, corpus.keys, scorer=Levenshtein.normalized_similarity,
                            score_cutoff=cutoff, limit=None)
    return [_Candidate(*corpus.segments[i]) for _, _, i in found]


def _rarity(memory: MemoryBackend, *_: object) -> TrigramCounts:
    """The memory's trigram document frequencies (a second argument, once its connection, is
    ignored)."""
    return memory.trigram_counts()


def _pick_trigrams(memory: MemoryBackend, text: str) -> list[str]:
    """The rarest non-overlapping trigrams of ``text`` that occur in the memory (at most
    :data:`MAX_TRIGRAMS`), rarest first: an edit of the query destroys at most one of them."""
    folded = text.lower()
    first: dict[str, int] = {}
    for i in range(len(folded) - 2):
        first.setdefault(folded[i:i + 3], i)
    get = _rarity(memory).lookup(list(first)).get
    ranked = sorted((get(gram, 0), pos, gram) for gram, pos in first.items())
    chosen: list[tuple[int, str]] = []
    for n, pos, gram in ranked:
        if all(abs(pos - p) >= 3 for p, _ in chosen):
            if n == 0 and not memory.has_trigram(gram):  # not in the sample: rare, or a typo
                continue
            chosen.append((pos, gram))
            if len(chosen) >= MAX_TRIGRAMS:
                break
    return [g for _, g in chosen]


def _indexed(memory: MemoryBackend, text: str, source_lang: str,
             stage: int) -> list[_Candidate] | None:
    """Candidates of lookup stage 1 (pairs of rare trigrams, AND-ed) or 2 (single rare
    trigrams); ``None`` when the stage does not apply."""
    rows: list[StoredSegment] = []
    if len(text) < 3:
        if stage > 1:
            return None
        for lang in _source_langs(memory, source_lang):  # one range of the (lang, text) index
            rows += memory.prefix_candidates(lang, text, SHORT_CANDIDATES)
    else:
        grams = _pick_trigrams(memory, text)
        if not grams:
            return None
        groups: list[tuple[str, ...]]
        if stage == 1 and len(grams) >= 4:
            # rarest with most common: each pair is as selective as the pairs can be
            ordered = grams[:]
            groups = []
            while len(ordered) >= 2:
                groups.append((ordered.pop(0), ordered.pop()))
            groups += [(g,) for g in ordered]
        elif stage == 1 or (stage == 2 and len(grams) >= 4):
            groups = [(g,) for g in grams[:SINGLES]]
        else:
            return None
        rows = memory.trigram_candidates(groups, CANDIDATES)
    return [_Candidate(*row) for row in rows if _lang_matches(row.lang, source_lang)]


def _targets(memory: MemoryBackend, units: list[int], target_lang: str
             ) -> dict[int, tuple[str, str]]:
    """For each unit, its segment in ``target_lang``: exact tag, else a more specific tag, else
    a compatible one (:func:`~silkterm.tm.model.compatible`: zh-hans finds zh-cn, en-gb finds
    en-us, but zh-hant never finds simplified Chinese)."""
    best: dict[int, tuple[int, str, str]] = {}
    for _, unit, lang, text in memory.unit_segments(units):
        if lang == target_lang:
            rank = 0
        elif _lang_matches(lang, target_lang):
            rank = 1
        elif compatible(target_lang, lang):
            rank = 2
        else:
            continue
        if unit not in best or rank < best[unit][0]:
            best[unit] = (rank, lang, text)
    return {unit: (lang, text) for unit, (_, lang, text) in best.items()}


def _terms(query: str, glossary: Glossary) -> tuple[TermMark, ...]:
    from silkterm.glossary import find_terms

    marks = []
    for f in find_terms(query, glossary, unseen=False):
        concept = glossary.get(f.concept_id)
        marks.append(TermMark(f.surface, f.start, f.end, f.concept_id, f.canonical,
                              concept.zh if concept is not None else None,
                              concept.en if concept is not None else None))
    return tuple(marks)


# ------------------------------------------------------------------------------------------
# the API


def search(memory: MemoryBackend | sqlite3.Connection, query: str, *, source_lang: str = "en", target_lang: str = "zh-hans",
           limit: int = 5, min_score: int = 70, glossary: Glossary | None = None,
           exhaustive: bool = False) -> SearchResult:
    """The best ``limit`` units whose ``source_lang`` segment scores at least ``min_score``
    against ``query``, best first, with their ``target_lang`` segment (see the module docstring
    for scores, order and the index). With ``glossary``, ``terms`` lists the glossary terms of
    the query.
    """
    if not 0 <= min_score <= 100:
        raise ValueError("min_score must be between 0 and 100")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    backend = _backend(memory)
    source_lang = source_lang.lower()
    target_lang = target_lang.lower()
    terms = _terms(query, glossary) if glossary is not None else ()
    stripped = query.strip()
    if not stripped:
        return SearchResult(query, (), terms)
    cjk = _is_cjk(stripped)
    qkey = _key(stripped, cjk)
    best_per_unit: dict[int, _Candidate] = {}
    qlen = len(stripped)
    for stage in ((0,) if exhaustive else (1, 2)):
        if stage == 0:
            candidates = _exhaustive(backend, qkey, cjk, source_lang, min_score)
        else:
            found = _indexed(backend, _WS.sub(" ", stripped), source_lang, stage)
            if found is None:
                break
            candidates = found
        for c in candidates:
            c.exact = c.text.strip() == stripped
            c.score = 100 if c.exact else min(99, _score(qkey, _key(c.text, cjk), min_score))
            if c.score < min_score:
                continue
            old = best_per_unit.get(c.unit)
            if old is None or c.order(qlen) < old.order(qlen):
                best_per_unit[c.unit] = c
        if best_per_unit:
            break
    ranked = sorted(best_per_unit.values(), key=lambda c: c.order(qlen))[:limit]
    if not ranked:
        return SearchResult(query, (), terms)
    units = [c.unit for c in ranked]
    info = backend.unit_info(units)
    targets = _targets(backend, units, target_lang)
    hits = []
    for c in ranked:
        tuid, props = info[c.unit]
        tlang, ttext = targets.get(c.unit, (None, None))
        hits.append(Hit(tuid, c.score, c.text, ttext, c.lang, tlang, props,
                        "exact" if c.exact else "fuzzy"))
    return SearchResult(query, tuple(hits), terms)


def concordance(memory: MemoryBackend | sqlite3.Connection, text: str, *, lang: str | None = None,
                limit: int = 50) -> tuple[ConcordanceHit, ...]:
    """Segments containing ``text`` (a word or phrase, case-insensitive), in storage order, at
    most ``limit``; ``lang`` restricts the language searched (en matches en-us too).

    In the SQLite memory, phrases of three or more characters use the FTS5 trigram index (every trigram of the
    phrase, AND-ed: the index keeps no positions), shorter ones ``LIKE``; every candidate is
    confirmed and its spans located in Python (``re.IGNORECASE``).
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    backend = _backend(memory)
    phrase = text.strip()
    if not phrase:
        return ()
    wanted = lang.lower() if lang else None
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    found: list[tuple[int, str, str, tuple[tuple[int, int], ...]]] = []
    for _, unit, seg_lang, stored in backend.phrase_candidates(phrase):
        if wanted is not None and not _lang_matches(seg_lang, wanted):
            continue
        spans = tuple(m.span() for m in pattern.finditer(stored))
        if not spans:
            continue
        found.append((unit, seg_lang, stored, spans))
        if len(found) >= limit:
            break
    if not found:
        return ()
    units = sorted({f[0] for f in found})
    info = backend.unit_info(units)
    others: dict[int, list[tuple[str, str]]] = {}
    for _, unit, seg_lang, stored in backend.unit_segments(units):
        others.setdefault(unit, []).append((seg_lang, stored))
    out = []
    for unit, seg_lang, stored, spans in found:
        rest = tuple((lg, tx) for lg, tx in others.get(unit, [])
                     if not (lg == seg_lang and tx == stored))
        out.append(ConcordanceHit(info[unit].tuid, seg_lang, stored, spans, rest))
    return tuple(out)
