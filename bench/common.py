"""Timing helpers: repeated runs, medians, /proc readings and a uniform line per figure."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class Figure:
    """One measured quantity: its samples, unit and the docs/architecture.md §9 budget.

    ``judge`` says which statistic the budget applies to: the median for timings, the
    maximum for memory (a budget on RSS means "never above"). ``floor`` is the same kind
    of figure for the floor measured in the same run (a bare tray, ``python -c pass``,
    Watson); ``floor_missing`` says why there is none when there should be one. ``goal``
    is the next target (issue 19): absolute, or with ``goal_ratio`` a ratio to the floor.
    """

    name: str
    samples: list[float]
    unit: str
    budget: float | None
    note: str = ""
    judge: str = "median"
    floor: Figure | None = None
    floor_missing: str = ""
    goal: float | None = None
    goal_ratio: bool = False
    short: str = ""  # how a figure that is a floor is named in its figure's row

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    @property
    def judged(self) -> float:
        return self.high if self.judge == "max" else self.median

    @property
    def ratio(self) -> float | None:
        """Median ÷ the floor's median (both from this run)."""
        if self.floor is None or not self.floor.samples or self.floor.median <= 0:
            return None
        return self.median / self.floor.median

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return ""
        return "OK" if self.judged <= self.budget else "OVER"

    @property
    def goal_verdict(self) -> str:
        if self.goal is None:
            return ""
        value = self.ratio if self.goal_ratio else self.judged
        if value is None:
            return "no floor"
        return "met" if value <= self.goal else "not yet"

    def budget_text(self) -> str:
        if self.budget is None:
            return "–"
        prefix = "max " if self.judge == "max" else ""
        return f"{prefix}≤ {self.budget:g} {self.unit}"

    def goal_text(self) -> str:
        if self.goal is None:
            return "–"
        if self.goal_ratio:
            floor = self.floor.short if self.floor is not None else "floor"
            return f"≤ {self.goal:g}× {floor}"
        prefix = "max " if self.judge == "max" else ""
        return f"{prefix}≤ {self.goal:g} {self.unit}"

    def floor_text(self) -> str:
        if self.floor is not None and self.floor.samples:
            return f"{self.floor.short or self.floor.name} {fmt(self.floor.median)} {self.unit}"
        return self.floor_missing or "–"

    def line(self) -> str:
        spread = (
            f"min {fmt(self.low):>9} max {fmt(self.high):>9}"
            if len(self.samples) > 1
            else f"{'(one measurement)':<27}"
        )
        text = (
            f"{self.name:<52} median {fmt(self.median):>9} {self.unit:<5} {spread}"
            f"  n={len(self.samples):<3}"
        )
        if self.floor is not None or self.floor_missing:
            ratio = self.ratio
            text += f"  floor: {self.floor_text()}"
            if ratio is not None:
                text += f" → {fmt(ratio)}×"
        if self.budget is not None:
            text += f"  {self.verdict} (budget {self.budget_text()})"
        if self.goal is not None:
            text += f"  goal {self.goal_text()}: {self.goal_verdict}"
        return f"{text} {self.note}".rstrip()


