"""Chinese name candidates, and silkterm's jieba adapter (the only module that calls jieba for them).

jieba's part-of-speech tags alone do not find the names of China–Kazakhstan news: it cuts 托卡耶夫
into 托 + 卡耶夫, 努尔特列乌 into 努尔 + 特 + 列 + 乌, and tags 哈萨克斯坦 as a person. So
:func:`find_candidates_zh` combines signals over jieba's words (each a registry entry below):

* the user dictionary — the glossary's Chinese forms, added to a private :class:`ZhTokenizer`;
* runs of the characters Chinese uses to transliterate foreign names (the Xinhua Russian and
  English tables, ``data/transliteration_chars.txt``), where no piece is a frequent common word of
  jieba's dictionary (可以, 利用, 基本 …), an idiom, or a one-character word as common as 年 or 多;
* names joined by a middle dot (卡瑟姆若马尔特·托卡耶夫) or a hyphen (哈斯穆-卓玛尔特);
* suffixes after a name (阿克托别州, 阿克套港, 欧亚经济联盟, 阿拉木图外国语学院) and endings
  inside one (哈萨克斯坦: 斯坦; 别克捷诺夫: 夫);
* person titles before a name (总统托卡耶夫, 外长努尔特列乌, 总理李强) and after it (先生, 女士).

>>> [(c.form, c.type, c.cue) for c in find_candidates_zh("哈萨克斯坦总统托卡耶夫在阿克托别州会见外长努尔特列乌。")]
[('哈萨克斯坦', 'place', 'suffix: 斯坦'), ('托卡耶夫', 'person', 'title: 总统'), ('阿克托别州', 'place', 'suffix: 州'), ('努尔特列乌', 'person', 'title: 外长')]
>>> find_candidates_zh("我们可以利用这个机会。")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from silkterm.glossary.candidates import Candidate
from silkterm.glossary.model import ConceptType
from silkterm.glossary.translit import ZhTokenizer, default_tokenizer

# --- data --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def transliteration_chars() -> frozenset[str]:
    """The characters of the Xinhua transliteration tables shipped in
    ``silkterm.glossary.data/transliteration_chars.txt`` (the union of its sources).

    >>> chars = transliteration_chars()
    >>> all(c in chars for c in "托卡耶夫努尔特列乌"), "的" in chars, "在" in chars
    (True, False, False)
    """
    text = resources.files("silkterm.glossary.data").joinpath("transliteration_chars.txt").read_text(
        encoding="utf-8")
    chars: set[str] = set()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            chars.update(line.split("\t", 1)[1].strip())
    return frozenset(chars)


# --- registries ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Suffix:
    """A word that ends a name and says what it names; ``after_words``: descriptive words may stand
    between the name and the suffix (欧亚 + 经济 + 联盟), as in organisation names."""

    type: ConceptType
    after_words: bool = False


_PLACE = Suffix(ConceptType.PLACE)
_ORG = Suffix(ConceptType.ORGANISATION, after_words=True)
_EVENT = Suffix(ConceptType.EVENT, after_words=True)
_FACILITY = Suffix(ConceptType.FACILITY, after_words=True)
SUFFIXES: dict[str, Suffix] = {
    **{s: _PLACE for s in ("州", "市", "县", "区", "省", "口岸", "港", "站", "河", "湖", "山", "盆地",
                           "岛", "镇", "村", "湾", "海", "江", "草原", "沙漠", "地区", "自治区")},
    **{s: _ORG for s in ("公司", "集团", "基金", "银行", "大学", "学院", "委员会", "部", "联盟", "组织",
                         "协会", "研究所", "中心", "通讯社", "党", "议会")},
    **{s: _EVENT for s in ("论坛", "峰会", "博览会", "运动会", "年会")},
    **{s: _FACILITY for s in ("发射场", "机场", "电站", "运河", "管道")},
}
# Place suffixes that jieba glues to the last syllable of a name (克孜勒奥尔达州: 达州 is a city).
_GLUED_SUFFIXES = frozenset(s for s, v in SUFFIXES.items() if len(s) == 1 and v is _PLACE)
# Endings inside a transliterated name: -stan is a country or region, -ov/-ev/-ova a surname.
ENDINGS: dict[str, ConceptType] = {
    "斯坦": ConceptType.PLACE,
    "耶夫": ConceptType.PERSON, "诺夫": ConceptType.PERSON, "洛夫": ConceptType.PERSON,
    "科夫": ConceptType.PERSON, "耶娃": ConceptType.PERSON, "诺娃": ConceptType.PERSON,
    "洛娃": ConceptType.PERSON, "科娃": ConceptType.PERSON, "维奇": ConceptType.PERSON,
    "斯基": ConceptType.PERSON,
}
TITLES_BEFORE = frozenset({
    "总统", "副总统", "总理", "副总理", "外长", "外交部长", "主席", "副主席", "部长", "副部长", "大使",
    "总书记", "秘书长", "州长", "市长", "议长", "国务委员", "司令", "教授", "博士", "记者",
})
TITLES_AFTER = frozenset({"先生", "女士", "总统", "总理"})
DIRECTIONS = frozenset({"东", "西", "南", "北"})  # 东哈萨克斯坦州, 北哈萨克斯坦州
JOINERS = {"·": "middle dot", "‧": "middle dot", "•": "middle dot", "・": "middle dot",
           "-": "hyphen", "‐": "hyphen", "‑": "hyphen", "－": "hyphen"}
# jieba tags: names, and the tags of idioms and fixed expressions (never name pieces).
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
_IDIOM_TAGS = frozenset({"i", "l"})
_USER_TAGS: dict[str, ConceptType | None] = {
    "nr": ConceptType.PERSON, "ns": ConceptType.PLACE, "nt": ConceptType.ORGANISATION, "nz": None,
}
# Words between a name and an organisation suffix (国家 石油 经济 …): nouns, not verbs.
_DESCRIPTOR_TAGS = frozenset({"n", "vn", "nz", "j", "ns", "nt", "an", "b"})
MAX_DESCRIPTORS = 4

# Frequencies in jieba's dictionary (total ≈ 60 million), measured: a one-character word as common as
# 年 (248,559), 多 (98,900) or 本 (42,207) is a word of its own, never a syllable of a name, while the
# name syllables 南 (24,296), 别 (14,132) and 特 (7,898) are below 30,000; a longer common word (可以
# 70,958, 利用 13,559, 基本 20,479, 加班费 74) is at least 50, a name fragment (阿克 30, 洛夫 52,
# 克孜勒 9, 基辛格 40) rarer; names jieba tags as names stay pieces up to 1,000 (two characters:
# 巴西 1,628 and 罗马 3,071 are words of their own, 努尔 155) or 5,000 (longer: 伊拉克 2,671).
SINGLE_WEAK = 20_000
SINGLE_COMMON = 90_000
# Tags of function words (prepositions, conjunctions, particles, adverbs, pronouns, numerals,
# measure words, locatives, times): a character outside the tables with another tag (卓 in
# 哈斯穆-卓玛尔特, 提 in 瑙提耶夫) can be a syllable inside a name, never at its edge.
_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "m", "q", "f",
                            "y", "e", "o", "x", "t", "w", "mq", "rr", "rz", "zg", "dg", "tg"})
_NOT_NAME_WORD_TAGS = _FUNCTION_TAGS | {"z", "s"}
WORD_COMMON = 50
NAME_COMMON_2 = 1_000
NAME_COMMON = 5_000
KNOWN_NAME = 100  # a dictionary name this frequent (哈萨克斯坦 373) is a name of its own in a run

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_JOIN = "·‧•・·\\-‐‑－—―"
_SEP = rf"(?:[{_JOIN}](?:\r?\n[ \t]*)?|\r?\n[ \t]*[{_JOIN}]?)"
_CHUNK = re.compile(rf"[{_HAN}]+(?:{_SEP}[{_HAN}]+)*")
_BREAK = frozenset("\r\n \t")
_NOT_HAN = re.compile(f"[^{_HAN}]")


# --- words ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Word:
    """One word of a chunk: its text, tag, offsets in the chunk's text and its role."""

    text: str
    tag: str
    start: int
    end: int
    role: str  # "user" | "piece" | "weak" | "known" | "join" | "title" | "after" | "suffix" | "other"
    suffix: str = ""  # for a suffix word, its suffix (外交部: 部; 国立大学: 大学)


