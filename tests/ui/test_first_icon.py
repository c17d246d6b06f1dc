"""The first icon's pieces that need no tray host (the start: tests/e2e/test_first_icon_e2e.py)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.quickstatus import tray_state
from tracker.service import open_service
from tracker.ui import common, first_icon


def test_the_first_icon_uses_the_apps_title() -> None:
    assert first_icon.APP_TITLE == common.APP_TITLE


def test_tray_state_is_what_the_app_shows(tmp_path: Path) -> None:
    """Kind, ratio to 3 decimals and target, as ``App.view`` and ``TrayController`` see
    them; None where only the service can tell (a recorded absence)."""
    db = tmp_path / "t.sqlite3"
    now = int(time.time())
    service = open_service(db, clock=FakeClock(now - 1800))
    try:
        service.start(Kind.TASK, "月次決算", source=Source.CLI)
        service.clock.advance(1200)  # type: ignore[attr-defined]
        service.start(Kind.GROWTH, "RPA", source=Source.CLI)
        status = service.status()
    finally:
        service.close()
    state = tray_state(str(db))
    assert state is not None
    kind, ratio, target = state
    assert kind == "growth"
    assert target == status.today.target
    assert ratio is not None and abs(ratio - 600 / 1800) < 0.01  # the growth block runs on
    assert ratio == round(ratio, 3)
    away = tmp_path / "away.sqlite3"
    shutil.copy(db, away)
    conn = sqlite3.connect(away, isolation_level=None)
    conn.execute("INSERT INTO settings (key, value) VALUES ('away_since', ?)", (str(now - 60),))
    conn.close()
    assert tray_state(str(away)) is None
