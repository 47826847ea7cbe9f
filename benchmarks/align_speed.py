"""Alignment speed (issue 12): 100 English-Chinese article pairs, about 1 MB, on one core.

The ten pairs of ``benchmarks/align`` are repeated forty times, each copy's numbers varied (every
digit run gets the copy number added to it, the same way on both sides, so no copy is identical and
the number anchors still agree), and joined four at a time into 100 article pairs of about 10 KB.
Each pair is aligned with ``align_texts`` and the built-in glossary, three ways:

* the full aligner: Gale-Church with the anchors (glossary terms, numbers, names), two passes, the
  second with the name pairs learnt in the first (a fresh
  :class:`~silkterm.glossary.namepairs.NamePairer` per run, its tokenizer built outside the timing
  as ``collect --pair`` builds it once);
* Gale-Church with the anchors, one pass;
* **the peer**: the plain length-only Gale-Church model, the same function with the anchors off.
  It is the classic baseline the aligner extends (Gale and Church 1993: sentence lengths only),
  measured on the same input in the same run; so the ratio says what the anchors cost on top of
  splitting the sentences and the length-based dynamic programme that every aligner pays.

Each of --runs rounds (default 5, at least 5) runs the three once over the 100 pairs, so that a
change of load on the shared machine hits them alike. Timed: CPU time (``time.process_time``);
printed: the median over the rounds with the range (min-max), and the median (min-max) of the
per-round ratios aligner time / peer time (both from the same round).

    python benchmarks/align_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from pathlib import Path

import yaml
from silkterm.glossary import load_glossary
from silkterm.glossary.collect import Collector
from silkterm.glossary.namepairs import NamePairer
from silkterm.tm.align import align_texts

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import MIN_RUNS, load, machine, ratio, spread

ALIGN = Path(__file__).resolve().parent / "align"


def corpus() -> list[tuple[str, str]]:
    pairs = yaml.safe_load((ALIGN / "truth.yaml").read_text(encoding="utf-8"))["pairs"]
    base = [((ALIGN / p["en"]).read_text(encoding="utf-8"), (ALIGN / p["zh"]).read_text(encoding="utf-8"))
            for p in pairs]
    copies = []
    for copy in range(40):
        def vary(text: str, k: int = copy) -> str:
            return re.sub(r"\d+", lambda m: str(int(m.group()) + k), text)
        copies.extend((vary(en), vary(zh)) for en, zh in base)
    return [("\n\n".join(en for en, _ in copies[i:i + 4]), "\n\n".join(zh for _, zh in copies[i:i + 4]))
            for i in range(0, len(copies), 4)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5,
                        help="interleaved rounds (default 5, at least 5)")
    args = parser.parse_args()
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    texts = corpus()
    size = sum(len(en.encode()) + len(zh.encode()) for en, zh in texts)
    glossary = load_glossary()
    align_texts(*texts[0], glossary=glossary)  # build the matcher outside the timing
    tokenizer = Collector(glossary).tokenizer  # built once per run of collect --pair: outside too
    print(machine())
    ways = {"Gale-Church + anchors, two passes (learnt name pairs)": (True, True),
            "Gale-Church + anchors, one pass": (True, False),
            "peer: Gale-Church, length only": (False, False)}
    times: dict[str, list[float]] = {label: [] for label in ways}
    for r in range(args.runs):
        for label, (anchors, second) in ways.items():
            gc.collect()
            t0 = time.process_time()
            pairer = NamePairer.of(glossary, tokenizer) if second else None  # a fresh one: nothing remembered
            for en, zh in texts:
                align_texts(en, zh, glossary=glossary, anchors=anchors, pairer=pairer)
            times[label].append(time.process_time() - t0)
        print(f"  round {r + 1}/{args.runs} done, load {load()}", flush=True)
    peer = times["peer: Gale-Church, length only"]
    print(f"{len(texts)} pairs, {size / 1e6:.2f} MB; CPU seconds, median (min-max) of {args.runs} "
          f"interleaved rounds; ratio = time / the peer's time, per round, median (min-max)")
    print(f"{'aligner':54} {'CPU s':>20} {'vs length only':>20}")
    for label, values in times.items():
        print(f"{label:54} {spread(values, '.2f'):>20} {ratio(values, peer):>20}")
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
