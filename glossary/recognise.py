"""Recognise spellings nobody listed: loose phonetic folding, scored, suggested, never rewritten.

A capitalised name in a text that is not a glossary form but has the loose key of one (see
:func:`~silkterm.glossary.phonetic.loose_key`: spellings produced by different romanisations meet)
is reported as a suggestion with a 0–100 score (RapidFuzz similarity of the plain spellings); so is
a romanisation with tones (``Bei3 jing1``) that names a concept.

>>> from silkterm.glossary import load_glossary
>>> text = "Kasym-Zhomart Toqaev met Bei3 jing1 officials."
>>> [(f.surface, f.concept_id, f.score) for f in find_unseen(text, load_glossary(), [])]
[('Kasym-Zhomart Toqaev', 'kassym-jomart-tokayev', 94), ('Bei3 jing1', 'beijing', 100)]
"""

from __future__ import annotations

import bisect
import operator
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from . import compiled
from .findings import Finding
from .foldindex import MIN_LETTERS, FoldIndex, KnownForm
from .folding import fold
from .index import index_of
from .lines import LineIndex
from .markup import overlaps
from .model import Action, Glossary, Status
from .phonetic import (
    NAME_WORD,
    UPPER_LETTERS,
    is_middle_name,
    letter_count,
    loose_key,
    plain_letters,
    tone_key,
)
from .query import lookup
from .schemes import load_scheme

_DIGIT = re.compile(r"\d")



def _relevant(word: str, words: set[str]) -> bool:
    """Could this word be part of a name the index knows? Every piece of it (Nur-Sultan: Nur,
    Sultan), or the word as a whole, must be a word of a known form. Words with digits never are."""
    if not word.isalpha() and _DIGIT.search(word):
        return False
    for key in (loose_key(word), loose_key(word, chinese_path=True)):
        if key in words:
            return True
    pieces = NAME_WORD.findall(word)
    return len(pieces) > 1 and all(loose_key(p) in words or loose_key(p, chinese_path=True) in words
                                   for p in pieces)


def _suggestion(glossary: Glossary, surface: str, start: int, end: int, line: int, column: int,
                found: list[tuple[KnownForm, str]], ratio: Any, skipped: str = "") -> Finding:
    """One suggestion; when the fold matches forms of several concepts, all are candidates."""
    best: dict[str, tuple[int, KnownForm, str]] = {}
    compared = surface
    if skipped:  # a patronymic or initial left out: score the name without it
        for word in skipped.split(" "):
            compared = compared.replace(word, "", 1)
        found = [(k, f"{how}, {skipped} skipped") for k, how in found]
    for known, how in found:
        score = round(ratio(plain_letters(compared), plain_letters(known.form)))
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



_POSSESSIVE = re.compile(r"['’]s$")
MAX_WORDS = 7  # words in one suggested span, linking words and skipped middle names included
MIN_SCORE = 70  # below this, a shared fold key is mostly coincidence (Copper ~ Khoper: 67)
RELEVANCE_CACHE = 1 << 18  # words (and runs) remembered between texts in one process
CACHED_RUN = 1 << 10  # characters of the longest run of names remembered between texts
_SPACED = re.compile(rf"(?:[{UPPER_LETTERS}]\.)+|[^ \u00a0]+")
# Words that are no part of a known name, may stand inside a span, and are left out of its key:
# patronymics (Kemelevich, Qanatuly) and initials of middle names (S.). Linking words stay in.
_SKIP, _LINKING, _NAME = 2, 3, 1
_LINK_WORDS = frozenset({"of", "and", "&", "the", "for", "de", "zhi", "ul", "al"})
_LINK = "(?:" + "|".join(sorted(_LINK_WORDS)) + ")"



def _role(word: str, index: FoldIndex) -> int:
    """0: no name word; 1: could be part of a known name; 2: a middle name to skip; 3: linking."""
    if word in _LINK_WORDS:
        return _LINKING
    if KEPT in word:  # a kept match in a masked run
        return 0
    relevance = index.relevance
    known = relevance.get(word)
    if known is None:
        known = relevance[word] = _relevant(word, index.words)
    if known:
        return _NAME
    if is_middle_name(word):
        return _SKIP
    return 0


