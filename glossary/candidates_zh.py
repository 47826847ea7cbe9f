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
* person titles before a name (总统托卡耶夫, 外长努尔特列乌, 总理李强) and after it (先生, 女士);
* a place before a facility word (``FACILITY_STEMS``: 巴克特口岸, 乌尔加尔机场, 阿腾科里站) is also a
  candidate of its own, the stem, with the cue ``stem of: <whole>`` (it overlaps the whole);
* a two-character name only with a cue: a title, a suffix, or a coordinator joining it to a person or
  place (萨金塔耶夫、马明; 中亚和欧洲); a place jieba knows (ns) also after a word of going or
  being somewhere (在武汉) — its dictionary tags 城市 and 河水 ns too;
* organisations: a country and a sector's abbreviation (中国石化), a one-character country
  abbreviation before an organisation's words (哈国家油气公司), a rare word starting with one before
  a company's ending (中油国际, ``COMPANY_ENDINGS``), an abbreviation written after its
  full name (中石化 after 中国石化: kind ``acronym``, the full name as ``expansion``);
* short spans in Chinese quotation marks, noun phrases of 2–8 characters (“绿色通道”), are coinages;
* not names: idioms jieba tags as names (山水相连 ns, 历久弥坚 nr) and X方, "the X side" (哈方).

:func:`zh_slug` makes a readable id from a Chinese name (吉木乃口岸 → ``jimunai-kouan``).

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
from silkterm.glossary.translit import (
    ZhTokenizer,
    default_tokenizer,
    has_han,
    name_words,
    word_syllables,
)

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
                         "协会", "研究所", "中心", "通讯社", "党", "议会", "署")},
    **{s: _EVENT for s in ("论坛", "峰会", "博览会", "运动会", "年会")},
    **{s: _FACILITY for s in ("发射场", "机场", "电站", "运河", "管道", "厂")},
    **{s: _PLACE for s in ("铁路口岸", "公路口岸", "陆港", "车站", "火车站")},
}
# Facility words after a place name (巴克特口岸, 乌尔加尔机场, 阿腾科里站): the name before them is a
# place of its own, so the finder gives the stem too ("stem of: 巴克特口岸"). A launch site (拜科努尔
# 航天发射场) or a power station is a concept apart from the town it is named after: not listed.
FACILITY_STEMS = frozenset({"口岸", "铁路口岸", "公路口岸", "机场", "站", "车站", "火车站", "港", "陆港"})
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
    "行长", "董事长", "总裁", "总经理",
})
TITLES_AFTER = frozenset({"先生", "女士", "总统", "总理"})
DIRECTIONS = frozenset({"东", "西", "南", "北"})  # 东哈萨克斯坦州, 北哈萨克斯坦州
# The one-character abbreviations of country names Chinese news uses (哈国家油气公司, 中石化, 中哈).
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "中": "中国", "哈": "哈萨克斯坦", "俄": "俄罗斯", "吉": "吉尔吉斯斯坦", "塔": "塔吉克斯坦",
    "乌": "乌兹别克斯坦", "土": "土库曼斯坦", "蒙": "蒙古", "美": "美国", "日": "日本", "韩": "韩国",
    "英": "英国", "法": "法国", "德": "德国",
}
# Words that end a company's name after an abbreviation of the company (中油 + 国际: CNPC International).
COMPANY_ENDINGS = frozenset({"国际", "集团", "控股", "公司"})
# Last characters that make a two-character run a common word: X方 is "the X side" (中方, 哈方, 双方).
NOT_NAME_ENDINGS_2 = frozenset({"方"})
# Words that join two names of one kind (萨金塔耶夫、马明; 托卡耶夫和马明): a two-character
# transliteration next to a person or place is a name of the same kind.
COORDINATORS = frozenset({"、", "和", "与", "及", "同"})
# Words of going or being somewhere: a place jieba knows right after one is a place (在武汉).
LOCATIVES = ("在", "到", "赴", "从", "往", "至", "于", "经", "来自", "位于", "前往", "抵达", "途经", "访问")
# Chinese quotation marks around a coinage or term (“绿色通道”), 2–8 characters.
_QUOTED_ZH = re.compile("“([\u3400-\u4dbf\u4e00-\u9fff·]{2,8})”|「([\u3400-\u4dbf\u4e00-\u9fff·]{2,8})」")
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
# 哈斯穆-卓玛尔特, 提 in 瑙提耶夫, and the bound morphemes jieba tags zg: 腾 in 阿腾科里, 纠 in
# 阿克纠宾斯克) can be a syllable inside a name, never at its edge.
_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "m", "q", "f",
                            "y", "e", "o", "x", "t", "w", "mq", "rr", "rz", "dg", "tg"})
