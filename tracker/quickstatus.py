"""``growth-tracker status`` on a fast path: what status bars run every few seconds.

``status``, ``status --format TEMPLATE`` and ``status --waybar [--format TEMPLATE]`` (with
``--db`` anywhere) are answered here with ``sqlite3``, the figures of
``tracker.domain.figures`` and the rendering of ``tracker.statusline``: no service, no
store, no domain classes, no ``typing`` (docs/architecture.md §9). The output is the full
command's, byte for byte; ``run`` hands over (returns None, having printed nothing) to the
full CLI whenever the case needs its judgement or its messages: another command line, a
file that is missing, foreign, damaged or not migrated, a running block the tray may have
left behind (its heartbeat older than a minute), or a pending question about time away.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from bisect import bisect_right

from tracker.domain.figures import (
    DEFAULT_DAY_START,
    DEFAULT_TARGET,
    day_bounds,
    meets,
    ratio_of,
    tracking_day,
)
from tracker.platform.tz import local_timezone
from tracker.store.peek import BlockRow, open_peek

TYPE_CHECKING = False  # typing costs status milliseconds; mypy reads the name
if TYPE_CHECKING:
    from typing import TextIO

ENV_DB = "GROWTH_TRACKER_DB"
# Younger than any stale block (service.model.STALE_AFTER_S, three heartbeats): a block
# the tray touched within the last minute cannot be stale, so no lock check is needed.
FRESH_S = 60


class _Kind:
    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value


class _Running:
    __slots__ = ("id", "kind", "label", "last_seen_at", "started_at")

    def __init__(self, row: BlockRow) -> None:
        self.id, kind, self.label, self.started_at, _, self.last_seen_at = row
        self.kind = _Kind(kind)


class _Day:
    __slots__ = ("growth_s", "target", "task_s")

    def __init__(self, task_s: int, growth_s: int, target: float) -> None:
        self.task_s, self.growth_s, self.target = task_s, growth_s, target

    @property
    def ratio(self) -> float | None:
        return ratio_of(self.task_s, self.growth_s)

    @property
    def met(self) -> bool | None:
        return None if self.ratio is None else meets(self.task_s, self.growth_s, self.target)


class _Status:
    __slots__ = ("elapsed_s", "running", "stale", "today")

    def __init__(self, running: _Running | None, today: _Day, now: int) -> None:
        self.running, self.today, self.stale = running, today, False
        self.elapsed_s = 0 if running is None else max(now, running.started_at) - running.started_at


class _Service:
    """What the rendering asks of a service: the zone, and nobody away (else: full path)."""

    __slots__ = ("tz",)

    def __init__(self, tz: dt.tzinfo) -> None:
        self.tz = tz

    def away_since(self) -> int | None:
        return None


def _words(argv: list[str]) -> tuple[str | None, str | None, bool] | None:
    """(--db, --format, --waybar) of a plain ``status`` command line; None for anything else."""
    db: str | None = None
    template: str | None = None
    waybar = False
    command = False
    i = 0
    while i < len(argv):
        word = argv[i]
        name, eq, value = word.partition("=")
        if name in ("--db", "--format") and word.startswith("--"):
            if not eq:
                if i + 1 >= len(argv):
                    return None
                i += 1
                value = argv[i]
            if not value or value.startswith("-") or any("\udc80" <= c <= "\udcff" for c in value):
                return None
            if name == "--db":
                if db is not None:
                    return None
                db = value
            else:
                if not command or template is not None:
                    return None
                template = value
        elif word == "--waybar" and command and not waybar:
            waybar = True
        elif word == "status" and not command:
            command = True
        else:
            return None
        i += 1
    if not command:
        return None
    return db, template, waybar


def _known_template(template: str) -> bool:
    """A template the bar can render; else the full CLI says why (exit 2)."""
    from tracker import statusline

    try:
        statusline.parse_template(template)
    except Exception:
        return False
    return True


def _database(option: str | None) -> str | None:
    if option:
        return os.path.expanduser(option)
    env = os.environ.get(ENV_DB)
    if env is not None:
        return os.path.expanduser(env) if env else None  # empty: the full CLI refuses it
    from tracker.platform.paths import database_path

    return str(database_path())


def _targets_for(day: dt.date, changes: list[tuple[str, float]]) -> float:
    """``TargetHistory.for_day``: the last change on or before ``day``."""
    i = bisect_right([d for d, _ in changes], day.isoformat())  # ISO dates sort as dates
    return DEFAULT_TARGET if i == 0 else changes[i - 1][1]


def status_text(
    path: str, template: str | None, waybar: bool, now: int, tz: dt.tzinfo
) -> str | None:
    """What ``status`` prints for the database at ``path`` at ``now``, or None to hand over."""
    status = today_status(path, now, tz)
    if status is None:
        return None
    from tracker import statusline  # not for the tray's first icon (today_status)

    service = _Service(tz)
    if waybar:
        return statusline.waybar(service, status, template)
    if template is not None:
        return statusline.render(template, status)
    return statusline.plain(service, status)


def today_status(path: str, now: int, tz: dt.tzinfo) -> _Status | None:
    """The running block and today's figures at ``now`` as the service would report them,
    or None where only the full path can tell (also what the tray paints first, §9)."""
    peek = open_peek(path)
    if peek is None:
        return None
    try:
        settings = peek.settings()
        raw = settings.get("day_start")
        day_start = int(raw) if raw is not None and raw.isdigit() else DEFAULT_DAY_START
        if not 0 <= day_start <= 23:
            return None
        if settings.get("away_since", "").lstrip("-").isdigit():
            return None  # perhaps away: the full service decides what to say
        if settings.get("sync_folder") or peek.has_merged():
            return None  # synced: other PCs' blocks count (once), the full path merges them
        row = peek.running()
        running = None if row is None else _Running(row)
        seen = None if running is None else running.last_seen_at
        if seen is not None and now - seen > FRESH_S:
            return None  # perhaps stale: the full path checks the tray's lock
        today = tracking_day(now, tz, day_start)
        start, end = day_bounds(today, tz, day_start)
        task = growth = 0
        for _, kind, _, began, ended, _ in peek.blocks_between(start, end):
            stop = ended if ended is not None else max(now, began)
            seconds = min(stop, end) - max(began, start)
            if seconds <= 0:
                continue
            if kind == "growth":
                growth += seconds
            else:
                task += seconds
        day = _Day(task, growth, _targets_for(today, peek.targets()))
    finally:
        peek.close()
    return _Status(running, day, now)


def tray_state(path: str) -> tuple[str, float | None, float] | None:
    """What the tray's first icon shows now (docs/architecture.md §9): ("idle", "task" or
    "growth", today's ratio to 3 decimals or None, the target); None where only the full
    path can tell. ``tracker.entry`` hands it to the tray (the UI imports no front end)."""
    status = today_status(path, int(time.time()), local_timezone())
    if status is None:
        return None
    running = status.running
    kind = "idle" if running is None else running.kind.value
    ratio = status.today.ratio
    return kind, None if ratio is None else round(ratio, 3), status.today.target


def run(argv: list[str]) -> int | None:
    """Answer ``status`` and return its exit code, or None (nothing printed) to hand over."""
    words = _words(argv)
    if words is None:
        return None
    option, template, waybar = words
    if template is not None and not _known_template(template):
        return None
    try:
        path = _database(option)
        if path is None:
            return None
        text = status_text(path, template, waybar, int(time.time()), local_timezone())
    except Exception:  # whatever it is, the full path meets it again and explains it
        return None
    if text is None:
        return None
    return _print(text, sys.stdout)


def _print(text: str, stream: TextIO) -> int | None:
    """Print ``text`` and a newline: 0; None (nothing printed) when ``stream``'s encoding
    cannot hold it, so the full path meets that and explains it."""
    try:
        text.encode(stream.encoding or "utf-8")
    except (UnicodeError, LookupError, AttributeError):
        return None
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:  # as the full CLI: the reader went away (``| head``)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    return 0
