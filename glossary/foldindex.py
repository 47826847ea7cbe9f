"""The fold index: the loose phonetic keys (:func:`~silkterm.glossary.phonetic.loose_key`) of
every Latin form of a glossary, listed, generated and Chinese-path, for the unseen spellings of
:mod:`.recognise` and the loose hits of :func:`~silkterm.glossary.query.lookup`.

:func:`~silkterm.glossary.index.index_of` builds it on first use and keeps it with the glossary's
other indexes. It has a module of its own so that ``silkterm lookup`` of a listed form, which
never reads it, does not define its frozen dataclass either.

>>> from silkterm.glossary.model import Concept, ConceptType, Glossary
>>> g = Glossary((Concept("khorgos", ConceptType.PLACE, "Khorgos"),))
>>> [(k.concept_id, k.form, how) for k, how in FoldIndex(g).candidates("Qorgos")]
[('khorgos', 'Khorgos', 'loose fold')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .folding import fold
from .model import Glossary, Kind, compact_pickle
from .phonetic import CAMEL_PIECE, NAME_WORD, letter_count, loose_key

MIN_LETTERS = 4  # shorter spans are too often ordinary words to suggest anything for


@compact_pickle
@dataclass(frozen=True, slots=True)
class KnownForm:
    """A Latin form of a concept in the fold index, and the family of the rule that made it."""

    concept_id: str
    form: str
    family: str
    person: bool = False  # a person's name of several words never folds to one word (Wushan)


class FoldIndex:
    """Loose keys of every Latin form of a glossary (listed, generated and Chinese-path)."""

    def __init__(self, glossary: Glossary) -> None:
        self.keys: dict[str, list[KnownForm]] = {}
        self.chinese: dict[str, list[KnownForm]] = {}
        self.folded: set[str] = set()  # every form, case-folded: such a span is no unseen variant
        self.relevance: dict[str, bool] = {}  # per text word: could it belong to a known name?
        # per run of names without kept matches: its hits, and whether it has a tone mark
        self.runs: dict[str, tuple[list[Any], bool]] = {}
        self.reread: dict[tuple[str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]],
                          list[Any]] = {}  # per run with kept matches (and their places): its hits
        # (a cache filled while texts are read; find_unseen keeps it bounded)
        self.words: set[str] = set()  # loose keys (plain and Chinese-path) of words of forms
        self.heads: set[str] = set()  # loose keys of the first words of names of several words
        self.tails: set[str] = set()  # … and of their last words
        # (the rules only when building: a glossary from the cache never needs them)
        from .rules import Tier, derive

        for concept in glossary:
            # Abbreviations and forms under MIN_LETTERS letters are no names to fold (BBY would
            # meet "By").
            latin = [(v.form, "listed") for v in concept.forms()
                     if v.lang == "en" and v.kind is not Kind.ABBREVIATION and letter_count(v.form) >= MIN_LETTERS
                     and not (v.form.isupper() and " " not in v.form)]
            latin += [(d.form, d.family) for d in derive(concept, tiers=(Tier.LOOSE,))
                      if letter_count(d.form) >= MIN_LETTERS]
            for form, family in latin:
                known = KnownForm(concept.id, form, family,
                               concept.type.value == "person" and " " in form)
                if family == "listed":  # candidates of the loose tier are no known forms
                    self.folded.add(fold(form))
                for word in NAME_WORD.findall(form) + CAMEL_PIECE.findall(form) + [form]:
                    # each word, each piece of a CamelCase word (Tik Tok), the name run together
                    self.words.add(loose_key(word))
                    if concept.zh:
                        self.words.add(loose_key(word, chinese_path=True))
                self.keys.setdefault(loose_key(form), []).append(known)
                parts = [loose_key(w) for w in form.split()]
                for k in range(1, len(parts)):
                    self.heads.add("".join(parts[:k]))
                    self.tails.add("".join(parts[k:]))
                if concept.zh and family in ("listed", "chinese-path"):
                    self.chinese.setdefault(loose_key(form, chinese_path=True), []).append(known)

    def candidates(self, span: str) -> list[tuple[KnownForm, str]]:
        """Concept forms whose loose key equals the span's, with the fold that joined them."""
        return self.by_key(loose_key(span), span, " " not in span.strip())

    def by_key(self, key: str, span: str | None, single_word: bool) -> list[tuple[KnownForm, str]]:
        """Forms with loose key ``key`` or, failing that, with the Chinese-path key of ``span``.
        A one-word span never stands for a person's name of several words (Wushan, Wu Shan)."""
        out = [(k, "loose fold") for k in self.keys.get(key, [])]
        if not out and span is not None:
            out = [(k, "Chinese path (r/l merged)")
                   for k in self.chinese.get(loose_key(span, chinese_path=True), [])]
        if single_word:
            out = [(k, how) for k, how in out if not k.person]
        return out