# Words that close a name run on their right as punctuation does (经过马坎赤，; 马坎赤和): a weak
# syllable before them (赤) ends the name instead of being dropped.
_BOUNDARY_TAGS = frozenset({"p", "c", "uj", "ul", "uz", "ud", "ug", "uv", "x", "w"})
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
    """The suffix an organisation name of jieba's dictionary ends with (外交部 nt: 部), or a
    compound noun ends with (集团公司, 金融中心, 输油管道: a descriptor and a suffix of two
    characters or more, as one word), or ""."""
    if tag not in ("nt", "n", "vn", "nz"):
        return ""
    for size in (3, 2, 1) if tag == "nt" else (3, 2):
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


# Tags of a predicate (verbs, adverbs, adjectives, idioms): an idiom's half, never a name's.
# (not adjectives: 浩特 a in 二连浩特, 乌兰浩特)
_PREDICATE_TAGS = frozenset({"v", "vd", "vi", "d", "ad", "z", "l", "i"})
_IDIOM_NAME_TAGS = frozenset({"nr", "ns"})  # jieba's nt and nz four-character words are names or terms
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})


def _idiom(word: str, tag: str, tok: ZhTokenizer) -> bool:
    """Whether a four-character word jieba tags as a name is an idiom (成语): both halves words of
    its dictionary, one of them a predicate (山水 + 相连 d, 历久 d + 弥坚), unlike a place's (伊犁 +
    河谷 ns, 长江 + 流域 n; 呼和浩特: 呼和 is no word) or a transliteration's (卡拉 nrt + 干达 a).
    A word jieba tags ``i`` or ``l`` is one anyway.

    >>> tok = default_tokenizer()
    >>> _idiom("山水相连", "ns", tok), _idiom("历久弥坚", "nr", tok), _idiom("伊犁河谷", "ns", tok)
    (True, True, False)
    >>> _idiom("呼和浩特", "ns", tok), _idiom("卡拉干达", "nrt", tok), _idiom("同舟共济", "i", tok)
    (False, False, True)
    >>> _idiom("二连浩特", "ns", tok), _idiom("北约组织", "nt", tok)
    (False, False)
    """
    if tag in _IDIOM_TAGS:
        return True
    if len(word) != 4 or tag not in _IDIOM_NAME_TAGS or word[-1] in SUFFIXES or word[-2:] in SUFFIXES:
        return False  # 北约组织 nt, 不来梅港 ns: names
    first, second = tok.tag(word[:2]), tok.tag(word[2:])
    if first is None or second is None or first in _PERSON_TAGS or second in _PERSON_TAGS:
        return False  # 卡拉 nrt + 干达 a: a transliteration
    return first in _PREDICATE_TAGS or second in _PREDICATE_TAGS


