"""The fields of a concept and of a variant, declared once.

:data:`CONCEPT_FIELDS` and :data:`VARIANT_FIELDS` list every field of
:class:`~silkterm.glossary.model.Concept` and :class:`~silkterm.glossary.model.Variant`: its
attribute, the key a glossary file gives it (in the order a file lists them; empty for a field
the loader derives or records, such as the traditional form or the line), what kind of value it
holds, and its default. The YAML reader takes the keys a file may use from here, and the YAML
writer walks the fields in this order; a test checks that the declaration and the dataclasses
agree, so a new field is declared here or the tests fail.

>>> [f.key for f in CONCEPT_FIELDS if f.listed][:5]
['id', 'type', 'status', 'en', 'zh']
>>> field_named(VARIANT_FIELDS, "status").default
<Status.ADMITTED: 'admitted'>
>>> listed_keys(VARIANT_FIELDS)[-3:]
('verified', 'seen', 'use')
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .model import Action, Article, Case, Concept, ConceptType, Kind, Status, Variant


class FieldKind(str, Enum):
    """What kind of value a field holds, which says how a file writes and reads it."""

    TEXT = "text"  # a string (or None)
    TEXTS = "texts"  # a tuple of strings: a string or a list in a file
    FLAG = "flag"  # true or false
    CHOICE = "choice"  # a member of an enum (or None), written as its value
    VALIDITY = "validity"  # a Validity: a mapping with 'from' and/or 'to'
    VARIANTS = "variants"  # the concept's variants: a list of mappings
    SPECS = "specs"  # the concept's specs: a list of mappings with 'from' and 'to'
    NUMBER = "number"  # an integer (a line number)


@dataclass(frozen=True, slots=True)
class Field:
    """One field: the dataclass attribute ``name``, the glossary file's ``key`` for it (empty if a
    file does not list it), its ``kind``, the enum of a ``CHOICE``, and its ``default`` (taken
    from the dataclass; :data:`REQUIRED` if it has none)."""

    name: str
    key: str
    kind: FieldKind
    choices: type[Enum] | None = None
    default: Any = None

    @property
    def listed(self) -> bool:
        """True if a glossary file lists this field (it has a key)."""
        return bool(self.key)


#: The default of a field without one (the file must give it).
REQUIRED: Any = dataclasses.MISSING


def _declare(cls: type, specs: tuple[tuple[str, str, FieldKind, type[Enum] | None], ...]
             ) -> tuple[Field, ...]:
    """The fields ``specs`` (name, key, kind, enum) of the dataclass ``cls``, with its defaults."""
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    return tuple(Field(name, key, kind, choices, defaults[name])
                 for name, key, kind, choices in specs)


_T, _TS, _FL, _CH = FieldKind.TEXT, FieldKind.TEXTS, FieldKind.FLAG, FieldKind.CHOICE

#: The fields of a concept: those a file lists, in the order it lists them, then the derived ones.
CONCEPT_FIELDS: tuple[Field, ...] = _declare(Concept, (
    ("id", "id", _T, None),
    ("type", "type", _CH, ConceptType),
    ("status", "status", _CH, Status),  # None (accepted) or proposed
    ("en", "en", _T, None),
    ("zh", "zh", _T, None),
    ("pinyin", "pinyin", _T, None),
    ("kk", "kk", _T, None),
    ("ru", "ru", _T, None),
    ("note", "note", _T, None),
    ("source", "source", _TS, None),
    ("verified", "verified", _FL, None),
    ("unverified", "unverified", _TS, None),
    ("case", "case", _CH, Case),
    ("article", "article", _CH, Article),
    ("seen", "seen", _TS, None),
    ("variants", "variants", FieldKind.VARIANTS, None),
    ("specs", "specs", FieldKind.SPECS, None),
    ("exclude_rules", "exclude_rules", _TS, None),
    ("zh_hant", "", _T, None),  # derived from zh
    ("path", "", _T, None),  # where the concept was read
    ("line", "", FieldKind.NUMBER, None),
))

#: The fields of a variant: those a file lists, in the order it lists them, then the recorded ones.
VARIANT_FIELDS: tuple[Field, ...] = _declare(Variant, (
    ("form", "form", _T, None),
    ("lang", "lang", _T, None),
    ("status", "status", _CH, Status),
    ("kind", "kind", _CH, Kind),
    ("action", "action", _CH, Action),
    ("case", "case", _CH, Case),
    ("valid", "valid", FieldKind.VALIDITY, None),
    ("exceptions", "exceptions", _TS, None),
    ("ambiguous", "ambiguous", _FL, None),
    ("note", "note", _T, None),
    ("source", "source", _TS, None),
    ("verified", "verified", _FL, None),
    ("seen", "seen", _TS, None),
    ("use", "use", _T, None),
    ("line", "", FieldKind.NUMBER, None),  # where the variant was read
    ("rule", "", _T, None),  # the transliteration rule that generated it
))


def listed_keys(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """The keys a glossary file may give, in the order it lists them."""
    return tuple(f.key for f in fields if f.listed)


def field_named(fields: tuple[Field, ...], name: str) -> Field:
    """The field whose attribute is ``name``."""
    for f in fields:
        if f.name == name:
            return f
    raise KeyError(name)
