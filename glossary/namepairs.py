"""Pair the names of an English text with those of its Chinese original, sentence pair by sentence pair.

:func:`pair_names` takes the aligned sentence pairs of one document (each an English and a Chinese
text) and returns the :class:`NamePair` s it finds, each saying which rule made it:

* **glossary** — both forms look up (:func:`~silkterm.glossary.query.lookup`) to one concept: 100;
* **dictionary** / **places** — the shipped CC-CEDICT extract or the GeoNames/CLDR place data gives
  the one form for the other (伊犁河 ~ Ili River, 阿克托别 ~ Aktobe);
* **reading** — the Xinhua table's reading of a Kazakh or Russian name sounds like the Chinese form
  (:func:`~silkterm.glossary.xinhua.reading_score`), word by word for a person (叶尔兰·赛特卡利 ~
  Yerlan Seitkali), never a man's form with a woman's (Abenov / 阿贝诺娃);
* **pinyin** — the pinyin of a Chinese name is the English spelling (王磊 ~ Wang Lei);
* **translation** — a generic word of both sides stripped (Region ~ 州, River ~ 河, Port of ~ 港), the
  rest paired by one of the rules above (库斯塔奈州 ~ Kostanay Region); or the generic word of one side
  only dropped (Jiangsu Province ~ 江苏: the pair is Jiangsu ~ 江苏);
* **co-occurrence** — two names no rule explains, left unpaired together in several sentence pairs
  and apart in none (哈萨克斯坦国家铁路公司 ~ Kazakhstan Temir Zholy).

The candidates of each side come from the finders (:func:`~silkterm.glossary.candidates.find_candidates_en`,
:func:`~silkterm.glossary.candidates_zh.find_candidates_zh`), the parts of a hyphenated English name
(Dostyk-Moyynty) and, for an English name the Chinese finder gave no partner to, the stretch of the
Chinese sentence that sounds most like it (the finder may cut 多斯特克 to 斯特克, or miss 王磊). Each
sentence pair is then a one-to-one assignment (the best total score, overlapping forms never both
used), and a pair is kept only with ``min_score`` and a ``margin`` over the runner-up of either of its
forms (siblings read alike: 阿克套 Aktau / Aktobe). A surname alone and a dateline's capitals count
with the full name's pair of the document (Sadykova, ASTANA).

Cost: linear in the sentence pairs; per sentence pair the (English × Chinese) candidate scorings,
each remembered. :class:`NamePairer` keeps them from one document to the next (the way to pair a
corpus); :func:`pair_names` makes one per call, and builds the glossary's tokenizer (seconds) when
none is given: pass ``tokenizer`` when pairing many documents.

>>> from silkterm.glossary import load_glossary
>>> pairs = pair_names([("Aigul Tokhtarova visited Kostanay Region.", "阿依古丽·托赫塔罗娃访问了库斯塔奈州。")],
...                    load_glossary())
>>> [(p.en, p.zh, p.rule) for p in pairs]
[('Kostanay Region', '库斯塔奈州', 'translation'), ('Aigul Tokhtarova', '阿依古丽·托赫塔罗娃', 'reading')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from rapidfuzz.fuzz import ratio

from .candidates import Candidate, find_candidates_en
from .candidates_zh import find_candidates_zh, transliteration_chars
from .collect import EN_SUFFIXES, Collector
from .model import Glossary
from .placedata import PlaceData, shipped_places
from .query import lookup
from .translit import ZhTokenizer, pinyin_key
from .xinhua import chinese_reading, similarity, toneless
from .zhdict import ZhDictionary, shipped_dictionary

__all__ = ["MARGIN", "MIN_SCORE", "TRANSLATED_WORDS", "NamePair", "NamePairer", "pair_names"]

MIN_SCORE = 80  # the least score of a pair
MARGIN = 6  # … and its lead over the runner-up of either form (阿克套 Aktau / Aktobe)
KNOWN = 98  # a lookup score from which a form names the concept found
EXACT = 100
SOURCE_SCORE = 95  # the dictionary or the place data gives one form for the other
PINYIN_EXACT = 95  # the pinyin of the Chinese form is the English spelling
TRANSLATED = 2  # a translation pair costs this much of its stripped pair's score
ONE_SIDED = 6  # … a generic word of one side dropped (Jiangsu Province ~ 江苏) this much
ANCHORED = 82  # a name of generic words whose first name alone pairs (Shanghai … Co., Ltd. ~ 上海…有限公司)
ANCHOR_LONGEST = 4  # Chinese characters of that first name at most
CO_OCCURRENCE_MIN = 2  # sentence pairs two unpaired names must share for a co-occurrence pair
CO_OCCURRENCE_SCORE = 80  # … scored this, plus 5 a further shared sentence pair (at most 95)
SCAN_LONGEST = 12  # Chinese characters of the longest stretch searched for an English name
SCAN_MIN = 80  # the least likeness of a stretch found by sound to be kept as a candidate
SCAN_BELOW = 95  # an English name whose best Chinese candidate scores less is searched for by sound
SPELLING_COST = 5  # a word's spelling read as pinyin costs this much against the table's reading
DICTIONARY_LONGEST = 16  # characters of the longest dictionary name a Chinese candidate is run on to
FOREIGN_CHARS = 1  # characters outside the transliteration table a form read by the table may have
PINYIN_LONGEST = 4  # Chinese characters of the longest name compared by its pinyin (乌鲁木齐 ~ Urumqi)
ASSIGN_EXHAUSTIVE = 14  # Chinese candidates up to which the assignment is exact (else best first)

# Generic words as English and Chinese write them, a name's type word (Kostanay Region ~ 库斯塔奈州):
# the suffixes collect knows, and these (English suffix → Chinese suffix).
TRANSLATED_WORDS: dict[str, str] = {
    **EN_SUFFIXES,
    "Company": "公司", "Corporation": "公司", "Co., Ltd.": "有限公司", "Co., Ltd": "有限公司",
    "Co. Ltd.": "有限公司", "Bank": "银行", "Sea": "海", "Station": "站", "Railway": "铁路",
    "Institute": "学院", "Mountain": "山", "Expo": "博览会", "Forum": "论坛",
}
# Generic words English writes first (Port of Aktau ~ 阿克套港, Lake Balkhash ~ 巴尔喀什湖).
TRANSLATED_PREFIXES: dict[str, str] = {"Port of": "港", "Lake": "湖", "Mount": "山", "University of": "大学",
                                       "Bank of": "银行", "Gulf of": "湾", "Sea of": "海"}
# Words a Chinese name of a crossing or station adds that an English text often leaves out
# (阿拉山口口岸 ~ Alashankou): dropped from the Chinese side alone.
ZH_ONE_SIDED = ("铁路口岸", "公路口岸", "口岸", "火车站", "车站", "站", "港", "市", "省", "州")
# Endings that mark a woman's or a man's form of a surname (Abenova 阿贝诺娃 / Abenov 阿贝诺夫).
EN_FEMININE = ("ova", "eva", "yeva", "ina", "yna", "skaya", "aya")
EN_MASCULINE = ("ov", "ev", "yev", "in", "yn", "sky", "skiy")
ZH_FEMININE = ("娃", "娜", "娅", "丽")
ZH_MASCULINE = ("夫", "耶夫", "斯基")
PERSON_JOINERS = "·‧•・"
_INITIAL = re.compile(r"^(?:[A-Z]\.\s*)+")  # "A. B. Aliyev": the initials before a surname
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff][\u3400-\u4dbf\u4e00-\u9fff·]*")
# What joins two candidates into one name, and what may follow a name as part of it.
EN_JOINERS = frozenset({" and ", " & "})
HEAD_NOUNS = ("agreement", "pipeline", "railway", "corridor", "route", "treaty", "programme", "program",
              "project", "initiative", "zone", "highway")
_COMPANY_TAIL = re.compile(r"(?<= Co)\.?,? Ltd\.?")
_HEAD_TAIL = re.compile(r"(?: [a-z]+){0,3} (?:" + "|".join(HEAD_NOUNS) + r")\b")
ZH_COMPANY_WORDS = ("有限公司", "股份公司", "集团", "公司")
_ZH_COMPANY = re.compile("[\u4e00-\u9fff]{1,8}?(?:" + "|".join(ZH_COMPANY_WORDS) + ")")
# A name's first sound and the first letters its Chinese form may start with (Yerlan 叶尔兰: y, e)
VOWEL_ONSET = {"a": "a", "e": "y", "i": "y", "o": "a", "u": "w", "y": "e"}
_ARTICLE = re.compile(r"^(?:The|A|An) (?=[A-Z])")  # a sentence's first word taken into a name
_PLAIN_LATIN = re.compile(r"[A-Za-z][A-Za-z' -]*")
_HYPHEN = re.compile("[-\u2010-\u2015]")


@dataclass(frozen=True, slots=True)
class NamePair:
    """An English name and the Chinese one a sentence pair pairs it with.

    ``score`` 0–100; ``concept`` an existing concept id when the glossary knows the pair (or
    either side); ``rule`` the rule that made it (glossary, dictionary, places, reading, pinyin,
    translation, co-occurrence); ``count`` the sentence pairs it was seen in.

    >>> NamePair("Wang Lei", "王磊", 95, None, "pinyin").count
    1
    """

    en: str
    zh: str
    score: int
    concept: str | None
    rule: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class _Match:
    """How one English and one Chinese candidate pair: the forms the pair is of (a generic word of
    one side dropped), the score and the rule."""

    en: str
    zh: str
    score: int
    rule: str


_NO_MATCH = _Match("", "", 0, "")


@dataclass(frozen=True, slots=True)
class _Form:
    """A candidate of one side: its form and where it stands in the sentence."""

    form: str
    start: int
    end: int

    def overlaps(self, other: _Form) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class _Scorer:
    """Scores (en, zh) pairs with the rules, remembering what it computed (for a NamePairer's
    life; ``expansions`` only for the document being paired)."""

    glossary: Glossary
    dictionary: ZhDictionary
    places: PlaceData
    chars: frozenset[str]  # the characters of transliterations
    concepts: dict[str, str | None] = field(default_factory=dict)
    readings: dict[str, str] = field(default_factory=dict)
    sounds: dict[str, str] = field(default_factory=dict)
    scores: dict[tuple[str, str, str | None], _Match] = field(default_factory=dict)
    expansions: dict[str, str] = field(default_factory=dict)  # acronym → the long form the document gave
    stripped: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # en → _strip_en(en)

    def concept(self, form: str) -> str | None:
        """The concept the glossary lists ``form`` for (a lookup of :data:`KNOWN` or more)."""
        if form not in self.concepts:
            found = lookup(form, self.glossary, limit=2, min_score=KNOWN).matches
            self.concepts[form] = found[0].concept_id if found and found[0].score >= KNOWN and (
                len(found) == 1 or found[1].score < found[0].score) else None
        return self.concepts[form]

    def reading(self, word: str) -> str:
        """The toneless pinyin of the Xinhua reading of one Latin word."""
        found = self.readings.get(word)
        if found is None:
            found = self.readings[word] = toneless(chinese_reading(word))
        return found

    def sound(self, han: str) -> str:
        """The toneless pinyin of a Chinese form: a transliteration's character by character (the
        characters' readings are cached across documents; a transliteration has no word whose
        reading differs), another form's as a whole (重庆 chongqing, not zhongqing)."""
        found = self.sounds.get(han)
        if found is None:
            if len(han) > 1 and self.transliterated(han):
                found = "".join(toneless(c) for c in han if c not in PERSON_JOINERS)
            else:
                found = toneless(han)
            self.sounds[han] = found
        return found

    def transliterated(self, zh: str) -> bool:
        """Whether ``zh`` may be a transliteration: at most :data:`FOREIGN_CHARS` of its characters
        are not of the transliteration table (伊犁, 阿腾科里; not 哈萨克斯坦国家铁路公司)."""
        return sum(1 for c in zh if c not in self.chars and c not in PERSON_JOINERS) <= FOREIGN_CHARS

    def score(self, en: str, zh: str) -> _Match:
        """The best match of ``en`` and ``zh`` over the rules."""
        key = (en, zh, self.expansions.get(en))
        found = self.scores.get(key)
        if found is None:
            found = self.scores[key] = self._score(en, zh)
        return found

    def _score(self, en: str, zh: str) -> _Match:
        best = self.direct(en, zh)
        if best.rule == "glossary":
            return self.known_form(best)
        if best.score >= EXACT:
            return best
        for match in (*_translations(self, en, zh), *_surname(self, en, zh)):
            if match.score > best.score:
                best = match
        return best

    def known_form(self, match: _Match) -> _Match:
        """``match`` with the concept's own Chinese form where the candidate holds it and more
        (古丝绸之路 ~ Silk Road: 丝绸之路)."""
        concept = self.concept(match.zh)
        if concept is None:
            return match
        c = self.glossary[concept]
        if any(f.form == match.zh for f in c.forms()):  # a form of its own: only the name itself inside
            inner = [c.zh] if c.zh and c.zh != match.zh and c.zh in match.zh else []
        else:
            inner = [f.form for f in c.forms() if f.form in match.zh]
        return _Match(match.en, max(inner, key=len), match.score, match.rule) if inner else match

    def direct(self, en: str, zh: str) -> _Match:
        """The best match of the two forms as they are (no generic word stripped)."""
        best = _NO_MATCH
        for name, rule in RULES:
            score = rule(self, en, zh)
            if score > best.score:
                best = _Match(en, zh, score, name)
                if score >= EXACT or name == "glossary":  # what the glossary says stands
                    break
        return best