def _words(text: str, tok: ZhTokenizer, chars: frozenset[str]) -> list[_Word]:
    """``text`` cut into roled words; a place suffix jieba glued to a name's last syllable
    (奥尔 + 达州) is cut off again, a suffix of two words (铁路 + 口岸) is one suffix word, and an
    idiom jieba tags as a name (山水相连 ns) is tagged ``i``."""
    out: list[_Word] = []
    i = 0
    for word, tag in tok.cut(text):
        j = i + len(word)
        if tag in NAME_TAGS and len(word) == 4 and _idiom(word, tag, tok):
            tag = "i"
        role, suffix = _role(word, tag, tok, chars)
        if (role in ("other", "piece") and 2 <= len(word) <= 3 and word[-1] in _GLUED_SUFFIXES and out
                and out[-1].role in ("piece", "weak", "user") and all(c in chars for c in word[:-1])):
            out.append(_Word(word[:-1], "", i, j - 1, "piece"))
            out.append(_Word(word[-1], "", j - 1, j, "suffix", word[-1]))
        elif role == "suffix" and out and out[-1].role != "suffix" and out[-1].text + word in SUFFIXES:
            prev = out.pop()  # 铁路 + 口岸, 陆 + 港
            out.append(_Word(prev.text + word, "", prev.start, j, "suffix", prev.text + word))
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
    joined name or of a run of three words or more that punctuation or a function word closes, the
    syllable is no function word (达 in 科基尔·拉苏尔佐达, 赤 in 经过马坎赤，)."""
    while i < end and words[i].role == "weak" and not (i > 0 and words[i - 1].role in ("title", "join")):
        i += 1
    while end > i and words[end - 1].role == "weak" and not (
            end < len(words) and words[end].role in ("join", "suffix", "after")) and not (
            joined and words[end - 1].tag not in _FUNCTION_TAGS) and not (
            end - i >= 3 and words[end - 1].tag not in _FUNCTION_TAGS
            and (end == len(words) or words[end].tag in _BOUNDARY_TAGS)):
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
    # a name without a cue of its own (see _with_neighbours): "run" (a two-character
    # transliteration, 马明), "place" (a two-character place jieba knows, 武汉: its dictionary also
    # tags 城市, 河水, 新鲜 ns) or "abbreviation" (中石化, but also 中小学)
    short: str = ""


_PLACE_SUFFIXES = tuple(s for s, v in SUFFIXES.items() if v is _PLACE)


def _named_place(word: str, tok: ZhTokenizer) -> bool:
    """Whether a word jieba tags ns names a place: its dictionary also has the word with a place
    suffix (武汉市, 欧洲地区, 中亚地区) or its people (欧洲人). jieba tags common words ns too
    (城市, 河水, 新鲜), which have neither.

    >>> tok = default_tokenizer()
    >>> _named_place("武汉", tok), _named_place("欧洲", tok), _named_place("城市", tok), _named_place("河水", tok)
    (True, True, False, False)
    """
    return tok.tag(word + "人") is not None or any(tok.tag(word + s) == "ns" for s in _PLACE_SUFFIXES)


def _suffix_after(words: Sequence[_Word], j: int, tok: ZhTokenizer) -> tuple[int, str] | None:
    """The word index after a suffix ending the name whose words end at ``j`` (place suffixes right
    after it; organisation and event suffixes also after up to ``MAX_DESCRIPTORS`` nouns — or a
    rare one-character adjective before a noun, 广 of 中国广核集团, not 大 of 中国大公司), and the
    suffix; None if there is none."""
    if j < len(words) and words[j].role == "suffix":
        return j + 1, words[j].suffix
    k = j
    while k < len(words) and k - j < MAX_DESCRIPTORS and words[k].role != "suffix":
        w = words[k]
        if w.role in ("title", "after", "join") or not (w.tag in _DESCRIPTOR_TAGS or (
                w.tag == "a" and len(w.text) == 1 and tok.frequency(w.text) < SINGLE_WEAK
                and k + 1 < len(words) and words[k + 1].tag in _DESCRIPTOR_TAGS)):
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
        if (i + 1 < n and words[i + 1].tag == "j" and len(words[i + 1].text) == 2
                and (w.tag == "ns" or tok.user_tag(w.text) == "ns")):
            # a country and a sector's abbreviation: 中国 + 石化 (a company, 中国石化)
            found.append(_Found(i, i + 2, ConceptType.ORGANISATION.value, f"abbreviation: {words[i + 1].text}", 50))
            i += 2
            continue
        if (i + 1 < n and words[i + 1].text in COMPANY_ENDINGS and len(w.text) == 2 and w.text[0] in COUNTRY_ABBREVIATIONS
                and w.tag in ("n", "j", "nz") and tok.frequency(w.text) < WORD_COMMON):
            # a rare abbreviation beginning with a country's and a company's ending: 中油国际
            found.append(_Found(i, i + 2, ConceptType.ORGANISATION.value, f"abbreviation: {w.text[0]}", 40))
            i += 2
            continue
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
                i > 0 and words[i - 1].role in _SYLLABLES) and not (
                w.tag == "ns" and i + 1 < n and words[i + 1].role == "suffix"):
            # an organisation or place jieba knows: 新华社, 清华大学, 外交部, 黑龙江, 塔城地区
            stop = i + 1
            kind = ConceptType.ORGANISATION if w.tag == "nt" else ConceptType.PLACE
            found.append(_Found(i, stop, kind.value, f"dictionary: {w.tag}", 40))
            i = stop
            continue
        elif w.role == "other" and w.tag == "j" and len(w.text) >= 3 and w.text[0] in COUNTRY_ABBREVIATIONS:
            # an organisation's abbreviation after its country's (中石化), if its full name is near
            found.append(_Found(i, i + 1, ConceptType.ORGANISATION.value, f"abbreviation: {w.text[0]}", 40,
                                short="abbreviation"))
            i += 1
            continue
        elif w.tag in NAME_TAGS and len(w.text) >= 2 and w.role == "other" and (
                tok.frequency(w.text) >= WORD_COMMON or (i + 1 < n and words[i + 1].role == "suffix")):
            # a name jieba knows that is no transliteration (上海, 欧亚; 红其拉甫 or 满洲里 before 口岸, 站)
            end, joins = i + 1, []
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
        suffix = _suffix_after(words, end, tok)
        # 托卡耶夫总统; but in 哈萨克斯坦总统托卡耶夫 the title belongs to the name after it
        after = (words[end].text if end < n and words[end].text in TITLES_AFTER
                 and not (end + 1 < n and _nameish(words[end + 1])) else None)
        # a dictionary name that is no transliteration counts only with a suffix after it, and a
        # common one (中国) not with a bare organisation suffix (中国公司; 中国外交部 is a name)
        if w.role == "other" and end == i + 1 and (
                suffix is None or (suffix[0] == end + 1 and tok.frequency(w.text) >= NAME_COMMON_2
                                   and words[end].text == suffix[1] and SUFFIXES[suffix[1]].after_words)):
            if w.tag != "ns":
                i += 1
                continue
            suffix = None  # a place jieba knows is a name of its own (欧洲, 武汉; 中国 of 中国公司)
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
        long_enough = han >= 3 or user or bool(joins) or (han >= 2 and (title or after or suffix)) or (
            # a country's abbreviation before an organisation's words (哈 + 国家 油气 公司)
            form in COUNTRY_ABBREVIATIONS and suffix is not None and SUFFIXES[suffix[1]].after_words)
        if han == 2 and not user and form[-1] in NOT_NAME_ENDINGS_2:
            long_enough = False  # 哈方 (the Kazakh side) in 哈方总理
        elif not long_enough:
            if han == 2 and translit and all(x.role == "piece" for x in words[i:end]):
                found.append(_Found(i, end, None, None, score, short="run"))
            elif end == i + 1 and w.tag == "ns" and w.role == "other" and _named_place(w.text, tok):
                found.append(_Found(i, end, ConceptType.PLACE.value, "dictionary: ns", score, short="place"))
            i += 1
            continue
        if not long_enough:
            i += 1
            continue
        stop = suffix[0] if suffix is not None else end
        found.append(_Found(i, stop, concept_type.value if concept_type else None, cue, score))
        if (suffix is not None and suffix[1] in FACILITY_STEMS and suffix[0] == end + 1 and han >= 2
                and (translit or user or (end == i + 1 and w.tag in NAME_TAGS))):
            del fired["suffix"]  # 巴克特 of 巴克特口岸: a place of its own
            whole = form + words[end].text
            found.append(_Found(i, end, ConceptType.PLACE.value, f"stem of: {whole}", _judge(fired)[2]))
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
    short: dict[int, str] = {}  # indices in out of names without a cue of their own: their kind
    for chunk, offsets in _chunks(text, protected):
        words = _words(chunk, tok, chars)
        for f in _find(words, tok, chars):
            a, b = words[f.start].start, words[f.end - 1].end
            if f.short:
                short[len(out)] = f.short
            out.append(Candidate(form=chunk[a:b], start=offsets[a], end=offsets[b - 1] + 1, lang="zh",
                                 kind="name", type=f.type, cue=f.cue, score=f.score))
    out = _with_neighbours(text, out, short)
    if "（" in text or "(" in text:
        out = _bracketed_abbreviations(text, out)
    if _QUOTED_ZH.search(text):
        quoted = _quoted(text, protected, out, tok)
        if quoted:
            out = sorted((*out, *quoted), key=lambda c: c.start)
    return out


RECENT_ORGANISATIONS = 20  # how many organisation names back an abbreviation looks for its full name


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` abbreviates ``full``: shorter, the same first and last character, and its
    characters in ``full`` in order (中石化, 中国石化; 萨-卡基金, 萨姆鲁克-卡泽纳国家基金).

    >>> _abbreviates("中石化", "中国石化"), _abbreviates("中油国际", "中国石油天然气集团公司")
    (True, False)
    """
    if not len(short) < len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(c in rest for c in short)


