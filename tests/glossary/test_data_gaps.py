"""Issue 9, E18: the known gaps of the built-in glossary on the seeds, each pinned exactly.

Short names are firm matches of their concept (not scored guesses), unknown seed terms are known,
a possessive before a kinship word names a relative, former names end when they ended, pinyin
keeps a known name inside a compound as one word, and traditional forms follow Taiwan and Hong
Kong usage (峰會).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from silkterm.cli.main import cli
from silkterm.glossary import load_glossary
from silkterm.glossary.apply import find_terms, normalize
from silkterm.glossary.model import Action
from silkterm.glossary.translit import name_pinyin, to_traditional

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def firm(text, glossary, concept_id):
    """The findings of ``concept_id`` in ``text`` that are glossary matches, not scored guesses."""
    return [(f.surface, f.action.value) for f in find_terms(text, glossary)
            if f.concept_id == concept_id and f.score is None and not f.candidates]


# 1. Zhambyl ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Zhambyl", "Jambyl", "Жамбыл", "ZHAMBYL"])
def test_bare_zhambyl_is_a_firm_match_of_the_region(glossary, name):
    assert firm(f"His hometown is in {name}, Kazakhstan.", glossary, "zhambyl-region") == \
        [(name, "keep")]


@pytest.mark.parametrize("text", ["the poet Zhambyl Zhabayev", "the poet Jambyl Jabayev",
                                  "ақын Жамбыл Жабаев", "a school named after Zhambyl",
                                  "Жамбыл атындағы мектеп", "Zhambyl District of Almaty Region"])
def test_the_poet_and_districts_are_not_the_region(glossary, text):
    assert firm(text, glossary, "zhambyl-region") == []


def test_lookup_zhambyl_is_a_variant_not_a_suggestion():
    result = CliRunner().invoke(cli, ["lookup", "Zhambyl"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == \
        "Zhambyl → Zhambyl Region [zhambyl-region] place: variant (admitted short-form)"


# 2. Eastern Gate, Dongdamen, 东大门 ------------------------------------------------------------

def test_eastern_gate_dongdamen_and_chinese_short_form_are_firm(glossary):
    # (separate sentences: "X dry port, the Y zone" would be an apposition, a gloss that stays)
    text = "The Eastern Gate dry port opened. The Dongdamen zone grew around 东大门 and 東大門."
    assert firm(text, glossary, "khorgos-eastern-gate") == [
        ("Eastern Gate", "keep"), ("Dongdamen", "replace"), ("东大门", "keep"), ("東大門", "keep")]
    assert normalize("the Dongdamen dry port", glossary).text == "the Eastern Gate dry port"


@pytest.mark.parametrize("text", ["the eastern gate of the old city", "首尔东大门市场",
                                  "首爾東大門市場", "东大门设计广场", "Dongdaemun in Seoul"])
def test_other_east_gates_are_not_the_zone(glossary, text):
    assert firm(text, glossary, "khorgos-eastern-gate") == []


def test_normalize_check_reports_dongdamen():
    result = CliRunner().invoke(cli, ["normalize", "--check"], input="Zhambyl and Dongdamen.\n")
    assert result.exit_code == 1
    assert result.output == ("<stdin>:1:13: replace 'Dongdamen' → 'Eastern Gate': deprecated "
                             "transliteration [khorgos-eastern-gate]\n")


# 3. Seed terms that were unknown ------------------------------------------------------------

def test_almaty_solar_power_plant_and_urumqi_hot_pot_are_known(glossary):
    line = (SEEDS / "003_f7994812143e49ac.txt").read_text(encoding="utf-8").splitlines()[32]
    assert firm(line, glossary, "kapchagay-solar-power-plant") == [("Almaty solar power plant", "keep")]
    line = (SEEDS / "004_7447c9b58328a590.txt").read_text(encoding="utf-8").splitlines()[20]
    assert firm(line, glossary, "urumqi-hot-pot") == [("Urumqi hot pot", "keep")]
    alias = next(v for v in glossary["kapchagay-solar-power-plant"].variants
                 if v.form == "Almaty solar power plant")
    assert alias.seen == ("003_f7994812143e49ac.txt:33",) and alias.source and not alias.verified
    hot_pot = glossary["urumqi-hot-pot"]
    assert hot_pot.seen == ("004_7447c9b58328a590.txt:21",) and hot_pot.zh is None


# 4. Possessive kinship ----------------------------------------------------------------------

def test_possessive_before_daughter_names_the_parent(glossary):
    line = (SEEDS / "001_037abfb2c7315e89.txt").read_text(encoding="utf-8").splitlines()[15]
    found = {f.surface: f for f in find_terms(line, glossary)}
    parent, daughter = found["Baikadamova"], found["Baldyrgan"]
    assert (parent.concept_id, parent.action, parent.replacement, parent.form) == \
        ("bakhytzhan-baikadamov", Action.SUGGEST, "Baikadamov", "Baikadamov")
    assert parent.reason == ("possessive before 'daughter' names a relative of Baldyrgan "
                             "Baikadamova: family name of Bakhytzhan Baikadamov")
    assert (daughter.concept_id, daughter.action) == ("baldyrgan-baikadamova", Action.KEEP)
    result = normalize(line, glossary)
    assert result.text == line  # a suggestion, never a rewrite
    assert [(f.surface, f.concept_id, f.action) for f in result.findings] == \
        [("Baikadamova", "bakhytzhan-baikadamov", Action.SUGGEST)]


def test_possessive_kinship_in_capitals_and_with_a_comma(glossary):
    found = [(f.surface, f.concept_id, f.replacement)
             for f in find_terms("BAIKADAMOVA’S DAUGHTER, BALDYRGAN, SAID", glossary)]
    assert found == [("BAIKADAMOVA", "bakhytzhan-baikadamov", "BAIKADAMOV"),
                     ("BALDYRGAN", "baldyrgan-baikadamova", None)]


def test_possessive_of_another_person_is_left_alone(glossary):
    found = {f.surface: f.concept_id for f in find_terms("Baikadamov’s daughter Baldyrgan.", glossary)}
    assert found == {"Baikadamov": "bakhytzhan-baikadamov", "Baldyrgan": "baldyrgan-baikadamova"}
    alone = [f.concept_id for f in find_terms("Baikadamova said.", glossary) if f.score is None]
    assert alone == ["baldyrgan-baikadamova"]


def test_possessor_with_no_relative_in_the_glossary_is_unlinked(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("""\
concepts:
- id: dariga-ivanova
  type: person
  en: Dariga Ivanova
  source: [tests]
  variants:
  - form: Ivanova
    kind: short-form
  - form: Dariga
    kind: short-form
