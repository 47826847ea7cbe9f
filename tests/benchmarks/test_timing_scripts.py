"""The timing benchmarks' shared figures (benchmarks/benchstats.py), their round order, their
peers' counts and their refusal of fewer than five runs (no timing here)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"


def _load(name: str) -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


stats = _load("benchstats")


def test_spread_is_the_median_with_the_range() -> None:
    assert stats.spread([0.3, 0.1, 0.2, 0.5, 0.4]) == "0.300 (0.100-0.500)"
    assert stats.spread([2.0, 1.0], ".1f") == "1.5 (1.0-2.0)"
    assert stats.spread([-0.1, 0.2, 0.05], "+.0%") == "+5% (-10% to +20%)"


def test_ratios_are_taken_per_round_then_summarised() -> None:
    # the median of the per-round ratios, not the ratio of the medians
    peer, ours = [1.0, 4.0, 9.0], [1.0, 2.0, 3.0]
    assert stats.per_round(peer, ours) == [1.0, 2.0, 3.0]
    assert stats.median_ratio(peer, ours) == 2.0
    assert stats.ratio(peer, ours) == "2.00x (1.00-3.00)"
    assert stats.per_round([1.0], [0.0]) == [float("inf")]
    with pytest.raises(ValueError, match="one time of each peer per round"):
        stats.per_round([1.0, 2.0], [1.0])


def test_the_machine_line_names_cpu_cores_python_and_load() -> None:
    line = stats.machine()
    assert line.startswith("machine: ") and " CPUs; Python " in line and "; load average " in line


def test_match_rounds_run_every_peer_once_each_rotated() -> None:
    match = _load("match")
    order = match.rounds(["silkterm", "no-unseen", "flashtext"], 5)
    assert order == [["silkterm", "no-unseen", "flashtext"], ["no-unseen", "flashtext", "silkterm"],
                     ["flashtext", "silkterm", "no-unseen"], ["silkterm", "no-unseen", "flashtext"],
                     ["no-unseen", "flashtext", "silkterm"]]
    assert set(match.STEPS.values()) == {"silkterm", "silkterm-plain", "flashtext"}


def test_the_candidates_peer_counts_distinct_capitalised_runs() -> None:
    candidates = _load("candidates")
    # the run across a line break is the same run; an acronym is no capitalised word
    assert candidates.peer("Prime Minister Alikhan Smailov met Wang Yi. Prime Minister\nAlikhan "
                           "Smailov left; the KTZ said") == 2


def test_the_variants_peer_romanises_each_script_once() -> None:
    variants = _load("variants")
    concepts = variants.synthetic(4)
    assert [c.id for c in concepts] == ["c0", "c1", "c2", "c3"]
    assert variants.synthetic(4) == concepts  # deterministic
    assert variants._peer(concepts) == 12  # Chinese, Kazakh, Russian of each
    assert "Алматы".translate(variants._LATIN) == "Almaty"
    assert variants._silkterm(concepts) > 0


@pytest.mark.parametrize(("script", "option"), [
    ("match.py", "--repeat"), ("automaton.py", "--runs"), ("align_speed.py", "--runs"),
    ("pair_speed.py", "--runs"), ("candidates.py", "--runs"), ("tm.py", "--runs"),
    ("pg_memory.py", "--runs"), ("variants.py", "--runs"),
])
def test_fewer_than_five_runs_are_refused(script: str, option: str) -> None:
    proc = subprocess.run([sys.executable, str(BENCH / script), option, "4"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"error: {option} must be at least 5" in proc.stderr
