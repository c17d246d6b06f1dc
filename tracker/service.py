"""Use cases shared by the CLI and the tray, so the two can never behave differently.

Every instant comes from the injected clock. Closing or starting "now" never goes before
what the database already knows, so a clock that jumps backwards cannot produce negative
or overlapping blocks; it can only make a block shorter.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.domain import timeparse
from tracker.domain.clock import Clock
from tracker.domain.days import DayGrid, tracking_day
from tracker.domain.model import (
    Block,
    Kind,
    Source,
    TrackerError,
    ValidationError,
    check_span,
    clean_label,
    clean_note,
)
from tracker.domain.settings import SETTINGS, format_setting, parse_setting
from tracker.domain.stats import (
    DaySummary,
    Hotspot,
    TargetHistory,
    Totals,
    hotspots,
    streak,
    streak_through,
    summarize_days,
    totals,
)
from tracker.domain.summary import (
    RangeKind,
    SummaryData,
    build_summary,
    span_needed,
    trend_span,
)
from tracker.platform.instance import tray_running
from tracker.platform.paths import DB_NAME, lock_path, log_path
from tracker.platform.tz import local_timezone
from tracker.store import BackupError, ConflictError, NotFoundError, StorageError, Store

if TYPE_CHECKING:
    from tracker.domain.reminders import Due, Reminder
    from tracker.io.csvformat import Problems
    from tracker.io.export import ExportOptions, ExportResult, Progress
    from tracker.store.staging import Staging

_T = TypeVar("_T")

HEARTBEAT_S = 60
STALE_AFTER_S = 3 * HEARTBEAT_S


class NothingRunningError(TrackerError):
    pass


class RecoveryNeededError(TrackerError):
    """A block a crashed tray left running: only the user (or the tray's dialog) ends it."""


class PendingWriteError(TrackerError):
    """A tray action could not be saved yet; it is kept and retried (``retry_pending``)."""


@dataclass(frozen=True, slots=True)
class PendingAction:
    """A tray start / switch / stop that the file refused (read-only, disk full): its
    instant is kept, so written later it still says when the person clicked."""

    op: str  # "start", "switch" or "stop"
    at: int
    kind: Kind | None = None
    label: str | None = None


class RecoveryChoice(enum.Enum):
    END_AT_HEARTBEAT = "heartbeat"
    KEEP = "keep"
    END_NOW = "now"


class AwayChoice(enum.Enum):
    """What the away span was (see ``TrackerService.resolve_away``)."""

    DISCARD = "discard"
    KEEP_AS_TASK = "task"
    KEEP_AS_GROWTH = "growth"
    STOP = "stop"


@dataclass(frozen=True, slots=True)
class AwayOutcome:
    """The blocks after an away choice; None where a block was not made (or was empty)."""

    ended: Block | None
    away: Block | None
    resumed: Block | None


AWAY_KEY = "away_since"  # internal setting: unix seconds, or "" when nobody is away


@dataclass(frozen=True, slots=True)
class Status:
    now: int
    running: Block | None
    today: DaySummary
    stale: bool

    @property
    def elapsed_s(self) -> int:
        return self.running.duration(self.now) if self.running else 0


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """How a CSV import went: blocks added, already there, and running rows skipped."""

    imported: int
    already_there: int
    running_skipped: int


@dataclass(frozen=True, slots=True)
class Report:
    days: list[DaySummary]
    total: Totals


def traces(path: Path) -> list[Path]:
    """Files that show a database was used at ``path``, besides its backups and its
    ``-wal``/``-shm``: the log, where the folder is the app's own (the default place; a
    log elsewhere may belong to another database in its folder). Not the tray's lock
    file: the tray makes it before it opens the database."""
    return [log_path(path)] if path.name == DB_NAME else []


def open_service(path: Path, clock: Clock | None = None, backup: bool = False) -> TrackerService:
    """Open the database at ``path`` and the service over it (local time zone, real clock).

    ``backup``: make today's backup first if there is none yet; one that cannot be made
    is skipped (``take_backup_note`` says why) and never stands in the way of the work.
    """
    from tracker.domain.clock import SystemClock

    store = Store(path, traces(path))
    service = TrackerService(store, clock or SystemClock(), local_timezone(), lock_path(path))
    if backup:
        service.daily_backup()
    return service


class TrackerService:
    def __init__(
        self, store: Store, clock: Clock, tz: dt.tzinfo, lock_file: Path | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz
        self.lock_file = lock_file
        self._pending: list[PendingAction] = []
        # the block the last kept action started: a click in its second must not drop it
        self._kept_start: int | None = None
        self._backup_note: TrackerError | None = None
        self._backup_noted: dt.date | None = None  # the day a skipped backup was told
        self._moved_seen: object = None  # the replacing file that could not be opened

    def reopened(self) -> TrackerService:
        """The same database, clock and time zone on a connection of its own.

        A sqlite3 connection belongs to the thread that opened it: a worker thread (a long
        export or import in the tray app) calls this on its own thread and closes the new
        service's store when done. Opening an existing database costs about a millisecond.
        """
        return TrackerService(Store(self.store.path), self.clock, self.tz, self.lock_file)

    # -- settings -----------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        stored = self.store.settings()
        values: dict[str, Any] = {}
        for key, spec in SETTINGS.items():
            raw = stored.get(key)
            try:
                values[key] = spec.parse(raw) if raw is not None else spec.default
            except ValidationError:
                values[key] = spec.default
        values["target"] = self.store.target_history().for_day(self.today())
        return values

    def setting(self, key: str) -> Any:
        if key not in SETTINGS:
            parse_setting(key, "")  # raises the "unknown setting" message
        return self.settings()[key]

    def setting_text(self, key: str) -> str:
        return format_setting(key, self.setting(key))

    def set_setting(self, key: str, text: str) -> None:
        value = parse_setting(key, text)
        if key == "target":
            self.store.set_target(self.today(), value)
            return
        if key == "start_at_login":  # the system first: a failure leaves the setting as it was
            from tracker.platform import autostart  # plistlib etc.: only when needed

            autostart.apply(format_setting(key, value), db=self.store.path)
        self.store.set_setting(key, format_setting(key, value))

    def sync_autostart(self) -> None:
        """At tray start: keep the login entry and the setting telling the same story.

        An entry removed elsewhere (the desktop's start-up settings) turns the setting off;
        one that is still there is rewritten, so a moved app starts from its new place.
        """
        if self.setting("start_at_login") != "on":
            return
        from tracker.platform import autostart

        if autostart.for_this_system().enabled():
            autostart.apply("on", db=self.store.path)
        else:
            self.store.set_setting("start_at_login", "off")

    @property
    def day_start(self) -> int:
        raw = self.store.settings().get("day_start")
        return int(raw) if raw is not None and raw.isdigit() else int(SETTINGS["day_start"].default)

    def today(self) -> dt.date:
        return tracking_day(self.clock.now(), self.tz, self.day_start)

    def target_for(self, day: dt.date) -> float:
        return self.store.target_history().for_day(day)

    # -- parsing shared by every front end ---------------------------------------------

    def parse_time(self, text: str) -> int:
        return timeparse.parse_time(text, self.clock.now(), self.tz, self.day_start)

    def parse_day(self, text: str) -> dt.date:
        return timeparse.parse_day(text, self.clock.now(), self.tz, self.day_start)

    def iso(self, instant: int) -> str:
        return timeparse.iso_local(instant, self.tz)

    def describe(self, block: Block) -> str:
        """How a person recognises a block: id, kind, label and its times."""
        return timeparse.describe_block(block, self.tz)

    def _explain(self, exc: ConflictError) -> ConflictError:
        if exc.other is None:
            return exc
        other = exc.other
        if exc.code == "conflict_running":
            return ConflictError(
                f"{self.describe(other)} is still running; stop it first",
                other,
                code="conflict_running",
                params={"block": other},
            )
        return ConflictError(
            f"that would overlap {self.describe(other)}; pick times outside it",
            other,
            code="overlap",
            params={"block": other},
        )

    def daily_backup(self) -> Path | None:
        """Today's backup, if none exists yet. One that cannot be made (a full disk) is
        skipped, never in the way of the work; the first skip of a day leaves a note
        (``take_backup_note``), the later ones only retry."""
        when = dt.datetime.fromtimestamp(self.clock.now(), self.tz).replace(tzinfo=None)
        try:
            return self.store.daily_backup(when)
        except (BackupError, StorageError, OSError) as exc:
            if self._backup_noted != when.date():
                self._backup_noted = when.date()
                reason = getattr(exc, "params", {}).get("reason") or str(exc)
                self._backup_note = TrackerError(
                    f"note: today's backup of {self.store.path} was skipped ({reason}); "
                    "your change was saved; the backup is tried again next time",
                    code="backup_skipped",
                    params={"path": self.store.path, "reason": reason},
                )
            return None

    def take_backup_note(self) -> TrackerError | None:
        """Why today's backup was skipped, once (None when there is nothing to tell)."""
        note, self._backup_note = self._backup_note, None
        return note

    # -- the file under the service -----------------------------------------------------

    def check_file(self) -> TrackerError | None:
        """Is the file at the path still the one open? (The tray asks every second.)

        * deleted or moved away: the open copy (everything, up to the last write) is
          written to the path again, and work goes on there;
        * replaced by another file: the open copy is saved among the backups and work
          goes on in the file that is there now.

        Returns the notice to show (None when nothing happened); raises when the file
        now at the path cannot be used (the tray keeps its clicks meanwhile). Writes
        never go into the lost copy (the store refuses them).
        """
        state = self.store.file_state()
        if state == "ok":
            return None
        path = self.store.path
        if state == "missing":
            try:
                self.store.write_back()
            except FileExistsError:
                return self.check_file()  # a file appeared meanwhile: replaced
            return TrackerError(
                f"{path} was deleted while Growth Tracker was running; it was written again "
                "from the copy still open, so nothing is lost (to remove it for good, quit "
                "Growth Tracker first)",
                code="db_written_back",
                params={"path": path},
            )
        seen = self.store.path.stat() if self.store.path.exists() else None
        marker = None if seen is None else (seen.st_ino, seen.st_size, seen.st_mtime_ns)
        if marker == self._moved_seen:
            return None  # told already; waiting for another file
        self._moved_seen = marker
        when = dt.datetime.fromtimestamp(self.clock.now(), self.tz).replace(tzinfo=None)
        saved = self.store.backup("replaced", when)
        store = self.store.take_over(traces(path))  # raises: that file cannot be used
        self._moved_seen = None
        self.store.let_go()
        self.store = store
        return TrackerError(
            f"{path} was replaced by another file while Growth Tracker was running; "
            f"Growth Tracker now uses that file; what it had open was saved as {saved}",
            code="db_replaced",
            params={"path": path, "saved": saved},
        )

    def explain(self, exc: BaseException) -> TrackerError | None:
        """An unexpected database error as a message a person can act on (a damaged file
        names its newest backup, as the CLI does); None when it is no such error."""
        return self.store.explain(exc)

    # -- tracking -----------------------------------------------------------------------

    def running(self) -> Block | None:
        return self.store.running()

    def last_kind(self) -> Kind:
        last = self.store.last()
        return last.kind if last else Kind.TASK

    def _floor(self) -> int | None:
        """No new instant may lie before this (the clock may have jumped back)."""
        last = self.store.last()
        if last is None:
            return None
        return last.started_at if last.ended_at is None else last.ended_at

    def _instant(self, at: int | None) -> int:
        now = self.clock.now()
        if at is None:
            floor = self._floor()
            return now if floor is None else max(now, floor)
        if at > now:
            raise ValidationError(
                f"{self._clock_text(at)} is in the future; pick a time up to now",
                code="future_time",
                params={"at": at},
            )
        return at

    def _clock_text(self, instant: int) -> str:
        return timeparse.date_time_text(instant, self.tz)

    def _insert(self, block: Block) -> Block:
        try:
            return self.store.insert(block, self.clock.now())
        except ConflictError as exc:
            raise self._explain(exc) from None

    def _update(self, block: Block) -> Block:
        try:
            return self.store.update(block, self.clock.now())
        except ConflictError as exc:
            raise self._explain(exc) from None

    def _close(self, running: Block, instant: int) -> Block | None:
        """End the running block at ``instant``; a zero-length block is discarded."""
        if instant < running.started_at:
            raise ValidationError(
                f"the running block started at {self._clock_text(running.started_at)}; "
                "pick a time after that",
                code="before_running_start",
                params={"start": running.started_at},
            )
        if instant == running.started_at:
            self.store.delete(running.id)
            return None
        return self._update(replace(running, ended_at=instant))

    def _start(
        self,
        kind: Kind,
        label: str | None = "",
        at: int | None = None,
        source: Source = Source.CLI,
        note: str = "",
    ) -> Block:
        """Start a block of ``kind``, closing the running one at the same instant."""
        label = clean_label(label)
        note = clean_note(note)
        with self.store.write():
            instant = self._instant(at)
            running = self.store.running()
            if running is not None:
                instant = self._after_kept(running, instant)
                self._close(running, instant)
            seen = instant if source is Source.TRAY else None
            return self._insert(Block(0, kind, label, note, instant, None, seen, source))

    def _switch(
        self,
        kind: Kind | None = None,
        label: str | None = None,
        at: int | None = None,
        source: Source = Source.CLI,
    ) -> Block:
        """Flip (or set) the kind; when nothing runs, start the kind used last."""
        with self.store.write():
            running = self.store.running()
            if running is None:
                return self._start(kind or self.last_kind(), label or "", at, source)
            new_kind = kind or running.kind.other
            if new_kind is running.kind and (label is None or clean_label(label) == running.label):
                return running
            return self._start(new_kind, label or "", at, source)

    def _stop(self, at: int | None = None) -> Block | None:
        """End the running block; returns it (None when it was discarded as zero-length)."""
        with self.store.write():
            running = self.store.running()
            if running is None:
                raise NothingRunningError(
                    "nothing is running, so there is nothing to stop", code="nothing_running"
                )
            return self._close(running, self._after_kept(running, self._instant(at)))

    def _after_kept(self, running: Block, instant: int) -> int:
        """A block a kept click started is never dropped as zero-length by the next
        click in its second: that one lands a second later, so both stay, in order."""
        if running.id == self._kept_start and instant <= running.started_at:
            return running.started_at + 1
        return instant

    def start(
        self,
        kind: Kind,
        label: str | None = "",
        at: int | None = None,
        source: Source = Source.CLI,
        note: str = "",
    ) -> Block:
        """Start a block of ``kind``, closing the running one at the same instant."""
        if source is not Source.TRAY:
            return self._start(kind, label, at, source, note)
        action = PendingAction("start", self._keep_instant(at), kind, clean_label(label))
        return self._tray_write(action, lambda: self._start(kind, label, at, source, note))

    def switch(
        self,
        kind: Kind | None = None,
        label: str | None = None,
        at: int | None = None,
        source: Source = Source.CLI,
    ) -> Block:
        """Flip (or set) the kind; when nothing runs, start the kind used last."""
        if source is not Source.TRAY:
            return self._switch(kind, label, at, source)
        action = PendingAction("switch", self._keep_instant(at), kind, label)
        return self._tray_write(action, lambda: self._switch(kind, label, at, source))

    def stop(self, at: int | None = None, source: Source = Source.CLI) -> Block | None:
        """End the running block; returns it (None when it was discarded as zero-length)."""
        if source is not Source.TRAY:
            return self._stop(at)
        action = PendingAction("stop", self._keep_instant(at))
        return self._tray_write(action, lambda: self._stop(at))

    # -- tray actions the file refused ----------------------------------------------------
    # A click must not be lost because the disk is full or the folder became read-only:
    # the tray's start / switch / stop is kept in memory with its instant and written, in
    # order, as soon as the file takes writes again (``retry_pending``; the heartbeat
    # tries too). The CLI instead fails with exit 1: its user sees the message and retries.

    def _keep_instant(self, at: int | None) -> int:
        if at is not None:
            return at
        try:
            return self._instant(None)
        except Exception:  # the file cannot even be read: the clock alone
            return self.clock.now()

    def _tray_write(self, action: PendingAction, write: Callable[[], _T]) -> _T:
        self.retry_pending()
        if not self._pending:
            try:
                return write()
            except StorageError as exc:
                self._pending.append(action)
                raise PendingWriteError(
                    self._kept_text(exc),
                    code="pending_kept",
                    params={"count": len(self._pending), "error": exc},
                ) from None
        self._pending.append(action)
        raise PendingWriteError(
            self._kept_text(None), code="pending_kept", params={"count": len(self._pending)}
        )

    def _kept_text(self, exc: StorageError | None) -> str:
        why = "" if exc is None else f"{str(exc).removesuffix('; nothing was changed')}; "
        return (
            f"{why}your {len(self._pending)} last action(s) in the tray are kept and will be "
            "saved, with their times, as soon as the file can be written again"
        )

    def pending_actions(self) -> tuple[PendingAction, ...]:
        """Tray actions not written yet (oldest first)."""
        return tuple(self._pending)

    def retry_pending(self) -> list[TrackerError]:
        """Write the kept tray actions, in order, at their own instants.

        Stops at the first one the file still refuses (it stays kept). One that no longer
        fits (the CLI changed the blocks meanwhile) is dropped; the returned messages say
        which.
        """
        dropped: list[TrackerError] = []
        while self._pending:
            action = self._pending[0]
            try:
                if action.op == "start":
                    assert action.kind is not None
                    block = self._start(action.kind, action.label, action.at, Source.TRAY)
                    self._kept_start = block.id
                elif action.op == "switch":
                    block = self._switch(action.kind, action.label, action.at, Source.TRAY)
                    self._kept_start = block.id
                else:
                    self._stop(action.at)
            except StorageError:
                break
            except TrackerError as exc:
                when = self._clock_text(action.at)
                dropped.append(
                    TrackerError(
                        f"the {action.op} of {when} could not be saved: {exc}",
                        code="pending_dropped",
                        params={"op": action.op, "at": action.at, "error": exc},
                    )
                )
            self._pending.pop(0)
        return dropped

    def status(self) -> Status:
        now = self.clock.now()
        running = self.store.running()
        today = self.day_summaries(self.today(), self.today())[0]
        stale = running is not None and self._stale(running, now)
        return Status(now, running, today, stale)

    def _stale(self, running: Block, now: int) -> bool:
        """A tray heartbeat exists, is older than three intervals, and no tray runs."""
        if running.last_seen_at is None or now - running.last_seen_at <= STALE_AFTER_S:
            return False
        return not (self.lock_file is not None and tray_running(self.lock_file))

    def refuse_stale(self, at: int | None) -> None:
        """The CLI never decides a recovery alone (DESIGN §5): a block a crashed tray left
        running is not ended "now" (that would add the hours since the crash); an explicit
        time is fine. Front ends that change the running block without asking call this
        first (the CLI's start, switch and stop); the tray has its recovery dialog."""
        if at is not None:
            return
        running = self.store.running()
        if running is None or not self._stale(running, self.clock.now()):
            return
        assert running.last_seen_at is not None
        seen = self._clock_text(running.last_seen_at)
        raise RecoveryNeededError(
            f"the {running.kind.value} block started at {self._clock_text(running.started_at)} "
            f"was last seen by the tray at {seen} and no tray is running (it may have crashed); "
            f'end it with: stop --at "{seen}" (or when you really stopped), '
            "or start the tray to be asked"
        )

    def heartbeat(self) -> Block | None:
        """Record that the tray is alive; adopts a block started elsewhere.

        Writes kept tray actions first; while the file still refuses them, it does
        nothing more (they were reported when they failed).
        """
        dropped = self.retry_pending() if self._pending else []
        if self._pending:
            return None
        running = self.store.running()
        if running is not None:
            self.store.heartbeat(running.id, self._instant(None))
            running = self.store.running()
        if len(dropped) == 1:
            raise dropped[0]
        if dropped:
            raise TrackerError(
                "; ".join(map(str, dropped)), code="several", params={"errors": tuple(dropped)}
            )
        return running

    def pending_recovery(self) -> Block | None:
        """A block left running by a tray that is gone (it has a heartbeat)."""
        running = self.store.running()
        if running is None or running.last_seen_at is None:
            return None
        return running

    def recover(self, choice: RecoveryChoice) -> Block | None:
        with self.store.write():
            running = self.pending_recovery()
            if running is None:
                return None
            if choice is RecoveryChoice.KEEP:
                self.store.heartbeat(running.id, self._instant(None))
                return self.store.running()
            if choice is RecoveryChoice.END_NOW:
                return self._close(running, self._instant(None))
            assert running.last_seen_at is not None
            end = max(running.last_seen_at, running.started_at)
            if end == running.started_at:
                self.store.delete(running.id)
                return None
            recovered = replace(running, ended_at=end, source=Source.RECOVERED)
            return self._update(recovered)

    # -- manual blocks ------------------------------------------------------------------

    def add_block(
        self,
        kind: Kind,
        start: int,
        end: int,
        label: str | None = "",
        note: str | None = "",
        source: Source = Source.MANUAL,
    ) -> Block:
        check_span(start, end)
        if end > self.clock.now():
            raise ValidationError(
                f"the end {self._clock_text(end)} is in the future",
                code="end_in_future",
                params={"end": end},
            )
        block = Block(0, kind, clean_label(label), clean_note(note), start, end, None, source)
        return self._insert(block)

    def edit_block(
        self,
        block_id: int,
        kind: Kind | None = None,
        label: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Block:
        with self.store.write():
            block = self.store.get(block_id)
            if end is not None and block.running:
                raise ValidationError(
                    f"block {block_id} is still running; stop it to give it an end",
                    code="running_has_no_end",
                    params={"block": block},
                )
            changed = replace(
                block,
                kind=kind or block.kind,
                label=block.label if label is None else clean_label(label),
                note=block.note if note is None else clean_note(note),
                started_at=block.started_at if start is None else start,
                ended_at=block.ended_at if end is None else end,
            )
            check_span(changed.started_at, changed.ended_at)
            now = self.clock.now()
            if changed.started_at > now or (changed.ended_at or 0) > now:
                raise ValidationError(
                    "a block cannot reach into the future; pick earlier times",
                    code="reaches_future",
                )
            return self._update(changed)

    def delete_block(self, block_id: int) -> Block:
        return self.store.delete(block_id)

    def restore_block(self, block: Block) -> Block:
        """Put back a block exactly as it was, id included (undo of a delete)."""
        return self._insert(block)

    def replace_block(self, block: Block) -> Block:
        """Write a block's fields back exactly (undo of an edit)."""
        return self._update(block)

    # -- editing ------------------------------------------------------------------------
    # What the Edit blocks window needs beyond add/edit/delete. Each method is one
    # transaction that validates before it writes, so a refused change leaves no trace.

    def split_block(self, block_id: int, at: int) -> tuple[Block, Block]:
        """Cut a block in two at ``at``; the first part keeps the id.

        Splitting the running block ends its first part and keeps the second running.
        """
        with self.store.write():
            block = self.store.get(block_id)
            end = block.end_or(self.clock.now())
            if not block.started_at < at < end:
                raise ValidationError(
                    f"{self._clock_text(at)} is not inside {self.describe(block)}; "
                    "pick a time between its start and its end",
                    code="split_outside",
                    params={"at": at, "block": block},
                )
            first = replace(
                block, ended_at=at, last_seen_at=None if block.running else block.last_seen_at
            )
            # the running part's heartbeat never lies before its start (recovery ends there)
            seen = block.last_seen_at if block.running else None
            seen = None if seen is None else max(seen, at)
            second = Block(
                0,
                block.kind,
                block.label,
                block.note,
                at,
                block.ended_at,
                seen,
                block.source,
            )
            return self._update(first), self._insert(second)

    def merge_blocks(self, block_ids: Sequence[int]) -> Block:
        """Join neighbouring blocks of one kind into the first of them.

        The merged block spans the first start to the last end (gaps between them
        included); its label is the first non-empty one and the notes are joined.
        """
        with self.store.write():
            ids = set(block_ids)
            if len(ids) < 2:
                raise ValidationError(
                    "pick at least two neighbouring blocks to merge", code="merge_too_few"
                )
            blocks = sorted((self.store.get(i) for i in ids), key=lambda b: b.started_at)
            if len({b.kind for b in blocks}) > 1:
                raise ValidationError(
                    "only blocks of one kind can be merged; change the kind first",
                    code="merge_kinds",
                )
            first, last = blocks[0], blocks[-1]
            reach = last.ended_at if last.ended_at is not None else last.started_at + 1
            strays = [
                b for b in self.store.blocks_between(first.started_at, reach) if b.id not in ids
            ]
            if strays:
                raise ValidationError(
                    f"{self.describe(strays[0])} lies between them; "
                    "merge only blocks that follow each other",
                    code="merge_gap",
                    params={"block": strays[0]},
                )
            notes: list[str] = []
            for b in blocks:
                if b.note and b.note not in notes:
                    notes.append(b.note)
            merged = replace(
                first,
                label=next((b.label for b in blocks if b.label), ""),
                note=clean_note("\n".join(notes)),
                ended_at=last.ended_at,
                last_seen_at=last.last_seen_at if last.running else first.last_seen_at,
            )
            for b in blocks[1:]:
                self.store.delete(b.id)
            return self._update(merged)

    def change_kind(self, block_ids: Sequence[int], kind: Kind) -> list[Block]:
        """Give several blocks one kind."""
        with self.store.write():
            blocks = [self.store.get(i) for i in dict.fromkeys(block_ids)]
            return [self._update(replace(b, kind=kind)) for b in blocks]

    def get_block(self, block_id: int) -> Block:
        return self.store.get(block_id)

    def restore_blocks(
        self, blocks: Sequence[Block], remove: Sequence[int] = (), expect: Sequence[Block] = ()
    ) -> None:
        """Write blocks back exactly (ids included) and remove others, all or nothing.

        How the editor's undo and redo are written. ``expect`` is what the database must
        still hold (last heartbeat aside); if anything changed since (the tray switched,
        the CLI edited), nothing is written, so an old snapshot never overwrites newer work.
        """
        with self.store.write():
            for old in expect:
                if not self._exists(old.id):
                    raise ConflictError(
                        f"block {old.id} was deleted elsewhere meanwhile; nothing was changed",
                        code="deleted_elsewhere",
                        params={"block": old},
                    )
                current = self.store.get(old.id)
                if replace(current, last_seen_at=None) != replace(old, last_seen_at=None):
                    raise ConflictError(
                        f"{self.describe(current)} was changed elsewhere meanwhile; "
                        "nothing was changed",
                        current,
                        code="changed_elsewhere",
                        params={"block": current},
                    )
            for block_id in remove:
                self.store.delete(block_id)
            known = {b.id for b in expect} - set(remove)
            for block in blocks:
                if block.id in known:
                    self.replace_block(block)
            for block in blocks:
                if block.id in known:
                    continue
                if self._exists(block.id):
                    raise ConflictError(
                        f"the id {block.id} belongs to another block now; nothing was changed",
                        code="id_taken",
                        params={"id": block.id},
                    )
                self.restore_block(block)

    def _exists(self, block_id: int) -> bool:
        try:
            self.store.get(block_id)
        except NotFoundError:
            return False
        return True

    # -- away ---------------------------------------------------------------------------

    def mark_away(self, left_at: int) -> None:
        """Remember that the user left at ``left_at`` (survives a restart; CLI status shows it)."""
        self.store.set_setting(AWAY_KEY, str(int(left_at)))

    def clear_away(self) -> None:
        self.store.set_setting(AWAY_KEY, "")

    def away_since(self) -> int | None:
        """When the user left, while a block they left running still runs; else None."""
        raw = self.store.settings().get(AWAY_KEY, "")
        if not raw.lstrip("-").isdigit():
            return None
        running = self.store.running()
        if running is None or int(raw) < running.started_at:
            return None  # stale: the block it was about has ended
        return int(raw)

    def resolve_away(
        self,
        choice: AwayChoice,
        left_at: int,
        returned_at: int,
        source: Source = Source.TRAY,
        block_id: int | None = None,
    ) -> AwayOutcome:
        """Settle an away span ``left_at``–``returned_at`` of the running block.

        * DISCARD: the block ends at ``left_at``; a block of the same kind and label starts
          at ``returned_at``. The away span counts to nothing.
        * KEEP_AS_TASK / KEEP_AS_GROWTH: the block ends at ``left_at``; the away span becomes
          its own (manual) block of that kind, labelled like the running block when the
          kind is the same, else unlabelled; the same kind and label resume at
          ``returned_at``. Every second stays counted.
        * STOP: the block ends at ``left_at``; nothing runs.

        The instants are clamped so no span is negative, nothing starts before the running
        block nor after the latest instant known (now, or the block's last heartbeat when
        the clock was set backwards).
        When nothing runs any more (stopped elsewhere) this only forgets the away mark.
        ``block_id``: the block that ran when the user left; when another one runs now
        (switched while the question was open) nothing is changed and a ``TrackerError``
        says so. The away mark is forgotten either way.
        """
        try:
            with self.store.write():
                self.clear_away()
                running = self.store.running()
                if running is None:
                    return AwayOutcome(None, None, None)
                if block_id is not None and running.id != block_id:
                    raise TrackerError(
                        f"the away time was not changed: block {block_id}, which ran when you "
                        f"left, was ended while the question was open (block {running.id} runs "
                        "now); correct the times in Edit blocks if needed",
                        code="away_block_ended",
                        params={"id": block_id, "running": running},
                    )
                seen = running.last_seen_at or running.started_at  # what the tray last saw
                latest = max(self.clock.now(), running.started_at, seen)
                left = min(max(left_at, running.started_at), latest)
                back = min(max(returned_at, left), max(latest, left))
                if back == left and choice is not AwayChoice.STOP:
                    return AwayOutcome(None, None, running)  # nothing happened while away
                ended = self._close(running, left)
                away = None
                if choice in (AwayChoice.KEEP_AS_TASK, AwayChoice.KEEP_AS_GROWTH):
                    kind = Kind.TASK if choice is AwayChoice.KEEP_AS_TASK else Kind.GROWTH
                    label = running.label if kind is running.kind else ""
                    away = self._insert(Block(0, kind, label, "", left, back, None, Source.MANUAL))
                if choice is AwayChoice.STOP:
                    return AwayOutcome(ended, None, None)
                resumed = self._insert(
                    Block(0, running.kind, running.label, "", back, None, None, source)
                )
                if source is Source.TRAY:
                    self.store.heartbeat(resumed.id, back)
                    resumed = self.store.get(resumed.id)
                return AwayOutcome(ended, away, resumed)
        except TrackerError:
            self.clear_away()  # refused: the mark goes too, so nobody is asked twice
            raise

    # -- reminders ----------------------------------------------------------------------

    def next_reminder(
        self,
        fired: Mapping[Reminder, str],
        idle_s: float | None = None,
        end_of_day: tuple[dt.date, int] | None = None,
    ) -> Due | None:
        """The tray notification due now, if any (``tracker.domain.reminders``).

        ``fired``: the occurrence key shown last per reminder; ``idle_s``: seconds since
        the last input (None: unknown); ``end_of_day``: a passed end-of-day moment (its
        tracking day and instant) whose summary has not been shown yet.
        """
        from tracker.domain.reminders import (  # not needed by the CLI: kept off its start
            EndOfDayMoment,
            Moment,
            Reminder,
            ReminderSettings,
            next_reminder,
        )

        now = self.clock.now()
        running = self.store.running()
        last = self.store.last()
        eod = None
        if end_of_day is not None and fired.get(Reminder.END_OF_DAY) != end_of_day[0].isoformat():
            day, at = end_of_day
            eod = EndOfDayMoment(day, at, self.day_summaries(day, day)[0].total_s)
        moment = Moment(
            now=now,
            running_id=running.id if running else None,
            running_since=running.started_at if running else None,
            last_end=last.ended_at if last is not None else None,
            away=self.away_since() is not None,
            idle_s=idle_s,
            end_of_day=eod,
        )
        settings = ReminderSettings.from_values(self.settings())
        return next_reminder(moment, self.tz, settings, fired)

    def backup_now(self) -> Path:
        """A backup copy of the database now (Settings' *Back up now*); returns its path."""
        when = dt.datetime.fromtimestamp(self.clock.now(), self.tz).replace(tzinfo=None)
        try:
            return self.store.backup("manual", when)
        except (OSError, BackupError) as exc:
            reason = getattr(exc, "params", {}).get("reason") or getattr(exc, "strerror", None)
            raise TrackerError(
                f"the backup could not be written ({reason or exc}); "
                "check the free space and permissions of the data folder",
                code="backup_failed",
                params={"reason": reason or str(exc)},
            ) from None

    # -- reports ------------------------------------------------------------------------

    def grid(self, first: dt.date, last: dt.date) -> DayGrid:
        if last < first:
            raise ValidationError(
                f"the range ends ({last}) before it begins ({first}); swap the days",
                code="range_reversed",
                params={"first": first, "last": last},
            )
        return DayGrid(first, last, self.tz, self.day_start)

    def day_summaries(self, first: dt.date, last: dt.date) -> list[DaySummary]:
        grid = self.grid(first, last)
        blocks = self.store.blocks_between(grid.start, grid.end)
        return summarize_days(blocks, grid, self.store.target_history(), self.clock.now())

    def report(self, first: dt.date, last: dt.date) -> Report:
        days = self.day_summaries(first, last)
        return Report(days, totals(days))

    def blocks(self, first: dt.date, last: dt.date) -> list[Block]:
        grid = self.grid(first, last)
        return self.store.blocks_between(grid.start, grid.end)

    def first_day(self) -> dt.date | None:
        first = self.store.first_started_at()
        return None if first is None else tracking_day(first, self.tz, self.day_start)

    def hotspots(self, first: dt.date, last: dt.date, limit: int | None = 10) -> list[Hotspot]:
        grid = self.grid(first, last)
        blocks = self.store.blocks_between(grid.start, grid.end)
        return hotspots(blocks, grid.start, grid.end, self.clock.now(), limit)

    def _day_totals(
        self, first: dt.date, last: dt.date, targets: TargetHistory, now: int
    ) -> list[DaySummary]:
        """Like :meth:`day_summaries`, summed by the store without loading the blocks
        (a year of them costs ~0.1 s to load; this ~10 ms)."""
        grid = self.grid(first, last)
        return [
            DaySummary(day, task_s, growth_s, targets.for_day(day))
            for day, task_s, growth_s in self.store.day_totals(grid, now)
        ]

    def streak(self, upto: dt.date | None = None, lookback: int = 365) -> int:
        """Finished days in a row meeting their target, up to ``upto`` (default today;
        today itself counts once it is over): ``stats.streak``."""
        today = self.today()
        last = streak_through(upto or today, today)
        first = last - dt.timedelta(days=lookback - 1)
        days = self._day_totals(first, last, self.store.target_history(), self.clock.now())
        return streak(days, today)

    def summary_data(self, day: dt.date, kind: RangeKind = RangeKind.DAY) -> SummaryData:
        """Everything the end-of-day summary shows for ``day``'s day, week or month."""
        today = self.today()
        now = self.clock.now()
        grid = self.grid(*span_needed(day, kind, today))
        targets = self.store.target_history()
        return build_summary(
            day,
            kind,
            today=today,
            now=now,
            blocks=self.store.blocks_between(grid.start, grid.end),
            grid=grid,
            history=self._day_totals(*trend_span(day, kind, today), targets, now),
            targets=targets,
            disposable_hours=float(self.setting("disposable_hours")),
            work_days=frozenset(self.setting("work_days")),
            tz=self.tz,
            day_start=self.day_start,
            has_history=self.store.first_started_at() is not None,
        )

    def recent_labels(self, kind: Kind, limit: int = 8) -> list[str]:
        return self.store.recent_labels(kind, limit)

    def day_note(self, day: dt.date) -> str:
        return self.store.day_note(day)

    def set_day_note(self, day: dt.date, note: str) -> None:
        self.store.set_day_note(day, clean_note(note)[:4000], self.clock.now())

    # -- CSV ----------------------------------------------------------------------------
    # The format lives in tracker.io (imported lazily: the tray's start-up never needs it).

    def export_csv(self, options: ExportOptions, progress: Progress | None = None) -> ExportResult:
        """Render blocks or days as CSV bytes (missing range: docs/architecture.md §6)."""
        from tracker.io import export

        now = self.clock.now()
        today = self.today()
        everything = options.first is None and options.last is None
        first = options.first or min(self.first_day() or today, options.last or today)
        last = options.last or max(today, first)
        if options.what == "days":
            days = self.day_summaries(first, last)
            notes = self.store.day_notes(first, last)
            groups = export.day_rows(days, notes)
            return export.render(
                "days", groups, len(days), options.encoding, options.header, progress
            )
        if everything:
            blocks, clip = self.store.all_blocks(), None
        else:
            clip = self.grid(first, last)
            blocks = self.store.blocks_between(clip.start, clip.end)
        rows = export.block_rows(blocks, self.tz, self.day_start, now, options.split_days, clip)
        return export.render(
            "blocks", rows, len(blocks), options.encoding, options.header, progress
        )

    def write_csv(
        self, path: Path, options: ExportOptions, progress: Progress | None = None
    ) -> ExportResult:
        """Export to a file, atomically: an existing file is replaced only on success."""
        from tracker.io.files import write_atomic

        result = self.export_csv(options, progress)
        write_atomic(path, result.data)
        return result

    def import_csv(self, path: Path, progress: ImportProgress | None = None) -> ImportOutcome:
        """Import a blocks CSV: every row checked first; on any problem nothing is added.

        Raises ``CsvImportError`` (``lines()``: ``line N: reason``) for bad rows and
        ``TrackerError`` for a file that is no blocks CSV. See :meth:`plan_csv_import`
        for ``progress``.
        """
        from tracker.io.files import read_chunks

        return self._import(read_chunks(path, _reading(progress)), str(path), True, progress)

    def plan_csv_import(self, path: Path, progress: ImportProgress | None = None) -> ImportOutcome:
        """What :meth:`import_csv` would do, without doing it: the counts it would report,
        or the same errors. ``progress(done, total)`` is called every megabyte read and
        every few thousand rows, in the calling thread: ``total`` is 1000 (``done`` per
        mille of the whole import) or 0 when the size is unknown (a pipe: ``done`` counts
        bytes). Returning False cancels (``ImportCancelledError``, nothing added). It needs
        no event loop: a front end may run the import in a worker thread with a service of
        its own (``open_service``) and pass the numbers on from the callback."""
        from tracker.io.files import read_chunks

        return self._import(read_chunks(path, _reading(progress)), str(path), False, progress)

    def import_csv_data(self, data: bytes, name: str, dry_run: bool = False) -> ImportOutcome:
        """Import CSV bytes (all rows or none). ``dry_run``: the same checks and counts,
        nothing written — the preview a person confirms before the import is applied."""
        return self._import([data], name, not dry_run, None)

    def _import(
        self,
        chunks: Iterable[bytes],
        name: str,
        apply: bool,
        progress: ImportProgress | None,
    ) -> ImportOutcome:
        """Read into a scratch file, then check (and add) in start order: flat memory."""
        from tracker.io.csvformat import Problems
        from tracker.io.reader import read_rows, rejoin
        from tracker.store.staging import Staging

        problems = Problems()
        with Staging() as staging:
            rows = rejoin(read_rows(chunks, name, self.tz, problems))
            staged = staging.add(
                (r.line, r.id, r.kind.value, r.label, r.note, r.start, r.end) for r in rows
            )
            span = staging.span()
            existing = self.store.blocks_between(*span) if span else []
            now = self.clock.now()
            outcome = self._plan_pass(staging, existing, now, problems, staged, progress, None)
            if problems:
                raise problems.error(
                    f"nothing was imported from {name}; fix these rows and import again"
                )
            if not apply or outcome.imported == 0:
                _tick(progress, 1000, 1000)
                return outcome
            with self.store.write():
                # the stored blocks as they are now, under the write lock
                existing = self.store.blocks_between(*span) if span else []
                check = Problems()
                outcome = self._plan_pass(staging, existing, now, check, staged, progress, self)
                if check:
                    raise check.error(
                        f"nothing was imported from {name}; the database changed while "
                        "importing — import again"
                    )
        _tick(progress, 1000, 1000)
        return outcome

    def _plan_pass(
        self,
        staging: Staging,
        existing: list[Block],
        now: int,
        problems: Problems,
        staged: int,
        progress: ImportProgress | None,
        writer: TrackerService | None,
    ) -> ImportOutcome:
        from tracker.io.plan import Planner
        from tracker.io.reader import ImportRow

        planner = Planner(existing, now, self.tz, problems)
        base = 700 if writer is None else 850
        done = 0
        batch: list[tuple[ImportRow, bool]] = []
        new: list[Block] = []

        def flush() -> None:
            ids = [row.id for row, _ in batch if row.id is not None]
            stored = self.store.blocks_with_ids(ids) if ids else {}
            for row, first in batch:
                block = planner.feed(row, stored.get(row.id) if row.id is not None else None, first)
                if block is not None and writer is not None:
                    new.append(block)
            if new:
                self.store.insert_many(new, now)
                new.clear()
            batch.clear()
            _tick(progress, base + 150 * done // max(staged, 1), 1000)

        for (line, ident, kind, label, note, start, end), first in staging.by_start():
            batch.append((ImportRow(line, ident, Kind(kind), label, note, start, end), first))
            done += 1
            if len(batch) == 2000:
                flush()
        flush()
        return ImportOutcome(planner.new, planner.duplicates, planner.skipped)

    # -- what the front ends need of the file, without reaching into the store ----------

    def change_marker(self) -> object:
        """Changes whenever anyone changes the database (compare for equality only)."""
        return self.store.change_marker()

    @property
    def database_path(self) -> Path:
        return self.store.path

    @property
    def data_folder(self) -> Path:
        """The folder of the database, absolute (``--db data/t.sqlite3`` is relative)."""
        return Path(os.path.abspath(self.store.path.parent))

    def close(self) -> None:
        self.store.close()


# Called with (done, total); returning False cancels. See TrackerService.plan_csv_import.
ImportProgress = Callable[[int, int], "bool | None"]


def _tick(progress: ImportProgress | None, done: int, total: int) -> None:
    from tracker.io.files import ImportCancelledError

    if progress is not None and progress(done, total) is False:
        raise ImportCancelledError(
            "the import was cancelled; nothing was imported", code="import_cancelled"
        )


def _reading(progress: ImportProgress | None) -> Callable[[int, int], bool | None] | None:
    """Bytes read as the first 70 % of an import's progress (bytes alone when the size
    is unknown)."""
    if progress is None:
        return None

    def report(done: int, size: int) -> bool | None:
        if size <= 0:
            return progress(done, 0)
        return progress(700 * min(done, size) // size, 1000)

    return report