def _piece(word: str, tag: str, tok: ZhTokenizer, chars: frozenset[str]) -> str | None:
    """Whether ``word`` can be a syllable (or several) of a transliterated name: ``"piece"``,
    ``"weak"`` (only inside a name, or next to a middle dot, title or suffix: 米 in
    米哈伊尔·米舒斯京, 曾 "once" after a name), or None."""
    if tag in _IDIOM_TAGS:
        return None
    freq = tok.frequency(word)
    known = sum(1 for c in word if c in chars)
    if len(word) == 1:
        if known:
            return "piece" if freq < SINGLE_WEAK else "weak" if freq < SINGLE_COMMON else None
        return "weak" if tag not in _FUNCTION_TAGS and freq < SINGLE_WEAK else None
    if tag in NAME_TAGS and 2 * known >= len(word):  # 克孜勒, 阿拉木图: a name jieba knows
        return "piece" if freq < (NAME_COMMON_2 if len(word) == 2 else NAME_COMMON) else None
    # a rare word (基辛格 40, 根纳季 6), but no rare numeral, measure or descriptive word (万光年, 光灿灿)
    return "piece" if known == len(word) and freq < WORD_COMMON and tag not in _NOT_NAME_WORD_TAGS else None


def _org_suffix(word: str, tag: str) -> str:
    """The suffix an organisation name of jieba's dictionary ends with (外交部 nt: 部), or ""."""
    if tag != "nt":
        return ""
    for size in (3, 2, 1):
        suffix = word[-size:]
        if len(word) > size and suffix in SUFFIXES and SUFFIXES[suffix].after_words:
            return suffix
    return ""


