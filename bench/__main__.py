"""Run every benchmark of docs/architecture.md §9 and print the figures (``make bench``).

    python -m bench [--quick] [--only NAME ...] [--runs N] [--keep]

Each figure prints as median / min / max over its runs, next to its floor measured in the
same run (a bare tray, ``python -c pass``, Watson) with the ratio, the budget of §9 and
the next goal (issue 19). A full run then writes the markdown table into README.md between
``<!-- bench:begin -->`` and ``<!-- bench:end -->`` — the README shows what the bench
printed, never a hand edit. ``--quick`` is a dry run (fewer runs, 3 × 5 s idle) and, like
``--only`` or a failed section, leaves the README alone. Needs Xvfb and trayer for the
tray figures (scripts/install-system-deps.sh) and the network once to install Watson
into its own venv (bench/watson.py).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import readme
from bench.common import PY, ROOT, Figure, isolated_env, machine_info, markdown_table, workdir
from bench.gen_db import generate

SECTIONS = ("tray", "toggle", "summary", "database", "cli", "sync")


def _probe(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"summary probe failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["matplotlib"], "matplotlib was loaded before the summary opened"
    return result


def summary_figures(work: Path, big_db: Path, reopens: int, cold_runs: int) -> list[Figure]:
    """First open in a fresh process (matplotlib imported then), then reopens; and the
    first open on a fresh install: a new HOME and XDG folders and no MPLCONFIGDIR, so
    matplotlib builds its font cache inside the timed first open."""
    folder = work / "summary"
    db = folder / "growth-tracker.sqlite3"
    folder.mkdir()
    env = isolated_env(work, QT_QPA_PLATFORM="offscreen")

    def fresh_db() -> None:
        shutil.copy(big_db, db)
        for side in db.parent.glob(db.name + "-*"):
            side.unlink()

    def argv(settings: Path) -> list[str]:
        return [PY, "-m", "bench.summary_probe", str(db), str(reopens), "--settings", str(settings)]

    firsts: list[float] = []
    tracking: list[float] = []
    unchanged: list[float] = []
    runs = 5 if reopens >= 6 else 2
    for i in range(runs + 1):  # the first process warms matplotlib's font cache: not counted
        fresh_db()
        result = _probe(argv(folder / "qsettings"), env)
        if i:
            firsts.append(result["first"])
            tracking += result["tracking"]
            unchanged += result["unchanged"]
    cold: list[float] = []
    for i in range(cold_runs):
        fresh_db()
        home = folder / f"fresh-home-{i}"
        cold_env = dict(env, HOME=str(home))
        cold_env.pop("MPLCONFIGDIR", None)
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            cold_env[var] = str(home / var.lower())
        cold.append(_probe(argv(home / "qsettings"), cold_env)["first"])
        if not list(home.glob("xdg_cache_home/matplotlib/fontlist-*.json")):
            raise RuntimeError("matplotlib built no font cache in the fresh HOME")
    return [
        Figure("summary window, first open (loads matplotlib)", firsts, "s", 1.0),
        Figure(
            "summary, first open on a fresh install (builds matplotlib's font cache)",
            cold,
            "s",
            None,
        ),
        Figure("summary reopen, tracking (a minute later)", tracking, "s", 0.2),
        Figure("summary reopen, nothing running", unchanged, "s", 0.2),
    ]


def readme_body(figures: list[Figure], notes: list[str], header: list[str], seconds: float) -> str:
    """The README's performance part: when and where, the table, the generated notes."""
    lines = [
        "<!-- written by `make bench` (python -m bench); a run replaces everything"
        " between the bench markers -->",
        *header,
        "",
        markdown_table(figures),
        "",
        *(f"* {note}" for note in notes),
        f"* The whole run took {seconds / 60:.1f} min.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short dry run (not published)")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these")
    parser.add_argument("--runs", type=int, help="runs per timing (default 20, quick 5)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--no-readme", action="store_true", help="do not write the table into README.md"
    )
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 20)
    wanted = set(args.only or SECTIONS)
    # Idle CPU: the median of 5 windows of 20 s. One 60 s window caught the minute timer
    # or not (0.04–0.18 s/min between runs); five shorter ones give a median in 100 s.
    windows, window_s = (3, 5.0) if args.quick else (5, 20.0)
    started = time.monotonic()
    # Installed, the package runs from bytecode (pip and PyInstaller compile it); from a
    # checkout under PYTHONDONTWRITEBYTECODE every process would compile its sources
    # again (~0.1 s of the tray's start), a cost no user pays.
    compileall.compile_dir(ROOT / "tracker", quiet=1)

    title = "Growth Tracker benchmarks (docs/architecture.md §9)"
    print(title + ("  [--quick: dry run]" if args.quick else ""))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = [
        f"Measured {when}; load average at start {load:.2f}.",
        *(f"{line}." for line in machine_info()),
    ]
    for line in header:
        print("  " + line)
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

        def section(name: str, fn: Callable[[], tuple[list[Figure], list[str]]]) -> None:
            if name not in wanted:
                return
            t = time.monotonic()
            try:
                got, said = fn()
            except Exception:
                failed.append(name)
                print(f"[{name}] FAILED:\n{traceback.format_exc()}", flush=True)
                return
            for f in got:
                print(f.line(), flush=True)
            for line in said:
                print(line, flush=True)
            print(f"  ({name}: {time.monotonic() - t:.0f} s)\n", flush=True)
            figures.extend(got)
            notes.extend(said)

        def tray() -> tuple[list[Figure], list[str]]:
            from bench import tray as tray_bench

            return tray_bench.run(
                work, big_db, max(10, runs // 2), windows, window_s, 3 if args.quick else 10
            )

        def toggle() -> tuple[list[Figure], list[str]]:
            from bench import data

            db = work / "toggle.sqlite3"
            shutil.copy(big_db, db)
            return data.toggle(db, 50 if args.quick else 200), []

        def database() -> tuple[list[Figure], list[str]]:
            from bench import data

            return data.big_database(big_db, work, runs), []

        def cli() -> tuple[list[Figure], list[str]]:
            from bench import cli as cli_bench

            return cli_bench.run(work, runs)

        def summary() -> tuple[list[Figure], list[str]]:
            reopens, cold = (3, 1) if args.quick else (6, 3)
            return summary_figures(work, big_db, reopens, cold), []

        def sync() -> tuple[list[Figure], list[str]]:
            from bench import sync as sync_bench

            return sync_bench.run(work, big_db, runs)

        section("cli", cli)
        section("tray", tray)
        section("toggle", toggle)
        section("summary", summary)
        section("database", database)
        section("sync", sync)

    over = [f for f in figures if f.verdict == "OVER"]
    seconds = time.monotonic() - started
    print(f"\n{len(figures)} figures, {len(over)} over budget, {seconds:.0f} s")
    for f in over:
        print(f"  OVER: {f.name}: {f.judged:.3g} {f.unit} > {f.budget:g} {f.unit}")
    body = readme_body(figures, notes, header, seconds)
    print("\nREADME (between the bench markers):\n")
    print(body)
    if failed:
        print(f"\nFAILED sections: {', '.join(failed)}", file=sys.stderr)
        return 1
    if args.quick or args.only or args.no_readme:
        print("\nREADME.md not written (a partial or --quick run is not published)")
    else:
        readme.write(ROOT / "README.md", body)
        print("\nREADME.md: the performance table was replaced with these figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
