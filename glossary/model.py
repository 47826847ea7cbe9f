"""Value types of the glossary: concepts, variants and specs (what a text yields is in
:mod:`.findings`, what a file's ``extend:`` list adds in :mod:`.extension`).

All values are frozen dataclasses; :class:`Glossary` behaves like a read-only container of
concepts keyed by id.

>>> v = Variant(form="Horgos", status=Status.DEPRECATED, kind=Kind.SPELLING)
>>> v.default_action()
<Action.REPLACE: 'replace'>
>>> c = Concept(id="khorgos", type=ConceptType.PLACE, en="Khorgos", zh="霍尔果斯", variants=(v,))
>>> [f.form for f in c.forms()]
['Khorgos', '霍尔果斯', 'Horgos']
>>> g = Glossary((c,))
>>> len(g), "khorgos" in g, g["khorgos"].en
(1, True, 'Khorgos')
>>> from silkterm.glossary.index import index_of
>>> [f.surface for f in index_of(g).matcher.find("HORGOS and Khorgos")]
['HORGOS', 'Khorgos']
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from types import MappingProxyType
from typing import Any, TypeVar

_T = TypeVar("_T")


def compact_pickle(cls: type[_T]) -> type[_T]:
    """Give a frozen, slotted dataclass a pickle state that is the tuple of its field values.

    ``dataclass(slots=True)`` pickles through a generic ``__setstate__`` that looks up the
    class's fields for every object; the compiled glossary cache holds thousands of such values,
    and reading it back was a large part of ``silkterm lookup``'s start-up. Applied on top of
    ``@dataclass``; the state holds the same values, so pickles stay as exact as before.

    >>> import pickle
    >>> v = Validity(end=_dt.date(2022, 9, 17))
    >>> pickle.loads(pickle.dumps(v)) == v, v.__getstate__()
    (True, (None, datetime.date(2022, 9, 17)))
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    # Each field's slot is set through its member descriptor, which neither looks the name up
    # nor goes through the frozen class's __setattr__: half the time of object.__setattr__.
    setters = tuple(cls.__dict__[name].__set__ for name in names)

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in names])

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for setter, value in zip(setters, state, strict=True):
            setter(self, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


class StrEnum(str, Enum):
    """An enumeration of strings that prints as its value (the base of every enum here).

    >>> str(Status.PREFERRED), Status("preferred") is Status.PREFERRED
    ('preferred', True)
    """

    def __str__(self) -> str:
        return str(self.value)


class ConceptType(StrEnum):
    """What kind of thing a concept names."""

    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    PROGRAMME = "programme"
    EVENT = "event"
    WORK = "work"
    TERM = "term"
    BRAND = "brand"
    PUBLICATION = "publication"
    FACILITY = "facility"
    AWARD = "award"


class Status(StrEnum):
    """TBX-style normative status of a form."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"
    PROPOSED = "proposed"  # found by ``collect``, not yet reviewed: suggested, never rewritten


class Kind(StrEnum):
    """How a variant relates to the house form."""

    SPELLING = "spelling"
    MISSPELLING = "misspelling"
    TRANSLITERATION = "transliteration"
    TRANSLATION = "translation"
    CALQUE = "calque"
    ABBREVIATION = "abbreviation"
    SHORT_FORM = "short-form"
    ALIAS = "alias"
    FORMER_NAME = "former-name"
    MISTRANSLATION = "mistranslation"
    SCRIPT = "script"


class Action(StrEnum):
    """What normalising does with a match."""

    REPLACE = "replace"
    SUGGEST = "suggest"
    NOTE = "note"
    KEEP = "keep"


class Case(StrEnum):
    """How letter case is matched: as written, as written or in a regular case shape, or any case."""

    EXACT = "exact"
    SHAPE = "shape"
    IGNORE = "ignore"


class Article(StrEnum):
    """Whether the English house form of a concept takes an article.

    ``none``: never (*COVID-19*, *Nurly Zhol*): a replacement drops the article the replaced
    variant had (*the new crown* → *COVID-19*). ``any`` (the default): articles are left alone.
    """

    ANY = "any"
    NONE = "none"


LANGUAGES = ("en", "zh", "zh-Hant", "kk", "ru")


@compact_pickle
@dataclass(frozen=True, slots=True)
class Validity:
    """The period in which a (former) name was the official one; either end may be open."""

    start: _dt.date | None = None
    end: _dt.date | None = None

    def contains(self, day: _dt.date) -> bool:
        """True if ``day`` falls inside the period (both ends inclusive).

        >>> Validity(_dt.date(2019, 3, 23), _dt.date(2022, 9, 17)).contains(_dt.date(2022, 9, 12))
        True
        """
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def __str__(self) -> str:
        return f"{self.start or '…'} – {self.end or '…'}"


@compact_pickle
@dataclass(frozen=True, slots=True)
class Variant:
    """One surface form of a concept, with its status, kind and provenance."""

    form: str
    lang: str = "en"
    status: Status = Status.ADMITTED
    kind: Kind | None = None
    action: Action | None = None
    case: Case | None = None
    valid: Validity | None = None
    exceptions: tuple[str, ...] = ()
    ambiguous: bool = False
    note: str | None = None
    source: tuple[str, ...] = ()
    verified: bool = True
    seen: tuple[str, ...] = ()
    use: str | None = None
    line: int | None = None
    rule: str | None = None  # the transliteration rule that generated this variant, if any

    @property
    def is_house_form(self) -> bool:
        """True for the concept's own house form in some language (status preferred, no kind)."""
        return self.kind is None and self.status is Status.PREFERRED

    def default_action(self) -> Action:
        """The action used when the entry sets none: deprecated and forbidden forms are replaced,
        proposed (unreviewed) and ambiguous ones suggested, the others kept."""
        if self.action is not None:
            return self.action
        if self.ambiguous or self.status is Status.PROPOSED:
            return Action.SUGGEST
        if self.status in (Status.DEPRECATED, Status.FORBIDDEN):
            return Action.REPLACE
        return Action.KEEP

    def describe(self) -> str:
        """A short human reason, e.g. ``'deprecated spelling'`` or ``'house form'``."""
        if self.is_house_form:
            return "house form" if self.lang == "en" else f"house form ({self.lang})"
        kind = f" {self.kind.value}" if self.kind else ""
        rule = f" (rule {self.rule})" if self.rule else ""
        return f"{self.status.value}{kind}{rule}"


@compact_pickle
@dataclass(frozen=True, slots=True)
class Spec:
    """An example that must hold whenever the glossary loads: normalising ``source`` gives ``expected``."""

    source: str
    expected: str
    line: int | None = None

    @property
    def negative(self) -> bool:
        """A negative spec documents an exception: the text must not change."""
        return self.source == self.expected


@compact_pickle
@dataclass(frozen=True, slots=True)
class Concept:
    """A named thing with its house forms in each language and its variants.

    ``status`` is None for an accepted concept and :attr:`Status.PROPOSED` for one that
    ``collect`` proposed and nobody has reviewed yet: its forms are matched and annotated, but
    normalising rewrites none of them (see :attr:`proposed`).
    """

    id: str
    type: ConceptType
    en: str
    zh: str | None = None
    zh_hant: str | None = None
    pinyin: str | None = None
    kk: str | None = None
    ru: str | None = None
    note: str | None = None
    source: tuple[str, ...] = ()
    verified: bool = True
    unverified: tuple[str, ...] = ()
    case: Case = Case.SHAPE
    seen: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    specs: tuple[Spec, ...] = ()
    exclude_rules: tuple[str, ...] = ()
    article: Article = Article.ANY
    status: Status | None = None
    path: str | None = None
    line: int | None = None

    @property
    def proposed(self) -> bool:
        """True for a concept proposed by ``collect`` and not yet accepted."""
        return self.status is Status.PROPOSED

    def house_form(self, lang: str) -> str | None:
        """The house form in ``lang`` (``en``, ``zh``, ``zh-Hant``, ``kk`` or ``ru``), if recorded."""
        return {"en": self.en, "zh": self.zh, "zh-Hant": self.zh_hant or self.zh,
                "kk": self.kk, "ru": self.ru}.get(lang)

    def forms(self) -> Iterator[Variant]:
        """Every surface form: the house forms (status preferred) first, then the variants."""
        yield Variant(self.en, "en", Status.PREFERRED, case=self.case, seen=self.seen, line=self.line)
        for lang in ("zh", "zh-Hant", "kk", "ru"):
            form = self.house_form(lang)
            if form is None or (lang == "zh-Hant" and form == self.zh):
                continue
            if lang == "zh-Hant":
                yield Variant(form, lang, Status.ADMITTED, Kind.SCRIPT, case=self.case, line=self.line,
                              note="traditional script of the Chinese house form")
            else:
                yield Variant(form, lang, Status.PREFERRED, case=self.case, line=self.line)
        yield from self.variants

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary of the concept (``status`` only for a proposed one)."""
        out: dict[str, Any] = {
            "id": self.id, "type": self.type.value, "en": self.en, "zh": self.zh,
            "zh_hant": self.zh_hant, "pinyin": self.pinyin, "kk": self.kk, "ru": self.ru,
            "note": self.note, "verified": self.verified, "unverified": list(self.unverified),
            "source": list(self.source), "article": self.article.value,
            "variants": [{"form": v.form, "lang": v.lang, "status": v.status.value,
                          "kind": v.kind.value if v.kind else None} for v in self.variants],
        }
        if self.status is not None:
            out["status"] = self.status.value
        return out


class DerivedSlot:
    """A place on a frozen value for data derived from it that the value itself knows nothing
    about (the glossary's indexes, see :func:`silkterm.glossary.index.index_of`).

    It is no part of the value: excluded from comparison, hashing and repr; it is pickled with it.
    """

    __slots__ = ("value",)

    def __init__(self, value: object = None) -> None:
        self.value = value


@dataclass(frozen=True)
class Glossary:
    """A read-only collection of concepts, keyed by id, in file order.

    ``files`` names the YAML files it was loaded from; ``fingerprint`` identifies their content;
    ``derived`` holds what is built from it (its indexes), no part of its value.
    """

    concepts: tuple[Concept, ...]
    files: tuple[str, ...] = ()
    fingerprint: str = ""
    _by_id: Mapping[str, Concept] = field(init=False, repr=False, compare=False)
    derived: DerivedSlot = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({c.id: c for c in self.concepts}))
        object.__setattr__(self, "derived", DerivedSlot())

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]

    def get(self, concept_id: str, default: Concept | None = None) -> Concept | None:
        """The concept with ``concept_id``, or ``default``."""
        return self._by_id.get(concept_id, default)

    def __getstate__(self) -> dict[str, Any]:
        return {"concepts": self.concepts, "files": self.files, "fingerprint": self.fingerprint,
                "derived": self.derived.value}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key in ("concepts", "files", "fingerprint"):
            object.__setattr__(self, key, state[key])
        self.__post_init__()
        self.derived.value = state.get("derived")
