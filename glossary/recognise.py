"""Recognise spellings nobody listed: loose phonetic folding, scored, suggested, never rewritten.

:func:`loose_key` folds a Latin name so that spellings produced by different romanisations meet:
no case, diacritics, spaces, hyphens or apostrophes; dzh/zh/j, kh/q/k/h, gh/g, sh/ch, y/i, ng/n and
doubled letters merge. On the Chinese path (a Kazakh or Russian name read back from Chinese) r and l
merge too. A capitalised name in a text that is not a glossary form but has the loose key of one is
reported as a suggestion with a 0–100 score (RapidFuzz similarity of the plain spellings).

>>> loose_key("Khorgos") == loose_key("Horgos") == loose_key("Qorğas".replace("a", "o"))
True
>>> loose_key("Borat Nulgaliyev", chinese_path=True) == loose_key("Bolat Nurgaliyev", chinese_path=True)
True
>>> loose_key("Suleimenov") == loose_key("Suleymanov")
False
>>> loose_key("Tokayev") == loose_key("Toqaev") == loose_key("Tokaev")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Action, Finding, Status

if TYPE_CHECKING:
    from .model import Glossary

_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d",
                          "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ž": "zh"})
_FOLDS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("ch", "§"), ("sh", "§"), ("kh", "k"),
          ("gh", "g"), ("q", "k"), ("h", "k"), ("c", "k"), ("§", "sh"), ("w", "v"), ("y", "i"),
          ("ng", "n"), ("x", "ks"))
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W\d_]+")
_VOWEL_YE = re.compile(r"(?<=[aeiouy])ye")  # BGN -ayev, ICAO -aev


def loose_key(text: str, *, chinese_path: bool = False) -> str:
    """The phonetic fold key of a Latin-script name (see the module docstring).

    Each word is folded (so -iyev, -iev and -yev meet, and Yerlan meets Erlan), then the words
    are joined without separators.
    """
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_SPECIAL))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = []
    for word in _WORD.findall(plain):
        word = _VOWEL_YE.sub("e", word)
        for old, new in _FOLDS:
            word = word.replace(old, new)
        if chinese_path:
            word = word.replace("r", "l")
        word = _DOUBLE.sub(r"\1", word)
        if word.startswith("ie"):
            word = word[1:]
        out.append(word)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Known:
    concept_id: str
    form: str
    family: str


class FoldIndex:
    """Loose keys of every Latin form of a glossary (listed, generated and Chinese-path)."""

    def __init__(self, glossary: Glossary) -> None:
        from .rules import Tier, derive

        from .matcher import fold

        self.keys: dict[str, list[_Known]] = {}
        self.chinese: dict[str, list[_Known]] = {}
        self.folded: set[str] = set()  # every form, case-folded: such a span is no unseen variant
        self.words: set[str] = set()  # loose keys (plain and Chinese-path) of words of forms
        for concept in glossary:
            latin = [(v.form, "listed") for v in concept.forms() if v.lang in ("en",)]
            latin += [(d.form, d.family) for d in derive(concept, tiers=(Tier.LOOSE,))]
            for form, family in latin:
                known = _Known(concept.id, form, family)
                self.folded.add(fold(form))
                for word in form.split():
                    self.words.add(loose_key(word))
                    if concept.zh:
                        self.words.add(loose_key(word, chinese_path=True))
                self.keys.setdefault(loose_key(form), []).append(known)
                if concept.zh and family in ("listed", "chinese-path"):
                    self.chinese.setdefault(loose_key(form, chinese_path=True), []).append(known)

    def candidates(self, span: str) -> list[tuple[_Known, str]]:
        """Concept forms whose loose key equals the span's, with the fold that joined them."""
        out = [(k, "loose fold") for k in self.keys.get(loose_key(span), [])]
        if not out:
            out = [(k, "Chinese path (r/l merged)")
                   for k in self.chinese.get(loose_key(span, chinese_path=True), [])]
        return out


