"""Evaluation of sentence alignment and name pairs (issue 12) on ``benchmarks/align``.

For each article pair of the truth file (``benchmarks/align/truth.yaml``: the hand alignment as
sentence texts, and the name pairs a translator would record), this aligns the two texts with
:func:`silkterm.tm.align.align_texts` (built-in glossary, a second pass with the name pairs of
the first) and pairs their names with
:func:`silkterm.glossary.namepairs.pair_names` within the aligned sentences, and scores:

- **alignment, strict**: a link is right when its English and its Chinese sentences are exactly a
  link of the truth (sentences compared as text, white space collapsed: a sentence split
  differently is an error too). Precision over the links found, recall over the truth's links,
  F1; all links count, the 1-0 and 0-1 ones included.
- **alignment, lax**: a link with sentences on both sides is right when it shares a sentence on
  each side with one truth link (vecalign's lax measure); 1-0 and 0-1 links left out.
- **name pairs**: a pair (English form, Chinese form) is right when the truth's names of that
  article hold it (an English ``variants`` form standing for its name; English compared without
  case: a dateline's BEIJING is Beijing), or when the built-in
  glossary lists both forms for one concept (the truth leaves out, by its conventions, China,
  Kazakhstan and the like: such a pair is right, not recorded). Precision over the pairs found
  (also printed counting the recorded names only), recall over the truth's distinct pairs. Also with the hand alignment instead of the
  aligner's (``names on the hand alignment``): the pairing alone.

Goals (issue 12): alignment F1 ≥ 0.95 (strict); name pairs ≥ 80% recall at ≥ 90% precision.
Exit status 1 when a goal is missed.

Usage: python benchmarks/align_eval.py [--truth benchmarks/align/truth.yaml …] [--details]
(``--truth`` several times: every set's pairs, and the measures over all of them together)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml
from silkterm.glossary import load_glossary
from silkterm.glossary.collect import KNOWN, Collector
from silkterm.glossary.model import Glossary
from silkterm.glossary.namepairs import NamePairer, pair_names
from silkterm.glossary.query import lookup
from silkterm.tm.align import align_texts
from silkterm.tm.parallel import sentence_pairs

ROOT = Path(__file__).resolve().parent
GOAL_F1, GOAL_RECALL, GOAL_PRECISION = 0.95, 0.80, 0.90

Link = tuple[tuple[str, ...], tuple[str, ...]]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def lax_hits(found: Iterable[Link], truth: Iterable[Link]) -> tuple[int, int]:
    """(links of ``found`` that share a sentence on each side with a link of ``truth``, links of
    ``found`` with sentences on both sides)."""
    truth = [t for t in truth if t[0] and t[1]]
    hits = total = 0
    for en, zh in found:
        if not en or not zh:
            continue
        total += 1
        hits += any(set(en) & set(t[0]) and set(zh) & set(t[1]) for t in truth)
    return hits, total


def same_concept(en: str, zh: str, glossary: Glossary) -> bool:
    """Whether the glossary lists ``en`` and ``zh`` for one concept (each form's best match, at the
    score of a listed form)."""
    a = lookup(en, glossary, limit=1, min_score=KNOWN).matches
    b = lookup(zh, glossary, limit=1, min_score=KNOWN).matches
    return bool(a and b and a[0].concept_id == b[0].concept_id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--truth", type=Path, action="append",
                        help="a truth file (default benchmarks/align/truth.yaml); repeatable")
    parser.add_argument("--details", action="store_true", help="print the wrong links and pairs")
    args = parser.parse_args()
    files = args.truth or [ROOT / "align" / "truth.yaml"]
    items = [(path.parent, item) for path in files
             for item in yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]]
    glossary = load_glossary()
    tokenizer = Collector(glossary).tokenizer
    sums = dict.fromkeys(("strict_hit", "found", "truth", "lax_hit", "lax_found", "lax_truth_hit",
                          "lax_truth", "np_hit", "np_found", "np_truth", "hp_hit", "hp_found", "np_extra",
                          "hp_extra"), 0)
    print(f"{'pair':<24} {'links':>5} {'strict P/R/F1':>18} {'lax P/R':>12} {'names P/R':>12} "
          f"{'on hand alignment P/R':>22}")
    for base, item in items:
        en_text = (base / item["en"]).read_text(encoding="utf-8")
        zh_text = (base / item["zh"]).read_text(encoding="utf-8")
        gold: list[Link] = [(tuple(_norm(s) for s in link["en"]), tuple(_norm(s) for s in link["zh"]))
                            for link in item["links"]]
        alignment = align_texts(en_text, zh_text, glossary=glossary, pairer=NamePairer.of(glossary, tokenizer))
        found: list[Link] = [(tuple(_norm(alignment.en[i].text) for i in link.en),
                              tuple(_norm(alignment.zh[j].text) for j in link.zh)) for link in alignment.links]
        strict = len(set(found) & set(gold))
        lax_p = lax_hits(found, gold)
        lax_r = lax_hits(gold, found)
        names = {}
        for n in item["names"]:
            names[(n["en"].casefold(), n["zh"])] = (n["en"], n["zh"])
            for v in n.get("variants", ()):
                names[(v.casefold(), n["zh"])] = (n["en"], n["zh"])
        wanted = set(names.values())

        def score(pairs: Iterable[tuple[str, str]], wanted: set[tuple[str, str]] = wanted,
                  names: dict[tuple[str, str], tuple[str, str]] = names) -> tuple[int, int, set[tuple[str, str]]]:
            got = {names.get((en.casefold(), zh), (en, zh)) for en, zh in pairs}
            return len(got & wanted), len(got), got

        def unrecorded(got: set[tuple[str, str]], wanted: set[tuple[str, str]] = wanted) -> set[tuple[str, str]]:
            return {(en, zh) for en, zh in got - wanted if same_concept(en, zh, glossary)}

        np_hit, np_found, got = score((p.en, p.zh) for p in pair_names(sentence_pairs(alignment), glossary,
                                                                         tokenizer=tokenizer))
        hand = [(" ".join(en), " ".join(zh)) for en, zh in gold if en and zh]
        hp_hit, hp_found, hp_got = score((p.en, p.zh) for p in pair_names(hand, glossary, tokenizer=tokenizer))
        np_extra, hp_extra = len(unrecorded(got)), len(unrecorded(hp_got))
        p, r = _ratio(strict, len(found)), _ratio(strict, len(gold))
        label = item["id"] if len(files) == 1 else f"{base.name}/{item['id']}"
        print(f"{label:<24} {len(gold):>5} {p:>6.2f}/{r:.2f}/{_f1(p, r):.2f} "
              f"{_ratio(*lax_p):>6.2f}/{_ratio(*lax_r):.2f} {_ratio(np_hit + np_extra, np_found):>6.2f}/"
              f"{_ratio(np_hit, len(wanted)):.2f} {_ratio(hp_hit + hp_extra, hp_found):>15.2f}/"
              f"{_ratio(hp_hit, len(wanted)):.2f}")
        if args.details:
            for link in sorted(set(found) - set(gold), key=found.index):
                print(f"    wrong link: {link}")
            for link in sorted(set(gold) - set(found), key=gold.index):
                print(f"    missed link: {link}")
            for pair in sorted(got - wanted - unrecorded(got)):
                print(f"    wrong pair: {pair}")
            for pair in sorted(wanted - got):
                print(f"    missed pair: {pair}")
        for key, value in (("strict_hit", strict), ("found", len(found)), ("truth", len(gold)),
                           ("lax_hit", lax_p[0]), ("lax_found", lax_p[1]), ("lax_truth_hit", lax_r[0]),
                           ("lax_truth", lax_r[1]), ("np_hit", np_hit), ("np_found", np_found),
                           ("np_truth", len(wanted)), ("hp_hit", hp_hit), ("hp_found", hp_found),
                           ("np_extra", np_extra), ("hp_extra", hp_extra)):
            sums[key] += value
    p, r = _ratio(sums["strict_hit"], sums["found"]), _ratio(sums["strict_hit"], sums["truth"])
    f1 = _f1(p, r)
    np_p, np_r = _ratio(sums["np_hit"] + sums["np_extra"], sums["np_found"]), _ratio(sums["np_hit"], sums["np_truth"])
    hp_p, hp_r = _ratio(sums["hp_hit"] + sums["hp_extra"], sums["hp_found"]), _ratio(sums["hp_hit"], sums["np_truth"])
    print(f"alignment, strict: precision {p:.3f} ({sums['strict_hit']}/{sums['found']}), recall {r:.3f} "
          f"({sums['strict_hit']}/{sums['truth']}), F1 {f1:.3f} "
          f"({'met' if f1 >= GOAL_F1 else 'MISSED'}, goal {GOAL_F1})")
    print(f"alignment, lax: precision {_ratio(sums['lax_hit'], sums['lax_found']):.3f}, "
          f"recall {_ratio(sums['lax_truth_hit'], sums['lax_truth']):.3f}")
    met = np_r >= GOAL_RECALL and np_p >= GOAL_PRECISION
    print(f"name pairs: precision {np_p:.3f} ({sums['np_hit']} recorded + {sums['np_extra']} the glossary confirms, "
          f"of {sums['np_found']}; {_ratio(sums['np_hit'], sums['np_found']):.3f} counting the recorded names only), "
          f"recall {np_r:.3f} "
          f"({sums['np_hit']}/{sums['np_truth']}) ({'met' if met else 'MISSED'}, goal recall ≥ {GOAL_RECALL} "
          f"at precision ≥ {GOAL_PRECISION})")
    print(f"name pairs on the hand alignment: precision {hp_p:.3f} ({sums['hp_hit']} + {sums['hp_extra']} of "
          f"{sums['hp_found']}), "
          f"recall {hp_r:.3f} ({sums['hp_hit']}/{sums['np_truth']})")
    return 0 if f1 >= GOAL_F1 and met else 1


if __name__ == "__main__":
    sys.exit(main())
