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
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .matcher import fold
from .model import Action, Finding

if TYPE_CHECKING:
    from .model import Concept, Glossary

KIN_WORDS = ("daughter", "son", "wife", "husband", "widow", "widower", "mother", "father",
             "sister", "brother", "granddaughter", "grandson", "grandmother", "grandfather",
             "niece", "nephew", "child", "stepdaughter", "stepson", "daughter-in-law", "son-in-law")
_KIN = re.compile(r"['’]s\s+(?:late\s+|eldest\s+|youngest\s+|only\s+)?(" + "|".join(
    sorted(KIN_WORDS, key=len, reverse=True)) + r")\b[\s,]*", re.IGNORECASE)
WINDOW = 120  # characters of context matched on each side of a possessive (bounded work per hit)
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


def _family_names(concept: Concept) -> dict[str, str]:
    """The concept's family names as written (last word of each English form), by folded form."""
    out: dict[str, str] = {}
    for v in concept.forms():
        if v.lang == "en" and v.form.split():
            last = v.form.split()[-1]
            out.setdefault(fold(last), last)
    return out


def relink_possessors(text: str, findings: Sequence[Finding], glossary: Glossary,
                      protected: Sequence[tuple[int, int]],
                      position: Callable[[int], tuple[int, int]]) -> list[Finding]:
    """``findings`` with every possessor of a kinship phrase that names the same person as its
    relative re-linked (see the module docstring). Linear: each possessive is matched within a
    bounded window around it."""
    out = list(findings)
    for hit in _KIN.finditer(text):
        at, after = hit.start(), hit.end()
        if any(a < after and at < b for a, b in protected):
            continue
        lo = max(0, at - WINDOW)
        hi = min(len(text), after + WINDOW)
        matches = glossary.matcher.find(text[lo:hi])
        possessor = next((m for m in matches if lo + m.end == at and len(m.entries) == 1), None)
        relative = next((m for m in matches if lo + m.start == after and len(m.entries) == 1), None)
        if possessor is None or relative is None or possessor.concept_id != relative.concept_id \
                or glossary[possessor.concept_id].type.value != "person":
            continue
        start, end = lo + possessor.start, lo + possessor.end
        if any(a < end and start < b for a, b in protected):
            continue
        out = [f for f in out if not (f.start == start and f.end == end)]
        fixed = _relinked(text[start:end], glossary, glossary[relative.concept_id], hit.group(1))
        if fixed is not None:
            line, column = position(start)
            out.append(replace(fixed, start=start, end=end, line=line, column=column))
    return sorted(out, key=lambda f: (f.start, f.end))


def _relinked(surface: str, glossary: Glossary, relative: Concept, kin: str) -> Finding | None:
    """A suggestion linking ``surface`` to the one other person with that family name."""
    from .apply import match_case

    wanted = gender_forms(surface)
    people = [(c, written) for c in glossary if c.type.value == "person" and c.id != relative.id
              for key, written in _family_names(c).items() if key in wanted]
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
    replacement = None if fold(written) == fold(surface) else match_case(surface, written, written)
    return Finding(0, 0, 0, 0, surface, concept.id, concept.en, Action.SUGGEST,
                   f"{reason}: family name of {concept.en}", written, "en", variant.status,
                   variant.kind, replacement)
