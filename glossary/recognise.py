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
from functools import lru_cache
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Action, Finding, Kind, Status

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


@lru_cache(maxsize=1 << 16)
def loose_key(text: str, *, chinese_path: bool = False) -> str:
    """The phonetic fold key of a Latin-script name (see the module docstring).

    Each word is folded (so -iyev, -iev and -yev meet, and Yerlan meets Erlan), then the words
    are joined without separators. (Cached: running text repeats its words.)
    """
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_SPECIAL).replace("&", " and "))
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
        self.relevance: dict[str, bool] = {}  # per text word: could it belong to a known name?
        # (a cache filled while texts are read; find_unseen keeps it bounded)
        self.words: set[str] = set()  # loose keys (plain and Chinese-path) of words of forms
        for concept in glossary:
            # Abbreviations and forms under MIN_LETTERS letters are no names to fold (BBY would
            # meet "By").
            latin = [(v.form, "listed") for v in concept.forms()
                     if v.lang == "en" and v.kind is not Kind.ABBREVIATION and _letters(v.form) >= MIN_LETTERS
                     and not (v.form.isupper() and " " not in v.form)]
            latin += [(d.form, d.family) for d in derive(concept, tiers=(Tier.LOOSE,))
                      if _letters(d.form) >= MIN_LETTERS]
            for form, family in latin:
                known = _Known(concept.id, form, family)
                if family == "listed":  # candidates of the loose tier are no known forms
                    self.folded.add(fold(form))
                for word in _WORD.findall(form) + [form]:  # each word, and the name run together
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


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _relevant(word: str, words: set[str]) -> bool:
    """Could this word be part of a name the index knows? Every piece of it (Nur-Sultan: Nur,
    Sultan), or the word as a whole, must be a word of a known form. Words with digits never are."""
    if any(c.isdigit() for c in word):
        return False
    for key in (loose_key(word), loose_key(word, chinese_path=True)):
        if key in words:
            return True
    pieces = _WORD.findall(word)
    return len(pieces) > 1 and all(loose_key(p) in words or loose_key(p, chinese_path=True) in words
                                   for p in pieces)


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
MIN_LETTERS = 4  # shorter spans are too often ordinary words to suggest anything for
MIN_SCORE = 70  # below this, a shared fold key is mostly coincidence (Copper ~ Khoper: 67)
RELEVANCE_CACHE = 1 << 18  # words remembered between texts in one process
_SPACED = re.compile(r"[^ \u00a0]+")


def find_unseen(text: str, glossary: Glossary, taken: list[tuple[int, int]],
                lines: object = None, kept: list[tuple[int, int]] = ()) -> list[Finding]:  # type: ignore[assignment]
    """Suggestions for capitalised names in ``text`` that are no glossary form but fold-match one,
    scoring at least ``MIN_SCORE``. Each finding has action ``suggest`` and its score.

    ``taken`` spans (protected text, matches normalising acts on) are never part of a suggestion;
    ``kept`` spans (matches of kept forms, e.g. the short form ``Tokayev``) may be, but only whole:
    ``Kasim-Jomart Tokayev`` is one unseen spelling of a full name.
    """
    import bisect

    from rapidfuzz.fuzz import ratio

    from .apply import _Lines
    from .matcher import fold

    index: FoldIndex = glossary.fold_index
    if len(index.relevance) > RELEVANCE_CACHE:
        index.relevance.clear()
    relevance = index.relevance
    where = lines if isinstance(lines, _Lines) else _Lines(text)
    kept_starts = [s for s, _ in kept]
    out: list[Finding] = []

    def cuts_kept(a: int, b: int) -> bool:
        """True if a..b holds part, but not all, of a kept match; or only kept matches."""
        k = bisect.bisect_left(kept_starts, a)
        inside = 0
        while k < len(kept) and kept[k][0] < b:
            if kept[k][1] > b:
                return True
            inside += kept[k][1] - kept[k][0]
            k += 1
        k = bisect.bisect_right(kept_starts, a) - 1
        if k >= 0 and kept[k][0] < a < kept[k][1]:
            return True
        return inside >= b - a - 1  # nothing but kept forms: no unseen spelling
    blocked_at = kept_at = 0  # candidates come in text order: walk both lists once
    n_taken, n_kept = len(taken), len(kept)
    for m in _NAMES.finditer(text):
        start, end = m.span()
        while blocked_at < n_taken and taken[blocked_at][1] <= start:
            blocked_at += 1
        if blocked_at < n_taken and taken[blocked_at][0] < end:
            continue  # part of a match normalising acts on, or a protected span
        while kept_at < n_kept and kept[kept_at][1] <= start:
            kept_at += 1
        if kept_at < n_kept and kept[kept_at][0] < end:
            if kept[kept_at][0] <= start and kept[kept_at][1] >= end:
                continue  # the whole run is one kept match (the usual case)
            span = m.group()
            k, covered = kept_at, 0
            while k < n_kept and kept[k][0] < end:
                covered += min(kept[k][1], end) - max(kept[k][0], start)
                k += 1
            if covered >= end - start - span.count(" ") - span.count("\u00a0"):
                continue  # a run of names that all matched kept forms holds no unseen spelling
        else:
            span = m.group()
        if " " not in span and "\u00a0" not in span:  # fast path: one word
            word = _POSSESSIVE.sub("", span)
            known = relevance.get(word)
            if known is None:
                known = relevance[word] = _relevant(word, index.words)
            if not known:
                continue
        words = [(w.start() + start, w.end() + start) for w in _SPACED.finditer(span)]
        keys = []  # per word: could it belong to a known name (its pieces are words of forms)?
        for a, b in words:
            word = _POSSESSIVE.sub("", text[a:b])
            known = relevance.get(word)
            if known is None:
                known = relevance[word] = _relevant(word, index.words)
            keys.append(known)
        if not any(keys):
            continue
        i = 0
        while i < len(words):
            hit = None
            for j in range(min(len(words), i + MAX_WORDS), i, -1):  # longest first
                if not all(keys[i:j]):
                    continue
                a, b = words[i][0], words[j - 1][1]
                surface = _POSSESSIVE.sub("", text[a:b])
                b = a + len(surface)
                if _letters(surface) < MIN_LETTERS or (kept and cuts_kept(a, b)):
                    continue
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
            suggestion = _suggestion(glossary, surface, a, b, line, column, found, ratio)
            if suggestion.score is not None and suggestion.score >= MIN_SCORE:
                out.append(suggestion)
            i = next((k for k, (s, _) in enumerate(words) if s >= b), len(words))
    return out