def _with_neighbours(text: str, found: list[Candidate], short: dict[int, str]) -> list[Candidate]:
    """``found`` judged by the candidates around each, in text order:

    * a two-character name at an index of ``short`` ("run", "place") is kept only with a cue: a
      coordinator (、和与及同) joining it to a person or place right before or after it
      (萨金塔耶夫、马明; 中亚和欧洲), whose type it takes, or, for a place jieba knows, a word of
      going or being somewhere right before it (在武汉, 驶往欧洲);
    * an organisation name that abbreviates one written before it (among the last
      ``RECENT_ORGANISATIONS``) becomes its abbreviation: kind ``acronym``, the full name as
      ``expansion`` (中石化 after 中国石化); one found only as a possible abbreviation ("abbreviation":
      中石化, but also 中小学) is dropped without its full name.
    """
    out: list[Candidate] = []
    kept: set[int] = set()
    recent: list[str] = []
    for k, c in enumerate(found):
        kind = short.get(k)
        if kind in ("run", "place"):
            partner = None
            if (k > 0 and (k - 1 not in short or k - 1 in kept) and c.start >= 1
                    and text[c.start - 1] in COORDINATORS and found[k - 1].end == c.start - 1):
                partner = found[k - 1]
            elif (k + 1 < len(found) and k + 1 not in short and c.end < len(text) and text[c.end] in COORDINATORS
                  and found[k + 1].start == c.end + 1):
                partner = found[k + 1]
            if partner is not None and partner.type in (ConceptType.PERSON.value, ConceptType.PLACE.value) and (
                    kind == "run" or partner.type == ConceptType.PLACE.value):
                c = Candidate(c.form, c.start, c.end, "zh", "name", partner.type, f"coordinated: {partner.form}",
                              score=c.score)
            elif not (kind == "place" and any(text.endswith(v, 0, c.start) for v in LOCATIVES)):
                continue
            kept.add(k)
        elif c.type == ConceptType.ORGANISATION.value:
            full = next((f for f in reversed(recent) if _abbreviates(c.form, f)), None)
            if full is not None:
                c = c._replace(kind="acronym", expansion=full)
            elif kind == "abbreviation":
                continue
            elif c.form not in recent:
                recent.append(c.form)
                del recent[:-RECENT_ORGANISATIONS]
        out.append(c)
    return out


