"""The local time zone: ``TZ`` if set, else the system's, as a zoneinfo zone when possible."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_timezone() -> dt.tzinfo:
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    try:
        timezone_file = Path("/etc/timezone").read_text().strip()
        if timezone_file:
            return ZoneInfo(timezone_file)
    except (OSError, ZoneInfoNotFoundError, ValueError):
        pass
    # Windows and unusual systems: follow the C library's idea of local time.
    return _SystemLocal()


class _SystemLocal(dt.tzinfo):
    """Local time as the C library sees it, DST included (fallback only)."""

    def utcoffset(self, d: dt.datetime | None) -> dt.timedelta:
        if d is None:
            return dt.timedelta(0)
        import time

        stamp = time.mktime((*d.timetuple()[:8], -1))
        return dt.timedelta(seconds=time.localtime(stamp).tm_gmtoff)

    def dst(self, d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, d: dt.datetime | None) -> str:
        import time

        return time.tzname[0]