def _by_glossary(s: _Scorer, en: str, zh: str) -> int:
    """:data:`EXACT` for the concept's own English name, one less for another of its forms (a
    dateline's AKTAU, a plural, another name: Middle Corridor) so that the name itself wins a tie."""
    c = s.concept(en)
    if c is None and en in s.expansions:
        c = s.concept(s.expansions[en])
    if c is None or c != s.concept(zh):
        return 0
    return EXACT if s.glossary[c].en == en else EXACT - 1


def initials(english: str) -> str:
    """The capitals an acronym takes from a name (small words left out).

    >>> initials("Industrial and Commercial Bank of China")
    'ICBC'
    """
    return "".join(w[0] for w in english.replace("-", " ").split() if w[0].isupper())


def _by_dictionary(s: _Scorer, en: str, zh: str) -> int:
    if len(en) >= 3 and en.isupper() and en.isalpha() and any(initials(n) == en for n in s.dictionary.names(zh)):
        return SOURCE_SCORE
    for english in (en, s.expansions.get(en)):
        if english is None:
            continue
        for han in s.dictionary.chinese(english):
            if han == zh or s.dictionary.full(han) == zh:
                return SOURCE_SCORE
    return 0


def _by_places(s: _Scorer, en: str, zh: str) -> int:
    places = s.places.lookup(en)
    if not places:
        return 0
    ids = {p.geonameid for p in places}
    return SOURCE_SCORE if any(p.geonameid in ids for p in s.places.lookup(zh)) else 0


