"""Speed of ``collect --pair`` (issue 12): 100 English-Chinese article pairs, about 1 MB, one core.

The corpus is ``benchmarks/align_speed.py``'s (the ten evaluation pairs repeated forty times with
their numbers varied, four to an article pair). Measured, in this process, CPU time
(``time.process_time``) of each of --runs (default 5, at least 5) interleaved rounds, each round
running both once, the caches of per-form work emptied before each run (as in a fresh process):

- **collect --pair**: :func:`silkterm.tm.parallel.collect_parallel` over the 100 pairs (collect
  over the 200 texts, each pair aligned, its names paired, the pairs fed to the clustering) — what
  the command runs after start-up; the Chinese tokenizer is built once before (start-up cost, not
  per pair);
- **peer, plain collect**: :func:`silkterm.glossary.collect.collect` over the same 200 texts, no
  alignment and no pairing, with the same tokenizer: what pairing adds is the difference.

Printed: the median over the rounds with the range (min-max) of each, and the median (min-max) of
the per-round ratios collect --pair time / plain collect time (both from the same round).

Usage: python benchmarks/pair_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from silkterm.glossary import load_glossary
from silkterm.glossary.candidates import clear_word_cache
from silkterm.glossary.collect import Collector
from silkterm.glossary.phonetic import clear_caches as clear_loose_keys
from silkterm.glossary.xinhua import toneless

sys.path.insert(0, str(Path(__file__).resolve().parent))
from align_speed import corpus
from benchstats import MIN_RUNS, load, machine, ratio, spread


def _fresh() -> None:
    """Empty the caches of per-form work, as a fresh process starts with them empty."""
    clear_loose_keys()
    toneless.cache_clear()
    clear_word_cache()
    gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds (default 5, at least 5)")
    args = parser.parse_args()
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    from silkterm.tm.parallel import collect_parallel

    texts = corpus()
    size = sum(len(en.encode("utf-8")) + len(zh.encode("utf-8")) for en, zh in texts) / 1e6
    glossary = load_glossary()
    tokenizer = Collector(glossary).tokenizer  # start-up: built once
    pairs = [((f"{i}.en.txt", en, "text"), (f"{i}.zh.txt", zh, "text")) for i, (en, zh) in enumerate(texts)]
    print(machine())
    times: dict[str, list[float]] = {"collect --pair": [], "plain collect (peer)": []}
    names = 0
    for r in range(args.runs):
        _fresh()
        start = time.process_time()
        result = collect_parallel(pairs, [], glossary, tokenizer=tokenizer)
        times["collect --pair"].append(time.process_time() - start)
        names = sum(len(p.names) for p in result.pairs)
        _fresh()
        start = time.process_time()
        collector = Collector(glossary, tokenizer=tokenizer)
        for (en_name, en, _), (zh_name, zh, _) in pairs:
            collector.add([en], en_name)
            collector.add([zh], zh_name)
        collector.result()
        times["plain collect (peer)"].append(time.process_time() - start)
        print(f"  round {r + 1}/{args.runs} done, load {load()}", flush=True)
    peer = times["plain collect (peer)"]
    print(f"{len(pairs)} pairs, {size:.2f} MB; CPU seconds, median (min-max) of {args.runs} "
          f"interleaved rounds; ratio = time / the peer's time, per round, median (min-max)")
    for label, values in times.items():
        print(f"{label:22} {spread(values, '.2f'):>20} {ratio(values, peer):>20}")
    print(f"load after: {load()}")
    print(f"name pairs found: {names}; target (issue 12): 100 pairs aligned in under 10 s")


if __name__ == "__main__":
    main()
