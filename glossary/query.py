"""Look up any form of a concept: house form, variant, Chinese (either script), pinyin.

Exact hits score 100; hits after folding case, accents, tones, spaces and hyphens score 98;
spellings that share a loose phonetic fold key with a form (Toqaev ~ Tokayev) score 95. Two kinds
of hit score 90 instead: another case of a case-sensitive entry (``holy war`` for the symphony
*Holy War*) and a loose fold of a word typed in lower case (``cherry`` ~ *Chery*). When none of
these finds anything, near misses are suggestions scored by RapidFuzz similarity (70–94) of the
folded forms.

>>> from silkterm.glossary import load_glossary
>>> g = load_glossary()
>>> [(m.concept_id, m.how, m.score) for m in lookup("Horgos", g).matches][:1]
[('khorgos', 'variant (deprecated spelling)', 100)]
>>> [(m.concept_id, m.how) for m in lookup("huo er guo si", g).matches][:1]
[('khorgos', 'pinyin')]
>>> lookup("霍爾果斯", g).matches[0].concept_id
'khorgos'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .lookuptable import LookupTable, Row, lookup_key
from .phonetic import is_middle_name, loose_key
from .translit import has_han, to_simplified

if TYPE_CHECKING:
    from .model import Glossary

SUGGEST_MIN = 70
SUGGEST_MAX = 94  # a near miss scores at most this: a lookup asking for more skips the search
CASE_DIFFERS = 90  # a hit that only case folding (or a loose fold of a lower-case word) gives


@dataclass(frozen=True, slots=True)
class LookupMatch:
    """One concept found for a query, how it was found, and a 0–100 score."""

    concept_id: str
    canonical: str
    zh: str | None
    pinyin: str | None
    status: str
    how: str
    score: int
    form: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.concept_id, "canonical": self.canonical, "zh": self.zh,
                "pinyin": self.pinyin, "status": self.status, "how": self.how,
                "score": self.score, "form": self.form}


@dataclass(frozen=True, slots=True)
class LookupResult:
    """The matches of one query, best first."""

    query: str
    matches: tuple[LookupMatch, ...]

    def __bool__(self) -> bool:
        return bool(self.matches)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "matches": [m.to_dict() for m in self.matches]}


def _match(table: LookupTable, row: Row, score: int, how: str | None = None) -> LookupMatch:
    concept_id, form, status, row_how, _ = row
    en, zh, pinyin = table.summary(concept_id)[:3]
    return LookupMatch(concept_id, en, zh, pinyin, status, how or row_how, score, form)


def lookup(query: str, glossary: Glossary, *, limit: int = 5, min_score: int = SUGGEST_MIN) -> LookupResult:
    """Find the concepts a query names, best first; near misses come as scored suggestions."""
    from .index import index_of

    found = _lookup(query, index_of(glossary).lookup, glossary, limit, min_score)
    assert found is not None  # (with the glossary, every step can be taken)
    return found


def lookup_in(query: str, table: LookupTable, *, limit: int = 5,
              min_score: int = SUGGEST_MIN) -> LookupResult | None:
    """What :func:`lookup` finds, from the glossary's lookup table alone; None when finding it
    needs the glossary itself: a query that no form spells, exactly or folded, and that loose
    phonetic folding might find (``Toqaev``), or whose middle name is skipped.

    >>> from silkterm.glossary import load_glossary
    >>> from silkterm.glossary.lookuptable import LookupTable
    >>> table = LookupTable.of(load_glossary())
    >>> [(m.concept_id, m.score) for m in lookup_in("Horgos", table).matches], lookup_in("Toqaev", table)
    ([('khorgos', 100)], None)
    """
    return _lookup(query, table, None, limit, min_score)


def _lookup(query: str, table: LookupTable, glossary: Glossary | None, limit: int,
            min_score: int) -> LookupResult | None:
    """:func:`lookup` from ``table``, or None where a step needs ``glossary`` and it is None."""
    q = " ".join(query.split())
    exact, folded = table.exact, table.folded
    found: dict[str, LookupMatch] = {}

    def add(m: LookupMatch) -> None:
        old = found.get(m.concept_id)
        if old is None or m.score > old.score:
            found[m.concept_id] = m

    for row in exact.get(q, []):
        add(_match(table, row, 100))
    if has_han(q) and not found:
        for row in exact.get(to_simplified(q), []):
            add(_match(table, row, 100, f"{row[3]}, traditional script"))
    qkey = lookup_key(q)
    if qkey:
        for row in folded.get(qkey, []):
            _, form, _, how, exact_case = row
            if exact_case and form != q and form.lower() == q.lower():
                add(_match(table, row, CASE_DIFFERS, f"{how}, but in another case (the entry is "
                                                     "case-sensitive)"))
            else:
                add(_match(table, row, 98, how if how == "pinyin" else f"{how}, folded"))
    if not any(m.score >= 95 for m in found.values()) and qkey and any(c.isalpha() for c in q):
        if glossary is None:
            return None
        from .index import index_of

        # spellings that fold together; a word in lower case is weaker evidence (cherry ~ Chery)
        lower = q == q.lower()
        for known, how in index_of(glossary).fold.candidates(q):
            en, zh, pinyin = table.summary(known.concept_id)[:3]
            add(LookupMatch(known.concept_id, en, zh, pinyin, "admitted",
                            f"{how} with {known.form!r}" + (", typed in lower case" if lower else ""),
                            CASE_DIFFERS if lower else 95, known.form))
    if not found and " " in q:  # a patronymic or middle initial: Tuleutai Skakovich Suleimenov
        words = q.split(" ")
        inner = [w for w in words[1:-1] if is_middle_name(w)]
        if inner:
            bare = " ".join([words[0]] + [w for w in words[1:-1] if w not in inner] + [words[-1]])
            skipped = _lookup(bare, table, glossary, limit, 100)
            if skipped is None:
                return None
            for m in skipped.matches:
                add(LookupMatch(m.concept_id, m.canonical, m.zh, m.pinyin, m.status,
                                f"{m.how}, {' '.join(inner)} skipped", min(m.score, 95), m.form))
    if not found and qkey and min_score <= SUGGEST_MAX:  # near misses only when nothing matched
        from rapidfuzz import fuzz, process, utils

        choices = list(folded)
        for choice, score, _ in process.extract(qkey, choices, scorer=fuzz.ratio,
                                                processor=utils.default_process,
                                                limit=limit * 3, score_cutoff=min_score):
            for row in folded[choice]:
                add(_match(table, row, min(int(score), SUGGEST_MAX),
                           f"suggestion: similar to {row[1]!r}"))
    ordered = sorted(found.values(), key=lambda m: (-m.score, m.canonical))
    return LookupResult(query, tuple(ordered[:limit]))


def may_match(query: str, glossary: Glossary) -> bool:
    """Whether :func:`lookup` could find anything for ``query`` without near misses (``min_score``
    over :data:`SUGGEST_MAX`): False only where it finds nothing — no exact, folded or loose hit
    and no middle name to skip — so a caller can leave out the full lookup of the many forms a
    glossary does not know. (Cheaper than a lookup: the same keys, no matches built.)

    >>> from silkterm.glossary import load_glossary
    >>> g = load_glossary()
    >>> may_match("Qorgas", g), may_match("Zhanibek Qoblandy", g), lookup("Zhanibek Qoblandy", g, min_score=95).matches
    (True, False, ())
    """
    from .index import index_of

    q = " ".join(query.split())
    index = index_of(glossary)
    if has_han(q) or q in index.lookup.exact:
        return True
    qkey = lookup_key(q)
    if qkey and (qkey in index.lookup.folded or any(c.isalpha() for c in q) and (
            loose_key(q) in index.fold.keys or loose_key(q, chinese_path=True) in index.fold.chinese)):
        return True
    return " " in q and any(is_middle_name(w) for w in q.split(" ")[1:-1])


def explain_form(glossary: Glossary, concept_id: str, form: str) -> str:
    """How ``form`` belongs to the concept: the rule and native form it was derived from, or the
    glossary file that lists it (and the seed lines it was seen on).

    >>> from silkterm.glossary import load_glossary
    >>> explain_form(load_glossary(), "xian-xinghai", "Hsien Hsing-hai")
    'derived by rule wade-giles: Wade-Giles of 冼星海'
    """
    concept = glossary[concept_id]
    if concept.pinyin and form == concept.pinyin:
        return f"pinyin of {concept.zh}, derived with pypinyin"
    for variant in concept.forms():
        if variant.form != form:
            continue
        if variant.rule:
            return f"derived by rule {variant.rule}: {variant.note}"
        where = f"listed in {concept.path}:{variant.line or concept.line}"
        if variant.seen:
            where += f"; seen in {', '.join(variant.seen[:5])}" + (" …" if len(variant.seen) > 5 else "")
        return where
    return "not a form of this concept"
