"""Edges of the command line a script or a person hits: closed pipes, bad folders, bad days."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_summary_with_a_bad_day_is_refused_before_anything_starts(run_cli) -> None:
    # No display is needed: the date is checked before Qt is touched.
    rc, out, err = run_cli("summary", "--date", "notaday", env={"DISPLAY": ""})
    assert rc == 1
    assert out == ""
    assert err.count("\n") == 1 and "notaday" in err and "YYYY-MM-DD" in err


def test_a_database_folder_that_cannot_exist_is_one_line_not_a_traceback(run_cli) -> None:
    for args in (("status",), ("add", "task", "09:00", "09:30")):
        rc, _out, err = run_cli(*args, db="/proc/no-such-dir/x.sqlite3")
        assert rc == 1, err
        assert "Traceback" not in err
        assert err.count("\n") == 1 and "/proc/no-such-dir" in err


def test_a_reader_that_closes_the_pipe_early_gets_no_error(run_cli, db_path: Path) -> None:
    for day in range(1, 28):
        rc, _out, err = run_cli(
            "add", "task", f"2026-02-{day:02d} 09:00", f"2026-02-{day:02d} 10:00"
        )
        assert rc == 0, err
    env = dict(os.environ, TZ="Asia/Tokyo", PYTHONPATH=str(REPO_ROOT))
    env.pop("GROWTH_TRACKER_DB", None)
    report = [sys.executable, "-m", "tracker", "--db", str(db_path), "report", "--json"]
    proc = subprocess.Popen(
        [*report, "--from", "2020-01-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    err = proc.stderr.read().decode()
    assert proc.wait(30) == 0, err
    assert first.startswith(b'{"days"')
    assert err == ""
    assert not list(db_path.parent.glob("*.log")), "a closed pipe is not an error to log"


def test_the_cli_never_ends_a_crashed_trays_block_at_now(run_cli, db_path: Path) -> None:
    """DESIGN §5: a block whose tray heartbeat went stale is not closed "now" by the CLI
    (that would add the hours since the crash); the user names the end, or the tray asks."""
    import json
    import sqlite3
    import time

    rc, _out, err = run_cli("start", "growth", "IFRS 勉強")
    assert rc == 0, err
    seen = int(time.time()) - 3600  # the tray's last heartbeat: an hour ago, then a crash
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE blocks SET started_at = ?, last_seen_at = ?", (seen - 600, seen))
    conn.close()

    rc, out, _err = run_cli("status", "--json")
    assert rc == 0 and json.loads(out)["running"]["stale"] is True
    for args in (("stop",), ("switch",), ("start", "task", "経費精算")):
        rc, out, err = run_cli(*args)
        assert rc == 1, (args, out)
        assert err.count("\n") == 1 and "stop --at" in err and "last seen by the tray" in err
    rc, out, _err = run_cli("status", "--json")
    assert json.loads(out)["running"]["kind"] == "growth"  # untouched

    import datetime as dt
    from zoneinfo import ZoneInfo

    at = dt.datetime.fromtimestamp(seen, ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M")
    rc, _out, err = run_cli("stop", "--at", at)
    assert rc == 0, err
    rc, out, _err = run_cli("list", "--json", "--from", "2000-01-01", "--to", "today")
    (block,) = json.loads(out)["blocks"]
    assert block["end"] is not None and block["duration_s"] <= 660


def test_the_tray_without_a_display_is_one_line_and_exit_1(run_cli) -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    for args in ((), ("summary",)):
        rc, out, err = run_cli(*args, env=env)
        assert rc == 1, err
        assert out == "" and err.count("\n") == 1 and "no graphical display" in err
