"""Global hotkeys in the real tray on Xvfb + trayer, pressed with xdotool.

After ``config hotkey_toggle``, the key does what a click on the icon does; the switcher
key opens the quick switcher, typed into and started from the keyboard alone; a key
another X client grabbed first is reported in Settings. Read back through the CLI.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import xenv
from test_tray_e2e import Tracker, _around, _iso, _visible

HOLDER = """
import sys
from tracker.domain.hotkeys import parse_hotkey
from tracker.platform.hotkeys.x11 import X11Grabber
grabber = X11Grabber()
print(grabber.grab("other", parse_hotkey(sys.argv[1])), flush=True)
sys.stdin.read()
"""


def test_hotkeys_toggle_and_switch(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    now = int(time.time())
    for kind, start, end, label in [
        ("growth", now - 1500, now - 1320, "RPA 勉強"),
        ("task", now - 1320, now - 300, "月次決算"),
        ("task", now - 300, now - 200, "経費精算"),
    ]:
        out = t.cli("add", kind, _iso(start), _iso(end), label)
        assert out.returncode == 0, out.stderr
    assert t.cli("config", "hotkey_toggle", "ctrl+alt+g").returncode == 0
    assert t.cli("config", "hotkey_toggle").stdout == "Ctrl+Alt+G\n"
    assert t.cli("config", "hotkey_switcher", "Ctrl+Alt+S").returncode == 0

    app = spawn(t.argv(), name="growth-tracker", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    time.sleep(0.5)

    # The toggle key: like a click, task (used last) then growth.
    xenv.key(env, "ctrl+alt+g")
    t.wait_kind("task")
    xenv.key(env, "ctrl+alt+g")
    t.wait_kind("growth")

    # The switcher key: type ahead, Tab flips to task, Enter starts it.
    xenv.key(env, "ctrl+alt+s")
    panel = xenv.wait_for_window(
        env, pid=app.pid, name="Growth Tracker", exclude=[icon.wid], timeout=5
    )
    assert panel.width < 600 and panel.height < 400, panel  # the small panel, not the icon
    time.sleep(0.3)
    xenv.type_text(env, "gesshi")  # no match: the typed text becomes the label
    xenv.key(env, "BackSpace")
    for _ in range(6):
        xenv.key(env, "BackSpace")
    xenv.type_text(env, "RPA")
    time.sleep(0.3)
    xenv.screenshot(env, artifacts_dir / "hotkeys-switcher.png", crop=_around(panel))
    xenv.key(env, "Tab")  # RPA 勉強 is growth; start it as task
    xenv.key(env, "Return")
    xenv.wait_until(
        lambda: (t.status()["running"] or {}).get("label") == "RPA 勉強" or None,
        8,
        message="the switcher's block",
    )
    running = t.status()["running"]
    assert running["kind"] == "task" and running["label"] == "RPA 勉強"
    xenv.wait_until(lambda: not _visible(env, panel.wid) or None, 5, message="panel closed")


def test_a_key_held_by_another_program_is_reported_in_settings(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, "Ctrl+Alt+K"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        t = Tracker(tmp_path / "tracker.sqlite3", env)
        assert t.cli("config", "hotkey_switcher", "Ctrl+Alt+K").returncode == 0
        app = spawn(t.argv(), name="growth-tracker", env=env)
        icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
        xenv.click_window_center(env, icon.wid, button=3)
        menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=5)
        xenv.key(env, "n")
        dialog = xenv.wait_for_window(env, name="Settings", timeout=10)
        time.sleep(0.5)
        shot = artifacts_dir / "hotkeys-settings-taken.png"
        xenv.screenshot(env, shot, crop=_around(dialog))
        assert menu.wid != dialog.wid
        # The problem line's pink background (#fde2e1, settings_hotkeys.PROBLEM_STYLE) is
        # the only one on the dialog: it shows only for a key that does not work.
        colours = subprocess.run(
            ["convert", str(shot), "-format", "%c", "histogram:info:-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.upper()
        assert "#FDE2E1" in colours
        log = app.log_text()
        assert "Traceback" not in log, log
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)
