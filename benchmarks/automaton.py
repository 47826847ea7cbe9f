"""Which Aho-Corasick library should silkterm's matcher use? pyahocorasick vs ahocorasick-rs.

silkterm needs the leftmost-longest hits (and, where a hit fails its word-boundary or case check,
all overlapping hits of that window), with code-point offsets, on mixed English and Chinese text.
This script

1. checks each library's own leftmost-longest mode against a brute-force reference on random
   small pattern sets and texts (pyahocorasick ``iter_long``, ahocorasick-rs ``LeftmostLongest``);
2. builds both automatons over the same forms (the built-in glossary's surface forms plus
   synthetic Latin and Han names), scans the same mixed text for all overlapping hits with both,
   checks that they report the same (start, end) hits, and times them;
3. times ahocorasick-rs's leftmost-longest scan with each of its automaton implementations,
   against pyahocorasick's leftmost-longest scan (``iter_long``) of the same text as the peer.

The timed scans are interleaved: each of --runs rounds (default 5, at least 5) runs every scan
once, so that a change of load on the shared machine hits them alike. Each is timed as the CPU
time of this process (``time.process_time``); printed as the median over the rounds with the range
(min-max), and as the median (min-max) of the per-round ratios pyahocorasick time / scan time
(both from the same round). The build times are one build each, for context (not judged).

    python benchmarks/automaton.py [--mb 5] [--forms 40000] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ahocorasick
import ahocorasick_rs
from silkterm.glossary import load_glossary
from silkterm.glossary.folding import fold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import MIN_RUNS, load, machine, median_ratio, ratio, spread

SYLLABLES = ["ka", "zakh", "ar", "bek", "ol", "nur", "sul", "tan", "zhan", "as", "ta", "na", "er",
             "gen", "ov", "ali", "mu", "rat", "khor", "gos", "dy", "bai", "ka", "dam"]
HAN = "阿拉木图努尔苏丹霍尔果斯哈萨克斯坦中国新华社一带一路光明之路熊猫血冼星海连云港丝绸经济"


def forms(n: int, rng: random.Random) -> list[str]:
    out = {fold(v.form) for c in load_glossary() for v in c.forms()}
    while len(out) < n:
        if rng.random() < 0.7:
            words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                     for _ in range(rng.randint(1, 3))]
            out.add(" ".join(words))
        else:
            out.add("".join(rng.choice(HAN) for _ in range(rng.randint(2, 5))))
    return sorted(out)


def text(mb: float, pool: list[str], rng: random.Random) -> str:
    filler = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "was", "at", "from", "it", "中", "国", "的", "和", "在", "是", "了", "合", "作", "发", "展"]
    parts: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        chunk = " ".join(rng.choice(pool) if rng.random() < 0.04 else rng.choice(filler)
                         for _ in range(200))
        parts.append(chunk)
        size += len(chunk.encode())
    return "\n".join(parts)


def scan_py(automaton: ahocorasick.Automaton, haystack: str) -> set[tuple[int, int]]:
    return {(end - length + 1, end + 1) for end, length in automaton.iter(haystack)}


def scan_rs(automaton: ahocorasick_rs.AhoCorasick, patterns: list[str], haystack: str) -> set[tuple[int, int]]:
    return {(start, end) for _, start, end in automaton.find_matches_as_indexes(haystack, overlapping=True)}


def brute_force(keys: list[str], text: str) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(text):
        best = max((k for k in keys if text.startswith(k, i)), key=len, default=None)
        if best:
            out.append((i, i + len(best)))
            i += len(best)
        else:
            i += 1
    return out


def leftmost_longest_errors(trials: int, rng: random.Random) -> tuple[int, int]:
    """Cases (of ``trials``) where each library's leftmost-longest mode differs from brute force."""
    py_bad = rs_bad = 0
    for _ in range(trials):
        keys = sorted({"".join(rng.choice("abcé中") for _ in range(rng.randint(1, 4)))
                       for _ in range(rng.randint(1, 6))})
        hay = "".join(rng.choice("abcdé中") for _ in range(rng.randint(0, 20)))
        want = brute_force(keys, hay)
        py = ahocorasick.Automaton()
        for k in keys:
            py.add_word(k, len(k))
        py.make_automaton()
        py_bad += [(e - n + 1, e + 1) for e, n in py.iter_long(hay)] != want
        rs = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        rs_bad += [(s, e) for _, s, e in rs.find_matches_as_indexes(hay)] != want
    return py_bad, rs_bad


def scan_py_long(automaton: ahocorasick.Automaton, haystack: str) -> int:
    return sum(1 for _ in automaton.iter_long(haystack))


def scan_rs_long(automaton: ahocorasick_rs.AhoCorasick, haystack: str) -> int:
    return len(automaton.find_matches_as_indexes(haystack))


