"""Speed, linearity and memory of ``silkterm collect`` on English news (issue 11, "Performance").

The corpus is built here from the English texts the repository has: the five seeds (``seeds/*.txt``)
and the English files of the evaluation corpus (``benchmarks/collect/corpus``: plain text and
Markdown). Their paragraphs are repeated in a shuffled order (deterministic for --seed) and varied
so that the number of distinct names grows as in real news (Heaps' law): in each paragraph, some
names of two capitalised words followed by a lower-case word that links nothing get a third word,
a surname made from a counter (``Alikhan Smailov said`` → ``Alikhan Smailov Bekov said``), the
counter drawn from a range that grows as the 0.7th power of the paragraph's number. Paragraph by paragraph, the corpus is a prefix of the same text for every
size, so each size holds the smaller ones.

What it measures, in this process, on one core (CPU time of this process, which other processes on
the shared machine disturb less than wall time):

1. **speed**: :func:`silkterm.glossary.collect.collect` (what the command runs: readers, chunks,
   candidates, clusters, proposals; not the start-up or the JSON writing) over the largest size
   (--sizes, MB of UTF-8, default 1 4 16 20… see below), --runs times (default 5), median and range,
   in MB/s. Target (issue 11): at least 2 MB/s.
2. **linearity**: the median time per size and the ratio of medians per 4x growth of the input
   (the sizes interleaved so that noise hits them alike). Target: every ratio at most 5.0.
3. **memory**: the peak of the Python heap (``tracemalloc``, the text itself not counted) while
   collecting --mem-sizes MB (default 5 20), one run each, with the number of distinct forms the
   collector keeps state for (``Collector.distinct_forms``). The collector keeps per-form state and
   at most three contexts per form, not the text: its memory grows with the distinct forms (which
   grow with the text, as in real news, by design of the corpus), not with the text. Target: the
   peak per distinct form for the largest size at most 1.5x that for the smallest.
4. **peer** for context, in the same run: a plain regular-expression extractor of capitalised runs
   (``[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)*``, counted per distinct run in a ``Counter``), which finds
   runs of capitalised ASCII words and nothing else (no linking words, acronyms, titles, cues,
   clusters or lookups): the floor of what any Python name finder costs on the same text.

Usage: python benchmarks/collect_speed.py [--sizes 1.25 5 20] [--runs 5] [--mem-sizes 5 20] [--seed 1]
Quick look: python benchmarks/collect_speed.py --sizes 0.25 1 --runs 3 --mem-sizes 0.25 1
"""

from __future__ import annotations

import argparse
import gc
import io
import math
import random
import re
import statistics
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from silkterm.glossary import load_glossary
from silkterm.glossary.candidates import clear_word_cache
from silkterm.glossary.collect import Collector
from silkterm.glossary.model import Glossary
from silkterm.glossary.phonetic import clear_caches as clear_loose_keys
from silkterm.glossary.translit import ZhTokenizer
from silkterm.glossary.xinhua import toneless

ROOT = Path(__file__).resolve().parent.parent
TARGET_MBPS = 2.0
TARGET_TIME_RATIO = 5.0
TARGET_MEM_RATIO = 1.5
SYLLABLES = ["bek", "ak", "nur", "tas", "kul", "ser", "zhan", "mur", "dos", "ai", "yer", "kan",
             "sa", "tol", "gen", "ras", "ily", "bol", "tur", "mar"]
ENDINGS = ["ov", "ev", "uly", "in", "bayev", "ov", "yn", "ova"]
# the last of two capitalised words, before a lower-case word that links nothing: a person's name
_VARY = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]{3,})(?= (?!(?:of|the|and|for|on|de|in|at)\b)[a-z])")
_PEER = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def paragraphs() -> list[str]:
    """The English paragraphs of the seeds and the evaluation corpus (plain text and Markdown)."""
    files = sorted((ROOT / "seeds").glob("*.txt"))
    files += [p for p in sorted((ROOT / "benchmarks" / "collect" / "corpus").iterdir())
              if p.suffix in (".txt", ".md") and p.read_text(encoding="utf-8").isascii()]
    out: list[str] = []
    for path in files:
        out += [p.strip() + "\n\n" for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return out


def surname(n: int) -> str:
    """A made-up surname for counter ``n`` (distinct counters, distinct names)."""
    parts = []
    n, end = divmod(n, len(ENDINGS))
    while True:
        n, k = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[k])
        if n == 0:
            break
        n -= 1
    return ("".join(parts) + ENDINGS[end]).capitalize()


def corpus(size: int, seed: int) -> str:
    """About ``size`` characters of varied news paragraphs (see the module description)."""
    rng = random.Random(seed)
    source = paragraphs()
    out = io.StringIO()
    total = 0
    j = 0
    while total < size:
        order = source[:]
        rng.shuffle(order)
        for para in order:
            j += 1
            span = 1 + int(4 * j ** 0.7)

            def vary(m: re.Match[str], span: int = span) -> str:
                if rng.random() < 0.5:
                    return f"{m.group(1)} {surname(rng.randrange(span))}"
                return m.group(1)

            para = _VARY.sub(vary, para)
            out.write(para)
            total += len(para.encode("utf-8"))
            if total >= size:
                break
    return out.getvalue()


