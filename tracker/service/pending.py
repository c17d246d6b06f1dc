"""The tray's start, switch and stop, and the queue of those the file refused.

A click must not be lost because the disk is full or the folder became read-only: the
tray's start / switch / stop is kept in memory with its instant and written, in order, as
soon as the file takes writes again (``retry_pending``; the heartbeat tries too). The CLI
instead fails with exit 1: its user sees the message and retries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tracker.domain.clock import Clock
from tracker.domain.model import Block, Kind, Source, TrackerError, clean_label
from tracker.service.model import PendingAction, PendingWriteError
from tracker.service.tracking import Tracking
from tracker.store import StorageError, Store

_T = TypeVar("_T")


class TrayQueue(Tracking):
    def __init__(
        self, store: Store, clock: Clock, tz: dt.tzinfo, lock_file: Path | None = None
    ) -> None:
        super().__init__(store, clock, tz, lock_file)
        self._pending: list[PendingAction] = []

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

    def click(self, at: int | None = None, source: Source = Source.TRAY) -> Block:
        """What a click on the tray icon (or its hotkey) does: flip the running block to
        the other kind, or continue the last block when nothing runs, with the label
        :meth:`click_plan` picks. ``at`` is the click's own instant (None: now)."""
        if source is not Source.TRAY:
            return self._click(at, source)
        action = PendingAction("switch", self._keep_instant(at))
        if not self._pending:  # kept actions are not in the file: it cannot say yet
            try:
                kind, label = self.click_plan()
                action = PendingAction("start", action.at, kind, label)
            except Exception:  # unreadable file: the plain switch, resolved when written
                pass
        return self._tray_write(action, lambda: self._click(at, source))

    def stop(self, at: int | None = None, source: Source = Source.CLI) -> Block | None:
        """End the running block; returns it (None when it was discarded as zero-length)."""
        if source is not Source.TRAY:
            return self._stop(at)
        action = PendingAction("stop", self._keep_instant(at))
        return self._tray_write(action, lambda: self._stop(at))

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
                    code="pending_kept",
                    variant="error",
                    params={"count": len(self._pending), "error": exc},
                ) from None
        self._pending.append(action)
        raise PendingWriteError(code="pending_kept", params={"count": len(self._pending)})

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
                dropped.append(
                    TrackerError(
                        code="pending_dropped",
                        variant=action.op,
                        params={"op": action.op, "at": action.at, "error": exc},
                        tz=self.tz,
                    )
                )
            self._pending.pop(0)
        return dropped

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
            raise TrackerError(code="several", params={"errors": tuple(dropped)})
        return running