def interleaved(runs: int, calls: dict[str, Callable[[], object]]) -> tuple[dict[str, list[float]], dict[str, object]]:
    """CPU seconds of each call in each of ``runs`` rounds (every call once per round), and the
    result of each call's last run."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    results: dict[str, object] = {}
    for _ in range(runs):
        for name, call in calls.items():
            gc.collect()
            t = time.process_time()
            results[name] = call()
            times[name].append(time.process_time() - t)
    return times, results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--forms", type=int, default=40_000)
    ap.add_argument("--runs", "--repeat", dest="runs", type=int, default=5,
                    help="interleaved rounds of the timed scans (default 5, at least 5)")
    ap.add_argument("--trials", type=int, default=5000)
    args = ap.parse_args()
    if args.runs < MIN_RUNS:
        ap.error(f"--runs must be at least {MIN_RUNS}")
    rng = random.Random(7)
    py_bad, rs_bad = leftmost_longest_errors(args.trials, rng)
    print(f"leftmost-longest vs brute force, {args.trials} random cases: "
          f"pyahocorasick iter_long wrong in {py_bad}, ahocorasick-rs LeftmostLongest wrong in {rs_bad}")
    patterns = forms(args.forms, rng)
    haystack = fold(text(args.mb, patterns, rng))
    print(machine())

    t = time.process_time()
    py = ahocorasick.Automaton()
    for p in patterns:
        py.add_word(p, len(p))
    py.make_automaton()
    build = {"pyahocorasick": time.process_time() - t}
    t = time.process_time()
    rs = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
    build["ahocorasick-rs"] = time.process_time() - t
    impls = ("NoncontiguousNFA", "ContiguousNFA", "DFA")
    longest = {}
    for impl in impls:
        t = time.process_time()
        longest[impl] = ahocorasick_rs.AhoCorasick(
            patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=getattr(ahocorasick_rs.Implementation, impl))
        build[impl] = time.process_time() - t

    calls: dict[str, Callable[[], object]] = {
        "pyahocorasick": lambda: scan_py(py, haystack),
        "ahocorasick-rs": lambda: scan_rs(rs, patterns, haystack),
        "iter_long": lambda: scan_py_long(py, haystack),
    }
    for impl in impls:
        calls[impl] = lambda a=longest[impl]: scan_rs_long(a, haystack)
    times, results = interleaved(args.runs, calls)
    py_hits, rs_hits = results["pyahocorasick"], results["ahocorasick-rs"]
    assert isinstance(py_hits, set) and isinstance(rs_hits, set)
    same = py_hits == rs_hits
    mb = len(haystack.encode("utf-8")) / 1e6
    print(f"{len(patterns)} forms, {len(haystack) / 1e6:.1f} M code points ({mb:.1f} MB) of mixed "
          f"text, {len(py_hits)} hits; CPU seconds, median (min-max) of {args.runs} interleaved "
          f"rounds; ratio = pyahocorasick / library, per round, median (min-max)")
    print(f"\nall overlapping hits:\n{'library':16} {'build s':>8} {'scan s':>22} {'MB/s':>7} "
          f"{'vs pyahocorasick':>20}  same hits")
    for name in ("pyahocorasick", "ahocorasick-rs"):
        print(f"{name:16} {build[name]:8.2f} {spread(times[name]):>22} "
              f"{mb / statistics.median(times[name]):7.1f} "
              f"{ratio(times['pyahocorasick'], times[name]):>20}  {same}")
    if not same:
        print(f"only pyahocorasick: {len(py_hits - rs_hits)}, only ahocorasick-rs: {len(rs_hits - py_hits)}")
    print(f"\nleftmost-longest scan (peer: pyahocorasick iter_long):\n{'implementation':18} "
          f"{'build s':>8} {'scan s':>22} {'MB/s':>7} {'vs iter_long':>20} {'hits':>8}")
    for name in ("iter_long", *impls):
        shown = build["pyahocorasick"] if name == "iter_long" else build[name]
        print(f"{name:18} {shown:8.2f} {spread(times[name]):>22} "
              f"{mb / statistics.median(times[name]):7.1f} "
              f"{ratio(times['iter_long'], times[name]):>20} {results[name]:>8}")
    speed = median_ratio(times["pyahocorasick"], times["ahocorasick-rs"])
    faster = "ahocorasick-rs" if speed >= 1 else "pyahocorasick"
    print(f"load after: {load()}")
    print(f"verdict: {faster} scans all hits faster ({max(speed, 1 / speed):.2f}x, median of the "
          f"per-round ratios), hits {'identical' if same else 'DIFFER'}"
          + ("; only ahocorasick-rs has a correct leftmost-longest mode" if rs_bad == 0 and py_bad else ""))


if __name__ == "__main__":
    main()
