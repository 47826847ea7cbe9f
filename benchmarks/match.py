"""Matching speed of silkterm against flashtext, measured side by side in one run.

What it builds (deterministic for a given --seed):

* a synthetic glossary of --concepts concepts (default 10,000) with about four surface forms each
  (house form + ~3 variants; ~40,000 forms). Names are made-up Latin names built from syllable
  lists ("Qarabek Tal", "Zhanu Kolsai Basin"); variants are re-spellings, hyphenations, fused
  forms, short forms and abbreviations, with statuses mixed so that normalising really replaces
  (deprecated/forbidden), notes (former names with validity dates) and keeps (admitted);
* about --mb MB (UTF-8, default 20) of English-like news text: Zipf-distributed filler words in
  sentences and paragraphs, curly quotes, dashes, numbers, the odd URL, and a glossary term
  roughly every --term-every words (default 30) in realistic case shapes (mostly as written,
  some UPPER CASE, some lower case that ``case: shape`` rightly rejects).

What it measures, each step in a fresh child process (this script re-run with a hidden --step
option) so that peak memory belongs to that step alone:

* ``silkterm``: building the model objects, compiling the matcher
  (``index_of(Glossary(...)).matcher``, untimed apart) and
  ``silkterm.glossary.apply.normalize(text, glossary)`` on the whole text at once;
* ``no-unseen``: the same with the unseen-variant search off (``unseen=False``, as
  ``--no-unseen``);
* ``flashtext`` (the peer): flashtext 2.7 ``KeywordProcessor(case_sensitive=False)`` loaded with
  the same surface forms mapped to their house forms, and ``extract_keywords(text)``.

The three are interleaved: each of --repeat rounds (default 5, at least 5) runs all three, their
order rotated from round to round, so that a change of load on the shared machine hits every peer
alike. The timed figure of a step is the CPU time (``time.process_time``) of the call in its
child; the wall time is printed beside it. Printed per peer: the median over the rounds with the
range (min-max); and the per-round ratios, each from the times of one round, as their median with
the range: flashtext / silkterm and flashtext / no-unseen, and the unseen search's overhead
(silkterm / no-unseen - 1). A machine, CPU and load line says where it ran.

Memory: in the child, after the text and glossary are built, the peak-RSS mark is reset
(``/proc/self/clear_refs`` = 5) and VmRSS is read as the baseline; after the step VmHWM is the
absolute peak, and peak - baseline is the step's own cost (the largest over the rounds).
Targets: flashtext/silkterm time ratio >= 5, unseen-search overhead <= 30%, silkterm normalise
memory increase < 300 MB.

Usage: python benchmarks/match.py [--mb 20] [--repeat 5] [--seed 1]
Quick check: python benchmarks/match.py --mb 2
(--flashtext-repeat is kept for old command lines: 0 leaves flashtext out, any other value is
ignored, flashtext running once per round.)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import MIN_RUNS, load, machine, median_ratio, per_round, ratio, spread

TARGET_UNSEEN = 0.30  # issue 3: recognising unseen variants adds at most 30% to normalise time
TARGET_RATIO = 5.0
TARGET_MEMORY_MB = 300.0
RESULT_MARK = "@@RESULT@@ "

# --------------------------------------------------------------------------------------------
# synthetic glossary

_ONSETS = ["", "b", "d", "g", "k", "kh", "l", "m", "n", "q", "r", "s", "sh", "t", "zh", "j",
           "x", "y", "ch", "z", "h", "ts", "p", "v"]
_NUCLEI = ["a", "e", "i", "o", "u", "ai", "ao", "ei", "ou", "ia", "ua", "uo", "ye", "ya", "yu"]
_CODAS = ["", "", "", "n", "ng", "r", "l", "k", "t", "s", "m", "q", "sh", "y"]
_GENERIC = ["River", "Pass", "Port", "Basin", "Lake", "Valley", "Station", "Corridor", "Zone",
            "Park", "Bridge", "Gate", "Oblast", "County", "Airport", "Dam", "Canal", "Plateau",
            "Institute", "Group", "Holding", "Forum", "Programme", "Prize"]
# spelling re-writes applied to lower-case words: (old, new)
_RESPELL = [("kh", "h"), ("kh", "q"), ("q", "k"), ("zh", "j"), ("j", "zh"), ("x", "sh"),
            ("sh", "s"), ("ou", "u"), ("u", "oo"), ("y", "i"), ("ai", "ay"), ("ao", "au"),
            ("ei", "ey"), ("ia", "iya"), ("ts", "c"), ("ch", "tch"), ("k", "c"), ("e", "a"),
            ("o", "a"), ("a", "o"), ("i", "y"), ("ng", "n"), ("uo", "o"), ("yu", "iu")]


def _word(rng: random.Random) -> str:
    n = rng.choice((2, 2, 2, 3, 3))
    return "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
                   for _ in range(n)).capitalize()


def _name(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        words = [_word(rng)]
    elif r < 0.75:
        words = [_word(rng), _word(rng)]
    else:
        words = [_word(rng), _word(rng), _word(rng)]
    if rng.random() < 0.3:
        words.append(rng.choice(_GENERIC))
    return " ".join(words)


def _respell(rng: random.Random, form: str) -> str:
    words = form.split(" ")
    for _ in range(8):
        i = rng.randrange(len(words))
        if words[i] in _GENERIC:
            continue
        low = words[i].lower()
        old, new = rng.choice(_RESPELL)
        if old in low:
            pos = [p for p in range(len(low)) if low.startswith(old, p)]
            p = rng.choice(pos)
            low = low[:p] + new + low[p + len(old):]
            words[i] = low.capitalize()
            return " ".join(words)
    return form


def _variant_candidates(rng: random.Random, house: str) -> list[tuple[str, str]]:
    """(form, kind) candidates for one house form, most likely first."""
    words = house.split(" ")
    out: list[tuple[str, str]] = []
    for _ in range(4):
        out.append((_respell(rng, house), "spelling"))
    out.append((_respell(rng, _respell(rng, house)), "transliteration"))
    if len(words) > 1:
        out.append(("-".join(words), "spelling"))
        core = [w for w in words if w not in _GENERIC]
        if len(core) > 1:
            w = rng.randrange(len(core))
            c = rng.randrange(1, len(core[w]))
            out.append((" ".join(core[:w] + [core[w][:c] + core[w][c - 1:]] + core[w + 1:]),
                        "misspelling"))
            out.append(("".join(w for w in core).capitalize(), "spelling"))
            if len(core) >= 3:
                out.append(("".join(w[0] for w in core).upper(), "abbreviation"))
        if core != words:
            out.append((" ".join(core), "short-form"))
    else:
        w = words[0]
        out.append((w[: len(w) // 2] + "-" + w[len(w) // 2:].lower(), "spelling"))
        out.append((w + rng.choice(["a", "y", "sk", "abad", "kent", "tau"]), "alias"))
    rng.shuffle(out)
    return out


def build_concepts(n: int, variants_per: int, seed: int) -> tuple[list, dict]:
    """The concepts of the synthetic glossary, as silkterm model objects; folded forms unique."""
    from silkterm.glossary.folding import fold
    from silkterm.glossary.model import (Case, Concept, ConceptType, Kind, Status, Validity,
                                         Variant)

    rng = random.Random(seed)
    taken: set[str] = {w.lower() for w in _FILLER} | {g.lower() for g in _GENERIC}
    types = list(ConceptType)
    concepts = []
    stats = {"forms": 0, "replace": 0, "note": 0, "keep": 0}
    for i in range(n):
        house = _name(rng)
        while fold(house) in taken or len(house) < 4:
            house = _name(rng)
        taken.add(fold(house))
        variants = []
        for form, kind in _variant_candidates(rng, house):
            if len(variants) == variants_per:
                break
            key = fold(form)
            if key in taken or len(form) < 3:
                continue
            taken.add(key)
            r = rng.random()
            kw: dict = {}
            if kind == "abbreviation":
                status, kw["case"] = Status.ADMITTED, Case.EXACT
            elif kind == "misspelling":
                status = Status.FORBIDDEN
            elif r < 0.40:
                status = Status.DEPRECATED
            elif r < 0.47:
                status = Status.FORBIDDEN
            elif r < 0.52:
                status, kind = Status.DEPRECATED, "former-name"
                year = rng.randrange(1950, 2015)
                kw["valid"] = Validity(_dt.date(year, 1, 1), _dt.date(year + rng.randrange(2, 30), 12, 31))
            else:
                status = Status.ADMITTED
            if rng.random() < 0.01 and " " not in form:
                kw["exceptions"] = (f"{form} Street",)
            variants.append(Variant(form=form, status=status, kind=Kind(kind), source=("bench",),
                                    **kw))
            stats["replace" if status in (Status.DEPRECATED, Status.FORBIDDEN) and "valid" not in kw
                  else "note" if "valid" in kw else "keep"] += 1
        cid = f"c{i:05d}-" + "-".join(house.lower().split())
        concepts.append(Concept(id=cid, type=rng.choice(types), en=house, source=("bench",),
                                variants=tuple(variants)))
        stats["forms"] += 1 + len(variants)
    return concepts, stats


# --------------------------------------------------------------------------------------------
# synthetic text

_FILLER = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "by", "at", "from", "it", "be", "are", "has", "have", "said", "its", "were", "this", "which", "an", "not", "but", "or", "their", "more", "also", "will", "been", "after", "over", "year", "new", "than", "other", "who", "government", "would", "about", "two", "into", "first", "minister", "up", "they", "had", "one", "when", "some", "all", "can", "between", "last", "president", "there", "people", "such", "percent", "could", "three", "city", "years", "may", "time", "most", "million", "under", "so", "his", "during", "country", "trade", "border", "region", "since", "state", "economic", "project", "while", "billion", "cooperation", "development", "company", "national", "week", "officials", "international", "report", "according", "only", "part", "group", "told", "before", "because", "against", "where", "both", "through", "several", "local", "including", "next", "second", "public", "water", "rail", "freight", "transport", "energy", "agreement", "talks", "visit", "meeting", "sides", "held", "plans", "market", "investment", "growth", "prices", "construction", "road", "line", "capital", "province", "district", "agency", "ministry", "support", "service", "services", "control", "security", "officials", "data", "record", "exports", "imports", "cargo", "goods", "containers", "trains", "route", "routes", "hub", "logistics", "customs", "checkpoint", "crossing", "terminal", "shipments", "volume", "increase", "decline", "share", "figures", "quarter", "month", "months", "days", "day", "earlier", "later", "today", "yesterday", "early", "late", "high", "low", "major", "key", "main", "largest", "small", "large", "long", "short", "number", "level", "policy", "law", "court", "council", "members", "party", "election", "vote", "leaders", "delegation", "summit", "forum", "event", "programme", "conference", "statement", "announcement", "spokesman", "spokeswoman", "chairman", "director", "head", "chief", "deputy", "manager", "workers", "farmers", "students", "residents", "citizens", "families", "children", "women", "men", "history", "culture", "language", "school", "university", "hospital", "health", "care", "education", "science", "technology", "digital", "network", "power", "grid", "oil", "gas", "pipeline", "field", "fields", "mining", "coal", "copper", "gold", "wheat", "cotton", "grain", "livestock", "farms", "land", "areas", "area", "site", "sites", "zone", "zones", "park", "parks", "lake", "river", "mountains", "desert", "steppe", "winter", "summer", "spring", "autumn", "weather", "snow", "rain", "temperature"]
_FILLER = [w for w in _FILLER if w.lower() not in {g.lower() for g in _GENERIC}]


def build_text(concepts: list, mb: float, term_every: int, seed: int,
               ascii_only: bool = False) -> tuple[str, dict]:
    """English-like text of about ``mb`` MB (UTF-8) with glossary forms sprinkled in.

    News text has curly quotes and dashes; ``ascii_only`` uses straight ones instead.
    """
    from silkterm.glossary.model import Status

    rng = random.Random(seed + 1)
    target = int(mb * 1_000_000)
    weights = [1.0 / (r + 8) for r in range(len(_FILLER))]
    cum_filler = list(_accumulate(weights))
    cweights = [1.0 / (r + 20) for r in range(len(concepts))]
    cum_concepts = list(_accumulate(cweights))
    order = list(range(len(concepts)))
    rng.shuffle(order)
    stats = {"terms": 0, "replaceable": 0, "lower": 0}
    paragraphs: list[str] = []
    size = 0
    p_term = 1.0 / term_every
    apos, lquo, rquo, dash = ("'", '"', '"', "--") if ascii_only else ("\u2019", "\u201c", "\u201d",
                                                                       "\u2014")
    while size < target:
        sentences = []
        for _ in range(rng.randint(3, 7)):
            n = rng.randint(8, 28)
            words = rng.choices(_FILLER, cum_weights=cum_filler, k=n)
            for j in range(n):
                if rng.random() < p_term:
                    concept = concepts[order[rng.choices(range(len(concepts)),
                                                         cum_weights=cum_concepts)[0]]]
                    if concept.variants and rng.random() < 0.45:
                        v = rng.choice(concept.variants)
                        form, replaceable = v.form, (v.status in (Status.DEPRECATED, Status.FORBIDDEN)
                                                     and v.valid is None)
                    else:
                        form, replaceable = concept.en, False
                    r = rng.random()
                    if r < 0.04:
                        form = form.upper()
                    elif r < 0.08 and j > 0 and not form.isupper():  # j = 0 gets a capital
                        form, replaceable = form.lower(), False
                        stats["lower"] += 1
                    if rng.random() < 0.05:
                        form += apos + "s"
                    words[j] = form
                    stats["terms"] += 1
                    stats["replaceable"] += replaceable
                elif rng.random() < 0.01:
                    words[j] = str(rng.randrange(2, 2030))
            if rng.random() < 0.08:
                k = rng.randrange(1, n)
                words[k] = lquo + words[k]
                words[-1] = words[-1] + rquo
            if rng.random() < 0.05:
                words.insert(rng.randrange(1, n), dash)
            if rng.random() < 0.003:
                words.append(f"(https://news.example.org/{rng.randrange(10**6)}/story)")
            for k in range(2, n - 2, 7):
                if rng.random() < 0.3:
                    words[k] += ","
            first = words[0]
            words[0] = first[:1].upper() + first[1:]
            sentences.append(" ".join(words) + ".")
        para = " ".join(sentences)
        paragraphs.append(para)
        size += len(para.encode("utf-8")) + 2
    return "\n\n".join(paragraphs) + "\n", stats


def _accumulate(values: list[float]):
    total = 0.0
    for v in values:
        total += v
        yield total


# --------------------------------------------------------------------------------------------
# child steps (fresh process each)


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_kb() -> int:
    hwm = _status_kb("VmHWM")
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_step(args: argparse.Namespace) -> dict:
    text = Path(args.text_file).read_text(encoding="utf-8")
    out: dict = {"step": args.step}
    t0 = time.perf_counter()
    concepts, _ = build_concepts(args.concepts, args.variants, args.seed)
    out["build_s"] = time.perf_counter() - t0
    if args.step in ("silkterm", "silkterm-plain"):  # silkterm-plain: the no-unseen peer
        from silkterm.glossary.apply import normalize
        from silkterm.glossary.index import index_of
        from silkterm.glossary.model import Glossary

        unseen = args.step == "silkterm"  # silkterm-plain: without the unseen-variant search
        t0 = time.perf_counter()
        glossary = Glossary(tuple(concepts))
        matcher = index_of(glossary).matcher
        if unseen:
            index_of(glossary).fold  # compiled (and cached) with the glossary, like the matcher
        out["compile_s"] = time.perf_counter() - t0
        out["forms"] = len(matcher)

        def step():
            return normalize(text, glossary, unseen=unseen)
    else:
        from flashtext import KeywordProcessor

        t0 = time.perf_counter()
        kp = KeywordProcessor(case_sensitive=False)
        for c in concepts:
            kp.add_keyword(c.en, c.en)
            for v in c.variants:
                kp.add_keyword(v.form, c.en)
        out["compile_s"] = time.perf_counter() - t0
        out["forms"] = len(kp)

        def step():
            return kp.extract_keywords(text)
    del concepts
    import gc

    gc.collect()
    out["peak_reset"] = _reset_peak()
    out["base_kb"] = _status_kb("VmRSS") or 0
    out["pre_peak_kb"] = _peak_kb()
    t0, c0 = time.perf_counter(), time.process_time()
    result = step()
    out["cpu_s"] = time.process_time() - c0
    out["seconds"] = time.perf_counter() - t0
    out["peak_kb"] = _peak_kb()
    if args.step.startswith("silkterm"):
        out["findings"] = len(result.findings)
        out["replaced"] = len(result.replacements)
        out["notes"] = sum(f.action.value == "note" for f in result.findings)
        out["suggest"] = sum(f.action.value == "suggest" for f in result.findings)
    else:
        out["findings"] = len(result)
    return out


def _child(args: argparse.Namespace, step: str, text_file: str) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), "--step", step, "--text-file", text_file,
           "--concepts", str(args.concepts), "--variants", str(args.variants),
           "--seed", str(args.seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"child step {step!r} failed with status {proc.returncode}")
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):])
    raise SystemExit(f"child step {step!r} printed no result")


# --------------------------------------------------------------------------------------------
# driver

STEPS = {"silkterm": "silkterm", "no-unseen": "silkterm-plain", "flashtext": "flashtext"}


def rounds(peers: list[str], repeat: int) -> list[list[str]]:
    """The order of the peers in each round: all of them once per round, rotated by one from
    round to round so that none always runs first (a fresh child each, so order matters little).

    >>> rounds(["a", "b", "c"], 4)
    [['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b'], ['a', 'b', 'c']]
    """
    return [peers[r % len(peers):] + peers[:r % len(peers)] for r in range(repeat)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="text size in MB of UTF-8 (default 20)")
    ap.add_argument("--concepts", type=int, default=10_000, help="concepts (default 10000)")
    ap.add_argument("--variants", type=int, default=3, help="variants per concept (default 3)")
    ap.add_argument("--term-every", type=int, default=30,
                    help="one glossary term per this many words on average (default 30)")
    ap.add_argument("--repeat", type=int, default=5,
                    help="interleaved rounds, each running every peer once (default 5, at least 5)")
    ap.add_argument("--flashtext-repeat", type=int, default=1,
                    help="kept for old command lines: 0 leaves flashtext out; otherwise flashtext "
                         "runs once per round")
    ap.add_argument("--ascii", action="store_true",
                    help="straight quotes and dashes only (default: curly ones, as in news text)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--keep-text", metavar="PATH", help="also write the generated text here")
    ap.add_argument("--step", choices=("silkterm", "silkterm-plain", "flashtext"), help=argparse.SUPPRESS)
    ap.add_argument("--text-file", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.step:
        print(RESULT_MARK + json.dumps(run_step(args)), flush=True)
        return
    if args.repeat < MIN_RUNS:
        ap.error(f"--repeat must be at least {MIN_RUNS} (the timed figures are medians of "
                 f"interleaved rounds)")

    t0 = time.perf_counter()
    concepts, gstats = build_concepts(args.concepts, args.variants, args.seed)
    t_gloss = time.perf_counter() - t0
    t0 = time.perf_counter()
    text, tstats = build_text(concepts, args.mb, args.term_every, args.seed, args.ascii)
    t_text = time.perf_counter() - t0
    nbytes = len(text.encode("utf-8"))
    mb = nbytes / 1e6
    words = text.count(" ") + text.count("\n")
    print(f"glossary: {len(concepts):,} concepts, {gstats['forms']:,} forms "
          f"({gstats['replace']:,} replace, {gstats['note']:,} note, {gstats['keep']:,} keep "
          f"variants); built in {t_gloss:.1f} s")
    kind = "ASCII" if text.isascii() else "with curly quotes/dashes"
    print(f"text: {mb:.1f} MB ({kind}), {len(text):,} chars, ~{words:,} words, {tstats['terms']:,} terms "
          f"inserted ({tstats['replaceable']:,} replaceable, {tstats['lower']:,} lower-case); "
          f"generated in {t_text:.1f} s")
    print(machine())
    del concepts

    peers = ["silkterm", "no-unseen"] + (["flashtext"] if args.flashtext_repeat else [])
    runs: dict[str, list[dict]] = {name: [] for name in peers}
    with tempfile.TemporaryDirectory(prefix="silkterm-bench-") as tmp:
        text_file = os.path.join(tmp, "text.txt")
        Path(text_file).write_text(text, encoding="utf-8")
        if args.keep_text:
            Path(args.keep_text).write_text(text, encoding="utf-8")
        del text
        for r, order in enumerate(rounds(peers, args.repeat), 1):
            shown = []
            for name in order:
                result = _child(args, STEPS[name], text_file)
                runs[name].append(result)
                shown.append(f"{name} {result['cpu_s']:.2f} s")
            print(f"  round {r}/{args.repeat}: {', '.join(shown)}; load {load()}", flush=True)

    children_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cpu = {name: [r["cpu_s"] for r in rs] for name, rs in runs.items()}
    wall = {name: [r["seconds"] for r in rs] for name, rs in runs.items()}
    print(f"\nper peer, {args.repeat} interleaved rounds (a fresh process each): CPU seconds of the "
          f"call, median (min-max); wall seconds, median; compile (untimed apart) and memory")
    print(f"{'peer':<10} {'CPU s':>22} {'wall s':>7} {'MB/s':>7} {'compile s':>9} {'findings':>9} "
          f"{'base MB':>8} {'peak MB':>8} {'+MB':>6}")
    inc: dict[str, float] = {}
    for name, rs in runs.items():
        med = statistics.median(cpu[name])
        inc[name] = max(r["peak_kb"] - r["base_kb"] for r in rs) / 1024
        print(f"{name:<10} {spread(cpu[name]):>22} {statistics.median(wall[name]):>7.2f} "
              f"{mb / med:>7.2f} {statistics.median(r['compile_s'] for r in rs):>9.2f} "
              f"{rs[0]['findings']:>9,} {max(r['base_kb'] for r in rs) / 1024:>8.0f} "
              f"{max(r['peak_kb'] for r in rs) / 1024:>8.0f} {inc[name]:>6.0f}")
    last = runs["silkterm"][0]
    print(f"silkterm findings: {last['replaced']:,} replaced, {last['notes']:,} notes, "
          f"{last['suggest']:,} suggestions (inserted replaceable terms: {tstats['replaceable']:,}); "
          f"flashtext counts every keyword, kept forms and lower case included")
    if not all(r["peak_reset"] for rs in runs.values() for r in rs):
        print("note: /proc/self/clear_refs unavailable: peak includes the build phase")
    print(f"max RSS of any child (RUSAGE_CHILDREN): {children_max:.0f} MB")

    print(f"\nper-round ratios (CPU time, both from the same round), median (min-max) of {args.repeat}:")
    overhead = [x - 1 for x in per_round(cpu["silkterm"], cpu["no-unseen"])]
    print(f"  unseen search overhead, silkterm / no-unseen - 1: {spread(overhead, '+.0%')}")
    if "flashtext" in runs:
        print(f"  flashtext / silkterm:  {ratio(cpu['flashtext'], cpu['silkterm'])}")
        print(f"  flashtext / no-unseen: {ratio(cpu['flashtext'], cpu['no-unseen'])}")
    print(f"load after: {load()}")

    verdicts = []
    ok = True
    over = statistics.median(overhead)
    good = over <= TARGET_UNSEEN
    ok &= good
    verdicts.append(f"unseen-variant search adds {over:.0%} (target <= {TARGET_UNSEEN:.0%}"
                    f"{'' if good else ', MISSED'})")
    if "flashtext" in runs:
        speed = median_ratio(cpu["flashtext"], cpu["silkterm"])
        plain = median_ratio(cpu["flashtext"], cpu["no-unseen"])
        good = speed >= TARGET_RATIO
        ok &= good
        verdicts.append(f"flashtext/silkterm = {speed:.2f}x (target >= {TARGET_RATIO:g}x"
                        f"{'' if good else ', MISSED'}); without the search {plain:.2f}x")
    else:
        verdicts.append("flashtext skipped, no speed verdict")
    good = inc["silkterm"] < TARGET_MEMORY_MB
    ok &= good
    verdicts.append(f"normalise peak +{inc['silkterm']:.0f} MB over baseline, "
                    f"{max(r['peak_kb'] for r in runs['silkterm']) / 1024:.0f} MB absolute "
                    f"(target < {TARGET_MEMORY_MB:g} MB{'' if good else ', MISSED'})")
    print(f"\nVERDICT: {'PASS' if ok else 'FAIL'} at {mb:.1f} MB: " + "; ".join(verdicts))


if __name__ == "__main__":
    main()
