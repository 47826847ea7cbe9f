r"""Sentence alignment of an English text with its Chinese counterpart, and its memory units.

The aligner is a Gale–Church length model combined, as hunalign combines length with a dictionary,
with *lexical anchors*: glossary concepts named on both sides (霍尔果斯 and Khorgos are one concept),
numbers (``3.2万`` ~ ``32,000``, ``18.5%`` ~ ``18.5 percent``), dates (``6月3日`` ~ ``June 3``) and
Latin strings inside the Chinese that the English has too (``CNPC``, ``TEU``); and a headline (a
sentence without a sentence end) is an anchor for a headline on the other side. A country's English
adjective (``Kazakh``, ``Chinese``: :data:`DEMONYMS`) is a *soft* anchor for the country's concept:
it counts when the Chinese names the country and costs nothing when it does not (中文, 哈方).
Name pairs (``names``: Aruzhan Sadykova ~ 阿鲁詹·萨德科娃) are anchors too, a person's surname
alone standing for the pair (Sadykova ~ 萨德科娃; "Wang said" ~ 王磊说); with a ``pairer``
(:class:`~silkterm.glossary.namepairs.NamePairer`) a second pass adds the pairs learnt from the
first pass's links, as hunalign rebuilds its dictionary from a first alignment.

- Lengths are UTF-8 bytes (bertalign's baseline), which puts English and Chinese on one scale; the
  expected ratio is the ratio of the two texts' total byte lengths.
- A link (a *bead*) is 1-1, 1-2, 2-1, 1-0 or 0-1 (English count first). Its cost is the
  Gale–Church cost ``-100 ln(P(type) · P(|z|))``, less a bonus per anchor the two sides share,
  plus a charge per anchor found on one side only (anchors are counted as multisets: a name in two
  English sentences and one Chinese one is one of each, so merging a sentence that repeats its
  neighbour's names costs a charge per name repeated). A 1-0 or 0-1 link costs its prior only:
  neither its length nor its anchors have anything to meet (an added sentence naming the places of
  its neighbour is no less likely added for it).
- Dynamic programming runs in a band around the diagonal, bent through the sentence pairs that
  share an anchor no other sentence has (the longest chain of them in order); when the best path
  touches the band's edge the band is doubled and the search run again, so the work is linear in
  practice (:attr:`Alignment.cells` counts the cells visited).
- Each link's score (0–100) is a logistic function of its cost.

>>> a = align_texts("Trade up\n\nASTANA, May 6 (Xinhua) -- Exports rose 18.5 percent to "
...                 "32,000 tonnes. CNPC said so.", "贸易增长\n\n新华社阿斯塔纳5月6日电 出口增长18.5%，"
...                 "达3.2万吨。中国石油天然气集团公司（CNPC）表示。")
>>> [(link.type, link.anchors) for link in a.links]
[('1-1', ('(headline)',)), ('1-1', ('18.5', '32,000/3.2万', 'May 6/5月6日')), ('1-1', ('CNPC',))]
>>> units = alignment_units(a, en_file="a.en.txt", zh_file="a.zh.txt", min_score=0)
>>> units[2].segments[1].text, units[2].prop("x-silkterm-align-type")
('中国石油天然气集团公司（CNPC）表示。', '1-1')
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from silkterm.glossary.sentences import Sentence, split_sentences
from silkterm.tm.model import Segment, Unit, make_id

if TYPE_CHECKING:
    from silkterm.glossary.matcher import Matcher
    from silkterm.glossary.model import Glossary
    from silkterm.glossary.namepairs import NamePairer


@dataclass(frozen=True, slots=True)
class Link:
    """One link of an alignment: indices of its English and Chinese sentences (either may be
    empty), its confidence 0–100 and the anchors that tied the two sides."""

    en: tuple[int, ...]
    zh: tuple[int, ...]
    score: int  # 0–100 confidence
    anchors: tuple[str, ...] = ()  # what tied them ("Khorgos/霍尔果斯", "2024", "CNPC")

    @property
    def type(self) -> str:
        """``"1-2"``: the number of English sentences, then of Chinese ones."""
        return f"{len(self.en)}-{len(self.zh)}"


@dataclass(frozen=True, slots=True)
class Alignment:
    """The sentences of both texts and the links between them, in order, covering every sentence
    of both sides exactly once. ``cells`` is the number of dynamic-programming cells visited (both
    passes, with a second one); ``names`` the name pairs that were anchors (the second pass's)."""

    en: tuple[Sentence, ...]
    zh: tuple[Sentence, ...]
    links: tuple[Link, ...]
    cells: int = field(default=0, compare=False)
    names: tuple[tuple[str, str], ...] = ()  # the (English, Chinese) name pairs used as anchors


# --- the length model --------------------------------------------------------------------------

LINK_COUNTS: dict[tuple[int, int], int] = {(1, 1): 144, (1, 0): 15, (0, 1): 15, (2, 1): 10, (1, 2): 16}
"""How often each link type occurs in the hand alignments of the evaluation pairs
(``benchmarks/align`` and ``benchmarks/align/heldout``, 16 article pairs, 200 links): news
translations add, drop, merge and split sentences far more often than the Hansards of Gale and
Church (1993: 0.89 for 1-1, 0.0099 for 1-0 and 0-1 together, 0.089 for 2-1 and 1-2 together)."""

BEADS: dict[tuple[int, int], float] = {
    bead: (count + 1) / (sum(LINK_COUNTS.values()) + len(LINK_COUNTS)) for bead, count in LINK_COUNTS.items()
}
"""Prior probability of each link type: its share of :data:`LINK_COUNTS`, each count plus one
(Laplace's rule of succession; 1-1 0.707, 1-2 0.083, 1-0 and 0-1 0.078, 2-1 0.054), not a value
chosen by the measure. 2-2 is left out: there it only ever swallowed a 1-0 and a 0-1 link."""

VARIANCE = 7.0
"""Gale–Church s²: the variance of the length of a translation per unit of source length (their
6.8; 7 measured a little better on the evaluation set)."""

SHARED = 100.0
"""Cost taken off a link for each anchor its two sides share."""

ONE_SIDED = 80.0
"""Cost added to a link for each anchor found on one of its sides only."""

SCORE_MIDDLE, SCORE_SCALE = 290.0, 60.0
"""A link of cost SCORE_MIDDLE scores 50; SCORE_SCALE sets how fast the score falls with cost."""

BAND = 8
"""Half-width of the first band around the diagonal, in sentences."""


def _length_cost(en_bytes: int, zh_bytes: int, ratio: float) -> float:
    """``-100 ln P(|z|)``: how unlikely ``zh_bytes`` is as a rendering of ``en_bytes``. A sentence
    with no counterpart (1-0, 0-1) costs its prior only: its length says nothing about it."""
    if en_bytes == 0 or zh_bytes == 0:
        return 0.0
    zh_scaled = zh_bytes / ratio
    mean = (en_bytes + zh_scaled) / 2
    z = abs(zh_scaled - en_bytes) / math.sqrt(VARIANCE * mean)
    p = math.erfc(z / math.sqrt(2))  # two-sided tail: 2 (1 - Φ(|z|))
    return -100.0 * math.log(max(p, 1e-300))


_PRIOR_COST = {bead: -100.0 * math.log(p) for bead, p in BEADS.items()}

# --- anchors -----------------------------------------------------------------------------------

_MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for name in names}
_SCALE = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
          "万": 10**4, "亿": 10**8, "千": 1000, "百万": 10**6}
