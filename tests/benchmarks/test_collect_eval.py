"""benchmarks/collect_eval.py: the scorer of ``silkterm collect`` and the truth of its evaluation corpus.

The scorer is a pure function of the truth and an answer: a perfect answer built from the truth scores
100% on every measure, and each kind of damage (a merge of look-alikes, a dropped form, a known form
proposed as new, a wrong link, a proposed non-name) is counted exactly. The shipped truth file is
checked against the corpus and its ``known`` flags against the built-in glossary.
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


def _load():
    spec = importlib.util.spec_from_file_location("collect_eval", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["collect_eval"] = module
    spec.loader.exec_module(module)
    return module


ce = _load()
TRUTH = ce.load_truth(ce.TRUTH)


def _perfect() -> dict:
    return ce.perfect_answer(TRUTH)


def _score(answer: dict):
    return ce.score(TRUTH, ce.parse_answer(answer))


def _proposal(answer: dict, pid: str) -> dict:
    return next(p for p in answer["proposals"] if p["id"] == pid)


def _new_forms() -> int:
    return sum(len(c.new_forms) for c in TRUTH.clusters)


def _new_clusters() -> int:
    return sum(1 for c in TRUTH.clusters if c.new_forms)


# --- the scorer ----------------------------------------------------------------------------------------

def test_perfect_answer_scores_100_percent_everywhere():
    s = _score(_perfect())
    assert (s.forms_found, s.forms_total) == (_new_forms(), _new_forms())
    assert (s.clusters_exact, s.clusters_total) == (_new_clusters(), _new_clusters())
    assert s.recall == s.exact_rate == s.precision == 1.0
    assert s.wrong_merges == s.known_as_new == s.known_reproposed == s.wrong_links == s.not_names_proposed == ()
    assert s.missing_forms == s.inexact_clusters == ()
    assert s.passed


def test_perfect_answer_has_one_proposal_per_cluster_with_new_forms_and_no_known_form():
    answer = _perfect()
    assert len(answer["proposals"]) == _new_clusters()
    khorgos = next(c for c in TRUTH.clusters if c.id == "khorgos")
    assert khorgos.new_forms == ()  # every spelling of Khorgos in the corpus is listed already
    tokayev = _proposal(answer, "kassym-jomart-tokayev")
    assert tokayev["concept"] == "kassym-jomart-tokayev"
    assert [f["form"] for f in tokayev["forms"]] == ["Tokaev", "哈斯穆-卓玛尔特·托卡耶夫"]


def test_merging_li_qiang_and_li_keqiang_is_one_wrong_merge_called_out_as_distinct():
    answer = _perfect()
    keqiang = _proposal(answer, "li-keqiang")
    _proposal(answer, "li-qiang")["forms"] += keqiang["forms"]
    answer["proposals"].remove(keqiang)
    s = _score(answer)
    assert len(s.wrong_merges) == 1
    merge = s.wrong_merges[0]
    assert merge.proposal == "li-qiang"
    assert merge.clusters == ("li-keqiang", "li-qiang")
    assert merge.distinct == (("li-keqiang", "li-qiang"),)
    assert s.inexact_clusters == ("li-qiang", "li-keqiang")
    assert s.clusters_exact == _new_clusters() - 2
    assert s.recall == 1.0
    assert s.proposals_total == _new_clusters() - 1 and s.precision == 1.0
    assert not s.passed and s.goals["no wrong merge"] is False


def test_a_merge_of_clusters_not_listed_as_distinct_is_still_wrong_but_not_called_out():
    answer = _perfect()
    _proposal(answer, "pavlodar")["forms"].append({"form": "Kostanay", "lang": "en"})
    s = _score(answer)
    assert [(m.clusters, m.distinct) for m in s.wrong_merges] == [(("kostanay", "pavlodar"), ())]
    assert "kostanay" in s.inexact_clusters and "pavlodar" in s.inexact_clusters


def test_a_dropped_form_lowers_recall_and_makes_its_cluster_inexact():
    answer = _perfect()
    smailov = _proposal(answer, "alikhan-smailov")
    smailov["forms"] = [f for f in smailov["forms"] if f["form"] != "Smaiylov"]
    s = _score(answer)
    assert s.forms_found == _new_forms() - 1
    assert s.recall == pytest.approx((_new_forms() - 1) / _new_forms())
    assert s.recall < 1.0
    assert s.missing_forms == (("alikhan-smailov", "Smaiylov"),)
    assert s.inexact_clusters == ("alikhan-smailov",)
    assert s.wrong_merges == () and s.goals["form recall >= 90%"]


def test_a_cluster_split_over_two_proposals_is_inexact_but_fully_recalled():
    answer = _perfect()
    semey = _proposal(answer, "semey")
    answer["proposals"].append({"id": "semipalatinsk", "concept": None,
                                "forms": [f for f in semey["forms"] if f["form"] == "Semipalatinsk"]})
    semey["forms"] = [f for f in semey["forms"] if f["form"] != "Semipalatinsk"]
    s = _score(answer)
    assert s.recall == 1.0
    assert s.inexact_clusters == ("semey",)
    assert s.wrong_merges == ()


def test_a_known_form_in_a_proposal_without_concept_is_counted_as_proposed_as_new():
    answer = _perfect()
    answer["proposals"].append({"id": "horgos", "concept": None, "forms": [{"form": "Horgos", "lang": "en"}]})
    s = _score(answer)
    assert s.known_as_new == (("horgos", "Horgos"),)
    assert not s.passed and s.goals["no known form proposed as new"] is False
    assert s.precision == 1.0  # Horgos is a truth form, of cluster khorgos


def test_a_known_form_proposed_again_under_its_concept_is_reported_not_counted_as_new():
    answer = _perfect()
    _proposal(answer, "kassym-jomart-tokayev")["forms"].append({"form": "托卡耶夫", "lang": "zh"})
    s = _score(answer)
    assert s.known_as_new == ()
    assert s.known_reproposed == (("kassym-jomart-tokayev", "托卡耶夫"),)
    assert s.passed


def test_forms_are_matched_after_case_folding_the_article_and_the_possessive():
    answer = _perfect()
    _proposal(answer, "irtysh")["forms"] = [{"form": "the IRTYSH's"}, {"form": "Ertis"}, {"form": "Yertis"},
                                            {"form": "额尔齐斯河"}]
    assert _score(answer).passed and _score(answer).recall == 1.0


def test_a_new_variant_of_a_known_concept_proposed_as_a_new_concept_is_a_wrong_link():
    answer = _perfect()
    _proposal(answer, "kassym-jomart-tokayev")["concept"] = None
    s = _score(answer)
    assert s.wrong_links == (("kassym-jomart-tokayev", None, "kassym-jomart-tokayev"),)
    assert s.passed  # reported, not a goal


def test_non_names_and_stray_forms_lower_precision_and_are_listed():
    answer = _perfect()
    answer["proposals"] += [{"id": "monday", "concept": None, "forms": [{"form": "Monday"}]},
                            {"id": "prime-minister-smailov", "concept": None,
                             "forms": [{"form": "Prime Minister Alikhan Smailov"}, {"form": "Smailov"}]}]
    s = _score(answer)
    assert s.not_names_proposed == (("monday", "Monday"),)
    assert (s.proposals_on_target, s.proposals_total) == (_new_clusters(), _new_clusters() + 2)
    # Smailov is now in two proposals: the cluster is no longer exact
    assert s.inexact_clusters == ("alikhan-smailov",)


def test_no_proposal_at_all_scores_zero_and_misses_the_goals():
    s = _score({"proposals": []})
    assert (s.forms_found, s.clusters_exact, s.proposals_total) == (0, 0, 0)
    assert s.recall == 0.0 and s.exact_rate == 0.0
    assert s.goals == {"form recall >= 90%": False, "exact clusters >= 85%": False,
                       "no wrong merge": True, "no known form proposed as new": True}


@pytest.mark.parametrize("answer, message", [
    ([], "expected an object with a list 'proposals'"),
    ({"proposals": [{"concept": 3, "forms": []}]}, "proposals[0].concept: expected a string or null"),
    ({"proposals": [{"forms": [{"lang": "en"}]}]}, "proposals[0].forms[0].form: expected a non-empty string"),
])
def test_an_answer_of_the_wrong_shape_is_an_error(answer, message):
    with pytest.raises(ce.EvalError, match=message.replace("[", r"\[").replace("]", r"\]")):
        ce.parse_answer(answer)


# --- the command line --------------------------------------------------------------------------------

def test_cli_scores_a_saved_perfect_answer_and_exits_0(tmp_path, capsys):
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(_perfect(), ensure_ascii=False), encoding="utf-8")
    assert ce.main(["--json", str(path)]) == 0
    out, err = capsys.readouterr()
    n, k = _new_forms(), _new_clusters()
    assert out.splitlines()[:6] == [
        "measure                            count    rate  goal   status",
        f"form recall                    {f'{n}/{n}':>9}  100.0%  ≥ 90%  met",
        f"exact clusters                 {f'{k}/{k}':>9}  100.0%  ≥ 85%  met",
        "wrong merges                           0          0      met",
        "known forms proposed as new            0          0      met",
        f"proposal precision             {f'{k}/{k}':>9}  100.0%",
    ]
    assert out.rstrip().endswith("goals met")
    assert err == ""


def test_cli_reports_a_damaged_answer_as_json_and_exits_1(tmp_path, capsys):
    answer = _perfect()
    keqiang = _proposal(answer, "li-keqiang")
    _proposal(answer, "li-qiang")["forms"] += keqiang["forms"]
    answer["proposals"].remove(keqiang)
    answer["proposals"].append({"id": "x", "concept": None, "forms": [{"form": "Nur-Sultan"}]})
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    assert ce.main(["--json", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["wrong_merges"] == [{"proposal": "li-qiang", "clusters": ["li-keqiang", "li-qiang"],
                                       "distinct": [["li-keqiang", "li-qiang"]]}]
    assert report["known_as_new"] == [{"proposal": "x", "form": "Nur-Sultan"}]
    assert report["goals"] == {"form recall >= 90%": True, "exact clusters >= 85%": True,
                               "no wrong merge": False, "no known form proposed as new": False}
    assert report["passed"] is False


def test_cli_input_errors_are_one_line_with_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"proposals": [\n  {"id": 1,,}\n]}', encoding="utf-8")
    assert ce.main(["--json", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"collect_eval: {bad}:2: not valid JSON: Expecting property name enclosed in double quotes\n"
    assert ce.main(["--json", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"collect_eval: {tmp_path / 'missing.json'}: cannot read: ") and err.count("\n") == 1
    assert ce.main(["--silkterm", str(tmp_path / "no-such-silkterm")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"collect_eval: cannot run {tmp_path / 'no-such-silkterm'}: ") and err.count("\n") == 1


def test_cli_runs_collect_on_the_corpus_with_glossaries_passed_through(tmp_path, capsys):
    log = tmp_path / "argv.json"
    fake = tmp_path / "silkterm"
    answer = tmp_path / "answer.json"
    answer.write_text(json.dumps(_perfect(), ensure_ascii=False), encoding="utf-8")
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"open({str(log)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
        f"sys.stdout.buffer.write(open({str(answer)!r}, 'rb').read())\n",
        encoding="utf-8")
    fake.chmod(0o755)
    assert ce.main(["--silkterm", str(fake), "-g", "a.yaml", "--glossary", "b.yaml"]) == 0
    files = [str(p) for p in sorted(ce.CORPUS.iterdir())]
    assert json.loads(log.read_text()) == ["collect", "--format", "json", *files, "-g", "a.yaml", "-g", "b.yaml"]
    assert capsys.readouterr().out.rstrip().endswith("goals met")


def test_cli_reports_a_failing_collect_in_one_line(tmp_path, capsys):
    fake = tmp_path / "silkterm"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.stderr.write('Error: No such command collect.\\n')\n"
                    "sys.exit(2)\n", encoding="utf-8")
    fake.chmod(0o755)
    assert ce.main(["--silkterm", str(fake)]) == 2
    assert capsys.readouterr().err == "collect_eval: silkterm collect failed: Error: No such command collect.\n"


# --- the truth file ----------------------------------------------------------------------------------

def test_the_truth_file_is_consistent_with_the_corpus():
    assert ce.check_truth(TRUTH, ce.read_corpus(ce.CORPUS)) == []
    assert ce.main(["--check-truth"]) == 0


def test_the_corpus_is_ten_texts_in_english_and_chinese_as_text_markdown_and_html():
    texts = ce.read_corpus(ce.CORPUS)
    assert len(texts) == 10
    assert {Path(n).suffix for n in texts} == {".txt", ".md", ".html"}
    chinese = [n for n, t in texts.items() if sum("\u4e00" <= ch <= "\u9fff" for ch in t) > 300]
    assert len(chinese) == 3
    for name, text in texts.items():
        if name not in chinese:
            assert 200 <= len(text.split()) <= 500, name


def test_check_truth_finds_a_missing_form_an_unsourced_chinese_form_and_a_shared_form():
    damaged = ce.parse_truth({
        "clusters": [
            {"id": "a", "type": "place", "concept": None,
             "forms": [{"form": "Pavlodar", "lang": "en"}, {"form": "巴甫洛达尔", "lang": "zh"}]},
            {"id": "a", "type": "place", "concept": None, "forms": [{"form": "Pavlodarr", "lang": "en"}]},
            {"id": "b", "type": "place", "concept": None, "forms": [{"form": "Pavlodar", "lang": "en"}]},
        ],
        "distinct": [["a", "c"]],
        "not_names": ["Monday", "Pavlodar", "Blursday"],
    })
    assert ce.check_truth(damaged, ce.read_corpus(ce.CORPUS)) == [
        "cluster a: Chinese form '巴甫洛达尔' names no source",
        "cluster a: id used twice",
        "cluster a: form 'Pavlodarr' is not in the corpus",
        "cluster b: form 'Pavlodar' also belongs to a",
        "distinct [a, c]: no cluster c",
        "not_names: 'Pavlodar' is a form of b",
        "not_names: 'Blursday' is not in the corpus",
    ]


def test_a_latin_form_inside_a_longer_word_does_not_count_as_written():
    assert ce.check_truth(ce.parse_truth({"clusters": [
        {"id": "x", "type": "place", "concept": None, "forms": [{"form": "Aktob", "lang": "en"}]}]}),
        {"t.txt": "Aktobe and Aqtobe"}) == ["cluster x: form 'Aktob' is not in the corpus"]


def test_the_look_alike_pairs_are_in_the_truth():
    pairs = {frozenset(p) for p in TRUTH.distinct}
    for pair in [("li-qiang", "li-keqiang"), ("aktobe", "aktau"), ("aktobe", "aktogay"), ("aktau", "aktogay"),
                 ("yerlan-abenov", "saule-abenova"), ("askar-serikov", "dana-serikova"),
                 ("marat-tokhtarov", "gulnara-tokhtarova"), ("cnpc", "petrochina")]:
        assert frozenset(pair) in pairs, pair


def test_known_flags_and_concepts_agree_with_the_built_in_glossary():
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
