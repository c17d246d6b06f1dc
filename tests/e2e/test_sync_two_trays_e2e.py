"""Two PCs, one history (§16), end to end: two real trays (two databases, two sync
folders) in one real system tray (Xvfb + trayer). The test plays the sync service: it
copies the office's files into the laptop's folder. A click on the office's icon then
shows on the laptop: in its tray menu and tooltip (read back with OCR, as a person reads
the screen), in ``status --json`` (``"elsewhere"``) and ``list --json``. A file that
arrives half-written is named in the laptop's menu line, beside when it last synced.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import time
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import xenv
from test_tray_e2e import Tracker

ROOT = "growth-tracker"


def _ocr(shot: Path) -> str:
    """The text on a screenshot, as one line of lower-case words. The menu's information
    lines are disabled items (light grey): a threshold at 88 % makes them as black as the
    rest for tesseract."""
    big = shot.with_name(shot.stem + "-ocr.png")
    steps = ["-colorspace", "Gray", "-threshold", "88%", "-resize", "300%"]
    subprocess.run(
        ["convert", str(shot), *steps, str(big)],
        check=True,
        timeout=30,
    )
    out = subprocess.run(
        ["tesseract", str(big), "-", "--psm", "6"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return " ".join(out.stdout.split()).lower()


def _menu_text(
    env: dict[str, str], app: xenv.ManagedProcess, icon: xenv.WindowGeometry, shot: Path
) -> str:
    """Open the icon's menu, shoot it, close it; its text."""
    xenv.click_window_center(env, icon.wid, button=3)
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=5)
    time.sleep(0.4)
    xenv.screenshot(env, shot, crop=menu)
    xenv.key(env, "Escape")
    xenv.wait_until(lambda: not _visible(env, menu.wid) or None, 5, message="the menu to close")
    return _ocr(shot)


def _tooltip_text(
    env: dict[str, str], app: xenv.ManagedProcess, icon: xenv.WindowGeometry, shot: Path
) -> str:
    """Rest the pointer on the icon until its tooltip shows; the tooltip's text."""
    x, y = icon.center
    for px, py in ((640, 600), (x, y), (x + 1, y)):  # off, on, and moving, as a hand does
        subprocess.run(["xdotool", "mousemove", str(px), str(py)], env=env, check=True, timeout=10)
        time.sleep(0.2)
    tip = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=8)
    time.sleep(0.3)
    xenv.screenshot(env, shot, crop=tip)
    subprocess.run(["xdotool", "mousemove", "640", "600"], env=env, check=True, timeout=10)
    return _ocr(shot)


def _visible(env: dict[str, str], wid: int) -> bool:
    try:
        return xenv.window_geometry(env, wid).viewable
    except xenv.XEnvError:
        return False


def _device_dir(folder: Path) -> Path:
    [mine] = [p for p in (folder / ROOT).iterdir() if p.is_dir()]
    return mine


def _times(around: float) -> set[str]:
    """The HH:MM of ``around`` and the minute either side (a sync lands in one of them)."""
    return {
        dt.datetime.fromtimestamp(around + d).astimezone().strftime("%H:%M") for d in (-60, 0, 60)
    }


def test_a_click_on_one_pc_shows_on_the_other_through_copied_files(
    xserver: xenv.XServer, tray_host: xenv.TrayHost, spawn, tmp_path: Path, artifacts_dir: Path
) -> None:
    if shutil.which("tesseract") is None:
        pytest.fail("tesseract is not installed (run scripts/install-system-deps.sh as root)")
    env = dict(xserver.env, PYTHONFAULTHANDLER="1", LANG="en_US.UTF-8", LANGUAGE="en")
    office = Tracker(tmp_path / "office.sqlite3", env)
    laptop = Tracker(tmp_path / "laptop.sqlite3", env)
    folders = {"office": tmp_path / "office-share", "laptop": tmp_path / "laptop-share"}
    for name, t in (("office", office), ("laptop", laptop)):
        folders[name].mkdir()
        for args in (("sync_folder", str(folders[name])), ("device_name", name)):
            out = t.cli("config", *args)
            assert out.returncode == 0, out.stderr
    office_app = spawn(office.argv(), name="tray-office", env=env)
    office_icon = xenv.find_tray_icon_window(env, timeout=15, pid=office_app.pid)
    laptop_app = spawn(laptop.argv(), name="tray-laptop", env=env)
    laptop_icon = xenv.find_tray_icon_window(env, timeout=15, pid=laptop_app.pid)
    assert office_icon.wid != laptop_icon.wid

    # A click on the office's icon starts a block; its tray publishes it by itself.
    xenv.click_window_center(env, office_icon.wid)
    xenv.wait_until(lambda: office.status()["running"], 8, message="the office's block")
    running = office.status()["running"]
    xenv.wait_until(
        lambda: list((folders["office"] / ROOT).glob("*/*.jsonl")) or None,
        15,
        message="the office's tray to publish the click",
    )
    # The sync service carries the office's files to the laptop.
    source = _device_dir(folders["office"])
    # (into a temporary name, then renamed: whole, as Syncthing and OneDrive deliver files)
    arriving = folders["laptop"] / ROOT / f".arriving-{source.name}"
    shutil.copytree(source, arriving)
    arriving.rename(folders["laptop"] / ROOT / source.name)
    copied = time.time()

    def elsewhere() -> list[dict[str, object]] | None:
        return laptop.status().get("elsewhere") or None

    # the laptop's tray notices the new folder (watcher, at worst its poll) and merges
    [there] = xenv.wait_until(elsewhere, 75, message="the laptop to merge the office's block")
    assert (there["device"], there["kind"], there["label"]) == (
        "office",
        running["kind"],
        running["label"],
    )
    assert laptop.status()["running"] is None  # nothing runs on the laptop itself
    out = laptop.cli("list", "--json")
    assert out.returncode == 0, out.stderr
    assert [(b["device"], b["kind"]) for b in json.loads(out.stdout)["blocks"]] == [
        ("office", running["kind"])
    ]

    kind_word = str(running["kind"]).lower()  # "task" / "growth", as the menu says it
    menu = _menu_text(env, laptop_app, laptop_icon, artifacts_dir / "sync-laptop-menu.png")
    assert f"on office: {kind_word}" in menu, menu
    assert any(f"synced at {t}" in menu for t in _times(copied)), menu
    tip = _tooltip_text(env, laptop_app, laptop_icon, artifacts_dir / "sync-laptop-tooltip.png")
    assert f"on office: {kind_word}" in tip, tip
    assert "synced at" in tip, tip

    # A file still arriving (half a batch) is named, and nothing stops.
    batch = sorted(source.glob("*.jsonl"))[-1].read_bytes()
    half = folders["laptop"] / ROOT / source.name / "halfcopy.jsonl"
    half.write_bytes(batch[: len(batch) // 2])

    def names_it() -> str | None:
        text = _menu_text(env, laptop_app, laptop_icon, artifacts_dir / "sync-laptop-unread.png")
        return text if "cannot read yet" in text else None

    menu = xenv.wait_until(names_it, 75, message="the laptop's menu to name the half file")
    # its name, give or take a letter OCR misreads ("halfcapy")
    assert any(SequenceMatcher(None, w, "halfcopy.jsonl").ratio() > 0.85 for w in menu.split())
    assert laptop.status()["elsewhere"]  # the merged block stays
    assert "Traceback" not in office_app.log_text() + laptop_app.log_text()
