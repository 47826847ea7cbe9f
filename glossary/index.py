"""The indexes built from a glossary, each built once on first use and kept with it.

:func:`index_of` gives a glossary's :class:`GlossaryIndex`, which owns

- ``matcher``: the :class:`~silkterm.glossary.matcher.Matcher`, every surface form in one automaton
  (normalising, annotating, kinship);
- ``fold``: the :class:`~silkterm.glossary.foldindex.FoldIndex` of loose phonetic keys (unseen
  spellings, lookup);
- ``lookup``: the :class:`LookupIndex` of exact and folded forms (``silkterm lookup``);
- ``tones``: the :class:`ToneIndex` of pinyin with tones (romanisations with tones in a text).
- ``families``: people by family name (possessive kinship: *A’s daughter B*).

The index lives in the glossary's :attr:`~silkterm.glossary.model.Glossary.derived` slot, so a
glossary pickled by the loader's cache keeps every index that was built, each as a pickle of its
own that is read on first use (``silkterm lookup`` never reads the matcher).

>>> from silkterm.glossary.model import Concept, ConceptType, Glossary
>>> g = Glossary((Concept("khorgos", ConceptType.PLACE, "Khorgos", pinyin="Huò'ěrguǒsī"),))
>>> index = index_of(g)
>>> index.built()
()
>>> [m.surface for m in index.matcher.find("KHORGOS")], index.tones.concepts("Huò'ěrguǒsī")
(['KHORGOS'], {'khorgos'})
>>> index.built(), index_of(g) is index
(('matcher', 'tones'), True)
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from .folding import fold
from .model import Case, Concept, Glossary, compact_pickle
from .phonetic import SPECIAL_LETTERS, tone_key
from .translit import pinyin_key

if TYPE_CHECKING:
    from .foldindex import FoldIndex
    from .matcher import Matcher

@compact_pickle
@dataclass(frozen=True, slots=True)
class LookupKey:
    """A form of a concept as lookup finds it, with its status and how it is described."""

    concept: Concept
    form: str
    status: str
    how: str
    exact_case: bool = False  # the entry matches only as written (The Composer, not the composer)


def lookup_key(text: str) -> str:
    """The folded lookup key: letters with a stroke or caron spelled out first (š → sh, ı → i),
    so that Horgoš stays apart from Horgos, then :func:`~silkterm.glossary.translit.pinyin_key`
    (or :func:`~silkterm.glossary.folding.fold`).

    >>> lookup_key("Huò'ěrguǒsī") == lookup_key("huo er guo si"), lookup_key("Horgoš")
    (True, 'horgosh')
    """
    special = text if text.isascii() else text.translate(SPECIAL_LETTERS)  # (the letters are not ASCII)
    return pinyin_key(special) or fold(special)


class LookupIndex:
    """Every form of a glossary by its exact spelling (``exact``) and by :func:`lookup_key`
    (``folded``, pinyin included).

    Pickled, its keys are rows of plain values, each made a :class:`LookupKey` when a lookup
    first asks for it: a lookup reads a few keys of the thousands a glossary has, and reading
    them all back as values was nearly half of ``silkterm lookup``'s unpickling.

    >>> from silkterm.glossary.model import Concept, ConceptType
    >>> g = Glossary((Concept("khorgos", ConceptType.PLACE, "Khorgos"),))
    >>> copy = pickle.loads(pickle.dumps(LookupIndex(g)))
    >>> [(k.concept.id, k.how) for k in copy.folded["khorgos"]], "Horgos" in copy.exact
    ([('khorgos', 'house form')], False)
    """

    def __init__(self, glossary: Glossary) -> None:
        exact: dict[str, list[LookupKey]] = {}
        folded: dict[str, list[LookupKey]] = {}
        for concept in glossary:
            for v in concept.forms():
                how = v.describe() if v.is_house_form else f"variant ({v.describe()})"
                key = LookupKey(concept, v.form, v.status.value, how,
                                (v.case or concept.case) is Case.EXACT)
                exact.setdefault(v.form, []).append(key)
                folded.setdefault(lookup_key(v.form), []).append(key)
            if concept.pinyin:
                folded.setdefault(lookup_key(concept.pinyin), []).append(
                    LookupKey(concept, concept.pinyin, "preferred", "pinyin"))
        self.exact: Mapping[str, list[LookupKey]] = exact
        self.folded: Mapping[str, list[LookupKey]] = folded

    def __getstate__(self) -> dict[str, Any]:
        concepts: list[Concept] = []
        concept_number: dict[str, int] = {}
        rows: list[tuple[int, str, str, str, bool]] = []
        row_number: dict[int, int] = {}  # by id(): a key is shared by exact and folded

        def numbered(keys: list[LookupKey]) -> list[int]:
            for key in keys:
                if id(key) in row_number:
                    continue
                c = concept_number.setdefault(key.concept.id, len(concepts))
                if c == len(concepts):
                    concepts.append(key.concept)
                row_number[id(key)] = len(rows)
                rows.append((c, key.form, key.status, key.how, key.exact_case))
            return [row_number[id(key)] for key in keys]

        exact = {form: numbered(keys) for form, keys in self.exact.items()}
        folded = {form: numbered(keys) for form, keys in self.folded.items()}
        return {"concepts": concepts, "rows": rows, "exact": exact, "folded": folded}

    def __setstate__(self, state: dict[str, Any]) -> None:
        made: dict[int, LookupKey] = {}  # the keys made so far, by row number
        self.exact = _RowKeys(state["exact"], state["rows"], state["concepts"], made)
        self.folded = _RowKeys(state["folded"], state["rows"], state["concepts"], made)


class _RowKeys(Mapping[str, list[LookupKey]]):
    """A :class:`LookupIndex` map read from a pickle: form -> the numbers of its keys' rows,
    each row made a :class:`LookupKey` when first asked for (and kept in ``made``)."""

    def __init__(self, numbers: dict[str, list[int]], rows: list[tuple[int, str, str, str, bool]],
                 concepts: list[Concept], made: dict[int, LookupKey]) -> None:
        self.numbers, self.rows, self.concepts, self.made = numbers, rows, concepts, made

    def __getitem__(self, form: str) -> list[LookupKey]:
        return [self._key(n) for n in self.numbers[form]]

    def __contains__(self, form: object) -> bool:
        return form in self.numbers

    def __iter__(self) -> Iterator[str]:
        return iter(self.numbers)

    def __len__(self) -> int:
        return len(self.numbers)

    def _key(self, n: int) -> LookupKey:
        key = self.made.get(n)
        if key is None:
            c, form, status, how, exact_case = self.rows[n]
            key = self.made[n] = LookupKey(self.concepts[c], form, status, how, exact_case)
        return key


class ToneIndex:
    """Letters → tone sequence → concept ids, from every pinyin form with tones of a glossary
    (see :func:`~silkterm.glossary.phonetic.tone_key`)."""

    def __init__(self, glossary: Glossary) -> None:
        self.by_letters: dict[str, dict[str, set[str]]] = {}
        for concept in glossary:
            forms = [concept.pinyin] if concept.pinyin else []
            forms += [v.form for v in concept.variants if v.rule and v.rule.startswith("pinyin")]
            for form in forms:
                letters, marks = tone_key(form)
                if marks:
                    self.by_letters.setdefault(letters, {}).setdefault(marks, set()).add(concept.id)

    def concepts(self, romanised: str) -> set[str]:
        """The ids of the concepts whose pinyin has the letters and the tones of ``romanised``."""
        letters, marks = tone_key(romanised)
        return set(self.by_letters.get(letters, {}).get(marks, set()))


_INDEXES = ("matcher", "fold", "lookup", "tones")


def _fold_index(glossary: Glossary) -> FoldIndex:
    from .foldindex import (
        FoldIndex,  # with its frozen dataclass: not for a lookup of a form
    )

    return FoldIndex(glossary)


def _matcher(glossary: Glossary) -> Matcher:
    from .matcher import (
        Matcher,  # with the automaton library: only for the commands that match
    )

    return Matcher(glossary)


class _ConceptPickler(pickle.Pickler):
    """Pickles an index with the glossary's concepts written as their ids (they are pickled
    with the glossary, once)."""

    def __init__(self, file: io.BytesIO, glossary: Glossary) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.glossary = glossary

    def persistent_id(self, obj: Any) -> str | None:
        if type(obj) is Concept and self.glossary.get(obj.id) is obj:
            return obj.id
        return None


class _ConceptUnpickler(pickle.Unpickler):
    """Reads what :class:`_ConceptPickler` wrote, a concept id becoming the glossary's concept."""

    def __init__(self, file: io.BytesIO, glossary: Glossary) -> None:
        super().__init__(file)
        self.glossary = glossary

    def persistent_load(self, pid: Any) -> Concept:
        return self.glossary[pid]


