"""The held-out evaluation set of ``silkterm collect`` (benchmarks/collect/heldout/): its truth against its corpus.

The set was written after collect's rules were tuned on benchmarks/collect/corpus/; these tests pin that
its truth is consistent (every form and not-name written in the corpus, every Chinese form sourced,
``known`` flags those of the built-in glossary), not the scores collect reaches on it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from click.testing import CliRunner

from silkterm.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "collect_eval.py"
HELDOUT = ROOT / "benchmarks" / "collect" / "heldout"


def _load():
    spec = importlib.util.spec_from_file_location("collect_eval_heldout", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["collect_eval_heldout"] = module
    spec.loader.exec_module(module)
    return module


ce = _load()
TRUTH = ce.load_truth(HELDOUT / "truth.yaml")
CORPUS = HELDOUT / "corpus"


def test_the_heldout_truth_is_consistent_with_its_corpus(capsys):
    assert ce.check_truth(TRUTH, ce.read_corpus(CORPUS)) == []
    assert ce.main(["--check-truth", "--truth", str(HELDOUT / "truth.yaml"), "--corpus", str(CORPUS)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"consistent with {CORPUS}")


def test_the_heldout_corpus_is_new_short_news_in_english_and_chinese():
    texts = ce.read_corpus(CORPUS)
    assert 4 <= len(texts) <= 5
    chinese = [n for n, t in texts.items() if sum("\u4e00" <= ch <= "\u9fff" for ch in t) > 300]
    assert 1 <= len(chinese) <= 2
    english = [n for n in texts if n not in chinese]
    assert len(english) >= 3
    for name in english:
        assert 200 <= len(texts[name].split()) <= 400, name
    # different texts from the tuning corpus
    tuning = ce.read_corpus(ce.CORPUS)
    assert not set(texts) & set(tuning)
    assert not set(texts.values()) & set(tuning.values())


def test_the_heldout_set_has_mostly_new_names_and_look_alike_pairs():
    tuning = {ce.form_key(f.form) for c in ce.load_truth(ce.TRUTH).clusters for f in c.forms}
    new = [f.form for c in TRUTH.clusters for f in c.new_forms]
    assert len(new) >= 60
    assert sum(ce.form_key(f) not in tuning for f in new) / len(new) >= 0.9
    pairs = {frozenset(p) for p in TRUTH.distinct}
    for pair in [("baketu", "bakhty"), ("lake-alakol", "altynkol"), ("zaysan", "lake-zaysan"),
                 ("yerzhan-mukanov", "aigerim-mukanova"), ("daniyar-kaliyev", "dinara-kaliyeva"),
                 ("air-astana", "astana"), ("china-citic-bank", "citic")]:
        assert frozenset(pair) in pairs, pair


def test_heldout_known_flags_and_concepts_agree_with_the_built_in_glossary():
    """A form is ``known`` exactly when ``silkterm lookup`` lists it ("→", score ≥ 98) under the cluster's concept."""
    forms = [(c, f) for c in TRUTH.clusters for f in c.forms]
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