_EN_DATE = re.compile(r"\b(" + "|".join(sorted((m.title() for m in _MONTHS), key=len, reverse=True))
                      + r")\b\.?(?:\s+(\d{1,2})\b(?!,\d{3}|\.\d))?")
_EN_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(thousand|million|billion|trillion)\b)?")
_ZH_DATE = re.compile(r"(\d{1,2})月(?:(\d{1,2})日)?")
_ZH_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?(百万|万|亿|千)?(日)?")
_EN_NUMERALS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty"))} | {w: 10 * i for i, w in enumerate(
        ("thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 3)}
_EN_NUMERAL = re.compile(r"\b(" + "|".join(_EN_NUMERALS) + r")(?:-(" + "|".join(list(_EN_NUMERALS)[1:10])
                         + r"))?\b", re.IGNORECASE)
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL = re.compile(r"([零〇一二两三四五六七八九十百千]+)(?=[届名所个位家条座次倍成年天周项批种国])")
_LATIN = re.compile(r"[A-Za-z][A-Za-z.&]*[A-Za-z]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z&]*")
DEMONYMS: dict[str, str] = {
    "Chinese": "China", "Kazakh": "Kazakhstan", "Kazakhstani": "Kazakhstan", "Russian": "Russia",
    "Uzbek": "Uzbekistan", "Kyrgyz": "Kyrgyzstan", "Tajik": "Tajikistan", "Turkmen": "Turkmenistan",
    "Mongolian": "Mongolia", "Afghan": "Afghanistan", "Pakistani": "Pakistan", "Iranian": "Iran",
    "Turkish": "Turkey", "Azerbaijani": "Azerbaijan", "Georgian": "Georgia", "Indian": "India",
    "Japanese": "Japan", "Korean": "Korea", "European": "Europe", "German": "Germany",
    "French": "France", "British": "Britain", "American": "United States",
}
"""English adjectives of countries and regions, and the name whose concept they stand for: soft
anchors (see :class:`_Features`), the glossary naming the country and not its adjective."""
_DEMONYM = re.compile(r"\b(" + "|".join(DEMONYMS) + r")\b")


@dataclass(frozen=True, slots=True)
class _Features:
    """A sentence's anchors: ``keys`` expect a counterpart on the other side (key → surface);
    ``words`` are the English words a Latin string in the Chinese can meet; ``soft`` are anchors
    that count when the other side has them and cost nothing when it has not (a country's
    adjective, "Kazakh" for 哈萨克斯坦, which a translation may render another way: 哈方, 中文)."""

    size: int
    keys: dict[str, str]
    words: frozenset[str] = frozenset()
    soft: dict[str, str] = field(default_factory=dict)


def _number_key(whole: str, fraction: str | None, scale: int) -> str:
    try:
        value = Decimal(whole.replace(",", "") + (fraction or "")) * scale
    except InvalidOperation:  # pragma: no cover - the patterns admit digits only
        return whole
    text = format(value.normalize(), "f")
    return "n:" + text


_HEADLINE_END = re.compile(r"[.!?。！？；…][\"'”’」』）)]*$")


def _headline(text: str) -> dict[str, str]:
    """The anchor of a headline (a sentence without a sentence end): headlines go with headlines."""
    return {} if _HEADLINE_END.search(text) else {"h:": "(headline)"}


def _en_features(text: str, concepts: dict[str, str], soft: dict[str, str] | None = None) -> _Features:
    keys = {f"c:{cid}": surface for cid, surface in concepts.items()} | _headline(text)
    taken: list[tuple[int, int]] = []
    for m in _EN_DATE.finditer(text):
        month = _MONTHS[m.group(1).lower()]
        if m.group(2):
            keys[f"d:{month}-{int(m.group(2))}"] = m.group()
            taken.append(m.span(2))
        elif m.group(1) != "May" or m.end() < len(text) and text[m.end():m.end() + 1] == ",":
            keys[f"m:{month}"] = m.group(1)
    for m in _EN_NUMBER.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in taken):
            continue
        keys[_number_key(m.group(1), m.group(2), _SCALE.get(m.group(3) or "", 1))] = m.group()
    for m in _EN_NUMERAL.finditer(text):  # "sixteen", "twenty-four"; "one" says too little
        value = _EN_NUMERALS[m.group(1).lower()] + (_EN_NUMERALS[m.group(2).lower()] if m.group(2) else 0)
        if value > 1:
            keys.setdefault(f"n:{value}", m.group())
    words = frozenset(w.lower() for w in _EN_WORD.findall(text) if any(c.isupper() for c in w))
    return _Features(len(text.encode()), keys, words | {w[:-1] for w in words if w.endswith("s")},
                     {k: v for k, v in (soft or {}).items() if k not in keys})