@dataclass(frozen=True, slots=True)
class _Hit:
    """A suggestion found in a run of names, relative to the run's start."""

    start: int
    end: int
    surface: str
    found: tuple[tuple[KnownForm, str], ...]
    skipped: str  # the middle names left out of the key ("" if none)


RUN_WINDOW = 4096  # words of a run whose tables are held at a time (a line of names is one run)


def _word_tables(run: str, words: list[tuple[int, int]], index: FoldIndex,
                 has_chinese: bool, only_names: bool = False) -> list[list[Any]] | None:
    """Per word of ``run`` (its ``(start, end)`` spans): span, start, text, text without a
    possessive, role, skippable, loose key, key as a last word, letters, Chinese-path keys.
    With ``only_names``, None if no word could be part of a known name (the rest unread)."""
    starts = [a for a, _ in words]
    texts = [run[a:b] for a, b in words]
    bare = [_POSSESSIVE.sub("", t) for t in texts]
    roles = [_role(w, index) for w in bare]
    if only_names and _NAME not in roles:
        return None
    skippable = [r == _SKIP or is_middle_name(t) for t, r in zip(texts, roles)]
    keys = [loose_key(t) if r else "" for t, r in zip(texts, roles)]
    last_keys = [loose_key(t) if r else "" for t, r in zip(bare, roles)]  # a possessive ends a span only
    letters = [letter_count(t) for t in bare]
    ckeys = [loose_key(t, chinese_path=True) if r else "" for t, r in zip(texts, roles)] \
        if has_chinese else [""] * len(words)
    last_ckeys = [loose_key(t, chinese_path=True) if r else "" for t, r in zip(bare, roles)] \
        if has_chinese else [""] * len(words)
    return [words, starts, texts, bare, roles, skippable, keys, last_keys, letters, ckeys,
            last_ckeys]


def _scan_run(run: str, index: FoldIndex, cuts: Any = None) -> list[_Hit]:
    """Suggestions in one run of capitalised words: longest known spans first, left to right.

    ``cuts(a, b)`` (relative offsets) says a span would cut a kept match; ``None``: no kept match
    in this run (then the result depends on the run alone and is cached by the caller). A span's
    loose key is its words' keys joined (see :func:`loose_key`), so each word is folded once.
    A span holds at most ``MAX_WORDS`` words, so a long run is read ``RUN_WINDOW`` words at a
    time: its tables never grow with it.
    """
    if cuts is None and _known_run(run, index):
        return []
    has_chinese = bool(index.chinese)
    spaced = (m.span() for m in _SPACED.finditer(run))
    first = list(islice(spaced, RUN_WINDOW))
    more = len(first) == RUN_WINDOW
    read = _word_tables(run, first, index, has_chinese, only_names=not more)
    if read is None:
        return []  # no word of the run could be part of a known name (the usual run)
    tables = read
    (words, starts, texts, bare, roles, skippable, keys, last_keys, letters, ckeys,
     last_ckeys) = tables
    out: list[_Hit] = []
    i = 0
    while True:
        if more and i + MAX_WORDS >= len(words):  # the next words of a long run, from i on
            new = _word_tables(run, list(islice(spaced, RUN_WINDOW)), index, has_chinese)
            assert new is not None  # (every table is read without only_names)
            more = len(new[0]) == RUN_WINDOW
            tables = [old[i:] + added for old, added in zip(tables, new)]
            (words, starts, texts, bare, roles, skippable, keys, last_keys, letters, ckeys,
             last_ckeys) = tables
            i = 0
        if i >= len(words):
            break
        hit = None
        if roles[i] == _NAME:
            for j in range(min(len(words), i + MAX_WORDS), i, -1):  # longest first
                if roles[j - 1] != _NAME or 0 in roles[i:j]:
                    continue
                if sum(letters[i:j]) < MIN_LETTERS:
                    continue
                key = "".join(keys[i:j - 1]) + last_keys[j - 1]
                single = j - i == 1
                skip = j - i > 2 and any(skippable[i + 1:j - 1])  # Emomali Sharifovich Rahmonov
                skipped_key = "".join(k for k, sk in zip(keys[i + 1:j - 1], skippable[i + 1:j - 1])
                                      if not sk) if skip else ""
                skipped_key = keys[i] + skipped_key + last_keys[j - 1] if skip else ""
                if key not in index.keys and not (
                        has_chinese and "".join(ckeys[i:j - 1]) + last_ckeys[j - 1] in index.chinese) \
                        and not (skip and skipped_key in index.keys):
                    continue  # nothing known folds like this span (the usual case)
                a, b = words[i][0], words[j - 1][0] + len(bare[j - 1])
                surface = run[a:b]
                if cuts is not None and cuts(a, b):
                    continue
                if fold(surface) in index.folded:
                    break  # a known form in a case the matcher did not accept: not unseen
                found = index.by_key(key, surface, single)
                skipped = ""
                if not found and skip:
                    found = index.by_key(skipped_key, None, False)
                    skipped = " ".join(t for t, sk, k in zip(texts[i:j], skippable[i:j], range(i, j))
                                       if sk and i < k < j - 1)
                if found:
                    hit = _Hit(a, b, surface, tuple(found), skipped)
                    break
        if hit is None:
            i += 1
            continue
        if _best_score(hit) >= MIN_SCORE:  # below, a shared key is mostly coincidence
            out.append(hit)
        i = bisect.bisect_left(starts, hit.end, i + 1)  # the first word after the hit
    return out


