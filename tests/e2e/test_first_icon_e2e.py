"""The tray's first icon (docs/architecture.md §9) on a real X server with a real tray host.

The icon is painted and docked from a look at the file before the service and the app's
parts are loaded; a click on it in that window is kept and applied once the app runs. Here
the loading is held back until the click has arrived (a real xdotool click on the docked
icon), so the window is long enough to hit for certain.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
import textwrap
import time
from pathlib import Path

import xenv
from test_tray_e2e import Tracker

HELD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QTimer

    import tracker.ui.startup as startup

    gate = Path(sys.argv[2])
    load_later = startup._Start.load_later

    def held(self):
        if not gate.exists():
            QTimer.singleShot(20, lambda: held(self))
            return
        loaded = [m for m in ("tracker.service", "tracker.ui.app") if m in sys.modules]
        print("released", loaded, len(self.first.clicks), flush=True)
        load_later(self)

    startup._Start.load_later = held
    from tracker.entry import main

    sys.exit(main(["--db", sys.argv[1]]))
    """
)


def _iso(instant: int) -> str:
    return dt.datetime.fromtimestamp(instant).astimezone().isoformat(timespec="seconds")


def test_a_click_before_the_service_is_loaded_is_kept_and_applied(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path
) -> None:
    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    now = int(time.time())
    out = t.cli("add", "growth", _iso(now - 1500), _iso(now - 600), "RPA 勉強")
    assert out.returncode == 0, out.stderr
    gate = tmp_path / "load-now"
    app = spawn([sys.executable, "-c", HELD, str(t.db), str(gate)], name="growth-tracker", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)  # docked, nothing loaded
    before = time.time()
    xenv.click_window_center(env, icon.wid)
    time.sleep(0.8)  # the click has reached the app, past any double-click interval
    assert t.running_kind() is None  # nothing written yet: the service is not there
    gate.touch()
    xenv.wait_until(lambda: "released" in app.log_text() or None, 10, message="release")
    line = next(x for x in app.log_text().splitlines() if x.startswith("released"))
    assert line == "released [] 1", line  # held before the service: one click kept
    t.wait_kind("growth")
    running = t.status()["running"]
    assert running["label"] == "RPA 勉強"  # the click continued the last block, as always
    started = dt.datetime.fromisoformat(running["started_at"]).timestamp()
    assert before - 1 <= started <= time.time()
    assert "Traceback" not in app.log_text()


def test_a_right_click_before_the_service_is_loaded_opens_the_menu_once_it_is(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path
) -> None:
    """A right click had no menu to open yet: the menu opens once the app runs."""
    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    assert t.cli("start", "task", "月次決算").returncode == 0
    gate = tmp_path / "load-now"
    app = spawn([sys.executable, "-c", HELD, str(t.db), str(gate)], name="growth-tracker", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    xenv.click_window_center(env, icon.wid, button=3)
    time.sleep(0.8)
    gate.touch()
    xenv.wait_until(lambda: "released" in app.log_text() or None, 10, message="release")
    line = next(x for x in app.log_text().splitlines() if x.startswith("released"))
    assert line == "released [] 1", line
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=5)
    assert menu.height >= 150 and menu.width <= 500, menu  # the tray's menu, not a window
    assert t.running_kind() == "task"  # a right click changes nothing


def test_quitting_before_the_app_runs_still_ends_the_running_block(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path
) -> None:
    """SIGTERM (a logout) while only the first icon shows: the quit ends the running
    block at the quit time, as it does once the app runs."""
    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    out = t.cli("start", "growth", "RPA 勉強", "--at", _iso(int(time.time()) - 120))
    assert out.returncode == 0, out.stderr
    gate = tmp_path / "never"
    app = spawn([sys.executable, "-c", HELD, str(t.db), str(gate)], name="growth-tracker", env=env)
    xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    assert t.running_kind() == "growth"
    before = time.time()
    app.proc.send_signal(signal.SIGTERM)
    assert app.proc.wait(timeout=15) == 0
    assert t.running_kind() is None
    blocks = t.rows()
    assert len(blocks) == 1, blocks
    assert "Traceback" not in app.log_text()
    ended = blocks[-1][3]  # (id, kind, started_at, ended_at, last_seen_at, source)
    assert ended is not None and before - 1 <= ended <= time.time() + 1, blocks[-1]


