"""Speed of ``collect --pair`` (issue 12): 100 English-Chinese article pairs, about 1 MB, one core.

The corpus is ``benchmarks/align_speed.py``'s (the ten evaluation pairs repeated forty times with
their numbers varied, four to an article pair). Measured, in this process, CPU time
(``time.process_time``), median of --runs (default 5) interleaved runs with the range:

- **collect --pair**: :func:`silkterm.tm.parallel.collect_parallel` over the 100 pairs (collect
  over the 200 texts, each pair aligned, its names paired, the pairs fed to the clustering) — what
  the command runs after start-up; the Chinese tokenizer is built once before (start-up cost, not
  per pair);
- **peer, plain collect**: :func:`silkterm.glossary.collect.collect` over the same 200 texts, no
  alignment and no pairing, with the same tokenizer: what pairing adds is the difference.

Usage: python benchmarks/pair_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from silkterm.glossary import load_glossary
from silkterm.glossary.collect import Collector

sys.path.insert(0, str(Path(__file__).resolve().parent))
from align_speed import corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from silkterm.tm.parallel import collect_parallel

    texts = corpus()
    size = sum(len(en.encode("utf-8")) + len(zh.encode("utf-8")) for en, zh in texts) / 1e6
    glossary = load_glossary()
    tokenizer = Collector(glossary).tokenizer  # start-up: built once
    pairs = [((f"{i}.en.txt", en, "text"), (f"{i}.zh.txt", zh, "text")) for i, (en, zh) in enumerate(texts)]
    times: dict[str, list[float]] = {"collect --pair": [], "plain collect": []}
    names = 0
    for _ in range(args.runs):
        start = time.process_time()
        result = collect_parallel(pairs, [], glossary, tokenizer=tokenizer)
        times["collect --pair"].append(time.process_time() - start)
        names = sum(len(p.names) for p in result.pairs)
        start = time.process_time()
        collector = Collector(glossary, tokenizer=tokenizer)
        for (en_name, en, _), (zh_name, zh, _) in pairs:
            collector.add([en], en_name)
            collector.add([zh], zh_name)
        collector.result()
        times["plain collect"].append(time.process_time() - start)
    for label, values in times.items():
        print(f"{label}: {len(pairs)} pairs, {size:.2f} MB: median {statistics.median(values):.2f} s "
              f"(range {min(values):.2f}-{max(values):.2f}, {args.runs} runs)")
    print(f"name pairs found: {names}; target (issue 12): 100 pairs aligned in under 10 s")


if __name__ == "__main__":
    main()
