"""The file under the service: daily and manual backups, and a database file deleted,
moved or replaced while the program runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.domain.clock import Clock
from tracker.domain.model import TrackerError
from tracker.platform.paths import DB_NAME, log_path
from tracker.service.core import ServiceCore
from tracker.store import BackupError, StorageError, Store


def traces(path: Path) -> list[Path]:
    """Files that show a database was used at ``path``, besides its backups and its
    ``-wal``/``-shm``: the log, where the folder is the app's own (the default place; a
    log elsewhere may belong to another database in its folder). Not the tray's lock
    file: the tray makes it before it opens the database."""
    return [log_path(path)] if path.name == DB_NAME else []


class FileWatch(ServiceCore):
    def __init__(
        self, store: Store, clock: Clock, tz: dt.tzinfo, lock_file: Path | None = None
    ) -> None:
        super().__init__(store, clock, tz, lock_file)
        self._backup_note: TrackerError | None = None
        self._backup_noted: dt.date | None = None  # the day a skipped backup was told
        self._moved_seen: object = None  # the replacing file that could not be opened

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
            return TrackerError(code="db_written_back", params={"path": path})
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
        self._settings_changed()  # another file: its settings are read afresh
        return TrackerError(code="db_replaced", params={"path": path, "saved": saved})

    def explain(self, exc: BaseException) -> TrackerError | None:
        """An unexpected database error as a message a person can act on (a damaged file
        names its newest backup, as the CLI does); None when it is no such error."""
        return self.store.explain(exc)

    def backup_now(self) -> Path:
        """A backup copy of the database now (Settings' *Back up now*); returns its path."""
        when = dt.datetime.fromtimestamp(self.clock.now(), self.tz).replace(tzinfo=None)
        try:
            return self.store.backup("manual", when)
        except (OSError, BackupError) as exc:
            reason = getattr(exc, "params", {}).get("reason") or getattr(exc, "strerror", None)
            raise TrackerError(
                code="backup_failed", params={"reason": reason or str(exc)}
            ) from None
