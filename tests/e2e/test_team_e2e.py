"""Team… from the real tray menu (issue 17): Xvfb + trayer, driven with xdotool.

A team folder holds three colleagues' files (tests/ui/team_support.py: realistic Japanese
data, one of them stale). The tray's context menu opens *Team…* by its accelerator; the
team window reads the folder on a worker thread; Ctrl+C copies its people table (as a
person would, to paste it into Excel) and a second X client reads the clipboard. The
numbers must equal sums computed here from the files' own days. The window is saved to
test-artifacts/team-from-tray.png.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import xenv

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "ui"))  # the shared three-colleague data

import team_support as ts  # noqa: E402

READ_CLIPBOARD = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication(sys.argv[:1])\n"
    "sys.stdout.buffer.write(QApplication.clipboard().text().encode('utf-8'))\n"
)


def _hm(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"


def test_team_window_from_the_tray_menu(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    env = dict(xserver.env, PYTHONFAULTHANDLER="1", TZ="Asia/Tokyo", PYTHONPATH=str(REPO))
    db = tmp_path / "tracker.sqlite3"
    argv = [sys.executable, "-m", "tracker", "--db", str(db)]
    share = tmp_path / "team share"
    share.mkdir()
    today = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    ts.write_folder(share, today)
    for args in (("config", "language", "en"), ("config", "team_folder", str(share))):
        out = subprocess.run(
            [*argv, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=30
        )
        assert out.returncode == 0, out.stderr

    app = spawn(argv, name="growth-tracker", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    xenv.click_window_center(env, icon.wid, button=3)
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=5)
    time.sleep(0.3)
    xenv.key(env, "a")  # Te&am…
    window = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid, menu.wid], timeout=15)
    assert window.width > 600 and window.height > 400, window
    time.sleep(2.0)  # the folder is read on a worker thread; matplotlib draws the chart
    x, y = max(0, window.x), max(0, window.y)
    xenv.screenshot(
        env, artifacts_dir / "team-from-tray.png", crop=(x, y, window.width, window.height)
    )

    xenv.key(env, "ctrl+c")  # the people table has the focus: the whole table
    copied = ""

    def read() -> bool:
        nonlocal copied
        out = subprocess.run(
            [sys.executable, "-c", READ_CLIPBOARD],
            env=env,
            capture_output=True,
            timeout=30,
        )
        copied = out.stdout.decode("utf-8")
        return copied.startswith("Person\t")

    xenv.wait_until(read, timeout=10, message="the people table on the clipboard")
    rows = [line.split("\t") for line in copied.strip().split("\n")[1:]]
    first = today - dt.timedelta(days=27)
    expected = []
    for person, (name, target, _ago) in ts.PEOPLE.items():
        days = [d for d in ts.share_file(person, today).days if first <= d.day <= today]
        task, growth = sum(d.task_s for d in days), sum(d.growth_s for d in days)
        expected.append([name, _hm(task), _hm(growth), f"{target} %"])
    shown = [[r[0], r[1], r[2], r[4]] for r in rows]
    assert sorted(shown) == sorted(expected)
    assert "Traceback" not in app.log_text()
