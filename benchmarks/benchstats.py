"""What the timing benchmarks print alike: the machine line, medians with their range, per-round
ratios against a peer (issue 14, point 6).

A benchmark runs its peers interleaved, round by round (every peer once per round), so that a
change of load on the shared machine hits them alike; each figure is then the median over the
rounds with the range (min-max), and each ratio the median of the per-round ratios (both times
from the same round) with their range.

>>> spread([0.3, 0.1, 0.2])
'0.200 (0.100-0.300)'
>>> ratio([2.0, 3.0, 4.0], [1.0, 1.0, 2.0])
'2.00x (2.00-3.00)'
>>> per_round([2.0, 3.0], [1.0, 2.0])
[2.0, 1.5]
"""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Sequence
from pathlib import Path

MIN_RUNS = 5


def load() -> str:
    """The load average (1, 5, 15 min), or ``?``."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def cpu() -> str:
    """The CPU's model name (``/proc/cpuinfo``), or what :mod:`platform` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def machine() -> str:
    """One line: CPU, core count, Python version and the load average now."""
    return (f"machine: {cpu()}, {os.cpu_count()} CPUs; Python {platform.python_version()}; "
            f"load average {load()}")


def spread(values: Sequence[float], fmt: str = ".3f") -> str:
    """``median (min-max)`` of ``values`` (``min to max`` for signed formats).

    >>> spread([0.31, 0.25, 0.40], "+.0%")
    '+31% (+25% to +40%)'
    """
    sep = " to " if "+" in fmt else "-"
    return (f"{statistics.median(values):{fmt}} "
            f"({min(values):{fmt}}{sep}{max(values):{fmt}})")


def per_round(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """The ratio of each round: ``numerators[i] / denominators[i]``."""
    if len(numerators) != len(denominators):
        raise ValueError("one time of each peer per round")
    return [n / d if d > 0 else float("inf") for n, d in zip(numerators, denominators)]


def ratio(numerators: Sequence[float], denominators: Sequence[float], fmt: str = ".2f") -> str:
    """``median× (min-max)`` of the per-round ratios."""
    return spread(per_round(numerators, denominators), fmt).replace(" (", "x (", 1)


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of the per-round ratios."""
    return statistics.median(per_round(numerators, denominators))
