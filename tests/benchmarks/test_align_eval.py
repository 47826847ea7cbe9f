"""benchmarks/align_eval.py: its measures pinned on small cases, and the figures it prints."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from silkterm.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "align_eval.py"


def _load():
    spec = importlib.util.spec_from_file_location("align_eval", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["align_eval"] = module
    spec.loader.exec_module(module)
    return module


ae = _load()


def test_lax_counts_links_sharing_a_sentence_on_each_side():
    truth = [(("a", "b"), ("x",)), (("c",), ("y",)), (("d",), ())]
    found = [(("a",), ("x",)), (("b",), ()), (("c",), ("x",)), (("d",), ("z",))]
    assert ae.lax_hits(found, truth) == (1, 3)  # a~x shares a and x with ab~x; c~x, d~z no truth link
    assert ae.lax_hits(truth, found) == (1, 2)  # c~y: c found with x, not y


def test_a_pair_of_one_concept_is_right_though_the_truth_leaves_it_out():
    glossary = load_glossary()
    assert ae.same_concept("Kazakhstan", "哈萨克斯坦", glossary)
    assert not ae.same_concept("Aktobe", "阿克套", glossary)


def test_the_script_prints_the_measures_and_says_whether_the_goals_are_met(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["align_eval.py"])
    status = ae.main()
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["pair", "links", "strict", "P/R/F1", "lax", "P/R", "names", "P/R", "on", "hand",
                                "alignment", "P/R"]
    assert len(lines) == 1 + 10 + 4
    assert lines[11].startswith("alignment, strict: precision ")
    f1 = float(lines[11].split("F1 ")[1].split()[0])
    assert 0.9 <= f1 <= 1.0
    met = "(met, goal 0.95)" in lines[11] and "(met, goal recall" in lines[13]
    assert status == (0 if met else 1)
