"""Loose phonetic keys of Latin-script names, and the small name-word helpers around them.

:func:`loose_key` folds a Latin name so that spellings produced by different romanisations meet:
no case, diacritics, spaces, hyphens or apostrophes; dzh/zh/j, kh/q/k/h, gh/g, sh/ch, y/i, ng/n and
doubled letters merge. On the Chinese path (a Kazakh or Russian name read back from Chinese) r and l
merge too. :func:`tone_key` is the key of a romanisation with tones; :func:`is_middle_name` tells
the words a name's key leaves out. Shared by the rules, the indexes, lookup and recognition; of
silkterm it imports only :func:`~silkterm.glossary.folding.lazy_pattern`.

>>> loose_key("Khorgos") == loose_key("Horgos") == loose_key("Qorğas".replace("a", "o"))
True
>>> loose_key("Borat Nulgaliyev", chinese_path=True) == loose_key("Bolat Nurgaliyev", chinese_path=True)
True
>>> loose_key("Suleimenov") == loose_key("Suleymanov")
False
>>> loose_key("Tokayev") == loose_key("Toqaev") == loose_key("Tokaev") == loose_key("Tokajew")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .folding import lazy_pattern

# Letters with a stroke, a cedilla or a caron, and ligatures, spelled out (str.translate table)
SPECIAL_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d",
                                 "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ž": "zh"})
_FOLDS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("ch", "§"), ("sh", "§"), ("kh", "k"),
          ("gh", "g"), ("q", "k"), ("h", "k"), ("c", "k"), ("§", "sh"), ("w", "v"), ("y", "i"),
          ("ng", "n"), ("x", "ks"))
# The same folds as _FOLDS, in order, in fewer passes: the pairs, then the single letters (q, h,
# c, §, w, y) in one str.translate, which reads each letter once, as the folds in order do (the
# h that § becomes comes after h is folded), then ng and x (tests/glossary/test_fast_paths.py
# checks both give the same keys)
_PAIR_FOLDS = _FOLDS[:7]
_LETTER_FOLDS = str.maketrans(dict(_FOLDS[7:13]))
_LAST_FOLDS = _FOLDS[13:]
_DOUBLE = lazy_pattern(r"(.)\1+")
# the pieces of a CamelCase word (TikTok: Tik, Tok)
CAMEL_PIECE = lazy_pattern(r"[A-Z][a-z]+(?=[A-Z])|(?<=[a-z])[A-Z][a-z]+")
NAME_WORD = lazy_pattern(r"[^\W\d_]+")  # a word of letters
_VOWEL_YE = lazy_pattern(r"(?<=[aeiouy])ye")  # BGN -ayev, ICAO -aev
_VOWEL_J = lazy_pattern(r"(?<=[aeiou])j(?=[aeiou])")


@lru_cache(maxsize=1 << 16)
def loose_key(text: str, *, chinese_path: bool = False, shaanxi: bool = True) -> str:
    """The phonetic fold key of a Latin-script name (see the module docstring).

    Each word is folded (so -iyev, -iev and -yev meet, and Yerlan meets Erlan), then the words
    are joined without separators. ``shaanxi``: keep Shaanxi 陕西, the one pinyin spelling with
    a doubled vowel, apart from Shanxi 山西. (Cached: running text repeats its words.)
    """
    if text.isascii():
        plain = text.lower().replace("&", " and ")
    else:
        decomposed = unicodedata.normalize("NFD", text.lower().translate(SPECIAL_LETTERS).replace("&", " and "))
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join([_fold_word(word, chinese_path, shaanxi) for word in NAME_WORD.findall(plain)])


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str, chinese_path: bool, shaanxi: bool) -> str:
    """The loose key of one word of letters, lower case without diacritics (:func:`loose_key`
    runs a name's words together). (Cached: the words of distinct names repeat.)"""
    # (each substitution only where its letters are: a search is cheaper than a substitution)
    if "j" in word:
        word = _VOWEL_J.sub("y", word)  # German, Hungarian, Slavic j for y: Tokajew, Tokajev
        if word.endswith("ij"):  # German -ij for -iy (Emomalij)
            word = word[:-1]
    if "ye" in word:
        word = _VOWEL_YE.sub("e", word)
    if shaanxi:
        word = word.replace("shaan", "sha\x01n")  # Shaanxi 陕西 is no Shanxi 山西
    for old, new in _PAIR_FOLDS:
        word = word.replace(old, new)
    word = word.translate(_LETTER_FOLDS)
    for old, new in _LAST_FOLDS:
        word = word.replace(old, new)
    if chinese_path:
        word = word.replace("r", "l")
    if _DOUBLE.search(word):
        word = _DOUBLE.sub(r"\1", word)
    if word.startswith("ie"):
        word = word[1:]
    return word


def clear_caches() -> None:
    """Empty the caches of :func:`loose_key` (its names and their words), as in a fresh process."""
    loose_key.cache_clear()
    _fold_word.cache_clear()


def letter_count(text: str) -> int:
    """How many letters ``text`` has.

    >>> letter_count("Xi'an 2")
    4
    """
    return sum(map(str.isalpha, text))


def plain_letters(text: str) -> str:
    """Lower case letters and digits only, special letters spelled out, diacritics dropped.

    >>> plain_letters("Qonaev-Šymkent")
    'qonaevshymkent'
    """
    decomposed = unicodedata.normalize("NFD", text.lower().translate(SPECIAL_LETTERS))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


# The capital letters of Latin-script names (a regular-expression character range)
UPPER_LETTERS = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_PATRONYMIC = lazy_pattern(r"(?:ovich|evich|ovych|ovna|evna|ovič|evič|ich|uly|ulı|ūly|qyzy|kyzy|qızı|ogly|oglu)$",
                           re.IGNORECASE)
_INITIALS = lazy_pattern(rf"^(?:[{UPPER_LETTERS}]\.)+$")


def is_middle_name(word: str) -> bool:
    """A patronymic (Kemelevich, Qanatuly) or an initial (S.): left out of a name's key.

    >>> is_middle_name("Kemelevich"), is_middle_name("S."), is_middle_name("Tokayev")
    (True, True, False)
    """
    return bool(_INITIALS.match(word) or (len(word) > 6 and _PATRONYMIC.search(word)))


_MARK_TONE = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def tone_key(text: str) -> tuple[str, str]:
    """Letters and tone sequence of a romanisation with tone marks or numbers; neutral tones
    (5, or no mark) are left out, so marks and numbers meet.

    >>> tone_key("Shǎnxī") == tone_key("Shan3 xi1") != tone_key("Shānxī")
    True
    """
    letters: list[str] = []
    marks: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if ch in _MARK_TONE:
            marks.append(_MARK_TONE[ch])
        elif ch in "1234":
            marks.append(ch)
        elif ch.isalpha():
            letters.append(ch)
    return "".join(letters), "".join(marks)

