"""Possessive kinship: in "A’s daughter B", A and B are two people.

A family name written before a possessive and a kinship word ("Baikadamova’s daughter
Baldyrgan") names a relative of the person who follows. When the glossary's matches give both
names to the same person (Baikadamova is a short form of Baldyrgan Baikadamova), the first one is
re-linked: to the one other person of the glossary whose family name it spells, in either gender
form (Baikadamova → Bakhytzhan Baikadamov), as a suggestion; with no such person, the wrong link
is dropped.

>>> from silkterm.glossary import load_glossary
>>> from silkterm.glossary.apply import find_terms
>>> [(f.surface, f.concept_id, f.action.value, f.replacement)
...  for f in find_terms("Baikadamova’s daughter Baldyrgan said.", load_glossary())]
[('Baikadamova', 'bakhytzhan-baikadamov', 'suggest', 'Baikadamov'), ('Baldyrgan', 'baldyrgan-baikadamova', 'keep', None)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from . import compiled
from .findings import Finding
from .folding import fold
from .index import index_of
from .markup import overlaps
from .model import Action, Concept, Glossary

KIN_WORDS = ("daughter", "son", "wife", "husband", "widow", "widower", "mother", "father",
             "sister", "brother", "granddaughter", "grandson", "grandmother", "grandfather",
             "niece", "nephew", "child", "stepdaughter", "stepson", "daughter-in-law", "son-in-law")
_KIN = re.compile(r"['’]s\s+(?:late\s+|eldest\s+|youngest\s+|only\s+)?(" + "|".join(
    sorted(KIN_WORDS, key=len, reverse=True)) + r")\b[\s,]*", re.IGNORECASE)
_KIN_HEADS = ("late", "eldest", "youngest", "only", *KIN_WORDS)  # what may follow "'s "
WINDOW = 80  # characters matched on each side of a possessive (bounded work per hit)
_FEMININE = ((re.compile(r"(ov|ev|yev|in|yn)$"), r"\1a"), (re.compile(r"(sk|tsk)(y|iy|ii|ij)$"), r"\1aya"))


def gender_forms(surname: str) -> set[str]:
    """A Russian-style family name in both genders (folded): Baikadamov, Baikadamova.

    >>> sorted(gender_forms("Baikadamov")), sorted(gender_forms("Baikadamova"))
    (['baikadamov', 'baikadamova'], ['baikadamov', 'baikadamova'])
    """
    name = fold(surname)
    out = {name}
    for pattern, feminine in _FEMININE:
        out.add(pattern.sub(feminine, name))
    if name.endswith(("ova", "eva", "ina", "yna")):
        out.add(name[:-1])
    if name.endswith("aya"):
        out.update({name[:-3] + "y", name[:-3] + "iy"})
    return out


def _kin_phrases(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_KIN`` in ``text``, as ``_KIN.finditer`` gives them: tried only at the
    apostrophes (where each starts), found by ``str.find``, much faster than the search.

    >>> [m.group(1) for m in _kin_phrases("A's son, B’S Daughter and C's car")]
    ['son', 'Daughter']
    """
    core = compiled.core
    if core is not None:  # only the apostrophes before a word _KIN may match (test_fast_paths.py)
        starts = core.kin_places(text, _KIN_HEADS)
    else:
        starts = [i for mark in "'’" for i in _finds(text, mark)]
        starts.sort()
    end = 0
    for at in starts:
        if at < end:
            continue
        hit = _KIN.match(text, at)
        if hit is not None:
            end = hit.end()
            yield hit


def _finds(text: str, mark: str) -> Iterator[int]:
    at = text.find(mark)
    while at != -1:
        yield at
        at = text.find(mark, at + 1)


def relink_possessors(text: str, findings: Sequence[Finding], glossary: Glossary,
                      protected: Sequence[tuple[int, int]],
                      position: Callable[[int], tuple[int, int]],
                      offset: int = 0,
                      resolved: dict[tuple[str, str, str], Finding | None] | None = None,
                      ) -> list[Finding]:
    """``findings`` with every possessor of a kinship phrase that names the same person as its
    relative re-linked (see the module docstring). Linear: each possessive is matched within a
    bounded window around it, and each (name, relative, kinship word) is resolved once, and
    remembered in ``resolved`` if given (for the next chunks of a text: it depends on the
    glossary alone). (``offset``: the findings' offsets are those of a longer text, in which
    ``text`` starts there.)"""
    drop: set[tuple[int, int]] = set()
    added: list[Finding] = []
    index: dict[str, list[tuple[Concept, str]]] | None = None
    if resolved is None:
        resolved = {}
    for hit in _kin_phrases(text):
        at, after = hit.start(), hit.end()
        if overlaps(protected, at, after):
            continue
        lo = max(0, at - WINDOW)  # the apostrophe and the space after the kinship word are
        hi = min(len(text), after + WINDOW)  # boundaries: each side is matched on its own
        possessor = next((m for m in index_of(glossary).matcher.find(text[lo:at])
                          if lo + m.end == at and len(m.entries) == 1), None)
        if possessor is None or glossary[possessor.concept_id].type.value != "person":
            continue
        relative = next((m for m in index_of(glossary).matcher.find(text[after:hi])
                         if m.start == 0 and len(m.entries) == 1), None)
        if relative is None or possessor.concept_id != relative.concept_id:
            continue
        start, end = lo + possessor.start, lo + possessor.end
        if overlaps(protected, start, end):
            continue
        drop.add((start + offset, end + offset))
        key = (text[start:end], relative.concept_id, hit.group(1).lower())
        if key not in resolved:
            if index is None:
                index = index_of(glossary).families
            resolved[key] = _relinked(key[0], glossary, index, glossary[relative.concept_id], key[2])
        fixed = resolved[key]
        if fixed is not None:
            line, column = position(start)
            added.append(replace(fixed, start=start + offset, end=end + offset, line=line,
                                 column=column))
    if not drop:
        return list(findings)
    kept = [f for f in findings if (f.start, f.end) not in drop]
    return sorted(kept + added, key=lambda f: (f.start, f.end))


def _relinked(surface: str, glossary: Glossary, index: dict[str, list[tuple[Concept, str]]],
              relative: Concept, kin: str) -> Finding | None:
    """A suggestion linking ``surface`` to the one other person with that family name."""
    people = [(c, written) for key in sorted(gender_forms(surface)) for c, written in index.get(key, [])
              if c.id != relative.id]
    ids = list(dict.fromkeys(c.id for c, _ in people))
    if not ids:
        return None
    concept, written = people[0]
    reason = f"possessive before '{kin}' names a relative of {relative.en}"
    if len(ids) > 1:
        return Finding(0, 0, 0, 0, surface, concept.id, concept.en, Action.SUGGEST,
                       f"{reason}: {' or '.join(glossary[i].en for i in ids)}",
                       written, "en", next(concept.forms()).status, candidates=tuple(ids))
    variant = next((v for v in concept.forms() if v.lang == "en" and v.form == written),
                   next(concept.forms()))
    shaped = written.upper() if surface.isupper() and len(surface) > 1 else written
    replacement = None if fold(written) == fold(surface) else shaped
    return Finding(0, 0, 0, 0, surface, concept.id, concept.en, Action.SUGGEST,
                   f"{reason}: family name of {concept.en}", written, "en", variant.status,
                   variant.kind, replacement)
