"""Speed of the English candidate finder (issue 11 point 1) and its linearity, in this process.

Builds English news-like text (paragraphs of names, titles, acronym pairs, quotes, lines of about
70 characters, deterministic for --seed), runs ``find_candidates_en`` on each size (--sizes, MB of
text, default 0.5 2), best of --runs (default 3) in CPU time of this process (other processes on
the machine disturb it less than wall time), and prints the time, MB/s and candidates per size,
and the time ratio per 4x growth of the input. Verdict: every ratio at most 5.0.

Usage: python benchmarks/candidates.py [--sizes 0.5 2] [--runs 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random
import textwrap
import time

from silkterm.glossary.candidates import find_candidates_en

TARGET_TIME_RATIO = 5.0
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2.0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    biggest = news(int(max(args.sizes) * 1_000_000), rng)
    times = []
    for size in args.sizes:
        text = biggest[:int(size * 1_000_000)]
        best = float("inf")
        for _ in range(args.runs):
            start = time.process_time()
            found = find_candidates_en(text)
            best = min(best, time.process_time() - start)
        times.append(best)
        print(f"{size:6.2f} MB  {best:7.3f} s  {size / best:6.2f} MB/s  {len(found):8d} candidates")
    ratios = []
    for (s1, t1), (s2, t2) in zip(zip(args.sizes, times), zip(args.sizes[1:], times[1:])):
        ratio = (t2 / t1) ** (2 / max(1e-9, math.log2(s2 / s1)))  # per 4x growth
        ratios.append(ratio)
        print(f"{s1:g} -> {s2:g} MB: time ratio per 4x growth {ratio:.2f}")
    verdict = all(r <= TARGET_TIME_RATIO for r in ratios)
    print(f"verdict: {'linear' if verdict else 'NOT linear'} (target: at most {TARGET_TIME_RATIO} per 4x)")


if __name__ == "__main__":
    main()
