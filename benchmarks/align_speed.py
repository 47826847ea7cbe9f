"""Alignment speed (issue 12): 100 English-Chinese article pairs, about 1 MB, on one core.

The ten pairs of ``benchmarks/align`` are repeated forty times, each copy's numbers varied (every
digit run gets the copy number added to it, the same way on both sides, so no copy is identical and
the number anchors still agree), and joined four at a time into 100 article pairs of about 10 KB. Each pair is aligned with ``align_texts`` and the built-in
glossary; the peer in the same run is the plain length-only Gale-Church model (the same function
with the anchors off); and the full aligner, a second pass with the name pairs of the first (a fresh
:class:`~silkterm.glossary.namepairs.NamePairer` per run, its tokenizer built outside the timing as
``collect --pair`` builds it once). CPU time (``time.process_time``), median of 5 runs with the range.

    python benchmarks/align_speed.py
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import yaml
from silkterm.glossary import load_glossary
from silkterm.glossary.collect import Collector
from silkterm.glossary.namepairs import NamePairer
from silkterm.tm.align import align_texts

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
    texts = corpus()
    size = sum(len(en.encode()) + len(zh.encode()) for en, zh in texts)
    glossary = load_glossary()
    align_texts(*texts[0], glossary=glossary)  # build the matcher outside the timing
    tokenizer = Collector(glossary).tokenizer  # built once per run of collect --pair: outside too
    for label, anchors, second in (("Gale-Church + anchors, two passes (learnt name pairs)", True, True),
                                   ("Gale-Church + anchors, one pass", True, False),
                                   ("Gale-Church, length only", False, False)):
        times = []
        for _ in range(5):
            t0 = time.process_time()
            pairer = NamePairer.of(glossary, tokenizer) if second else None  # a fresh one: nothing remembered
            for en, zh in texts:
                align_texts(en, zh, glossary=glossary, anchors=anchors, pairer=pairer)
            times.append(time.process_time() - t0)
        print(f"{label}: {len(texts)} pairs, {size / 1e6:.2f} MB: median {statistics.median(times):.2f} s "
              f"CPU (range {min(times):.2f}-{max(times):.2f})")


if __name__ == "__main__":
    main()
