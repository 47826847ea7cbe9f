"""A concept's and a variant's fields are declared once (silkterm.glossary.fields): the
declaration covers the dataclasses, and the YAML reader and writer follow it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from silkterm.glossary.errors import GlossaryFormatError
from silkterm.glossary.fields import CONCEPT_FIELDS, REQUIRED, VARIANT_FIELDS, FieldKind, listed_keys
from silkterm.glossary.formats.yamlfile import concept_yaml, read_glossary_yaml, write_glossary_yaml
from silkterm.glossary.model import (
    Action,
    Article,
    Case,
    Concept,
    ConceptType,
    Kind,
    Spec,
    Status,
    Validity,
    Variant,
)


@pytest.mark.parametrize(("cls", "fields"), [(Concept, CONCEPT_FIELDS), (Variant, VARIANT_FIELDS)])
def test_every_field_of_the_dataclass_is_declared_once(cls, fields):
    assert sorted(f.name for f in fields) == sorted(f.name for f in dataclasses.fields(cls))
    assert len({f.key for f in fields if f.listed}) == len([f for f in fields if f.listed])
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    assert {f.name: f.default for f in fields} == defaults
    for f in fields:
        assert (f.choices is not None) == (f.kind is FieldKind.CHOICE), f.name


def test_required_fields_are_those_without_a_default():
    assert [f.key for f in CONCEPT_FIELDS if f.default is REQUIRED] == ["id", "type", "en"]
    assert [f.key for f in VARIANT_FIELDS if f.default is REQUIRED] == ["form"]


def test_the_reader_allows_exactly_the_declared_keys(tmp_path: Path):
    path = tmp_path / "g.yaml"
    path.write_text("concepts:\n- id: x\n  type: place\n  en: X\n  source: [t]\n  colour: red\n"
                    "  variants:\n  - form: Y\n    shade: blue\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        read_glossary_yaml(path)
    assert e.value.message.endswith(f"(allowed: {', '.join(listed_keys(CONCEPT_FIELDS))})")
    path.write_text("concepts:\n- id: x\n  type: place\n  en: X\n  source: [t]\n"
                    "  variants:\n  - form: Y\n    shade: blue\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError) as e:
        read_glossary_yaml(path)
    assert e.value.message.endswith(f"(allowed: {', '.join(listed_keys(VARIANT_FIELDS))})")


FULL_VARIANT = Variant("Khorgas", lang="en", status=Status.DEPRECATED, kind=Kind.SPELLING,
                       action=Action.SUGGEST, case=Case.IGNORE,
                       valid=Validity(dt.date(1990, 1, 1), dt.date(2000, 1, 1)),
                       exceptions=("Khorgas river",), ambiguous=True, note="old spelling",
                       source=("a map",), verified=False, seen=("news.txt:3",), use="Khorgos")
UNVERIFIED = Concept("khorgos", ConceptType.PLACE, "Khorgos", zh="霍尔果斯", pinyin="Huo'erguosi",
                     kk="Қорғас", ru="Хоргос", note="A border town.", source=("seeds",),
                     verified=False, unverified=("kk",), case=Case.EXACT, article=Article.NONE,
                     seen=("news.txt:1",), variants=(FULL_VARIANT,),
                     specs=(Spec("Khorgas river", "Khorgas river"),), exclude_rules=("wade-giles",),
                     status=Status.PROPOSED)
UNCHECKED = dataclasses.replace(UNVERIFIED, unverified=())


def _keys(lines: list[str], first: str, indent: str) -> list[str]:
    """The keys of the lines of one list item: its first line starts with ``first``, the others
    with ``indent``."""
    return [re.match(r"(\w+):", line[len(indent):]).group(1) for line in lines
            if line.startswith((first, indent)) and not line[len(indent):].startswith((" ", "-"))]


def test_the_writer_writes_the_declared_fields_in_the_declared_order():
    written = []
    for concept in (UNVERIFIED, UNCHECKED):
        lines = concept_yaml(concept).splitlines()
        keys = _keys(lines, "- ", "  ")
        order = listed_keys(CONCEPT_FIELDS)
        assert keys == sorted(keys, key=order.index)
        written += keys
        start, end = lines.index("  variants:") + 1, lines.index("  specs:")
        # every variant field but lang, whose value (en) is the default
        assert _keys(lines[start:end], "  - ", "    ") == \
            [k for k in listed_keys(VARIANT_FIELDS) if k != "lang"]
    # verified: false is written only when unverified does not imply it
    assert set(written) == set(listed_keys(CONCEPT_FIELDS))


def test_every_listed_field_survives_the_file(tmp_path: Path):
    path = tmp_path / "g.yaml"
    assert write_glossary_yaml([UNVERIFIED, dataclasses.replace(UNCHECKED, id="other")], path) == 2
    first, second = read_glossary_yaml(path)
    for back, concept in ((first, UNVERIFIED), (second, dataclasses.replace(UNCHECKED, id="other"))):
        for f in CONCEPT_FIELDS:
            if f.listed and f.name != "variants" and f.name != "specs":
                assert getattr(back, f.name) == getattr(concept, f.name), f.name
        [variant] = back.variants
        for f in VARIANT_FIELDS:
            if f.listed:
                assert getattr(variant, f.name) == getattr(FULL_VARIANT, f.name), f.name
        assert [(s.source, s.expected) for s in back.specs] == [("Khorgas river", "Khorgas river")]


def test_every_variant_field_survives_tbx(tmp_path: Path):
    # the TBX notes of a variant are written and read by walking the declared fields
    from silkterm.glossary.formats.tbx import read_tbx, write_tbx

    path = tmp_path / "g.tbx"
    write_tbx([UNVERIFIED], path)
    [back] = read_tbx(path)
    [variant] = back.variants
    for f in VARIANT_FIELDS:
        if f.listed:
            assert getattr(variant, f.name) == getattr(FULL_VARIANT, f.name), f.name
