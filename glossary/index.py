"""The indexes built from a glossary, each built once on first use and kept with it.

:func:`index_of` gives a glossary's :class:`GlossaryIndex`, which owns

- ``matcher``: the :class:`~silkterm.glossary.matcher.Matcher`, every surface form in one automaton
  (normalising, annotating, kinship);
- ``fold``: the :class:`~silkterm.glossary.foldindex.FoldIndex` of loose phonetic keys (unseen
  spellings, lookup);
- ``lookup``: the :class:`~silkterm.glossary.lookuptable.LookupTable` of exact and folded forms
  (``silkterm lookup``);
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
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from .folding import fold
from .lookuptable import LookupTable
from .model import Concept, Glossary
from .phonetic import tone_key

if TYPE_CHECKING:
    from .foldindex import FoldIndex
    from .matcher import Matcher


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
    lookup: _Index[LookupTable] = _Index(LookupTable.of)
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
