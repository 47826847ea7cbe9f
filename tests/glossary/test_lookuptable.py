"""The lookup table (:mod:`silkterm.glossary.lookuptable`) and the cached lookups it answers
alone (:func:`silkterm.glossary.query.lookup_in`, :func:`silkterm.glossary.quicklookup.look_up`):
whatever the table answers is what the glossary answers, and a stale or damaged table is never
used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from silkterm.glossary import cache, loader, quicklookup
from silkterm.glossary.index import index_of
from silkterm.glossary.loader import load_glossary
from silkterm.glossary.lookuptable import LookupTable, describe, lookup_key
from silkterm.glossary.query import lookup, lookup_in
from silkterm.glossary.quicklookup import look_up


@pytest.fixture(scope="module")
def builtin():
    glossary = load_glossary()
    return glossary, LookupTable.from_bytes(LookupTable.of(glossary).to_bytes("f" * 64), "f" * 64)


def _queries(glossary) -> list[str]:
    """Every form of every concept, its pinyin, and each in upper and lower case."""
    out = []
    for concept in glossary:
        forms = [v.form for v in concept.forms()] + ([concept.pinyin] if concept.pinyin else [])
        for form in forms:
            out += [form, form.upper(), form.lower(), f"  {form} "]
    return out


def test_every_form_is_answered_from_the_table_as_from_the_glossary(builtin) -> None:
    glossary, table = builtin
    queries = _queries(glossary)
    answered = 0
    for q in queries:
        quick = lookup_in(q, table)
        if quick is not None:
            answered += 1
            assert quick == lookup(q, glossary), q
    # every form as written is answered from the table (its exact row at least)
    assert all(lookup_in(v.form, table) is not None for c in glossary for v in c.forms())
    assert answered > 0.9 * len(queries)


@pytest.mark.parametrize("q", ["Toqaev", "Kasym-Zhomart Toqaev", "Horgas",
                               "Tuleutai Skakovich Suleimenov", "zzzq"])
def test_what_needs_the_glossary_is_left_to_it(builtin, q) -> None:
    glossary, table = builtin
    assert lookup_in(q, table) is None
    assert lookup(q, glossary).query == q


@pytest.mark.parametrize("q", ["霍爾果斯", "khorgos-dongdamen", "Xian Xinhai", "NUR-SULTAN"])
def test_traditional_script_case_and_folded_forms_come_from_the_table(builtin, q) -> None:
    glossary, table = builtin
    quick = lookup_in(q, table)
    assert quick is not None and quick.matches and quick == lookup(q, glossary)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_an_altered_form_is_answered_alike_or_left_to_the_glossary(builtin, data) -> None:
    glossary, table = builtin
    forms = sorted({v.form for c in glossary for v in c.forms()})
    form = data.draw(st.sampled_from(forms))
    at = data.draw(st.integers(0, len(form)))
    extra = data.draw(st.text(alphabet="aeiouhkqsz -'", max_size=2))
    q = form[:at] + extra + form[at + len(extra):]
    quick = lookup_in(q, table, limit=3)
    assert quick is None or quick == lookup(q, glossary, limit=3)


def test_the_table_describes_each_concept(builtin) -> None:
    glossary, table = builtin
    for concept in glossary:
        assert table.description(concept.id) == describe(concept)
        assert table.concept_type(concept.id) == concept.type.value
    assert table.description("khorgos")[0] == "  zh: 霍尔果斯 (霍爾果斯)   pinyin: Huò'ěrguǒsī"


def test_marshal_form_round_trips_and_refuses_others(builtin) -> None:
    glossary, _ = builtin
    table = LookupTable.of(glossary)
    data = table.to_bytes("a" * 64)
    copy = LookupTable.from_bytes(data, "a" * 64)
    assert copy is not None
    assert (dict(copy.concepts), dict(copy.exact), dict(copy.folded)) == (
        table.concepts, table.exact, table.folded)
    assert list(copy.folded) == list(table.folded)  # in the same order
    assert len(copy.exact) == len(table.exact) and "Horgos" in copy.exact
    assert "Horgoss" not in copy.exact and 3 not in copy.exact
    assert copy.exact.get(3) is None and copy.exact.get("Horgoss", []) == []
    assert LookupTable.from_bytes(data, "b" * 64) is None  # another glossary's table
    assert LookupTable.from_bytes(data[: len(data) // 2], "a" * 64) is None  # cut short
    assert LookupTable.from_bytes(b"\x00garbage", "a" * 64) is None
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 1
    assert LookupTable.from_bytes(bytes(flipped), "a" * 64) is None  # one bit changed
    assert LookupTable.from_bytes(b"", "a" * 64) is None


def test_lookup_key_folds_pinyin_and_spells_out_special_letters() -> None:
    assert lookup_key("Huò'ěrguǒsī") == lookup_key("huo er guo si") == "huoerguosi"
    assert lookup_key("Horgoš") == "horgosh" != lookup_key("Horgos")


# --------------------------------------------------------------------------------------------
# the cached table

GLOSSARY = """concepts:
- id: x
  type: place
  en: Xanadu
  zh: 上都
  source: [test]
  variants:
  - form: Shangdu
    status: deprecated
    kind: transliteration
