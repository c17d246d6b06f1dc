"""Away spans: the mark that the person left while a block ran, and what the span was
once they are back (docs/architecture.md §5.6)."""

from __future__ import annotations

from tracker.domain.model import Block, Kind, Source, TrackerError
from tracker.service.model import AWAY_KEY, AwayChoice, AwayOutcome
from tracker.service.tracking import Tracking


class Away(Tracking):
    def mark_away(self, left_at: int) -> None:
        """Remember that the user left at ``left_at`` (survives a restart; CLI status shows it)."""
        self.store.set_setting(AWAY_KEY, str(int(left_at)))
        self._settings_changed()

    def clear_away(self) -> None:
        self.store.set_setting(AWAY_KEY, "")
        self._settings_changed()

    def away_since(self) -> int | None:
        """When the user left, while a block they left running still runs; else None."""
        raw = self._stored_setting(AWAY_KEY) or ""
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
                        code="away_block_ended",
                        params={"id": block_id, "running": running},
                        tz=self.tz,
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
