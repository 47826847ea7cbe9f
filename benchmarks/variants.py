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
precision ≥ 99%.

Also times generating variants for a synthetic glossary of --concepts concepts (default 10,000;
each a Chinese name of 2–4 characters, a Kazakh Cyrillic name and its Russian form):
``silkterm.glossary.loader.generate_variants`` (every exact and standard rule, the conflict checks
across concepts), against a **peer** in the same run: the bare romanisation of the same names, one
reading per script and nothing else: pypinyin's ``Pinyin().pinyin`` (tone marks) of each Chinese
name and a Cyrillic-to-Latin ``str.translate`` of each Kazakh and Russian name. Each timed run is
a fresh child process (this script re-run with a hidden --step option: the rules' caches start
empty, as in a fresh ``silkterm`` run), its libraries loaded and warmed on three other concepts
before the timing; the timed figure is the child's CPU time (``time.process_time``) of the call.
--runs rounds (default 5, at least 5), each running both, so that a change of load on the shared
machine hits them alike; printed: the median over the rounds with the range (min-max), and the
median (min-max) of the per-round ratios generate_variants time / peer time.

    python benchmarks/variants.py [--misses] [--min-score 90] [--concepts 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from silkterm.glossary import find_terms, load_glossary, lookup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import MIN_RUNS, load, machine, ratio, spread

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


_HAN = "阿拉木图努尔苏丹霍尔果斯哈萨克斯坦新华社光明之路熊猫血冼星海连云港丝绸经济张王李赵刘陈杨黄周吴"
_KK = "абвгдежзийклмнопрстуфхшыіәғқңөұүһ"
_LATIN = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
                        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
                        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ш": "sh", "ы": "y",
                        "і": "i", "ә": "a", "ғ": "g", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
                        "һ": "h", "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ж": "Zh",
                        "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
                        "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "Kh", "Ш": "Sh",
                        "Ы": "Y", "І": "I", "Ә": "A", "Ғ": "G", "Қ": "Q", "Ң": "Ng", "Ө": "O", "Ұ": "U",
                        "Ү": "U", "Һ": "H"})


def synthetic(n: int, seed: int = 3) -> list:  # type: ignore[type-arg]
    """``n`` concepts, each with a Chinese, a Kazakh and a Russian name (deterministic)."""
    from silkterm.glossary.model import Concept, ConceptType

    rng = random.Random(seed)
    concepts = []
    for i in range(n):
        zh = "".join(rng.choice(_HAN) for _ in range(rng.randint(2, 4)))
        cyr = "".join(rng.choice(_KK) for _ in range(rng.randint(4, 9))).capitalize()
        kind = ConceptType.PERSON if i % 2 else ConceptType.PLACE
        concepts.append(Concept(f"c{i}", kind, f"Name{i}", zh=zh, kk=cyr, ru=cyr.replace("і", "и")))
    return concepts


def _silkterm(concepts: list) -> int:  # type: ignore[type-arg]
    from silkterm.glossary.loader import generate_variants

    return sum(len(c.variants) for c in generate_variants(concepts))


def _peer(concepts: list) -> int:  # type: ignore[type-arg]
    from pypinyin import Style
    from pypinyin.core import Pinyin

    converter = Pinyin()
    made = 0
    for c in concepts:
        syllables = converter.pinyin(c.zh, style=Style.TONE, heteronym=False)
        made += bool(" ".join(s[0] for s in syllables).title())
        made += bool(c.kk.translate(_LATIN)) + bool(c.ru.translate(_LATIN))
    return made


STEPS = {"generate_variants": _silkterm, "peer": _peer}


def run_step(step: str, n: int) -> None:
    """In a child: warm the step's libraries on three other concepts, then time it on ``n``."""
    call = STEPS[step]
    call(synthetic(3, seed=11))
    concepts = synthetic(n)
    start = time.process_time()
    made = call(concepts)
    print(json.dumps({"seconds": time.process_time() - start, "made": made}))


def _child(step: str, n: int) -> dict:  # type: ignore[type-arg]
    proc = subprocess.run([sys.executable, __file__, "--step", step, "--concepts", str(n)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def generation_time(n: int, runs: int) -> float:
    """Print the timing of generate_variants against the peer; the median seconds."""
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    made: dict[str, int] = {}
    print(f"\ngenerating variants for {n:,} concepts, {runs} interleaved rounds, a fresh process "
          f"per run; {machine()}")
    for r in range(runs):
        for step in STEPS:
            result = _child(step, n)
            times[step].append(result["seconds"])
            made[step] = result["made"]
        print(f"  round {r + 1}/{runs}: " + ", ".join(f"{step} {t[-1]:.2f} s" for step, t in times.items())
              + f"; load {load()}", flush=True)
    print("CPU seconds, median (min-max); ratio = time / peer time, per round, median (min-max)")
    for step, label in (("generate_variants", "generate_variants"),
                        ("peer", "peer: pypinyin + translate")):
        what = "variants" if step == "generate_variants" else "romanisations"
        print(f"  {label:28} {spread(times[step]):>20} {ratio(times[step], times['peer']):>22}  "
              f"{made[step]:,} {what}")
    seconds = statistics.median(times["generate_variants"])
    print(f"  (target < 30 s; cached afterwards); load after: {load()}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--misses", action="store_true", help="list misses and false positives")
    ap.add_argument("--min-score", type=int, default=95, help="lowest lookup score counted (95: loose fold)")
    ap.add_argument("--concepts", type=int, default=10_000, help="glossary size for the timing")
    ap.add_argument("--runs", type=int, default=5, help="interleaved rounds of the timing (default 5, "
                                                        "at least 5)")
    ap.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.step:
        run_step(args.step, args.concepts)
        return
    if args.runs < MIN_RUNS:
        ap.error(f"--runs must be at least {MIN_RUNS}")
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
    seconds = generation_time(args.concepts, args.runs)
    verdicts.append(f"generation {seconds:.1f} s (median) for {args.concepts:,} concepts"
                    f"{'' if seconds < 30 else ' (target < 30 s: MISSED)'}")
    print("\nVERDICT: " + "; ".join(verdicts))


if __name__ == "__main__":
    main()