def _relevant(word: str, words: set[str]) -> bool:
    """Could this word be part of a name the index knows? (A word with digits never is.)"""
    if any(c.isdigit() for c in word):
        return False
    return loose_key(word) in words or loose_key(word, chinese_path=True) in words


def _suggestion(glossary: Glossary, surface: str, start: int, end: int, line: int, column: int,
                found: list[tuple[_Known, str]], ratio: Any) -> Finding:
    """One suggestion; when the fold matches forms of several concepts, all are candidates."""
    best: dict[str, tuple[int, _Known, str]] = {}
    for known, how in found:
        score = round(ratio(_plain(surface), _plain(known.form)))
        if known.concept_id not in best or score > best[known.concept_id][0]:
            best[known.concept_id] = (score, known, how)
    ranked = sorted(best.values(), key=lambda b: -b[0])
    score, known, how = ranked[0]
    concept = glossary[known.concept_id]
    if len(ranked) > 1:
        names = " or ".join(f"{glossary[k.concept_id].en} ({s})" for s, k, _ in ranked)
        reason = f"unseen variant of {names}, {how}"
        candidates = tuple(k.concept_id for _, k, _ in ranked)
    else:
        reason = f"unseen variant of {concept.en} ({how} with {known.form!r}), score {score}"
        candidates = ()
    return Finding(start=start, end=end, line=line, column=column, surface=surface,
                   concept_id=concept.id, canonical=concept.en, action=Action.SUGGEST,
                   reason=reason, form=known.form, lang="en", status=Status.ADMITTED, kind=None,
                   replacement=None if candidates else concept.en, candidates=candidates,
                   score=score)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_SPECIAL))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_NAMES = re.compile(rf"[{_UPPER}][\w'’\-]*(?:[ \u00a0][{_UPPER}][\w'’\-]*)*")
_POSSESSIVE = re.compile(r"['’]s$")
MAX_WORDS = 4


def _spans(text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Capitalised word sequences that no glossary match covers."""
    import bisect

    starts = [s for s, _ in taken]
    for m in _NAMES.finditer(text):
        start, end = m.span()
        i = bisect.bisect_right(starts, end - 1) - 1
        if i >= 0 and taken[i][1] > start:
            continue
        yield start, end


def find_unseen(text: str, glossary: Glossary, taken: list[tuple[int, int]],
                lines: object = None) -> list[Finding]:
    """Suggestions for capitalised names in ``text`` (outside the ``taken`` spans) that are no
    glossary form but fold-match one. Each finding has action ``suggest`` and a score in its reason.
    """
    from rapidfuzz.fuzz import ratio

    from .apply import _Lines
    from .matcher import fold

    index: FoldIndex = glossary.fold_index
    where = lines if isinstance(lines, _Lines) else _Lines(text)
    out: list[Finding] = []
    for start, end in _spans(text, taken):
        words = [(m.start() + start, m.end() + start)
                 for m in re.finditer(r"\S+", text[start:end])]
        keys = [_relevant(_POSSESSIVE.sub("", text[a:b]), index.words) for a, b in words]
        i = 0
        while i < len(words):
            hit = None
            for j in range(min(len(words), i + MAX_WORDS), i, -1):  # longest first
                if not all(keys[i:j]):
                    continue
                a, b = words[i][0], words[j - 1][1]
                surface = _POSSESSIVE.sub("", text[a:b])
                b = a + len(surface)
                if fold(surface) in index.folded:
                    break  # a known form in a case the matcher did not accept: not unseen
                found = index.candidates(surface)
                if found:
                    hit = (a, b, surface, found)
                    break
            if hit is None:
                i += 1
                continue
            a, b, surface, found = hit
            line, column = where.position(a)  # type: ignore[union-attr]
            out.append(_suggestion(glossary, surface, a, b, line, column, found, ratio))
            i = next(k for k, (s, _) in enumerate(words) if s >= b) if b < words[-1][1] else len(words)
    return out
