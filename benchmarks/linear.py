"""Time and memory of the text commands as their input grows: linear time, bounded memory.

Issue 9, B4 and B5. What it measures, each run a fresh ``silkterm`` process (the console script
beside the interpreter that runs this script) on a file made here (deterministic for --seed):

1. **time** (B4): for each input kind (--kinds) and command (--commands), each size (--sizes, MB
   of UTF-8, default 0.5 2 8) is run --runs times (default 5), the sizes interleaved so that
   machine noise hits them alike. The time of the same command on an empty file (median of
   --runs) is subtracted: what remains is the work on the input. Printed: median and spread
   (min-max) per size and the ratio of medians per 4x growth of the input. Verdict: every ratio
   at most 5.0 (``TARGET_TIME_RATIO``).
2. **memory** (B5): peak RSS (``ru_maxrss`` of the child, from ``os.wait4``) of normalize,
   annotate and check on --rss-sizes MB (default 4 40) of news text (TMX and PO files for
   check), of normalize and annotate on one line of names (``caps``) and one line of
   sentences (``sentences``), one run each (--rss-cases to choose); and of ``tm import`` of the PO
   file into a new memory, reported but not judged (SQLite's page cache of up to 64 MB fills as
   the memory grows). Verdict: the peak for the largest size at most 1.3x
   (``TARGET_RSS_RATIO``) that for the smallest.

Input kinds (one long line unless said otherwise):

* ``caps``: capitalised words and glossary names without punctuation (the case of issue 9, B4);
* ``sentences``: news sentences, with names, URLs and e-mail addresses, and no line break;
* ``lower``: lower-case words; ``chinese``: Chinese characters with glossary terms among them;
* ``hyphens``: names joined by hyphens, and runs of bare hyphens;
* ``longwords``: words of 2,000-20,000 letters; ``urls``: many URLs (protected spans);
* ``toned``: pinyin with tone marks and numbers (the romanisation search);
* ``markdown``: a Markdown document with huge fenced code blocks and inline code;
* ``html``: HTML with many tags, attributes and entities;
* ``news``: news-like paragraphs with names, lines of about 70 characters (also the RSS input);
* ``po``, ``tmx``: a PO catalog, a TMX file of news sentences and translations (for ``check``).

Commands: ``normalize``, ``annotate`` (inline), ``annotate-json``, ``annotate-html``,
``check`` (used only with kinds ``po`` and ``tmx``).

Usage: python benchmarks/linear.py [--kinds caps lower ...] [--commands normalize ...]
                                   [--sizes 0.5 2 8] [--runs 5] [--rss-sizes 4 40] [--no-rss]
                                   [--rss-cases normalize:caps annotate:news ...]
Quick look: python benchmarks/linear.py --sizes 0.125 0.5 --runs 3 --rss-sizes 1 4
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_TIME_RATIO = 5.0
TARGET_RSS_RATIO = 1.3

_NAMES = ["Khorgos", "Horgos", "Tokajew", "Kassym", "Jomart", "Tokayev", "Nur", "Sultan", "Astana",
          "Almaty", "Big", "Red", "Market", "Zharkent", "Qorgas", "Urumqi", "Beijing", "Xi",
          "Jinping", "Nurly", "Zhol", "Eastern", "Gate", "Dongdamen", "President", "Minister",
          "Alma", "Ata", "Kazakhstan", "China", "Kemelevich", "Shanxi", "Shaanxi", "Toqaev"]
_LOWER = ["the", "trade", "of", "port", "and", "rail", "new", "crown", "dry", "road", "belt",
          "goods", "border", "horgos", "astana", "zone", "with", "a", "for", "trucks", "panda"]
_HAN = ["霍尔果斯", "阿斯塔纳", "口岸", "中国", "哈萨克斯坦", "的", "和", "新冠", "东大门", "一带一路",
        "铁路", "货物", "习近平", "托卡耶夫", "努尔苏丹", "了", "在", "是"]
_TONED = ["Běijīng", "Xīnhuá", "Shǎnxī", "Shānxī", "Bei3", "jing1", "xí", "jìn", "píng", "Huò'ěrguǒsī",
          "Wū-lǔ-mù-qí", "Tōngxùnshè", "Ālāshānkǒu"]
_SENTENCES = [
    "Trucks crossed the border at Horgos on Monday, officials in Astana said.",
    "President Kassym-Jomart Tokayev met Xi Jinping in Beijing to discuss the Belt and Road.",
    "The Khorgos Eastern Gate dry port handled a record number of containers this year.",
    "Nur-Sultan was renamed Astana again in September 2022, the Kazakh parliament decided.",
    "Exports from Urumqi to Almaty grew by a fifth, according to the customs office.",
    "The outbreak of the new crown slowed traffic on the Nurly Zhol corridor for months.",
    "Tokajew und Xi trafen sich in Astana; the talks covered rail, gas and wheat.",
    "See https://example.org/news/Horgos-2024 or write to desk@example.kz for details.",
]


def _words(rng: random.Random, pool: list[str], nbytes: int, sep: str = " ") -> str:
    out: list[str] = []
    n = 0
    while n < nbytes:
        w = rng.choice(pool)
        out.append(w)
        n += len(w.encode()) + len(sep)
    return sep.join(out)


def _caps(rng: random.Random, nbytes: int) -> str:
    return _words(rng, _NAMES, nbytes)


def _lower(rng: random.Random, nbytes: int) -> str:
    return _words(rng, _LOWER, nbytes)


def _chinese(rng: random.Random, nbytes: int) -> str:
    return _words(rng, _HAN, nbytes, sep="")


def _hyphens(rng: random.Random, nbytes: int) -> str:
    pool = ["-".join(rng.choice(_NAMES) for _ in range(rng.randint(2, 6))) for _ in range(200)]
    pool += ["-" * k for k in (1, 3, 40)] + ["Kassym-Jomart", "Nur-Sultan", "Alma-Ata"]
    return _words(rng, pool, nbytes)


def _longwords(rng: random.Random, nbytes: int) -> str:
    pool = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(k))
            for k in (2000, 5000, 20000)]
    pool = [w.capitalize() for w in pool] + pool + ["Khorgos", "Horgos"]
    return _words(rng, pool, nbytes)


def _urls(rng: random.Random, nbytes: int) -> str:
    pool = [f"https://example.org/{n}/Horgos-{k}" for n in _NAMES[:8] for k in range(5)]
    pool += ["www.Khorgos.kz", "desk@example.kz", "Horgos", "and"]
    return _words(rng, pool, nbytes)


def _toned(rng: random.Random, nbytes: int) -> str:
    return _words(rng, _TONED + _NAMES[:6], nbytes)


def _sentences(rng: random.Random, nbytes: int) -> str:
    return _words(rng, _SENTENCES, nbytes)


def _markdown(rng: random.Random, nbytes: int) -> str:
    parts: list[str] = []
    n = 0
    while n < nbytes:
        if rng.random() < 0.5:
            code = "\n".join(f"x = 'Horgos {k}'  # Khorgos" for k in range(rng.randint(200, 3000)))
            part = f"```python\n{code}\n```\n"
        else:
            part = " ".join(rng.choice(_SENTENCES) + f" Use `Horgos{k}`." for k in range(8)) + "\n"
        parts.append(part + "\n")
        n += len(part.encode()) + 1
    return "".join(parts)


def _html(rng: random.Random, nbytes: int) -> str:
    pool = ['<a href="/Horgos" title="Horgos">Horgos</a>', "<b>Khorgos</b>", "<i>", "</i>",
            "<br/>", "&amp;", "&#x4e2d;", "<span class='Tokajew'>Tokajew</span>",
            "<code>Horgos</code>", "Astana", "trade", "<!-- Horgos -->", "<p>", "</p>"]
    return _words(rng, pool, nbytes)


def _news(rng: random.Random, nbytes: int) -> str:
    paragraphs: list[str] = []
    n = 0
    while n < nbytes:
        text = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(2, 6)))
        lines: list[str] = []
        line = ""
        for word in text.split(" "):  # soft-wrapped at about 70 characters
            if line and len(line) + len(word) > 70:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        para = "\n".join(lines) + "\n\n"
        paragraphs.append(para)
        n += len(para.encode())
    return "".join(paragraphs)


def _po(rng: random.Random, nbytes: int) -> str:
    out = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_CN\\n"\n\n']
    n = len(out[0])
    k = 0
    while n < nbytes:
        source = rng.choice(_SENTENCES).replace('"', "'")
        target = "".join(rng.choice(_HAN) for _ in range(12))
        entry = f'msgctxt "u{k}"\nmsgid "{source}"\nmsgstr "{target}"\n\n'
        out.append(entry)
        n += len(entry.encode())
        k += 1
    return "".join(out)


def _tmx(rng: random.Random, nbytes: int) -> str:
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
            'creationtoolversion="1"/><body>\n')
    out = [head]
    n = len(head)
    while n < nbytes:
        source = rng.choice(_SENTENCES).replace("&", "and").replace("<", "")
        target = "".join(rng.choice(_HAN) for _ in range(12))
        unit = (f'<tu><tuv xml:lang="en"><seg>{source}</seg></tuv>'
                f'<tuv xml:lang="zh"><seg>{target}</seg></tuv></tu>\n')
        out.append(unit)
        n += len(unit.encode())
    out.append("</body></tmx>\n")
    return "".join(out)


KINDS: dict[str, Callable[[random.Random, int], str]] = {
    "caps": _caps, "sentences": _sentences, "lower": _lower, "chinese": _chinese, "hyphens": _hyphens,
    "longwords": _longwords, "urls": _urls, "toned": _toned, "markdown": _markdown, "html": _html,
    "news": _news, "po": _po, "tmx": _tmx,
}
_SUFFIX = {"markdown": ".md", "html": ".html", "po": ".po", "tmx": ".tmx"}
COMMANDS: dict[str, list[str]] = {
    "normalize": ["normalize"],
    "annotate": ["annotate"],
    "annotate-json": ["annotate", "--style", "json"],
    "annotate-html": ["annotate", "--style", "html"],
    "check": ["check"],
    "tm-import": ["tm", "import", "--tm", "{memory}"],  # a new memory each run
}


def make_input(kind: str, megabytes: float, seed: int = 1) -> str:
    """The input of ``kind``, about ``megabytes`` MB of UTF-8 (deterministic for ``seed``)."""
    return KINDS[kind](random.Random(seed), int(megabytes * 1_000_000))


def _silkterm() -> str:
    return str(Path(sys.executable).with_name("silkterm"))


# Linux counts the memory of the process that forks into the child's ru_maxrss: a small
# launcher process starts each run, so that the figure is silkterm's own.
_LAUNCHER = """import os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = p.stderr.read()
_, status, usage = os.wait4(p.pid, 0)
print(time.perf_counter() - t0, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
sys.stderr.write(err.decode(errors="replace"))
"""


def run_once(command: str, path: Path) -> tuple[float, int]:
    """One run of ``silkterm COMMAND path`` (output discarded): wall seconds and peak RSS in KiB."""
    memory = path.with_name(path.name + ".sqlite")
    memory.unlink(missing_ok=True)
    cmd = [_silkterm(), *(a.format(memory=memory) for a in COMMANDS[command]), str(path)]
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, *cmd], capture_output=True, text=True)
    elapsed, rss, code = proc.stdout.split()
    if int(code) not in (0, 1) or proc.stderr:
        raise SystemExit(f"{' '.join(cmd)} exited with status {code}: {proc.stderr.strip()}")
    return float(elapsed), int(rss)


def _write(folder: Path, kind: str, megabytes: float, seed: int) -> Path:
    """The input file of ``kind`` and size (made once, in a child process: this one stays small)."""
    path = folder / f"{kind}-{megabytes:g}MB-{seed}{_SUFFIX.get(kind, '.txt')}"
    if not path.exists():
        code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
                f"from linear import make_input; from pathlib import Path; "
                f"Path({str(path)!r}).write_text(make_input({kind!r}, {megabytes!r}, {seed!r}), "
                f"encoding='utf-8')")
        subprocess.run([sys.executable, "-c", code], check=True)
    return path


def time_growth(folder: Path, kind: str, command: str, sizes: list[float], runs: int,
                seed: int) -> bool:
    """Print the timing table of one kind and command; True if every 4x step is within target."""
    files = [_write(folder, kind, s, seed) for s in sizes]
    empty = folder / f"empty{_SUFFIX.get(kind, '.txt')}"
    if kind in ("po", "tmx"):
        empty.write_text(make_input(kind, 0), encoding="utf-8")
    else:
        empty.write_text("", encoding="utf-8")
    base: list[float] = []
    times: list[list[float]] = [[] for _ in sizes]
    for _ in range(runs):  # interleaved: every size once per round
        base.append(run_once(command, empty)[0])
        for i, f in enumerate(files):
            times[i].append(run_once(command, f)[0])
    start = statistics.median(base)
    ok = True
    medians: list[float] = []
    print(f"\n{command} on {kind} (start-up {start:.2f} s subtracted, {runs} runs each)")
    for s, t in zip(sizes, times, strict=True):
        work = [x - start for x in t]
        med = statistics.median(work)
        line = f"  {s:>6g} MB  median {med:7.2f} s  spread {min(work):7.2f}-{max(work):.2f} s"
        if medians:
            growth = s / sizes[len(medians) - 1]
            ratio = med / medians[-1] if medians[-1] > 0 else float("inf")
            per4 = ratio ** (2 / math.log2(growth)) if growth > 1 else ratio
            ok = ok and per4 <= TARGET_TIME_RATIO
            line += f"  x{ratio:.2f} for x{growth:g} input (x{per4:.2f} per 4x)"
        medians.append(med)
        print(line, flush=True)
    return ok


RSS_CASES = ["normalize:news", "annotate:news", "annotate-json:news", "annotate-html:news",
             "check:tmx", "check:po", "normalize:caps", "annotate:caps", "normalize:sentences",
             "annotate:sentences"]


def rss_growth(folder: Path, sizes: list[float], seed: int, cases: list[str] | None = None) -> bool:
    """Print peak RSS per size for each ``command:kind`` case; True if within target."""
    ok = True
    print("\npeak RSS (ru_maxrss of the child, one run each)")
    for command, kind in (case.split(":") for case in cases or RSS_CASES):
        peaks = [run_once(command, _write(folder, kind, s, seed))[1] / 1024 for s in sizes]
        ratio = peaks[-1] / peaks[0]
        if command != "tm-import":  # (the store's page cache grows to 64 MB: not judged)
            ok = ok and ratio <= TARGET_RSS_RATIO
        shown = ", ".join(f"{s:g} MB: {p:.0f} MiB" for s, p in zip(sizes, peaks, strict=True))
        print(f"  {command:14} on {kind:9} {shown}  ratio {ratio:.2f}", flush=True)
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", nargs="+", default=["caps", "sentences", "lower", "chinese",
                                                       "hyphens", "longwords", "urls", "toned",
                                                       "markdown", "html"], choices=sorted(KINDS))
    parser.add_argument("--commands", nargs="+", default=["normalize"], choices=sorted(COMMANDS))
    parser.add_argument("--sizes", nargs="+", type=float, default=[0.5, 2, 8])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rss-sizes", nargs="+", type=float, default=[4, 40])
    parser.add_argument("--rss-cases", nargs="+", default=RSS_CASES, metavar="COMMAND:KIND",
                        help="The memory runs (default: all of them).")
    parser.add_argument("--no-rss", action="store_true")
    parser.add_argument("--no-time", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", help="Keep the generated inputs here (default: a temporary folder).")
    args = parser.parse_args()
    verdicts: list[tuple[str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.dir) if args.dir else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.no_time:
            for kind in args.kinds:
                for command in args.commands:
                    if (command == "check") != (kind in ("po", "tmx")):
                        continue
                    verdicts.append((f"time {command} {kind}", time_growth(
                        folder, kind, command, sorted(args.sizes), args.runs, args.seed)))
        if not args.no_rss:
            verdicts.append(("memory", rss_growth(folder, sorted(args.rss_sizes), args.seed,
                                                   args.rss_cases)))
    print()
    for name, ok in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    print(f"verdict: {'linear time and bounded memory' if all(ok for _, ok in verdicts) else 'FAIL'}"
          f" (time <= x{TARGET_TIME_RATIO:g} per 4x input; RSS <= x{TARGET_RSS_RATIO:g})")
    sys.exit(0 if all(ok for _, ok in verdicts) else 1)


if __name__ == "__main__":
    main()