def _zh_features(text: str, concepts: dict[str, str]) -> _Features:
    keys = {f"c:{cid}": surface for cid, surface in concepts.items()} | _headline(text)
    digits = unicodedata.normalize("NFKC", text) if any("０" <= c <= "９" for c in text) else text
    taken: list[tuple[int, int]] = []
    for m in _ZH_DATE.finditer(digits):
        month = int(m.group(1))
        if m.group(2):
            keys[f"d:{month}-{int(m.group(2))}"] = m.group()
        elif 1 <= month <= 12:
            keys[f"m:{month}"] = m.group()
        taken.append(m.span())
    for m in _ZH_NUMBER.finditer(digits):
        if m.group(4) or any(lo <= m.start() < hi for lo, hi in taken):
            continue  # a day alone ("2日") is often a weekday in English
        keys[_number_key(m.group(1), m.group(2), _SCALE.get(m.group(3) or "", 1))] = \
            m.group().rstrip("日")
    for m in _ZH_NUMERAL.finditer(digits):  # "十六名", "第二十四届", "七成" (70 percent)
        value = _zh_numeral(m.group(1)) * (10 if digits.startswith("成", m.end()) else 1)
        if value > 1:
            keys.setdefault(f"n:{value}", m.group() + ("成" if digits.startswith("成", m.end()) else ""))
    for m in _LATIN.finditer(digits):
        latin = m.group().replace(".", "").lower()
        if len(latin) >= 2:
            keys[f"l:{latin}"] = m.group()
    return _Features(len(text.encode()), keys)


