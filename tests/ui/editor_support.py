"""Fixtures and helpers shared by the Edit blocks window tests (tests/ui/test_editor*.py).

A real database in ``tmp_path``, a fake clock at 18:00 on Saturday 2026-11-28 in Tokyo
(day start 04:00).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex

from tracker.domain.clock import FakeClock
from tracker.domain.model import Block
from tracker.service import TrackerService
from tracker.store import Store

TZ = ZoneInfo("Asia/Tokyo")
DAY = dt.date(2026, 11, 28)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def at(hour: int, minute: int = 0, day: int = 28, second: int = 0) -> int:
    return int(dt.datetime(2026, 11, day, hour, minute, second, tzinfo=TZ).timestamp())


def open_test_service(path: Path) -> Iterator[TrackerService]:
    """For a ``service`` fixture: yields the service, closes the store afterwards."""
    store = Store(path)
    yield TrackerService(store, FakeClock(at(18)), TZ)
    store.close()


def db_blocks(service: TrackerService) -> list[Block]:
    """What the database holds, read afresh."""
    return service.store.all_blocks()


def cells(model: object, row: int) -> list[str]:
    from tracker.ui.editor.model import BlocksModel

    assert isinstance(model, BlocksModel)
    return [model.index(row, c).data() for c in range(model.columnCount(QModelIndex()))]


def table_text(model: object) -> list[list[str]]:
    from tracker.ui.editor.model import BlocksModel

    assert isinstance(model, BlocksModel)
    return [cells(model, r) for r in range(model.rowCount(QModelIndex()))]
