"""Whole-process CLI timings (fork, interpreter start, imports, query, output, exit)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tomllib
from pathlib import Path

from bench import watson
from bench.common import PY, ROOT, Figure, interleaved, isolated_env
from bench.gen_db import generate


def cli_argv(work: Path) -> list[str]:
    """The console script as pip writes it from pyproject.toml's entry point, as people
    run it. Written here rather than taken from the venv, whose script may name an older
    entry point until the package is installed again."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        target = tomllib.load(f)["project"]["scripts"]["growth-tracker"]
    module, func = target.split(":")
    script = work / "growth-tracker"
    script.write_text(
        f"#!{PY}\nimport sys\nfrom {module} import {func}\n"
        f"if __name__ == '__main__':\n    sys.exit({func}())\n"
    )
    script.chmod(0o755)
    return [str(script)]


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
    cli = [*cli_argv(folder), "--db", str(db)]
    subprocess.run([*cli, "start", "growth", "IFRS 勉強"], env=env, check=True, capture_output=True)
    today = dt.date.today()
    first = today - dt.timedelta(days=364)
    span = ["--from", first.isoformat(), "--to", today.isoformat()]
    report = [*cli, "report", *span]
    out = subprocess.run(report, env=env, check=True, capture_output=True, text=True).stdout
    days = len(out.splitlines()) - 2
    cmds: dict[str, list[str]] = {
        "floor": [PY, "-c", "pass"],
        "status": [*cli, "status"],
        "report": report,
    }
    notes: list[str] = []
    found, why = watson.prepare(db, folder / "watson")
    if found is not None:
        env = found.env(env)
        w = str(found.exe)
        cmds["watson status"] = [w, "status"]
        cmds["watson report"] = [w, "report", *span, "--no-pager"]
        notes.append(
            f"Watson {found.version} (td-watson, in a venv of its own) reads the same"
            f" {why} and the running block as its current frame; its report covers the"
            f" same {days} days (`watson report --from {first} --to {today}`)."
        )
    else:
        notes.append(f"Watson is not in this run: {why}.")
    interleaved(cmds, 2, env)  # warm the page cache
    times = interleaved(cmds, runs, env)

    def floor(key: str, name: str, short: str) -> Figure | None:
        if key not in times:
            return None
        return Figure(name, times[key], "s", None, short=short)

    missing = "" if found is not None else "Watson: not installed"
    w_status = floor(
        "watson status", f"Watson {found and found.version} `status` (floor)", "Watson"
    )
    w_report = floor(
        "watson report",
        f"Watson {found and found.version} `report` for the same 365 days (floor)",
        "Watson",
    )
    pass_floor = Figure("`python -c pass` (floor)", times["floor"], "s", None, short="python")
    figures = [
        Figure(
            "CLI `status`, whole process (a block running, 3 650-block DB)",
            times["status"],
            "s",
            0.12,
            floor=w_status,
            floor_missing=missing,
            goal=0.6,
            goal_ratio=True,
        ),
        *([w_status] if w_status else []),
        Figure(
            f"CLI `report` for a year ({days} days, 3 650 blocks), whole process",
            times["report"],
            "s",
            0.2,
            floor=w_report,
            floor_missing=missing,
            goal=0.5,
            goal_ratio=True,
        ),
        *([w_report] if w_report else []),
        pass_floor,
    ]
    for line in import_profile(["--db", str(db), "status"], env):  # the console only
        print(line)
    return figures, notes


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
