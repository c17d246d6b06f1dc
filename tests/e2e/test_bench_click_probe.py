"""The bench's "click → icon repainted" instrument (bench/xpixels.py) on a real tray icon.

The bare tray of the bench (bench/bare_tray.py) swaps its icon's colour on a click. The
probe must see that change after a real click, and must not see one without a click, or
the figure in the README would measure noise.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import xenv

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.xpixels import XDisplay  # noqa: E402

BLUE, ORANGE = "3B82F6", "E69F00"


def test_the_probe_sees_a_click_repaint_and_nothing_else(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn: xenv.SpawnFn, tmp_path: Path
) -> None:
    env = xserver.env
    app = spawn([sys.executable, str(REPO_ROOT / "bench" / "bare_tray.py")], name="bare-tray")
    icon = xenv.find_tray_icon_window(env, timeout=20, pid=app.pid)
    shot = tmp_path / "tray.png"

    def centre() -> str:
        xenv.screenshot(env, shot)
        return xenv.pixel_hex(shot, *icon.center)

    xenv.wait_until(lambda: centre() == BLUE, 10, message="the blue icon on screen")
    with XDisplay(env["DISPLAY"]) as x:
        before = x.grab(icon.wid, icon.width, icon.height)
        assert len(before) >= icon.width * icon.height * 3
        # Nobody clicks: no change is reported.
        assert x.wait_change(icon.wid, icon.width, icon.height, before, timeout=0.8) is None

        for colour in (ORANGE, BLUE):
            time.sleep(0.6)  # no double click
            before = x.grab(icon.wid, icon.width, icon.height)
            clicked = x.click(*icon.center)
            changed = x.wait_change(icon.wid, icon.width, icon.height, before, timeout=5)
            assert changed is not None and 0 <= changed - clicked < 5
            assert centre() == colour
            # The pointer was moved off the icon (no tooltip over the pixels measured).
            assert not icon.contains(*xenv.mouse_location(env))
