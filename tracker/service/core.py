"""What every use case shares: the store, the clock, the time zone and the settings.

Every instant comes from the injected clock. The block-writing primitives here turn the
store's conflicts into messages that name the other block the way a person recognises it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.domain import messages, timeparse
from tracker.domain.clock import Clock
from tracker.domain.days import tracking_day
from tracker.domain.model import Block, ValidationError
from tracker.domain.settings import SETTINGS, format_setting, parse_setting
from tracker.domain.stats import TargetHistory
from tracker.store import ConflictError, Store


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """The settings and target history as read at one ``Store.cache_key``."""

    key: object
    stored: dict[str, str]  # the raw text of every stored key, internal ones included
    values: dict[str, Any]  # every declared setting, parsed (the default where unreadable)
    day_start: int
    targets: TargetHistory

    @classmethod
    def read(cls, key: object, store: Store) -> _Snapshot:
        stored = store.settings()
        values: dict[str, Any] = {}
        for name, spec in SETTINGS.items():
            raw = stored.get(name)
            try:
                values[name] = spec.parse(raw) if raw is not None else spec.default
            except ValidationError:
                values[name] = spec.default
        raw = stored.get("day_start")
        day_start = (
            int(raw) if raw is not None and raw.isdigit() else int(SETTINGS["day_start"].default)
        )
        return cls(key, stored, values, day_start, store.target_history())


class ServiceCore:
    """The context the use-case parts of ``TrackerService`` hold in common."""

    def __init__(
        self, store: Store, clock: Clock, tz: dt.tzinfo, lock_file: Path | None = None
    ) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz
        self.lock_file = lock_file
        self._cached: _Snapshot | None = None
        self._checked_at: int | None = None  # the clock's second data_version was read

    # -- the database, for the front ends -----------------------------------------------

    @property
    def database_path(self) -> Path:
        """The database file, as it was given (``--db``) or found."""
        return self.store.path

    @property
    def data_folder(self) -> Path:
        """The folder that holds the database (and its backups), as an absolute path:
        ``--db data/t.sqlite3`` says where relative to the folder it was started in."""
        return Path(os.path.abspath(self.store.path.parent))

    def change_marker(self) -> object:
        """Changes whenever anyone changes the database (another process's commit or a
        write through this service); equal markers mean nothing needs reading again.
        Reading it is also how another process's settings change reaches the cache."""
        return self.store.change_marker()

    def close(self) -> None:
        """Close the connection (the service is not used after this)."""
        self.store.close()

    def shrink_memory(self) -> None:
        """Drop what the connection caches (the tray calls it once start-up is over)."""
        self.store.shrink_memory()

    # -- settings -----------------------------------------------------------------------
    # Read once per change, not on every call: the tray asks for settings and today() many
    # times a second while it draws. The cache is keyed on the store's ``cache_key``, so a
    # write through this connection, a new connection, or another process's write seen by
    # ``data_version`` (read at most once per second of the clock, and by
    # ``change_marker()``) reads them again.

    def _snapshot(self) -> _Snapshot:
        cached = self._cached
        now = self.clock.now()
        if cached is not None and now != self._checked_at:
            # at most once a second of the clock: has another process written? (the
            # minute timer may ask before the tray's poll has looked)
            self._checked_at = now
            self.store.data_version()
        if cached is None or cached.key != self.store.cache_key():
            self._checked_at = now
            self.store.data_version()  # what "seen" means for the key below
            key = self.store.cache_key()
            cached = self._cached = _Snapshot.read(key, self.store)
        return cached

    def _settings_changed(self) -> None:
        """After a settings write through the service: read them again next time."""
        self._cached = None

    def _targets(self) -> TargetHistory:
        return self._snapshot().targets

    def settings(self) -> dict[str, Any]:
        snapshot = self._snapshot()
        values = dict(snapshot.values)
        values["target"] = snapshot.targets.for_day(self.today())
        return values

    def setting(self, key: str) -> Any:
        if key not in SETTINGS:
            parse_setting(key, "")  # raises the "unknown setting" message
        if key == "target":
            return self._targets().for_day(self.today())
        return self._snapshot().values[key]

    def setting_text(self, key: str) -> str:
        return format_setting(key, self.setting(key))

    def _stored_setting(self, key: str) -> str | None:
        """A setting's raw text as stored (internal keys too), None when not stored."""
        return self._snapshot().stored.get(key)

    @property
    def day_start(self) -> int:
        return self._snapshot().day_start

    def today(self) -> dt.date:
        return tracking_day(self.clock.now(), self.tz, self.day_start)

    # -- parsing shared by every front end ---------------------------------------------

    def parse_time(self, text: str) -> int:
        return timeparse.parse_time(text, self.clock.now(), self.tz, self.day_start)

    def parse_day(self, text: str) -> dt.date:
        return timeparse.parse_day(text, self.clock.now(), self.tz, self.day_start)

    def iso(self, instant: int) -> str:
        return timeparse.iso_local(instant, self.tz)

    def describe(self, block: Block) -> str:
        """How a person recognises a block: id, kind, label and its times."""
        return messages.describe_block(block, self.tz)

    def _explain(self, exc: ConflictError) -> ConflictError:
        if exc.other is None:
            return exc
        other = exc.other
        if exc.code == "conflict_running":
            return ConflictError(
                other=other, code="conflict_running", params={"block": other}, tz=self.tz
            )
        return ConflictError(other=other, code="overlap", params={"block": other}, tz=self.tz)

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
