"""Away detection for real on X11 (Xvfb): the libXss backend and the whole tray app.

* The X backend reports an idle time that grows, and an ``xdotool mousemove`` resets it.
* The real ``growth-tracker`` with a 2-second threshold (hidden
  ``GROWTH_TRACKER_AWAY_SECONDS``): a block runs, nobody touches the machine, the CLI shows
  ``away_since``; the mouse moves, the away dialog appears (screenshot:
  ``test-artifacts/away-dialog.png``) and Enter (Discard) splits the block around the
  away span. Quitting with the dialog open ends the block at when the user left.
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import xenv
from test_tray_e2e import Tracker, _around, _iso

from tracker.platform.idle.x11 import X11Idle

THRESHOLD_S = "2"


def move_mouse(env: Mapping[str, str], x: int, y: int) -> None:
    subprocess.run(["xdotool", "mousemove", str(x), str(y)], env=dict(env), check=True, timeout=10)


def test_x11_idle_grows_and_mouse_resets_it(xserver: xenv.XServer) -> None:
    source = X11Idle(xserver.display)
    try:
        assert source.available and source.name == "x11"
        move_mouse(xserver.env, 101, 101)
        first = source.idle_seconds()
        assert first is not None
        grown = xenv.wait_until(
            lambda: (v := source.idle_seconds()) is not None and v >= first + 1.0 and v,
            10,
            message="the idle time to grow by a second",
        )
        move_mouse(xserver.env, 202, 202)
        after = source.idle_seconds()
        assert after is not None and after < grown
        assert after < 1.0
    finally:
        source.close()
    assert source.idle_seconds() is None  # closed: no display any more


def _away_app(
    xserver: xenv.XServer, spawn, tmp_path: Path
) -> tuple[Tracker, xenv.ManagedProcess, int]:  # type: ignore[no-untyped-def]
    """A running task block, the app started, nobody at the machine: returns left_at."""
    env = dict(xserver.env, GROWTH_TRACKER_AWAY_SECONDS=THRESHOLD_S, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    # Started a minute ago, so leaving (the last input, just below) comes after its start.
    out = t.cli("start", "task", "payroll", "--at", _iso(int(time.time()) - 60))
    assert out.returncode == 0, out.stderr
    move_mouse(env, 640, 700)  # out of the dialog's way; the last input before leaving
    app = spawn(t.argv(), name="growth-tracker", env=env)
    away = xenv.wait_until(
        lambda: t.status().get("away_since"), 20, message="the CLI to report away_since"
    )
    return t, app, int(dt.datetime.fromisoformat(away).timestamp())


def test_away_dialog_discard_splits_the_block(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path, artifacts_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    t, app, left_at = _away_app(xserver, spawn, tmp_path)
    assert app.alive()
    move_mouse(xserver.env, 645, 705)  # back at the desk
    dialog = xenv.wait_for_window(xserver.env, name="Away from the desk", timeout=10)
    xenv.screenshot(xserver.env, artifacts_dir / "away-dialog.png", crop=_around(dialog))
    xenv.click(xserver.env, dialog.x + 10, dialog.y + 10)  # focus follows the pointer
    xenv.key(xserver.env, "Return")  # Discard is the default button
    rows = xenv.wait_until(lambda: len(t.rows()) == 2 and t.rows(), 10, message="two blocks")
    (_, kind1, start1, end1, _, _), (_, kind2, start2, end2, seen2, source2) = rows
    assert (kind1, kind2) == ("task", "task")
    assert start1 < end1 == left_at  # ended when the user left
    assert start2 > end1  # the away span counts to nothing
    assert end2 is None and source2 == "tray" and seen2 is not None
    status = t.status()
    assert status["running"]["label"] == "payroll" and "away_since" not in status


def test_quit_with_the_away_dialog_open_ends_the_block_when_you_left(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    t, app, left_at = _away_app(xserver, spawn, tmp_path)
    move_mouse(xserver.env, 645, 705)
    xenv.wait_for_window(xserver.env, name="Away from the desk", timeout=10)
    app.proc.send_signal(signal.SIGTERM)
    assert app.proc.wait(10) == 0
    rows = t.rows()
    assert len(rows) == 1
    assert rows[0][2] < rows[0][3] == left_at
    assert t.status()["running"] is None
