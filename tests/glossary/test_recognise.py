"""Unseen variants: loose fold keys, scored suggestions, hard negatives, --accept-suggestions."""

from __future__ import annotations

import pytest

from silkterm.glossary import Action, find_terms, load_glossary, normalize
from silkterm.glossary.recognise import loose_key


@pytest.fixture(scope="module")
def g():
    return load_glossary()


@pytest.mark.parametrize("a, b", [
    ("Khorgos", "Horgos"), ("Khorgos", "Qorgos"), ("Tokayev", "Toqaev"), ("Tokayev", "Tokaev"),
    ("Nurgaliyev", "Nurgaliev"), ("Nurgaliyev", "Nurgalyev"), ("Yerlan", "Erlan"),
    ("Zhanatas", "Janatas"), ("Dzhambul", "Jambul"), ("Shymkent", "Şymkent"),
    ("Kassym", "Kasym"), ("Shaymergenov", "Shaimergenov"),
])
def test_loose_fold_joins_romanisations(a, b):
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize("a, b", [
    ("Suleimenov", "Suleymanov"), ("Shaymergenov", "Shaymergenova"), ("Baikadamov", "Baikadamova"),
    ("Aktau", "Aktobe"), ("Khorgos", "Khorog"), ("Bolat", "Borat"),
])
def test_hard_negatives_keep_distinct_keys(a, b):
    assert loose_key(a) != loose_key(b)


def test_chinese_path_merges_r_and_l_only_when_asked():
    assert loose_key("Borat Nulgalyev", chinese_path=True) == loose_key("Bolat Nurgaliyev", chinese_path=True)
    assert loose_key("Borat Nulgalyev") != loose_key("Bolat Nurgaliyev")


def unseen(text, g):
    return [(f.surface, f.concept_id, f.score) for f in find_terms(text, g) if f.score is not None]


def test_unseen_variants_are_scored_suggestions(g):
    assert unseen("Shaimergenov spoke, and Borat Nulgalyev listened.", g) == [
        ("Shaimergenov", "timur-shaymergenov", 92), ("Borat Nulgalyev", "bolat-nurgaliyev", 97)]
    f = next(f for f in find_terms("Toqaev arrived.", g) if f.score is not None)
    assert (f.action, f.replacement, f.start, f.end, f.line, f.column) == (
        Action.SUGGEST, "Tokayev", 0, 6, 1, 1)
    assert f.reason == "unseen variant of Kassym-Jomart Tokayev (loose fold with 'Tokayev'), score 77"


def test_suggestions_are_never_applied_unless_accepted(g):
    text = "Borat Nulgalyev spoke."
    assert normalize(text, g).text == text
    assert normalize(text, g, accept_suggestions=98).text == text
    assert normalize(text, g, accept_suggestions=97).text == "Bolat Nurgaliyev spoke."
    assert normalize(text, g, unseen=False).findings == ()


def test_generated_variants_are_rewritten_without_asking(g):
    result = normalize("Timur Shaimergenov spoke in Qorğas.", g)
    assert result.text == "Timur Shaymergenov spoke in Khorgos."
    assert [f.reason for f in result.findings] == [
        "deprecated transliteration (rule ru-icao)", "deprecated transliteration (rule kk-latin-2021)"]


def test_accepting_keeps_short_forms_short_and_former_names_in_their_era(g):
    assert normalize("Shaimergenov spoke.", g, accept_suggestions=80).text == "Shaymergenov spoke."
    assert normalize("In Nursultan.", g, accept_suggestions=80).text == "In Nur-Sultan."


def test_hard_negatives_in_running_text(g):
    text = "Gulnar Shaymergenova, Murat Suleymanov, Baldyrgan Baikadamova and Nurgalieva spoke."
    assert unseen(text, g) == []


def test_known_forms_and_words_with_digits_are_not_unseen(g):
    assert unseen("KHORGOS-DONGDAMEN, Khorgos1 and Xi Jinping's visit.", g) == []
