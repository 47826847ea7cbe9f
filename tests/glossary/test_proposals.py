"""glossary.proposals: collect's proposals as a glossary file, and merging them into a user
glossary (text kept, atomic, checked first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkterm.glossary.apply import normalize
from silkterm.glossary.collect import CollectResult, Proposal, ProposedForm
from silkterm.glossary.errors import GlossaryError
from silkterm.glossary.formats.yamlfile import read_glossary_file
from silkterm.glossary.loader import load_glossary
from silkterm.glossary.model import Status
from silkterm.glossary.proposals import MergeResult, merge_proposals, proposals_yaml

RESULT = CollectResult((
    Proposal("semey", None, "place", 100, (
        ProposedForm("Semey", "en", 3, ("a.txt",), where="a.txt:2"),
        ProposedForm("Semipalatinsk", "en", 1, ("a.txt",), "same place as Semey (open data)", 90,
                     kind="spelling", where="a.txt:5"),
        ProposedForm("塞梅伊", "zh", 2, ("b.txt",), "sounds like Semey (Xinhua table), score 95",
                     90, kind="transliteration", where="b.txt:1")),
        (), sources=("geonames:1519422",)),
    Proposal("kassym-jomart-tokayev", "kassym-jomart-tokayev", "person", 95, (
        ProposedForm("Tokaev", "en", 1, ("a.txt",), "loose fold with 'Tokayev'", 95,
                     kind="spelling", where="a.txt:7"),), ()),
    Proposal("ba-fuluoda-erzhou", None, "place", 60, (
        ProposedForm("巴甫洛达尔州", "zh", 1, ("b.txt",), where="b.txt:4"),), ()),
), ("a.txt", "b.txt"))

EXPECTED = """\
# silkterm collect: 1 new concept, 1 known concept with new spellings, from 2 files.
# Left out, no English form in the texts: 巴甫洛达尔州
# Review, then: silkterm glossary merge THIS-FILE --into MY.yaml --accept ID... (or --all)
concepts:
- id: semey
  type: place
  status: proposed
  en: Semey
  zh: 塞梅伊
  ru: Семей
  note: 'collect: score 100, 6 times in 2 files'
  source: ['collect a.txt:2', 'geonames:1519422']
  verified: false
  variants:
  - form: Semipalatinsk
    status: proposed
    kind: spelling
    note: 'collect: same place as Semey (open data) (score 90); suggested status admitted'
    source: ['collect a.txt:5', 'geonames:1519422']
    verified: false
  - form: 塞米伊
    lang: zh
    status: proposed
    note: 'collect: open data'
    source: ['geonames:1519422']
    verified: false
extend:
- id: kassym-jomart-tokayev
  variants:
  - form: Tokaev
    status: proposed
    kind: spelling
    note: 'collect: loose fold with ''Tokayev'' (score 95); suggested status admitted'
    source: ['collect a.txt:7']
    verified: false
"""

TARGET = """\
# My glossary: names of our desk.
concepts:
# people
- id: desk-editor
  type: person
  en: Desk Editor
  source: [me]   # a comment on a line

# the end of the concepts
extend:
- id: khorgos
  variants:
  - form: Qorgas   # the Kazakh Latin spelling
    kind: spelling
