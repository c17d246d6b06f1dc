"""Sync through a folder another service syncs (docs/architecture.md §16).

``sync()`` publishes this device's pending changes as one new batch file, refreshes its
``device.json`` and merges every other device's batches that are new. It never writes
another device's files and never opens a database inside the folder.
"""

from __future__ import annotations

import errno
import os
import platform
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.domain.model import Block, TrackerError
from tracker.io import syncfiles
from tracker.service.model import Status
from tracker.service.remote import RemoteEditing
from tracker.service.settings import Settings
from tracker.service.tracking import Tracking
from tracker.store.sync import SyncStore

# device.json is rewritten at least this often while a tray runs: another PC counts this
# one's running block only up to it, so a crashed PC adds at most this much.
DEVICE_EVERY_S = 240


@dataclass(frozen=True, slots=True)
class SyncDevice:
    device: str
    name: str
    last_seen: int | None
    this: bool


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one sync did: ops published, winners changed, devices known, files that could
    not be read (each tried again next time)."""

    at: int
    folder: Path
    device: str
    published: int
    merged: int
    devices: tuple[SyncDevice, ...]
    unreadable: tuple[syncfiles.Unreadable, ...]
    device_written_at: int | None = None  # when device.json was last written


class Sync(RemoteEditing, Settings, Tracking):
    _device_written_at: int | None = None

    # -- identity -------------------------------------------------------------------------

    def device_id(self) -> str:
        return SyncStore(self.store).device_id(uuid.uuid4().hex)

    def device_name(self) -> str:
        """This PC's name in sync: the setting, else the computer's name."""
        name = str(self.setting("device_name"))
        return name or platform.node()[:64] or "PC"

    def setting_text(self, key: str) -> str:
        if key == "device_name":
            return self.device_name()
        return super().setting_text(key)

    def set_setting(self, key: str, text: str) -> None:
        """A sync folder must be a folder this PC can write in (checked before it is kept);
        turning sync off keeps everything merged so far."""
        turning_on = key == "sync_folder" and bool(text.strip()) and self.sync_folder() is None
        if key == "sync_folder" and text.strip():
            self._check_folder(Path(text.strip()).expanduser())
        with self.store.write():
            if turning_on:
                self.device_id()  # changes are queued only with sync on and an id made
            super().set_setting(key, text)
            if turning_on:  # what changed while it was off (or ever) goes out once
                SyncStore(self.store).queue_everything()

    def sync_folder(self) -> Path | None:
        text = str(self.setting("sync_folder"))
        return Path(text).expanduser() if text else None

    def sync_devices(self) -> list[SyncDevice]:
        me = self.device_id()
        rows = SyncStore(self.store).devices()
        found = [SyncDevice(r.device, r.name, r.last_seen, False) for r in rows if r.device != me]
        return [SyncDevice(me, self.device_name(), None, True), *found]

    def block_devices(self, blocks: list[Block]) -> dict[int, str]:
        """Block id → the name of the device that recorded it."""
        ss = SyncStore(self.store)
        names = ss.device_names()
        me = ss.known_device_id()  # a read never makes the id: it may run on a full disk
        if me is not None:
            names[me] = self.device_name()
        origins = ss.remote_origins([b.id for b in blocks if b.id < 0])
        mine = self.device_name()
        return {b.id: names.get(origins.get(b.id, ""), "?") if b.id < 0 else mine for b in blocks}

    def status(self) -> Status:
        base = super().status()
        if not self._has_remote():
            return base
        names = SyncStore(self.store).device_names()
        elsewhere = tuple(
            (block, names.get(origin, "?"), seen)
            for block, origin, seen in SyncStore(self.store).running_elsewhere()
        )
        return Status(base.now, base.running, base.today, base.stale, elsewhere)

    def _device_extras(self) -> dict[str, Any]:
        """More for device.json: the team view's person id and private labels (§17), which
        the team part gives."""
        return {}

    # -- the sync itself ------------------------------------------------------------------

    def sync(
        self,
        new_device: bool = False,
        heartbeat_every: int = 0,
        device_written_at: int | None = None,
    ) -> SyncOutcome:
        """Publish this device's changes and merge the others' now.

        ``new_device``: this database was copied from another PC (``sync_device_clash``):
        go on under a new device id. ``heartbeat_every``: rewrite ``device.json`` only when
        something was published or it is older than this (0: always); ``device_written_at``:
        when it was written last (a tray's worker thread has a new service each time).
        """
        if device_written_at is not None:
            self._device_written_at = device_written_at
        folder = self.sync_folder()
        if folder is None:
            raise TrackerError(code="sync_off")
        self._check_folder(folder)
        ss = SyncStore(self.store)
        me = self.device_id()
        now = self.clock.now()
        others = syncfiles.device_ids(folder)
        infos = {d: syncfiles.read_device(folder, d) for d in others if d != me}
        clashes = self._clashes(folder, me, ss, infos)
        if clashes:
            if not new_device:
                raise TrackerError(
                    code="sync_device_clash",
                    params={"files": ", ".join(p.name for p in clashes[:3])},
                )
            old, me = me, uuid.uuid4().hex
            ss.become_new(me, old)
        if not ss.ever_published():
            ss.queue_everything()  # turning sync on publishes the history once
        ops = ss.pending(me, now)
        if ops:
            batch = syncfiles.prepare_batch(folder, me, ss.reserve_seq(), now, ops)
            ss.record_own_batch(me, batch.seq, batch.digest, batch.path.name)
            self._write(folder, lambda: syncfiles.write_batch(batch))
            ss.mark_published(ops)
        due = self._device_written_at is None or now - self._device_written_at >= heartbeat_every
        if ops or due:
            info = syncfiles.DeviceInfo(
                me, self.device_name(), now, tuple(ss.adopted()), **self._device_extras()
            )
            self._write(folder, lambda: syncfiles.write_device(folder, info))
            self._device_written_at = now
        merged, unreadable = self._merge_others(folder, me, ss, infos)
        devices = tuple(self.sync_devices())
        return SyncOutcome(
            now, folder, me, len(ops), merged, devices, tuple(unreadable), self._device_written_at
        )

    def _check_folder(self, folder: Path) -> None:
        try:
            if folder.exists() and not folder.is_dir():  # a file, a FIFO, a device
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
            if not folder.is_dir():
                raise FileNotFoundError(errno.ENOENT, "no such folder")
            (folder / syncfiles.ROOT).mkdir(exist_ok=True, mode=0o700)
        except OSError as exc:
            raise TrackerError(
                code="sync_folder_missing",
                params={"folder": folder, "reason": exc.strerror or str(exc)},
            ) from None

    def _write(self, folder: Path, write: Callable[[], None]) -> None:
        try:
            write()
        except (TrackerError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise TrackerError(
                code="sync_folder_missing",
                params={"folder": folder, "reason": reason or str(exc)},
            ) from None

    def _clashes(
        self,
        folder: Path,
        me: str,
        ss: SyncStore,
        infos: dict[str, syncfiles.DeviceInfo | None],
    ) -> list[Path]:
        """Batches under this device's id that this database did not write."""
        adopted = {a for info in infos.values() if info is not None for a in info.adopted}
        found: list[Path] = []
        for path in syncfiles.batch_files(folder, me):
            if ss.known_file(me, path.name):
                continue
            batch = syncfiles.read_batch(path, me)
            if isinstance(batch, syncfiles.Unreadable):
                continue  # still arriving: looked at again next time
            if ss.known_batch(me, batch.seq, batch.digest):
                continue
            if (me, batch.seq, batch.digest) not in adopted:
                found.append(path)
        return found

    def _merge_others(
        self,
        folder: Path,
        me: str,
        ss: SyncStore,
        infos: dict[str, syncfiles.DeviceInfo | None],
    ) -> tuple[int, list[syncfiles.Unreadable]]:
        merged = 0
        unreadable: list[syncfiles.Unreadable] = []
        for device, info in infos.items():
            latest = info.last_seen if info is not None else None
            for path in syncfiles.batch_files(folder, device):
                if ss.known_file(device, path.name):
                    continue
                batch = syncfiles.read_batch(path, device)
                if isinstance(batch, syncfiles.Unreadable):
                    unreadable.append(batch)
                    continue
                if ss.known_batch(device, batch.seq, batch.digest):
                    ss.record_copy(device, batch.seq, batch.digest, path.name)
                    continue
                merged += ss.merge_batch(device, batch.seq, batch.digest, path.name, batch.ops)
                edits = [op.edited_at for op in batch.ops]
                if edits:
                    latest = max(latest or 0, *edits)
            name = info.name if info is not None else device[:8]
            ss.record_device(device, name, latest)
        return merged, unreadable


def describe_age(seconds: int) -> str:
    """'just now', '5 min ago', '3 h ago', '2 days ago' (the CLI's wording)."""
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"