T = TypeVar("T")


class _Index(Generic[T]):
    """A :class:`GlossaryIndex` attribute: the index read from its pickled state on first use
    if the glossary came from a pickle, else built; then kept in the instance's ``__dict__``
    (which, being an instance attribute, answers every later access)."""

    def __init__(self, build: Callable[[Glossary], T]) -> None:
        self.build = build

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> _Index[T]: ...

    @overload
    def __get__(self, obj: GlossaryIndex, owner: type) -> T: ...

    def __get__(self, obj: GlossaryIndex | None, owner: type) -> _Index[T] | T:
        if obj is None:
            return self
        pickled = obj.pickled.pop(self.name, None)
        value: T
        if pickled is not None:
            value = _ConceptUnpickler(io.BytesIO(pickled), obj.glossary).load()
        else:
            value = self.build(obj.glossary)
        obj.__dict__[self.name] = value
        return value


class GlossaryIndex:
    """Every index of one glossary, each built on first use, then kept (and pickled with it).

    Pickled, each built index is a pickle of its own, read only when it is first used: a
    command that looks terms up never reads the matcher. Building the matcher raises
    :class:`~silkterm.glossary.errors.GlossaryConflictError` when two concepts claim a form.
    """

    #: The compiled matcher of every surface form.
    matcher: _Index[Matcher] = _Index(_matcher)
    #: The loose phonetic keys of every Latin form.
    fold: _Index[FoldIndex] = _Index(_fold_index)
    #: The exact and folded forms for lookup.
    lookup = _Index(LookupIndex)
    #: The pinyin forms with tones.
    tones = _Index(ToneIndex)

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.pickled: dict[str, bytes] = {}  # indexes read from a pickle, not yet used

    @cached_property
    def families(self) -> dict[str, list[tuple[Concept, str]]]:
        """People by family name: the folded last word of an English form, with the concept
        and the word as written (possessive kinship, see ``kinship``). Built when a text first
        needs it, not by :meth:`build`, and not pickled (it is quick to build)."""
        index: dict[str, list[tuple[Concept, str]]] = {}
        for concept in self.glossary:
            if concept.type.value != "person":
                continue
            seen: set[str] = set()
            for v in concept.forms():
                words = v.form.split() if v.lang == "en" else []
                if words and fold(words[-1]) not in seen:
                    seen.add(fold(words[-1]))
                    index.setdefault(fold(words[-1]), []).append((concept, words[-1]))
        return index

    def build(self) -> None:
        """Build every index now (the loader does, before it caches the glossary)."""
        _ = self.matcher, self.fold, self.lookup, self.tones

    def built(self) -> tuple[str, ...]:
        """The names of the indexes built (or read from a pickle) so far."""
        return tuple(name for name in _INDEXES if name in self.__dict__ or name in self.pickled)

    def __getstate__(self) -> dict[str, Any]:
        pickled = dict(self.pickled)
        for name in _INDEXES:
            if name in self.__dict__:
                buffer = io.BytesIO()
                _ConceptPickler(buffer, self.glossary).dump(self.__dict__[name])
                pickled[name] = buffer.getvalue()
        return {"glossary": self.glossary, "pickled": pickled}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.glossary = state["glossary"]
        self.pickled = state["pickled"]


def index_of(glossary: Glossary) -> GlossaryIndex:
    """The :class:`GlossaryIndex` of ``glossary``, made on first use and kept in its derived slot."""
    index = glossary.derived.value
    if not isinstance(index, GlossaryIndex):
        index = GlossaryIndex(glossary)
        glossary.derived.value = index
    return index