def _known_run(run: str, index: FoldIndex) -> bool:
    """True if a run of names is one known form, maybe after a word that is no name word
    (``In Khorgos``, ``Khorgos’s``): the usual run in running text, settled without a scan."""
    if len(run) > CACHED_RUN:  # no form is that long: no copies of a line of names
        return False
    bare = _POSSESSIVE.sub("", run)
    if fold(bare) in index.folded:
        return True
    first, _, rest = bare.partition(" ")
    return bool(rest) and fold(rest) in index.folded and _role(first, index) == 0


def _best_score(hit: _Hit) -> int:
    from rapidfuzz.fuzz import ratio

    compared = hit.surface
    for word in hit.skipped.split(" ") if hit.skipped else ():
        compared = compared.replace(word, "", 1)
    return max(round(ratio(plain_letters(compared), plain_letters(known.form))) for known, _ in hit.found)


def find_unseen(text: str, glossary: Glossary, taken: list[tuple[int, int]],
                lines: LineIndex | None = None, kept: array[int] | None = None) -> list[Finding]:
    """Suggestions for capitalised names in ``text`` that are no glossary form but fold-match one,
    scoring at least ``MIN_SCORE``, and for romanisations with tones (``Bei3 jing1``, ``Xīnhuá
    Tōngxùnshè``) that name a concept. Each finding has action ``suggest`` and its score.

    ``taken`` spans (protected text: URLs, code, tags) are never part of a suggestion; ``kept``
    spans (the glossary's matches, in text order, as ``Matcher.find`` gives them: an
    ``array('q')`` of each start and end, one after the other) may be, but only whole:
    ``Kasim-Jomart Tokayev`` is one unseen spelling of a full name whose short form ``Tokayev``
    matched. A patronymic or middle initial inside a name is skipped (``Tuleutai Skakovich
    Suleimenov``).
    """
    from rapidfuzz.fuzz import ratio

    index = index_of(glossary).fold
    if len(index.relevance) > RELEVANCE_CACHE:
        index.relevance.clear()
    if len(index.runs) > RELEVANCE_CACHE:
        index.runs.clear()
    if len(index.reread) > RELEVANCE_CACHE:
        index.reread.clear()
    where = lines if lines is not None else LineIndex(text)
    kept = array("q") if kept is None else kept
    kept_starts, kept_ends = kept[0::2], kept[1::2]
    n_kept = len(kept_starts)
    out: list[Finding] = []

    def cuts_kept(a: int, b: int) -> bool:
        """True if a..b holds part, but not all, of a kept match; or only kept matches."""
        k = bisect.bisect_left(kept_starts, a)
        inside = 0
        while k < n_kept and kept_starts[k] < b:
            if kept_ends[k] > b:
                return True
            inside += kept_ends[k] - kept_starts[k]
            k += 1
        k = bisect.bisect_right(kept_starts, a) - 1
        if k >= 0 and kept_starts[k] < a < kept_ends[k]:
            return True
        return inside >= b - a - 1  # nothing but kept forms: no unseen spelling

    def add(start: int, hit: _Hit) -> None:
        line, column = where.position(start + hit.start)
        suggestion = _suggestion(glossary, hit.surface, start + hit.start, start + hit.end, line,
                                 column, list(hit.found), ratio, hit.skipped)
        if suggestion.score is not None and suggestion.score >= MIN_SCORE:
            out.append(suggestion)

    # The runs of capitalised words are read, in one pass, from a masked copy of the text, same
    # length, where each match and protected span is one placeholder word (KEPT then FILL…).
    # Most runs repeat (sentence starts, "In KEPT"): each distinct run is looked at once (and
    # remembered), and only runs that can hold an unseen spelling are looked at again.
    placeholders = KEPT not in text and FILL not in text  # (never in real text)
    # (the kept matches never overlap the protected spans: masked one after the other)
    masked = _mask(_mask(text, _flat(taken)), kept) if placeholders else text
    found, toned_possible = _runs_with_hits(masked, index, placeholders)
    if toned_possible:
        toned = _find_toned(text, glossary, taken, list(zip(kept_starts, kept_ends)), where)
        if toned:  # romanisations with tones first: their tones can tell names apart (Shǎnxī)
            out += toned
            taken = sorted(list(taken) + [(f.start, f.end) for f in toned])
            masked = _mask(_mask(text, _flat(taken)), kept) if placeholders else text
            found, _ = _runs_with_hits(masked, index, placeholders)
    # A run read with its kept matches depends on its text and on the kept and taken spans in
    # it: each such run (with the same spans, relative to it) is read once, and remembered
    # (up to CACHED_RUN characters) for the next texts, as the runs without them are.
    taken_starts, taken_ends = array("q", [s for s, _ in taken]), array("q", [e for _, e in taken])
    reread = index.reread
    core = compiled.core
    within = _within if core is None else core.spans_within  # (the same: test_fast_paths.py)
    for start, span, hits in found:
        end = start + len(span)
        if hits is None:
            if start > 1 and masked[start - 1] in " \u00a0" and masked[start - 2] in (KEPT, FILL):
                start = masked.rfind(KEPT, 0, start - 1)  # the kept match just before the run
            real = text[start:end]
            context = (real, within(kept_starts, kept_ends, start, end),
                       within(taken_starts, taken_ends, start, end) if taken_starts else ())
            hits = reread.get(context)
            if hits is None:
                hits = _scan_run(real, index, lambda a, b, s=start: cuts_kept(s + a, s + b)
                                 or overlaps(taken, s + a, s + b))
                if len(real) <= CACHED_RUN:
                    reread[context] = hits
        for hit in hits:
            add(start, hit)
    out.sort(key=lambda f: f.start)
    return out