def _genders_differ(en_word: str, zh_word: str) -> bool:
    """A woman's form of a surname on one side and a man's on the other (Abenova / 阿贝诺夫)."""
    low = en_word.lower()
    en_fem, en_masc = low.endswith(EN_FEMININE), low.endswith(EN_MASCULINE)
    zh_fem, zh_masc = zh_word.endswith(ZH_FEMININE), zh_word.endswith(ZH_MASCULINE)
    return (en_fem and zh_masc) or (en_masc and not en_fem and zh_fem)


def _latin_words(en: str) -> list[str]:
    """The words of an English name without initials before it (A. B. Aliyev → Aliyev)."""
    return _INITIAL.sub("", en).replace("-", " ").split()


def _by_reading(s: _Scorer, en: str, zh: str) -> int:
    words = _latin_words(en)
    if not words or not all(w.isalpha() and w.isascii() for w in words):
        return 0
    if not s.transliterated(zh) and not any(j in zh for j in PERSON_JOINERS):
        return 0  # (a middle dot marks a foreign person's name, however its given name is written: 铁木尔·…)
    parts = [p for p in re.split(f"[{PERSON_JOINERS}]", zh) if p]
    spelt = len(parts) == len(words)  # a word's spelling may count (not of a run: Li Qiang / 李克强)
    if not spelt:
        if len(parts) != 1:
            return 0
        parts = [zh]
        words = ["".join(words)]
    if _genders_differ(words[-1], parts[-1]):
        return 0
    total = 0
    for word, part in zip(words, parts, strict=True):
        sound = s.sound(part)
        # the table reads Russian ж as 热/茹; Kazakh names are often written by their spelling (Zhanna 扎娜)
        by_spelling = round(ratio(word.lower(), sound)) - SPELLING_COST if spelt else 0
        total += max(similarity(s.reading(word), sound), by_spelling)
    score = total // len(words)
    short = len(zh) <= 2 or len("".join(words)) <= 3
    return score if not short or score >= 95 else score - 10


