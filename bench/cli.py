"""Whole-process CLI timings (fork, interpreter start, imports, query, output, exit)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from bench.common import PY, Figure, interleaved, isolated_env
from bench.gen_db import generate


def cli_argv() -> list[str]:
    """The installed console script, as people run it (else ``python -m tracker``)."""
    script = Path(PY).parent / "growth-tracker"
    return [str(script)] if script.exists() else [PY, "-m", "tracker"]


def year_db(work: Path) -> Path:
    """3 650 blocks over one year (14 per working day), a block running now."""
    db = work / "year.sqlite3"
    generate(db, 3650, "Asia/Tokyo", per_day=14)
    return db


def run(work: Path, runs: int) -> tuple[list[Figure], list[str]]:
    folder = work / "cli"
    folder.mkdir()
    db = year_db(folder)
    env = isolated_env(work, TZ="Asia/Tokyo")
    cli = [*cli_argv(), "--db", str(db)]
    subprocess.run([*cli, "start", "growth", "IFRS 勉強"], env=env, check=True, capture_output=True)
    today = dt.date.today()
    first = today - dt.timedelta(days=364)
    report = [*cli, "report", "--from", first.isoformat(), "--to", today.isoformat()]
    out = subprocess.run(report, env=env, check=True, capture_output=True, text=True).stdout
    days = len(out.splitlines()) - 2
    cmds = {"floor": [PY, "-c", "pass"], "status": [*cli, "status"], "report": report}
    interleaved(cmds, 2, env)  # warm the page cache
    times = interleaved(cmds, runs, env)
    figures = [
        Figure("CLI `status`, whole process", times["status"], "s", 0.12),
        Figure(
            "CLI `report` for a year (3 650 blocks)", times["report"], "s", 0.2, f"({days} days)"
        ),
        Figure("`python -c pass` (floor)", times["floor"], "s", None),
    ]
    return figures, import_profile(["--db", str(db), "status"], env)


def import_profile(args: list[str], env: dict[str, str], top: int = 8) -> list[str]:
    """The slowest top-level imports of one CLI run (``python -X importtime``)."""
    cmd = [PY, "-X", "importtime", "-m", "tracker", *args]
    err = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stderr
    rows = []
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\S+)", line)
        if m:  # one space before the name: imported at top level, not by another module
            rows.append((int(m.group(2)), m.group(3)))
    rows.sort(reverse=True)
    total = sum(us for us, _ in rows)
    lines = [f"  {us / 1000:7.1f} ms  {name}" for us, name in rows[:top]]
    return [f"slowest top-level imports of `status` (all imports: {total / 1000:.0f} ms):", *lines]
