"""Tray benchmarks on a real X server (Xvfb) with a real tray host (trayer).

Every figure has a bare PySide6 tray icon (bench/bare_tray.py) as its floor, measured in
the same session:

* cold start: process start → 'ready': the icon docked in trayer and painted there (the
  first expose of Qt's XEMBED icon window, then its paint: ``tracker.ui.docked``, for
  both), runs interleaved;
* idle: RSS (/proc/<pid>/status VmRSS, sampled every second) and CPU (/proc/<pid>/stat
  schedstat, ns) of the tray while a block runs and nobody touches it, in several windows
  (the median is the figure: one window catches the minute timer or not); the app, the
  bare tray and a second app whose sync folder is set (its CPU: issue 16) run side by side
  through the same windows;
* click → icon repainted: an XTest click on the docked icon (what xdotool sends) until the
  icon window's pixels on the X server change (XGetImage every ~1 ms), clicks alternating
  between the app and the bare tray.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bench.common import PY, ROOT, Figure, cpu_seconds_fine, isolated_env, rss_mb
from bench.xpixels import XDisplay

sys.path.insert(0, str(ROOT / "tests" / "e2e"))
import xenv

APP = [PY, "-m", "tracker"]
BARE = [PY, str(ROOT / "bench" / "bare_tray.py")]
SETTLE_S = 5.0  # after 'ready': away monitor (1 s) and daily backup (2 s) are done


@contextmanager
def x_session(work: Path) -> Iterator[dict[str, str]]:
    """Xvfb + trayer; yields the environment for tray apps on that display."""
    missing = xenv.missing_tools()
    if missing:
        raise RuntimeError(f"missing tools {missing}; run scripts/install-system-deps.sh")
    server = xenv.start_xvfb()
    try:
        tray = xenv.start_trayer(server.env, log_path=work / "trayer.log")
        try:
            env = isolated_env(work, server.env, GROWTH_TRACKER_PRINT_READY="1")
            yield env
        finally:
            tray.stop()
    finally:
        server.stop()


class Launch:
    """A tray process started now; ``wait_ready`` returns seconds from start to 'ready'."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.t0 = time.time()
        self.proc = subprocess.Popen(
            list(argv),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ready(self, timeout: float = 20.0) -> float:
        assert self.proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        buf = b""
        try:
            while time.monotonic() < deadline:
                if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
                    continue
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                buf += chunk
                for line in buf.decode(errors="replace").splitlines():
                    if line.startswith("ready "):
                        return float(line.split()[1]) - self.t0
        finally:
            sel.close()
        self.stop()
        err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
        raise RuntimeError(f"{self.proc.args} never said ready; output {buf!r}\n{err}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def _app_argv(db: Path) -> list[str]:
    return [*APP, "--db", str(db)]


def check_icon_docks(env: dict[str, str], db: Path) -> None:
    """Once, untimed: the 'ready' line really comes with an icon docked in trayer."""
    launch = Launch(_app_argv(db), env)
    try:
        launch.wait_ready()
        xenv.find_tray_icon_window(env, timeout=10.0, pid=launch.pid)
    finally:
        launch.stop()


def cold_start(env: dict[str, str], db: Path, runs: int) -> list[Figure]:
    check_icon_docks(env, db)  # also warms the page cache, as a second login would
    Launch(BARE, env).stop()
    app: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        for argv, out in ((_app_argv(db), app), (BARE, bare)):
            launch = Launch(argv, env)
            try:
                out.append(launch.wait_ready())
            finally:
                launch.stop()
    floor = Figure(
        "bare PySide6 tray: start → icon docked and painted (floor)",
        bare,
        "s",
        None,
        short="bare tray",
    )
    return [
        Figure(
            "tray start → icon docked and painted in trayer (process start → icon window exposed)",
            app,
            "s",
            0.4,
            floor=floor,
            goal=1.5,
            goal_ratio=True,
        ),
        floor,
    ]


def _per_minute(cpu: tuple[float, float], t: tuple[float, float]) -> float:
    return (cpu[1] - cpu[0]) * 60.0 / (t[1] - t[0])


def idle(
    app: Launch, bare: Launch, windows: int, window_s: float, synced: Launch | None = None
) -> tuple[list[Figure], list[str]]:
    """RSS and CPU of the app and the bare tray, side by side, ``windows`` × ``window_s``;
    with ``synced``, also the CPU of a tray whose sync folder is set (issue 16), alongside."""
    rss: dict[int, list[float]] = {app.pid: [], bare.pid: []}
    cpu: dict[int, list[float]] = {app.pid: [], bare.pid: []}
    if synced is not None:
        rss[synced.pid] = []
        cpu[synced.pid] = []
    for _ in range(windows):
        t0 = time.monotonic()
        c0 = {pid: cpu_seconds_fine(pid) for pid in rss}
        end = t0 + window_s
        while True:
            for pid, out in rss.items():
                out.append(rss_mb(pid))
            now = time.monotonic()
            if now >= end:
                break
            time.sleep(min(1.0, end - now))
        t1 = time.monotonic()
        for pid in rss:
            cpu[pid].append(_per_minute((c0[pid], cpu_seconds_fine(pid)), (t0, t1)))
        for launch in (app, bare, *([synced] if synced is not None else [])):
            if launch.proc.poll() is not None:
                raise RuntimeError(f"{launch.proc.args} exited during the idle measurement")
    span = f"{windows} × {window_s:g} s"
    rss_floor = Figure(
        "bare PySide6 tray: RSS idle (floor)", rss[bare.pid], "MB", None, short="bare tray"
    )
    cpu_floor = Figure(
        f"bare PySide6 tray: CPU idle, median of {span} (floor)",
        cpu[bare.pid],
        "s/min",
        None,
        short="bare tray",
    )
    figures = [
        Figure(
            f"RSS in the tray, idle, tracking (sampled each second over {span})",
            rss[app.pid],
            "MB",
            80,
            judge="max",
            floor=rss_floor,
            goal=65,
        ),
        rss_floor,
        Figure(
            f"CPU in the tray, idle, tracking (median of {span})",
            cpu[app.pid],
            "s/min",
            0.2,
            floor=cpu_floor,
            goal=0.06,
        ),
        cpu_floor,
    ]
    each = ", ".join(f"{v:.3f}" for v in cpu[app.pid])
    floor_each = ", ".join(f"{v:.3f}" for v in cpu[bare.pid])
    line = f"Idle CPU per {window_s:g} s window (s/min): tray {each}; bare tray {floor_each}"
    if synced is not None:
        figures.append(
            Figure(
                f"CPU in the tray, idle, tracking, sync on (a sync folder set; median of {span})",
                cpu[synced.pid],
                "s/min",
                0.06,
                floor=cpu_floor,
            )
        )
        line += "; tray with sync on " + ", ".join(f"{v:.3f}" for v in cpu[synced.pid])
    return figures, [line + "."]


def clicks(
    env: dict[str, str], app: Launch, bare: Launch, db: Path, count: int
) -> tuple[list[Figure], list[str]]:
    """Click → icon repainted for the app (a toggle) and the bare tray (a colour swap)."""
    icons = {
        launch.pid: xenv.find_tray_icon_window(env, timeout=10.0, pid=launch.pid)
        for launch in (app, bare)
    }
    latency: dict[int, list[float]] = {app.pid: [], bare.pid: []}
    missed: dict[int, int] = {app.pid: 0, bare.pid: 0}
    with XDisplay(env["DISPLAY"]) as x:
        for _ in range(count):
            for launch in (app, bare):
                icon = icons[launch.pid]
                time.sleep(0.7)  # apart from the last click (no double click) and settled
                before = x.grab(icon.wid, icon.width, icon.height)
                if not before:
                    raise RuntimeError(f"cannot read the pixels of tray icon {icon.wid:#x}")
                t0 = x.click(*icon.center)
                t1 = x.wait_change(icon.wid, icon.width, icon.height, before)
                if t1 is None:
                    missed[launch.pid] += 1
                else:
                    latency[launch.pid].append((t1 - t0) * 1000)
    after_rss = rss_mb(app.pid)
    state = subprocess.run(
        [*APP, "--db", str(db), "status", "--json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    kind = (json.loads(state)["running"] or {}).get("kind")
    expected = "growth" if count % 2 == 0 else "task"  # a growth block ran before the clicks
    if missed[app.pid] or missed[bare.pid] or kind != expected:
        raise RuntimeError(
            f"clicks without a repaint: app {missed[app.pid]}, bare {missed[bare.pid]}; "
            f"after {count} toggles from growth the app tracks {kind!r}, not {expected!r}"
        )
    floor = Figure(
        "bare PySide6 tray: click → icon repainted (floor)",
        latency[bare.pid],
        "ms",
        None,
        short="bare tray",
    )
    figures = [
        Figure(
            "click → icon repainted (XTest click on the docked icon → its pixels change)",
            latency[app.pid],
            "ms",
            None,
            floor=floor,
            goal=50,
        ),
        floor,
        Figure(
            f"RSS in the tray after start, idle and {count} clicks",
            [after_rss],
            "MB",
            80,
            judge="max",
            goal=65,
        ),
    ]
    return figures, []


def run(
    work: Path, big_db: Path, runs: int, windows: int, window_s: float, click_count: int
) -> tuple[list[Figure], list[str]]:
    db = work / "tray" / "growth-tracker.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(big_db, db)
    with x_session(work) as env:
        figures = cold_start(env, db, runs)
        subprocess.run(
            [*APP, "--db", str(db), "start", "growth", "RPA 勉強"],
            env=env,
            check=True,
            capture_output=True,
        )
        synced_db = work / "tray-sync" / "growth-tracker.sqlite3"
        synced_db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(big_db, synced_db)
        folder = work / "tray-sync" / "sync-folder"
        folder.mkdir()
        for args in (("config", "sync_folder", str(folder)), ("start", "growth", "RPA 勉強")):
            subprocess.run(
                [*APP, "--db", str(synced_db), *args], env=env, check=True, capture_output=True
            )
        app = Launch(_app_argv(db), env)
        bare = Launch(BARE, env)
        synced = Launch(_app_argv(synced_db), env)
        try:
            app.wait_ready()
            bare.wait_ready()
            synced.wait_ready()
            time.sleep(SETTLE_S)
            got, notes = idle(app, bare, windows, window_s, synced)
            figures += got
            got, more = clicks(env, app, bare, db, click_count)
            figures += got
            notes += more
        finally:
            app.stop()
            bare.stop()
            synced.stop()
    return figures, notes
