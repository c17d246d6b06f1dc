"""Clicks on the real tray icon (Xvfb + trayer, xdotool), read back through the CLI.

A click continues the last block's kind and label at the click's own time; a double
click opens the summary and leaves no block behind. The icon is shot on a dark panel
(the session's trayer) and on a light one (a trayer of its own, with the XDG settings
portal saying "prefer light" on the private session bus), enlarged for people to judge.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
import time
from pathlib import Path

import xenv
from test_tray_e2e import Tracker

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.xpixels import XDisplay  # noqa: E402

STUB = REPO / "tests" / "ui" / "portal_stub.py"


def _iso(instant: int) -> str:
    return dt.datetime.fromtimestamp(instant).astimezone().isoformat(timespec="seconds")


def _seed(t: Tracker) -> None:
    now = int(time.time())
    for kind, start, end, label in (
        ("task", now - 3000, now - 1500, "月次決算"),
        ("growth", now - 1500, now - 600, "RPA 勉強"),
    ):
        out = t.cli("add", kind, _iso(start), _iso(end), label)
        assert out.returncode == 0, out.stderr


def _shot(env: dict[str, str], icon: xenv.WindowGeometry, path: Path, height: int = 32) -> Path:
    time.sleep(0.4)  # the icon is repainted asynchronously after a change
    x = max(0, icon.x - 8)
    return xenv.screenshot(env, path, crop=(x, 0, icon.width + 16, height), scale=6)


def _darkest(path: Path) -> int:
    """The lowest grey level in the shot (0 black … 255 white)."""
    out = subprocess.run(
        ["convert", str(path), "-colorspace", "Gray", "-format", "%[fx:int(255*minima)]", "info:"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return int(out.stdout.strip())


def test_a_click_continues_at_its_own_time_and_a_double_click_leaves_nothing(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path, artifacts_dir: Path
) -> None:
    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    _seed(t)
    app = spawn(t.argv(), name="growth-tracker", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    _shot(env, icon, artifacts_dir / "tray-icon-dark-panel-idle.png")

    before = time.time()
    xenv.click_window_center(env, icon.wid)
    after = time.time()
    t.wait_kind("growth")
    running = t.status()["running"]
    assert running["label"] == "RPA 勉強"  # continued with its label, not an empty one
    started = dt.datetime.fromisoformat(running["started_at"]).timestamp()
    # the click's own second, not the end of the double-click interval after it
    assert math.floor(before) <= started <= math.ceil(after), (before, started, after)
    _shot(env, icon, artifacts_dir / "tray-icon-dark-panel-growth.png")

    rows = t.rows()
    xenv.double_click(env, *icon.center)
    summary = xenv.wait_for_window(env, name="[Ss]ummary|まとめ", timeout=15)
    assert summary.width > 200
    time.sleep(1.0)  # well past the double-click interval: nothing more may come
    assert t.rows() == rows  # no stray block, the running one untouched
    assert t.running_kind() == "growth"

    # a single click again, the switch to task: its icon is on screen at once (the
    # double-click interval only delays the write)
    time.sleep(0.6)  # no double click with the one before
    with XDisplay(env["DISPLAY"]) as x:
        before_px = x.grab(icon.wid, icon.width, icon.height)
        pressed = x.click(*icon.center)
        changed = x.wait_change(icon.wid, icon.width, icon.height, before_px, timeout=5)
    assert changed is not None
    latency = changed - pressed
    (artifacts_dir / "tray-click-latency.txt").write_text(f"{latency * 1000:.1f} ms\n")
    assert latency < 0.1, latency  # 50 ms is the aim (README); CI is a shared machine
    t.wait_kind("task")
    assert t.status()["running"]["label"] == "月次決算"  # the task label used last


def test_the_icon_on_a_light_panel(tmp_path: Path, artifacts_dir: Path) -> None:
    light = list(xenv.TRAYER_ARGS)
    light[light.index("--tint") + 1] = "0xEEEEEE"
    server = xenv.start_xvfb()
    procs: list[xenv.ManagedProcess] = []
    try:
        host = xenv.start_trayer(server.env, args=light, log_path=tmp_path / "trayer.log")
        procs.append(host)
        env = dict(server.env, XDG_CURRENT_DESKTOP="XFCE", PYTHONFAULTHANDLER="1")
        portal = xenv.start_process(
            [sys.executable, str(STUB), "2"], env, name="portal", log_path=tmp_path / "portal.log"
        )
        procs.append(portal)
        xenv.wait_until(lambda: "ready" in portal.log_text() or None, 10, message="the portal")
        t = Tracker(tmp_path / "tracker.sqlite3", env)
        _seed(t)
        app = xenv.start_process(t.argv(), env, name="tray", log_path=tmp_path / "tray.log")
        procs.append(app)
        icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
        xenv.click_window_center(env, icon.wid)
        t.wait_kind("growth")
        shot = _shot(env, icon, artifacts_dir / "tray-icon-light-panel-growth.png")
        panel = xenv.pixel_hex(shot, 8 * 6 + 2, 2)  # inside the icon's corner: the panel
        assert min(int(panel[i : i + 2], 16) for i in (0, 2, 4)) >= 0xE0, panel  # light
        # drawn for a light panel: a dark track and notch (the old icon was near-white)
        assert _darkest(shot) < 0x50, _darkest(shot)
        assert "Traceback" not in app.log_text()
    finally:
        for proc in reversed(procs):
            proc.stop()
        server.stop()
