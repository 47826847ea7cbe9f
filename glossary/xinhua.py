"""How Chinese news writes a Kazakh or Russian name: the Xinhua Russian–Chinese table, read back.

Chinese forms of Kazakh and Russian names follow Xinhua's transliteration table (俄汉译音表):
Bektenov is 别克捷诺夫, Nurtleu 努尔特列乌. :func:`chinese_reading` spells a Latin name in
Cyrillic (the usual English spellings of Kazakh and Russian names: kh, zh, sh, ch, ts, ya, yu, ye,
q, gh …), cuts it into open syllables and writes each with the table (``data/xinhua_ru_zh.tsv``,
its source in the header) — an approximation of what a Chinese editor would write, good enough to
*recognise* the Chinese form, never to publish one. :func:`reading_score` compares a Chinese form
with a Latin one in toneless pinyin, where the table's female and word-initial characters (娜 for
纳, 弗 for 夫) and the homophones editors choose between sound alike.

>>> chinese_reading("Bektenov"), chinese_reading("Nurtleu"), chinese_reading("Tokayev")
('别克捷诺夫', '努尔特列乌', '托卡耶夫')
>>> reading_score("Smailov", "斯迈洛夫") >= 80, reading_score("Aktau", "阿克托别") < 80
(True, True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .translit import name_words

_LATIN = (("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
          ("gh", "г"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"), ("ia", "ия"),
          ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"),
          ("h", "х"), ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
          ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
          ("v", "в"), ("w", "у"), ("x", "кс"), ("z", "з"))
_LATIN_RE = re.compile("|".join(sorted((re.escape(k) for k, _ in _LATIN), key=len, reverse=True)))
_LATIN_MAP = dict(_LATIN)
_VOWELS = "аоуыэиеёюя"
_OPEN = re.compile(f"([{_VOWELS}])([^{_VOWELS}][{_VOWELS}])")
_IOTATED = {"a": "я", "u": "ю", "e": "е", "o": "ё"}
_Y_VOWEL = re.compile(r"y([aueo])")
_Y_AFTER_VOWEL = re.compile(r"([aeiou])y|(?<=[aeou])i(?![aeiouy])")
_INITIAL = {"夫": "弗", "耶": "叶", "尔": "勒"}  # the table's word-initial characters
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Table:
    """The Cyrillic syllables of the table and their Chinese characters, longest first."""

    rows: dict[str, str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def table() -> Table:
    """The shipped table (read once)."""
    text = resources.files("silkterm.glossary.data").joinpath("xinhua_ru_zh.tsv").read_text(encoding="utf-8")
    rows = dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    keys = sorted(rows, key=len, reverse=True)
    return Table(rows, re.compile("|".join(map(re.escape, keys))))


def cyrillic(latin: str) -> str:
    """A Latin spelling of a Kazakh or Russian name in Russian Cyrillic (approximately).

    >>> cyrillic("Kyzylorda"), cyrillic("Zhaksybekov"), cyrillic("Yerlan")
    ('кызылорда', 'жаксыбеков', 'ерлан')
    """
    plain = "".join(c for c in unicodedata.normalize("NFD", latin.lower()) if not unicodedata.combining(c))
    plain = plain.replace("ı", "i")
    out = []
    for word in _WORD.findall(plain):
        # y before a vowel starts ya/yu/ye/yo; else it is й after a vowel and ы after a consonant
        word = _Y_VOWEL.sub(lambda m: _IOTATED[m.group(1)], word)
        word = _Y_AFTER_VOWEL.sub(lambda m: (m.group(1) or "") + "й", word)
        cyr = _LATIN_RE.sub(lambda m: _LATIN_MAP.get(m.group(), m.group()), word.replace("y", "ы"))
        out.append(cyr)
    return " ".join(out)


def hanzify(cyr: str) -> str:
    """Write a Cyrillic word in Chinese characters with the table, open syllable by open syllable.

    >>> hanzify("бектенов"), hanzify("ерлан")
    ('别克捷诺夫', '叶尔兰')
    """
    t = table()
    words = []
    for word in cyr.split():
        while _OPEN.search(word):
            word = _OPEN.sub(r"\1 \2", word)
        chars = []
        for syllable in word.split():
            pos = 0
            while pos < len(syllable):
                m = t.pattern.match(syllable, pos)
                if m is None:  # a letter the table has no row for alone (ъ): skip it
                    pos += 1
                    continue
                chars.append(t.rows[m.group()])
                pos = m.end()
                if pos < len(syllable) and syllable[pos] == "ы" and m.end() - m.start() == 1:
                    pos += 1  # кы, гы, зы (Kazakh): the table writes the consonant alone
        han = "".join(chars)
        if han and han[0] in _INITIAL:
            han = _INITIAL[han[0]] + han[1:]
        words.append(han)
    return "·".join(w for w in words if w)


def chinese_reading(latin: str) -> str:
    """How the table writes a Latin-spelt Kazakh or Russian name (words joined by ·)."""
    return hanzify(cyrillic(latin))


@lru_cache(maxsize=1 << 14)
def toneless(han: str) -> str:
    """The toneless pinyin of a Chinese form, syllables run together (· and - dropped)."""
    return "".join(s for word in name_words(han, "place") for s, _ in word)


_PINYIN_FOLD = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("x", "s"), ("j", "z"), ("q", "c"),
                ("ie", "e"), ("ai", "e"), ("ei", "e"), ("uo", "o"), ("ou", "o"))


def sound_key(pinyin: str) -> str:
    """Toneless pinyin with the sounds the table and editors confuse merged (谢 xie / 塞 sai: se).

    >>> sound_key("xiemibalajinsike") == sound_key("saimibalajinsike")
    True
    """
    for a, b in _PINYIN_FOLD:
        pinyin = pinyin.replace(a, b)
    return pinyin


def reading_score(latin: str, han: str) -> int:
    """0–100: how well ``han`` sounds like the table's reading of ``latin`` (toneless pinyin).

    >>> reading_score("Nazarbayev", "纳扎尔巴耶夫")
    100
    """
    reading = chinese_reading(latin)
    if not reading:
        return 0
    return similarity(toneless(reading), toneless(han))


def similarity(a: str, b: str, **_: object) -> int:
    """0–100 likeness of two toneless pinyin strings: the plain ratio, or 5 less than the ratio of
    their :func:`sound_key` s (so 塞 for the table's 谢 costs a little).

    >>> similarity("xiemeiyi", "saimeiyi"), similarity("aertai", "aertai")
    (95, 100)
    """
    from rapidfuzz.fuzz import ratio

    return round(max(ratio(a, b), ratio(sound_key(a), sound_key(b)) - 5))