def _by_pinyin(s: _Scorer, en: str, zh: str) -> int:
    """The pinyin of a Chinese name (of :data:`PINYIN_LONGEST` characters at most, no middle dot)
    against an English spelling of it."""
    if len(zh) > PINYIN_LONGEST or any(c in zh for c in PERSON_JOINERS) or not _PLAIN_LATIN.fullmatch(en):
        return 0
    key, han = pinyin_key(en), s.sound(zh)
    if key == han:
        return PINYIN_EXACT
    return round(ratio(key, han)) - 10


# The rules that compare two forms as they stand, in the order they are tried.
RULES: tuple[tuple[str, Callable[[_Scorer, str, str], int]], ...] = (
    ("glossary", _by_glossary),
    ("dictionary", _by_dictionary),
    ("places", _by_places),
    ("pinyin", _by_pinyin),
    ("reading", _by_reading),
)


def _strip_en(en: str) -> list[tuple[str, str]]:
    """The ways to strip a generic word off ``en``: (the rest, the Chinese of the word)."""
    out = []
    for word, han in TRANSLATED_WORDS.items():
        if en.endswith(" " + word) and len(en) > len(word) + 2:
            out.append((en[: -len(word) - 1].rstrip(" ,"), han))
    for word, han in TRANSLATED_PREFIXES.items():
        if en.startswith(word + " ") and len(en) > len(word) + 2:
            out.append((en[len(word) + 1:], han))
    return out


