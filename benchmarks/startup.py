"""Start-up time of the ``silkterm`` command line against a bare ``python -c pass``.

What it measures, all with the interpreter that runs this script and the ``silkterm`` console
script beside it (``Path(sys.executable).with_name("silkterm")``):

1. warm start: ``silkterm lookup Horgos``, ``python -c pass`` and, for context, ``python -c
   "import click"`` (the floor: every click command line imports it), each run --runs times
   (default 20) after --warmup runs (default 2, so the on-disk glossary cache and its lookup
   table exist), interleaved so that machine noise hits all alike; medians with their range,
   and the ratios to ``python -c pass`` as the median of the per-round ratios with their range
   (the verdict: silkterm / python <= 5x, issue 14);
2. cold cache: ``silkterm lookup Horgos`` with SILKTERM_CACHE_DIR set to a fresh empty directory
   each run (--cold-runs, default 3): parsing, validating and compiling the built-in glossary and
   running its specs; for information only;
3. imports: ``python -X importtime -c "import silkterm.cli.entry, silkterm.glossary.quicklookup"``
   (what a plain ``silkterm lookup TERM`` imports: no click, see ``silkterm.cli.plain``) once, listing the --top
   (default 10) slowest imports by cumulative time, to point at heavy modules;
4. with --instructions: the instructions each command executes, counted by
   ``valgrind --tool=callgrind`` (once each: the count is the same whatever else the machine is
   doing, so the ratio holds on a loaded machine where wall times do not).

Bytecode: pip compiles an installed package's modules to ``.pyc`` files, so a user's start-up
reads no source. PYTHONDONTWRITEBYTECODE (set in some shells and containers) would make every
run of an editable install compile every module again; it is removed from the children's
environment unless --as-is is given.

Install silkterm with ``pip install .``, as the README says, not in editable mode: an editable
install adds an import hook that runs at every start of that Python, ``python -c pass`` included
(88 M instructions instead of 38 M here), which flatters the ratio; the script says so when it
sees one.

The warm runs use the user's normal cache directory (or SILKTERM_CACHE_DIR if set), as a real
user would. Usage: python benchmarks/startup.py [--runs 20] [--warmup 2] [--cold-runs 3] [--as-is]
[--instructions]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchstats import (  # (benchmarks/benchstats.py)
    MIN_RUNS,
    machine,
    median_ratio,
    ratio,
)

TARGET_RATIO = 5.0
LOOKUP_IMPORTS = "silkterm.cli.entry, silkterm.glossary.quicklookup"  # (a plain lookup's)


def _time(cmd: list[str], env: dict[str, str] | None = None, check_output: bool = False) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit(f"{' '.join(cmd)} exited with status {proc.returncode}")
    if check_output and b"Khorgos" not in proc.stdout:
        raise SystemExit(f"unexpected output of {' '.join(cmd)}: {proc.stdout[:200]!r}")
    return elapsed


def import_times(python: str, module: str) -> tuple[float, list[tuple[int, int, str]]]:
    """Wall time of importing ``module`` and the (cumulative us, self us, name) of each import."""
    t0 = time.perf_counter()
    proc = subprocess.run([python, "-X", "importtime", "-c", f"import {module}"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:"):].split("|", 2)
        rows.append((int(cum_us), int(self_us), name.rstrip()))
    if proc.returncode != 0:
        raise SystemExit(f"import {module} failed:\n{proc.stderr[-2000:]}")
    return elapsed, rows


def instructions(cmd: list[str]) -> int:
    """The instructions ``cmd`` executes (its children too), as callgrind counts them."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                           "--callgrind-out-file=/dev/null", *cmd],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    counts = [int(line.rsplit(":", 1)[1].replace(",", "").strip())
              for line in proc.stderr.splitlines() if "Collected :" in line]
    if proc.returncode != 0 or not counts:
        raise SystemExit(f"valgrind {' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return sum(counts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20, help="measured warm runs of each (default 20)")
    ap.add_argument("--warmup", type=int, default=2, help="warm-up runs of each (default 2)")
    ap.add_argument("--cold-runs", type=int, default=3,
                    help="runs with a fresh, empty cache directory (default 3; 0 skips)")
    ap.add_argument("--top", type=int, default=10, help="slowest imports to list (default 10)")
    ap.add_argument("--term", default="Horgos", help="term to look up (default Horgos)")
    ap.add_argument("--as-is", action="store_true",
                    help="keep PYTHONDONTWRITEBYTECODE if set (default: removed, see above)")
    ap.add_argument("--instructions", action="store_true",
                    help="also count the instructions of each command with valgrind's callgrind")
    args = ap.parse_args()
    if args.runs < MIN_RUNS:
        raise SystemExit(f"--runs must be at least {MIN_RUNS}")
    if not args.as_is and os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        print("PYTHONDONTWRITEBYTECODE removed for the measured commands (see --as-is)")

    python = sys.executable
    silkterm = str(Path(python).with_name("silkterm"))
    if not os.path.exists(silkterm):
        raise SystemExit(f"no console script at {silkterm}: install silkterm in this environment")
    editable = subprocess.run([python, "-c", "import sys; print(any('__editable__' in repr(f) "
                               "for f in sys.meta_path))"], capture_output=True, text=True).stdout
    if editable.strip() == "True":
        print("warning: silkterm is installed in editable mode here; its import hook slows "
              "python -c pass too (see the docstring)")
    lookup = [silkterm, "lookup", args.term]
    bare = [python, "-c", "pass"]
    click_only = [python, "-c", "import click"]
    print(machine())
    print(f"python:   {python}  ({sys.version.split()[0]})")
    print(f"silkterm: {silkterm}")

    for _ in range(args.warmup):
        _time(lookup, check_output=args.term == "Horgos")
        _time(bare)
        _time(click_only)
    t_lookup, t_bare, t_click = [], [], []
    for _ in range(args.runs):
        t_lookup.append(_time(lookup))
        t_bare.append(_time(bare))
        t_click.append(_time(click_only))

    t_cold = []
    for _ in range(args.cold_runs):
        cache = tempfile.mkdtemp(prefix="silkterm-cold-")
        try:
            env = dict(os.environ, SILKTERM_CACHE_DIR=cache)
            t_cold.append(_time(lookup, env=env))
        finally:
            shutil.rmtree(cache, ignore_errors=True)

    t_import, rows = import_times(python, LOOKUP_IMPORTS)

    med_l, med_b = statistics.median(t_lookup), statistics.median(t_bare)
    lookup_ratio = median_ratio(t_lookup, t_bare)
    print()
    print(f"{'command':<38} {'runs':>4} {'median ms':>9} {'min ms':>7} {'max ms':>7}  "
          "x python -c pass (per round)")
    table = [("python -c pass", t_bare, ""),
             ('python -c "import click" (the floor)', t_click, ratio(t_click, t_bare)),
             (f"silkterm lookup {args.term} (warm cache)", t_lookup, ratio(t_lookup, t_bare))]
    if t_cold:
        table.append((f"silkterm lookup {args.term} (cold cache)", t_cold, ""))
    for name, ts, r in table:
        print(f"{name:<38} {len(ts):>4} {statistics.median(ts) * 1e3:>9.1f} {min(ts) * 1e3:>7.1f} "
              f"{max(ts) * 1e3:>7.1f}  {r}")
    print(f"{'python -X importtime: the lookup modules':<38} {1:>4} {t_import * 1e3:>9.1f}")

    print(f"\nslowest imports of {LOOKUP_IMPORTS} (cumulative, includes children):")
    print(f"{'cumul ms':>9} {'self ms':>8}  module")
    for cum, self_us, name in sorted(rows, reverse=True)[:args.top]:
        print(f"{cum / 1e3:>9.1f} {self_us / 1e3:>8.1f}  {name}")
    top_self = sorted(rows, key=lambda r: r[1], reverse=True)[:5]
    print("largest self times: " + ", ".join(f"{n.strip()} {s / 1e3:.1f} ms" for _, s, n in top_self))

    if args.instructions:
        i_lookup, i_bare, i_click = instructions(lookup), instructions(bare), instructions(click_only)
        print(f"\ninstructions (callgrind): python -c pass {i_bare / 1e6:.0f} M, import click "
              f"{i_click / 1e6:.0f} M ({i_click / i_bare:.1f}x), silkterm lookup {args.term} "
              f"{i_lookup / 1e6:.0f} M: {i_lookup / i_bare:.1f}x")

    good = lookup_ratio <= TARGET_RATIO
    print(f"\nVERDICT: {'PASS' if good else 'FAIL'}: silkterm lookup {med_l * 1e3:.0f} ms vs python "
          f"-c pass {med_b * 1e3:.0f} ms: {ratio(t_lookup, t_bare)} per round "
          f"(target <= {TARGET_RATIO:g}x)"
          + (f"; cold cache {statistics.median(t_cold) * 1e3:.0f} ms" if t_cold else ""))


if __name__ == "__main__":
    main()
