"""Run every benchmark of docs/architecture.md §9 and print the figures (``make bench``).

    python -m bench [--quick] [--only NAME ...] [--runs N] [--keep]

Each figure prints as median / min / max over its runs with the budget and OK / OVER; a
markdown table for the README follows at the end. ``--quick`` is a dry run: fewer runs
and 10 s instead of 60 s of idle measurement (its figures are not the ones to publish).
Needs Xvfb and trayer for the tray figures (scripts/install-system-deps.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench.common import PY, ROOT, Figure, isolated_env, machine_info, markdown_table, workdir
from bench.gen_db import generate

SECTIONS = ("tray", "toggle", "summary", "database", "cli")


def summary_figures(work: Path, big_db: Path, reopens: int) -> list[Figure]:
    """First open in a fresh process (cold matplotlib import), then reopens."""
    db = work / "summary" / "growth-tracker.sqlite3"
    db.parent.mkdir()
    shutil.copy(big_db, db)
    settings = work / "summary" / "qsettings"
    env = isolated_env(work, QT_QPA_PLATFORM="offscreen")
    argv = [PY, "-m", "bench.summary_probe", str(db), str(reopens), "--settings", str(settings)]
    firsts: list[float] = []
    tracking: list[float] = []
    unchanged: list[float] = []
    runs = 5 if reopens >= 6 else 2
    for i in range(runs + 1):  # the first process warms matplotlib's font cache: not counted
        shutil.copy(big_db, db)
        for side in db.parent.glob(db.name + "-*"):
            side.unlink()
        done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"summary probe failed:\n{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        assert not result["matplotlib"], "matplotlib was loaded before the summary opened"
        if i:
            firsts.append(result["first"])
            tracking += result["tracking"]
            unchanged += result["unchanged"]
    return [
        Figure("summary window, first open (loads matplotlib)", firsts, "s", 1.2),
        Figure("summary reopen, tracking (a minute later)", tracking, "s", 0.2),
        Figure("summary reopen, nothing running", unchanged, "s", 0.2),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short dry run (10 s idle)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these")
    parser.add_argument("--runs", type=int, help="runs per timing (default 20, quick 5)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 20)
    wanted = set(args.only or SECTIONS)
    started = time.monotonic()

    print(
        "Growth Tracker benchmarks (docs/architecture.md §9)"
        + ("  [--quick: dry run]" if args.quick else "")
    )
    for line in machine_info():
        print("  " + line)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"  load average at start: {load:.2f}")
    print()

    figures: list[Figure] = []
    notes: list[str] = []
    failed: list[str] = []
    with workdir(args.keep) as work:
        if args.keep:
            print(f"scratch folder: {work}")
        big_db = work / "big.sqlite3"
        t0 = time.perf_counter()
        blocks = generate(big_db, 100_000, "Asia/Tokyo")
        print(f"generated {blocks} blocks over ten years in {time.perf_counter() - t0:.1f} s\n")

        def section(name: str, fn: Callable[[], list[Figure]]) -> None:
            if name not in wanted:
                return
            t = time.monotonic()
            try:
                got = fn()
            except Exception:
                failed.append(name)
                print(f"[{name}] FAILED:\n{traceback.format_exc()}", flush=True)
                return
            for f in got:
                print(f.line(), flush=True)
            print(f"  ({name}: {time.monotonic() - t:.0f} s)\n", flush=True)
            figures.extend(got)

        def tray() -> list[Figure]:
            from bench import tray as tray_bench

            return tray_bench.run(work, big_db, max(10, runs // 2), 10.0 if args.quick else 60.0)

        def toggle() -> list[Figure]:
            from bench import data

            db = work / "toggle.sqlite3"
            shutil.copy(big_db, db)
            return data.toggle(db, 50 if args.quick else 200)

        def database() -> list[Figure]:
            from bench import data

            return data.big_database(big_db, work, runs)

        def cli() -> list[Figure]:
            from bench import cli as cli_bench

            got, lines = cli_bench.run(work, runs)
            notes.extend(lines)
            return got

        section("cli", cli)
        section("tray", tray)
        section("toggle", toggle)
        section("summary", lambda: summary_figures(work, big_db, 3 if args.quick else 6))
        section("database", database)

    for line in notes:
        print(line)
    over = [f for f in figures if f.verdict == "OVER"]
    print(f"\n{len(figures)} figures, {len(over)} over budget, {time.monotonic() - started:.0f} s")
    for f in over:
        print(f"  OVER: {f.name}: {f.judged:.3g} {f.unit} > {f.budget:g} {f.unit}")
    print("\nMarkdown (README):\n")
    print(markdown_table(figures))
    if failed:
        print(f"\nFAILED sections: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