def _translations(s: _Scorer, en: str, zh: str) -> list[_Match]:
    """Matches with generic words stripped: of both sides (a translation of the type word) or of
    one side only (the pair is then of the rest and the other form)."""
    out = []
    strips = s.stripped.get(en)
    if strips is None:
        strips = s.stripped[en] = _strip_en(en)
    for rest, han in strips:
        if zh.endswith(han) and len(zh) > len(han):
            m = s.direct(rest, zh[: -len(han)])
            if m.score:
                out.append(_Match(en, zh, m.score - TRANSLATED, "translation"))
            if _anchored(s, rest, zh[: -len(han)]):
                out.append(_Match(en, zh, ANCHORED, "translation"))
        m = s.direct(rest, zh)
        if m.score:
            out.append(_Match(rest, zh, m.score - ONE_SIDED, m.rule))
    for han in ZH_ONE_SIDED:
        if zh.endswith(han) and len(zh) > len(han) + 1:
            m = s.direct(en, zh[: -len(han)])
            if m.score:
                out.append(_Match(en, zh[: -len(han)], m.score - ONE_SIDED, m.rule))
            break
    return out


def _anchored(s: _Scorer, en: str, zh: str) -> bool:
    """Whether ``en`` (two words or more) and ``zh`` start with one name the rules pair (Shanghai
    Silkway Payment ~ 上海丝路支付: Shanghai ~ 上海), the rest being translated."""
    words = en.split()
    if len(words) < 2 or len(zh) < 3:
        return False
    return any(s.direct(words[0], zh[:k]).score >= SOURCE_SCORE for k in range(2, min(ANCHOR_LONGEST, len(zh) - 1) + 1))


def _surname(s: _Scorer, en: str, zh: str) -> list[_Match]:
    """A person's full name in English and the surname alone in Chinese (Serik Sauranbayev ~
    萨乌兰巴耶夫): the pair is of the surnames, read by the table."""
    words = _latin_words(en)
    if len(words) < 2 or len(zh) < 3 or any(c in zh for c in PERSON_JOINERS):
        return []
    score = _by_reading(s, words[-1], zh)
    return [_Match(words[-1], zh, score - TRANSLATED, "reading")] if score else []


def _en_forms(text: str, s: _Scorer) -> list[_Form]:
    """The English candidates of a sentence, with the parts of hyphenated ones (Dostyk-Moyynty)."""
    out: list[_Form] = []
    seen: set[str] = set()
    for c in find_candidates_en(text):
        if c.abbreviation:
            s.expansions.setdefault(c.abbreviation, c.form)
        if c.expansion:
            s.expansions.setdefault(c.form, c.expansion)
        form = _INITIAL.sub("", c.form) if c.type != "organisation" else c.form
        form = _ARTICLE.sub("", form)
        start = c.end - len(form)
        if form not in seen:
            seen.add(form)
            out.append(_Form(form, start, c.end))
        if " " not in form and _HYPHEN.search(form):
            at = start
            for part in _HYPHEN.split(form):
                if part[:1].isupper() and len(part) > 2 and part not in seen:
                    seen.add(part)
                    out.append(_Form(part, at, at + len(part)))
                at += len(part) + 1
    return _longer_en(text, out, seen)


def _longer_en(text: str, found: list[_Form], seen: set[str]) -> list[_Form]:
    """``found`` and the longer names the finder cut: two candidates joined by "and" (Beijing
    Language and Culture University), a company's ", Ltd." (… Co., Ltd.), lower-case words up to a
    head noun after a compound of names (China-Kazakhstan mutual visa exemption agreement)."""
    out = list(found)
    spans = sorted((f.start, f.end) for f in found)
    heads = {w.split()[-1] for w in TRANSLATED_WORDS} | {"Co"}
    for (a, b), (c, d) in pairwise(spans):
        if text[b:c] in EN_JOINERS and text[a:d].rsplit(" ", 1)[-1] in heads:  # not Kenkiyak and Atasu
            out.append(_Form(text[a:d], a, d))
    for f in list(out):
        m = _COMPANY_TAIL.match(text, f.end)
        if m is None and _HYPHEN.search(f.form) and " " not in f.form:  # China-Kazakhstan … agreement
            m = _HEAD_TAIL.match(text, f.end)
        if m:
            out.append(_Form(text[f.start:m.end()], f.start, m.end()))
    unique = []
    for f in out:
        if f.form not in seen or f in found:
            seen.add(f.form)
            unique.append(f)
    return unique


