"""Precision and recall of silkterm's variant recognition on the labelled set tests/data/variants.tsv.

Each row is a real-world spelling with the concept it denotes (``match``) or a concept it must not
be taken for (``negative``, a hard negative), and the rule family that explains it. Two ways of
recognising a spelling are scored:

- **text**: the spelling inside a sentence, through ``find_terms`` (listed and generated variants
  match; unseen spellings come back as scored suggestions): the concept of the finding that
  covers the spelling;
- **lookup**: ``lookup(spelling)``: the best match's concept when it is an exact, folded or loose
  fold hit (score ≥ 95, ``--min-score``); fuzzy near-miss suggestions (70–94) are not recognition.

For a ``match`` row the right concept is a true positive, anything else a miss (and a wrong
concept also a false positive); for a ``negative`` row, returning the forbidden concept is a false
positive. Precision = TP / (TP + FP), recall = TP / match rows. Targets: recall ≥ 95% with
precision ≥ 99%. Also prints the time to generate variants for a 10,000-concept glossary.

    python benchmarks/variants.py [--misses] [--min-score 90]
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import defaultdict
from pathlib import Path

from silkterm.glossary import find_terms, load_glossary, lookup

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "variants.tsv"
SENTENCE = "Reports from {} were read on Monday."


def in_text(form: str, glossary) -> str | None:  # type: ignore[no-untyped-def]
    text = SENTENCE.format(form)
    start = text.index(form)
    for f in find_terms(text, glossary):
        if f.start <= start and f.end >= start + len(form) - 2 and not f.candidates:
            return f.concept_id
    return None


def by_lookup(form: str, glossary, min_score: int) -> str | None:  # type: ignore[no-untyped-def]
    matches = lookup(form, glossary, limit=1).matches
    return matches[0].concept_id if matches and matches[0].score >= min_score else None


def score(rows: list[dict[str, str]], predict) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        got = predict(row["form"])
        for family in (row["family"], "all"):
            t = table[family]
            if row["label"] == "match":
                t["match"] += 1
                if got == row["concept"]:
                    t["tp"] += 1
                elif got is not None:
                    t["fp"] += 1
            else:
                t["negative"] += 1
                if got == row["concept"]:
                    t["fp"] += 1
        row.setdefault("got", {})[predict.__name__] = got  # type: ignore[index, attr-defined]
    return table


def report(name: str, table: dict[str, dict[str, int]]) -> tuple[float, float]:
    print(f"\n{name}")
    print(f"{'family':14} {'match':>5} {'neg':>4} {'TP':>4} {'FP':>4} {'recall':>7} {'precision':>9}")
    order = sorted(k for k in table if k != "all") + ["all"]
    result = (0.0, 0.0)
    for family in order:
        t = table[family]
        recall = t["tp"] / t["match"] if t["match"] else float("nan")
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else float("nan")
        print(f"{family:14} {t['match']:>5} {t['negative']:>4} {t['tp']:>4} {t['fp']:>4} "
              f"{recall:>7.1%} {precision:>9.1%}")
        if family == "all":
            result = (recall, precision)
    return result


def generation_time(n: int) -> float:
    from silkterm.glossary.loader import generate_variants
    from silkterm.glossary.model import Concept, ConceptType

    rng = random.Random(3)
    han = "阿拉木图努尔苏丹霍尔果斯哈萨克斯坦新华社光明之路熊猫血冼星海连云港丝绸经济张王李赵刘陈杨黄周吴"
    kk = "абвгдежзийклмнопрстуфхшыіәғқңөұүһ"
    concepts = []
    for i in range(n):
        zh = "".join(rng.choice(han) for _ in range(rng.randint(2, 4)))
        cyr = "".join(rng.choice(kk) for _ in range(rng.randint(4, 9))).capitalize()
        kind = ConceptType.PERSON if i % 2 else ConceptType.PLACE
        concepts.append(Concept(f"c{i}", kind, f"Name{i}", zh=zh, kk=cyr, ru=cyr.replace("і", "и")))
    t0 = time.perf_counter()
    out = generate_variants(concepts)
    seconds = time.perf_counter() - t0
    print(f"\ngenerating variants for {n:,} concepts: {seconds:.1f} s, "
          f"{sum(len(c.variants) for c in out):,} variants (target < 30 s; cached afterwards)")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--misses", action="store_true", help="list misses and false positives")
    ap.add_argument("--min-score", type=int, default=95, help="lowest lookup score counted (95: loose fold)")
    ap.add_argument("--concepts", type=int, default=10_000, help="glossary size for the timing")
    args = ap.parse_args()
    rows = list(csv.DictReader(DATA.open(encoding="utf-8"), delimiter="\t"))
    glossary = load_glossary()
    print(f"{len(rows)} labelled spellings ({sum(r['label'] == 'match' for r in rows)} match, "
          f"{sum(r['label'] == 'negative' for r in rows)} negative) from {DATA.name}")

    def text(form: str) -> str | None:
        return in_text(form, glossary)

    def lookup_(form: str) -> str | None:
        return by_lookup(form, glossary, args.min_score)

    verdicts = []
    for name, fn in (("text", text), ("lookup", lookup_)):
        recall, precision = report(f"recognition in running text ({name})" if name == "text"
                                   else f"lookup (suggestions scored >= {args.min_score})",
                                   score(rows, fn))
        good = recall >= 0.95 and precision >= 0.99
        verdicts.append(f"{name}: recall {recall:.1%}, precision {precision:.1%}"
                        f"{'' if good else ' (target recall >= 95%, precision >= 99%: MISSED)'}")
    if args.misses:
        print("\nmisses and false positives:")
        for row in rows:
            got = row["got"]  # type: ignore[index]
            for how, concept in got.items():  # type: ignore[union-attr]
                wrong = (row["label"] == "match" and concept != row["concept"]) or \
                        (row["label"] == "negative" and concept == row["concept"])
                if wrong:
                    print(f"  {how:8} {row['label']:8} {row['family']:12} {row['form']!r} "
                          f"→ {concept} (want {'' if row['label'] == 'match' else 'not '}{row['concept']})")
    seconds = generation_time(args.concepts)
    verdicts.append(f"generation {seconds:.1f} s for {args.concepts:,} concepts"
                    f"{'' if seconds < 30 else ' (target < 30 s: MISSED)'}")
    print("\nVERDICT: " + "; ".join(verdicts))


if __name__ == "__main__":
    main()
