"""Normalising speed against flashtext and a raw automaton scan, side by side in one process.

Issue 14, point 4. Two setups, on the same text:

* ``seed``: the five ``seeds/*.txt`` concatenated and repeated to about --mb MB, with the built-in
  glossary;
* ``+10k``: the same text with the built-in glossary plus --concepts synthetic concepts (the
  generator of ``benchmarks/match.py``; a synthetic concept with a form the built-in glossary
  has already is left out).

Four peers per setup, each timed as the in-process CPU time (``time.process_time``) of one call
on the whole text; glossaries, automatons and keyword tables are compiled before, untimed:

* ``cli``: silkterm as ``silkterm normalize`` runs it: ``normalize_stream`` (chunked) with the
  unseen-name search on. The caches the unseen search fills while it reads (the glossary
  index's runs, words and reread runs, and the phonetic keys of words) are emptied before each
  run, as a fresh process starts with them empty;
* ``no-unseen``: the same with the unseen search off (``--no-unseen``);
* ``flashtext``: flashtext 2.7 ``KeywordProcessor(case_sensitive=False).extract_keywords``,
  loaded with the same surface forms, each mapped to its concept's house form;
* ``raw-scan`` (context): pyahocorasick over the lower-cased text (``iter_long``), each hit kept
  if the characters on either side are no letters or digits (``str.isalnum``): about the least
  a matcher of whole words can do per hit in Python.

The runs are interleaved (round 1: every peer of every setup, then round 2 …) so that a change of
load on the shared machine hits every peer alike. Each figure is printed as the median CPU time
over --runs runs with the range (min–max), and as a ratio against flashtext: the median of the
per-round ratios (flashtext time / peer time, both from the same round) with their range. The
``found`` column counts what each call reports: silkterm its findings (replacements,
suggestions, notes: the kept house forms are matched but not reported), flashtext and the raw scan
every keyword they match.

Usage: python benchmarks/normalize_speed.py [--mb 2] [--runs 7] [--concepts 10000]
       python benchmarks/normalize_speed.py --stages   (where the cli call's time goes)
       python benchmarks/normalize_speed.py --fallback (the cli call with and without the compiled core)
"""

from __future__ import annotations

import argparse
from array import array
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import cpu, load  # (benchmarks/benchstats.py: shared by the scripts)

TARGETS = {"seed": 5.0, "+10k": 3.0}  # flashtext time / cli time


def seed_text(mb: float) -> tuple[str, int]:
    """The seeds concatenated, repeated to about ``mb`` MB of UTF-8; and the number of copies."""
    seed = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    copies = max(1, round(mb * 1e6 / len(seed.encode("utf-8"))))
    return seed * copies, copies