def _zh_forms(text: str, tokenizer: ZhTokenizer, dictionary: ZhDictionary) -> list[_Form]:
    """The Chinese candidates of a sentence, with a place's name run on to a company word after it
    (上海 → 上海丝路支付有限公司: the finder stops at the place) and a name run on to the longest
    name of the dictionary that starts with it (拜科努尔 → 拜科努尔航天发射基地). Names the finder
    found on either side of a middle dot are one person's (包尔江·奥斯帕诺夫), not two."""
    out: list[_Form] = []
    seen: set[str] = set()
    found = find_candidates_zh(text, tokenizer=tokenizer)
    joined: list[Candidate] = []
    for c in found:
        if joined and c.start == joined[-1].end + 1 and text[joined[-1].end] in PERSON_JOINERS:
            joined[-1] = joined[-1]._replace(form=text[joined[-1].start:c.end], end=c.end)
        else:
            joined.append(c)
    for c in joined:
        if c.form not in seen:
            seen.add(c.form)
            out.append(_Form(c.form, c.start, c.end))
        m = _ZH_COMPANY.match(text, c.end) if c.type == "place" else None
        ends = [m.end()] if m else []
        longest = next((e for e in range(min(len(text), c.start + DICTIONARY_LONGEST), c.end, -1)
                        if dictionary.names(text[c.start:e])), None)
        if longest is not None:
            ends.append(longest)
        for end in ends:
            if text[c.start:end] not in seen:
                seen.add(text[c.start:end])
                out.append(_Form(text[c.start:end], c.start, end))
    return out


def _targets(s: _Scorer, en: str) -> list[str]:
    """What an English name may sound like in Chinese: the Xinhua reading, the plain spelling."""
    words = _latin_words(en)
    if not words or not all(w.isalpha() and w.isascii() for w in words):
        return []
    return ["".join(s.reading(w) for w in words), pinyin_key(en)]


def _scan(s: _Scorer, en: str, text: str, have: Sequence[_Form]) -> list[_Form]:
    """The stretch of the Chinese ``text`` that sounds most like ``en`` (not one of the candidates
    ``have`` nor inside one): where the finder cut a name short or missed it."""
    targets = [t for t in _targets(s, en) if len(t) >= 4]
    if not targets:
        return []
    best: tuple[int, int, int] | None = None
    known = {f.form for f in have}
    firsts = {VOWEL_ONSET.get(t[0], t[0]) for t in targets} | {t[0] for t in targets}
    for m in _HAN_RUN.finditer(text):
        run = m.group()
        sounds = [s.sound(ch) if ch not in PERSON_JOINERS else "" for ch in run]
        for i in range(len(run)):
            if not sounds[i] or sounds[i][0] not in firsts:  # a stretch starts with the name's sound
                continue
            joined = ""
            for j in range(i, min(len(run), i + SCAN_LONGEST)):
                joined += sounds[j]
                if j == i or run[j] in PERSON_JOINERS:
                    continue
                for t in targets:
                    if abs(len(joined) - len(t)) > 3:
                        continue
                    r = round(ratio(joined, t))
                    if r >= SCAN_MIN and (best is None or r > best[0]) and run[i:j + 1] not in known and not any(
                            f.start <= m.start() + i and m.start() + j + 1 <= f.end for f in have):
                        best = (r, m.start() + i, m.start() + j + 1)  # (never a part of a name found: 阿克托 of 阿克托别)
    return [] if best is None else [_Form(text[best[1]:best[2]], best[1], best[2])]


def _assign(matches: list[list[_Match]], conflicts: list[int], floor: int) -> list[tuple[int, int]]:
    """The one-to-one assignment of the best total: (en index, zh index) pairs, of scores from
    ``floor`` (weak pairs add nothing to a total). ``conflicts[j]`` is the bit mask of the Chinese
    candidates that overlap candidate ``j`` (itself included)."""
    rows = [i for i, row in enumerate(matches) if any(m.score >= floor for m in row)]
    cols = [j for j in range(len(conflicts)) if any(matches[i][j].score >= floor for i in rows)]
    if not cols:
        return []
    # only the candidates with a pair of ``floor`` or more take part (most sentence pairs: a few)
    place = {j: k for k, j in enumerate(cols)}
    sub_conflicts = [sum(1 << place[jj] for jj in cols if conflicts[j] >> jj & 1) for j in cols]
    found = _assign_all([[matches[i][j].score if matches[i][j].score >= floor else 0 for j in cols] for i in rows],
                        sub_conflicts)
    return [(rows[a], cols[b]) for a, b in found]


def _assign_all(scores: list[list[int]], conflicts: list[int]) -> list[tuple[int, int]]:
    """:func:`_assign` of a score matrix (0: no pair)."""
    n_en, n_zh = len(scores), len(conflicts)
    if n_zh > ASSIGN_EXHAUSTIVE:  # rare: best first
        order = sorted(((scores[i][j], i, j) for i in range(n_en) for j in range(n_zh)), reverse=True)
        used_en: set[int] = set()
        used = 0
        out = []
        for sc, i, j in order:
            if sc and i not in used_en and not used & (1 << j):
                used_en.add(i)
                used |= conflicts[j]
                out.append((i, j))
        return out

    @cache
    def best(i: int, used: int) -> tuple[int, tuple[tuple[int, int], ...]]:
        if i == n_en:
            return 0, ()
        top = best(i + 1, used)
        for j in range(n_zh):
            sc = scores[i][j]
            if sc and not used & (1 << j):
                total, rest = best(i + 1, used | conflicts[j])
                if total + sc > top[0]:
                    top = (total + sc, ((i, j), *rest))
        return top

    return list(best(0, 0)[1])


