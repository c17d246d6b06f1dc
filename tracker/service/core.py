"""What every use case shares: the store, the clock, the time zone and the settings.

Every instant comes from the injected clock. The block-writing primitives here turn the
store's conflicts into messages that name the other block the way a person recognises it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tracker.domain import timeparse
from tracker.domain.clock import Clock
from tracker.domain.days import tracking_day
from tracker.domain.model import Block, ValidationError
from tracker.domain.settings import SETTINGS, format_setting, parse_setting
from tracker.store import ConflictError, Store


class ServiceCore:
    """The context the use-case parts of ``TrackerService`` hold in common."""

    def __init__(
        self, store: Store, clock: Clock, tz: dt.tzinfo, lock_file: Path | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz
        self.lock_file = lock_file

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
