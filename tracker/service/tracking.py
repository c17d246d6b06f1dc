"""Tracking: start, switch and stop, the status, stale blocks and crash recovery.

Closing or starting "now" never goes before what the database already knows, so a clock
that jumps backwards cannot produce negative or overlapping blocks; it can only make a
block shorter.
"""

from __future__ import annotations

from dataclasses import replace

from tracker.domain.model import Block, Kind, Source, ValidationError, clean_label, clean_note
from tracker.platform.instance import tray_running
from tracker.service.model import (
    STALE_AFTER_S,
    NothingRunningError,
    RecoveryChoice,
    RecoveryNeededError,
    Status,
)
from tracker.service.reports import Reports


class Tracking(Reports):
    # the block the last kept tray action started: a click in its second must not drop it
    # (set by the write queue, tracker.service.pending)
    _kept_start: int | None = None

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
            raise ValidationError(code="future_time", params={"at": at}, tz=self.tz)
        return at

    def _close(self, running: Block, instant: int) -> Block | None:
        """End the running block at ``instant``; a zero-length block is discarded."""
        if instant < running.started_at:
            raise ValidationError(
                code="before_running_start", params={"start": running.started_at}, tz=self.tz
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

    def click_plan(self) -> tuple[Kind, str]:
        """What a tray click starts now: its kind and label (docs/architecture.md §7).

        Nothing runs: the latest block's kind (task if none) and, like Toggl's
        "continue", its label. A block runs: the other kind with the label that kind used
        last. Setting ``click_label = empty`` starts either unlabelled.
        """
        running = self.store.running()
        keep = self.setting("click_label") == "last"
        if running is None:
            last = self.store.last()
            if last is None:
                return Kind.TASK, ""
            return last.kind, last.label if keep else ""
        kind = running.kind.other
        labels = self.store.recent_labels(kind, 1) if keep else []
        return kind, labels[0] if labels else ""

    def _click(self, at: int | None = None, source: Source = Source.TRAY) -> Block:
        """Start what :meth:`click_plan` says; ``at`` (the click's own instant) never
        goes before what the file already knows (a block the CLI started meanwhile)."""
        with self.store.write():
            floor = self._floor()
            if at is not None and ((floor is not None and at < floor) or at > self.clock.now()):
                at = None  # "now", which is never before the floor
            kind, label = self.click_plan()
            return self._start(kind, label, at, source)

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
                raise NothingRunningError(code="nothing_running")
            return self._close(running, self._after_kept(running, self._instant(at)))

    def _after_kept(self, running: Block, instant: int) -> int:
        """A block a kept click started is never dropped as zero-length by the next
        click in its second: that one lands a second later, so both stay, in order."""
        if running.id == self._kept_start and instant <= running.started_at:
            return running.started_at + 1
        return instant

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
        raise RecoveryNeededError(
            code="recovery_needed",
            params={
                "kind": running.kind,
                "start": running.started_at,
                "seen": running.last_seen_at,
            },
            tz=self.tz,
        )

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
