"""Chinese-script adapter: the only module that imports pypinyin, jieba and OpenCC.

pypinyin is used through a converter instance (never its global ``load_phrases_dict``); jieba
through :class:`ZhTokenizer`, a private ``jieba.Tokenizer`` instance (never jieba's global one),
to split multi-word names into words for pinyin orthography (the shared instance's dictionary is
never changed: the glossary's own names, :func:`known_names`, are cut out of a text before jieba
splits the rest) and, with user words of its own, to find Chinese name candidates
(:mod:`~silkterm.glossary.candidates_zh`); OpenCC converts characters (with its phrase table for one-to-many characters) and
never applies regional vocabulary (no ``s2twp``, which turns 哈萨克斯坦 into 哈薩克).

The traditional (``zh-Hant``) form of a concept is OpenCC's ``s2tw``: traditional characters in
the Taiwan standard forms, which Taiwan and Hong Kong both write for the words of the glossary
(峰會 and 高峰論壇, where OpenCC's generic ``s2t`` writes 峯會; its ``s2hk`` keeps 峯 too, while
Hong Kong government texts write 「一帶一路高峰論壇」). The other configurations' spellings
(``s2hk``, ``s2t``) are still matched: :func:`traditional_spellings` gives them all.

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
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .folding import lazy_pattern

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
_HAN = lazy_pattern(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_HAN_SPAN = lazy_pattern(r"[\u3400-\U0002ebef]")  # from the first Han range to the last
_SEPARATORS = lazy_pattern(r"([·・•\-‐－\s]+)")


_NOT_HAN_CHAR = lazy_pattern(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# 1 for the high bytes of the UTF-16 code units of Han characters (the blocks of _HAN; D8–DB: the
# high surrogates that the characters beyond the first plane begin with), 0 for the others
_HAN_HIGH_BYTES = bytes(int(0x34 <= b <= 0x9F or 0xD8 <= b <= 0xDB or b in (0xF9, 0xFA)) for b in range(256))


def has_han(text: str) -> bool:
    """True if ``text`` contains a Han character.

    A long text (a chunk of a file) is first looked at byte by byte: without a high byte of a Han
    character among its UTF-16 code units it has none (a table of bytes is quicker to run through
    than a regular expression's character class).
    """
    if text.isascii() or len(text) > 4096 and 1 not in text.encode(
            "utf-16-le", "surrogatepass")[1::2].translate(_HAN_HIGH_BYTES):
        return False
    wide = _HAN_SPAN.search(text)  # (one range is quicker to scan for than the four)
    return wide is not None and _HAN.search(text, wide.start()) is not None


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pypinyin import Style
    from pypinyin.core import Pinyin

    return Pinyin(), Style.TONE


Names = tuple[tuple[str, str], ...]  # known names: (Chinese name, jieba tag ns or nr)
_NAME_TAG = {"place": "ns", "facility": "ns", "person": "nr"}
MIN_NAME = 3  # shorter names are jieba's own words (中国, 西安) or would cut other words (哈密瓜)


def known_names(forms: Iterable[tuple[str, str]]) -> Names:
    """The names word splitting keeps whole, from ``(Chinese form, concept type)`` pairs of a
    glossary: person and place names whole and by parts (博拉特·努尔加利耶夫: 博拉特,
    努尔加利耶夫), and the parts of hyphenated facility names (霍尔果斯-东大门: 霍尔果斯,
    东大门), whose whole is a compound split into words. Names of fewer than ``MIN_NAME``
    characters are left to jieba's dictionary.

    >>> known_names([("卡普恰盖", "place"), ("霍尔果斯-东大门", "facility"), ("熊猫血", "term")])
    (('东大门', 'ns'), ('卡普恰盖', 'ns'), ('霍尔果斯', 'ns'))
    """
    out: dict[str, str] = {}
    for form, concept_type in forms:
        tag = _NAME_TAG.get(concept_type)
        if tag is None:
            continue
        parts = [p for p in _SEPARATORS.split(form) if p and not _SEPARATORS.fullmatch(p)]
        if concept_type == "facility" and len(parts) < 2:
            continue
        for name in parts if concept_type == "facility" else [form] + parts:
            if len(name) >= MIN_NAME and has_han(name) and not _SEPARATORS.search(name):
                out.setdefault(name, tag)
    return tuple(sorted(out.items()))


def _name_pieces(han: str, names: Names) -> list[tuple[str, str | None]]:
    """``han`` cut at the longest known names, left to right: ``(text, tag)`` for a name,
    ``(text, None)`` for the text between names."""
    if not names:
        return [(han, None)]
    table = dict(names)
    longest = max(len(n) for n in table)
    out: list[tuple[str, str | None]] = []
    rest = i = 0
    while i < len(han):
        for size in range(min(longest, len(han) - i), MIN_NAME - 1, -1):
            tag = table.get(han[i:i + size])
            if tag is not None:
                if rest < i:
                    out.append((han[rest:i], None))
                out.append((han[i:i + size], tag))
                i = rest = i + size
                break
        else:
            i += 1
    if rest < len(han):
        out.append((han[rest:], None))
    return out


class ZhTokenizer:
    """A private jieba tokenizer with part-of-speech tags and an optional user dictionary.

    ``user_words`` are ``(word, tag)`` pairs (jieba tags: ``nr`` person, ``ns`` place, ``nt``
    organisation, ``nz`` other name) added to this instance's own ``jieba.Tokenizer`` — never to
    jieba's global tokenizer — so the glossary's forms are cut as one word. jieba's start-up
    messages are kept off stderr.

    >>> tok = ZhTokenizer([("努尔特列乌", "nr"), ("霍尔果斯-东大门", "ns")])
    >>> tok.cut("外长努尔特列乌到霍尔果斯-东大门")
    [('外长', 'n'), ('努尔特列乌', 'nr'), ('到', 'v'), ('霍尔果斯-东大门', 'ns')]
    >>> tok.user_tag("努尔特列乌"), tok.user_tag("外长"), tok.frequency("可以") > 10_000
    ('nr', None, True)
    """

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()) -> None:
        import logging

        import jieba  # type: ignore[import-untyped]
        import jieba.posseg  # type: ignore[import-untyped]

        logger = logging.getLogger("jieba")
        level = logger.level
        logger.setLevel(logging.WARNING)
        try:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
        finally:
            logger.setLevel(level)
        self._user: dict[str, str] = {}
        for word, tag in user_words:
            if word and word not in self._user:
                self._user[word] = tag
                tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 1), tag)
        # jieba cuts at middle dots and dashes, so words with them are matched before it cuts
        joined = sorted((w for w in self._user if _NOT_HAN_CHAR.search(w)), key=len, reverse=True)
        self._joined = re.compile("|".join(map(re.escape, joined))) if joined else None
        self._tokenizer: Any = tokenizer
        self.pos: Any = jieba.posseg.POSTokenizer(tokenizer)  # for translit's word splitting

    def cut(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut into ``(word, tag)`` pairs by the dictionary alone (jieba's HMM off: unknown
        syllables stay single characters, for :func:`~silkterm.glossary.candidates_zh.find_candidates_zh` to join)."""
        if self._joined is None:
            return [(t.word, t.flag) for t in self.pos.cut(text, HMM=False)]
        out: list[tuple[str, str]] = []
        last = 0
        for m in self._joined.finditer(text):
            out.extend((t.word, t.flag) for t in self.pos.cut(text[last:m.start()], HMM=False))
            out.append((m.group(), self._user[m.group()]))
            last = m.end()
        out.extend((t.word, t.flag) for t in self.pos.cut(text[last:], HMM=False))
        return out

    def frequency(self, word: str) -> int:
        """The word's frequency in jieba's dictionary (0 if it is not a word)."""
        return int(self._tokenizer.FREQ.get(word) or 0)

    def tag(self, word: str) -> str | None:
        """The word's part-of-speech tag in the dictionary, or None."""
        tag = self._user.get(word)
        return tag if tag is not None else self.pos.word_tag_tab.get(word)

    def user_tag(self, word: str) -> str | None:
        """The tag ``word`` was added with as a user word, or None if it is not one."""
        return self._user.get(word)


@lru_cache(maxsize=1)
def default_tokenizer() -> ZhTokenizer:
    """One shared :class:`ZhTokenizer` without user words (built once: loading takes a second)."""
    return ZhTokenizer()


def _segmenter() -> Any:
    """jieba's part-of-speech tokenizer of the shared :class:`ZhTokenizer` (no user words)."""
    return default_tokenizer().pos


_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg"})  # place and person names stay one word


def _split(tokenizer: Any, word: str) -> list[str]:
    """Split a compound into its dictionary words (never the whole), recursively to ≤ 3 characters."""
    dag = tokenizer.get_DAG(word)
    last = len(word) - 1
    dag = {k: [j for j in ends if (k, j) != (0, last)] or [k] for k, ends in dag.items()}
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(word, dag, route)
    parts, i = [], 0
    while i < len(word):
        j = route[i][1] + 1
        parts.append(word[i:j])
        i = j
    if len(parts) == 1:
        return parts
    return [p for part in parts for p in (_split(tokenizer, part) if len(part) > 3 else [part])]


def words(han: str, names: Names = ()) -> list[str]:
    """Split Chinese text into words for pinyin orthography (see :func:`tagged_words`).

    >>> words("北京语言大学"), words("中央电视台"), words("哈萨克斯坦外交部")
    (['北京', '语言', '大学'], ['中央', '电视台'], ['哈萨克斯坦', '外交部'])
    """
    return [w for w, _ in tagged_words(han, names)]


def tagged_words(han: str, names: Names = ()) -> list[tuple[str, str]]:
    """Words of Chinese text (jieba's dictionary and ``names``, no guessing), each with jieba's tag.

    Compound names the dictionary holds whole (``中央电视台``) are split into their words;
    transliterated and other place and person names (``哈萨克斯坦``, and the ``names`` of a
    glossary: see :func:`known_names`) stay whole.

    >>> tagged_words("卡普恰盖光伏电站", known_names([("卡普恰盖", "place")]))
    [('卡普恰盖', 'ns'), ('光伏', 'j'), ('电站', 'n')]
    """
    pos = _segmenter()
    out: list[tuple[str, str]] = []
    for piece, name_tag in _name_pieces(han, names):
        if name_tag is not None:
            out.append((piece, name_tag))
            continue
        for token in pos.cut(piece, HMM=False):
            if len(token.word) > 3 and token.flag not in _NAME_TAGS and has_han(token.word):
                out.extend((part, "") for part in _split(pos.tokenizer, token.word))
            elif token.word:
                out.append((token.word, token.flag))
    return out


@lru_cache(maxsize=4)
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


TRADITIONAL_CONFIG = "s2tw"  # the zh-Hant house form: Taiwan standard characters, no vocabulary
TRADITIONAL_CONFIGS = ("s2tw", "s2hk", "s2t")  # every traditional spelling that is matched


def to_traditional(text: str) -> str:
    """Simplified → traditional characters (OpenCC ``s2tw``, see the module docstring).

    >>> to_traditional("中国—中亚峰会"), to_traditional("里海")
    ('中國—中亞峰會', '裡海')
    """
    return str(_opencc(TRADITIONAL_CONFIG).convert(text))


def traditional_spellings(text: str) -> list[tuple[str, str]]:
    """Every distinct traditional spelling of ``text``, with the OpenCC configuration (of
    ``TRADITIONAL_CONFIGS``) that writes it; the house form (``s2tw``) first.

    >>> traditional_spellings("中国—中亚峰会")
    [('中國—中亞峰會', 's2tw'), ('中國—中亞峯會', 's2hk')]
    >>> [form for form, _ in traditional_spellings("中央电视台")]
    ['中央電視臺', '中央電視台']
    """
    out: dict[str, str] = {}
    for config in TRADITIONAL_CONFIGS:
        out.setdefault(str(_opencc(config).convert(text)), config)
    return list(out.items())


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


def _word_pinyin(han: str, capitalise: bool, names: Names = ()) -> str:
    """Pinyin written word by word (words joined, apostrophe rule), punctuation attached."""
    out = ""
    for word, tag in tagged_words(han, names):
        if has_han(word):
            piece = join_syllables(_syllables(word, surname=False))
            # In a term only place names take a capital (jieba tags too many words as persons).
            piece = _cap(piece) if capitalise or tag == "ns" else piece
        else:
            piece = "".join(_PUNCT.get(ch, ch) for ch in word).strip()
            if not piece:
                continue
        if out and (piece[:1].isalnum() or piece[:1] in "(\"") and not out.endswith(("(", "-")):
            out += " "
        out += piece
    return out


def name_pinyin(han: str, concept_type: str, names: Names = ()) -> str:
    """Hanyu Pinyin with tone marks for a name or term, written the way it is published.

    Person names: surname separate, given name joined (``Xí Jìnpíng``); parts of transliterated
    foreign names (separated by ``·`` or ``-``) are joined words (``Tuōkǎyēfū``). Places: one
    joined word per part (``Liányúngǎng``). Other names (organisations, works…) and terms are
    split into words (jieba's dictionary): words are joined syllables, capitalised in names and in
    lower case in terms. A transliterated name inside a longer name is one word when it is in
    ``names`` (the glossary's names, :func:`known_names`); unknown to the dictionary and not
    in ``names``, it may be split; a glossary entry can give the exact form in ``pinyin:``.

    >>> name_pinyin("熊猫血", "term"), name_pinyin("上海精神", "term")
    ('xióngmāo xuè', 'Shànghǎi jīngshén')
    >>> name_pinyin("星星之火，可以燎原", "term")
    'xīngxīng zhī huǒ, kěyǐ liáoyuán'
    >>> name_pinyin("北京语言大学", "organisation")
    'Běijīng Yǔyán Dàxué'
    >>> name_pinyin("北京2022年冬奥会", "event")
    "Běijīng 2022 Nián Dōng'àohuì"
    >>> name_pinyin("卡普恰盖光伏电站", "facility", known_names([("卡普恰盖", "place")]))
    'Kǎpǔqiàgài Guāngfú Diànzhàn'
    """
    if concept_type not in JOINED_TYPES:
        return _word_pinyin(han, capitalise=concept_type != "term", names=names)
    return render_name(name_words(han, concept_type), "marks")


Syllable = tuple[str, int]  # toneless syllable (ü written ü) and tone 1–4, 5 for the neutral tone


def _tone3(han: str, *, surname: bool) -> list[Syllable]:
    from pypinyin.contrib.tone_convert import to_tone3

    out: list[Syllable] = []
    for syllable in _syllables(han, surname=surname):
        numbered = to_tone3(syllable, neutral_tone_with_five=True).replace("v", "ü")
        if numbered[-1:].isdigit():
            out.append((numbered[:-1], int(numbered[-1])))
        else:
            out.append((numbered, 5))
    return out


def word_syllables(han: str) -> list[Syllable]:
    """The syllables with tones of a word that is no name (no surname readings).

    >>> word_syllables("日报")
    [('ri', 4), ('bao', 4)]
    """
    return _tone3(han, surname=False)


def name_words(han: str, concept_type: str) -> list[list[Syllable]]:
    """The words of a person or place name as syllables with tones.

    A Chinese person name is surname + given name; a transliterated foreign name (parts
    separated by ``·`` or ``-``) and a place name are one word per part.

    >>> name_words("冼星海", "person")
    [[('xian', 3)], [('xing', 1), ('hai', 3)]]
    >>> name_words("霍尔果斯", "place")
    [[('huo', 4), ('er', 3), ('guo', 3), ('si', 1)]]
    """
    parts = [p for p in _SEPARATORS.split(han) if p and not _SEPARATORS.fullmatch(p) and has_han(p)]
    if concept_type == "person" and len(parts) == 1 and len(parts[0]) >= 2:
        name = parts[0]
        size = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
        syllables = _tone3(name, surname=True)
        return [syllables[:size], syllables[size:]]
    return [_tone3(part, surname=False) for part in parts]


def _marked(syllable: Syllable) -> str:
    from pypinyin.contrib.tone_convert import to_tone

    text, tone = syllable
    return str(to_tone(text.replace("ü", "v") + (str(tone) if tone < 5 else ""))).replace("v", "ü")


def _join(pieces: list[str], apostrophe: bool) -> str:
    return join_syllables(pieces) if apostrophe else "".join(pieces)


RENDERINGS = ("marks", "numbers", "plain", "no-apostrophe", "hyphenated", "spaced")


def render_name(words: list[list[Syllable]], how: str) -> str:
    """Write name words as Hanyu Pinyin: ``marks`` (Xiǎn Xīnghǎi), ``numbers`` (Xian3 Xing1hai3),
    ``plain`` (Xian Xinghai, Xi'an), ``no-apostrophe`` (Xian), ``hyphenated`` (Xian Xing-hai) or
    ``spaced`` (Xian Xing Hai).

    >>> w = name_words("冼星海", "person")
    >>> [render_name(w, how) for how in RENDERINGS]
    ['Xiǎn Xīnghǎi', 'Xian3 Xing1hai3', 'Xian Xinghai', 'Xian Xinghai', 'Xian Xing-hai', 'Xian Xing Hai']
    >>> render_name(name_words("西安", "place"), "plain"), render_name(name_words("西安", "place"), "no-apostrophe")
    ("Xi'an", 'Xian')
    """
    if how not in RENDERINGS:
        raise ValueError(f"unknown rendering {how!r}; expected one of {', '.join(RENDERINGS)}")
    out = []
    for word in words:
        if how == "marks":
            pieces = [_marked(s) for s in word]
        elif how == "numbers":
            pieces = [f"{t}{n}" if n < 5 else t for t, n in word]
        else:
            pieces = [t for t, _ in word]
        if how == "hyphenated":
            text = "-".join(pieces)
        elif how == "spaced":
            text = " ".join(_cap(p) for p in pieces)
        else:
            text = _join(pieces, apostrophe=how in ("marks", "plain"))
        out.append(_cap(text))
    return " ".join(out)


_TONE_NUMBERS = lazy_pattern(r"(?<=[a-zü:v])[1-5](?![0-9])")  # not the 1 of "COVID19"
_TONE_DIGIT = lazy_pattern(r"[1-5]")
_NOT_ASCII_KEY = lazy_pattern(r"[^a-z0-9]+")  # what an ASCII text in lower case has but letters and digits


def pinyin_key(text: str) -> str:
    """A comparison key for pinyin or Latin names: no tones, case, spaces, hyphens or apostrophes.

    Tone numbers after a syllable letter are dropped too (``xi2 jin4ping2`` → ``xijinping``), but
    not digits of a number (``COVID19`` → ``covid19``).

    >>> pinyin_key("COVID19"), pinyin_key("COVID-19")
    ('covid19', 'covid19')
    """
    if text.isascii():  # (the same steps: an ASCII text has nothing to decompose)
        text = text.lower().replace("u:", "u")
        if _TONE_DIGIT.search(text):  # (a tone number needs a digit)
            text = _TONE_NUMBERS.sub("", text)
        return _NOT_ASCII_KEY.sub("", text)
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ü", "u").replace("u:", "u"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _TONE_NUMBERS.sub("", plain)
    return "".join(c for c in plain if c.isalnum())
