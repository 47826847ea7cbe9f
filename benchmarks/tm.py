"""Translation-memory benchmark: TMX import, fuzzy search latency and agreement, and
translate-toolkit's matcher as the peer — one run, one table, one VERDICT line.

What it builds (deterministic for a given --seed), for each size in --sizes (default 100,000 and
1,000,000 units):

* a synthetic English ↔ Chinese memory: English sentences of 5–30 words (uniform) drawn from a
  vocabulary of 200 common English words and 30,000 made-up words, Zipf-distributed (s = 1.1), with
  capitals, commas and a full stop; the Chinese side is a string of about 1.6 characters per
  English word drawn from a list of ~700 common characters, with commas and a final 。. Every unit
  has a tuid, a creation date and one property — the shape of a CAT-tool export;
* written as TMX 1.4b (``silkterm.tm.tmx.write_tmx``) and imported into a fresh memory with the
  library path the CLI uses, ``Memory(db).add(read_tmx(path))``, in a child process so that its
  peak memory (``ru_maxrss``) belongs to the import alone;
* --queries queries (default 200): stored English sources with 1–4 random character edits
  (substitution, insertion, deletion of a letter).

What it measures, per size, in --runs rounds (default 5, at least 5) for sizes up to
200,000 units and --big-runs rounds (default 1) for larger ones (an import of 1,000,000 units
takes minutes); each round:

* import: wall time and peak RSS of the child, into a fresh memory; and, as its peer, the same
  TMX only read (``read_tmx`` iterated in a child, nothing stored): what storing and indexing add
  to parsing the input;
* ``silkterm.tm.search.search(memory, q)`` (indexed, limit 5, min score 70) for every query:
  p50 and p95 latency per query (after one warm-up query, whose time is the "1st ms"), and
  agreement of the best hit (same tuid, or both empty) with ``search(..., exhaustive=True)``,
  the scan of every segment (computed in the first round);
* on the 100,000-unit memory (the smallest size ≥ 100,000, or the largest given), right after
  silkterm's pass: translate-toolkit's ``translate.search.match.matcher`` (max_candidates 5,
  min_similarity 70, max_length 1000 so that no sentence is cut), built once from the same units
  (build time printed, not judged), the same queries: p50 per query and agreement of its best hit
  (same source text) with silkterm's exhaustive best hit.

Printed: each figure as the median over the rounds with the range (min-max); the ratios import /
read-only and translate-toolkit p50 / silkterm p50 as the median (min-max) of the per-round
ratios (both figures from the same round). A machine and load line says where it ran.

Targets (issue 4): p50 < 10 ms on 1,000,000 units; ≥ 20× faster than translate-toolkit on
100,000 units with best-hit agreement ≥ 99% (ours vs the exhaustive scan); 1,000,000-unit TMX
import < 2 min with peak memory < 400 MB.

Usage: python benchmarks/tm.py [--sizes 100000,1000000] [--queries 200] [--runs 5] [--big-runs 1]
       [--seed 1] [--keep DIR]
Quick check: python benchmarks/tm.py --sizes 20000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import MIN_RUNS, load, machine, median_ratio, ratio, spread

TARGET_P50_MS = 10.0
TARGET_SPEEDUP = 20.0
TARGET_AGREEMENT = 0.99
TARGET_IMPORT_S = 120.0
TARGET_IMPORT_MB = 400.0
RESULT_MARK = "@@RESULT@@ "

_COMMON = """the of and to in a is that for it as was with be by on not he i this are or his
from at which but have an they you were her she there been one all we their has would when if
so no will more can out up who said about into than them what some could its other then time
two may only do any new these first over also after most such made many before must through
back years where much your way well down should because each just those people how too little
state good very make world still own see men work long get here between both life being under
never day same another know while last might us great old year off come since against go came
right used take three states himself few house use during without again place around however
home small found thought went say part once general high upon school every does told until
government trade railway border China Kazakhstan port city road""".split()  # noqa: SIM905

_CHINESE = ("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家"
            "学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经"
            "头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者"
            "向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气"
            "信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活"
            "难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清"
            "物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功"
            "指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强"
            "步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版"
            "双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志"
            "飞观争究包组造落视济喜离虽坏兴切")
_ONSETS = ["", "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
           "br", "ch", "cl", "dr", "gr", "pl", "pr", "sh", "st", "th", "tr", "kh", "zh"]
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "oo", "ay"]
_CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "ng", "st", "ck", "rt", "x"]
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _vocabulary(rng: random.Random, size: int = 30000) -> tuple[list[str], list[float]]:
    made: set[str] = {w.lower() for w in _COMMON}
    words = list(_COMMON)
    while len(words) < len(_COMMON) + size:
        w = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
                    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        if len(w) > 1 and w not in made:
            made.add(w)
            words.append(w)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(words))]
    return words, weights


def generate(size: int, seed: int) -> Iterator[tuple[str, str, str]]:
    """``size`` units as (tuid, English, Chinese), deterministic for ``seed``."""
    rng = random.Random(seed)
    words, weights = _vocabulary(rng)
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    for n in range(size):
        k = rng.randint(5, 30)
        toks = rng.choices(words, cum_weights=cum, k=k)
        toks[0] = toks[0][:1].upper() + toks[0][1:]
        if k > 8 and rng.random() < 0.5:
            i = rng.randint(2, k - 3)
            toks[i] += ","
        en = " ".join(toks) + "."
        zlen = max(3, round(k * 1.6))
        chars = rng.choices(_CHINESE, k=zlen)
        if zlen > 10 and rng.random() < 0.5:
            chars[rng.randint(3, zlen - 4)] = "，"
        zh = "".join(chars) + "。"
        yield f"bench-{seed}-{n:07d}", en, zh


def edit(rng: random.Random, text: str) -> str:
    """``text`` with 1–4 random single-letter edits."""
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        op = rng.choice("sid")
        i = rng.randrange(len(chars))
        if op == "s":
            chars[i] = rng.choice(_LETTERS)
        elif op == "i":
            chars.insert(i, rng.choice(_LETTERS))
        elif len(chars) > 5:
            del chars[i]
    return "".join(chars)


# --------------------------------------------------------------------------------------------
# TMX writing and import (the import runs in a child process: --step import)


def write_tmx(path: Path, size: int, seed: int) -> None:
    from silkterm.tm.model import Segment, Unit, escape
    from silkterm.tm.tmx import write_tmx as write

    def units() -> Iterator[Unit]:
        for tuid, en, zh in generate(size, seed):
            yield Unit(tuid, (Segment("en", escape(en)), Segment("zh-Hans", escape(zh))),
                       props=(("x-domain", "news"),), created="20240101T000000Z")

    write(units(), path, srclang="en")


def _step_read(tmx: str) -> None:
    from silkterm.tm.tmx import read_tmx

    start = time.perf_counter()
    read = sum(1 for _ in read_tmx(tmx))
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(RESULT_MARK + json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "read": read}))


def _step_import(tmx: str, db: str) -> None:
    from silkterm.tm.store import Memory
    from silkterm.tm.tmx import read_tmx

    start = time.perf_counter()
    with Memory(db) as memory:
        stats = memory.add(read_tmx(tmx), origin=os.path.basename(tmx))
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(RESULT_MARK + json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024,
                                    "read": stats.read, "added": stats.added}))


def run_import(tmx: Path, db: Path, step: str = "import") -> dict:
    """The import of ``tmx`` into ``db`` in a child (``step="read"``: only read, the peer)."""
    out = subprocess.run([sys.executable, __file__, "--step", step, str(tmx), str(db)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{step} failed:\n{out.stderr}")
    for line in out.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):])
    raise SystemExit(f"import printed no result:\n{out.stdout}\n{out.stderr}")


# --------------------------------------------------------------------------------------------
# measurements


def make_queries(size: int, seed: int, count: int) -> list[tuple[str, str]]:
    """(tuid, edited English source) for ``count`` random stored units."""
    rng = random.Random(seed * 7919 + size)
    picks = set(rng.sample(range(size), min(count, size)))
    chosen = [(tuid, en) for n, (tuid, en, _) in enumerate(generate(size, seed)) if n in picks]
    rng.shuffle(chosen)
    return [(tuid, edit(rng, en)) for tuid, en in chosen]


def measure_search(db: Path, queries: list[tuple[str, str]],
                   reference: list | None = None) -> dict:
    """Latency and best hits of the indexed search; the exhaustive scan's best hits are
    computed unless ``reference`` gives them (they do not change from round to round)."""
    from silkterm.tm.search import search
    from silkterm.tm.store import Memory

    with Memory(db, readonly=True) as memory:
        t0 = time.perf_counter()
        search(memory, queries[0][1])  # warm-up: trigram sample, page cache, statement cache
        first_ms = (time.perf_counter() - t0) * 1000
        times = []
        best = []
        for _, q in queries:
            t0 = time.perf_counter()
            result = search(memory, q)
            times.append((time.perf_counter() - t0) * 1000)
            best.append(result.hits[0] if result.hits else None)
        exhaustive_s = float("nan")
        if reference is None:
            t0 = time.perf_counter()
            reference = []
            for _, q in queries:
                result = search(memory, q, exhaustive=True)
                reference.append(result.hits[0] if result.hits else None)
            exhaustive_s = time.perf_counter() - t0
    agree = sum((a.tuid if a else None) == (b.tuid if b else None)
                for a, b in zip(best, reference, strict=True))
    original = sum(bool(b) and b.tuid == tuid for b, (tuid, _) in zip(best, queries, strict=True))
    times.sort()
    return {"first_ms": first_ms, "p50_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, round(0.95 * len(times)) - 1)],
            "mean_ms": statistics.fmean(times), "agreement": agree / len(queries),
            "found_original": original / len(queries),
            "exhaustive_ms": exhaustive_s * 1000 / len(queries),
            "hits": reference, "reference": [(h.source if h else None) for h in reference]}


def build_toolkit(size: int, seed: int) -> tuple[object, float]:
    """translate-toolkit's matcher over the same units, and its build time in seconds."""
    from translate.search.match import matcher
    from translate.storage import base

    store = base.TranslationStore()
    for _, en, zh in generate(size, seed):
        unit = base.TranslationUnit(en)
        unit.target = zh
        store.addunit(unit)
    t0 = time.perf_counter()
    tm = matcher(store, max_candidates=5, min_similarity=70, max_length=1000)
    return tm, time.perf_counter() - t0


