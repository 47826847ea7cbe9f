"""Transliteration rules: the scheme tables against their published examples, the golden pinyin
and Wade-Giles names, the registry, and variant generation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from silkterm.glossary import GlossaryError, GlossaryFormatError, load_glossary
from silkterm.glossary.rules import RULES, Tier, chinese_origin, derive, schemes_for, transliterate
from silkterm.glossary.schemes import available_schemes, load_scheme
from silkterm.glossary.translit import name_words, render_name

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMES = available_schemes()
GOLDEN = list(csv.DictReader((DATA / "names_pinyin_wg.tsv").open(encoding="utf-8"), delimiter="\t"))
CONVENTIONAL = {"陕西": "Shaanxi"}  # published spellings that differ from the syllables on purpose


def test_every_scheme_cites_a_source_and_has_examples():
    assert {"kk-bgn-pcgn-1979", "kk-latin-2017", "kk-latin-2018", "kk-latin-2021", "kk-us-ascii",
            "ru-bgn-pcgn", "ru-icao", "kk-to-ru", "wade-giles"} <= set(SCHEMES)
    for name in SCHEMES:
        scheme = load_scheme(name)
        assert scheme.source, name
        assert len(scheme.examples) >= 8, name


@pytest.mark.parametrize("name", [n for n in SCHEMES if n != "wade-giles"])
def test_letter_tables_cover_the_alphabet_and_reproduce_their_examples(name):
    scheme = load_scheme(name)
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    if scheme.source_lang == "kk":
        alphabet += "әғқңөұүһі"
    assert set(alphabet) <= set(scheme.table), sorted(set(alphabet) - set(scheme.table))
    for cyrillic, latin in scheme.examples:
        assert scheme.apply(cyrillic) == latin, (cyrillic, latin)


def test_wade_giles_table_reproduces_its_examples_and_avoids_pypinyin_errors():
    table = load_scheme("wade-giles").table
    assert len(table) >= 400
    for syllable, expected in load_scheme("wade-giles").examples:
        assert table[syllable] == expected
    # pypinyin's WADEGILES style gives 海 → hei and 火 → ho
    assert (table["hai"], table["huo"], table["zhi"], table["xue"], table["ri"]) == (
        "hai", "huo", "chih", "hsüeh", "jih")


# Rows whose tone marks are a name's own (polyphonic 少 is shào in 少奇, shǎo "few" elsewhere):
# their syllables, plain spelling and Wade-Giles are still checked, their tone marks are not.
TONE_BY_CONVENTION = {"刘少奇": "Liú Shǎoqí"}


@pytest.mark.parametrize("row", GOLDEN, ids=[r["hanzi"] for r in GOLDEN])
def test_golden_names_pinyin_and_wade_giles(row):
    words = name_words(row["hanzi"], row["type"])
    table = load_scheme("wade-giles").table
    marks = render_name(words, "marks")
    if row["hanzi"] in TONE_BY_CONVENTION:
        assert marks == TONE_BY_CONVENTION[row["hanzi"]] != row["pinyin_tone"]
    else:
        assert marks == row["pinyin_tone"]
    plain = CONVENTIONAL.get(row["hanzi"]) or render_name(words, "plain")
    assert plain.lower() == row["pinyin"].lower()
    wade = " ".join("-".join(table[s] for s, _ in word) for word in words)
    assert wade.lower() == row["wade_giles"].replace("’", "'").lower()


def test_golden_table_is_large_enough_and_mostly_regular():
    irregular = {r["hanzi"] for r in GOLDEN
                 if r["pinyin_tone"].lower() != render_name(name_words(r["hanzi"], r["type"]), "marks").lower()}
    assert len(GOLDEN) >= 60 and irregular == set(TONE_BY_CONVENTION)


def test_pinyin_renderings_and_apostrophe_rule():
    words = name_words("西安", "place")
    assert [render_name(words, h) for h in ("marks", "plain", "no-apostrophe", "hyphenated")] == [
        "Xī'ān", "Xi'an", "Xian", "Xi-an"]
    assert render_name(name_words("霍尔果斯", "place"), "plain") == "Huo'erguosi"
    assert render_name(name_words("单田芳", "person"), "marks") == "Shàn Tiánfāng"  # surname reading
    assert render_name(name_words("曾国藩", "person"), "plain") == "Zeng Guofan"


def test_transliterate_free_text_by_scheme():
    assert transliterate("Тоқаев", "kk", "kk-latin-2021") == "Toqaev"
    assert transliterate("Тоқаев", "kk", "kk-latin-2017") == "Toqaev"
    assert transliterate("Тоқаев", "kk", "ru-bgn-pcgn") == "Tokayev"  # through Russian spelling
    assert transliterate("Токаев", "ru", "ru-icao") == "Tokaev"
    assert transliterate("冼星海", "zh", "wade-giles") == "Hsien Hsing-hai"
    assert transliterate("习近平", "zh", "pinyin-marks") == "Xí Jìnpíng"
    assert "kk-latin-2021" in schemes_for("kk") and "wade-giles" in schemes_for("zh")
    with pytest.raises(GlossaryError, match="unknown transliteration scheme 'nope'"):
        transliterate("Тоқаев", "kk", "nope")
    with pytest.raises(GlossaryError, match="reads kk, not ru"):
        transliterate("Токаев", "ru", "kk-latin-2021")


def test_registry_names_families_and_tiers():
    assert len(set(RULES)) == len(RULES)
    assert {"pinyin", "wade-giles", "script", "kk-latin", "russian", "chinese-path"} <= set(RULES.families)
    assert RULES["chinese-path"].tier is Tier.LOOSE
    assert RULES.select(["wade-giles", "kk-latin"]) >= {"wade-giles", "kk-latin-2021", "kk-bgn-pcgn-1979"}
    with pytest.raises(GlossaryError, match="unknown rule or rule family 'klingon'"):
        RULES.select(["klingon"])


def test_chinese_origin_decides_which_rules_apply():
    g = load_glossary()
    assert chinese_origin(g["xian-xinghai"]) and chinese_origin(g["xi-an"]) and chinese_origin(g["shaanxi"])
    assert not chinese_origin(g["kassym-jomart-tokayev"]) and not chinese_origin(g["khorgos"])
    families = {d.family for d in derive(g["kassym-jomart-tokayev"])}
    assert "pinyin" not in families and "wade-giles" not in families and "chinese-path" in families


def test_generated_variants_carry_their_rule_and_normalise():
    g = load_glossary()
    by_form = {v.form: v for v in g["xian-xinghai"].variants}
    assert by_form["Hsien Hsing-hai"].rule == "wade-giles"
    assert by_form["Xiǎn Xīnghǎi"].rule == "pinyin-marks"
    assert {v.form: v.rule for v in g["khorgos"].variants}["Qorğas"] == "kk-latin-2021"


def test_generation_never_steals_another_concepts_form():
    g = load_glossary()
    # the plain pinyin of 西安 without apostrophe is "Xian", the composer's surname in the seeds
    assert "Xian" not in {v.form for v in g["xi-an"].variants}
    assert "Xian" in {v.form for v in g["xian-xinghai"].variants}


def test_exclude_rules_opts_a_concept_out(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("concepts:\n- id: x\n  type: person\n  en: Xian Xinghai\n  zh: 冼星海\n"
                    "  source: [t]\n  exclude_rules: [wade-giles, pinyin-marks]\n", encoding="utf-8")
    g = load_glossary([path], include_default=False, use_cache=False)
    rules = {v.rule for v in g["x"].variants}
    assert "wade-giles" not in rules and "pinyin-marks" not in rules and "pinyin-numbers" in rules
    path.write_text("concepts:\n- id: x\n  type: person\n  en: X\n  source: [t]\n"
                    "  exclude_rules: [klingon]\n", encoding="utf-8")
    with pytest.raises(GlossaryFormatError, match=r"g\.yaml:6: 'exclude_rules' of concept 'x': unknown rule"):
        load_glossary([path], include_default=False, use_cache=False)


def test_renderings_of_translated_names_are_kept_not_rewritten():
    from silkterm.glossary import normalize

    g = load_glossary()
    text = "Renmin Ribao (People's Daily) and Jen-min Jih-pao."
    assert normalize(text, g).text == text
    by_form = {v.form: v for v in g["peoples-daily"].variants}
    assert (by_form["Renmin Ribao"].status.value, by_form["Renmin Ribao"].rule) == ("admitted", "pinyin-words")


def test_native_variants_derive_spellings_that_inherit_what_they_are(tmp_path):
    """A Russian former name yields former-name spellings with its dates and exceptions."""
    import datetime

    from silkterm.glossary import Kind, Status, normalize

    path = tmp_path / "g.yaml"
    path.write_text(
        "concepts:\n- id: konaev\n  type: place\n  en: Konaev\n  ru: Конаев\n  source: [t]\n"
        "  variants:\n  - form: Капчагай\n    lang: ru\n    status: deprecated\n    kind: former-name\n"
        "    valid: {to: 2022-05-03}\n    exceptions: [Капчагай ГЭС]\n", encoding="utf-8")
    g = load_glossary([path], include_default=False, use_cache=False)
    by_form = {v.form: v for v in g["konaev"].variants}
    icao = by_form["Kapchagai"]
    assert (icao.rule, icao.kind, icao.status, str(icao.valid.end)) == \
        ("ru-icao", Kind.FORMER_NAME, Status.DEPRECATED, "2022-05-03")
    assert icao.exceptions == ("Kapchagai GES",)
    assert by_form["Kaptschagai"].rule == "ru-de-duden" and by_form["Kapčagaj"].rule == "ru-scholarly"
    assert by_form["Konajew"].kind is Kind.TRANSLITERATION  # from the house form: a plain respelling
    assert normalize("Kapchagai GES near Kapchagai", g, date=datetime.date(2024, 1, 1)).text == \
        "Kapchagai GES near Konaev"


def test_foreign_language_tables_reproduce_published_spellings():
    assert transliterate("Казахстан", "ru", "ru-de-duden") == "Kasachstan"
    assert transliterate("Касым-Жомарт Токаев", "ru", "ru-hu") == "Kaszim-Zsomart Tokajev"
    assert transliterate("Капчагай", "ru", "ru-scholarly") == "Kapčagaj"
    assert transliterate("Тоқаев", "kk", "ru-de-duden") == "Tokajew"  # through the Russian spelling


def test_traditional_rule_adds_the_other_regional_spellings_of_house_form_and_variants():
    g = load_glossary()
    summit = [(d.form, d.explanation) for d in derive(g["china-central-asia-summit"])
              if d.rule == "traditional"]
    assert summit == [("中國—中亞峯會", "traditional script of 中国—中亚峰会 (OpenCC s2hk)")]
    copy = next(v for v in g["china-central-asia-summit"].variants if v.rule == "traditional")
    assert (copy.form, copy.lang, copy.status.value, copy.kind.value) == \
        ("中國—中亞峯會", "zh-Hant", "admitted", "script")


def test_a_traditional_copy_keeps_its_exceptions_in_traditional_script():
    g = load_glossary()
    copy = next(v for v in g["khorgos-eastern-gate"].variants if v.form == "東大門")
    assert copy.rule == "traditional" and copy.kind.value == "short-form"
    assert copy.exceptions == ("首爾東大門", "東大門市場", "東大門區", "東大門設計廣場", "東大門運動場",
                               "東大門歷史文化公園")


def test_a_derived_spelling_keeps_only_the_exceptions_that_still_contain_it(tmp_path):
    # BGN/PCGN spells е by its context: Емба is Yemba, but inside Семба it is e (Semba).
    path = tmp_path / "g.yaml"
    path.write_text("""\
concepts:
- id: emba
  type: place
  en: Emba
  source: [tests]
  variants:
  - form: Емба
    lang: ru
    kind: alias
    exceptions: ["Семба", "река Емба"]
""", encoding="utf-8")
    g = load_glossary([path], include_default=False)
    derived = {v.form: v.exceptions for v in g["emba"].variants if v.rule == "ru-bgn-pcgn"}
    assert derived == {"Yemba": ("reka Yemba",)}