def with_synthetic(glossary: Any, n: int, seed: int) -> tuple[Any, int]:
    """The built-in glossary plus ``n`` synthetic concepts of benchmarks/match.py (those with a
    form the glossary has already left out), and how many were added."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from match import build_concepts
    from silkterm.glossary.folding import match_key
    from silkterm.glossary.model import Glossary

    keys = {match_key(v.form) for c in glossary for v in c.forms()}
    concepts, _ = build_concepts(n, 3, seed)
    added = [c for c in concepts if not any(match_key(v.form) in keys for v in c.forms())]
    return Glossary(tuple(glossary) + tuple(added)), len(added)


def fresh(index: Any) -> None:
    """Empty the caches a fresh process starts without, which normalising fills as it reads."""
    from silkterm.glossary import phonetic

    index.fold.relevance.clear()
    index.fold.runs.clear()
    index.fold.reread.clear()
    phonetic.clear_caches()


def peers(glossary: Any, text: str) -> dict[str, Callable[[], int]]:
    """The timed calls of one setup, each returning how many terms it found."""
    import ahocorasick
    from flashtext import KeywordProcessor
    from silkterm.glossary.index import index_of
    from silkterm.glossary.stream import normalize_stream

    index = index_of(glossary)
    _ = index.matcher, index.fold, index.tones  # compiled before, untimed

    def silkterm(unseen: bool) -> Callable[[], int]:
        def run() -> int:
            fresh(index)
            return sum(len(part.findings) for part in normalize_stream([text], glossary, unseen=unseen))
        return run

    keywords = KeywordProcessor(case_sensitive=False)
    automaton = ahocorasick.Automaton()
    for concept in glossary:
        for variant in concept.forms():
            house = concept.house_form(variant.lang) or concept.en
            keywords.add_keyword(variant.form, house)
            key = variant.form.lower()
            automaton.add_word(key, (len(key), house))
    automaton.make_automaton()

    def raw_scan() -> int:
        low = text.lower()
        n = len(low)
        found = 0
        for end, (length, _house) in automaton.iter_long(low):  # end: the last character
            start = end - length + 1
            if (start and low[start - 1].isalnum()) or (end + 1 < n and low[end + 1].isalnum()):
                continue
            found += 1
        return found

    return {"cli": silkterm(True), "no-unseen": silkterm(False),
            "flashtext": lambda: len(keywords.extract_keywords(text)),
            "raw-scan": raw_scan}


def _instructions(mb: float, n: int) -> None:
    """The cli call of the ``seed`` setup, once and then ``n`` times (see --instructions)."""
    from silkterm.glossary import load_glossary

    text, _ = seed_text(mb)
    cli = peers(load_glossary(), text)["cli"]
    for _ in range(n + 1):
        cli()


def _fallback(mb: float, runs: int) -> None:
    """The ``cli`` call on the seed text with the built-in glossary, with the compiled core and
    with the Python loops that stand in where it is not built (``compiled.core`` set to None),
    interleaved in one process: CPU time, median (min-max) of ``runs``, and the ratio of the
    medians."""
    from silkterm.glossary import compiled, load_glossary

    text, _ = seed_text(mb)
    cli = peers(load_glossary(), text)["cli"]
    core = compiled.core
    if core is None:
        raise SystemExit("the compiled core is not built: nothing to compare")
    times: dict[str, list[float]] = {"compiled core": [], "Python loops": []}
    try:
        for name in times:  # (each loop's automatons and caches built before, untimed)
            compiled.core = core if name == "compiled core" else None
            cli()
        for _ in range(runs):
            for name, ts in times.items():
                compiled.core = core if name == "compiled core" else None
                gc.collect()
                t0 = time.process_time()
                cli()
                ts.append(time.process_time() - t0)
    finally:
        compiled.core = core
    print(f"{len(text):,} code points; load {load()}")
    med = {name: statistics.median(ts) for name, ts in times.items()}
    for name, ts in times.items():
        print(f"{name:<14} {med[name]:.3f} s ({min(ts):.3f}-{max(ts):.3f})")
    print(f"Python loops / compiled core: {med['Python loops'] / med['compiled core']:.2f}x")


def _stages(mb: float, runs: int) -> None:
    """Where the ``cli`` call's time goes, on the seed text with the built-in glossary: each stage
    timed on its own (CPU time, median (min-max) of ``runs``), the glossary compiled before.

    * fold: :class:`Folded` of the text, chunk by chunk as the matcher folds it;
    * match: ``Matcher.find`` (the fold included) as normalising calls it;
    * unseen: ``find_unseen`` given those matches, its caches emptied as in a fresh process;
    * whole: the ``cli`` peer; "the rest" is whole - match - unseen: deciding each finding,
      possessive kinship, line numbers, protected spans and chunking.
    """
    from silkterm.glossary import compiled, load_glossary
    from silkterm.glossary.folding import Folded
    from silkterm.glossary.index import index_of
    from silkterm.glossary.lines import LineIndex
    from silkterm.glossary.matcher import CHUNK
    from silkterm.glossary.recognise import find_unseen

    text, _ = seed_text(mb)
    glossary = load_glossary()
    index = index_of(glossary)
    matcher = index.matcher
    cli = peers(glossary, text)["cli"]
    taken = array("q")
    matcher.find(text, actionable=True, taken=taken)
    lines = LineIndex(text)

    def unseen() -> None:
        fresh(index)
        find_unseen(text, glossary, [], lines, taken)

    stages: dict[str, Callable[[], Any]] = {
        "fold": lambda: [Folded(text[i:i + CHUNK]) for i in range(0, len(text), CHUNK)],
        "match": lambda: matcher.find(text, actionable=True, taken=array("q")),
        "unseen": unseen,
        "whole": cli,
    }
    times: dict[str, list[float]] = {name: [] for name in stages}
    for call in stages.values():
        call()
    for _ in range(runs):
        for name, call in stages.items():
            gc.collect()
            t0 = time.process_time()
            call()
            times[name].append(time.process_time() - t0)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"compiled core: {'yes' if compiled.core is not None else 'no (Python loops)'}; "
          f"{len(text):,} code points; load {load()}")
    for name, ts in times.items():
        print(f"{name:<7} {med[name] * 1000:7.1f} ms ({min(ts) * 1000:.1f}-{max(ts) * 1000:.1f})")
    rest = med["whole"] - med["match"] - med["unseen"]
    print(f"rest    {rest * 1000:7.1f} ms (whole - match - unseen, of the medians)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="text size in MB of UTF-8 (default 2)")
    ap.add_argument("--runs", type=int, default=7, help="interleaved runs of each peer (default 7, at least 5)")
    ap.add_argument("--concepts", type=int, default=10_000, help="synthetic concepts of the second setup")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the synthetic concepts")
    ap.add_argument("--instructions", type=int, metavar="N",
                    help="for valgrind --tool=callgrind: only the cli call on the seed text with "
                         "the built-in glossary, once untimed and then N times, nothing printed "
                         "(instructions of one call: (count with N=2 - count with N=0) / 2)")
    ap.add_argument("--fallback", action="store_true",
                    help="time the cli call with the compiled core and with the Python loops "
                         "(interleaved, --runs times)")
    ap.add_argument("--stages", action="store_true",
                    help="time the stages of the cli call (fold, match, unseen search, the "
                         "rest) on the seed text with the built-in glossary, --runs times")
    args = ap.parse_args()
    if args.fallback:
        _fallback(args.mb, max(args.runs, 5))
        return
    if args.stages:
        _stages(args.mb, max(args.runs, 5))
        return
    if args.instructions is not None:
        _instructions(args.mb, args.instructions)
        return
    if args.runs < 5:
        ap.error("--runs must be at least 5")

    from silkterm.glossary import load_glossary

    text, copies = seed_text(args.mb)
    builtin = load_glossary()
    big, added = with_synthetic(builtin, args.concepts, args.seed)
    setups = {"seed": peers(builtin, text), "+10k": peers(big, text)}
    mb = len(text.encode("utf-8")) / 1e6
    print(f"text: the 5 seeds x {copies} = {mb:.2f} MB, {len(text):,} code points")
    print(f"glossaries: built-in {len(builtin):,} concepts; +10k: {len(big):,} "
          f"({added:,} synthetic added)")
    print(f"machine: {cpu()}, {os.cpu_count()} CPUs; Python {platform.python_version()}; "
          f"load before: {load()}")

    found: dict[tuple[str, str], int] = {}
    times: dict[tuple[str, str], list[float]] = {}
    for calls in setups.values():  # one untimed warm-up of each (imports, first-use tables)
        for call in calls.values():
            call()
    for r in range(args.runs):
        for setup, calls in setups.items():
            for name, call in calls.items():
                gc.collect()
                t0 = time.process_time()
                n = call()
                times.setdefault((setup, name), []).append(time.process_time() - t0)
                found[(setup, name)] = n
        print(f"  round {r + 1}/{args.runs} done, load {load()}", flush=True)

    print(f"\nCPU seconds per call, median (min-max) of {args.runs}; ratio = flashtext / peer, "
          f"median (min-max) of the per-round ratios")
    print(f"{'setup':<6} {'peer':<10} {'seconds':>22} {'MB/s':>7} {'found':>7} {'vs flashtext':>22}")
    verdicts = []
    for setup, calls in setups.items():
        flash = times[(setup, "flashtext")]
        for name in calls:
            ts = times[(setup, name)]
            ratios = [f / t for f, t in zip(flash, ts)]
            med = statistics.median(ts)
            ratio = statistics.median(ratios)
            print(f"{setup:<6} {name:<10} {med:>8.3f} ({min(ts):.3f}-{max(ts):.3f}) {mb / med:>7.1f} "
                  f"{found[(setup, name)]:>7,} {ratio:>8.2f}x ({min(ratios):.2f}-{max(ratios):.2f})")
            if name == "cli":
                target = TARGETS[setup]
                verdicts.append(f"{setup}: {ratio:.2f}x (target >= {target:g}x"
                                f"{'' if ratio >= target else ', MISSED'})")
    print(f"load after: {load()}")
    print("VERDICT (cli vs flashtext): " + "; ".join(verdicts))


if __name__ == "__main__":
    main()
