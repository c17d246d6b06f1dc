"""Shared set-up for the tray tests: a real service on a temp database with a fake clock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.domain.clock import FakeClock
from tracker.platform.paths import lock_path
from tracker.service import TrackerService
from tracker.store import Store

TOKYO = ZoneInfo("Asia/Tokyo")
# 2023-11-15 09:00 in Tokyo: well inside one tracking day (day start 04:00).
MORNING = 1_700_006_400


def make_service(tmp_path: Path, start: int = MORNING) -> tuple[TrackerService, FakeClock]:
    db = tmp_path / "tracker.sqlite3"
    clock = FakeClock(start)
    return TrackerService(Store(db), clock, TOKYO, lock_path(db)), clock


def open_again(service: TrackerService, clock: FakeClock) -> TrackerService:
    """A second connection to the same file (another process, as the CLI would be)."""
    return TrackerService(Store(service.store.path), clock, TOKYO, service.lock_file)
