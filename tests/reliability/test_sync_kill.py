"""SIGKILL during sync writes (§16): a real process adds blocks and syncs in a loop and is
killed at random moments. Afterwards nothing recorded is lost, the next sync publishes what
the killed one did not, and another PC reading the folder finds no file that breaks it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.clock import SystemClock
from tracker.service import TrackerService
from tracker.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]

REPO = Path(__file__).resolve().parents[2]

# Adds one-minute blocks going back from a fixed past instant and syncs after each, forever.
WRITER = r"""
import sys
from pathlib import Path
from zoneinfo import ZoneInfo
from tracker.domain.clock import SystemClock
from tracker.domain.model import Kind
from tracker.service import TrackerService, ConflictError
from tracker.store import Store

db, folder = Path(sys.argv[1]), sys.argv[2]
svc = TrackerService(Store(db), SystemClock(), ZoneInfo("Asia/Tokyo"))
svc.set_setting("sync_folder", folder)
n = len(svc.store.all_blocks())
while True:
    start = 1_700_000_000 + n * 120
    try:
        svc.add_block(Kind.TASK if n % 2 else Kind.GROWTH, start, start + 60, f"b{n}")
    except ConflictError:
        pass
    n += 1
    svc.sync()
    print(n, flush=True)
"""


def _service(db: Path) -> TrackerService:
    return TrackerService(Store(db), SystemClock(), ZoneInfo("Asia/Tokyo"))


def test_sigkill_during_sync_writes_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    db = tmp_path / "office.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    rnd = random.Random(16)
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(folder)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # it has written at least once
        time.sleep(rnd.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.stderr is not None and "Traceback" not in proc.stderr.read()
    office = _service(db)
    laptop = _service(tmp_path / "laptop.sqlite3")
    try:
        office.sync()  # publishes whatever the killed runs left unpublished
        laptop.set_setting("sync_folder", str(folder))
        outcome = laptop.sync()
        assert outcome.unreadable == ()  # temp names are never read; batches are whole
        recorded = sorted((b.label, b.started_at, b.ended_at) for b in office.store.all_blocks())
        assert len(recorded) > 12
        merged = sorted(
            (b.label, b.started_at, b.ended_at) for b in laptop._whole_between(0, 2**62)
        )
        assert merged == recorded
        assert office.sync().published == 0  # and nothing is left pending
    finally:
        office.store.close()
        laptop.store.close()