"""


@pytest.fixture()
def stamp_at_once(monkeypatch):
    """Files are stamped however recently they changed (by default not within two seconds)."""
    monkeypatch.setattr(cache, "RACY_NS", -3600 * 10**9)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loading_a_glossary_caches_its_table(tmp_path, monkeypatch, stamp_at_once) -> None:
    monkeypatch.setenv("SILKTERM_CACHE_DIR", str(tmp_path / "cache"))
    path = _write(tmp_path, GLOSSARY)
    assert cache.read_lookup_table([path], include_default=False) is None  # nothing cached yet
    glossary = load_glossary([path], include_default=False)
    (table_path,) = (tmp_path / "cache").glob("glossary-*.lookup")
    assert table_path.stem == f"glossary-{glossary.fingerprint[:32]}"
    table = cache.read_lookup_table([path], include_default=False)
    assert table is not None and dict(table.exact) == index_of(glossary).lookup.exact


def test_look_up_reads_only_the_table_when_it_answers(tmp_path, monkeypatch, stamp_at_once) -> None:
    monkeypatch.setenv("SILKTERM_CACHE_DIR", str(tmp_path / "cache"))
    path = _write(tmp_path, GLOSSARY)
    expected, _ = look_up(["Shangdu", "上都"], [path], include_default=False)  # loads, caches

    def refuse(*args, **kwargs):
        raise AssertionError("the glossary was loaded")

    monkeypatch.setattr(loader, "load_glossary", refuse)
    results, table = look_up(["Shangdu", "上都"], [path], include_default=False)
    assert results == expected and results[0].matches[0].canonical == "Xanadu"
    assert table.concept_type("x") == "place"
    with pytest.raises(AssertionError, match="the glossary was loaded"):
        look_up(["Xanadoo"], [path], include_default=False)  # a near miss needs the glossary


def test_look_up_with_a_loaded_glossary_reads_nothing(tmp_path, monkeypatch,
                                                      stamp_at_once) -> None:
    monkeypatch.setenv("SILKTERM_CACHE_DIR", str(tmp_path / "cache"))
    path = _write(tmp_path, GLOSSARY)
    glossary = load_glossary([path], include_default=False)

    def refuse(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(loader, "load_glossary", refuse)
    monkeypatch.setattr(quicklookup, "read_lookup_table", refuse)
    results, table = look_up(["Shangdu", "Xanadoo"], [path], include_default=False,
                             glossary=glossary)
    assert results == [lookup("Shangdu", glossary), lookup("Xanadoo", glossary)]
    assert table is index_of(glossary).lookup


def test_a_changed_glossary_file_is_never_answered_from_the_old_table(tmp_path, monkeypatch,
                                                                      stamp_at_once) -> None:
    import time

    monkeypatch.setenv("SILKTERM_CACHE_DIR", str(tmp_path / "cache"))
    path = _write(tmp_path, GLOSSARY)
    before = path.stat()
    look_up(["Shangdu"], [path], include_default=False)
    time.sleep(0.05)  # past the file system clock's tick: the change gets another ctime
    _write(tmp_path, GLOSSARY.replace("Xanadu", "Zanadu"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size and mtime
    assert cache.read_lookup_table([path], include_default=False) is None
    results, _ = look_up(["Shangdu"], [path], include_default=False)
    assert results[0].matches[0].canonical == "Zanadu"


def test_a_damaged_table_is_not_used_and_is_written_again(tmp_path, monkeypatch,
                                                          stamp_at_once) -> None:
    monkeypatch.setenv("SILKTERM_CACHE_DIR", str(tmp_path / "cache"))
    path = _write(tmp_path, GLOSSARY)
    load_glossary([path], include_default=False)
    (table_path,) = (tmp_path / "cache").glob("glossary-*.lookup")
    table_path.write_bytes(b"\xff" * 10)
    assert cache.read_lookup_table([path], include_default=False) is None
    assert not table_path.exists()  # removed; loading the glossary writes it again
    results, _ = look_up(["Shangdu"], [path], include_default=False)
    assert results[0].matches[0].canonical == "Xanadu"
    assert cache.read_lookup_table([path], include_default=False) is not None
    table_path.unlink()  # a cache written before tables existed: the next load writes one
    load_glossary([path], include_default=False)
    assert cache.read_lookup_table([path], include_default=False) is not None


def test_no_cache_directory_means_no_table(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SILKTERM_CACHE_DIR", "")
    assert cache.read_lookup_table() is None
    results, table = look_up(["Horgos"])
    assert results[0].matches[0].concept_id == "khorgos" and table.concept_type("khorgos") == "place"
