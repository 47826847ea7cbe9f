"""Which Aho-Corasick library should silkterm's matcher use? pyahocorasick vs ahocorasick-rs.

silkterm needs the leftmost-longest hits (and, where a hit fails its word-boundary or case check,
all overlapping hits of that window), with code-point offsets, on mixed English and Chinese text.
This script

1. checks each library's own leftmost-longest mode against a brute-force reference on random
   small pattern sets and texts (pyahocorasick ``iter_long``, ahocorasick-rs ``LeftmostLongest``);
2. builds both automatons over the same forms (the built-in glossary's surface forms plus
   synthetic Latin and Han names), scans the same mixed text for all overlapping hits with both,
   checks that they report the same (start, end) hits, and times them;
3. times ahocorasick-rs's leftmost-longest scan with each of its automaton implementations.

    python benchmarks/automaton.py [--mb 5] [--forms 40000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import ahocorasick
import ahocorasick_rs

from silkterm.glossary import load_glossary
from silkterm.glossary.folding import fold

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


def best_of(repeat: int, fn, *args):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--forms", type=int, default=40_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--trials", type=int, default=5000)
    args = ap.parse_args()
    rng = random.Random(7)
    py_bad, rs_bad = leftmost_longest_errors(args.trials, rng)
    print(f"leftmost-longest vs brute force, {args.trials} random cases: "
          f"pyahocorasick iter_long wrong in {py_bad}, ahocorasick-rs LeftmostLongest wrong in {rs_bad}")
    patterns = forms(args.forms, rng)
    haystack = fold(text(args.mb, patterns, rng))

    t = time.perf_counter()
    py = ahocorasick.Automaton()
    for p in patterns:
        py.add_word(p, len(p))
    py.make_automaton()
    py_build = time.perf_counter() - t
    t = time.perf_counter()
    rs = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
    rs_build = time.perf_counter() - t

    py_time, py_hits = best_of(args.repeat, scan_py, py, haystack)
    rs_time, rs_hits = best_of(args.repeat, scan_rs, rs, patterns, haystack)
    same = py_hits == rs_hits
    print(f"{len(patterns)} forms, {len(haystack) / 1e6:.1f} M code points of mixed text, "
          f"{len(py_hits)} hits")
    print(f"{'library':16} {'build s':>8} {'scan s':>8} {'MB/s':>7}  same hits")
    for name, build, scan in (("pyahocorasick", py_build, py_time), ("ahocorasick-rs", rs_build, rs_time)):
        print(f"{name:16} {build:8.2f} {scan:8.2f} {args.mb / scan:7.1f}  {same}")
    if not same:
        print(f"only pyahocorasick: {len(py_hits - rs_hits)}, only ahocorasick-rs: {len(rs_hits - py_hits)}")
    print("\nahocorasick-rs leftmost-longest scan by implementation:")
    print(f"{'implementation':18} {'build s':>8} {'scan s':>8} {'MB/s':>7}")
    for impl in ("NoncontiguousNFA", "ContiguousNFA", "DFA"):
        t = time.perf_counter()
        automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                               implementation=getattr(ahocorasick_rs.Implementation, impl))
        build = time.perf_counter() - t
        scan, _ = best_of(args.repeat, automaton.find_matches_as_indexes, haystack)
        print(f"{impl:18} {build:8.2f} {scan:8.2f} {args.mb / scan:7.1f}")
    faster = "pyahocorasick" if py_time <= rs_time else "ahocorasick-rs"
    print(f"verdict: {faster} scans all hits faster ({max(py_time, rs_time) / min(py_time, rs_time):.2f}x), "
          f"hits {'identical' if same else 'DIFFER'}; only ahocorasick-rs has a correct leftmost-longest "
          f"mode" if rs_bad == 0 and py_bad else "")


if __name__ == "__main__":
    main()