def _zh_numeral(text: str) -> int:
    """The value of a Chinese numeral under 10,000 (``二十四`` 24, ``十六`` 16, ``三百零五`` 305).

    >>> _zh_numeral("二十四"), _zh_numeral("十六"), _zh_numeral("三百零五"), _zh_numeral("两千")
    (24, 16, 305, 2000)
    """
    total, digit = 0, None
    for c in text:
        if c in _ZH_UNITS:
            total += (1 if digit is None else digit) * _ZH_UNITS[c]
            digit = None
        else:
            digit = _ZH_DIGITS[c] if digit is None else digit * 10 + _ZH_DIGITS[c]
    return total + (digit or 0)


def _adjective_concepts(matcher: Matcher | None, text: str) -> dict[str, str]:
    """The concepts of the country adjectives of an English text ("Kazakh" → Kazakhstan's)."""
    found: dict[str, str] = {}
    for m in _DEMONYM.finditer(text):
        for cid in _concepts(matcher, DEMONYMS[m.group()]):
            found.setdefault(f"c:{cid}", m.group())
    return found


_NAME_JOINERS = re.compile(r"[·•・‧]")


_HAN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class _NameForms:
    """How each name pair is found, longest form first: English patterns and Chinese strings, each
    with the key of its pair (a surname alone is a form of the full name's pair)."""

    en: tuple[tuple[str, re.Pattern[str]], ...]
    zh: tuple[tuple[str, str], ...]


def _name_forms(names: Sequence[tuple[str, str]]) -> _NameForms:
    """The forms of the name pairs: each side's full form, and a person's surname alone — the last
    part of both sides when both have as many parts (Aruzhan Sadykova ~ 阿鲁詹·萨德科娃: Sadykova,
    萨德科娃), the first English word of a Chinese name in pinyin (Liu Yang ~ 刘洋: Liu), whose
    Chinese keeps the full name."""
    en_forms: dict[str, str] = {}
    zh_forms: dict[str, str] = {}
    for en, zh in names:
        key = f"p:{en}"
        en_forms.setdefault(en, key)
        zh_forms.setdefault(zh, key)
        en_parts, zh_parts = en.split(), _NAME_JOINERS.split(zh)
        if len(en_parts) > 1 and len(en_parts) == len(zh_parts) and len(zh_parts[-1]) > 1:
            en_forms.setdefault(en_parts[-1], key)
            zh_forms.setdefault(zh_parts[-1], key)
        elif len(en_parts) == 2 and 2 <= len(zh) <= 3 and _HAN.fullmatch(zh) and en_parts[0].istitle():
            en_forms.setdefault(en_parts[0], key)
    return _NameForms(
        tuple((key, re.compile(r"(?<![\w-])" + re.escape(en) + r"(?![\w-])"))
              for en, key in sorted(en_forms.items(), key=lambda f: -len(f[0]))),
        tuple(sorted(((key, zh) for zh, key in zh_forms.items()), key=lambda f: -len(f[1]))))


def _names_in(text: str, forms: _NameForms, english: bool) -> dict[str, str]:
    """The name-pair anchors of a sentence: each form found where no longer form was."""
    found: dict[str, str] = {}
    taken: list[tuple[int, int]] = []
    spans: list[tuple[str, list[tuple[int, int]]]]
    if english:
        spans = [(key, [m.span() for m in pattern.finditer(text)]) for key, pattern in forms.en]
    else:
        spans = [(key, [(k, k + len(zh)) for k in _find_all(text, zh)]) for key, zh in forms.zh]
    for key, places in spans:
        for lo, hi in places:
            if not any(a < hi and lo < b for a, b in taken):
                taken.append((lo, hi))
                found.setdefault(key, text[lo:hi])
    return found