def cut(text: str, size: int) -> str:
    """The paragraphs of ``text`` that fit in ``size`` bytes of UTF-8 (a prefix)."""
    end = text.rfind("\n\n", 0, size) + 2
    return text[:end] if end > 1 else text[:size]


def run_collect(glossary: Glossary, tokenizer: ZhTokenizer, text: str) -> tuple[float, int, int]:
    """CPU seconds to collect ``text`` (one file, pieces of 64 KiB); proposals; distinct forms.
    The Chinese tokenizer and the glossary's indexes are built once, before (their cost does not
    grow with the text); the caches of per-form work are emptied before each run."""
    clear_loose_keys()  # the per-form caches start empty, as in a fresh process
    toneless.cache_clear()
    clear_word_cache()
    collector = Collector(glossary, tokenizer=tokenizer)
    pieces = (text[i:i + 65536] for i in range(0, len(text), 65536))
    gc.collect()
    start = time.process_time()
    collector.add(pieces, "news.txt", "text")
    result = collector.result()
    took = time.process_time() - start
    return took, len(result.proposals), collector.distinct_forms


def run_peer(text: str) -> tuple[float, int]:
    """CPU seconds of the regular-expression peer; distinct runs."""
    start = time.process_time()
    found = Counter(" ".join(m.group().split()) for m in _PEER.finditer(text))
    return time.process_time() - start, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.25, 5.0, 20.0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mem-sizes", type=float, nargs="*", default=[5.0, 20.0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    glossary = load_glossary()
    tokenizer = Collector(glossary).tokenizer
    warm = Collector(glossary, tokenizer=tokenizer)  # the glossary's indexes and the place data
    warm.add(["Prime Minister Alikhan Smailov visited Aqtobe and 阿克托别.\n"], "warm-up.txt")
    warm.result()
    biggest = corpus(int(max(args.sizes + args.mem_sizes) * 1_000_000), args.seed)
    texts = {s: cut(biggest, int(s * 1_000_000)) for s in sorted(set(args.sizes + args.mem_sizes))}
    mb = {s: len(t.encode("utf-8")) / 1e6 for s, t in texts.items()}
    times: dict[float, list[float]] = {s: [] for s in args.sizes}
    peer: dict[float, list[float]] = {s: [] for s in args.sizes}
    info: dict[float, tuple[int, int, int]] = {}
    for _ in range(args.runs):
        for s in args.sizes:
            took, proposals, forms = run_collect(glossary, tokenizer, texts[s])
            times[s].append(took)
            ptook, runs = run_peer(texts[s])
            peer[s].append(ptook)
            info[s] = (proposals, forms, runs)
    print(f"collect, CPU time of one process, {args.runs} runs per size, interleaved (median, range)")
    medians = {}
    for s in args.sizes:
        med = medians[s] = statistics.median(times[s])
        pmed = statistics.median(peer[s])
        proposals, forms, runs = info[s]
        print(f"{mb[s]:7.2f} MB  collect {med:7.2f} s ({min(times[s]):.2f}-{max(times[s]):.2f})"
              f"  {mb[s] / med:5.2f} MB/s ({mb[s] / max(times[s]):.2f}-{mb[s] / min(times[s]):.2f})"
              f"  {forms:7d} distinct forms  {proposals:6d} proposals"
              f" | peer regex {pmed:6.2f} s  {mb[s] / pmed:6.1f} MB/s  {runs:7d} distinct runs")
    ratios = []
    for s1, s2 in zip(args.sizes, args.sizes[1:]):
        ratio = (medians[s2] / medians[s1]) ** (2 / max(1e-9, math.log2(mb[s2] / mb[s1])))
        ratios.append(ratio)
        print(f"{mb[s1]:g} -> {mb[s2]:g} MB: time ratio per 4x growth {ratio:.2f}")
    largest = max(args.sizes)
    speed = mb[largest] / medians[largest]
    print(f"speed: {speed:.2f} MB/s on {mb[largest]:.2f} MB "
          f"({'met' if speed >= TARGET_MBPS else 'MISSED'}, target {TARGET_MBPS} MB/s)")
    print(f"linearity: {'met' if all(r <= TARGET_TIME_RATIO for r in ratios) else 'MISSED'} "
          f"(target: at most {TARGET_TIME_RATIO} per 4x)")
    per_form = []
    for s in args.mem_sizes:
        tracemalloc.start()
        _, _, forms = run_collect(glossary, tokenizer, texts[s])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        per_form.append(peak / max(1, forms))
        print(f"memory: {mb[s]:7.2f} MB  peak traced heap during collect {peak / 2**20:7.1f} MiB"
              f" ({peak / 1e6 / mb[s]:.2f}x the text)  {forms} distinct forms kept,"
              f" {peak / max(1, forms) / 1024:.2f} KiB per form")
    if len(per_form) > 1:
        ratio = per_form[-1] / per_form[0]
        print(f"memory per distinct form, {mb[args.mem_sizes[-1]]:g} / {mb[args.mem_sizes[0]]:g} MB: "
              f"{ratio:.2f} ({'met' if ratio <= TARGET_MEM_RATIO else 'MISSED'}, "
              f"target at most {TARGET_MEM_RATIO})")


if __name__ == "__main__":
    main()
