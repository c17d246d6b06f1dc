"""The real ``growth-tracker`` in Japanese on a real X server (Xvfb + trayer).

The language comes from the setting (``config language ja``) while the environment says
``LANG=C``, so the setting alone switches the UI. Screenshots of the tray menu, the summary
and the settings dialog go to test-artifacts/ja-*.png for people to check that Japanese
glyphs render (no tofu boxes) and nothing is cut off; window titles prove the running
windows really are Japanese.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import xenv
from PySide6.QtGui import QColor, QImage

REPO = Path(__file__).resolve().parents[2]


def _iso(instant: int) -> str:
    return dt.datetime.fromtimestamp(instant).astimezone().isoformat(timespec="seconds")


def _around(geo: xenv.WindowGeometry, pad: int = 8) -> tuple[int, int, int, int]:
    x, y = max(0, geo.x - pad), max(0, geo.y - pad)
    return x, y, geo.width + 2 * pad, geo.height + 2 * pad


def _has_text(path: Path) -> None:
    """A real picture: many distinct dark-on-light pixels (text), not a blank rectangle."""
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 50 and image.height() > 50, path
    dark = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if QColor(image.pixel(x, y)).lightnessF() < 0.4
    )
    assert dark > 200, f"{path.name}: hardly any text pixels ({dark})"


def test_japanese_screens(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    env = {k: v for k, v in xserver.env.items() if not k.startswith(("LC_", "LANG"))}
    env["LANG"] = "C.UTF-8"
    db = tmp_path / "tracker.sqlite3"
    argv = [sys.executable, "-m", "tracker", "--db", str(db)]

    def cli(*args: str) -> None:
        out = subprocess.run(
            [*argv, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=30
        )
        assert out.returncode == 0, out.stderr

    cli("config", "language", "ja")
    now = int(time.time())
    for kind, start, end, label in (
        ("task", now - 5400, now - 3600, "月次決算"),
        ("growth", now - 3600, now - 2700, "RPA 勉強"),
        ("task", now - 2700, now - 600, "請求書チェック（A社・B社）"),
    ):
        cli("add", kind, _iso(start), _iso(end), label)
    cli("start", "growth", "Excel マクロで請求書チェックを自動化")

    app = spawn(argv, name="growth-tracker-ja", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)

    # The tray menu.
    xenv.click_window_center(env, icon.wid, button=3)
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=5)
    time.sleep(0.4)
    shot = xenv.screenshot(env, artifacts_dir / "ja-tray-menu.png", crop=_around(menu))
    _has_text(shot)
    xenv.key(env, "Escape")

    # The summary, opened by a second launch (handed over to the running tracker).
    cli("summary")
    summary = xenv.wait_for_window(
        env, name="サマリー", pid=app.pid, exclude=[icon.wid], timeout=20
    )
    time.sleep(1.5)  # matplotlib draws the charts after the first show
    shot = xenv.screenshot(env, artifacts_dir / "ja-summary.png", crop=_around(summary, 0))
    _has_text(shot)

    # The settings dialog, through the menu's accelerator 設定(&N).
    xenv.click_window_center(env, icon.wid, button=3)
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid, summary.wid], timeout=5)
    time.sleep(0.3)
    xenv.key(env, "n")
    settings = xenv.wait_for_window(
        env, name="設定", pid=app.pid, exclude=[icon.wid, summary.wid], timeout=10
    )
    time.sleep(0.5)
    shot = xenv.screenshot(env, artifacts_dir / "ja-settings.png", crop=_around(settings, 0))
    _has_text(shot)
    assert app.alive()
