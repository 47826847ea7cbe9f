"""Collect the names and terms of new texts: candidates, clusters of spellings, proposals.

:class:`Collector` reads texts (a chunk at a time, in bounded memory: what it keeps grows with the
number of distinct names, not with the text), finds name candidates in each (English:
:mod:`~silkterm.glossary.candidates`; Chinese: :mod:`~silkterm.glossary.candidates_zh`), counts
them per form, and :meth:`Collector.result` turns the forms into :class:`Proposal` s:

1. **Non-names go.** A capitalised word that only ever starts a sentence, is in no longer name of
   the corpus and has no cue (a title, a suffix, "in X") is an ordinary word written at a sentence
   start.
2. **Known forms anchor.** Every form is looked up in the glossary
   (:func:`~silkterm.glossary.query.lookup`): a form the glossary lists (or folds to one of its
   forms) is never proposed; a spelling that only the loose fold joins to a concept (Tokaev,
   Qorgas) is proposed as a variant of that concept.
3. **Spellings cluster** through union–find over rules, each merge recording its rule and score
   (:data:`RULES`): the same loose key (Aktobe / Aqtobe), an acronym and its expansion (KTZ /
   Kazakhstan Temir Zholy), a surname after the full name (Smailov / Alikhan Smailov), the same
   place in the shipped open data (Semey / Semipalatinsk / 塞米伊, GeoNames and CLDR), the pinyin of a
   Chinese name (李强 / Li Qiang), the Xinhua reading of a Kazakh or Russian name (别克捷诺夫 /
   Bektenov), a translated name and its English name in CC-CEDICT (中国石化 / Sinopec), a place and
   the crossing or city named after it (巴克图 / 巴克图口岸), a dropped vowel (Kzyl-Orda /
   Kyzylorda), and for Chinese the given name after a middle dot (托卡耶夫 / 卡瑟姆若马尔特·托卡耶夫). Distinct names never merge:
   two clusters that name different concepts or different places stay apart, and so do a man's
   and a woman's form of a surname (Abenov / Abenova).
4. **Proposals.** A cluster holding a known concept proposes its new spellings as variants of that
   concept (never a new concept); any other cluster proposes a new concept with an id, a type from
   the cues, counts, the files and a few contexts (file, line, column, the sentence).

>>> from silkterm.glossary import load_glossary
>>> c = Collector(load_glossary())
>>> c.add(["Prime Minister Alikhan Smailov visited Aqtobe. Smailov met the Aktobe governor.\\n",
...        "Later Tokaev flew to Horgos.\\n"], "a.txt")
>>> for p in c.result().proposals:
...     print(p.id, p.concept, p.type, [(f.form, f.count, f.rule) for f in p.forms if f.count])
alikhan-smailov None person [('Alikhan Smailov', 1, None), ('Smailov', 1, 'short form of Alikhan Smailov')]
aktobe None place [('Aktobe', 1, None), ('Aqtobe', 1, 'loose fold with Aktobe')]
kassym-jomart-tokayev kassym-jomart-tokayev person [('Tokaev', 1, "loose fold with 'Tokayev'")]
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .candidates import Candidate, find_candidates_en
from .candidates_zh import (
    FACILITY_STEMS,
    find_candidates_zh,
    transliteration_chars,
    zh_slug,
)
from .folding import match_key
from .loader import GlossarySpec
from .markup import protected_spans
from .model import Glossary
from .phonetic import loose_key
from .placedata import PlaceData, shipped_places
from .placedata import fold as place_fold
from .query import lookup, may_match
from .stream import TextFile, chunks
from .translit import ZhTokenizer, has_han, name_pinyin, to_simplified
from .xinhua import chinese_reading, similarity, sound_key, toneless
from .zhdict import SOURCE as DICTIONARY_SOURCE
from .zhdict import ZhDictionary, name_key, shipped_dictionary

READING_MIN = 80  # the least reading score that joins a Chinese form to a Latin name
READING_SHORT = 95  # … for a Chinese form of two characters or a Latin name of three letters
READING_MARGIN = 6  # … over the runner-up (siblings: 阿克套 Aktau / 阿克托别 Aktobe)
# A name's type word in English and in Chinese: "Aktobe Region" ~ 阿克托别州 compares Aktobe with 阿克托别
EN_SUFFIXES = {"Region": "州", "Oblast": "州", "Province": "州", "City": "市", "River": "河",
               "Lake": "湖", "Port": "港", "Mountains": "山", "University": "大学",
               "Cosmodrome": "发射场", "Airport": "机场", "Canal": "运河", "Pipeline": "管道",
               "Prefecture": "地区", "County": "县", "Autonomous Prefecture": "自治州",
               "Mongol Autonomous Prefecture": "蒙古自治州", "Kazakh Autonomous Prefecture": "哈萨克自治州",
               "Autonomous Region": "自治区"}
# Words for a region of Kazakhstan that name the same region: West Kazakhstan Region ~ … Oblast
REGION_WORDS = {"Oblast": "Region", "Province": "Region", "oblysy": "Region", "Oblysy": "Region"}
EN_PREFIXES = frozenset({"Lake", "Mount", "Cape"})  # Lake Balkhash ~ Balkhash
ZH_SUFFIXES = {"航天发射场": "发射场", **{v: v for v in EN_SUFFIXES.values()}}
BARE_SUFFIXES = frozenset({"河", "湖", "山"})  # English often names rivers, lakes, ranges bare
NOT_CITY = frozenset({"River", "Lake", "Mountains", "Region", "Oblast", "Province", "Cosmodrome", "Prefecture",
                      "County", "Sea"})
# Chinese words for what is named after a place: a place and its crossing are one name, and so
# are a town and the city or township of its name (博乐 / 博乐市; not 塔城地区, a prefecture)
ZH_FACILITIES = {w: w for w in (*FACILITY_STEMS, "市", "镇")}
# Organisation words Chinese writes and English often leaves out (Samruk-Kazyna ~ 萨姆鲁克-卡泽纳国家基金)
ZH_ORG_SUFFIXES = {w: w for w in ("国家基金", "基金", "国家公司", "股份公司", "公司", "集团", "控股")}
# Last words of an English name that a text may drop: Halyk Bank ~ Halyk
GENERIC_HEADS = frozenset({"Bank", "Group", "Holding", "Holdings", "Company", "Corporation", "Corp", "JSC",
                           "Canal", "Pipeline", "Railway", "Highway", "Fund", "Sea", "River", "Mountains"})
# Last words that English drops from a known name: the Caspian (Sea)
GEO_HEADS = frozenset({"Sea", "River", "Lake", "Mountains", "Desert", "Steppe", "Basin"})
OPEN_DATA_LANGS = ("zh", "zh-Hant", "kk", "ru")  # the languages a proposal takes from open data
MAX_CONTEXTS = 3  # contexts kept per form
# First words that make another thing of a name (the Black Irtysh is not the Irtysh)
MODIFIERS = frozenset(["black", "white", "upper", "lower", "greater", "lesser", "little", "small", "big", "new", "old", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "inner", "outer"])
CONTEXT_WIDTH = 240  # characters of a sentence shown at most
KNOWN = 98  # a lookup score from which a form counts as listed by the glossary
VARIANT = 95  # … from which a form is a new spelling of a known concept (the loose fold)


@dataclass(frozen=True, slots=True)
class Rule:
    """A reason to put two spellings into one cluster, and the confidence (0–100) it gives."""

    name: str
    score: int
    description: str
    symmetric: bool = True  # "A joins B" says as much as "B joins A" (not so a short form)


RULES: dict[str, Rule] = {r.name: r for r in (
    Rule("glossary", 98, "the glossary lists or folds the form to a concept"),
    Rule("loose fold", 95, "the same loose phonetic key (kh/q/k, y/i, doubled letters …)"),
    Rule("abbreviation", 95, "an acronym written with its expansion in brackets", symmetric=False),
    Rule("dictionary", 92, "a Chinese name and its English name in CC-CEDICT (中国石化 / Sinopec)"),
    Rule("script", 95, "traditional and simplified Chinese forms of one name"),
    Rule("pinyin", 92, "the Hanyu Pinyin of a Chinese name"),
    Rule("xinhua reading", 90, "a Chinese form that sounds like the Xinhua table's reading of a "
                               "Kazakh or Russian name (别克捷诺夫 ~ Bektenov)"),
    Rule("open data", 90, "one place in GeoNames or CLDR (the shipped place data)"),
    Rule("short form", 85, "a surname (or the part after a middle dot) written after the full name",
         symmetric=False),
    Rule("facility", 85, "a place and the crossing, airport, station or city named after it "
                         "(巴克图口岸 / 巴克图, 博乐市 / 博乐)", symmetric=False),
    Rule("parallel text", 88, "an English name and the Chinese name paired with it in the aligned "
                              "sentences of a translation (collect --pair)"),
    Rule("dropped vowel", 80, "the same consonants, one spelling dropping a vowel (Kzyl-Orda)"),
    Rule("changed vowel", 75, "one vowel changed in a long name (Baikonur / Bayqongyr)"),
)}


@dataclass(frozen=True, slots=True)
class Context:
    """Where a form was seen: file, 1-based line and column, and the sentence around it."""

    file: str
    line: int
    column: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "text": self.text}


@dataclass(frozen=True, slots=True)
class ProposedForm:
    """One spelling of a proposal: how often and where it was seen, and the rule that joined it to
    the cluster (``None`` for the form the cluster is named after). ``status``/``kind`` are
    suggestions for the glossary entry; ``where`` is ``FILE:LINE`` of its first occurrence."""

    form: str
    lang: str
    count: int
    files: tuple[str, ...]
    rule: str | None = None
    score: int | None = None
    status: str = "admitted"
    kind: str | None = None
    source: str | None = None  # for a form from open data (count 0): where it comes from
    verified: bool | None = None  # … and whether that source is vetted (CLDR) or not (GeoNames)
    where: str | None = None  # FILE:LINE of the form's first occurrence (None for open data)

    def to_dict(self) -> dict[str, Any]:
        return {"form": self.form, "lang": self.lang, "count": self.count, "files": list(self.files),
                "rule": self.rule, "score": self.score, "status": self.status, "kind": self.kind,
                "source": self.source, "verified": self.verified}


@dataclass(frozen=True, slots=True)
class Proposal:
    """A new concept (``concept`` is None) or new variants of a known one, with the evidence."""

    id: str
    concept: str | None
    type: str | None
    score: int
    forms: tuple[ProposedForm, ...]
    contexts: tuple[Context, ...]
    cues: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """Occurrences of all its forms."""
        return sum(f.count for f in self.forms)

    @property
    def files(self) -> tuple[str, ...]:
        """The files any of its forms occurs in, in reading order."""
        return tuple(dict.fromkeys(name for f in self.forms for name in f.files))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "concept": self.concept, "type": self.type, "score": self.score,
                "count": self.count, "document_frequency": len(self.files),
                "forms": [f.to_dict() for f in self.forms],
                "contexts": [c.to_dict() for c in self.contexts],
                "cues": list(self.cues), "sources": list(self.sources)}


@dataclass(frozen=True, slots=True)
class CollectResult:
    """What :meth:`Collector.result` found in the texts it read."""

    proposals: tuple[Proposal, ...]
    files: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"files": list(self.files), "proposals": [p.to_dict() for p in self.proposals]}


# --- accumulation ----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Seen:
    """Everything kept about one form while texts are read (bounded: a few contexts)."""

    form: str
    lang: str
    count: int = 0
    initial: int = 0  # occurrences whose first word starts a sentence
    files: dict[str, int] = field(default_factory=dict)
    contexts: list[Context] = field(default_factory=list)
    # (plain dicts of counts, not Counters: a dict is made and written to without Python code)
    types: dict[str, int] = field(default_factory=dict)
    cues: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    # (the containers few forms need are None until first needed: fewer objects for the garbage
    # collector to go through)
    partners: set[str] | None = None  # abbreviation <-> expansion
    after_the: int = 0  # occurrences after "the" (the Ili, the Irtysh: no city)
    score: int = 0
    right: list[Context] | None = None  # of "A and B": where B starts (a few)
    right_at: list[int] | None = None  # … the index in ``contexts`` of the context each goes with



def _copied(s: _Seen) -> _Seen:
    """A copy of ``s`` that shares no container with it."""
    return replace(s, files=dict(s.files), contexts=list(s.contexts), types=dict(s.types),
                   cues=dict(s.cues), kinds=dict(s.kinds),
                   partners=set(s.partners) if s.partners is not None else None,
                   right=list(s.right) if s.right is not None else None,
                   right_at=list(s.right_at) if s.right_at is not None else None)


def _absorb(seen: _Seen, new: _Seen, limit: int) -> None:
    """Add to ``seen`` (in place) what later texts held of its form, ``new``: counts added (the
    keys of ``seen`` first), the best score, and ``new``'s first contexts while fewer than
    ``limit`` are kept, as one collector reading on would keep them. The right-hand contexts of
    "A and B" go with their contexts (``right_at``: the index of the context each belongs to)."""
    seen.count += new.count
    seen.initial += new.initial
    seen.after_the += new.after_the
    seen.score = max(seen.score, new.score)
    for have, more in ((seen.files, new.files), (seen.types, new.types),
                       (seen.cues, new.cues), (seen.kinds, new.kinds)):
        for k, n in more.items():
            have[k] = have.get(k, 0) + n
    if new.partners:
        seen.partners = (seen.partners or set()) | new.partners
    room = limit - len(seen.contexts)
    if room <= 0:
        return
    for at, right in zip(new.right_at or (), new.right or (), strict=True):
        if at < room:
            if seen.right is None or seen.right_at is None:
                seen.right, seen.right_at = [], []
            seen.right.append(right)
            seen.right_at.append(len(seen.contexts) + at)
    seen.contexts.extend(new.contexts[:room])


def _added(a: _Seen, b: _Seen, limit: int) -> _Seen:
    """What one collector keeps of a form it read as ``a`` and then, in later texts, as ``b``
    (see :func:`_absorb`), leaving both as they are."""
    out = _copied(a)
    _absorb(out, b, limit)
    return out


@dataclass(frozen=True, slots=True)
class Tally:
    """What a :class:`Collector` has read, without its glossary and tools: each form's counts and
    contexts (in the order first seen), the texts' names, the name pairs. Picklable and small: it
    grows with the number of distinct names, not with the texts.

    Tallies add up in reading order: ``a + b`` is the tally of the texts of ``a`` followed by those
    of ``b``, so texts read in parts (on other processes or machines) and added in their order,
    then given to :meth:`Collector.merge`, propose exactly what one collector reading them all in
    that order proposes.

    >>> from silkterm.glossary import load_glossary
    >>> g = load_glossary()
    >>> texts = [("a.txt", "Prime Minister Alikhan Smailov visited Aqtobe.\\n"),
    ...          ("b.txt", "Smailov met the Aktobe governor. Tokaev flew to Horgos.\\n")]
    >>> parts = []
    >>> for name, text in texts:
    ...     c = Collector(g)
    ...     c.add(text, name)
    ...     parts.append(c.tally())
    >>> whole = Collector(g)
    >>> whole.merge(parts[0] + parts[1])
    >>> one = Collector(g)
    >>> for name, text in texts:
    ...     one.add(text, name)
    >>> whole.result() == one.result()
    True
    """

    seen: tuple[_Seen, ...] = ()
    files: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str, str], ...] = ()
    pair_sources: tuple[tuple[str, str], ...] = ()  # a paired Chinese form, the files that paired it
    paired: frozenset[str] = frozenset()
    max_contexts: int = MAX_CONTEXTS

    def __add__(self, other: Tally) -> Tally:
        seen = {(s.lang, s.form): s for s in self.seen}
        for s in other.seen:
            key = (s.lang, s.form)
            mine = seen.get(key)
            seen[key] = s if mine is None else _added(mine, s, self.max_contexts)
        sources = dict(self.pair_sources)
        for form, source in other.pair_sources:
            sources.setdefault(form, source)
        return Tally(tuple(seen.values()), self.files + other.files, self.pairs + other.pairs,
                     tuple(sources.items()), self.paired | other.paired, self.max_contexts)

    @property
    def distinct_forms(self) -> int:
        """How many distinct forms (per language) the tally holds."""
        return len(self.seen)


_LINE_BREAK = re.compile("\n")
_AND = re.compile(r"\s+and\s+")
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’»)\]]*(?=\s|$)|\n\s*\n")
_SENTENCE_START = re.compile(r"(?:[.!?。！？…]['\"”’»)\]]*\s+|\n\s*\n)")
_SENTENCE_MARKS = ".!?。！？…\n"  # the first character of every match of _SENTENCE_START and _END
_ASCII_MARKS = ".!?\n"  # … those an ASCII text may hold
_LAST_MARK = re.compile(f"(?s:.*)[{_SENTENCE_MARKS}]")  # the text up to its last such mark
_GENDER = re.compile(r"(?:ov|ev|yov|in|yn|sky|skiy|skii)a?$|(?:ova|eva|ina|yna|skaya)$", re.IGNORECASE)
_VOWELS = re.compile(r"[aeiouy]")
_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_ASCII_CAPITAL = re.compile(r"[^A-Z]+")  # (what an ASCII form has but its capitals)
_ZH_JOINERS = re.compile(r"[-‐‑–—·•]")  # between the parts of a Chinese transliteration
# letters of the Kazakh Latin alphabets, not of pinyin (whose q is always qi- or qu-)
_KAZAKH_LATIN = re.compile(r"[ğĞūŪäÄöÖüÜıİңҢ]|[qQ](?![iu])")
_SOVIET = re.compile(r"(?:sk|grad|pol|ovka|-Ata)$")  # endings of Russian names Kazakhstan replaced


def _context(text: str, breaks: list[int], name: str, line: int, column: int, start: int, end: int) -> Context:
    """The context of ``text[start:end]`` in a chunk that starts at ``line``, ``column`` of the file
    ``name`` (``breaks``: the chunk's line-break offsets)."""
    k = bisect.bisect_left(breaks, start)
    return Context(name, line + k, (start - breaks[k - 1]) if k else column + start, _sentence(text, start, end))


def _merged(into: _Seen, joined: _Seen, contexts: list[Context], limit: int) -> _Seen:
    """A copy of ``into`` that also counts the occurrences of ``joined`` (seen at ``contexts``;
    ``limit`` contexts kept at most)."""
    files = dict(into.files)
    for name, n in joined.files.items():
        files[name] = files.get(name, 0) + n
    return replace(into, count=into.count + joined.count, files=files,
                   contexts=(into.contexts + contexts)[:limit],
                   types=_summed(into.types, joined.types), cues=_summed(into.cues, joined.cues),
                   kinds=_summed(into.kinds, joined.kinds), score=max(into.score, joined.score), right=None,
                   right_at=None)


def _summed(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    """The counts of ``a`` and ``b`` added (the keys of ``a`` first), as ``Counter(a) + Counter(b)``
    (the counts are positive).

    >>> _summed({"place": 3, "person": 1}, {"organisation": 1, "place": 1})
    {'place': 4, 'person': 1, 'organisation': 1}
    """
    out = dict(a)
    for key, n in b.items():
        out[key] = out.get(key, 0) + n
    return out


def _most_common(counts: dict[str, int]) -> str:
    """The key with the highest count, the first of equals (as ``Counter.most_common(1)``)."""
    return max(counts, key=counts.__getitem__)


def _most_common_first(counts: dict[str, int], n: int) -> list[str]:
    """The ``n`` keys with the highest counts, the first of equals first (as ``Counter.most_common(n)``).

    >>> _most_common_first({"in X": 1, "title: Minister": 2, "suffix: Region": 1, "head": 1}, 3)
    ['title: Minister', 'in X', 'suffix: Region']
    """
    return sorted(counts, key=counts.__getitem__, reverse=True)[:n]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` on one line, at most CONTEXT_WIDTH characters."""
    lo = max(0, start - CONTEXT_WIDTH)
    cut = _last_sentence_start(text[lo:start])
    left = lo + cut if cut is not None else lo
    after = text[end:end + CONTEXT_WIDTH]
    m2 = _SENTENCE_END.search(after, _first_mark(after))  # (no match starts before a mark)
    right = end + m2.end() if m2 else min(len(text), end + CONTEXT_WIDTH)
    sentence = " ".join(text[left:right].split())
    return sentence[:CONTEXT_WIDTH]


def _first_mark(text: str) -> int:
    """The offset of the first sentence mark (:data:`_SENTENCE_MARKS`) in ``text``, its length
    without one (a few searches for one character: quicker than a regular expression's scan).

    >>> _first_mark("Li said so. Then"), _first_mark("Li said so")
    (10, 10)
    """
    first = len(text)
    for mark in _ASCII_MARKS if text.isascii() else _SENTENCE_MARKS:
        at = text.find(mark, 0, first)
        if at >= 0:
            first = at
    return first


def _last_sentence_start(text: str) -> int | None:
    """Where the last sentence of ``text`` starts (None: where ``text`` does), as the end of the
    last match of ``_SENTENCE_START.finditer(text)``, read from the last of its marks back.

    Every match starts with a mark (:data:`_SENTENCE_MARKS`) and holds no letter or digit, so a scan
    that starts after a letter or digit (or at 0) finds the same matches from there on as a scan of
    the whole text: the scan starts at the last such point before the last mark, and starts further
    back only where no match starts after that point (the mark of "3.5" starts none).

    >>> _last_sentence_start("Trade grew. Output rose 3.5% in"), _last_sentence_start("Output rose 3.5%")
    (12, None)
    """
    stop = len(text)
    while True:
        last = _LAST_MARK.match(text, 0, stop)
        if last is None:
            return None
        mark = last.end() - 1
        begin = mark
        while begin > 0 and not text[begin - 1].isalnum():
            begin -= 1
        cut = None
        for m in _SENTENCE_START.finditer(text, begin):
            cut = m.end()
        if cut is not None:
            return cut
        stop = begin


@dataclass(frozen=True, slots=True)
class FileCounts:
    """What :meth:`Collector.count` found in one text named ``name``: its forms, in the order the
    text first gives them, with their counts and contexts (the collector's own records)."""

    name: str
    seen: dict[tuple[str, str], _Seen]


class Collector:
    """Reads texts one after another and collects their name candidates (see the module docs).

    ``places``: the open place data (default: the data shipped in the package); ``tokenizer``: the
    Chinese tokenizer (default: one holding the glossary's Chinese forms as its user dictionary);
    ``dictionary``: Chinese names with their English names (default: the CC-CEDICT extract shipped).
    """

    def __init__(self, glossary: Glossary, *, places: PlaceData | None = None,
                 tokenizer: ZhTokenizer | None = None, max_contexts: int = MAX_CONTEXTS,
                 dictionary: ZhDictionary | None = None) -> None:
        self.glossary = glossary
        self.places = places if places is not None else shipped_places()
        self.dictionary = dictionary if dictionary is not None else shipped_dictionary()
        self._tokenizer = tokenizer
        self.max_contexts = max_contexts
        self._seen: dict[tuple[str, str], _Seen] = {}
        self._files: list[str] = []
        self._pairs: list[tuple[str, str, str]] = []  # English form, Chinese form, how they were paired
        self._pair_sources: dict[str, str] = {}  # a paired Chinese form -> the files that paired it
        self._paired: set[str] = set()  # the forms of the pairs: names, wherever they stand

    @property
    def tokenizer(self) -> ZhTokenizer:
        """The Chinese tokenizer, built on first use with the glossary's Chinese forms."""
        if self._tokenizer is None:
            tags = {"person": "nr", "place": "ns", "organisation": "nt"}
            words = [(f.form, tags.get(c.type.value, "nz")) for c in self.glossary for f in c.forms()
                     if has_han(f.form)]
            chars = transliteration_chars()
            # (not the open data's transliterations of three characters or more: the finder reads
            # those as runs, and a short one in the dictionary would cut a longer name, 萨特卡
            # [Satka] of 萨特卡里耶夫)
            words += [(simple, "ns") for place in self.places for n in place.names
                      if n.lang in ("zh", "zh-Hant") and len(n.form) >= 2
                      and not (len(simple := to_simplified(n.form)) >= 3 and set(simple) <= chars)]
            self._tokenizer = ZhTokenizer(words)
        return self._tokenizer

    @property
    def distinct_forms(self) -> int:
        """How many distinct forms (per language) the collector keeps state for: what its memory
        grows with (the text itself is not kept)."""
        return len(self._seen)

    def add(self, pieces: Iterable[str], name: str, markup: str = "text") -> None:
        """Read one text, arriving in ``pieces`` (a string is one piece), named ``name``."""
        if isinstance(pieces, str):
            pieces = [pieces]
        self._files.append(name)
        for chunk in chunks(pieces, markup):
            self._add_chunk(chunk.text, name, markup, chunk.line, chunk.column, self._seen)

    def count(self, pieces: Iterable[str], name: str, markup: str = "text") -> FileCounts:
        """What :meth:`add` would add for one text, counted apart from what the collector holds
        (which stays as it is): :meth:`merge_counts` then adds it. ``add`` of texts one after another and
        :meth:`merge_counts` of their counts in the same order leave the collector in the same
        state, so the texts can be counted in parallel (``collect --jobs``, :func:`count_file`)."""
        if isinstance(pieces, str):
            pieces = [pieces]
        seen: dict[tuple[str, str], _Seen] = {}
        for chunk in chunks(pieces, markup):
            self._add_chunk(chunk.text, name, markup, chunk.line, chunk.column, seen)
        return FileCounts(name, seen)

    def merge_counts(self, counts: FileCounts) -> None:
        """Add the counts of one text (see :meth:`count`), as :meth:`add` of the text would: in
        place, so merging file after file costs what reading them costs (:meth:`merge` adds a
        whole :class:`Tally`)."""
        self._files.append(counts.name)
        all_seen = self._seen
        for key, new in counts.seen.items():
            seen = all_seen.get(key)
            if seen is None:  # (new forms come in the order the text gives them, as in ``add``)
                all_seen[key] = new
            else:
                _absorb(seen, new, self.max_contexts)

    def _add_chunk(self, text: str, name: str, markup: str, line: int, column: int,
                   all_seen: dict[tuple[str, str], _Seen]) -> None:
        spans = protected_spans(text, markup)
        found: list[Candidate] = list(find_candidates_en(text, protected=spans))
        if has_han(text):
            found += find_candidates_zh(text, protected=spans, tokenizer=self.tokenizer)
        if not found:
            return
        breaks: list[int] | None = None  # offsets of the chunk's line breaks, found when first needed
        for cand in found:
            start = cand.start
            key = (cand.lang, cand.form)
            seen = all_seen.get(key)
            if seen is None:
                seen = all_seen[key] = _Seen(cand.form, cand.lang)
            seen.count += 1
            # (a word and a space before, the common case, is no sentence start: no call)
            if not (start >= 2 and text[start - 1] == " " and text[start - 2].isalnum()) and _starts_sentence(
                    text, start):
                seen.initial += 1
            files = seen.files
            files[name] = files.get(name, 0) + 1
            if (score := cand.score) > seen.score:  # (the best score; max() is a call)
                seen.score = score
            kinds = seen.kinds
            kinds[cand.kind] = kinds.get(cand.kind, 0) + 1
            if start >= 4 and text[start - 2] in "eE" and text[start - 4:start].lower() == "the ":
                seen.after_the += 1
            if cand.type:
                seen.types[cand.type] = seen.types.get(cand.type, 0) + _cue_weight(cand.cue)
            if cand.cue:
                seen.cues[cand.cue] = seen.cues.get(cand.cue, 0) + 1
            if cand.abbreviation or cand.expansion:
                partners = seen.partners
                if partners is None:
                    partners = seen.partners = set()
                if cand.abbreviation:
                    partners.add(cand.abbreviation)
                if cand.expansion:
                    partners.add(cand.expansion)
            if len(seen.contexts) < self.max_contexts:
                if breaks is None:
                    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
                seen.contexts.append(_context(text, breaks, name, line, column, cand.start, cand.end))
                if " and " in cand.form and (m := _AND.search(text, cand.start, cand.end)):
                    right = _context(text, breaks, name, line, column, m.end(), cand.end)
                    if seen.right is None or seen.right_at is None:
                        seen.right, seen.right_at = [right], [len(seen.contexts) - 1]
                    else:
                        seen.right.append(right)
                        seen.right_at.append(len(seen.contexts) - 1)

    def tally(self) -> Tally:
        """What this collector has read so far, as a :class:`Tally` (a copy: reading on does not
        change it)."""
        return Tally(tuple(_copied(s) for s in self._seen.values()), tuple(self._files),
                     tuple(self._pairs), tuple(self._pair_sources.items()), frozenset(self._paired),
                     self.max_contexts)

    def merge(self, tally: Tally) -> None:
        """Count what ``tally`` holds as if this collector had read its texts now, after its own
        (see :class:`Tally`)."""
        whole = self.tally() + replace(tally, max_contexts=self.max_contexts)
        self._seen = {(s.lang, s.form): _copied(s) for s in whole.seen}
        self._files = list(whole.files)
        self._pairs = list(whole.pairs)
        self._pair_sources = dict(whole.pair_sources)
        self._paired = set(whole.paired)

    def add_name_pairs(self, pairs: Iterable[tuple[str, str, str, int]], files: tuple[str, str]) -> None:
        """Record names a translation pairs: ``(English form, Chinese form, how, count)`` each
        (``how``: the pairing rule and score, as :mod:`silkterm.glossary.namepairs` gives them;
        ``count``: in how many aligned links), found in the aligned sentences of ``files`` (the
        English file, the Chinese file; read with :meth:`add`). Clustering joins each pair's forms
        (rule ``parallel text``) where no guard keeps them apart (two known concepts, two places,
        -ov / -ova); a Chinese form joined so is proposed with the two files as its source and
        ``verified: false``. A paired form the finders did not give as such (the whole of "Beijing
        Tianhang Measurement and Control Technology Co., Ltd.", which the English finder cuts at
        "and") is counted ``count`` times in its file."""
        source = " + ".join(files)
        for en, zh, how, count in pairs:
            for lang, form, name in (("en", en, files[0]), ("zh", zh, files[1])):
                if (lang, form) not in self._seen:
                    self._seen[(lang, form)] = _Seen(form, lang, count=count, files={name: count})
            self._pairs.append((en, zh, f"paired with {en} in {source} ({how})"))
            self._pair_sources.setdefault(zh, source)
            self._paired.update((en, zh))

    # --- the result -------------------------------------------------------------------------------

    def result(self) -> CollectResult:
        """Cluster what was read and propose (see the module docs); the collector can read on."""
        words: Counter[str] = Counter()  # in how many forms each word occurs
        for s in self._seen.values():
            words.update(set(s.form.split()))
        inside = {loose_key(w) for s in self._seen.values() if s.lang == "en" and not s.form.isupper()
                  for w in s.form.split()[0 if s.initial < s.count else 1:] if len(w) >= 4}
        # (the loose keys of the words, four letters or more, the forms have inside a sentence — of a
        # name only ever at a sentence start, the words after the first; not of a headline in capitals)
        seen = self._split_joined(words, inside)
        known, links = self._links(list(seen.values()))
        forms = [s for s in seen.values() if s.form in links or self._is_name(s, words, inside)]
        clusters = _Clusters(forms, links)
        self._cluster(clusters, forms)
        proposals = [p for members in clusters.groups() for p in self._propose(members, clusters, known, links)]
        proposals.sort(key=lambda p: (p.concept is not None, -p.score, -p.count, p.id))
        return CollectResult(tuple(_unique_ids(proposals, self.glossary)), tuple(self._files))

    def _split_joined(self, words: Counter[str], inside: set[str]) -> dict[tuple[str, str], _Seen]:
        """The forms read, with "A and B" taken as two names where A is a name the texts also write
        alone and B ends in an organisation's or a place's word ("Kazatomprom and China General
        Nuclear Power Group"; not "Industrial and Commercial Bank of China": "Industrial" is no
        name). The collector's own state is left as it is."""
        seen = dict(self._seen)
        for key, s in self._seen.items():
            if s.lang != "en" or s.form.count(" and ") != 1 or not s.right:
                continue
            left_form, right_form = s.form.split(" and ")
            left = seen.get(("en", left_form))
            last = right_form.split()[-1]
            if (left is None or not self._is_name(left, words, inside)
                    or not (last in GENERIC_HEADS or last in EN_SUFFIXES or ("en", right_form) in seen)):
                continue
            del seen[key]
            seen[("en", left_form)] = _merged(left, s, s.contexts, self.max_contexts)
            right = seen.get(("en", right_form)) or _Seen(right_form, "en")
            seen[("en", right_form)] = _merged(right, s, s.right, self.max_contexts)
        return seen

    def _is_name(self, seen: _Seen, words: Counter[str], inside: set[str]) -> bool:
        """Drop capitalised words seen only at sentence starts, with no cue, in no longer name and
        spelt like no word of a name seen inside a sentence (``words``: in how many forms each word
        occurs; ``inside``: the loose keys of the words the forms have inside a sentence — "Kaliev,"
        at a sentence start is a name where "Daniyar Kaliyev" was written; a word of five letters
        or more: "Good" and "Ties" fold like too many words)."""
        if (seen.initial < seen.count or seen.cues or seen.partners or seen.lang != "en" or seen.kinds.get("acronym")
                or seen.form in self._paired):
            return True  # (a form a translation pairs with a Chinese name is a name, even at sentence starts)  # (an acronym is capitalised wherever it stands: "BOC, as …", "(AIX)")
        if " " in seen.form:
            return True
        word = seen.form  # one word: its own form is one of the forms it occurs in
        return words[word] > 1 or (len(word) >= 5 and loose_key(word) in inside) or self._town(word)

    def _town(self, name: str) -> bool:
        """Whether ``name`` is a place's own name in the open data, or a spelling of it (Balkhash:
        Balqash), not another of its names ("Most" is one of Ulaantolgoy's, "Irtysh" one of
        Irtyshsk's)."""
        key = loose_key(name)
        return any(place_fold(p.name) == place_fold(name) or loose_key(p.name) == key
                   for p in self.places.lookup(name))

    def _links(self, forms: list[_Seen]) -> tuple[set[str], dict[str, tuple[str, int, str]]]:
        """Forms the glossary lists (``known``), and each form's concept link: id, score, how."""
        known: set[str] = set()
        links: dict[str, tuple[str, int, str]] = {}
        for s in forms:
            if not may_match(s.form, self.glossary):
                continue  # (most forms: the glossary has nothing like them)
            result = lookup(s.form, self.glossary, limit=2, min_score=VARIANT)
            best = result.matches[0] if result.matches else None
            if best is None or best.score < VARIANT:
                continue
            if len(result.matches) > 1 and result.matches[1].score == best.score:
                if best.score >= KNOWN:  # a form two concepts list (Amangeldy: the man, the poem)
                    known.add(s.form)
                continue  # two concepts fold alike: no link (distinct names stay distinct)
            if "Chinese path" in best.how:
                continue  # r/l merged: a machine translation's slip, no evidence of one name here
            links[s.form] = (best.concept_id, best.score, best.how)
            if best.score >= KNOWN:
                known.add(s.form)
        bare = self._bare_names()
        for s in forms:
            if (s.lang == "en" and s.form not in links and s.form in bare and not s.kinds.get("acronym")
                    and not self.places.lookup(s.form)):
                concept, full = bare[s.form]
                links[s.form] = (concept, RULES["short form"].score, f"short form of {full!r}")
            elif s.lang == "zh" and s.form not in links:  # 阿拉山口市, 阿拉山口口岸: named after 阿拉山口
                core, suffix = _split_suffix(s.form, ZH_FACILITIES)
                found = lookup(core, self.glossary, limit=2, min_score=KNOWN).matches if suffix else []
                if len(found) == 1:
                    links[s.form] = (found[0].concept_id, RULES["facility"].score, f"{suffix} named after {core}")
        return known, links

    def _bare_names(self) -> dict[str, tuple[str, str]]:
        """Names the glossary writes with a geographic last word, without it: Caspian -> the concept
        of "Caspian Sea" (where one concept has that short form; none where the word alone names a
        place of the open data, such as the town of Aral)."""
        found: dict[str, set[tuple[str, str]]] = {}
        for concept in self.glossary:
            if concept.type.value != "place":
                continue
            for variant in concept.forms():
                words = variant.form.split()
                if len(words) == 2 and words[1] in GEO_HEADS and not has_han(variant.form):
                    found.setdefault(words[0], set()).add((concept.id, variant.form))
        return {w: min(c) for w, c in found.items() if len({i for i, _ in c}) == 1}

    def _cluster(self, clusters: _Clusters, forms: list[_Seen]) -> None:
        """Apply each joining step in turn (:data:`CLUSTER_STEPS`; later steps see earlier joins)."""
        run = _Pass(clusters, forms)
        for step in CLUSTER_STEPS:
            getattr(self, f"_join_{step}")(run)

    def _join_concepts(self, run: _Pass) -> None:
        """Forms of one known concept."""
        anchor: dict[str, str] = {}
        for s in run.forms:
            concept = run.clusters.concept.get(s.form)
            if concept is None:
                continue
            if concept in anchor:
                run.clusters.union(anchor[concept], s.form, "glossary", f"a form of {concept}")
            else:
                anchor[concept] = s.form

    def _join_loose_keys(self, run: _Pass) -> None:
        """Latin forms with the same loose key (Aktobe, Aqtobe)."""
        for s in run.en:
            if s.kinds.get("acronym"):
                continue
            key = run.loose[s.form]
            if len(key) < 3:
                continue
            if key in run.keys:
                other = run.keys[key]
                how = (f"loose fold with {other}" if loose_key(s.form) == loose_key(other)
                       else f"the same region as {other}")
                run.clusters.union(other, s.form, "loose fold", how)
            else:
                run.keys[key] = s.form

    def _join_abbreviations(self, run: _Pass) -> None:
        """An acronym and the expansion written with it (CNPC, China National Petroleum Corporation)."""
        for s in run.forms:
            if s.kinds.get("acronym"):
                for partner in sorted(s.partners or ()):
                    if partner in run.by_form:
                        run.clusters.union(partner, s.form, "abbreviation", f"abbreviation of {partner}")

    def _join_dictionary(self, run: _Pass) -> None:
        """A Chinese name and the English names CC-CEDICT gives it (中国石化: China Petroleum and
        Chemical Corporation, Sinopec), and an abbreviation and the full form it stands for (中石化)."""
        english: dict[str, list[str]] = {}
        for s in run.en:
            english.setdefault(name_key(s.form), []).append(s.form)
        for z in run.zh:
            if len(z.form) < 3:
                continue  # (two characters are too often a loose gloss: 中华, 我国 "China")
            for name in self.dictionary.names(z.form):
                keys = [name_key(name)]
                words = name.split()
                bare = (" ".join(words[1:]) if words[0] in EN_PREFIXES
                        else " ".join(words[:-1]) if words[-1] in GEO_HEADS else "")
                if bare and not self._town(bare):
                    keys.append(name_key(bare))  # the Irtysh ~ Irtysh River; not Balkhash, a town
                for form in (f for key in keys for f in english.get(key, ())):
                    if form not in run.clusters.concept:  # (a known name links through the glossary)
                        run.clusters.union(form, z.form, "dictionary", f"CC-CEDICT: {z.form} is {name!r}")
            full = self.dictionary.full(z.form)
            if full is not None and full in run.by_form:
                run.clusters.union(full, z.form, "abbreviation", f"CC-CEDICT: abbreviation of {full}")

    def _join_pairs(self, run: _Pass) -> None:
        """An English name and the Chinese name a translation pairs it with (:meth:`add_name_pairs`)."""
        for en, zh, how in self._pairs:
            if en in run.by_form and zh in run.by_form:
                run.clusters.union(en, zh, "parallel text", how)

    def _join_places(self, run: _Pass) -> None:
        """Forms of one place in the open data (Semey, Semipalatinsk, 塞米伊)."""
        for s in run.forms:
            if s.after_the * 2 > s.count:
                continue  # the Ili, the Irtysh: a river or a region, not the city of that name
            for place in self.places.lookup(s.form):
                run.clusters.place(s.form, place.geonameid)
        run.clusters.join_places(lambda a: f"same place as {a} (open data)")

    def _join_pinyin(self, run: _Pass) -> None:
        """A Chinese name and its Hanyu Pinyin (李强, Li Qiang)."""
        for s in run.zh:
            if "·" in s.form or len(s.form) > 4:
                continue
            kind = _most_common(s.types) if s.types else "person"
            pinyin = _plain(name_pinyin(s.form, "person" if kind == "person" else "place"))
            key = loose_key(pinyin)
            if key in run.keys:
                run.clusters.union(run.keys[key], s.form, "pinyin", f"pinyin {pinyin}")

    def _join_short_forms(self, run: _Pass) -> None:
        """A surname after the full name (in a person's name of two words also the first word, the
        surname of a Chinese name: Wang of Wang Yi), X after Lake X, and in Chinese the part after a
        middle dot; only where one full name has that short form."""
        surnames: dict[str, set[str]] = {}  # the loose key of a surname -> the full names
        for s in run.en:
            words = s.form.split()
            typed = _most_common(s.types) if s.types else None
            if (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and words[-1] not in EN_SUFFIXES
                    and typed in (None, "person") and words[0].lower() not in MODIFIERS):
                if typed == "person" or not self.places.lookup(words[-1]):
                    # (the town of Aral is no short form of the Small Aral)
                    surnames.setdefault(loose_key(words[-1]), set()).add(s.form)
                if s.types.get("person", 0) > 0 and len(words) == 2:
                    surnames.setdefault(loose_key(words[0]), set()).add(s.form)
        for s in run.en:
            words = s.form.split()
            if len(words) >= 2 and words[0] in EN_PREFIXES and not self.places.lookup(bare := " ".join(words[1:])):
                # Lake Alakol ~ Alakol; but not Lake Zaysan ~ Zaysan, a town of that name
                run.clusters.union(s.form, bare, "short form", f"short form of {s.form}")
        for s in run.en:
            if " " in s.form or s.form in run.clusters.concept:
                continue  # (a name the glossary knows is no short form: Astana is not Air Astana)
            full = run.only_owner(surnames.get(run.loose[s.form], ()))
            if full is not None:  # Smailov, Kaliev after Daniyar Kaliyev (its loose fold)
                run.clusters.union(full, s.form, "short form", f"short form of {full}")
        heads: dict[str, set[str]] = {}  # "Halyk Bank" -> Halyk; "Irtysh-Karaganda Canal" -> Irtysh–Karaganda
        for s in run.en:
            words = s.form.split()
            if len(words) >= 2 and words[-1] in GENERIC_HEADS and words[0].lower() not in MODIFIERS:
                heads.setdefault(match_key(" ".join(words[:-1])), set()).add(s.form)
        for s in run.en:
            if (s.form in run.clusters.concept or s.kinds.get("acronym") or self.places.lookup(s.form)
                    or s.form.split()[-1] in GENERIC_HEADS):
                continue  # a known name, a place of that name, or itself a full name: no short form
            full = run.only_owner(heads.get(match_key(s.form), ()))
            if full is not None:
                run.clusters.union(full, s.form, "short form", f"short form of {full}")
        parts: dict[str, set[str]] = {}
        for s in run.zh:
            if "·" in s.form:
                parts.setdefault(s.form.rsplit("·", 1)[1], set()).add(s.form)
        for s in run.zh:
            full = run.only_owner(parts.get(s.form, ()))
            if full is not None:
                run.clusters.union(full, s.form, "short form", f"short form of {full}")
        initials_zh: dict[str, set[str]] = {}  # 萨姆鲁克-卡泽纳国家基金 -> 萨-卡基金; 博尔塔拉蒙古自治州 -> 博州
        for s in run.zh:
            if s.form.endswith("州") and len(s.form) >= 4:
                for short in (s.form[0] + "州", s.form[:2] + "州"):
                    initials_zh.setdefault(short, set()).add(s.form)
            core, suffix = _split_suffix(s.form, ZH_ORG_SUFFIXES)
            pieces = _ZH_JOINERS.split(core)
            if suffix and len(pieces) >= 2 and all(len(p) >= 2 for p in pieces):
                tail = suffix[-2:]  # 国家基金 -> 基金
                initials_zh.setdefault("-".join(p[0] for p in pieces) + tail, set()).add(s.form)
        for s in run.zh:
            full = run.only_owner(initials_zh.get(_ZH_JOINERS.sub("-", s.form), ()))
            if full is not None and full != s.form:
                run.clusters.union(full, s.form, "abbreviation", f"initials of {full}")

    def _join_facilities(self, run: _Pass) -> None:
        """A place and the border crossing, airport or station named after it (巴克图口岸 / 巴克图;
        阿拉山口口岸, an alias of the known Alashankou)."""
        for s in run.zh:
            core, suffix = _split_suffix(s.form, ZH_FACILITIES)
            if suffix and core in run.by_form:
                run.clusters.union(core, s.form, "facility", f"{suffix} named after {core}")

    def _join_initials(self, run: _Pass) -> None:
        """An acronym of the capitals of one name (KMG: KazMunayGas), or of its words' first letters
        (BOC: Bank of China)."""
        initials: dict[str, set[str]] = {}
        for s in run.en:
            if s.kinds.get("acronym"):
                continue
            caps = (_NOT_ASCII_CAPITAL.sub("", s.form) if s.form.isascii()
                    else "".join(c for c in s.form if c.isupper()))
            firsts = "".join(w[0] for w in s.form.split()).upper()
            for key in {caps, firsts}:
                if len(key) >= 2 and key != s.form:
                    initials.setdefault(key, set()).add(s.form)
        for s in run.en:
            full = run.only_owner(initials.get(s.form, ()))
            if s.kinds.get("acronym") and full is not None:
                run.clusters.union(full, s.form, "abbreviation", f"initials of {full}")

    def _join_readings(self, run: _Pass) -> None:
        """Chinese forms of foreign names and the Latin names they sound like (see :meth:`_readings`)."""
        self._readings(run.clusters, run.en, run.zh)

    def _join_vowels(self, run: _Pass) -> None:
        """Long names with the same consonants, one dropping or changing a vowel (Kzyl-Orda)."""
        skeletons: dict[tuple[str, str], list[str]] = {}
        for s in run.en:
            key = run.loose[s.form]
            if len(key) >= 6 and not s.kinds.get("acronym"):
                skeletons.setdefault((key[0], _VOWELS.sub("", key)), []).append(s.form)
        for group in skeletons.values():
            for i, a in enumerate(group):
                for b in group[i + 1:i + 4]:
                    ka, kb = run.loose[a], run.loose[b]
                    if _vowel_dropped(ka, kb):
                        run.clusters.union(a, b, "dropped vowel", f"vowels of {a} dropped")
                    elif _vowel_changed(ka, kb):
                        run.clusters.union(a, b, "changed vowel", f"one vowel of {a} changed")

    def _readings(self, clusters: _Clusters, en: list[_Seen], zh: list[_Seen]) -> None:
        """Join Chinese forms of foreign names to the Latin names they sound like (one to one, the
        best pair first, none where a runner-up scores within ``READING_MARGIN``)."""
        from rapidfuzz import process

        zh = [z for z in zh if not clusters.concept.get(z.form) and len(z.form) >= 2]
        if not zh:
            return  # nothing to join: the readings of the Latin names are not needed
        latin: dict[str, list[tuple[str, str]]] = {}  # first pinyin letter -> (reading, form)
        names = {s.form for s in en}
        memo: dict[str, str] = {}  # a word's reading: a name's is its words' run together
        for s in en:
            if s.kinds.get("acronym") or len(s.form) < 3:
                continue
            core, suffix = _split_suffix(s.form, EN_SUFFIXES)
            reading = _reading(core, memo)
            if len(reading) >= 3:
                latin.setdefault(suffix + sound_key(reading)[0], []).append((reading, s.form))
            words = s.form.split()
            if not suffix and 2 <= len(words) <= 3 and words[-1] not in names:  # 萨金塔耶夫 ~ Bakytzhan Sagintayev
                last = _reading(words[-1], memo)
                if len(last) >= 3:
                    latin.setdefault(sound_key(last)[0], []).append((last, s.form))
        # names of towns, unless mostly written after "the" (the Altai: the range, not the town)
        towns = {s.form for s in en if s.after_the * 2 <= s.count and self._town(s.form)}
        pairs: list[tuple[int, str, str]] = []
        for z in zh:
            core, suffix = _split_suffix(z.form, ZH_SUFFIXES)
            bare = suffix in BARE_SUFFIXES  # the Irtysh ~ 额尔齐斯河, the Altai ~ 阿尔泰山
            if not suffix:  # Samruk-Kazyna ~ 萨姆鲁克-卡泽纳国家基金
                core, org = _split_suffix(z.form, ZH_ORG_SUFFIXES)
                bare = bool(org)
            reading = toneless(core)
            choices = latin.get(suffix + sound_key(reading)[:1], [])
            if bare and suffix:  # (not a town of that name: 巴尔喀什湖 is not the town of Balkhash)
                choices = choices + [c for c in latin.get(sound_key(reading)[:1], []) if c[1] not in towns]
            if not choices:
                continue
            found = process.extract(reading, [r for r, _ in choices], scorer=similarity, limit=6,
                                    score_cutoff=READING_MIN - READING_MARGIN)
            if not found or found[0][1] < READING_MIN:
                continue
            if (len(core) < 3 or len(choices[found[0][2]][1]) < 4) and found[0][1] < READING_SHORT:
                continue  # a short name (马明, Ili) joins only what reads exactly like it
            best = clusters.find(choices[found[0][2]][1])
            rivals = [f for f in found[1:] if clusters.find(choices[f[2]][1]) != best]
            if rivals and found[0][1] - rivals[0][1] < READING_MARGIN:
                continue
            pairs.append((round(found[0][1]), choices[found[0][2]][1], z.form))
        for score, form, han in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            clusters.union(form, han, "xinhua reading", f"sounds like {form} (Xinhua table), score {score}")

    def _propose(self, members: list[str], clusters: _Clusters, known: set[str],
                 links: dict[str, tuple[str, int, str]]) -> Iterator[Proposal]:
        seen = [clusters.seen[m] for m in members]
        concepts = {links[s.form][0] for s in seen if s.form in links}
        concept = next(iter(concepts)) if len(concepts) == 1 else None
        new = [s for s in seen if s.form not in known]
        if not new:
            return
        types, cues = seen[0].types, seen[0].cues  # (one form, the most clusters: its own counts)
        for s in seen[1:]:
            types, cues = _summed(types, s.types), _summed(cues, s.cues)
        if concept is not None:
            ctype: str | None = self.glossary[concept].type.value
        else:
            ctype = _most_common(types) if types else None
            if ctype is None and any(clusters.places.get(s.form) for s in seen):
                ctype = "place"
        place_names = {place.name for s in new for i in clusters.places.get(s.form, ())
                       if (place := self.places.get(i)) is not None}
        head = None if concept else _head(new, place_names, clusters.derived)
        forms: list[ProposedForm] = []
        ordered = new if len(new) == 1 else sorted(new, key=lambda s: (s is not head, s.lang != "en", -s.count, s.form))
        for s in ordered:
            rule: str | None
            score: int | None
            if concept is not None and s.form in links:
                rule, score = f"{links[s.form][2]}", links[s.form][1]
            elif s is head:
                rule, score = None, None
            elif s.form in clusters.why:
                rule, score, _ = clusters.why[s.form]
            elif (head is not None and head.form in clusters.why and s.form in clusters.why[head.form][0]
                  and RULES[clusters.why[head.form][2]].symmetric):
                # the head joined this form ("loose fold with Aqtobe"): say it the other way round
                how, score, _ = clusters.why[head.form]
                rule = how.replace(s.form, head.form)
            else:
                rule, score = None, None
            paired = s.form in clusters.why and clusters.why[s.form][2] == "parallel text"
            forms.append(ProposedForm(s.form, s.lang, s.count, tuple(s.files), rule, score,
                                      "admitted", _kind(s, rule),
                                      source=self._pair_sources.get(s.form) if paired else None,
                                      verified=False if paired else None,
                                      where=f"{s.contexts[0].file}:{s.contexts[0].line}" if s.contexts else None))
        if concept is None:
            forms += self._open_data_forms(members, clusters, {f.form for f in forms})
            forms += self._dictionary_forms(new, {f.form for f in forms})
        by_count = new if len(new) == 1 else sorted(new, key=lambda s: -s.count)
        contexts = tuple(c for s in by_count for c in s.contexts)[:MAX_CONTEXTS]
        count = sum(s.count for s in new)
        files = {f for s in new for f in s.files}
        score = min(100, max(s.score for s in new) + 5 * (len(files) - 1) + 2 * min(10, count - 1))
        if concept is not None:
            score = max(score, min(links[s.form][1] for s in new if s.form in links) if any(
                s.form in links for s in new) else score)
        sources = tuple(sorted({src for s in seen for src in clusters.sources.get(s.form, ())}))
        yield Proposal(concept or _slug(head.form if head else new[0].form, ctype, self.tokenizer), concept, ctype, score,
                       tuple(forms), contexts, tuple(_most_common_first(cues, 3)), sources)

    def _open_data_forms(self, members: list[str], clusters: _Clusters, have: set[str]) -> list[ProposedForm]:
        """The Chinese, Kazakh and Russian names the open data gives the one place a cluster names
        (none when its forms fit several places): never invented, each with its source; where
        sources disagree (克孜洛尔达, 克孜勒奧爾達) both are kept."""
        ids: set[int] | None = None
        for form in members:
            if form in clusters.places:
                ids = set(clusters.places[form]) if ids is None else ids & clusters.places[form]
        if not ids or len(ids) != 1:
            return []
        if any(m.split()[0] in EN_PREFIXES or m.split()[-1] in NOT_CITY for m in members if not has_han(m)):
            return []  # Lake Balkhash is not the town of Balkhash the open data knows
        place = self.places.get(next(iter(ids)))
        if place is None:
            return []
        out: list[ProposedForm] = []
        for name in place.names:
            if name.lang in OPEN_DATA_LANGS and name.form not in have:
                have.add(name.form)
                out.append(ProposedForm(name.form, name.lang, 0, (), f"open data: {name.source}", None,
                                        "admitted", None, source=name.source, verified=name.verified))
        return out

    def _dictionary_forms(self, new: list[_Seen], have: set[str]) -> list[ProposedForm]:
        """The Chinese names CC-CEDICT gives a cluster's English names (Sinopec: 中国石化, 中石化),
        where the texts wrote none: each with its source, unverified (a dictionary, not the
        organisation's own usage)."""
        if any(s.lang == "zh" for s in new):
            return []
        out: list[ProposedForm] = []
        for s in new:
            if s.kinds.get("acronym") or " " not in s.form and not s.types.get("organisation"):
                continue  # (one English word is too often a loose gloss; an acronym none)
            for han in self.dictionary.chinese(s.form):
                if han not in have:
                    have.add(han)
                    out.append(ProposedForm(han, "zh", 0, (), f"open data: {DICTIONARY_SOURCE}", None,
                                            "admitted", None, source=DICTIONARY_SOURCE, verified=False))
        return out


#: The joining steps of clustering, in order (each a ``Collector._join_<step>`` method).
CLUSTER_STEPS = ("concepts", "loose_keys", "abbreviations", "dictionary", "places", "pinyin", "short_forms",
                 "facilities", "initials", "readings", "vowels", "pairs")


class _Pass:
    """What the joining steps of one clustering share: the forms by language, their loose keys,
    and the first Latin form of each loose key (which the pinyin step joins to)."""

    def __init__(self, clusters: _Clusters, forms: list[_Seen]) -> None:
        self.clusters = clusters
        self.forms = forms
        self.by_form = {s.form: s for s in forms}
        self.en = [s for s in forms if s.lang == "en"]
        self.zh = [s for s in forms if s.lang == "zh"]
        self.loose = {s.form: loose_key(_region_word(s.form)) for s in self.en}
        self.keys: dict[str, str] = {}

    def only_owner(self, owners: Iterable[str]) -> str | None:
        """The most frequent of ``owners`` if they all lie in one cluster, else None
        (KazMunayGas and KazMunaiGas, joined, are one owner of KMG; Li Qiang and Li Keqiang two)."""
        owners = sorted(owners, key=lambda o: (-self.by_form[o].count if o in self.by_form else 0, o))
        if not owners or len({self.clusters.find(o) for o in owners}) != 1:
            return None
        return owners[0]


class _Clusters:
    """Union–find over forms; merges keep their rule; guards keep distinct names apart."""

    def __init__(self, forms: list[_Seen], links: dict[str, tuple[str, int, str]]) -> None:
        self.seen: dict[str, _Seen] = {s.form: s for s in forms}
        self.parent: dict[str, str] = {s.form: s.form for s in forms}
        self.concept: dict[str, str] = {s.form: links[s.form][0] for s in forms if s.form in links}
        self.places: dict[str, set[int]] = {}
        self.sources: dict[str, set[str]] = {}
        self.why: dict[str, tuple[str, int, str]] = {}  # form -> how it joined, score, rule
        self.derived: set[str] = set()  # forms made from another (a short form, an abbreviation …)
        self.person = {s.form for s in forms if s.types.get("person")}
        self.members: dict[str, list[str]] = {s.form: [s.form] for s in forms}
        self._place_forms: dict[int, list[str]] = {}

    def find(self, form: str) -> str:
        root = form
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[form] != root:
            self.parent[form], form = root, self.parent[form]
        return root

    def _compatible(self, a: str, b: str) -> bool:
        ca, cb = self.concept.get(a), self.concept.get(b)
        if ca and cb and ca != cb:
            return False
        pa, pb = self.places.get(a), self.places.get(b)
        if pa and pb and not pa & pb:
            return False
        return not any(_genders_differ(x, y) for x in self.members[a] for y in self.members[b])

    def union(self, a: str, b: str, rule: str, how: str) -> bool:
        if a not in self.parent or b not in self.parent:
            return False
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self._compatible(ra, rb):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        if rb in self.concept:
            self.concept.setdefault(ra, self.concept[rb])
        if rb in self.places:  # the places both sides may be (compatible: they share one)
            self.places[ra] = self.places[ra] & self.places[rb] if ra in self.places else self.places[rb]
        if b not in self.why:
            self.why[b] = (how, RULES[rule].score, rule)
            if not RULES[rule].symmetric:
                self.derived.add(b)
        return True

    def place(self, form: str, geonameid: int) -> None:
        if form in self.parent:
            self.places.setdefault(form, set()).add(geonameid)
            self._place_forms.setdefault(geonameid, []).append(form)

    def join_places(self, how: Callable[[str], str]) -> None:
        for geonameid, forms in self._place_forms.items():
            first = forms[0]
            for other in forms[1:]:
                self.union(first, other, "open data", how(first))
                self.sources.setdefault(other, set()).add(f"geonames:{geonameid}")
            self.sources.setdefault(first, set()).add(f"geonames:{geonameid}")

    def groups(self) -> list[list[str]]:
        return [members for root, members in self.members.items() if self.find(root) == root]


_OPENERS = frozenset(".!?:;>“‘(«—–*#|")


def _starts_sentence(text: str, start: int) -> bool:
    """True if only spaces, quotes, a tag's end or Markdown marks stand between ``start`` and the
    previous sentence end or line start (a heading, a list item, a quotation's first word)."""
    if start >= 2 and text[start - 1] == " " and text[start - 2].isalnum():
        return False  # the common case: a word and a space before
    i = start - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    if i >= 0 and text[i] in "\"'" and i < start - 1:
        return False  # a closing quote, then a space: '"…," Aimbetov said'
    while i >= 0 and text[i] in "\"'":  # an opening quote
        i -= 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _OPENERS or text[i - 1:i + 1] == "--"  # a dateline's --


def _cue_weight(cue: str | None) -> int:
    """How much a candidate's cue says about its type: a title or a suffix much, "in X" little."""
    if cue is None:
        return 1
    if cue.startswith(("title", "suffix", "head", "user dictionary", "dictionary", "ending")):
        return 3
    return 1


def _reading(latin: str, memo: dict[str, str]) -> str:
    """``toneless(chinese_reading(latin))``, a word at a time through ``memo`` (the table reads
    each word alone and the reading drops the · between words).

    >>> _reading("Alikhan Smailov", {}) == toneless(chinese_reading("Alikhan Smailov"))
    True
    """
    out = []
    for word in latin.split():
        found = memo.get(word)
        if found is None:
            found = memo[word] = toneless(chinese_reading(word))
        out.append(found)
    return "".join(out)


def _split_suffix(form: str, suffixes: dict[str, str]) -> tuple[str, str]:
    """``form`` without its type word, and that word's Chinese (``""`` without one)."""
    for word, han in sorted(suffixes.items(), key=lambda item: -len(item[0])):
        if form.endswith(word) and len(form) > len(word) + 1:
            return form[: -len(word)].rstrip(" -"), han
    return form, ""


def _region_word(form: str) -> str:
    """``form`` with its last word, a word for a region, as "Region" (see :data:`REGION_WORDS`).

    >>> _region_word("West Kazakhstan Oblast")
    'West Kazakhstan Region'
    """
    head, _, last = form.rpartition(" ")
    return f"{head} {REGION_WORDS[last]}" if head and last in REGION_WORDS else form


def _plain(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _genders_differ(a: str, b: str) -> bool:
    """A man's and a woman's form of one surname (Abenov / Abenova)."""
    wa, wb = a.split()[-1].lower() if a.split() else a, b.split()[-1].lower() if b.split() else b
    if has_han(wa) or has_han(wb):
        return False
    fem_a, fem_b = wa.endswith(("ova", "eva", "ina", "yna", "skaya")), wb.endswith(("ova", "eva", "ina", "yna", "skaya"))
    return fem_a != fem_b and (wa.rstrip("a") == wb.rstrip("a") or loose_key(wa).rstrip("a") == loose_key(wb).rstrip("a"))


def _vowel_dropped(a: str, b: str) -> bool:
    """``b`` is ``a`` with vowels removed (or the other way round), never at the end."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 2 or a[-1] != b[-1]:
        return False
    i = 0
    for ch in a:
        if i < len(b) and ch == b[i]:
            i += 1
        elif ch not in "aeiouy":
            return False
    return i == len(b)


def _vowel_changed(a: str, b: str) -> bool:
    """Keys of seven letters or more that differ in one vowel, not the last letter (Baikonur /
    Bayqongyr: baikonur / baikonir)."""
    if len(a) != len(b) or len(a) < 7:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 1 and diff[0] < len(a) - 1 and a[diff[0]] in "aeiou" and b[diff[0]] in "aeiou"


def _head(new: Sequence[_Seen], names: set[str], derived: set[str]) -> _Seen:
    """The form a new concept is named after: English before Chinese, never a part of another of
    its forms (Wang Yi, not Wang) nor a form made from another (``derived``: a short form, an
    abbreviation, a crossing named after a place), a lake's or mountain's full name (Lake
    Balkhash), a place's name in the open data (Aktobe, not Aqtobe), then the most frequent, the
    longest."""
    if len(new) == 1:
        return new[0]  # (the one form: no keys to compare)
    words = [f" {s.form} " for s in new if s.lang == "en"]
    return max(new, key=lambda s: (s.lang == "en", not s.kinds.get("acronym"), s.form not in derived,
                                   not any(f" {s.form} " in w and w != f" {s.form} " for w in words),
                                   s.form.split()[0] in EN_PREFIXES, s.form in names,
                                   s.count, len(s.form)))


def _kind(seen: _Seen, rule: str | None) -> str | None:
    """The variant kind a form suggests (None for the form a new concept is named after)."""
    if seen.kinds.get("acronym"):
        return "abbreviation"
    if rule is None:
        return None
    if " named after " in rule:
        return "alias"  # 巴克图口岸, the crossing named after 巴克图
    if seen.lang == "zh":
        return "transliteration"
    if rule and rule.startswith("short form"):
        return "short-form"
    if _KAZAKH_LATIN.search(seen.form):
        return "transliteration"
    if "open data" in rule and _SOVIET.search(seen.form):
        return "former-name"  # Aktyubinsk, Semipalatinsk: the Russian name of Soviet times
    if seen.kinds.get("coinage"):
        return "calque"
    return "spelling" if rule else None


def _slug(form: str, concept_type: str | None = None, tokenizer: ZhTokenizer | None = None) -> str:
    if has_han(form):
        return zh_slug(form, concept_type, tokenizer=tokenizer)
    return _SLUG.sub("-", _plain(form).lower()).strip("-") or "name"


def _unique_ids(proposals: list[Proposal], glossary: Glossary) -> Iterator[Proposal]:
    taken: set[str] = set()
    for p in proposals:
        if p.concept is None:
            base, n = p.id, 2
            pid = base
            while pid in taken or pid in glossary:
                pid, n = f"{base}-{n}", n + 1
            if pid != p.id:
                p = Proposal(pid, p.concept, p.type, p.score, p.forms, p.contexts, p.cues, p.sources)
        taken.add(p.id)
        yield p


def counting_collector(spec: GlossarySpec) -> Collector:
    """A collector of the glossary ``spec`` names, for a worker of ``collect --jobs`` (made once
    per worker: its Chinese tokenizer is built once, on first use)."""
    return Collector(spec.load())


def count_file(file: TextFile, collector: Collector) -> Iterator[FileCounts]:
    """The counts of one file (:meth:`Collector.count`), as the one result of a worker's item
    (:func:`silkterm.glossary.pool.map_ordered`)."""
    yield collector.count(file.open(), file.path, file.markup)


def collect(texts: Iterable[tuple[str, Iterable[str], str]], glossary: Glossary, *,
            places: PlaceData | None = None) -> CollectResult:
    """Collect over ``texts``: ``(name, pieces, markup)`` triples (see :class:`Collector`)."""
    collector = Collector(glossary, places=places)
    for name, pieces, markup in texts:
        collector.add(pieces, name, markup)
    return collector.result()