""", encoding="utf-8")
    g = load_glossary([path], include_default=False)
    found = [(f.surface, f.concept_id) for f in find_terms("Ivanova’s daughter Dariga said.", g,
                                                           unseen=False)]
    assert found == [("Dariga", "dariga-ivanova")]
    url = "see https://x.org/Ivanova’s daughter Dariga"
    assert [f.surface for f in find_terms(url, g, unseen=False)] == ["Dariga"]


def test_gender_forms():
    from silkterm.glossary.kinship import gender_forms

    assert gender_forms("Nazarbayeva") == {"nazarbayeva", "nazarbayev"}
    assert gender_forms("Tokayev") == {"tokayev", "tokayeva"}
    assert gender_forms("Trubetskaya") >= {"trubetskaya", "trubetsky"}


# 5. Alma-Ata --------------------------------------------------------------------------------

def test_alma_ata_ends_with_the_1993_constitution(glossary):
    variant = next(v for v in glossary["almaty"].variants if v.form == "Alma-Ata")
    assert (variant.valid.start, variant.valid.end) == (dt.date(1921, 3, 14), dt.date(1993, 1, 28))
    assert any("28 January 1993" in s for s in variant.source)
    assert normalize("Alma-Ata in 1995", glossary, date=dt.date(1995, 1, 1)).text == "Almaty in 1995"
    kept = normalize("Alma-Ata in 1990", glossary, date=dt.date(1990, 1, 1))
    assert kept.text == "Alma-Ata in 1990" and kept.findings[0].action is Action.NOTE


# 6. Pinyin of known names inside compounds --------------------------------------------------

@pytest.mark.parametrize("concept_id, pinyin", [
    ("kapchagay-solar-power-plant", "Kǎpǔqiàgài Guāngfú Diànzhàn"),
    ("zhanatas-wind-farm", "Zhánàtǎsī Fēngdiànchǎng"),
    ("port-of-aktau", "Ākètào Gǎng"),
    ("khorgos-eastern-gate", "Huò'ěrguǒsī-Dōngdàmén"),
])
def test_a_known_name_inside_a_compound_is_one_word(glossary, concept_id, pinyin):
    assert glossary[concept_id].pinyin == pinyin


def test_names_come_from_the_glossary_on_a_private_segmenter(tmp_path):
    plant = """\
- id: plant
  type: facility
  en: Kapchagay solar power plant
  zh: 卡普恰盖光伏电站
  source: [tests]
"""
    town = """\
- id: town
  type: place
  en: Kapchagay
  zh: 卡普恰盖
  source: [tests]
"""
    alone, both = tmp_path / "alone.yaml", tmp_path / "both.yaml"
    alone.write_text("concepts:\n" + plant, encoding="utf-8")
    both.write_text("concepts:\n" + plant + town, encoding="utf-8")
    assert load_glossary([alone], include_default=False)["plant"].pinyin == \
        "Kǎ Pǔ Qià Gài Guāngfú Diànzhàn"
    assert load_glossary([both], include_default=False)["plant"].pinyin == \
        "Kǎpǔqiàgài Guāngfú Diànzhàn"
    assert name_pinyin("卡普恰盖光伏电站", "facility") == "Kǎ Pǔ Qià Gài Guāngfú Diànzhàn"
    import jieba

    assert not jieba.dt.FREQ.get("卡普恰盖")  # jieba's global dictionary is untouched


# 7. Traditional script ----------------------------------------------------------------------

def test_traditional_house_form_follows_taiwan_and_hong_kong(glossary):
    from silkterm.glossary.translit import traditional_spellings

    assert to_traditional("中国—中亚峰会") == "中國—中亞峰會"
    assert glossary["china-central-asia-summit"].zh_hant == "中國—中亞峰會"
    assert glossary["belt-and-road-forum-for-international-cooperation"].zh_hant == \
        "一帶一路國際合作高峰論壇"
    assert glossary["kazakhstan"].zh_hant == "哈薩克斯坦"  # characters only, no s2twp vocabulary (哈薩克)
    assert traditional_spellings("中国—中亚峰会") == [("中國—中亞峰會", "s2tw"), ("中國—中亞峯會", "s2hk")]


@pytest.mark.parametrize("text", ["中國—中亞峰會", "中國—中亞峯會"])
def test_every_regional_traditional_spelling_is_matched(glossary, text):
    assert firm(text, glossary, "china-central-asia-summit") == [(text, "keep")]
