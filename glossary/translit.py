"""Chinese-script adapter: the only module that imports pypinyin and OpenCC.

pypinyin is used through a converter instance (never its global ``load_phrases_dict``); OpenCC's
plain ``s2t``/``t2s`` configurations convert characters (with its phrase table for one-to-many
characters) and never apply regional vocabulary (no ``s2twp``).

>>> name_pinyin("冼星海", "person")
'Xiǎn Xīnghǎi'
>>> name_pinyin("霍尔果斯", "place")
"Huò'ěrguǒsī"
>>> to_traditional("霍尔果斯")
'霍爾果斯'
>>> pinyin_key("Xiǎn Xīng-hǎi"), pinyin_key("xian3 xing1hai3")
('xianxinghai', 'xianxinghai')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Readings of polyphonic characters when they are surnames (pypinyin reads them as common words).
SURNAME_READINGS = {
    "单": "shàn", "曾": "zēng", "区": "ōu", "查": "zhā", "解": "xiè", "仇": "qiú", "朴": "piáo",
    "盖": "gě", "秘": "bì", "乐": "yuè", "召": "shào", "种": "chóng", "华": "huà", "任": "rén",
    "冼": "xiǎn", "繁": "pó", "覃": "qín", "翟": "zhái", "缪": "miào", "折": "shé", "员": "yùn",
    "宁": "nìng", "纪": "jǐ", "燕": "yān", "沈": "shěn", "长孙": "zhǎngsūn", "尉迟": "yùchí",
    "万俟": "mòqí", "单于": "chányú", "隗": "wěi", "哈": "hǎ", "柏": "bǎi", "葛": "gě",
}
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "端木", "西门", "独孤", "南宫", "万俟", "单于", "轩辕", "呼延", "澹台", "公冶",
})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_SEPARATORS = re.compile(r"([·・•\-‐－\s]+)")


def has_han(text: str) -> bool:
    """True if ``text`` contains a Han character."""
    return _HAN.search(text) is not None


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pypinyin import Style
    from pypinyin.core import Pinyin

    return Pinyin(), Style.TONE


@lru_cache(maxsize=2)
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Simplified → traditional characters (OpenCC ``s2t``)."""
    return str(_opencc("s2t").convert(text))


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``)."""
    return str(_opencc("t2s").convert(text))


def _syllables(han: str, *, surname: bool) -> list[str]:
    converter, style = _converter()
    if surname:
        prefix = han[:2] if han[:2] in COMPOUND_SURNAMES else han[:1]
        reading = SURNAME_READINGS.get(prefix)
        if reading is not None:
            return [reading] + _syllables(han[len(prefix):], surname=False)
    return [s[0] for s in converter.pinyin(han, style=style, heteronym=False, errors=lambda x: [x])]


def _base_letter(syllable: str) -> str:
    return unicodedata.normalize("NFD", syllable[:1])[:1].lower()


def join_syllables(syllables: list[str]) -> str:
    """Join syllables into one word with the apostrophe rule (before a, o, e not word-initial).

    >>> join_syllables(["xī", "ān"]), join_syllables(["huò", "ěr", "guǒ", "sī"])
    ("xī'ān", "huò'ěrguǒsī")
    """
    out = ""
    for i, syl in enumerate(syllables):
        if i and _base_letter(syl) in "aoe" and out[-1:].isalpha():
            out += "'"
        out += syl
    return out


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


_PUNCT = {"，": ",", "、": ",", "。": ".", "：": ":", "；": ";", "！": "!", "？": "?", "“": '"',
          "”": '"', "‘": "'", "’": "'", "（": "(", "）": ")", "《": '"', "》": '"', "—": "-"}
JOINED_TYPES = frozenset({"person", "place"})


def _spaced(syllables: list[str], capitalise: bool) -> str:
    """Syllables separated by spaces; punctuation attached to the syllable before it."""
    out = ""
    for syl in syllables:
        syl = "".join(_PUNCT.get(ch, ch) for ch in syl)
        if not syl.strip():
            continue
        if out and syl[:1].isalpha() and not out.endswith(("(", '"', "-")):
            out += " "
        out += syl
    return _cap(out) if capitalise else out


def name_pinyin(han: str, concept_type: str) -> str:
    """Hanyu Pinyin with tone marks for a name or term, written the way it is published.

    Person names: surname separate, given name joined (``Xí Jìnpíng``); parts of transliterated
    foreign names (separated by ``·`` or ``-``) are joined words (``Tuōkǎyēfū``). Places: one
    joined word per part (``Liányúngǎng``). Other names (organisations, works…) and terms need word
    segmentation, which pypinyin does not do: they are written a syllable at a time (names with
    a capital first letter, terms in lower case). A glossary entry can give the word-joined form in
    ``pinyin:``.

    >>> name_pinyin("熊猫血", "term")
    'xióng māo xuè'
    >>> name_pinyin("星星之火，可以燎原", "term")
    'xīng xīng zhī huǒ, kě yǐ liáo yuán'
    >>> name_pinyin("新华社", "organisation")
    'Xīn huá shè'
    """
    if concept_type not in JOINED_TYPES:
        return _spaced(_syllables(han, surname=False), capitalise=concept_type != "term")
    parts = _SEPARATORS.split(han)
    foreign = len(parts) > 1
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if _SEPARATORS.fullmatch(part):
            out.append("-" if "-" in part or "－" in part else " ")
            continue
        if not has_han(part):
            out.append(part)
            continue
        if concept_type == "person" and not foreign and len(part) >= 2:
            size = 2 if part[:2] in COMPOUND_SURNAMES and len(part) > 2 else 1
            sylls = _syllables(part, surname=True)
            out.append(_cap(join_syllables(sylls[:size])) + " " + _cap(join_syllables(sylls[size:])))
        else:
            out.append(_cap(join_syllables(_syllables(part, surname=False))))
    return "".join(out)


_TONE_NUMBERS = re.compile(r"(?<=[a-zü:v])[1-5](?![0-9])")  # not the 1 of "COVID19"


def pinyin_key(text: str) -> str:
    """A comparison key for pinyin or Latin names: no tones, case, spaces, hyphens or apostrophes.

    Tone numbers after a syllable letter are dropped too (``xi2 jin4ping2`` → ``xijinping``), but
    not digits of a number (``COVID19`` → ``covid19``).

    >>> pinyin_key("COVID19"), pinyin_key("COVID-19")
    ('covid19', 'covid19')
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ü", "u").replace("u:", "u"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _TONE_NUMBERS.sub("", plain)
    return "".join(c for c in plain if c.isalnum())
