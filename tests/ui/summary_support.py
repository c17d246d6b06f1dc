"""Shared set-up for the summary tests: a real service on a temp database with a fake clock,
and a realistic month of blocks with Japanese labels (also used by the screenshot test)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import random
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.platform.paths import lock_path
from tracker.service import TrackerService
from tracker.store import Store

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")

TASKS = ("月次決算", "請求書チェック", "経費精算", "給与計算", "定例会議", "")
GROWTH = ("RPA 勉強", "Excel マクロで請求書チェックを自動化", "社内勉強会", "簿記2級")


def wait_charts(qtbot: Any, window: Any) -> None:
    """The charts are made on the event-loop turn after the first show, under a busy
    cursor (docs/architecture.md §12): wait for them."""
    charts = getattr(window, "charts", window)
    qtbot.waitUntil(lambda: charts.ready)


def local(tz: ZoneInfo, y: int, mo: int, d: int, h: int, mi: int = 0) -> int:
    return int(dt.datetime(y, mo, d, h, mi, tzinfo=tz).timestamp())


def make_service(
    tmp_path: Path, now: int, tz: ZoneInfo = TOKYO
) -> tuple[TrackerService, FakeClock]:
    db = tmp_path / "tracker.sqlite3"
    clock = FakeClock(now)
    return TrackerService(Store(db), clock, tz, lock_path(db)), clock


def reopen(service: TrackerService) -> TrackerService:
    """A second connection to the same file (as another process would have)."""
    return TrackerService(Store(service.store.path), service.clock, service.tz, service.lock_file)


# Friday 2024-06-14 16:40 in Tokyo: a week and more of history, a growth block running.
SHOT_NOW = local(TOKYO, 2024, 6, 14, 16, 40)


def seed_realistic(service: TrackerService, days: int = 30) -> None:
    """Working days of routine and growth blocks ending "now" with a running growth block."""
    with service.store.write():  # one transaction: fast set-up
        _seed_realistic(service, days)


def _seed_realistic(service: TrackerService, days: int) -> None:
    rng = random.Random(7)
    today = service.today()
    for back in range(days, 0, -1):
        day = today - dt.timedelta(days=back)
        if day.weekday() >= 5:
            continue
        _seed_day(service, day, rng, growth_share=rng.choice((0.0, 0.1, 0.18, 0.25, 0.3, 0.35)))
    tz = service.tz
    y, m, d = today.year, today.month, today.day
    plan = [
        (9, 0, 10, 30, Kind.TASK, "月次決算"),
        (10, 30, 11, 15, Kind.TASK, "請求書チェック"),
        (11, 15, 12, 0, Kind.GROWTH, "RPA 勉強"),
        (13, 0, 14, 40, Kind.TASK, "経費精算"),
        (14, 40, 15, 20, Kind.TASK, "定例会議"),
        (15, 20, 15, 50, Kind.TASK, ""),
    ]
    for h1, m1, h2, m2, kind, label in plan:
        service.add_block(kind, local(tz, y, m, d, h1, m1), local(tz, y, m, d, h2, m2), label)
    service.start(
        Kind.GROWTH, "Excel マクロで請求書チェックを自動化", at=local(tz, y, m, d, 15, 50)
    )
    service.set_day_note(
        today - dt.timedelta(days=1),
        "請求書チェックの手順を RPA で半分にできそう。来週、先輩に相談する。",
    )


def _seed_day(
    service: TrackerService, day: dt.date, rng: random.Random, growth_share: float
) -> None:
    tz = service.tz
    minute = 9 * 60 + rng.choice((0, 10, 20, 30))
    end = 18 * 60 + rng.choice((0, 15, 30, 45, 60, 90))
    growth_left = int((end - minute - 60) * growth_share)
    while minute < end:
        if 12 * 60 <= minute < 13 * 60:
            minute = 13 * 60
            continue
        length = rng.choice((30, 45, 60, 75, 90, 120))
        if growth_left > 20 and rng.random() < 0.45:
            kind, label = Kind.GROWTH, rng.choice(GROWTH)
            length = min(length, growth_left)
            growth_left -= length
        else:
            kind, label = Kind.TASK, rng.choice(TASKS)
        stop = min(minute + length, end, 12 * 60 if minute < 12 * 60 else end)
        service.add_block(
            kind,
            local(tz, day.year, day.month, day.day, minute // 60, minute % 60),
            local(tz, day.year, day.month, day.day, stop // 60, stop % 60),
            label,
        )
        minute = stop


def dark_palette() -> object:
    """A dark Fusion palette, as a dark desktop theme would give (offscreen has no theme)."""
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#202124"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#2a2b2e"),
        (roles.AlternateBase, "#323338"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#303134"),
        (roles.ButtonText, "#e8eaed"),
        (roles.Highlight, "#8ab4f8"),
        (roles.HighlightedText, "#202124"),
        (roles.PlaceholderText, "#9aa0a6"),
        (roles.Mid, "#5f6368"),
        (roles.Midlight, "#3c4043"),
        (roles.Light, "#505357"),
        (roles.Dark, "#17181a"),
        (roles.ToolTipBase, "#303134"),
        (roles.ToolTipText, "#e8eaed"),
    ):
        p.setColor(role, QColor(color))
    p.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#6f7378"))
    p.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#6f7378"))
    return p