# An abbreviation in brackets right after a name: 哈萨克斯坦国家原子能工业公司（简称哈原工）, 中国广核集团（中广核）
_BRACKETED = re.compile("[（(](?:以下简称|下称|简称)?([\u3400-\u4dbf\u4e00-\u9fff]{2,6})[）)]")


def _bracketed_abbreviations(text: str, found: list[Candidate]) -> list[Candidate]:
    """``found`` with the abbreviation a name is given in brackets right after it ("（简称哈原工）",
    "（中广核）") as a candidate of kind ``acronym`` with the name as its ``expansion`` (and the
    name with it as its ``abbreviation``), in place of any candidate found inside the brackets. Only
    a shorter form whose first character is in the name (so "（哈萨克斯坦）" after a company is no
    abbreviation of it)."""
    out: list[Candidate] = []
    skip_until = -1
    for c in found:
        if c.start < skip_until:
            continue  # found inside the brackets: replaced by the abbreviation
        m = _BRACKETED.match(text, c.end) if c.kind != "acronym" else None
        short = m.group(1) if m else ""
        if m and len(short) < len(c.form) and short[0] in c.form and short != c.form:
            out.append(c._replace(abbreviation=short))
            out.append(Candidate(short, m.start(1), m.end(1), "zh", "acronym", c.type,
                                 f"abbreviation of: {c.form}", expansion=c.form, score=c.score))
            skip_until = m.end()
        else:
            out.append(c)
    return out


