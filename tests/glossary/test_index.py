"""The indexes built from a glossary (:mod:`silkterm.glossary.index`): one module builds and keeps
them, in the glossary's derived slot, and the loader's compiled-glossary cache keeps every one."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from silkterm.glossary import index as index_module
from silkterm.glossary.apply import find_terms
from silkterm.glossary.index import GlossaryIndex, index_of
from silkterm.glossary.loader import load_glossary
from silkterm.glossary.model import Concept, ConceptType, Glossary
from silkterm.glossary.query import lookup

ALL = ("matcher", "fold", "lookup", "tones")
GLOSSARY = """concepts:
- id: shaanxi
  type: place
  en: Shaanxi
  zh: 陕西
  source: [test]
- id: tokayev
  type: person
  en: Kassym-Jomart Tokayev
  source: [test]
"""
TEXT = "Kasym-Zhomart Toqaev flew from Shan3 xi1 to Bei3 jing1 and Xīnhuá."


def _forbid_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(glossary: Glossary) -> None:
        raise AssertionError("an index was built again")

    for name in ("matcher", "fold", "lookup", "tones"):
        monkeypatch.setattr(vars(index_module.GlossaryIndex)[name], "build", fail)


def _uses(glossary: Glossary) -> tuple[object, ...]:
    """What the four indexes answer for a text, a lookup and a romanisation with tones."""
    found = [(f.surface, f.concept_id, f.action.value, f.score) for f in find_terms(TEXT, glossary, unseen=True)]
    looked_up = [(m.concept_id, m.how, m.score) for m in lookup("Kasym-Zhomart Toqaev", glossary).matches]
    return found, looked_up, index_of(glossary).tones.concepts("Shǎnxī")


def test_the_index_is_built_part_by_part_on_first_use_and_kept() -> None:
    g = Glossary((Concept("khorgos", ConceptType.PLACE, "Khorgos"),))
    index = index_of(g)
    assert isinstance(index, GlossaryIndex) and index.built() == ()
    matcher = index.matcher
    assert index.built() == ("matcher",) and index_of(g) is index and index.matcher is matcher
    index.build()
    assert index.built() == ALL


def test_the_index_is_no_part_of_the_glossarys_value() -> None:
    concepts = (Concept("khorgos", ConceptType.PLACE, "Khorgos"),)
    g, same = Glossary(concepts), Glossary(concepts)
    index_of(g).build()
    assert g == same and hash(g) == hash(same) and repr(g) == repr(same)
    assert index_of(same).built() == ()


def test_a_pickled_glossary_keeps_every_index(monkeypatch: pytest.MonkeyPatch) -> None:
    g = Glossary((Concept("tokayev", ConceptType.PERSON, "Kassym-Jomart Tokayev"),))
    index_of(g).build()
    expected = _uses(g)
    copy = pickle.loads(pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == g and index_of(copy).built() == ALL and index_of(copy).glossary is copy
    _forbid_building(monkeypatch)
    assert _uses(copy) == expected


def test_the_compiled_glossary_cache_keeps_every_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "g.yaml"
    source.write_text(GLOSSARY, encoding="utf-8")
    monkeypatch.setenv("SILKTERM_CACHE_DIR", str(tmp_path / "cache"))
    fresh = load_glossary([source], include_default=False)
    (cache,) = (tmp_path / "cache").glob("glossary-*.pickle")
    expected = _uses(fresh)
    assert expected[0] and expected[1] and expected[2] == {"shaanxi"}  # every index answers
    cached = load_glossary([source], include_default=False)  # read from the cache file
    assert cached is not fresh and cached == fresh
    assert index_of(cached).built() == ALL
    _forbid_building(monkeypatch)
    assert _uses(cached) == expected
    assert cache.exists()


def test_a_pickled_index_is_read_part_by_part_and_keeps_the_concepts_identity() -> None:
    g = Glossary((Concept("tokayev", ConceptType.PERSON, "Kassym-Jomart Tokayev"),
                  Concept("shaanxi", ConceptType.PLACE, "Shaanxi", zh="陕西")))
    index_of(g).build()
    copy = pickle.loads(pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL))
    index = index_of(copy)
    assert sorted(index.pickled) == sorted(ALL) and not set(ALL) & set(vars(index))
    assert lookup("Shaanxi", copy).matches  # reads the lookup index only
    assert sorted(index.pickled) == ["fold", "matcher", "tones"] and index.built() == ALL
    assert index.lookup.concept_type("shaanxi") == "place"
    again = pickle.loads(pickle.dumps(copy, protocol=pickle.HIGHEST_PROTOCOL))
    assert index_of(again).built() == ALL  # the unread ones are pickled as they came
    assert [f.concept_id for f in find_terms("Shaanxi and Kassym-Jomart Tokayev", again)] == [
        "shaanxi", "tokayev"]