def _role(word: str, tag: str, tok: ZhTokenizer, chars: frozenset[str]) -> tuple[str, str]:
    """The word's role, and the suffix of a suffix word."""
    if tok.user_tag(word) is not None:
        return "user", ""
    if word in JOINERS:
        return "join", ""
    if word in TITLES_BEFORE:
        return "title", ""
    if word in TITLES_AFTER:
        return "after", ""
    if word in SUFFIXES:
        return "suffix", word
    suffix = _org_suffix(word, tag)
    if suffix:
        return "suffix", suffix
    piece = _piece(word, tag, tok, chars)
    if piece == "piece" and len(word) >= 3 and tok.frequency(word) >= KNOWN_NAME:
        return "known", ""
    return piece or "other", ""


def _words(text: str, tok: ZhTokenizer, chars: frozenset[str]) -> list[_Word]:
    """``text`` cut into roled words; a place suffix jieba glued to a name's last syllable
    (奥尔 + 达州) is cut off again."""
    out: list[_Word] = []
    i = 0
    for word, tag in tok.cut(text):
        j = i + len(word)
        role, suffix = _role(word, tag, tok, chars)
        if (role in ("other", "piece") and 2 <= len(word) <= 3 and word[-1] in _GLUED_SUFFIXES and out
                and out[-1].role in ("piece", "weak", "user") and all(c in chars for c in word[:-1])):
            out.append(_Word(word[:-1], "", i, j - 1, "piece"))
            out.append(_Word(word[-1], "", j - 1, j, "suffix", word[-1]))
        else:
            out.append(_Word(word, tag, i, j, role, suffix))
        i = j
    return out


# --- finding -------------------------------------------------------------------------------------

_NAMEY = ("user", "piece", "known", "weak")
_SYLLABLES = ("piece", "weak")


