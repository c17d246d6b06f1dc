"""Typing times into the real Edit blocks window of the real ``growth-tracker``.

The tray app runs on Xvfb with trayer; the editor is opened from the tray menu and every
time is typed with xdotool, the way a person types: straight into a selected cell, after
F2, in full-width digits, and into *Split at…*'s own field. What was saved is read back
with ``growth-tracker list --json``, a separate process.

The time zone is picked so that it is mid-afternoon where the test runs (Etc/GMT±N), so
the blocks typed in the morning of today's tracking day lie in the past whatever the
hour on the machine.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import xenv

REPO = Path(__file__).resolve().parents[2]


def afternoon_zone() -> str:
    """An Etc zone in which it is now 15:xx (POSIX signs: Etc/GMT-9 is UTC+9)."""
    offset = 15 - dt.datetime.now(dt.UTC).hour
    if offset > 14:
        offset -= 24
    return f"Etc/GMT{-offset:+d}"


class Cli:
    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.argv = [sys.executable, "-m", "tracker", "--db", str(db)]
        self.env = env

    def __call__(self, *args: str) -> str:
        out = subprocess.run(
            [*self.argv, *args], env=self.env, cwd=REPO, capture_output=True, text=True, timeout=30
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    def spans(self) -> list[tuple[str, str, str | None]]:
        """(label, start HH:MM, end HH:MM) of today's blocks, from ``list --json``."""
        blocks: list[dict[str, Any]] = json.loads(self("list", "--json"))["blocks"]
        return [(b["label"], b["start"][11:16], b["end"] and b["end"][11:16]) for b in blocks]

    def wait_spans(self, expected: list[tuple[str, str, str | None]]) -> None:
        xenv.wait_until(lambda: self.spans() == expected, 8.0, message=f"blocks {expected}")


def test_times_typed_with_xdotool_are_saved(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn: xenv.SpawnFn,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    env = {k: v for k, v in xserver.env.items() if not k.startswith(("LC_", "LANG"))}
    env.update({"LANG": "C.UTF-8", "TZ": afternoon_zone(), "PYTHONPATH": str(REPO)})
    env.pop("GROWTH_TRACKER_DB", None)
    cli = Cli(tmp_path / "tracker.sqlite3", env)
    cli("config", "language", "en")
    cli("add", "task", "09:00", "10:30", "月次決算")
    cli("add", "growth", "11:00", "12:00", "RPA 勉強")

    app = spawn(cli.argv, name="growth-tracker-editor", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    xenv.click_window_center(env, icon.wid, button=3)
    xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=5)  # the menu
    xenv.key(env, "e")  # &Edit blocks…
    editor = xenv.wait_for_window(env, name="Edit blocks", timeout=10)
    time.sleep(0.5)
    # keys go to the window under the pointer: rest it on the day's summary line
    xenv.click(env, editor.x + editor.width - 120, editor.y + 22)

    # straight into the selected start cell of the first block: 0845, Enter
    xenv.key(env, "ctrl+Home")
    xenv.type_text(env, "0845")
    xenv.key(env, "Return")
    cli.wait_spans([("月次決算", "08:45", "10:30"), ("RPA 勉強", "11:00", "12:00")])

    # its end, in full-width digits as a Japanese input method in direct mode gives them
    xenv.key(env, "Right")
    xenv.type_text(env, "１０．１５")
    xenv.key(env, "Return")
    cli.wait_spans([("月次決算", "08:45", "10:15"), ("RPA 勉強", "11:00", "12:00")])

    # the second block's end with F2: the cell opens at its own time, 1145 replaces it
    xenv.key(env, "Down", "Down", "F2")
    xenv.type_text(env, "1145")
    xenv.key(env, "Return")
    cli.wait_spans([("月次決算", "08:45", "10:15"), ("RPA 勉強", "11:00", "11:45")])

    # a time that cannot be used changes nothing (the message bar says why)
    xenv.key(env, "F2")
    xenv.type_text(env, "25:00")
    xenv.key(env, "Return")
    time.sleep(0.5)
    xenv.screenshot(env, artifacts_dir / "editor-xdotool-refused.png", crop=_around(editor))
    assert cli.spans() == [("月次決算", "08:45", "10:15"), ("RPA 勉強", "11:00", "11:45")]

    # Split at…: the dialog has its own field; 11:30 is where it cuts
    xenv.key(env, "ctrl+t")
    dialog = xenv.wait_for_window(env, name="Split block", timeout=5)
    time.sleep(0.3)
    xenv.click(env, dialog.x + dialog.width // 2, dialog.y + 12)  # over its label
    xenv.type_text(env, "1130")
    time.sleep(0.2)
    xenv.screenshot(env, artifacts_dir / "editor-xdotool-split.png", crop=_around(dialog))
    xenv.key(env, "Return")
    cli.wait_spans(
        [
            ("月次決算", "08:45", "10:15"),
            ("RPA 勉強", "11:00", "11:30"),
            ("RPA 勉強", "11:30", "11:45"),
        ]
    )
    time.sleep(0.3)
    xenv.screenshot(env, artifacts_dir / "editor-xdotool.png", crop=_around(editor))
    assert app.alive()
    assert "Traceback" not in app.log_text()


def _around(geo: xenv.WindowGeometry, pad: int = 8) -> tuple[int, int, int, int]:
    x, y = max(0, geo.x - pad), max(0, geo.y - pad)
    return x, y, geo.width + 2 * pad, geo.height + 2 * pad
