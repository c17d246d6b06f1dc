"""The real ``growth-tracker`` in a real system tray (Xvfb + trayer), driven with xdotool.

One scenario, in the order a person lives it: the icon appears; a click starts task, the
next one switches to growth; the menu opens; a second launch hands over and exits 0; the
process is killed and the next start offers recovery, answered with Enter; quitting from
the menu ends the running block. Screenshots go to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import xenv

REPO = Path(__file__).resolve().parents[2]


class Tracker:
    """The CLI and the tray process of one temp database."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.db = db
        self.env = env

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tracker", "--db", str(self.db), *args]

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args), env=self.env, cwd=REPO, capture_output=True, text=True, timeout=30
        )

    def status(self) -> dict[str, Any]:
        out = self.cli("status", "--json")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    def running_kind(self) -> str | None:
        running = self.status()["running"]
        return None if running is None else running["kind"]

    def wait_kind(self, kind: str | None, timeout: float = 8.0) -> None:
        xenv.wait_until(
            lambda: self.running_kind() == kind or None if kind else self.running_kind() is None,
            timeout,
            message=f"running kind {kind}",
        )

    def shift_blocks(self, seconds: int) -> None:
        """Move every block's start and end (not the heartbeat) by ``seconds``."""
        with sqlite3.connect(self.db) as conn:
            conn.execute(
                "UPDATE blocks SET started_at = started_at + ?, ended_at = ended_at + ?",
                (seconds, seconds),
            )
        conn.close()

    def rows(self) -> list[tuple[Any, ...]]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            return conn.execute(
                "SELECT id, kind, started_at, ended_at, last_seen_at, source FROM blocks "
                "ORDER BY started_at"
            ).fetchall()


def _tray_shot(env: dict[str, str], icon: xenv.WindowGeometry, path: Path) -> None:
    """The icon on its panel, enlarged 4x so people can judge it."""
    time.sleep(0.4)  # the icon is repainted asynchronously after a change
    x = max(0, icon.x - 6)
    xenv.screenshot(env, path, crop=(x, 0, min(icon.width + 12, 1280 - x), 34), scale=4)


def test_tray_end_to_end(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    xserver_env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", xserver_env)

    # Earlier today: 3 min growth, then 17 min task (ratio 15%, below the 20% target), so
    # the icon's ring has something to show; task was the kind used last.
    now = int(time.time())
    earlier = [
        ("growth", now - 1500, now - 1320, "RPA 勉強"),
        ("task", now - 1320, now - 300, "月次決算"),
    ]
    for kind, start, end, label in earlier:
        out = t.cli("add", kind, _iso(start), _iso(end), label)
        assert out.returncode == 0, out.stderr

    # The icon appears; a click starts the kind used last (task), the next one growth.
    app = spawn(t.argv(), name="growth-tracker", env=xserver_env)
    icon = xenv.find_tray_icon_window(xserver_env, timeout=15, pid=app.pid)
    _tray_shot(xserver_env, icon, artifacts_dir / "tray-idle.png")
    xenv.click_window_center(xserver_env, icon.wid)
    t.wait_kind("task")
    xenv.click_window_center(xserver_env, icon.wid)
    t.wait_kind("growth")
    _tray_shot(xserver_env, icon, artifacts_dir / "tray.png")

    # The context menu.
    xenv.click_window_center(xserver_env, icon.wid, button=3)
    menu = xenv.wait_for_window(xserver_env, pid=app.pid, exclude=[icon.wid], timeout=5)
    time.sleep(0.3)
    xenv.screenshot(xserver_env, artifacts_dir / "tray-menu.png", crop=_around(menu))
    # A menu: a narrow, tall popup (ten items and more), not a window or a message bubble.
    assert menu.height >= 150 and menu.width <= 500, menu
    xenv.key(xserver_env, "t")  # the accelerator opens "Start task" with its recent labels
    sub = xenv.wait_for_window(xserver_env, pid=app.pid, exclude=[icon.wid, menu.wid], timeout=5)
    time.sleep(0.3)
    left = min(menu.x, sub.x) - 8
    bottom = max(menu.y + menu.height, sub.y + sub.height) + 8
    shot = artifacts_dir / "tray-menu-start-task.png"
    xenv.screenshot(xserver_env, shot, crop=(left, 0, 1280 - left, bottom))
    assert sub.width <= 500 and 40 <= sub.height < menu.height, sub  # recent labels, New…
    xenv.key(xserver_env, "Escape")
    xenv.key(xserver_env, "Escape")
    xenv.wait_until(lambda: not _visible(xserver_env, menu.wid), 5, message="the menu to close")

    # A second launch hands over and exits 0; no second icon appears.
    second = subprocess.run(
        t.argv(), env=xserver_env, cwd=REPO, capture_output=True, text=True, timeout=30
    )
    assert second.returncode == 0, second.stderr
    time.sleep(0.5)
    assert len(xenv.find_tray_icon_windows(xserver_env)) == 1
    assert app.alive()

    # A crash: the growth block stays open with its heartbeat.
    os.kill(app.pid, signal.SIGKILL)
    app.proc.wait(5)
    before = t.status()["running"]
    assert before is not None and before["kind"] == "growth"
    growth_id, seen_at = before["id"], t.rows()[-1][4]
    assert seen_at is not None
    # Its heartbeat is as old as its start; pretend it all began 10 minutes earlier, so
    # "end at last seen" keeps a 10-minute block (a zero-length one would be dropped).
    t.shift_blocks(-600)

    # The next start offers recovery; Enter takes the default (end at the heartbeat).
    app = spawn(t.argv(), name="growth-tracker-again", env=xserver_env)
    dialog = xenv.wait_for_window(xserver_env, name="unfinished block", timeout=15)
    time.sleep(0.3)
    xenv.screenshot(xserver_env, artifacts_dir / "tray-recovery.png", crop=_around(dialog))
    xenv.click(xserver_env, dialog.x + 10, dialog.y + 10)  # focus follows the pointer
    xenv.key(xserver_env, "Return")
    t.wait_kind(None)
    recovered = next(r for r in t.rows() if r[0] == growth_id)
    assert recovered[3] == seen_at and recovered[5] == "recovered"

    # Quit from the menu ends the running block at the quit time.
    icon = xenv.find_tray_icon_window(xserver_env, timeout=15, pid=app.pid)
    xenv.click_window_center(xserver_env, icon.wid)
    t.wait_kind("growth")  # idle: the kind used last
    xenv.click_window_center(xserver_env, icon.wid, button=3)
    xenv.wait_for_window(xserver_env, pid=app.pid, exclude=[icon.wid], timeout=5)
    xenv.key(xserver_env, "q")
    assert app.proc.wait(10) == 0
    last = t.rows()[-1]
    assert last[3] is not None and last[3] >= last[2]
    assert t.status()["running"] is None


def _iso(instant: int) -> str:
    return dt.datetime.fromtimestamp(instant).astimezone().isoformat(timespec="seconds")


def _around(geo: xenv.WindowGeometry, pad: int = 8) -> tuple[int, int, int, int]:
    x, y = max(0, geo.x - pad), max(0, geo.y - pad)
    return x, y, geo.width + 2 * pad, geo.height + 2 * pad


def _visible(env: dict[str, str], wid: int) -> bool:
    try:
        return xenv.window_geometry(env, wid).viewable
    except xenv.XEnvError:
        return False