def _find_all(text: str, sub: str) -> list[int]:
    out, k = [], text.find(sub)
    while k >= 0:
        out.append(k)
        k = text.find(sub, k + len(sub))
    return out


def _concepts(matcher: Matcher | None, text: str) -> dict[str, str]:
    if matcher is None:
        return {}
    found: dict[str, str] = {}
    for match in matcher.find(text):
        found.setdefault(match.concept_id, match.surface)
    return found


def _bead_anchors(en: Sequence[_Features], zh: Sequence[_Features]) -> tuple[int, int, list[str]]:
    """(shared, one-sided, labels) of the anchors of a link's two sides, counted as multisets: a
    name in two English sentences and one Chinese one is one shared anchor and one one-sided."""
    en_keys: dict[str, list[str]] = {}
    for f in en:
        for key, surface in f.keys.items():
            en_keys.setdefault(key, []).append(surface)
    zh_keys: dict[str, list[str]] = {}
    for f in zh:
        for key, surface in f.keys.items():
            zh_keys.setdefault(key, []).append(surface)
    labels: list[str] = []
    shared = one_sided = 0
    for key, surfaces in zh_keys.items():
        others = en_keys.get(key)
        if others is None and key.startswith("l:"):
            others = [surfaces[0]] * sum(1 for f in en if key[2:] in f.words)
        soft = [f.soft[key] for f in en if key in f.soft] if len(others or ()) < len(surfaces) else []
        if others or soft:
            hard = len(others or ())
            both = min(hard + len(soft), len(surfaces))
            shared += both
            one_sided += len(surfaces) - both + max(0, hard - len(surfaces))
            first = (others or soft)[0]
            labels.append(surfaces[0] if first == surfaces[0] else f"{first}/{surfaces[0]}")
        else:
            one_sided += len(surfaces)
    one_sided += sum(len(v) for key, v in en_keys.items() if key not in zh_keys)
    return shared, one_sided, labels


def _pair_counts(e: _Features, z: _Features) -> tuple[int, int]:
    """(shared, one-sided) anchors of one English and one Chinese sentence: :func:`_bead_anchors`
    without its labels, for the search's many one-to-one beads."""
    shared = one_sided = 0
    for key in z.keys:
        if key in e.keys or key in e.soft or key.startswith("l:") and key[2:] in e.words:
            shared += 1
        else:
            one_sided += 1
    return shared, one_sided + sum(1 for key in e.keys if key not in z.keys)


# --- dynamic programming -----------------------------------------------------------------------


def align_sentences(en: Sequence[Sentence], zh: Sequence[Sentence], *,
                    glossary: Glossary | None = None, anchors: bool = True,
                    names: Sequence[tuple[str, str]] = (), pairer: NamePairer | None = None) -> Alignment:
    """Align two lists of sentences (English, Chinese). ``glossary`` supplies the concept anchors;
    ``names`` (English, Chinese) name pairs are anchors too (a pair the glossary knows should be
    left out: its concept is one already); ``anchors=False`` leaves out every anchor: the plain
    Gale–Church length model.

    With a ``pairer``, a second pass: the names of the first pass's links are paired
    (:meth:`~silkterm.glossary.namepairs.NamePairer.pair`), and those the glossary does not know
    are added to ``names`` for the alignment returned, as hunalign rebuilds its dictionary from
    a first alignment."""
    if not anchors:
        ef = [_Features(len(s.text.encode()), {}) for s in en]
        zf = [_Features(len(s.text.encode()), {}) for s in zh]
        return _align(en, zh, ef, zf, ())
    matcher = None
    if glossary is not None:
        from silkterm.glossary.index import index_of

        matcher = index_of(glossary).matcher
    ef = [_en_features(s.text, _concepts(matcher, s.text), _adjective_concepts(matcher, s.text)) for s in en]
    zf = [_zh_features(s.text, _concepts(matcher, s.text)) for s in zh]
    first = _align(en, zh, *_with_names(en, zh, ef, zf, names), names)
    if pairer is None:
        return first
    texts = [(" ".join(en[i].text for i in link.en), " ".join(zh[j].text for j in link.zh))
             for link in first.links if link.en and link.zh]
    learnt = [(p.en, p.zh) for p in pairer.pair(texts) if p.concept is None]
    if not learnt:
        return first
    everything = [*names, *learnt]
    second = _align(en, zh, *_with_names(en, zh, ef, zf, everything), everything)
    return Alignment(second.en, second.zh, second.links, first.cells + second.cells, second.names)


