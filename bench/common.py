"""Timing helpers: repeated runs, medians, and a uniform line per figure."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass
class Figure:
    name: str
    samples: list[float]
    unit: str
    budget: float | None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def line(self) -> str:
        lo, hi = min(self.samples), max(self.samples)
        verdict = ""
        if self.budget is not None:
            verdict = "ok " if self.median <= self.budget else "OVER"
            verdict = f"{verdict} (budget {self.budget:g} {self.unit})"
        return (
            f"{self.name:<46} median {self.median:9.3f} {self.unit:<3} "
            f"min {lo:9.3f} max {hi:9.3f}  {verdict} {self.note}"
        ).rstrip()


def repeat(fn: Callable[[], float], runs: int) -> list[float]:
    return [fn() for _ in range(runs)]


def time_call(fn: Callable[[], object], runs: int, scale: float = 1000.0) -> list[float]:
    """Wall time of ``fn`` per run (ms by default)."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * scale)
    return out


def time_process(cmd: Sequence[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Whole-process wall time in seconds, like hyperfine or /usr/bin/time."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env or os.environ.copy(), check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out