def _runner_up(s: _Scorer, scores: list[list[_Match]], en: list[_Form], zh: list[_Form], i: int, j: int) -> int:
    """The best score of another pairing of candidate ``i`` or ``j`` (a candidate overlapping the
    other one, giving the same pair or naming the same known concept is no rival: URUMQI and
    Urumqi, Confucius Institute and Confucius Institutes)."""
    chosen = scores[i][j]
    concept = s.concept(chosen.en) or s.concept(chosen.zh)
    best = 0
    for jj in range(len(zh)):
        m = scores[i][jj]
        if (jj != j and not zh[jj].overlaps(zh[j]) and m.zh != chosen.zh
                and (concept is None or s.concept(m.zh) != concept)):
            best = max(best, m.score)
    for ii in range(len(en)):
        m = scores[ii][j]
        if (ii != i and not en[ii].overlaps(en[i]) and m.en != chosen.en
                and (concept is None or s.concept(m.en) != concept)):
            best = max(best, m.score)
    return best


@dataclass(frozen=True, slots=True)
class _Tally:
    """The pairs of a document so far, and the names each sentence pair left unpaired."""

    pairs: dict[tuple[str, str], NamePair] = field(default_factory=dict)
    unpaired: list[tuple[list[str], list[str]]] = field(default_factory=list)

    def add(self, pair: NamePair) -> None:
        key = (pair.en, pair.zh)
        old = self.pairs.get(key)
        if old is None:
            self.pairs[key] = pair
        else:
            best = pair if pair.score > old.score else old
            self.pairs[key] = NamePair(best.en, best.zh, best.score, best.concept or old.concept, best.rule,
                                       old.count + pair.count)


def _co_occurring(s: _Scorer, tally: _Tally, paired_en: set[str], paired_zh: set[str]) -> list[NamePair]:
    """Pairs of names no rule explained that stay unpaired together in several sentence pairs,
    the English name apart in none, and neither with a rival as often (a name inside the other is
    none: Kazakhstan-China oil pipeline, China oil pipeline). Names the glossary knows, and
    English compounds of known names (China-Kazakhstan), are no translated names."""
    n_en: dict[str, int] = {}
    n_zh: dict[str, int] = {}
    both: dict[tuple[str, str], int] = {}
    for ens, zhs in tally.unpaired:
        ens = [e for e in ens if e not in paired_en and not all(s.concept(w) for w in _HYPHEN.split(e))]
        zhs = [z for z in zhs if z not in paired_zh and not s.concept(z)]
        for e in ens:
            n_en[e] = n_en.get(e, 0) + 1
        for z in zhs:
            n_zh[z] = n_zh.get(z, 0) + 1
        for e in ens:
            for z in zhs:
                both[(e, z)] = both.get((e, z), 0) + 1
    by_en: dict[str, list[tuple[str, int]]] = {}
    by_zh: dict[str, list[tuple[str, int]]] = {}
    for (e, z), n in both.items():
        if n >= CO_OCCURRENCE_MIN:
            by_en.setdefault(e, []).append((z, n))
            by_zh.setdefault(z, []).append((e, n))
    out = []
    for (e, z), n in both.items():
        # (n may be less than the Chinese name's count: Chinese repeats a name English says "it" for)
        if n < CO_OCCURRENCE_MIN or n != n_en[e]:
            continue
        if not any(m >= n and zz != z for zz, m in by_en[e]) and not any(
                m >= n and ee != e and ee not in e and e not in ee for ee, m in by_zh[z]):
            score = min(95, CO_OCCURRENCE_SCORE + 5 * (n - CO_OCCURRENCE_MIN))
            out.append(NamePair(e, z, score, None, "co-occurrence", n))
    return out


def pair_names(sentence_pairs: Sequence[tuple[str, str]], glossary: Glossary, *,
               tokenizer: ZhTokenizer | None = None, min_score: int = MIN_SCORE,
               margin: int = MARGIN) -> list[NamePair]:
    """The name pairs of one document's aligned ``sentence_pairs`` ((English, Chinese) texts),
    deduplicated with their counts summed, best first (see the module docs).

    >>> from silkterm.glossary import load_glossary
    >>> [(p.en, p.zh, p.rule, p.count) for p in pair_names(
    ...     [("Wang Lei met Aktobe officials.", "王磊会见了阿克托别官员。"),
    ...      ("Wang Lei said so.", "王磊说。")], load_glossary())]
    [('Aktobe', '阿克托别', 'reading', 1), ('Wang Lei', '王磊', 'pinyin', 2)]
    """
    return NamePairer.of(glossary, tokenizer).pair(sentence_pairs, min_score=min_score, margin=margin)


