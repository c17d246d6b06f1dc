"""The database file deleted, then replaced, under the real running tray (Xvfb + trayer).

Deleted: the tray must not go on writing into the unlinked file (every click after it
would be lost): within its one-second poll it writes the file back from the copy it still
has open and goes on there, the click made meanwhile included, and says so. A CLI run in
that second never makes a new empty database at the path.

Replaced (a backup copied into place, as the damaged-file message describes): the tray
saves what it had open among the backups and goes on in the file that is there now.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xenv

from tracker.store.paths import list_backups

pytestmark = pytest.mark.skipif(os.name != "posix", reason="unlink under an open file, X11")

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


class Cli:
    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.db, self.env = db, env

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tracker", "--db", str(self.db), *args]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args), env=self.env, cwd=REPO, capture_output=True, text=True, timeout=30
        )

    def wait_kind(self, kind: str, timeout: float = 10.0) -> None:
        def running() -> bool:
            out = self.run("status", "--json")
            if out.returncode == 1 and "is missing" in out.stderr:
                return False  # the tray has not written it back yet
            assert out.returncode == 0, out.stderr
            state = json.loads(out.stdout)["running"]
            return state is not None and state["kind"] == kind

        xenv.wait_until(running, timeout, message=f"{kind} running")


def labels(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT label FROM blocks ORDER BY started_at").fetchall()
    conn.close()
    return [r[0] for r in rows]


def kinds(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT kind FROM blocks ORDER BY started_at").fetchall()
    conn.close()
    return [r[0] for r in rows]


def test_a_deleted_then_replaced_file_under_the_running_tray(
    x_trays: list[xenv.XServer], tmp_path: Path
) -> None:
    env = dict(x_trays[0].env, PYTHONPATH=str(REPO), TZ="Asia/Tokyo")
    db = tmp_path / "t.db"
    cli = Cli(db, env)
    now = int(time.time())
    out = cli.run("add", "task", f"@{now - 3600}", f"@{now - 3000}", "before")
    if out.returncode != 0:  # no @epoch times: ISO with an offset
        iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now - 3600))
        end = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now - 3000))
        out = cli.run("add", "task", iso, end, "before")
    assert out.returncode == 0, out.stderr
    log = tmp_path / "growth-tracker.log"
    app = subprocess.Popen(
        cli.argv(), env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        icon = xenv.find_tray_icon_window(env, timeout=20, pid=app.pid)
        xenv.click_window_center(env, icon.wid)
        cli.wait_kind("task")
        xenv.wait_until(lambda: list_backups(db), 10, message="the daily backup")
        before = labels(db)
        kinds_before = kinds(db)

        # -- deleted: a click right away, and a CLI in the same second ---------------
        time.sleep(max(1.1, xenv.DOUBLE_CLICK_GUARD))  # a click, not a double click
        os.unlink(db)
        xenv.click_window_center(env, icon.wid)  # task -> growth, maybe into the gap
        meanwhile = cli.run("status", "--json")
        if meanwhile.returncode == 0:  # the tray had written it back already
            assert json.loads(meanwhile.stdout)["running"] is not None, meanwhile.stdout
        else:
            assert "is missing" in meanwhile.stderr and str(db) in meanwhile.stderr
            assert "Traceback" not in meanwhile.stderr
        cli.wait_kind("growth")
        assert labels(db)[: len(before)] == before  # everything from before is there
        assert db.stat().st_mode & 0o777 == 0o600
        xenv.wait_until(
            lambda: log.exists() and "was written again from the copy" in log.read_text(),
            5,
            message="the notice in the log",
        )
        ARTIFACTS.mkdir(exist_ok=True)
        time.sleep(0.5)
        xenv.screenshot(env, ARTIFACTS / "db-deleted-under-tray.png")

        # -- replaced: a copy (one block only) moved into place -----------------------
        copy = tmp_path / "copy.db"
        src = sqlite3.connect(db)
        dst = sqlite3.connect(copy)
        src.backup(dst)
        src.close()
        # only the block added by hand: the tray's clicks carry its label on (click_label)
        dst.execute("DELETE FROM blocks WHERE source != 'manual'")
        dst.commit()
        dst.close()
        os.replace(copy, db)
        xenv.wait_until(
            lambda: "now uses that file" in log.read_text(), 5, message="the replace notice"
        )
        time.sleep(0.5)
        xenv.screenshot(env, ARTIFACTS / "db-replaced-under-tray.png")
        saved = [p for p in list_backups(db) if p.name.endswith("-replaced.sqlite3")]
        assert len(saved) == 1
        assert kinds(saved[0]) == [*kinds_before, "growth"]
        time.sleep(xenv.DOUBLE_CLICK_GUARD)
        xenv.click_window_center(env, icon.wid)  # into the file that is there now
        cli.wait_kind("task")  # nothing runs in the copy: the click starts the last kind
        assert labels(db)[0] == "before" and kinds(db) == ["task", "task"]
    finally:
        app.terminate()
        try:
            _, err = app.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            _, err = app.communicate()
    assert "Traceback" not in err, err
    assert "Traceback" not in log.read_text()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