def test_the_first_icon_is_the_one_the_app_then_draws(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path
) -> None:
    """The first paint (one pixmap, from the peek) and the app's own icon look the same:
    the pixels of the docked icon do not change when the app takes over."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.xpixels import XDisplay

    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    now = int(time.time())
    for kind, start, end in (("task", now - 3000, now - 1500), ("growth", now - 1500, now - 600)):
        assert t.cli("add", kind, _iso(start), _iso(end), "x").returncode == 0
    assert t.cli("start", "task", "月次決算").returncode == 0
    gate = tmp_path / "load-now"
    app = spawn([sys.executable, "-c", HELD, str(t.db), str(gate)], name="growth-tracker", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    time.sleep(0.3)
    with XDisplay(env["DISPLAY"]) as x:
        first = x.grab(icon.wid, icon.width, icon.height)
        gate.touch()
        xenv.wait_until(lambda: "released" in app.log_text() or None, 10, message="release")
        time.sleep(1.0)  # the app built, its icon (every size) set and repainted
        later = x.grab(icon.wid, icon.width, icon.height)
    assert first and later
    assert first == later


IDLE = textwrap.dedent(
    """
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import tracker.ui.testing as testing

    announce = testing.announce_ready

    def report():
        print("loaded", sorted(m for m in sys.argv[2].split(",") if m in sys.modules), flush=True)
        QApplication.quit()

    def ready():
        announce()
        QTimer.singleShot(4500, report)  # after the away monitor, backup and sync timers

    testing.announce_ready = ready
    from tracker.entry import main

    sys.exit(main(["--db", sys.argv[1]]))
    """
)

# Loaded only when used (docs/architecture.md §9): charts, global hotkeys, the CSV modules,
# the Wayland and D-Bus idle sources, QtNetwork (the server is Python's own socket on X11),
# find_library's subprocess, the CLI and its renderings, sqlite_utils/numpy, OpenSSL.
UNUSED_AT_IDLE = (
    "matplotlib",
    "tracker.ui.hotkeys.backends",
    "tracker.platform.hotkeys.x11",
    "tracker.platform.hotkeys.portal",
    "tracker.io.csvformat",
    "tracker.io.export",
    "tracker.io.reader",
    "tracker.io.plan",
    "tracker.platform.wayland",
    "tracker.platform.idle.wayland",
    "PySide6.QtDBus",
    "PySide6.QtNetwork",
    "subprocess",
    "tracker.cli",
    "tracker.statusline",
    "tracker.ui.dialogs",
    "sqlite_utils",
    "numpy",
    "_hashlib",
)


def test_an_idle_tray_has_not_imported_what_it_does_not_use(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path
) -> None:
    """The real start on X11 (the first icon docked in trayer, then the rest), a block
    running, hotkeys and sync off: none of ``UNUSED_AT_IDLE`` is in ``sys.modules``."""
    env = dict(xserver.env, PYTHONFAULTHANDLER="1")
    t = Tracker(tmp_path / "tracker.sqlite3", env)
    assert t.cli("start", "growth", "RPA 勉強").returncode == 0
    assert t.cli("config", "hotkey_toggle").stdout.strip() == "off"  # the defaults: off
    app = spawn(
        [sys.executable, "-c", IDLE, str(t.db), ",".join(UNUSED_AT_IDLE)],
        name="growth-tracker",
        env=env,
    )
    xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    xenv.wait_until(lambda: "loaded" in app.log_text() or None, 20, message="the report")
    line = next(x for x in app.log_text().splitlines() if x.startswith("loaded"))
    assert line == "loaded []", line
