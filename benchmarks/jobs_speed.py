"""``--jobs 2`` against ``--jobs 1``: the speed-up of worker processes on many files (issue 14).

What it measures, each run a fresh ``silkterm`` process (the console script beside the interpreter
that runs this script) on files made here in a temporary directory:

1. **files**: --files (default 6) texts of --size MB (default 3) of UTF-8 each, made of the five
   seeds (``seeds/*.txt``) repeated, their paragraphs shuffled and names respelt per repetition
   (Tokayev / Tokaev / Tokajew, Khorgos / Horgos / Korgas, …: deterministic for --seed), so that
   no two files are alike and the unseen-spelling search has work to do;
2. **warm-up**: each command once with --jobs 1 and once with --jobs N (--jobs, default 2); their
   outputs must be byte-identical (else the script stops) and the glossary cache is filled;
3. **time**: for each command (--commands, default ``normalize`` and ``annotate``), --runs runs
   (default 5) of each of --jobs 1 and --jobs N, interleaved (1, N, N, 1, 1, N, …) so that the
   machine's noise hits both alike; wall time of the whole process, output to /dev/null.

Printed: per command and jobs, the median and the spread (min-max) of the wall times; the ratio of
the medians, --jobs 1 / --jobs N (the speed-up), with the ratios of the fastest and slowest runs;
the CPU time (user + system, workers included, from ``os.wait4``) and the cores it had on average
(CPU / wall); the machine's core count and load average (``os.getloadavg``) before and after: on a
shared machine other processes take cores away (with Linux's autogroup scheduling, a session's
processes share one CPU share: under load a second worker gets little more). Verdict: every speed-up at least 1.6
(``TARGET_SPEEDUP``, for 2 jobs on 2 cores).

Usage: python benchmarks/jobs_speed.py [--files 6] [--size 3] [--runs 5] [--jobs 2]
                                       [--commands normalize annotate] [--seed 14]
Quick look: python benchmarks/jobs_speed.py --quick   (4 files of 0.5 MB, 5 runs)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SPEEDUP = 1.6
ROOT = Path(__file__).resolve().parent.parent
# spellings of one name each repetition cycles through (the first is the glossary's house form)
RESPELLINGS = [("Tokayev", ["Tokayev", "Tokaev", "Tokajew", "Tokayev"]),
               ("Khorgos", ["Khorgos", "Horgos", "Korgas", "Khorgas"]),
               ("Astana", ["Astana", "Nur-Sultan", "Astana", "Akmola"]),
               ("Almaty", ["Almaty", "Alma-Ata", "Almaty", "Almati"]),
               ("Xi Jinping", ["Xi Jinping", "Xi Jinping", "Xi Jin-ping", "Hsi Chin-p'ing"])]
COMMANDS = {"normalize": ["normalize"], "annotate": ["annotate"],
            "annotate-json": ["annotate", "--style", "json"], "normalize-check": ["normalize", "--check"]}


def make_file(path: Path, size: int, seed: int) -> None:
    """``size`` bytes (about: whole paragraphs) of the seeds, shuffled and respelt, at ``path``."""
    rng = random.Random(seed)
    paragraphs = [p for seed_file in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in seed_file.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    written = 0
    repetition = 0
    while written < size:
        block = paragraphs[:]
        rng.shuffle(block)
        for p in block:
            for name, spellings in RESPELLINGS:
                p = p.replace(name, spellings[(repetition + rng.randrange(2)) % len(spellings)])
            piece = p + "\n\n"
            out.append(piece)
            written += len(piece.encode("utf-8"))
            if written >= size:
                break
        repetition += 1
    path.write_text("".join(out), encoding="utf-8")


def _run(cmd: list[str], capture: bool = False) -> tuple[float, float, str]:
    """Wall time, CPU time (user + system, of the process and of the workers it waited for) and
    the SHA-256 of the output (with ``capture``) of one run."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out if capture else subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            sys.stderr.write(err.read().decode(errors="replace"))
            raise SystemExit(f"{' '.join(cmd)} exited with status {proc.returncode}")
        out.seek(0)
        digest = hashlib.sha256(out.read()).hexdigest() if capture else ""
    return elapsed, usage.ru_utime + usage.ru_stime, digest


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _autogroup() -> str:
    """A note on Linux's autogroup scheduling, when it is on."""
    try:
        on = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return ""
    return ("autogroup scheduling is on: the processes of one session (this script, silkterm and "
            "its workers) share one session's CPU share, so while other sessions keep the cores "
            "busy, a second worker gets little more CPU\n" if on else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=6, help="number of files (default 6)")
    ap.add_argument("--size", type=float, default=3.0, help="MB of UTF-8 per file (default 3)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    ap.add_argument("--jobs", type=int, default=2, help="the jobs compared with 1 (default 2)")
    ap.add_argument("--commands", nargs="+", choices=sorted(COMMANDS),
                    default=["normalize", "annotate"], help="default: normalize annotate")
    ap.add_argument("--seed", type=int, default=14, help="seed of the texts (default 14)")
    ap.add_argument("--quick", action="store_true", help="4 files of 0.5 MB (a quick look)")
    args = ap.parse_args()
    if args.quick:
        args.files, args.size = 4, 0.5

    silkterm = str(Path(sys.executable).with_name("silkterm"))
    if not os.path.exists(silkterm):
        raise SystemExit(f"no console script at {silkterm}: install silkterm in this environment")
    print(f"python:   {sys.executable}  ({sys.version.split()[0]})")
    print(f"silkterm: {silkterm}")
    print(f"cores: {os.cpu_count()}; load average (1, 5, 15 min) before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="silkterm-jobs-bench-") as tmp:
        files = []
        for k in range(args.files):
            path = Path(tmp) / f"news{k}.txt"
            make_file(path, int(args.size * 1_000_000), args.seed * 1000 + k)
            files.append(str(path))
        total = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"input: {args.files} files, {total:.1f} MB in all; {args.runs} interleaved runs each\n")

        times: dict[tuple[str, int], list[float]] = {}
        cpus: dict[tuple[str, int], list[float]] = {}
        for name in args.commands:
            cmds = {jobs: [silkterm, *COMMANDS[name], "--jobs", str(jobs), *files]
                    for jobs in (1, args.jobs)}
            one = _run(cmds[1], capture=True)[2]
            many = _run(cmds[args.jobs], capture=True)[2]
            if one != many:
                raise SystemExit(f"{name}: the output of --jobs {args.jobs} differs from --jobs 1")
            for run in range(args.runs):
                order = (1, args.jobs) if run % 2 == 0 else (args.jobs, 1)
                for jobs in order:
                    wall, cpu, _ = _run(cmds[jobs])
                    times.setdefault((name, jobs), []).append(wall)
                    cpus.setdefault((name, jobs), []).append(cpu)
        print(f"load average after: {_load()}\n")

    print(f"{'command':<14} {'jobs':>4} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7} "
          f"{'CPU/wall':>8}")
    for (name, jobs), ts in times.items():
        cpu = statistics.median(cpus[(name, jobs)])
        print(f"{name:<14} {jobs:>4} {statistics.median(ts):>9.2f} {min(ts):>7.2f} {max(ts):>7.2f} "
              f"{cpu:>7.2f} {cpu / statistics.median(ts):>8.2f}")
    print("(CPU s: median user + system time of the process and its workers; CPU/wall: the cores it "
          "had on average)")
    print(_autogroup())
    print()
    verdicts = []
    for name in args.commands:
        one, many = times[(name, 1)], times[(name, args.jobs)]
        speedup = statistics.median(one) / statistics.median(many)
        extra = statistics.median(cpus[(name, args.jobs)]) / statistics.median(cpus[(name, 1)]) - 1
        print(f"{name}: --jobs 1 / --jobs {args.jobs} = {speedup:.2f}x (medians; fastest runs "
              f"{min(one) / min(many):.2f}x, slowest {max(one) / max(many):.2f}x), outputs identical; "
              f"the workers cost {extra:+.0%} CPU time")
        verdicts.append((name, speedup))
    good = all(s >= TARGET_SPEEDUP for _, s in verdicts)
    print(f"\nVERDICT: {'PASS' if good else 'FAIL'}: "
          + ", ".join(f"{n} {s:.2f}x" for n, s in verdicts)
          + f" (target >= {TARGET_SPEEDUP:g}x with --jobs {args.jobs})")


if __name__ == "__main__":
    main()