def _run_end(words: Sequence[_Word], i: int) -> tuple[int, list[str]]:
    """The end (exclusive word index) of the name run starting at word ``i`` and the joiners in it.

    A run is name words, joined by single middle dots or hyphens (where any name jieba knows is a
    part: 亚历山大·图尔钦); a user word or a well-known dictionary name ends a run unless a joiner
    links it to the next word, or the run already has one (纳提詹·穆罕默德哈努利); a direction
    (东, 西, 南, 北) is part of the name it precedes (东哈萨克斯坦州)."""
    joins: list[str] = []
    j = i + 1
    while j < len(words):
        prev, cur = words[j - 1], words[j]
        if (cur.role == "join" and j + 1 < len(words) and _nameish(words[j + 1]) and _nameish(prev)):
            joins.append(JOINERS[cur.text])
            j += 2
            continue
        if cur.role in _SYLLABLES and prev.role in _SYLLABLES:
            j += 1
            continue
        if cur.role in _NAMEY and (joins or (j == i + 1 and prev.text in DIRECTIONS)):
            j += 1
            continue
        break
    return j, joins


def _nameish(w: _Word) -> bool:
    """A word that can be part of a name joined by a middle dot or hyphen."""
    return w.role in _NAMEY or (w.role == "other" and w.tag in NAME_TAGS)


def _trim(words: Sequence[_Word], i: int, end: int, joined: bool) -> tuple[int, int]:
    """The run ``words[i:end]`` without weak syllables at its edges, unless a title or middle dot
    is next to them (曾 in 莎巴帕耶娃曾任教 goes, 米 in 总理米哈伊尔 stays), or, at the end of a
    joined name, the syllable is no function word (达 in 科基尔·拉苏尔佐达)."""
    while i < end and words[i].role == "weak" and not (i > 0 and words[i - 1].role in ("title", "join")):
        i += 1
    while end > i and words[end - 1].role == "weak" and not (
            end < len(words) and words[end].role in ("join", "suffix", "after")) and not (
            joined and words[end - 1].tag not in _FUNCTION_TAGS):
        end -= 1
    return i, end


def _ending(form: str) -> tuple[ConceptType, str] | None:
    for ending, concept_type in ENDINGS.items():
        if form.endswith(ending) and len(form) > len(ending):
            return concept_type, f"suffix: {ending}" if concept_type is ConceptType.PLACE else f"ending: {ending}"
    return None


# The signals find_candidates_zh combines: each adds its weight to a base score of 30 (at most 100);
# the first that fired, in this order, with a type gives the candidate's type and cue (else the
# first that fired gives the cue).
SIGNALS: dict[str, int] = {
    "suffix": 20,            # 阿克托别州, 欧亚经济联盟
    "user dictionary": 30,   # a form of the glossary
    "title": 20,             # 总统托卡耶夫, 纳扎尔巴耶夫先生
    "ending": 10,            # 别克捷诺夫 (-ov), 哈萨克斯坦 (-stan)
    "middle dot": 20,        # 奥尔扎斯·别克坚诺夫
    "dictionary": 10,        # a name jieba knows: 阿拉木图 ns, 李克强 nr
    "hyphen": 5,             # 哈斯穆-卓玛尔特
    "transliteration": 15,   # three or more characters of the transliteration tables
}
BASE_SCORE = 30


def _judge(fired: dict[str, tuple[ConceptType | None, str]]) -> tuple[ConceptType | None, str | None, int]:
    """Type, cue and score from the signals that fired (name → (type or None, cue)).

    >>> _judge({"transliteration": (None, "transliteration"), "title": (ConceptType.PERSON, "title: 外长")})
    (<ConceptType.PERSON: 'person'>, 'title: 外长', 65)
    """
    score = min(100, BASE_SCORE + sum(SIGNALS[name] for name in fired))
    order = [name for name in SIGNALS if name in fired]
    typed = [name for name in order if fired[name][0] is not None]
    if typed:
        return fired[typed[0]][0], fired[typed[0]][1], score
    return None, fired[order[0]][1] if order else None, score


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # word indices, end exclusive
    end: int
    type: str | None
    cue: str | None
    score: int


