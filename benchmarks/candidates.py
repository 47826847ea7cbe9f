"""Speed of the English candidate finder (issue 11 point 1) and its linearity, in this process.

Builds English news-like text (paragraphs of names, titles, acronym pairs, quotes, lines of about
70 characters, deterministic for --seed) and, on each size (--sizes, MB of text, default 0.5 2),
times in CPU time of this process (``time.process_time``; other processes on the machine disturb
it less than wall time):

* ``find_candidates_en(text)``;
* **the peer**: the plain regular expression for runs of capitalised ASCII words that
  ``benchmarks/collect_speed.py`` uses (``[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)*``, each run counted in a
  ``Counter``): the floor of what any Python name finder costs on the same text, with none of
  the candidate finder's linking words, acronyms, titles or cues.

Each of --runs rounds (default 5, at least 5) runs both on every size, so that a change of load
on the shared machine hits them alike. Printed per size: the median over the rounds with the range
(min-max), MB/s, the candidates (distinct runs for the peer), and the median (min-max) of the
per-round ratios finder time / peer time (both from the same round); then the ratio of the
finder's medians per 4x growth of the input. Verdict: every growth ratio at most 5.0.

Usage: python benchmarks/candidates.py [--sizes 0.5 2] [--runs 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import re
import statistics
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

from silkterm.glossary.candidates import find_candidates_en

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import MIN_RUNS, load, machine, ratio, spread

TARGET_TIME_RATIO = 5.0
_PEER = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")  # as benchmarks/collect_speed.py's peer
PEOPLE = ["Alikhan Smailov", "Olzhas Bektenov", "Wang Yi", "Li Qiang", "Kassym-Jomart Tokayev",
          "Murat Nurtleu", "Aigerim Seitkali", "Zhang Ming", "Roman Sklyar", "N. Nazarbayev"]
TITLES = ["Prime Minister", "Foreign Minister", "President", "Premier", "Deputy Prime Minister", "Mr", "Dr."]
PLACES = ["Kyzylorda", "Qyzylorda", "Pavlodar", "Aktobe", "Aqtobe", "Semey", "Karaganda", "Baikonur",
          "Khorgos", "Dostyk", "Aktau", "Urumqi", "Xi'an", "Almaty", "Astana"]
ORGS = [("Eurasian Economic Union", "EAEU"), ("Shanghai Cooperation Organisation", "SCO"),
        ("Kazakhstan Temir Zholy", "KTZ"), ("China National Petroleum Corporation", "CNPC")]
SENTENCES = [
    "{title} {person} met executives of KazMunayGas and Samruk-Kazyna in {place} on Monday.",
    "The {org} ({acr}) said freight through {place} and the {place2} region grew by {n} per cent.",
    "Officials at the Bank of China and Nazarbayev University called it the “new crown” economy.",
    "According to {acr}, trains from {place} to {place2} now take {n} hours, {person} told reporters.",
    "However, the plan, which the government values at {n} billion tenge, needs more investment.",
    "Residents of the {place} Region welcomed {title} {person}'s visit to the Irtysh River port.",
]


def news(size: int, rng: random.Random) -> str:
    """About ``size`` characters of paragraphs of the templates, wrapped at 70 characters."""
    parts: list[str] = []
    total = 0
    while total < size:
        org, acr = rng.choice(ORGS)
        sentences = [rng.choice(SENTENCES).format(
            title=rng.choice(TITLES), person=rng.choice(PEOPLE), place=rng.choice(PLACES),
            place2=rng.choice(PLACES), org=org, acr=acr, n=rng.randint(2, 90)) for _ in range(5)]
        paragraph = textwrap.fill(" ".join(sentences), 70) + "\n\n"
        parts.append(paragraph)
        total += len(paragraph)
    return "".join(parts)


def peer(text: str) -> int:
    """The regular-expression peer: distinct runs of capitalised ASCII words."""
    return len(Counter(" ".join(m.group().split()) for m in _PEER.finditer(text)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2.0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds (default 5, at least 5)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    rng = random.Random(args.seed)
    biggest = news(int(max(args.sizes) * 1_000_000), rng)
    texts = {size: biggest[:int(size * 1_000_000)] for size in args.sizes}
    print(machine())
    times: dict[float, list[float]] = {size: [] for size in args.sizes}
    peers: dict[float, list[float]] = {size: [] for size in args.sizes}
    found: dict[float, tuple[int, int]] = {}
    for r in range(args.runs):
        for size in args.sizes:
            gc.collect()
            start = time.process_time()
            candidates = len(find_candidates_en(texts[size]))
            times[size].append(time.process_time() - start)
            gc.collect()
            start = time.process_time()
            runs = peer(texts[size])
            peers[size].append(time.process_time() - start)
            found[size] = (candidates, runs)
        print(f"  round {r + 1}/{args.runs} done, load {load()}", flush=True)
    print(f"CPU seconds, median (min-max) of {args.runs} interleaved rounds; ratio = finder time / "
          f"peer time, per round, median (min-max)")
    print(f"{'MB':>6} {'candidates s':>22} {'MB/s':>6} {'found':>7} {'peer regex s':>22} {'MB/s':>6} "
          f"{'runs':>7} {'vs peer':>20}")
    for size in args.sizes:
        med, pmed = statistics.median(times[size]), statistics.median(peers[size])
        print(f"{size:6.2f} {spread(times[size]):>22} {size / med:6.2f} {found[size][0]:7d} "
              f"{spread(peers[size]):>22} {size / pmed:6.1f} {found[size][1]:7d} "
              f"{ratio(times[size], peers[size]):>20}")
    ratios = []
    for s1, s2 in zip(args.sizes, args.sizes[1:]):
        t1, t2 = statistics.median(times[s1]), statistics.median(times[s2])
        growth = (t2 / t1) ** (2 / max(1e-9, math.log2(s2 / s1)))  # per 4x growth
        ratios.append(growth)
        print(f"{s1:g} -> {s2:g} MB: time ratio of the medians per 4x growth {growth:.2f}")
    print(f"load after: {load()}")
    verdict = all(r <= TARGET_TIME_RATIO for r in ratios)
    print(f"verdict: {'linear' if verdict else 'NOT linear'} (target: at most {TARGET_TIME_RATIO} per 4x)")


if __name__ == "__main__":
    main()