@dataclass(frozen=True, slots=True)
class NamePairer:
    """:func:`pair_names` for many documents: what it computes about a form (lookups, readings,
    scores of a pair of forms) is kept from one document to the next.

    >>> from silkterm.glossary import load_glossary
    >>> pairer = NamePairer.of(load_glossary())
    >>> [(p.en, p.zh) for p in pairer.pair([("Wang Lei spoke.", "王磊讲话。")])]
    [('Wang Lei', '王磊')]
    """

    glossary: Glossary
    tokenizer: ZhTokenizer
    scorer: _Scorer

    @classmethod
    def of(cls, glossary: Glossary, tokenizer: ZhTokenizer | None = None) -> NamePairer:
        """A pairer for ``glossary`` (``tokenizer``: as for :func:`pair_names`)."""
        tok = tokenizer if tokenizer is not None else Collector(glossary).tokenizer
        return cls(glossary, tok, _Scorer(glossary, shipped_dictionary(), shipped_places(), transliteration_chars()))

    def pair(self, sentence_pairs: Sequence[tuple[str, str]], *, min_score: int = MIN_SCORE,
             margin: int = MARGIN) -> list[NamePair]:
        """The name pairs of one document (see :func:`pair_names`)."""
        return _pair(self.scorer, self.tokenizer, sentence_pairs, min_score, margin)


def _pair(s: _Scorer, tok: ZhTokenizer, sentence_pairs: Sequence[tuple[str, str]], min_score: int,
          margin: int) -> list[NamePair]:
    s.expansions.clear()  # a document's own acronyms
    tally = _Tally()
    for en_text, zh_text in sentence_pairs:
        en = _en_forms(en_text, s)
        zh = _zh_forms(zh_text, tok, s.dictionary)
        if not en or not (zh or zh_text):
            tally.unpaired.append(([f.form for f in en], [f.form for f in zh]))
            continue
        for e in en:
            if all(s.score(e.form, z.form).score < SCAN_BELOW for z in zh):
                zh.extend(_scan(s, e.form, zh_text, zh))
        scores = [[s.score(e.form, z.form) for z in zh] for e in en]
        conflicts = [sum(1 << k for k, other in enumerate(zh) if other.overlaps(z)) for z in zh]
        used_en: set[int] = set()
        used_zh: set[int] = set()
        for i, j in _assign(scores, conflicts, min_score):
            m = scores[i][j]
            if m.score < min_score or m.score - _runner_up(s, scores, en, zh, i, j) < margin:
                continue
            used_en.add(i)
            used_zh.update(k for k in range(len(zh)) if zh[k].overlaps(zh[j]))
            concept = s.concept(m.en) or s.concept(m.zh)
            tally.add(NamePair(m.en, m.zh, m.score, concept, m.rule))
        tally.unpaired.append(([e.form for k, e in enumerate(en) if k not in used_en],
                               [z.form for k, z in enumerate(zh) if k not in used_zh]))
    paired_en = {p.en for p in tally.pairs.values()}
    paired_zh = {p.zh for p in tally.pairs.values()}
    for pair in _co_occurring(s, tally, paired_en, paired_zh):
        if pair.score >= min_score:
            tally.add(pair)
    return sorted(_short_forms_folded(tally.pairs), key=lambda p: (-p.score, -p.count, p.en, p.zh))


def _short_forms_folded(pairs: dict[tuple[str, str], NamePair]) -> list[NamePair]:
    """The pairs with a person's surname alone (Sadykova ~ 萨德科娃) counted with the full name's
    pair of the document (Aruzhan Sadykova ~ 阿鲁詹·萨德科娃), as its short form."""
    full: dict[tuple[str, str], tuple[str, str]] = {}
    by_capitals = {(en.upper(), zh): en for en, zh in pairs if not en.isupper()}
    for en, zh in pairs:
        if en.isupper() and len(en) > 3:  # a dateline's ASTANA with the body's Astana
            plain = by_capitals.get((en, zh))
            if plain is not None:
                full[(en, zh)] = (plain, zh)
                continue
        words, parts = en.split(), re.split(f"[{PERSON_JOINERS}]", zh)
        if len(words) > 1 and len(parts) == len(words) and (words[-1], parts[-1]) in pairs:
            full.setdefault((words[-1], parts[-1]), (en, zh))
    out = dict(pairs)
    for short, long in full.items():
        if short not in out or long not in out or short == long:
            continue
        s, f = out.pop(short), out[long]
        out[long] = NamePair(f.en, f.zh, f.score, f.concept or s.concept, f.rule, f.count + s.count)
    return list(out.values())