def _suffix_after(words: Sequence[_Word], j: int) -> tuple[int, str] | None:
    """The word index after a suffix ending the name whose words end at ``j`` (place suffixes right
    after it; organisation and event suffixes also after up to ``MAX_DESCRIPTORS`` nouns), and the
    suffix; None if there is none."""
    if j < len(words) and words[j].role == "suffix":
        return j + 1, words[j].suffix
    k = j
    while k < len(words) and k - j < MAX_DESCRIPTORS and words[k].role != "suffix":
        if words[k].tag not in _DESCRIPTOR_TAGS or words[k].role in ("title", "after", "join"):
            return None
        k += 1
    if k == j or k >= len(words) or words[k].role != "suffix" or not SUFFIXES[words[k].suffix].after_words:
        return None
    end = k + 1  # 上海 + 合作 + 组织 + 峰会: the last suffix of a chain ends the name
    while end < len(words) and words[end].role == "suffix" and SUFFIXES[words[end].suffix].after_words:
        end += 1
    return end, words[end - 1].suffix


def _native_name(words: Sequence[_Word], i: int) -> int | None:
    """After a title, a Chinese name jieba knows (李强 nrfg) or a surname and one or two characters
    (王 + 毅): the end word index, or None."""
    w = words[i]
    if w.tag in ("nr", "nrfg", "nrt") and 2 <= len(w.text) <= 3:
        return i + 1
    if w.tag == "nr" and len(w.text) == 1:
        j = i + 1
        while (j < len(words) and j - i <= 2 and len(words[j].text) == 1 and words[j].role != "join"
               and words[j].tag in ("nr", "ng", "n", "a", "v", "nrfg", "ns", "")):
            j += 1
        if j - i >= 2:
            return j
    return None


def _find(words: Sequence[_Word], tok: ZhTokenizer, chars: frozenset[str]) -> list[_Found]:
    found: list[_Found] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        title = words[i - 1].text if i > 0 and words[i - 1].role == "title" else None
        native = (_native_name(words, i) if title is not None and w.role != "user"
                  and not all(c in chars for c in w.text) else None)
        if native is not None:
            found.append(_Found(i, native, ConceptType.PERSON.value, f"title: {title}", 70))
            i = native
            continue
        if w.role in _NAMEY or (_nameish(w) and i + 2 < n and words[i + 1].role == "join"
                                and _nameish(words[i + 2])):
            end, joins = _run_end(words, i)
            start, end = _trim(words, i, end, bool(joins))
            if start == end:
                i += 1
                continue
            if start > i:
                i = start
                title = None
                w = words[i]
        elif w.role in ("suffix", "other") and w.tag in ("nt", "ns") and len(w.text) >= 3 and not (
                i > 0 and words[i - 1].role in _NAMEY):
            # an organisation or place jieba knows: 新华社, 清华大学, 外交部, 黑龙江
            stop = i + 1
            kind = ConceptType.ORGANISATION if w.tag == "nt" else ConceptType.PLACE
            found.append(_Found(i, stop, kind.value, f"dictionary: {w.tag}", 40))
            i = stop
            continue
        elif w.tag in NAME_TAGS and len(w.text) >= 2 and w.role == "other" and tok.frequency(w.text) >= WORD_COMMON:
            end, joins = i + 1, []  # a name jieba knows that is no transliteration (上海, 欧亚)
        else:
            i += 1
            continue
        form = "".join(x.text for x in words[i:end])
        han = sum(1 for c in form if c not in JOINERS)
        user = end == i + 1 and w.role == "user"
        translit = all(x.role in ("piece", "weak", "known", "join") for x in words[i:end])
        if translit and end == i + 1 and not all(c in chars for c in w.text):
            translit = False  # a name jieba knows (李克强 nr) that is no transliteration
            cue_dictionary: str | None = f"dictionary: {w.tag}"
        else:
            cue_dictionary = None
        suffix = _suffix_after(words, end)
        # 托卡耶夫总统; but in 哈萨克斯坦总统托卡耶夫 the title belongs to the name after it
        after = (words[end].text if end < n and words[end].text in TITLES_AFTER
                 and not (end + 1 < n and _nameish(words[end + 1])) else None)
        # a dictionary name that is no transliteration counts only with a suffix after it, and a
        # common one (中国) not with a bare organisation suffix (中国公司; 中国外交部 is a name)
        if w.role == "other" and end == i + 1 and (
                suffix is None or (suffix[0] == end + 1 and tok.frequency(w.text) >= NAME_COMMON_2
                                   and words[end].text == suffix[1] and SUFFIXES[suffix[1]].after_words)):
            i += 1
            continue
        fired: dict[str, tuple[ConceptType | None, str]] = {}
        if user:
            fired["user dictionary"] = (_USER_TAGS.get(tok.user_tag(w.text) or ""), "user dictionary")
        if translit and han >= 3:
            fired["transliteration"] = (None, "transliteration")
        elif cue_dictionary is not None:
            place = ConceptType.PLACE if w.tag == "ns" else None  # 阿拉木图; never nr, nrt (哈萨克斯坦)
            fired["dictionary"] = (place, cue_dictionary)
        if end == i + 1 and w.tag == "ns" and not user:
            fired["dictionary"] = (ConceptType.PLACE, "dictionary: ns")
        if "middle dot" in joins:
            fired["middle dot"] = (ConceptType.PERSON, "middle dot")
        elif "hyphen" in joins:
            fired["hyphen"] = (None, "hyphen")
        ending = _ending(form) if not user else None
        if ending is not None:
            fired["ending"] = ending
        if (title or after) and not (ending and ending[0] is ConceptType.PLACE):  # 吉尔吉斯斯坦总统
            fired["title"] = (ConceptType.PERSON, f"title: {title or after}")
        if suffix is not None:
            fired["suffix"] = (SUFFIXES[suffix[1]].type, f"suffix: {suffix[1]}")
        concept_type, cue, score = _judge(fired)
        long_enough = han >= 3 or user or bool(joins) or (han >= 2 and (title or after or suffix))
        if not long_enough:
            i += 1
            continue
        stop = suffix[0] if suffix is not None else end
        found.append(_Found(i, stop, concept_type.value if concept_type else None, cue, score))
        i = stop
    return found