def _quoted(text: str, protected: Sequence[tuple[int, int]], found: Sequence[Candidate],
            tok: ZhTokenizer) -> list[Candidate]:
    """Short spans in Chinese quotation marks (“绿色通道”: 2–8 characters, a noun phrase: no
    function word, no idiom, a noun last) that no candidate in ``found`` or ``protected`` span
    overlaps, as coinages (type term, cue "quoted")."""
    out: list[Candidate] = []
    taken = sorted([*((c.start, c.end) for c in found), *protected])
    k, reach = 0, -1  # the spans starting before the quote's end reach up to ``reach``
    for m in _QUOTED_ZH.finditer(text):
        group = 1 if m.group(1) is not None else 2
        a, b = m.start(group), m.end(group)
        while k < len(taken) and taken[k][0] < b:
            reach = max(reach, taken[k][1])
            k += 1
        if reach > a:
            continue
        words = tok.cut(m.group(group))
        if any(tag in _FUNCTION_TAGS or tag in _IDIOM_TAGS for _, tag in words) or not (
                words[-1][1][:1] == "n" or words[-1][1] in ("vn", "j")):
            continue  # a phrase or a sentence (一天比一天热闹), an idiom: no term
        out.append(Candidate(m.group(group), a, b, "zh", "coinage", ConceptType.TERM.value, "quoted", score=50))
    return out


# --- proposal ids -----------------------------------------------------------------------------------

SLUG_WORDS = 4  # a slug keeps at most this many words: the first ones and the last (what it is)
_SLUG_PARTS = re.compile(r"[·・•‧\-‐‑－—―\s]+")
_ASCII_SLUG = re.compile(r"[^a-z0-9]+")


def _plain_syllables(han: str) -> str:
    """Toneless pinyin syllables of ``han`` joined (ü as u), other characters kept."""
    return "".join(s.replace("ü", "u") for s, _ in word_syllables(han))