# end of file
"""


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    proposals, target = tmp_path / "proposals.yaml", tmp_path / "my.yaml"
    proposals.write_text(proposals_yaml(RESULT), encoding="utf-8")
    target.write_text("concepts: []\n", encoding="utf-8")
    return proposals, target


def test_proposals_yaml_writes_the_documented_schema():
    assert proposals_yaml(RESULT) == EXPECTED


def test_the_proposals_file_checks_alone_and_with_the_built_in_glossary(files):
    proposals, _ = files
    alone = load_glossary([proposals], include_default=False, use_cache=False)
    assert [c.id for c in alone] == ["semey"] and alone["semey"].proposed
    full = load_glossary([proposals], use_cache=False)
    tokaev = [v for v in full["kassym-jomart-tokayev"].variants if v.form == "Tokaev"]
    assert [v.status for v in tokaev] == [Status.PROPOSED]


def test_merge_appends_entries_as_text_and_keeps_the_rest(files, tmp_path: Path):
    proposals, target = files
    target.write_text(TARGET, encoding="utf-8")
    result = merge_proposals(proposals, target, accept=None)
    assert result == MergeResult(("semey",), ("kassym-jomart-tokayev",), 3)
    text = target.read_text(encoding="utf-8")
    head, _, tail = TARGET.partition("\n# the end of the concepts\n")
    middle, _, end = tail.partition("# end of file\n")
    assert text == (
        head +
        "- id: semey\n  type: place\n  en: Semey\n  zh: 塞梅伊\n  ru: Семей\n"
        "  note: 'collect: score 100, 6 times in 2 files'\n"
        "  source: ['collect a.txt:2', 'geonames:1519422']\n  verified: false\n  variants:\n"
        "  - form: Semipalatinsk\n    kind: spelling\n"
        "    note: 'collect: same place as Semey (open data) (score 90); suggested status admitted'\n"
        "    source: ['collect a.txt:5', 'geonames:1519422']\n    verified: false\n"
        "  - form: 塞米伊\n    lang: zh\n    note: 'collect: open data'\n"
        "    source: ['geonames:1519422']\n    verified: false\n"
        "\n# the end of the concepts\n" + middle +
        "- id: kassym-jomart-tokayev\n  variants:\n  - form: Tokaev\n    kind: spelling\n"
        "    note: 'collect: loose fold with ''Tokayev'' (score 95); suggested status admitted'\n"
        "    source: ['collect a.txt:7']\n    verified: false\n"
        "# end of file\n" + end)


def test_merge_with_accept_and_status_and_the_merged_forms_are_used(files):
    proposals, target = files
    result = merge_proposals(proposals, target, accept=["kassym-jomart-tokayev"],
                             status=Status.DEPRECATED)
    assert result == MergeResult((), ("kassym-jomart-tokayev",), 1)
    assert target.read_text(encoding="utf-8").startswith("concepts: []\nextend:\n- id: kassym")
    g = load_glossary([target], use_cache=False)
    assert normalize("Tokaev arrived.", g).text == "Kassym-Jomart Tokayev arrived."


def test_merging_again_adds_nothing_and_says_so(files):
    proposals, target = files
    merge_proposals(proposals, target)
    before = target.read_bytes()
    assert merge_proposals(proposals, target) == MergeResult(
        (), (), 0, ("semey", "kassym-jomart-tokayev: Tokaev"))
    assert target.read_bytes() == before


def test_items_indented_under_their_key_stay_indented(files, tmp_path: Path):
    proposals, target = files
    target.write_text("concepts:\n  - id: a-b\n    type: term\n    en: A B\n    source: [me]\n",
                      encoding="utf-8")
    merge_proposals(proposals, target, accept=["semey"])
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[5:8] == ["  - id: semey", "    type: place", "    en: Semey"]
    assert [c.id for c in read_glossary_file(target).concepts] == ["a-b", "semey"]


@pytest.mark.parametrize(("target_text", "accept", "message"), [
    ("concepts: [{id: x, type: term, en: X, source: [me]}]\n", None,
     "{target}:1: cannot add to 'concepts', a list written in flow style ([...]); write it in "
     "block style"),
    ("concepts:\n- id: x\n  type: term\n  en: Semey\n  source: [me]\n", None,
     "cannot merge into {target}: line 6 of the merged file: form 'Semey' of 'semey' is also a "
     "form of 'x' ({target}:2); mark both 'ambiguous: true' or tell them apart by case"),
    ("concepts: []\n", ["nothing"],
     "{proposals}: no proposal with the id 'nothing' (the file proposes: semey, "
     "kassym-jomart-tokayev)"),
    ("concepts:\n- id: x\n  colour: red\n", None, None),
])
def test_a_failed_merge_leaves_the_target_unchanged(files, target_text, accept, message):
    proposals, target = files
    target.write_text(target_text, encoding="utf-8")
    with pytest.raises(GlossaryError) as e:
        merge_proposals(proposals, target, accept=accept)
    if message is not None:
        assert str(e.value) == message.format(target=target, proposals=proposals)
    assert target.read_text(encoding="utf-8") == target_text


def test_a_missing_target_is_created(files, tmp_path: Path):
    proposals, _ = files
    target = tmp_path / "new.yaml"
    merge_proposals(proposals, target, accept=["semey"])
    assert target.read_text(encoding="utf-8").startswith("concepts:\n- id: semey\n  type: place\n")


def test_a_place_the_open_data_cannot_tell_apart_gets_no_forms_from_it():
    ambiguous = Proposal("ghulja", None, "place", 90, (
        ProposedForm("Ghulja", "en", 1, ("a.txt",), where="a.txt:1"),), (),
        sources=("geonames:1529013", "geonames:1529435"))
    text = proposals_yaml(CollectResult((ambiguous,), ("a.txt",)))
    assert "  source: ['collect a.txt:1', 'geonames:1529013', 'geonames:1529435']\n" in text
    assert "lang:" not in text and "kk:" not in text and "ru:" not in text


def test_a_place_gets_its_vetted_forms_first_and_keeps_disagreeing_chinese_forms():
    kyzylorda = Proposal("kyzylorda", None, "place", 90, (
        ProposedForm("Kyzylorda", "en", 1, ("a.txt",), where="a.txt:1"),
        ProposedForm("克孜勒奥尔达", "zh", 1, ("b.txt",), "same place as Kyzylorda (open data)", 90,
                     where="b.txt:1")), (), sources=("geonames:1519922",))
    text = proposals_yaml(CollectResult((kyzylorda,), ("a.txt", "b.txt")))
    assert ("  zh: 克孜勒奥尔达\n  kk: Қызылорда\n  ru: Кызылорда\n" in text)
    assert ("  - form: 克孜洛尔达\n    lang: zh\n    status: proposed\n    note: 'collect: open data'\n"
            "    source: [CLDR 49 (babel 2.19.0)]\n    verified: false\n") in text


def test_a_target_of_comments_only_keeps_them_and_gets_both_lists(files):
    proposals, target = files
    target.write_text("# to be filled\n", encoding="utf-8")
    merge_proposals(proposals, target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# to be filled\nconcepts:\n- id: semey\n")
    assert "\nextend:\n- id: kassym-jomart-tokayev\n" in text


def test_cc_cedict_chinese_names_of_an_english_only_organisation_are_its_zh_and_proposed_variants():
    source = "CC-CEDICT (cc-cedict.org, CC BY-SA 4.0)"
    result = CollectResult((Proposal("industrial-and-commercial-bank-of-china", None, "organisation", 97, (
        ProposedForm("Industrial and Commercial Bank of China", "en", 1, ("a.txt",), where="a.txt:1"),
        ProposedForm("中国工商银行", "zh", 0, (), f"open data: {source}", None, source=source, verified=False),
        ProposedForm("工商银行", "zh", 0, (), f"open data: {source}", None, source=source, verified=False)),
        ()),), ("a.txt",))
    text = proposals_yaml(result)
    assert ("  en: Industrial and Commercial Bank of China\n  zh: 中国工商银行\n"
            "  note: 'collect: score 97, 1 times in 1 file'\n"
            f"  source: ['collect a.txt:1', '{source}']\n  verified: false\n  variants:\n"
            f"  - form: 工商银行\n    lang: zh\n    status: proposed\n    note: 'collect: open data'\n"
            f"    source: ['{source}']\n    verified: false\n") in text
