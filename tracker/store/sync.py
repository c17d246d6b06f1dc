"""Sync's tables: what to publish, what was merged from other devices, the merged view (§16).

Local blocks stay in ``blocks`` with every invariant as before; blocks recorded on other
devices live in ``sync_blocks`` (their winning version), so the no-overlap and one-running
rules hold per device. Triggers (``schema`` m004) put every changed block, note and target
entry into ``sync_outbox``; :meth:`SyncStore.pending` turns them into ops.
"""

from __future__ import annotations

import functools
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from tracker.domain.sync import BlockVersion, NoteVersion, Op, TargetVersion, next_edit_time
from tracker.store import errors
from tracker.store.schema import LOCAL_GID
from tracker.store.sync_merge import _KINDS, DeviceRow, SyncTables, block_digest
from tracker.store.sync_remote import RemoteRow, RemoteTables
from tracker.store.sync_totals import MergedTotals

__all__ = ["DEVICE_KEY", "SEQ_KEY", "DeviceRow", "RemoteRow", "SyncStore"]

DEVICE_KEY = "sync_device_id"
SEQ_KEY = "sync_seq"


class SyncStore(RemoteTables, MergedTotals):
    """Sync's reads and writes over a :class:`Store`'s connection and transactions; this
    device's identity and publishing here, merging and the merged view in ``SyncTables``."""

    # -- identity -------------------------------------------------------------------------

    def device_id(self, new: str) -> str:
        """This database's device id, made (from ``new``) the first time it is asked."""
        row = self._one("SELECT value FROM settings WHERE key = ?", (DEVICE_KEY,))
        if row is not None:
            return str(row[0])
        self.store.set_setting(DEVICE_KEY, new)
        return new

    def known_device_id(self) -> str | None:
        """This database's device id if one was made (a read never makes one)."""
        row = self._one("SELECT value FROM settings WHERE key = ?", (DEVICE_KEY,))
        return None if row is None else str(row[0])

    def reserve_seq(self) -> int:
        row = self._one("SELECT value FROM settings WHERE key = ?", (SEQ_KEY,))
        seq = int(str(row[0])) + 1 if row is not None else 1
        self.store.set_setting(SEQ_KEY, str(seq))
        return seq

    def ever_published(self) -> bool:
        return self._one("SELECT 1 FROM settings WHERE key = ?", (SEQ_KEY,)) is not None

    def become_new(self, new: str, old: str) -> None:
        """A copied database turns into a device of its own: a new id, everything local
        published again under it (the same blocks, the same global ids: nothing doubles)."""
        with self.store.write() as conn:
            # the gids derived from the old id stay the blocks' gids (nothing doubles)
            conn.execute(
                f"UPDATE blocks SET gid = {LOCAL_GID.format(device='?', row='')} WHERE gid IS NULL",
                (old,),
            )
            conn.execute("UPDATE settings SET value = ? WHERE key = ?", (new, DEVICE_KEY))
            self._prefix_cache = ""
            conn.execute("DELETE FROM settings WHERE key = ?", (SEQ_KEY,))
            conn.execute("DELETE FROM sync_published")
            conn.execute("UPDATE sync_files SET mine = 2 WHERE device = ? AND mine = 1", (old,))

    def adopted(self) -> list[tuple[str, int, str]]:
        """The batches this database wrote under an id it gave up (a copied database)."""
        rows = self.conn.execute(
            "SELECT DISTINCT device, seq, digest FROM sync_files WHERE mine = 2 ORDER BY 1, 2"
        )
        return [(str(d), int(s), str(h)) for d, s, h in rows]

    # -- publishing -----------------------------------------------------------------------

    def queue_everything(self) -> None:
        """Turning sync on publishes the whole history once."""
        with self.store.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO sync_outbox (what, key) SELECT 'block',"
                f" coalesce(gid, {LOCAL_GID.format(device='?', row='')}) FROM blocks",
                (self.device_id(uuid.uuid4().hex),),
            )
            # blocks deleted while sync was off, once published: their deletes go out
            conn.execute(
                "INSERT OR IGNORE INTO sync_outbox (what, key)"
                " SELECT what, key FROM sync_published WHERE what = 'block'"
            )
            conn.execute(
                "INSERT OR IGNORE INTO sync_outbox (what, key) SELECT 'note', day FROM day_notes"
            )
            conn.execute(
                "INSERT OR IGNORE INTO sync_outbox (what, key)"
                " SELECT 'target', effective_day FROM targets ORDER BY effective_day"
            )

    def pending(self, device: str, now: int) -> list[Op]:
        """The ops that publish every change since the last batch (nothing changed: [])."""
        ops: list[Op] = []
        target_floor = int(
            str(
                self._one(
                    "SELECT coalesce(max(edited_at), 0) FROM sync_published WHERE what = 'target'"
                )[0]  # type: ignore[index]  # an aggregate always returns a row
            )
        )
        outbox = self.conn.execute(
            "SELECT what, key, at FROM sync_outbox ORDER BY coalesce(at, :now), rowid",
            {"now": now},
        ).fetchall()
        for what, key, stamped in outbox:
            published = self._one(
                "SELECT edited_at, digest FROM sync_published WHERE what = ? AND key = ?",
                (what, key),
            )
            prev = None if published is None else int(str(published[0]))
            op: Op | None
            if what == "block":
                op = self._block_op(device, key, now, prev, published)
            elif what == "note":
                row = self._one("SELECT note, updated_at FROM day_notes WHERE day = ?", (key,))
                note = "" if row is None else str(row[0])
                at = (stamped or now) if row is None else int(str(row[1]))
                if published is not None and published[1] == note:
                    continue  # a cleared note is published even if never sent: another
                    # PC may hold an older note for that day
                op = NoteVersion(key, note, device, next_edit_time(at, prev))
            else:
                row = self._one("SELECT target FROM targets WHERE effective_day = ?", (key,))
                if row is None:
                    continue  # dropped by a later change to an earlier day: implied
                if published is not None and published[1] == repr(float(str(row[0]))):
                    continue  # out already (sync turned on again): a later stamp would
                    # drop the entries other PCs made for later days since
                target_floor = next_edit_time(stamped or now, target_floor)
                op = TargetVersion(key, float(str(row[0])), device, target_floor)
            if op is not None:
                ops.append(op)
        return ops

    def _block_op(
        self,
        device: str,
        gid: str,
        now: int,
        prev: int | None,
        published: tuple[object, ...] | None,
    ) -> BlockVersion | None:
        row = self._local(gid, "kind, label, note, started_at, ended_at, updated_at")
        if row is None:
            own = self.own_version(gid, device)
            if own is not None:  # a block recorded elsewhere, changed here
                if published is not None and int(str(published[0])) == own.edited_at:
                    return None
                return own
            if published is None or published[1] == "deleted":
                return None  # never left this PC, or its delete is out already
            return BlockVersion(gid, device, next_edit_time(now, prev), device, deleted=True)
        kind, label, note, start, end, updated = row
        if published is not None and published[1] == block_digest(*row[:5]):
            return None
        return BlockVersion(
            gid,
            device,
            next_edit_time(int(str(updated)), prev),
            device,
            _KINDS[str(kind)],
            str(label),
            str(note),
            int(str(start)),
            None if end is None else int(str(end)),
        )

    def stamp(self, what: str, day: str, at: int) -> None:
        """When the target entry or day note for ``day`` was set (the triggers cannot know
        the service's clock; a cleared note has no row left to say it)."""
        with self.store.write() as conn:
            conn.execute(
                "UPDATE sync_outbox SET at = ? WHERE what = ? AND key = ?", (at, what, day)
            )

    def record_own_batch(self, device: str, seq: int, digest: str, name: str) -> None:
        """Before the file is written: its digest, so finding it later is no clash."""
        with self.store.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO sync_files VALUES (?, ?, ?, ?, 1)",
                (device, seq, digest, name),
            )

    def mark_published(self, ops: Iterable[Op]) -> None:
        with self.store.write() as conn:
            for op in ops:
                if isinstance(op, BlockVersion):
                    what, key = "block", op.gid
                    if op.deleted:  # kept: a later edit from elsewhere never revives it
                        self._keep_version(op)
                    digest = (
                        "deleted"
                        if op.deleted
                        else block_digest(
                            op.kind.value, op.label, op.note, op.started_at, op.ended_at
                        )
                    )
                elif isinstance(op, NoteVersion):
                    what, key, digest = "note", op.day, op.note
                    self._set_value("note", op.day, op.note, op.device, op.edited_at)
                else:
                    what, key, digest = "target", op.day, repr(op.target)
                    self._set_value("target", op.day, repr(op.target), op.device, op.edited_at)
                conn.execute(
                    "INSERT OR REPLACE INTO sync_published VALUES (?, ?, ?, ?)",
                    (what, key, op.edited_at, digest),
                )
                conn.execute("DELETE FROM sync_outbox WHERE what = ? AND key = ?", (what, key))


def _translated(method: Callable[..., Any]) -> Callable[..., Any]:
    """No ``sqlite3`` error leaves the store (as ``Store``'s own methods)."""

    @functools.wraps(method)
    def call(self: SyncStore, /, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise errors.translate(self.store.path, exc) from exc

    return call


for _cls in (SyncTables, RemoteTables, MergedTotals, SyncStore):
    for _name, _member in list(vars(_cls).items()):
        if callable(_member) and not _name.startswith("_"):
            setattr(SyncStore, _name, _translated(_member))