def zh_slug(form: str, concept_type: str | None = None, *, tokenizer: ZhTokenizer | None = None) -> str:
    """A readable ASCII id for a Chinese name: pinyin words joined by hyphens.

    The syllables of a transliterated name are one word, a suffix (口岸, 州, 公司 …) another; a
    Chinese person name (``concept_type`` person, two or three characters, not all of them
    transliteration characters) is surname and given name; the parts of a name joined by a middle
    dot or hyphen, and the parts of a foreign person's name, are words; other words are jieba's
    (its syllables joined when they could be a transliteration's). A long name keeps its first
    words and its last (``SLUG_WORDS`` in all).

    >>> zh_slug("吉木乃口岸"), zh_slug("阿特劳州", "place"), zh_slug("李强", "person")
    ('jimunai-kouan', 'atelao-zhou', 'li-qiang')
    >>> zh_slug("哈萨克斯坦国家石油天然气公司", "organisation")
    'hasakesitan-guojia-shiyou-gongsi'
    >>> zh_slug("哈斯穆-卓玛尔特·托卡耶夫", "person"), zh_slug("马明", "person"), zh_slug("霍尔果斯铁路口岸")
    ('hasimu-zhuomaerte-tuokayefu', 'maming', 'huoerguosi-tielu-kouan')
    >>> zh_slug("东哈萨克斯坦州"), zh_slug("绿色通道", "term"), zh_slug("中石化")
    ('dong-hasakesitan-zhou', 'luse-tongdao', 'zhongshihua')
    >>> zh_slug("阿腾科里站"), zh_slug("巴尔喀什湖", "place"), zh_slug("中国石油天然气集团公司", "organisation")
    ('atengkeli-zhan', 'baerkashi-hu', 'zhongguo-shiyou-tianranqi-gongsi')
    >>> zh_slug("卡拉干达"), zh_slug("绿色通道")
    ('kalaganda', 'luse-tongdao')
    """
    chars = transliteration_chars()
    tok = tokenizer if tokenizer is not None else default_tokenizer()
    parts = [p for p in _SLUG_PARTS.split(form) if p]
    words: list[str] = []
    for part in parts:
        if not has_han(part):
            words.append(part)
            continue
        if concept_type == ConceptType.PERSON.value and len(parts) == 1 and 2 <= len(part) <= 3 and not all(
                c in chars for c in part):
            words.extend("".join(s.replace("ü", "u") for s, _ in w) for w in name_words(part, "person"))
        elif concept_type == ConceptType.PERSON.value:
            words.append(_plain_syllables(part))  # a part of a foreign name: 卓玛尔特
        else:
            # a place, or a name of no known type written in transliteration characters only, is one word
            place = concept_type == ConceptType.PLACE.value or (
                concept_type is None and all(c in chars or c in SUFFIXES for c in part))
            words.extend(_slug_words(part, place, tok, chars))
    if len(words) > SLUG_WORDS:
        words = [*words[:SLUG_WORDS - 1], words[-1]]
    return _ASCII_SLUG.sub("-", "-".join(words).lower()).strip("-") or "name"


def _slug_words(han: str, place: bool, tok: ZhTokenizer, chars: frozenset[str]) -> list[str]:
    """The pinyin words of one part of a name: a trailing suffix apart, a direction (东) apart; the
    rest of a place one word, of another name its words: neighbouring transliteration syllables
    (and single characters) joined, a long dictionary word cut into the words it is made of."""
    suffix = next((han[-size:] for size in (4, 3, 2, 1) if len(han) > size and han[-size:] in SUFFIXES), "")
    stem = han[:len(han) - len(suffix)]
    head = stem[:1] if len(stem) > 2 and stem[:1] in DIRECTIONS else ""
    stem = stem[len(head):]
    words: list[str] = [_plain_syllables(head)] if head else []
    if place:  # one word, read word by word (巴尔 + 喀什: kashi, not kashen)
        words.append("".join(_plain_syllables(s) for w, _ in tok.cut(stem) for s in _sub_words(w, tok)))
    else:
        run = ""
        for word, tag in tok.cut(stem):
            if len(word) == 1 or (all(c in chars for c in word) and _piece(word, tag, tok, chars) is not None):
                run += word  # a syllable of a transliteration (吉木 + 乃, 阿 + 腾 + 科里), not a word (绿色)
                continue
            if run:
                words.append(_plain_syllables(run))
                run = ""
            # a person's or place's name jieba knows stays whole (卡拉干达 nrt), other words are cut
            pieces = [word] if tag in _PERSON_TAGS or tag == "ns" else _sub_words(word, tok)
            words.extend(_plain_syllables(w) for w in pieces)
        if run:
            words.append(_plain_syllables(run))
    if suffix:
        words.extend(_plain_syllables(w) for w in _sub_words(suffix, tok))
    return [w for w in words if w]


def _sub_words(word: str, tok: ZhTokenizer) -> list[str]:
    """A word of four characters or more cut into the longest shorter words of the dictionary
    (绿色通道: 绿色 + 通道; 中国石油天然气集团: 中国石油 + 天然气 + 集团); shorter words whole."""
    if len(word) < 4:
        return [word]
    out: list[str] = []
    i = 0
    while i < len(word):
        top = len(word) - 1 if i == 0 else len(word)
        j = next((j for j in range(min(top, i + 6), i + 1, -1) if tok.frequency(word[i:j])), i + 1)
        out.append(word[i:j])
        i = j
    return out