def _chunks(text: str, protected: Sequence[tuple[int, int]]) -> Iterable[tuple[str, list[int]]]:
    """Runs of Chinese text outside ``protected`` — joined across middle dots, hyphens and line
    breaks — as ``(text without the line breaks, offset in ``text`` of each of its characters)``."""
    if protected:
        parts: list[str] = []
        last = 0
        for start, end in protected:
            start, end = max(start, last), min(end, len(text))
            if end > start:
                parts.append(text[last:start])
                parts.append("\0" * (end - start))
                last = end
        parts.append(text[last:])
        masked = "".join(parts)
    else:
        masked = text
    for m in _CHUNK.finditer(masked):
        offsets = [k for k in range(m.start(), m.end()) if masked[k] not in _BREAK]
        yield "".join(masked[k] for k in offsets), offsets


def find_candidates_zh(text: str, *, protected: Sequence[tuple[int, int]] = (),
                       tokenizer: ZhTokenizer | None = None) -> list[Candidate]:
    """The names ``text`` (Chinese) seems to use, in text order, none overlapping a ``protected``
    span (sorted, non-overlapping, as ``silkterm.glossary.markup.protected_spans`` gives them).

    ``tokenizer`` carries the user dictionary (the glossary's Chinese forms); without one, a shared
    tokenizer without user words is used. A line break inside a name is not part of its ``form``.

    >>> [(c.form, c.start, c.end, c.type, c.cue, c.score)
    ...  for c in find_candidates_zh("总统哈斯穆-卓玛尔特·\\n托卡耶夫出席阿克托别州的论坛")]
    [('哈斯穆-卓玛尔特·托卡耶夫', 2, 16, 'person', 'title: 总统', 95), ('阿克托别州', 18, 23, 'place', 'suffix: 州', 65)]
    """
    tok = tokenizer if tokenizer is not None else default_tokenizer()
    chars = transliteration_chars()
    out: list[Candidate] = []
    for chunk, offsets in _chunks(text, protected):
        words = _words(chunk, tok, chars)
        for f in _find(words, tok, chars):
            a, b = words[f.start].start, words[f.end - 1].end
            out.append(Candidate(form=chunk[a:b], start=offsets[a], end=offsets[b - 1] + 1, lang="zh",
                                 kind="name", type=f.type, cue=f.cue, score=f.score))
    return out
