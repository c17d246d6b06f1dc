"""Joining a team with the keyboard only, in the real tray on Xvfb with trayer (issue 17).

No team folder is set, so the tray menu's *Team…* (its accelerator) opens the sharing
settings. There, with xdotool key events only: Alt+F and the folder's path, Alt+N and a
name, Tab to the list of labels and Space on the one to keep private, Alt+P for the
preview, Escape, Alt+P again (a button's Alt key once did nothing on its second use after
a dialog closed), Escape, Alt+S to share: the first share shows the preview, whose Enter
shares. Then Alt+V opens the team view (as Alt+T it was also *Task and growth…*, so it
only moved the focus there). Read back through the CLI
(`team --json`) and the folder's bytes: the name is there with the figures the blocks
make, the private label is in no file. No window manager: X gives the keyboard to the
window under the pointer, so the pointer is put over each window (never clicked).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import xenv

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "ui"))  # the shared three-colleague data

import team_support as ts  # noqa: E402


def _point_at(env: dict[str, str], window: xenv.WindowGeometry) -> None:
    """The pointer onto ``window`` (from outside it, so X hands it the keyboard)."""
    x, y = window.center
    for at in ((1, 1), (x, y)):
        subprocess.run(["xdotool", "mousemove", str(at[0]), str(at[1])], env=env, timeout=10)
        time.sleep(0.2)


def test_join_a_team_with_the_keyboard_only(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    env = dict(xserver.env, PYTHONFAULTHANDLER="1", TZ="Asia/Tokyo", PYTHONPATH=str(REPO))
    db = tmp_path / "tracker.sqlite3"
    argv = [sys.executable, "-m", "tracker", "--db", str(db)]

    def cli(*args: str) -> str:
        out = subprocess.run(
            [*argv, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 0, (args, out.stderr)
        return out.stdout

    share = tmp_path / "team share"
    share.mkdir()
    today = (dt.datetime.now(ZoneInfo("Asia/Tokyo")) - dt.timedelta(hours=4)).date()
    day = today - dt.timedelta(days=1)
    ts.write_folder(share, today)
    cli("config", "language", "en")
    for kind, start, end, label in (
        ("task", "09:00", "10:30", "請求書チェック"),
        ("growth", "10:30", "12:00", "IFRS勉強"),
        ("growth", "13:00", "13:45", "面談準備"),  # kept private
    ):
        cli("add", kind, f"{day} {start}", f"{day} {end}", label)

    app = spawn(argv, name="growth-tracker", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=15, pid=app.pid)
    xenv.click_window_center(env, icon.wid, button=3)
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=5)
    time.sleep(0.3)
    xenv.key(env, "a")  # Te&am…: no folder yet, so the sharing settings
    page = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid, menu.wid], timeout=15)
    _point_at(env, page)

    xenv.key(env, "alt+f")
    xenv.key(env, "ctrl+a")
    xenv.type_text(env, str(share))
    xenv.key(env, "alt+n")  # leaving the folder field stores it
    xenv.type_text(env, "山田 太郎")
    xenv.key(env, "Return")
    xenv.wait_until(
        lambda: cli("config", "team_name") == "山田 太郎\n", timeout=10, message="the name"
    )
    assert cli("config", "team_folder") == f"{share}\n"
    # name → three switches → the labels; End: 面談準備 sorts last (IFRS, 請, 面)
    xenv.key(env, "Tab", "Tab", "Tab", "Tab", "End", "space")
    xenv.wait_until(
        lambda: cli("team", "private") == "面談準備\n", timeout=10, message="the private mark"
    )

    shown = [page.wid, icon.wid, menu.wid]
    for _ in range(2):  # the second Alt+P after the preview closed must open it again
        xenv.key(env, "alt+p")
        preview = xenv.wait_for_window(env, pid=app.pid, exclude=shown, timeout=10)
        _point_at(env, preview)
        xenv.key(env, "Escape")
        xenv.wait_until(
            lambda p=preview: (
                not xenv.window_geometry(env, p.wid).viewable
                if p.wid in xenv.find_windows(env, pid=app.pid)
                else True
            ),
            timeout=10,
            message="the preview closed",
        )
        _point_at(env, page)
    mine = share / "growth-tracker-team"
    before = sorted(p.name for p in mine.iterdir())
    assert len(before) == 3  # nothing written by looking

    xenv.key(env, "alt+s")  # the first share: the preview asks
    preview = xenv.wait_for_window(env, pid=app.pid, exclude=shown, timeout=10)
    _point_at(env, preview)
    xenv.screenshot(
        env,
        artifacts_dir / "team-keyboard-preview.png",
        crop=(max(0, preview.x), max(0, preview.y), preview.width, preview.height),
    )
    xenv.key(env, "Return")  # Share is the default button
    xenv.wait_until(
        lambda: len(list(mine.iterdir())) == 4, timeout=15, message="this person's file"
    )

    view = json.loads(cli("team", "--json"))
    people = {p["name"]: p for p in view["people"]}
    assert set(people) == {"佐藤 花子", "鈴木 一郎", "高橋 美咲", "山田 太郎"}
    assert (people["山田 太郎"]["task_s"], people["山田 太郎"]["growth_s"]) == (5400, 8100)
    ifrs = [t for t in view["learning"] if t["label"] == "IFRS勉強"]
    assert ifrs and [(p["name"], p["growth_s"]) for p in ifrs[0]["people"]] == [("山田 太郎", 5400)]
    data = b"".join(p.read_bytes() for p in share.rglob("*") if p.is_file())
    assert "山田 太郎".encode() in data and "面談準備".encode() not in data

    _point_at(env, page)
    xenv.key(env, "alt+v")  # Open the team &view… (Alt+T was also &Task and growth…)
    window = xenv.wait_for_window(env, pid=app.pid, exclude=[*shown, preview.wid], timeout=15)
    _point_at(env, window)
    time.sleep(2.0)  # read on a worker thread; matplotlib draws the chart
    xenv.screenshot(
        env,
        artifacts_dir / "team-keyboard-window.png",
        crop=(max(0, window.x), max(0, window.y), window.width, window.height),
    )

    # Count 請求書確認 as 請求書チェック (Alt+O, Alt+A, Alt+M): this PC's view, read by the CLI
    xenv.key(env, "alt+o")
    xenv.type_text(env, "請求書確認")
    xenv.key(env, "alt+a")
    xenv.type_text(env, "請求書チェック")
    xenv.key(env, "alt+m")

    def mapped() -> dict[str, object] | None:
        spots = {h["label"]: h for h in json.loads(cli("team", "--json"))["hotspots"]}
        return spots["請求書チェック"] if "請求書確認" not in spots else None

    check = xenv.wait_until(mapped, timeout=10, message="the synonym mapped")
    assert check["people"] == 3  # 佐藤, 鈴木 (as 請求書確認) and 山田

    # Export CSV… (Alt+E): Qt's own save dialog, the file name typed, Enter
    out = tmp_path / "team.csv"
    xenv.key(env, "alt+e")
    dialog = xenv.wait_for_window(
        env, pid=app.pid, exclude=[*shown, preview.wid, window.wid], timeout=15
    )
    _point_at(env, dialog)
    xenv.key(env, "ctrl+a")
    xenv.type_text(env, str(out))
    xenv.key(env, "Return")
    xenv.wait_until(lambda: out.exists() and out.stat().st_size > 0, timeout=15, message="CSV")
    text = out.read_bytes().decode("utf-8-sig")
    assert "山田 太郎" in text and "面談準備" not in text
    assert "請求書確認" not in text  # the export counts synonyms as the view does
    assert "Traceback" not in app.log_text()
    assert app.alive
