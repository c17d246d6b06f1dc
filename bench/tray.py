"""Tray benchmarks on a real X server (Xvfb) with a real tray host (trayer).

* cold start: process start → 'ready' (icon shown, database open), against a bare
  PySide6 tray icon (bench/bare_tray.py) measured in the same session, runs interleaved;
* idle: RSS (/proc/<pid>/status VmRSS) and CPU (/proc/<pid>/stat utime + stime) of the
  tray while a block runs and nobody touches it.
"""

from __future__ import annotations

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

from bench.common import PY, ROOT, Figure, cpu_seconds, isolated_env, rss_mb

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
    ratio = [a / b for a, b in zip(app, bare, strict=True)]
    from statistics import median

    return [
        Figure(
            "cold start → icon shown, DB open", app, "s", 0.4, f"(bare tray {median(bare):.3f} s)"
        ),
        Figure("cold start, bare PySide6 tray (floor)", bare, "s", None),
        Figure("cold start ratio app / bare tray", ratio, "×", None),
    ]


def idle(env: dict[str, str], db: Path, seconds: float) -> list[Figure]:
    """RSS and CPU of the tray while a growth block runs and nothing else happens."""
    subprocess.run(
        [*APP, "--db", str(db), "start", "growth", "RPA 勉強"],
        env=env,
        check=True,
        capture_output=True,
    )
    launch = Launch(_app_argv(db), env)
    try:
        launch.wait_ready()
        time.sleep(SETTLE_S)
        pid = launch.pid
        rss: list[float] = []
        cpu0, t0 = cpu_seconds(pid), time.monotonic()
        end = t0 + seconds
        while True:
            rss.append(rss_mb(pid))
            now = time.monotonic()
            if now >= end:
                break
            time.sleep(min(1.0, end - now))
        cpu1, t1 = cpu_seconds(pid), time.monotonic()
        if launch.proc.poll() is not None:
            raise RuntimeError("the tray exited during the idle measurement")
    finally:
        launch.stop()
    per_minute = (cpu1 - cpu0) * 60.0 / (t1 - t0)
    span = f"over {t1 - t0:.0f} s"
    return [
        Figure("RSS idle in the tray, tracking", rss, "MB", 80, span, judge="max"),
        Figure("CPU idle in the tray, tracking", [per_minute], "s/min", 0.2, span),
    ]


def run(work: Path, big_db: Path, runs: int, idle_s: float) -> list[Figure]:
    db = work / "tray" / "growth-tracker.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(big_db, db)
    with x_session(work) as env:
        figures = cold_start(env, db, runs)
        figures += idle(env, db, idle_s)
    return figures
