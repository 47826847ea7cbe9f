"""The held-out evaluation sets of ``silkterm collect`` (benchmarks/collect/heldout/, benchmarks/collect/heldout2/): truth against corpus.

Both sets were written after collect's rules were tuned on benchmarks/collect/corpus/ (the second one
without reading collect's code and before collect was run on it); these tests pin that each truth is
consistent (every form and not-name written in the corpus, every Chinese form sourced, ``known`` flags
those of the built-in glossary), not the scores collect reaches on it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from silkterm.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "collect_eval.py"
SETS = ROOT / "benchmarks" / "collect"


def _load():
    spec = importlib.util.spec_from_file_location("collect_eval_heldout", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["collect_eval_heldout"] = module
    spec.loader.exec_module(module)
    return module


ce = _load()

# set name -> look-alike pairs its truth must list as distinct
LOOK_ALIKES = {
    "heldout": [("baketu", "bakhty"), ("lake-alakol", "altynkol"), ("zaysan", "lake-zaysan"),
                ("yerzhan-mukanov", "aigerim-mukanova"), ("daniyar-kaliyev", "dinara-kaliyeva"),
                ("air-astana", "astana"), ("china-citic-bank", "citic")],
    "heldout2": [("ulba-fa", "ulba-metallurgical-plant"), ("cgn", "cgnpc-urc"),
                 ("central-mynkuduk", "western-mynkuduk"), ("asset-temirbekov", "aizhan-temirbekova"),
                 ("aifc", "aix"), ("aifc", "astana"), ("china-development-bank", "development-bank-of-kazakhstan"),
                 ("oral", "aral-town"), ("ural-river", "ural-mountains"), ("aral-sea", "north-aral-sea"),
                 ("bortala", "bole"), ("xpcc", "xinjiang")],
}
HELDOUT_SETS = sorted(LOOK_ALIKES)


def _truth(name: str):
    return ce.load_truth(SETS / name / "truth.yaml")


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_the_heldout_truth_is_consistent_with_its_corpus(name, capsys):
    corpus = SETS / name / "corpus"
    assert ce.check_truth(_truth(name), ce.read_corpus(corpus)) == []
    assert ce.main(["--check-truth", "--truth", str(SETS / name / "truth.yaml"), "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"consistent with {corpus}")


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_the_heldout_corpus_is_new_short_news_in_english_and_chinese(name):
    texts = ce.read_corpus(SETS / name / "corpus")
    assert 4 <= len(texts) <= 5
    chinese = [n for n, t in texts.items() if sum("\u4e00" <= ch <= "\u9fff" for ch in t) > 300]
    assert 1 <= len(chinese) <= 2
    english = [n for n in texts if n not in chinese]
    assert len(english) >= 3
    for text_name in english:
        assert 200 <= len(texts[text_name].split()) <= 400, text_name
    # different texts from the tuning corpus and from every other held-out set
    for other in [ce.CORPUS, *(SETS / o / "corpus" for o in HELDOUT_SETS if o != name)]:
        seen = ce.read_corpus(other)
        assert not set(texts) & set(seen), other
        assert not set(texts.values()) & set(seen.values()), other


def test_the_second_heldout_set_has_five_texts_in_plain_markdown_and_html():
    texts = ce.read_corpus(SETS / "heldout2" / "corpus")
    assert len(texts) == 5
    assert {Path(n).suffix for n in texts} == {".txt", ".md", ".html"}


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_the_heldout_set_has_mostly_new_names_and_look_alike_pairs(name):
    truth = _truth(name)
    tuning = {ce.form_key(f.form) for c in ce.load_truth(ce.TRUTH).clusters for f in c.forms}
    new = [f.form for c in truth.clusters for f in c.new_forms]
    assert len(new) >= 60
    assert sum(ce.form_key(f) not in tuning for f in new) / len(new) >= 0.9
    pairs = {frozenset(p) for p in truth.distinct}
    for pair in LOOK_ALIKES[name]:
        assert frozenset(pair) in pairs, pair


def test_the_second_heldout_set_shares_no_new_name_with_the_earlier_sets():
    """heldout2 was written to be unseen: none of its new forms is a form of the tuning or first held-out truth."""
    earlier = {ce.form_key(f.form) for truth in (ce.load_truth(ce.TRUTH), _truth("heldout"))
               for c in truth.clusters for f in c.forms}
    new = [f.form for c in _truth("heldout2").clusters for f in c.new_forms]
    assert [f for f in new if ce.form_key(f) in earlier] == []


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_heldout_known_flags_and_concepts_agree_with_the_built_in_glossary(name):
    """A form is ``known`` exactly when ``silkterm lookup`` lists it ("→", score ≥ 98) under the cluster's concept."""
    forms = [(c, f) for c in _truth(name).clusters for f in c.forms]
    result = CliRunner().invoke(cli, ["lookup", "--format", "json", "--limit", "1", *(f.form for _, f in forms)])
    answers = json.loads(result.output)
    assert [a["query"] for a in answers] == [f.form for _, f in forms]
    wrong = []
    for (c, f), a in zip(forms, answers, strict=True):
        best = a["matches"][0] if a["matches"] else None
        listed = best is not None and best["score"] >= 98
        if listed != f.known or (listed and best["id"] != c.concept):
            wrong.append((c.id, f.form, f.known, best))
    assert wrong == []