def measure_toolkit(tm: object, queries: list[tuple[str, str]], reference: list[str | None]) -> dict:
    times = []
    agree = 0
    for (_, q), ref in zip(queries, reference, strict=True):
        t0 = time.perf_counter()
        found = tm.matches(q)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - t0) * 1000)
        agree += (str(found[0].source) if found else None) == ref
    return {"p50_ms": statistics.median(times), "mean_ms": statistics.fmean(times),
            "agreement": agree / len(queries)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5,
                        help="rounds per size up to 200,000 units (default 5, at least 5)")
    parser.add_argument("--big-runs", type=int, default=1,
                        help="rounds per larger size (default 1: an import of 1M units takes minutes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DIR", help="keep the TMX files and memories in DIR")
    parser.add_argument("--no-toolkit", action="store_true", help="skip translate-toolkit")
    parser.add_argument("--step", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        if args.step[0] == "read":
            _step_read(args.step[1])
        else:
            _step_import(args.step[1], args.step[2])
        return 0
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    if args.big_runs < 1:
        parser.error("--big-runs must be at least 1")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="silkterm-tm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    toolkit_size = next((s for s in sorted(sizes) if s >= 100000), max(sizes))
    toolkit = None
    print(machine())
    try:
        for size in sizes:
            tmx = work / f"bench-{size}.tmx"
            db = work / f"bench-{size}.sqlite"
            t0 = time.perf_counter()
            if not tmx.exists():
                write_tmx(tmx, size, args.seed)
            write_s = time.perf_counter() - t0
            queries = make_queries(size, args.seed, args.queries)
            with_toolkit = size == toolkit_size and not args.no_toolkit
            matcher = None
            if with_toolkit:
                matcher, build_s = build_toolkit(size, args.seed)
                toolkit = {"size": size, "build_s": build_s, "p50_ms": [], "mean_ms": [],
                           "agreement": [], "ours_p50_ms": []}
            runs = args.runs if size <= 200_000 else args.big_runs
            rounds: list[dict] = []
            reference = None
            for r in range(runs):
                for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
                    p.unlink(missing_ok=True)
                read = run_import(tmx, db, "read")
                imp = run_import(tmx, db)
                s = measure_search(db, queries, reference)
                if reference is None:
                    reference, exhaustive_ms, ref_sources = s["hits"], s["exhaustive_ms"], s["reference"]
                rounds.append({"read_s": read["seconds"], **{f"import_{k}": v for k, v in imp.items()},
                               **{k: v for k, v in s.items() if k not in ("reference", "hits")}})
                line = (f"  {size:,} units, round {r + 1}/{runs}: import {imp['seconds']:.1f} s "
                        f"(read only {read['seconds']:.1f} s), peak {imp['peak_mb']:.0f} MB; search p50 "
                        f"{s['p50_ms']:.2f} ms, p95 {s['p95_ms']:.2f} ms, agreement {s['agreement']:.1%}")
                if matcher is not None and toolkit is not None:
                    t = measure_toolkit(matcher, queries, ref_sources)
                    for k in ("p50_ms", "mean_ms", "agreement"):
                        toolkit[k].append(t[k])
                    toolkit["ours_p50_ms"].append(s["p50_ms"])
                    line += f"; translate-toolkit p50 {t['p50_ms']:.1f} ms"
                print(line + f"; load {load()}", flush=True)
            rows.append({"size": size, "runs": runs, "tmx_mb": tmx.stat().st_size / 2**20,
                         "write_s": write_s, "db_mb": db.stat().st_size / 2**20,
                         "exhaustive_ms": exhaustive_ms, "rounds": rounds})
            if not args.keep:
                tmx.unlink(missing_ok=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    def col(row: dict, key: str) -> list[float]:
        return [x[key] for x in row["rounds"]]

    print("\nper size: median (min-max) over the rounds; import/read = per-round ratio of the import's "
          "time to reading the same TMX only (the peer), median (min-max)")
    for r in rows:
        print(f"{r['size']:>10,} units, {r['runs']} round(s): TMX {r['tmx_mb']:.0f} MB, DB "
              f"{r['db_mb']:.0f} MB, exhaustive scan {r['exhaustive_ms']:.0f} ms per query")
        print(f"    import s   {spread(col(r, 'import_seconds'), '.2f'):>20}   peak MB "
              f"{max(col(r, 'import_peak_mb')):.0f}   read only s {spread(col(r, 'read_s'), '.2f')}   "
              f"import/read {ratio(col(r, 'import_seconds'), col(r, 'read_s'))}")
        print(f"    1st ms     {spread(col(r, 'first_ms'), '.1f'):>20}")
        print(f"    p50 ms     {spread(col(r, 'p50_ms'), '.2f'):>20}   p95 ms "
              f"{spread(col(r, 'p95_ms'), '.2f')}")
        print(f"    agreement with the exhaustive scan {min(col(r, 'agreement')):.1%} (lowest of the rounds), "
              f"stored unit found {min(col(r, 'found_original')):.1%}")
    verdict = []
    big = [r for r in rows if r["size"] >= 1000000]
    for r in big:
        p50 = statistics.median(col(r, "p50_ms"))
        imp = statistics.median(col(r, "import_seconds"))
        peak = max(col(r, "import_peak_mb"))
        verdict.append((f"p50 {p50:.2f} ms < {TARGET_P50_MS:g} ms on {r['size']:,}", p50 < TARGET_P50_MS))
        verdict.append((f"import {imp:.0f} s < {TARGET_IMPORT_S:g} s", imp < TARGET_IMPORT_S))
        verdict.append((f"peak {peak:.0f} MB < {TARGET_IMPORT_MB:g} MB", peak < TARGET_IMPORT_MB))
    for r in rows:
        agreement = min(col(r, "agreement"))
        verdict.append((f"agreement {agreement:.1%} ≥ 99% on {r['size']:,}", agreement >= TARGET_AGREEMENT))
    if toolkit:
        speedup = median_ratio(toolkit["p50_ms"], toolkit["ours_p50_ms"])
        print(f"\ntranslate-toolkit matcher on {toolkit['size']:,} units (the peer; its matcher built once in "
              f"{toolkit['build_s']:.1f} s, its store filled before, untimed): p50 {spread(toolkit['p50_ms'], '.1f')} ms, mean "
              f"{statistics.median(toolkit['mean_ms']):.1f} ms, best-hit agreement with the exhaustive "
              f"scan {min(toolkit['agreement']):.1%}; silkterm p50 {spread(toolkit['ours_p50_ms'], '.2f')} ms "
              f"→ translate-toolkit / silkterm per round {ratio(toolkit['p50_ms'], toolkit['ours_p50_ms'], '.0f')}")
        verdict.append((f"{speedup:.0f}× faster than translate-toolkit (≥ {TARGET_SPEEDUP:g}×)",
                        speedup >= TARGET_SPEEDUP))
    if not big:
        verdict.append(("no 1,000,000-unit run (p50 and import targets not checked)", True))
    print(f"load after: {load()}")
    ok = all(good for _, good in verdict)
    print("\nVERDICT: " + ("PASS" if ok else "FAIL") + " — "
          + "; ".join(("" if good else "MISSED: ") + text for text, good in verdict))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
