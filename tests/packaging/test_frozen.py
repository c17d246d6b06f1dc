"""The PyInstaller build (build.spec) works: the frozen CLI, the frozen tray, its resources.

The session builds ``dist/GrowthTracker`` with PyInstaller unless it is newer than every
source, resource and the spec (a build takes about a minute), then runs the frozen binary:
``--version``; ``config``/``add``/``status --json`` against a temp database; the tray on
Xvfb with trayer, where the icon must dock; a second launch (``summary``) that must hand
over and open the Japanese summary window, which proves the bundled translations and the
matplotlib QtAgg backend; and SIGTERM, which must quit cleanly. Build time, size and the
largest files go to test-artifacts/frozen-build.txt.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import xenv

from tracker import __version__

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist" / "GrowthTracker"
EXE = DIST / ("GrowthTracker.exe" if sys.platform == "win32" else "GrowthTracker")
INPUTS = (REPO / "tracker", REPO / "resources", REPO / "build.spec", REPO / "pyproject.toml")
BUILD_ARGV = [
    sys.executable,
    "-m",
    "PyInstaller",
    "--noconfirm",
    "--log-level",
    "WARN",
    "--distpath",
    str(REPO / "dist"),
    "--workpath",
    str(REPO / "build" / "pyinstaller"),
    str(REPO / "build.spec"),
]


def _newest_input() -> float:
    newest = 0.0
    for root in INPUTS:
        paths = [root] if root.is_file() else root.rglob("*")
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


def _size_report() -> str:
    sizes: dict[Path, int] = {}
    for path in DIST.rglob("*"):
        if path.is_file() and not path.is_symlink():
            sizes[path.relative_to(DIST)] = path.stat().st_size
    total = sum(sizes.values())
    top = sorted(sizes.items(), key=lambda item: -item[1])[:15]
    lines = [f"total {total / 1e6:.1f} MB in {len(sizes)} files; largest:"]
    lines += [f"  {size / 1e6:6.1f} MB  {path}" for path, size in top]
    return "\n".join(lines)


@pytest.fixture(scope="session")
def frozen(artifacts_dir: Path) -> Path:
    """dist/GrowthTracker/GrowthTracker, built now unless it is up to date."""
    report = artifacts_dir / "frozen-build.txt"
    if EXE.is_file() and EXE.stat().st_mtime >= _newest_input():
        return EXE
    started = time.monotonic()
    out = subprocess.run(BUILD_ARGV, cwd=REPO, capture_output=True, text=True, timeout=1200)
    elapsed = time.monotonic() - started
    assert out.returncode == 0, f"PyInstaller failed:\n{out.stdout[-5000:]}\n{out.stderr[-10000:]}"
    assert EXE.is_file()
    report.write_text(
        f"built {dt.datetime.now().isoformat(timespec='seconds')} in {elapsed:.0f} s\n"
        f"{_size_report()}\n",
        encoding="utf-8",
    )
    return EXE


def _run(
    exe: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=exe.parent.parent,  # not the repo: nothing may come from the source tree
    )


def _frozen_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(base or os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "GROWTH_TRACKER_DB", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    env["TZ"] = "Asia/Tokyo"
    return env


def _window_titled(env: dict[str, str], pid: int, prefix: str) -> xenv.WindowGeometry | None:
    """A visible window of ``pid`` whose title starts with ``prefix`` (xdotool's --name
    does not match non-ASCII patterns reliably, so titles are compared here)."""
    for wid in xenv.find_windows(env, pid=pid):
        title = subprocess.run(
            ["xdotool", "getwindowname", str(wid)], env=env, capture_output=True, text=True
        ).stdout
        if title.startswith(prefix):
            geometry = xenv.window_geometry(env, wid)
            if geometry.viewable and geometry.width > 100:
                return geometry
    return None


def test_the_bundle_holds_what_the_app_loads_and_not_more(frozen: Path) -> None:
    internal = frozen.parent / "_internal"
    assert (internal / "resources" / "translations" / "tracker_ja.qm").is_file()
    assert (internal / "resources" / "icons" / "png" / "growth-tracker-64.png").is_file()
    qt = internal / "PySide6" / "Qt"
    translations = sorted(p.name for p in (qt / "translations").iterdir())
    assert translations and all(n.split("_")[-1] in ("en.qm", "ja.qm") for n in translations)
    assert "qtbase_ja.qm" in translations
    modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.*")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtDBus", "QtSvg"}
    backends = {p.name for p in (internal / "matplotlib" / "backends").glob("backend_*")}
    assert not any("tk" in name or "gtk" in name or "wx" in name for name in backends)


def test_frozen_version(frozen: Path) -> None:
    out = _run(frozen, "--version", env=_frozen_env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"growth-tracker {__version__}"


@pytest.fixture
def display_env(xserver: xenv.XServer, tray_host: xenv.TrayHost) -> Iterator[dict[str, str]]:
    yield _frozen_env(xserver.env)


def test_frozen_tray_cli_and_summary(
    frozen: Path, display_env: dict[str, str], spawn, tmp_path: Path, artifacts_dir: Path
) -> None:
    env = display_env
    db = str(tmp_path / "frozen.sqlite3")
    now = int(time.time())

    def iso(t: int) -> str:
        return dt.datetime.fromtimestamp(t).astimezone().isoformat(timespec="seconds")

    for args in (
        ("config", "language", "ja"),
        ("add", "growth", iso(now - 1800), iso(now - 600), "RPA 勉強"),
        ("start", "task", "月次決算"),
    ):
        out = _run(frozen, "--db", db, *args, env=env)
        assert out.returncode == 0, out.stderr

    app = spawn([str(frozen), "--db", db], name="frozen-tray", env=env)
    icon = xenv.find_tray_icon_window(env, timeout=30, pid=app.pid)
    assert icon.width > 1 and app.alive()

    handed = _run(frozen, "--db", db, "summary", env=env)
    assert handed.returncode == 0, handed.stderr
    window = xenv.wait_until(
        lambda: _window_titled(env, app.pid, "サマリー · "), 30, message="the summary window"
    )
    time.sleep(1.0)  # the charts are drawn after the window shows
    xenv.screenshot(
        env,
        artifacts_dir / "frozen-summary.png",
        crop=(window.x, window.y, window.width, window.height),
    )

    def running() -> dict[str, object] | None:
        status = _run(frozen, "--db", db, "status", "--json", env=env)
        assert status.returncode == 0, status.stderr
        result: dict[str, object] | None = json.loads(status.stdout)["running"]
        return result

    block = running()
    assert block is not None and block["kind"] == "task" and block["label"] == "月次決算"

    assert app.stop(timeout=15) == 0  # SIGTERM quits cleanly, ending the running block
    assert running() is None
    log = tmp_path / "growth-tracker.log"
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    assert "Traceback" not in text, text
