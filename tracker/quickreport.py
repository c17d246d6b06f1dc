"""``growth-tracker report`` on a fast path, as ``status`` has one (``tracker.quickstatus``).

``report`` with ``--date``, ``--from``, ``--to`` (days as ``YYYY-MM-DD``, ``today`` or
``yesterday``), ``--json`` and ``--db`` is answered here with ``sqlite3`` through
``store.peek`` and the figures of ``tracker.domain.figures``: the days are summed by the
store's own SQL (``peek.DAY_TOTALS_SQL``), with no service, store, argparse or domain
classes imported (docs/architecture.md §9). The output is the full command's, byte for
byte. ``run`` hands over (returns None, having printed nothing) whenever the case needs the
full CLI: another command line, a day it would refuse or explain, a file that is missing,
foreign, damaged or not migrated, or sync (a sync folder set, or other PCs' blocks merged
in: those are counted once across PCs by the full path).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time

from tracker.domain.figures import (
    DEFAULT_DAY_START,
    DEFAULT_TARGET,
    REPORT_DAYS_MAX,
    day_start_instant,
    hm,
    meets,
    ratio_of,
    report_days,
    tracking_day,
)
from tracker.platform.tz import local_timezone
from tracker.quickstatus import _database, _print
from tracker.statusline import pct
from tracker.store.peek import open_peek

# domain.model's FIRST_YEAR and LAST_YEAR (a test keeps them equal): a day outside is
# refused by the full path, in its words.
FIRST_YEAR = 1971
LAST_YEAR = 2999
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_OPTIONS = ("--db", "--date", "--from", "--to")

Words = tuple[str | None, str | None, str | None, str | None, bool]


def _words(argv: list[str]) -> Words | None:
    """(--db, --date, --from, --to, --json) of a plain ``report`` line; None for anything else."""
    values: dict[str, str] = {}
    as_json = False
    command = False
    i = 0
    while i < len(argv):
        word = argv[i]
        name, eq, value = word.partition("=")
        if name in _OPTIONS:
            if not eq:
                if i + 1 >= len(argv):
                    return None
                i += 1
                value = argv[i]
            if (
                name in values
                or (name != "--db" and not command)
                or not value
                or value.startswith("-")
                or any("\udc80" <= c <= "\udcff" for c in value)
            ):
                return None
            values[name] = value
        elif word == "--json" and command and not as_json:
            as_json = True
        elif word == "report" and not command:
            command = True
        else:
            return None
        i += 1
    if not command:
        return None
    get = values.get
    return get("--db"), get("--date"), get("--from"), get("--to"), as_json


def _day(text: str | None, today: dt.date) -> dt.date | None:
    """``timeparse.parse_day`` for the days it accepts; ValueError for the rest (handed over)."""
    if text is None:
        return None
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    if not _DATE.match(value):
        raise ValueError(text)
    day = dt.date.fromisoformat(value)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(text)
    return day


def _span(
    today: dt.date, date: str | None, from_day: str | None, to_day: str | None
) -> tuple[dt.date, dt.date]:
    """``cli.output._range``; ValueError where that raises (the full path says why)."""
    if date is not None:
        if from_day is not None or to_day is not None:
            raise ValueError("--date with a range")
        day = _day(date, today)
        assert day is not None
        return day, day
    first, last = report_days(_day(from_day, today), _day(to_day, today), today)
    if last < first or (last - first).days > REPORT_DAYS_MAX:
        raise ValueError("range")
    return first, last


def report_text(
    path: str,
    date: str | None,
    from_day: str | None,
    to_day: str | None,
    as_json: bool,
    now: int,
    tz: dt.tzinfo,
) -> str | None:
    """What ``report`` prints for the database at ``path`` at ``now``, or None to hand over."""
    peek = open_peek(path)
    if peek is None:
        return None
    try:
        settings = peek.settings()
        if settings.get("sync_folder") or peek.has_merged():
            return None  # synced: other PCs' blocks count (once), the full path merges them
        raw = settings.get("day_start")
        day_start = int(raw) if raw is not None and raw.isdigit() else DEFAULT_DAY_START
        if not 0 <= day_start <= 23:
            return None
        try:
            first, last = _span(tracking_day(now, tz, day_start), date, from_day, to_day)
        except ValueError:
            return None
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        edges = [day_start_instant(d, tz, day_start) for d in days]
        edges.append(day_start_instant(last + dt.timedelta(days=1), tz, day_start))
        found = peek.day_totals("[" + ",".join(map(str, edges)) + "]", now)
        changes = [(dt.date.fromisoformat(d), t) for d, t in peek.target_rows()]
    finally:
        peek.close()
    return _render(days, found, changes, as_json)


def _render(
    days: list[dt.date],
    found: dict[int, tuple[int, int]],
    changes: list[tuple[dt.date, float]],
    as_json: bool,
) -> str:
    """``cli.commands.cmd_report``'s output (without the final newline)."""
    rows: list[tuple[dt.date, int, int, float]] = []
    k, target = 0, DEFAULT_TARGET
    for i, day in enumerate(days):  # TargetHistory.for_day, walking forward
        while k < len(changes) and changes[k][0] <= day:
            target = changes[k][1]
            k += 1
        task, growth = found.get(i, (0, 0))
        rows.append((day, task, growth, target))
    task_total = sum(r[1] for r in rows)
    growth_total = sum(r[2] for r in rows)
    if as_json:
        import json

        out = {
            "days": [
                {
                    "date": day.isoformat(),
                    "task_s": task,
                    "growth_s": growth,
                    "ratio": ratio_of(task, growth),
                    "target": target,
                    "met": None if ratio_of(task, growth) is None else meets(task, growth, target),
                }
                for day, task, growth, target in rows
            ],
            "total": {
                "task_s": task_total,
                "growth_s": growth_total,
                "ratio": ratio_of(task_total, growth_total),
            },
        }
        return json.dumps(out)
    lines = [f"{'date':<10}  {'task':>6}  {'growth':>6}  {'ratio':>5}  {'target':>6}  met"]
    for day, task, growth, target in rows:
        ratio = ratio_of(task, growth)
        met = "" if ratio is None else ("yes" if meets(task, growth, target) else "no")
        lines.append(
            f"{day}  {hm(task):>6}  {hm(growth):>6}  {pct(ratio, target):>5}  "
            f"{pct(target, target):>6}  {met}"
        )
    if len(rows) > 1:
        ratio = ratio_of(task_total, growth_total)
        lines.append(f"{'total':<10}  {hm(task_total):>6}  {hm(growth_total):>6}  {pct(ratio):>5}")
    return "\n".join(lines)


def run(argv: list[str]) -> int | None:
    """Answer ``report`` and return its exit code, or None (nothing printed) to hand over."""
    words = _words(argv)
    if words is None:
        return None
    option, date, from_day, to_day, as_json = words
    try:
        path = _database(option)
        if path is None:
            return None
        text = report_text(
            path, date, from_day, to_day, as_json, int(time.time()), local_timezone()
        )
    except Exception:  # whatever it is, the full path meets it again and explains it
        return None
    if text is None:
        return None
    return _print(text, sys.stdout)