def _within(starts: Sequence[int], ends: Sequence[int], lo: int,
            hi: int) -> tuple[tuple[int, int], ...]:
    """The spans (sorted, not overlapping; given by their ``starts`` and ``ends``) that start
    before ``hi`` and end after ``lo`` or start at ``lo`` or later, relative to ``lo``.

    >>> _within([0, 6, 9, 20], [4, 8, 12, 25], 7, 20)
    ((-1, 1), (2, 5))
    """
    k = bisect.bisect_left(starts, lo)
    if k and ends[k - 1] > lo:
        k -= 1
    out = []
    n = len(starts)
    while k < n and starts[k] < hi:
        out.append((starts[k] - lo, ends[k] - lo))
        k += 1
    return tuple(out)


# Romanisations with tone marks or tone numbers, in any case: Bei3 jing1, xí jìn píng,
# Wu1-lu3-mu4-ch'i2. Found only where the text has a tone mark or a syllable with a tone number.
_TONE_MARK = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ"
_TONED = re.compile(rf"[{_TONE_MARK}]|(?<=[^\W\d_])[1-5](?!\w)")
_MARKS = re.compile(rf"[{_TONE_MARK}]")
_NUMBERED = re.compile(r"[^\W\d_][1-5](?!\w)")  # a syllable with a tone number: Bei3
_SYLLABLES = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*[1-5]?(?:(?:[ \u00a0]|-)[^\W\d_]+(?:['’][^\W\d_]+)*[1-5]?)*")
_TONED_WORD = re.compile(rf"[{_TONE_MARK}]|[1-5]$")
MAX_SYLLABLE_WORDS = 6
TONED_WINDOW = 200  # characters of a run read after its first tone


def _find_toned(text: str, glossary: Glossary, taken: list[tuple[int, int]],
                kept: list[tuple[int, int]], where: LineIndex) -> list[Finding]:
    """Suggestions for romanisations with tones that name a concept exactly (pinyin key, scored
    98) or by loose fold when every word carries tones (Wade-Giles with numbers, scored 95).

    A run of syllables holding a tone is read from its start up to ``TONED_WINDOW`` characters
    after its first tone; one forward pass, so the work is linear in the text: each tone looks
    back only to the end of the run read before it.
    """
    tones = index_of(glossary).tones.by_letters
    busy = sorted(list(taken) + list(kept))
    added: list[tuple[int, int]] = []  # the suggestions so far: sorted, as they come in order
    looked_up: dict[str, list[Any]] = {}
    out: list[Finding] = []
    done = 0  # every run of syllables that starts before this has been read
    for t in _TONED.finditer(text):
        if t.start() < done:
            continue  # in a run read already
        lo = max(text.rfind("\n", done, t.start()), text.rfind(".", done, t.start() - 1),
                 done - 1) + 1
        run = next((m for m in _SYLLABLES.finditer(text, lo, min(len(text), t.end() + TONED_WINDOW))
                    if m.start() <= t.start() < m.end()), None)
        if run is None:
            done = t.end()
            continue
        whole = _SYLLABLES.match(text, run.start())
        done = whole.end() if whole else run.end()
        words = [(w.start() + run.start(), w.end() + run.start())
                 for w in re.finditer(r"[^ \u00a0\-]+(?:-[^ \u00a0\-]+)*", run.group())]
        starts = [a for a, _ in words]
        i = 0
        while i < len(words):
            hit: tuple[int, int, str, Any] | None = None
            for j in range(min(len(words), i + MAX_SYLLABLE_WORDS), i, -1):
                a, b = words[i][0], words[j - 1][1]
                surface = text[a:b]
                pieces = re.split(r"[ \u00a0-]", surface)
                toned = [bool(_TONED_WORD.search(w)) for w in pieces]
                if (not any(toned) or not all(_romanised(w) for w, t in zip(pieces, toned) if t)
                        or letter_count(surface) < MIN_LETTERS or overlaps(busy, a, b)
                        or overlaps(added, a, b)):
                    continue
                letters, marks = tone_key(surface)
                if letters in tones:  # tones tell 陕西 Shǎnxī from 山西 Shānxī
                    ids = tones[letters].get(marks, set())
                    if len(ids) == 1:
                        cid = next(iter(ids))
                        concept = glossary[cid]
                        hit = (a, b, surface, _ToneHit(cid, concept.pinyin or surface,
                                                       "pinyin with the same tones", 100))
                        break
                    continue
                best = looked_up.get(surface)
                if best is None:
                    best = looked_up[surface] = [
                        x for x in lookup(surface, glossary, limit=2, min_score=100).matches
                        if x.score >= (95 if all(toned) else 98)]
                if len({x.concept_id for x in best}) == 1:
                    hit = (a, b, surface, best[0])
                    break
            if hit is None:
                i += 1
                continue
            a, b, surface, match = hit
            concept = glossary[match.concept_id]
            line, column = where.position(a)
            out.append(Finding(
                start=a, end=b, line=line, column=column, surface=surface, concept_id=concept.id,
                canonical=concept.en, action=Action.SUGGEST,
                reason=f"romanisation with tones of {concept.en} ({match.how}), score {match.score}",
                form=match.form, lang="en", status=Status.ADMITTED, kind=None,
                replacement=concept.en, candidates=(), score=match.score))
            added.append((a, b))
            i = bisect.bisect_left(starts, b, i + 1)
    return out


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every Hanyu Pinyin and Wade-Giles syllable (the keys and values of our Wade-Giles table)."""
    table = load_scheme("wade-giles").table
    return frozenset(table) | frozenset(plain_letters(v) for v in table.values()) | {"lu", "nu", "lv", "nv"}


def _romanised(word: str) -> bool:
    """True if a word with tones is pinyin or Wade-Giles: each syllable (before a tone number, or
    the word split into syllables) is one (Bei3, ch'i2, Xīnhuá; not Khorgos1 or café)."""
    syllables = _syllables()
    plain = plain_letters(word.replace("ü", "v").replace("Ü", "v"))
    if any(c.isdigit() for c in plain):
        parts = [p for p in re.split(r"[1-5]", plain) if p]
        return bool(parts) and not re.search(r"\d", "".join(parts)) and all(p in syllables for p in parts)
    ok = [True] + [False] * len(plain)  # can plain[:i] be split into syllables?
    for i in range(1, len(plain) + 1):
        ok[i] = any(ok[k] and plain[k:i] in syllables for k in range(max(0, i - 6), i))
    return ok[-1]


@dataclass(frozen=True, slots=True)
class _ToneHit:
    concept_id: str
    form: str
    how: str
    score: int



# The placeholders of a kept match in the masked text (private use). Each is looked for in
# every text (``KEPT not in text``): in a UCS-2 string CPython finds a character by memchr of
# its low byte, so a placeholder whose low byte is 0 (U+E000) stops at every ASCII character
# (1 ms per 2 MB of mixed text, against 0.05 ms for U+E002).
KEPT, FILL = "\ue002", "\ue001"
# A name word: a capitalised word, or an initial or a run of initials (L. / L.N. / U.S.S.R.).
# Words of a run are separated by a space or NBSP, or follow an initial directly (L.N.Gumilev);
# lower-case linking words (of, and, &, …) may stand between them; a kept match (a placeholder
# word) may continue a run but never starts one. A tone mark also starts a run, so that the one
# pass notices lower-case pinyin (xí jìn píng). (The pattern starts with a character class: a
# leading optional part would slow the scan fourfold.)
_CAP_MASKED = rf"[{UPPER_LETTERS}{_TONE_MARK}](?:(?:\.[{UPPER_LETTERS}])*\.|[\w'’\-]*)"
_KEPT_WORD = rf"{KEPT}{FILL}*(?:['’]s)?"
_MASKED_NAMES = re.compile(rf"{_CAP_MASKED}(?:(?:[ \u00a0](?:{_LINK}[ \u00a0])?|(?<=\.))"
                           rf"(?:{_CAP_MASKED}|{_KEPT_WORD}))*")


_LINK_ORDER = tuple(sorted(_LINK_WORDS))  # (as _LINK tries them)


@lru_cache(maxsize=1)
def _name_characters() -> tuple[str, str] | None:
    """The characters that start a name word of _MASKED_NAMES, and the capitals of its
    initials, written out for the compiled scan; None if they reach U+0300 (then the pattern
    runs: the compiled scan knows the characters below it only).

    >>> starts, capitals = _name_characters()
    >>> "Ā" in starts and "ā" in starts and "ā" not in capitals and "Q" in capitals
    True
    """
    if max(map(ord, UPPER_LETTERS + _TONE_MARK)) >= 0x300:  # (the classes' ranges end in both)
        return None
    start = re.compile(f"[{UPPER_LETTERS}{_TONE_MARK}]")
    upper = re.compile(f"[{UPPER_LETTERS}]")
    chars = [chr(c) for c in range(0x300)]
    return ("".join(c for c in chars if start.match(c)), "".join(c for c in chars if upper.match(c)))


_AROUND_KEPT: list[_Hit] = []  # (a marker) a run that must be read with its kept matches


def _scan_masked(run: str, index: FoldIndex) -> list[_Hit]:
    """The hits of a run of the masked text, where kept matches are placeholder words: read
    without them, unless the words next to a kept match could begin or end a longer known name
    with it (Kassym-Zhomart [Kemelevich] + kept Tokayev), then ``_AROUND_KEPT``: the run is read
    where it occurs, with its kept matches."""
    # one word, no kept match (the usual run): in short
    if len(list(islice(_SPACED.finditer(run), 2))) == 1 and KEPT not in run:
        bare = _POSSESSIVE.sub("", run)  # (_joins_kept: could the run be a known name's tail?)
        if loose_key(bare) in index.tails:
            return _AROUND_KEPT
        if _known_run(run, index) or _role(bare, index) != _NAME:
            return []  # (_scan_run: no name that could be unseen)
    return _AROUND_KEPT if _joins_kept(run, index) else _scan_run(run, index)


def _joins_kept(run: str, index: FoldIndex) -> bool:
    """True if the words before or after a kept match (a placeholder word) of a masked run could
    be the head or the tail of a known name with it. Read ``RUN_WINDOW`` words at a time."""
    spaced = (m.group() for m in _SPACED.finditer(run))
    words: list[str] = []
    keys: list[str] = []
    bare_keys: list[str] = []
    middle: list[bool] = []
    base = 0  # the index in the run of words[0]
    judged = -1  # positions before this are judged; -1: the place before the run
    more = True
    while more:
        new = list(islice(spaced, RUN_WINDOW))
        more = len(new) == RUN_WINDOW
        words += new
        keys += ["" if KEPT in w else loose_key(w) for w in new]
        bare_keys += ["" if KEPT in w else loose_key(_POSSESSIVE.sub("", w)) for w in new]
        middle += [KEPT not in w and is_middle_name(w) for w in new]
        upto = base + len(words) - (MAX_WORDS if more else 0)  # enough words after these
        # A kept match never starts a run (Xi in "Xi Jingping"): the run's first words may also
        # be the tail of a known name whose head is a kept match just before the run (-1).
        places = [-1] if judged == -1 else []
        places += [k for k in range(max(judged, 0), upto) if KEPT in words[k - base]]
        for p in places:
            p -= base
            key = every = ""  # without middle names (Kemelevich, S.) and with them (L. N.)
            for q in range(p - 1, max(-1, p - MAX_WORDS), -1):  # words before: a name's head?
                if KEPT in words[q]:
                    break
                every = keys[q] + every
                key = key if middle[q] else keys[q] + key
                if key in index.heads or every in index.heads:
                    return True
            key = every = ""
            for r in range(p + 1, min(len(words), p + MAX_WORDS)):  # words after: its tail?
                if KEPT in words[r]:
                    break
                if every + bare_keys[r] in index.tails or (
                        not middle[r] and key + bare_keys[r] in index.tails):
                    return True
                every += keys[r]
                key = key if middle[r] else key + keys[r]
        judged = max(upto, 0)
        drop = max(0, judged - MAX_WORDS - base)  # keep the words a later place looks back at
        del words[:drop], keys[:drop], bare_keys[:drop], middle[:drop]
        base += drop
    return False


def _flat(spans: Sequence[tuple[int, int]]) -> array[int]:
    """Spans as ``Matcher.find`` gives its matches: each start and end, one after the other."""
    return array("q", [x for span in spans for x in span])


def _mask(text: str, spans: array[int]) -> str:
    """``text`` with each of ``spans`` (an ``array('q')`` of each start and end, one after the
    other, sorted by start; overlapping ones are merged) one placeholder word.

    A match is one placeholder character and fill, of its own length; the pieces are sliced
    by ``map`` (one text holds tens of thousands of matches).

    >>> _mask("In Astana and Almaty", _flat([(3, 9), (14, 20)])) == f"In {KEPT}{FILL * 5} and {KEPT}{FILL * 5}"
    True
    """
    if not spans:
        return text
    core = compiled.core
    if core is not None:  # the same, compiled (tests/glossary/test_cmatch.py)
        return str(core.mask(text, spans, KEPT, FILL))
    starts, ends = spans[0::2].tolist(), spans[1::2].tolist()
    if any(map(operator.gt, ends[:-1], starts[1:])):  # nested protected spans
        merged: list[tuple[int, int]] = []
        for s, e in zip(starts, ends):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        starts, ends = (list(x) for x in zip(*merged))
    lengths = list(map(operator.sub, ends, starts))
    placeholder = KEPT + FILL * (max(lengths) - 1)  # each placeholder is a slice of it: linear
    out: list[str] = [""] * (2 * len(starts) + 1)
    out[0::2] = map(text.__getitem__, map(slice, [0, *ends], [*starts, len(text)]))
    out[1::2] = map(placeholder.__getitem__, map(slice, lengths))
    return "".join(out)


_UNSEEN = object()


def _runs_with_hits(masked: str, index: FoldIndex,
                    placeholders: bool) -> tuple[list[tuple[int, str, list[_Hit] | None]], bool]:
    """Every run of names in the masked text that can hold an unseen spelling, in text order, as
    ``(start, run, hits)``: its hits when they hold wherever it occurs, else ``None``: it must
    be read again with the kept matches around it. Also whether any run has a tone mark or a
    tone number (see :func:`_find_toned`). Runs up to ``CACHED_RUN`` characters are remembered
    in ``index.runs``; longer ones (a line of names: they hardly repeat) only for this text.

    >>> from silkterm.glossary.model import Concept, ConceptType, Glossary
    >>> from silkterm.glossary.index import index_of
    >>> g = Glossary((Concept("tokayev", ConceptType.PERSON, "Tokayev"),))
    >>> found, _ = _runs_with_hits("Tokajew spoke. Mr Tokajew Kemel spoke. Tokajew", index_of(g).fold, True)
    >>> [(start, run, [h.surface for h in hits]) for start, run, hits in found]
    [(0, 'Tokajew', ['Tokajew']), (15, 'Mr Tokajew Kemel', ['Tokajew']), (39, 'Tokajew', ['Tokajew'])]
    """
    runs = index.runs
    toned = False

    def decide(run: str) -> list[_Hit] | None:
        """A run's hits, None: read again, []: nothing (once per distinct run)."""
        nonlocal toned
        known = runs.get(run)
        if known is None:  # (its hits, and whether it has a tone mark or number)
            known = (_scan_masked(run, index), bool(_MARKS.search(run) or _NUMBERED.search(run)))
            if len(run) <= CACHED_RUN:
                runs[run] = known
        hits, marked = known
        toned = toned or marked
        return None if hits is _AROUND_KEPT or (hits and not placeholders) else hits

    decided: dict[str, list[_Hit] | None] = {}
    core, characters = compiled.core, _name_characters()
    if core is not None and characters is not None:  # the same scan, compiled (test_cmatch.py)
        # (a run decided in an earlier text or chunk is taken from ``runs`` by the scan itself)
        found, toned_before = core.name_runs(masked, *characters, _LINK_ORDER, KEPT, FILL, decided,
                                             decide, runs, _AROUND_KEPT, placeholders)
        return found, toned or toned_before
    get = decided.get
    out: list[tuple[int, str, list[_Hit] | None]] = []
    for m in _MASKED_NAMES.finditer(masked):
        run = m[0]
        known = get(run, _UNSEEN)
        if known is _UNSEEN:
            known = decided[run] = decide(run)
        if known is None or known:  # (not an empty list: nothing to suggest)
            out.append((m.start(), run, known))  # type: ignore[arg-type]
    return out, toned
