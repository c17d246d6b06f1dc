"""Helpers for the CSV tests: instants on known tracking days, the fields a round trip keeps."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tracker.domain.model import Block

TZ = ZoneInfo("Asia/Tokyo")


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> int:
    """An instant in 2023, Tokyo (the shared fake clock is 2023-11-15 09:00)."""
    return int(dt.datetime(2023, month, day, hour, minute, tzinfo=TZ).timestamp())


def content(blocks: list[Block]) -> list[tuple[object, ...]]:
    """What an export + import must keep: id, kind, label, note, start, end."""
    return [(b.id, b.kind, b.label, b.note, b.started_at, b.ended_at) for b in blocks]
