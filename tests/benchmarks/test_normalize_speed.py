"""benchmarks/normalize_speed.py: the text and the glossaries it measures on, and its peers'
counts (no timing here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from silkterm.glossary import load_glossary
from silkterm.glossary.index import index_of

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "normalize_speed.py"


def _load():
    spec = importlib.util.spec_from_file_location("normalize_speed", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["normalize_speed"] = module
    spec.loader.exec_module(module)
    return module


ns = _load()


def test_the_text_is_the_seeds_repeated() -> None:
    seed = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    text, copies = ns.seed_text(0.2)
    assert copies == round(0.2e6 / len(seed.encode("utf-8"))) and text == seed * copies


def test_synthetic_concepts_that_clash_with_the_glossary_are_left_out() -> None:
    builtin = load_glossary()
    big, added = ns.with_synthetic(builtin, 300, 1)
    assert len(big) == len(builtin) + added and 250 < added <= 300
    assert len(index_of(big).matcher) > len(index_of(builtin).matcher)  # no form claimed twice


def test_every_peer_runs_and_silkterm_finds_what_normalize_finds() -> None:
    from silkterm.glossary.apply import normalize

    glossary = load_glossary()
    text, _ = ns.seed_text(0.05)
    calls = ns.peers(glossary, text)
    assert set(calls) == {"cli", "no-unseen", "flashtext", "raw-scan"}
    assert calls["cli"]() == len(normalize(text, glossary).findings)
    assert calls["no-unseen"]() == len(normalize(text, glossary, unseen=False).findings)
    assert calls["flashtext"]() > calls["cli"]() and calls["raw-scan"]() > calls["cli"]()


def test_the_fallback_comparison_runs_both_loops_and_puts_the_core_back(capsys) -> None:
    """Both loops where the compiled core is built; where it is not (the install without a
    compiler that .ci/run also tests), a one-line refusal."""
    import pytest
    from silkterm.glossary import compiled

    core = compiled.core
    if core is None:
        with pytest.raises(SystemExit, match="the compiled core is not built"):
            ns._fallback(0.02, 5)
        return
    ns._fallback(0.02, 5)
    out = capsys.readouterr().out
    assert "compiled core " in out and "Python loops " in out and "Python loops / compiled core:" in out
    assert compiled.core is core