def _with_names(en: Sequence[Sentence], zh: Sequence[Sentence], ef: list[_Features], zf: list[_Features],
                names: Sequence[tuple[str, str]]) -> tuple[list[_Features], list[_Features]]:
    """The features with the anchors of the name pairs ``names`` added."""
    if not names:
        return ef, zf
    forms = _name_forms(names)

    def add(f: _Features, found: dict[str, str]) -> _Features:
        return _Features(f.size, f.keys | found, f.words, f.soft) if found else f

    return ([add(f, _names_in(s.text, forms, english=True)) for s, f in zip(en, ef, strict=True)],
            [add(f, _names_in(s.text, forms, english=False)) for s, f in zip(zh, zf, strict=True)])


def _align(en: Sequence[Sentence], zh: Sequence[Sentence], ef: Sequence[_Features], zf: Sequence[_Features],
           names: Sequence[tuple[str, str]]) -> Alignment:
    n, m = len(ef), len(zf)
    en_total, zh_total = sum(f.size for f in ef), sum(f.size for f in zf)
    ratio = zh_total / en_total if en_total and zh_total else 1.0
    centres = _centres(ef, zf)
    width, cells = BAND, 0
    while True:
        path, touched, visited = _search(ef, zf, ratio, width, centres)
        cells += visited
        if not touched or width >= max(n, m):
            break
        width *= 2
    links = tuple(_link(ef, zf, ratio, i, j, di, dj) for i, j, di, dj in path)
    return Alignment(tuple(en), tuple(zh), links, cells, tuple(names))


def _bead_cost(ef: Sequence[_Features], zf: Sequence[_Features], ratio: float, i: int, j: int,
               di: int, dj: int, labelled: bool = False) -> tuple[float, list[str]]:
    """The cost of linking en[i:i+di] with zh[j:j+dj], and (``labelled``) the anchors shared."""
    e, z = ef[i:i + di], zf[j:j + dj]
    cost = _PRIOR_COST[(di, dj)] + _length_cost(sum(f.size for f in e), sum(f.size for f in z), ratio)
    if not (di and dj):  # a sentence without counterpart: its anchors have nothing to meet
        return cost, []
    if di == 1 and dj == 1 and not labelled:
        shared, one_sided = _pair_counts(e[0], z[0])
        return cost - SHARED * shared + ONE_SIDED * one_sided, []
    shared, one_sided, labels = _bead_anchors(e, z)
    return cost - SHARED * shared + ONE_SIDED * one_sided, labels


def _centres(ef: Sequence[_Features], zf: Sequence[_Features]) -> list[int]:
    """The centre of the band for each English position 0..n: the diagonal bent through the
    sentence pairs that share an anchor found in no other sentence of either text (the longest
    chain of them in order on both sides), straight between them."""
    n, m = len(ef), len(zf)
    en_at: dict[str, list[int]] = {}
    for i, f in enumerate(ef):
        for key in f.keys:
            en_at.setdefault(key, []).append(i)
    zh_at: dict[str, list[int]] = {}
    for j, f in enumerate(zf):
        for key in f.keys:
            zh_at.setdefault(key, []).append(j)
    points = sorted({(en_at[k][0], zh_at[k][0]) for k in en_at
                     if len(en_at[k]) == 1 and len(zh_at.get(k, ())) == 1
                     and en_at[k][0] > 0 and zh_at[k][0] > 0}, key=lambda p: (p[0], -p[1]))
    # the longest chain increasing in both i and j (patience sorting, k log k)
    tails: list[int] = []  # tails[c]: the point ending the chain of length c + 1 with the least j
    tail_js: list[int] = []
    before: list[int] = []
    for index, (_, j) in enumerate(points):
        c = bisect.bisect_left(tail_js, j)
        before.append(tails[c - 1] if c else -1)
        if c == len(tails):
            tails.append(index)
            tail_js.append(j)
        else:
            tails[c], tail_js[c] = index, j
    chain: list[tuple[int, int]] = []
    t = tails[-1] if tails else -1
    while t >= 0:
        chain.append(points[t])
        t = before[t]
    guide = [(0, 0), *reversed(chain), (n, m)]
    centres: list[int] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(guide):
        centres.extend(round(j0 + (i - i0) * (j1 - j0) / (i1 - i0)) for i in range(i0, i1))
    return [*centres, m]