def fmt(value: float) -> str:
    """Three significant-ish digits: 0.0412, 1.23, 45.6, 1234."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:#.3g}"  # keeps trailing zeros: 0.110 beside 0.100, not 0.11 beside 0.1


def markdown_table(figures: Sequence[Figure]) -> str:
    """The figures as a GitHub markdown table (for the README).

    A figure measured once has no min and max (they would repeat the median); the budget
    column is docs/architecture.md §9, the goal column issue 19's next target.
    """
    lines = [
        "| what is measured | median | min | max | n | floor (same run) | ratio | budget | goal |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |",
    ]
    for f in figures:
        u = f" {f.unit}" if f.unit else ""
        low, high = (f"{fmt(f.low)}{u}", f"{fmt(f.high)}{u}") if len(f.samples) > 1 else ("", "")
        ratio = f.ratio
        budget = f.budget_text() + (f" {f.verdict}" if f.verdict else "")
        goal = f.goal_text() + (f" {f.goal_verdict}" if f.goal_verdict else "")
        name = f"{f.name} {f.note}".rstrip()
        lines.append(
            f"| {name} | {fmt(f.median)}{u} | {low} | {high} | {len(f.samples)} "
            f"| {f.floor_text()} | {'' if ratio is None else f'{fmt(ratio)}×'} "
            f"| {budget} | {goal} |"
        )
    return "\n".join(lines)


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
    """Whole-process wall time in seconds (fork + exec + exit), like hyperfine."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env or os.environ.copy(), check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def interleaved(
    cmds: dict[str, Sequence[str]], runs: int, env: dict[str, str]
) -> dict[str, list[float]]:
    """Like ``time_process`` for several commands, alternating them run by run, so a
    noisy neighbour or CPU frequency change hits all of them alike."""
    out: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            out[name] += time_process(cmd, 1, env)
    return out


# -- /proc ------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    """Resident set size (VmRSS) of ``pid`` in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (utime + stime from /proc/<pid>/stat)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of stat(5)


def cpu_seconds_fine(pid: int) -> float:
    """CPU time of ``pid`` (all its threads, ended ones included) in nanosecond resolution:
    the process's CPU-time clock (``clock_getcpuclockid(pid)``, which Linux encodes as
    ``(~pid << 3) | 2``). stat's utime + stime tick at 10 ms, which over a 20 s window is
    0.03 s/min a tick — half the goal being measured; summing the live threads' schedstat
    drops a thread that ended (a sync job's worker) and can even go negative. Elsewhere,
    the live threads' schedstat, then stat."""
    if sys.platform.startswith("linux"):
        with suppress(OSError):
            return time.clock_gettime_ns(((~pid) << 3) | 2) / 1e9
    total = 0
    tasks = Path(f"/proc/{pid}/task")
    for task in tasks.iterdir():
        with suppress(OSError, ValueError, IndexError):
            total += int((task / "schedstat").read_text().split()[0])
    if total == 0:
        return cpu_seconds(pid)
    return total / 1e9


# -- environment ------------------------------------------------------------------------


def machine_info() -> list[str]:
    import sqlite3

    cpu = platform.processor() or "?"
    with suppress(OSError, ValueError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    try:
        from importlib.metadata import version

        pyside = version("PySide6-Essentials")
    except Exception:
        try:
            import PySide6

            pyside = PySide6.__version__
        except ImportError:
            pyside = "not installed"
    try:
        from importlib.metadata import version

        mpl = version("matplotlib")
    except Exception:
        mpl = "not installed"
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores; RAM {mem}",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}, PySide6 {pyside}, matplotlib {mpl}",
    ]


@contextmanager
def workdir(keep: bool = False) -> Iterator[Path]:
    """A scratch folder on the real disk (not tmpfs: commits must really fsync)."""
    base = Path(os.environ.get("BENCH_TMPDIR", tempfile.gettempdir()))
    path = Path(tempfile.mkdtemp(prefix="gt-bench-", dir=base))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


def isolated_env(work: Path, base: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
    """Environment for child processes: private config/data dirs, no stray DB choice."""
    env = dict(base if base is not None else os.environ)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = work / var.lower()
        folder.mkdir(exist_ok=True)
        env[var] = str(folder)
    # Share matplotlib's font cache with the user's: a cold one costs seconds once and
    # would be measured as "first open" otherwise (it is a one-off after installation).
    env["MPLCONFIGDIR"] = os.environ.get(
        "MPLCONFIGDIR", str(Path.home() / ".cache" / "growth-tracker-bench-mpl")
    )
    env.pop("GROWTH_TRACKER_DB", None)
    env.update(extra)
    return env
