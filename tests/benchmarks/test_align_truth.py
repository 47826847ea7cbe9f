"""benchmarks/align/truth.yaml, benchmarks/align/heldout/truth.yaml and benchmarks/align/heldout2/truth.yaml:
the hand alignment and name pairs of the English-Chinese evaluation pairs (the tuning set and the two
held-out sets).

The truth is checked against its texts: every sentence of a link stands in its file, in order; the
link sentences, joined, are the whole file (whitespace aside); every sentence ends as the README's
conventions say; every name occurs in both texts; and the ``known`` flags agree with the built-in
glossary (``silkterm lookup`` finds one concept for both forms).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from silkterm.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
ALIGN = ROOT / "benchmarks" / "align"
# (truth file, number of pairs): the set the tools were tuned on, and the two held-out sets
SETS = [
    (ALIGN / "truth.yaml", 10),
    (ALIGN / "heldout" / "truth.yaml", 6),
    (ALIGN / "heldout2" / "truth.yaml", 6),
]
TRUTHS = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path, _ in SETS}
PAIRS = [dict(pair, _base=path.parent) for path, _ in SETS for pair in TRUTHS[path]["pairs"]]
IDS = [f"{pair['_base'].name}/{pair['id']}" for pair in PAIRS]

# a sentence ends with one of these, then any closing quotes or brackets (the headline excepted)
ZH_END = re.compile(r"[。！？；][”’」』）]*$")
EN_END = re.compile(r"[.!?][\"'”’)]*$")
# one Chinese sentence holds no inner end mark (a closing quote after it would end it too)
ZH_INNER = re.compile(r"[。！？；](?![”’」』）]*$)")
LINK_TYPES = {(1, 1), (1, 2), (2, 1), (1, 0), (0, 1)}


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _text(pair: dict, lang: str) -> str:
    return (pair["_base"] / pair[lang]).read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "count"), SETS, ids=[p.parent.name for p, _ in SETS])
def test_each_set_has_its_pairs_with_distinct_files(path, count):
    pairs = TRUTHS[path]["pairs"]
    assert len(pairs) == count
    assert len({p["id"] for p in pairs}) == count
    for pair in pairs:
        assert pair["en"] == f"pairs/{pair['id']}.en.txt"
        assert pair["zh"] == f"pairs/{pair['id']}.zh.txt"


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_sentences_stand_in_the_file_in_order_and_cover_it(pair, lang):
    text = _collapse(_text(pair, lang))
    cursor = 0
    for link in pair["links"]:
        for sentence in link[lang]:
            assert sentence == _collapse(sentence), sentence
            found = text.find(sentence, cursor)
            assert found >= 0, f"not found after offset {cursor}: {sentence}"
            assert text[cursor:found].strip() == "", f"text skipped before: {sentence}"
            cursor = found + len(sentence)
    assert text[cursor:].strip() == ""
    joined = "".join(s for link in pair["links"] for s in link[lang])
    assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", text)


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_links_are_of_the_five_types_and_sentences_end_by_the_conventions(pair):
    links = pair["links"]
    for link in links:
        assert (len(link["en"]), len(link["zh"])) in LINK_TYPES, link
    headline = links[0]
    assert len(headline["en"]) == len(headline["zh"]) == 1
    for link in links[1:]:
        for sentence in link["en"]:
            assert EN_END.search(sentence), sentence
        for sentence in link["zh"]:
            assert ZH_END.search(sentence), sentence
            assert not ZH_INNER.search(sentence), sentence
    # an English-only link next to a Chinese-only one would read as a 1-1 link: the set has none
    sides = [(len(link["en"]) > 0, len(link["zh"]) > 0) for link in links]
    for a, b in zip(sides, sides[1:]):
        assert {a, b} != {(True, False), (False, True)}
    zh_count = sum(len(link["zh"]) for link in links)
    assert 8 <= zh_count - 1 <= 20  # the article's sentences, the headline aside


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_every_name_occurs_in_both_texts(pair):
    en, zh = _text(pair, "en"), _text(pair, "zh")
    names = pair["names"]
    assert 4 <= len(names) <= 12
    assert len({(n["en"], n["zh"]) for n in names}) == len(names)
    for name in names:
        assert name["en"] in en, name
        assert name["zh"] in zh, name
        for variant in name.get("variants", []):
            assert variant in en, variant
        forms = [name["en"], *name.get("variants", [])]
        counts = Counter({form: en.count(form) for form in forms})
        # the recorded form is written at least as often as any variant (variants that contain it aside)
        assert all(counts[name["en"]] >= c for f, c in counts.items() if name["en"] not in f), name


def test_known_flags_agree_with_the_built_in_glossary():
    queries = sorted({q for pair in PAIRS for n in pair["names"] for q in (n["en"], n["zh"])})
    result = CliRunner().invoke(cli, ["lookup", "--format", "json", "--limit", "20", *queries])
    matches = {entry["query"]: entry["matches"] for entry in json.loads(result.output)}

    def concepts(form: str) -> set[str]:
        return {m["id"] for m in matches.get(form, []) if not m["how"].startswith("suggestion")}

    wrong = [
        (pair["id"], n["en"], n["zh"], n["known"])
        for pair in PAIRS
        for n in pair["names"]
        if bool(concepts(n["en"]) & concepts(n["zh"])) != n["known"]
    ]
    assert wrong == []
    known = sum(n["known"] for pair in PAIRS for n in pair["names"])
    total = sum(len(pair["names"]) for pair in PAIRS)
    assert 0 < known < total