def _search(ef: Sequence[_Features], zf: Sequence[_Features], ratio: float, width: int,
            centres: Sequence[int]) -> tuple[list[tuple[int, int, int, int]], bool, int]:
    """The cheapest path within ``width`` of the band's centres: its beads (i, j, di, dj),
    whether it touches the band's edge, and the number of cells visited."""
    n, m = len(ef), len(zf)

    def band(i: int) -> tuple[int, int]:
        return max(0, centres[i] - width), min(m, centres[i] + width)

    best: dict[tuple[int, int], tuple[float, int, int]] = {(0, 0): (0.0, 0, 0)}
    for i in range(n + 1):
        lo, hi = band(i)
        if i == n:
            lo = min(lo, m)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            choice: tuple[float, int, int] | None = None
            for di, dj in BEADS:
                prev = best.get((i - di, j - dj))
                if prev is None:
                    continue
                cost = prev[0] + _bead_cost(ef, zf, ratio, i - di, j - dj, di, dj)[0]
                if choice is None or cost < choice[0]:
                    choice = (cost, di, dj)
            if choice is not None:
                best[(i, j)] = choice
    path: list[tuple[int, int, int, int]] = []
    if (n, m) not in best:  # the band broke between two rows: widen it
        return path, True, len(best)
    i, j, touched = n, m, False
    while (i, j) != (0, 0):
        _, di, dj = best[(i, j)]
        lo, hi = band(i)
        touched = touched or (j == lo and lo > 0) or (j == hi and hi < m)
        i, j = i - di, j - dj
        path.append((i, j, di, dj))
    path.reverse()
    return path, touched, len(best)


def _link(ef: Sequence[_Features], zf: Sequence[_Features], ratio: float, i: int, j: int, di: int,
          dj: int) -> Link:
    cost, labels = _bead_cost(ef, zf, ratio, i, j, di, dj, labelled=True)
    score = 100.0 / (1.0 + math.exp(max(-50.0, min(50.0, (cost - SCORE_MIDDLE) / SCORE_SCALE))))
    return Link(tuple(range(i, i + di)), tuple(range(j, j + dj)), round(score), tuple(sorted(labels)))


def align_texts(en_text: str, zh_text: str, *, glossary: Glossary | None = None,
                anchors: bool = True, names: Sequence[tuple[str, str]] = (),
                pairer: NamePairer | None = None) -> Alignment:
    """Split both texts into sentences (:func:`~silkterm.glossary.sentences.split_sentences`)
    and align them (:func:`align_sentences`)."""
    return align_sentences(split_sentences(en_text, "en"), split_sentences(zh_text, "zh"),
                           glossary=glossary, anchors=anchors, names=names, pairer=pairer)


# --- memory units ------------------------------------------------------------------------------


def alignment_units(alignment: Alignment, *, en_file: str, zh_file: str, min_score: int = 50,
                    keep_low: bool = False) -> list[Unit]:
    """One translation unit per link with text on both sides (1-0 and 0-1 links give none): an
    ``en`` and a ``zh-Hans`` segment (English sentences joined by a space, Chinese ones without);
    properties ``x-silkterm-source`` (twice: the English file, then the Chinese one),
    ``x-silkterm-align-score`` and ``x-silkterm-align-type``. A link scoring under ``min_score``
    is left out, or with ``keep_low`` kept with ``x-silkterm-low-confidence: yes``. The unit id is
    :func:`~silkterm.tm.model.make_id` of the two texts, so it is stable across runs."""
    units: list[Unit] = []
    for link in alignment.links:
        if not link.en or not link.zh:
            continue
        low = link.score < min_score
        if low and not keep_low:
            continue
        en = " ".join(alignment.en[i].text for i in link.en)
        zh = "".join(alignment.zh[j].text for j in link.zh)
        props = [("x-silkterm-source", en_file), ("x-silkterm-source", zh_file),
                 ("x-silkterm-align-score", str(link.score)), ("x-silkterm-align-type", link.type)]
        if low:
            props.append(("x-silkterm-low-confidence", "yes"))
        units.append(Unit(make_id(en, zh), (Segment.from_text("en", en), Segment.from_text("zh-Hans", zh)),
                          props=tuple(props)))
    return units
