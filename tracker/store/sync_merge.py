"""Sync's merging side (§16): others' batches folded into ``sync_versions``/``sync_blocks``
and the merged view read back from them. :class:`SyncStore` (``store/sync.py``) adds this
device's identity and publishing on top and is the one class the service uses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.model import Block, Kind, Source
from tracker.domain.sync import (
    BlockVersion,
    NoteVersion,
    Op,
    TargetVersion,
    merge,
    next_edit_time,
)
from tracker.store.schema import LOCAL_GID
from tracker.store.store import Store

_FOREVER = 9223372036854775807


def block_digest(*parts: object) -> str:
    """What was published of a block, compared to know whether it changed since."""
    import hashlib  # here: OpenSSL's libcrypto (3 MB) loads only when sync is used

    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


_KINDS = {k.value: k for k in Kind}


@dataclass(frozen=True, slots=True)
class DeviceRow:
    device: str
    name: str
    last_seen: int | None
    last_change: int | None


class SyncTables:
    """Sync's reads and writes over a :class:`Store`'s connection and transactions: the
    connection, and merging others' batches into the merged view."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def _one(self, sql: str, args: Sequence[object] = ()) -> tuple[object, ...] | None:
        row: tuple[object, ...] | None = self.conn.execute(sql, args).fetchone()
        return row

    def _prefix(self) -> str:
        """The first part of a gid derived for a block recorded here (``LOCAL_GID``);
        asked once per merge or publish of a batch (``become_new`` forgets it)."""
        cached: str | None = getattr(self, "_prefix_cache", None)
        if cached:
            return cached
        row = self._one("SELECT substr(value, 1, 8) FROM settings WHERE key = 'sync_device_id'")
        self._prefix_cache = "" if row is None else str(row[0])
        return self._prefix_cache

    def _local(self, gid: str, columns: str) -> tuple[object, ...] | None:
        """``columns`` of the block recorded here that has ``gid`` (derived or stored)."""
        prefix = self._prefix()
        if prefix and len(gid) == 32 and gid.startswith(prefix):
            try:
                created, ident = int(gid[8:16], 16), int(gid[16:], 16)
            except ValueError:
                created = ident = -1
            if 0 < ident < _FOREVER:
                row = self._one(
                    f"SELECT {columns} FROM blocks WHERE id = ? AND created_at = ? AND gid IS NULL",
                    (ident, created),
                )
                if row is not None:
                    return row
        return self._one(f"SELECT {columns} FROM blocks WHERE gid = ?", (gid,))

    def _set_value(self, what: str, key: str, value: str, device: str, at: int) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_values VALUES (?, ?, ?, ?, ?)",
            (what, key, value, device, at),
        )

    # -- reading others' batches ----------------------------------------------------------

    def known_file(self, device: str, name: str) -> bool:
        return (
            self._one("SELECT 1 FROM sync_files WHERE device = ? AND name = ?", (device, name))
            is not None
        )

    def known_batch(self, device: str, seq: int, digest: str) -> bool:
        return (
            self._one(
                "SELECT 1 FROM sync_files WHERE device = ? AND seq = ? AND digest = ?",
                (device, seq, digest),
            )
            is not None
        )

    def merge_batch(self, device: str, seq: int, digest: str, name: str, ops: Sequence[Op]) -> int:
        """Fold one batch of another device in; returns how many winners changed."""
        changed = 0
        targets_changed = False
        with self.store.write() as conn:
            for op in ops:
                if isinstance(op, BlockVersion):
                    changed += self._merge_block(op)
                elif self._merge_value(op):
                    changed += 1
                    if isinstance(op, NoteVersion):
                        self._apply_note(op)
                    else:
                        targets_changed = True
            if targets_changed:
                self._apply_targets()
            conn.execute(
                "INSERT OR IGNORE INTO sync_files VALUES (?, ?, ?, ?, 0)",
                (device, seq, digest, name),
            )
        return changed

    def record_copy(self, device: str, seq: int, digest: str, name: str) -> None:
        """A copy of a batch already merged (a conflict copy): not read again."""
        with self.store.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO sync_files VALUES (?, ?, ?, ?, 0)",
                (device, seq, digest, name),
            )

    def _merge_block(self, op: BlockVersion) -> int:
        self._keep_version(op)
        local = self._local(op.gid, "kind, label, note, started_at, ended_at, updated_at, id")
        if local is not None:
            return self._settle_local(op.gid, local)
        self._keep_local_delete(op.gid)
        return self._settle(op.gid)

    def _keep_local_delete(self, gid: str) -> None:
        """A block recorded here and deleted here (published or not yet) stays deleted
        when another PC's edit of it arrives: its tombstone joins the versions."""
        published = self._one(
            "SELECT edited_at, digest FROM sync_published WHERE what = 'block' AND key = ?",
            (gid,),
        )
        if published is None:
            return  # never this PC's block
        me_row = self._one("SELECT value FROM settings WHERE key = 'sync_device_id'")
        me = "" if me_row is None else str(me_row[0])
        at = int(str(published[0]))
        if published[1] != "deleted":
            pending = self._one(
                "SELECT 1 FROM sync_outbox WHERE what = 'block' AND key = ?", (gid,)
            )
            if pending is None or any(v.device == me for v in self._versions(gid)):
                return  # not deleted here, or a block from elsewhere this PC changed
            at = next_edit_time(at, at)  # published with this stamp by ``pending``
        self._keep_version(BlockVersion(gid, me, at, me, deleted=True))

    def _keep_version(self, op: BlockVersion) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (op.gid, op.device, op.edited_at, op.origin, op.kind.value, op.label, op.note,
             op.started_at, op.ended_at, int(op.deleted)),
        )  # fmt: skip

    def _versions(self, gid: str) -> list[BlockVersion]:
        rows = self.conn.execute(
            "SELECT gid, device, edited_at, origin, kind, label, note, started_at, ended_at,"
            " deleted FROM sync_versions WHERE gid = ?",
            (gid,),
        ).fetchall()
        return [
            BlockVersion(g, d, e, o, _KINDS[k], lb, n, s, en, bool(x))
            for g, d, e, o, k, lb, n, s, en, x in rows
        ]

    def _settle(self, gid: str, row_id: int | None = None) -> int:
        """Put the winning version of a block recorded elsewhere into ``sync_blocks``;
        ``row_id``: the (positive) row it takes (a block added again keeps its id)."""
        win = merge(self._versions(gid)).blocks[gid]
        old = self._one("SELECT editor, edited_at, deleted FROM sync_blocks WHERE gid = ?", (gid,))
        if old is not None and (old[0], old[1], bool(old[2])) == (
            win.device,
            win.edited_at,
            win.deleted,
        ):
            return 0
        if row_id is not None:
            self.conn.execute("DELETE FROM sync_blocks WHERE id = ?", (row_id,))
        self.conn.execute(
            """INSERT INTO sync_blocks (id, gid, origin, kind, label, note, started_at, ended_at,
                edited_at, editor, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (gid) DO UPDATE SET origin = excluded.origin, kind = excluded.kind,
                label = excluded.label, note = excluded.note, started_at = excluded.started_at,
                ended_at = excluded.ended_at, edited_at = excluded.edited_at,
                editor = excluded.editor, deleted = excluded.deleted""",
            (row_id, win.gid, win.origin, win.kind.value, win.label, win.note, win.started_at,
             win.ended_at, win.edited_at, win.device, int(win.deleted)),
        )  # fmt: skip
        return 1

    def _holds(self, gid: str, win: BlockVersion) -> bool:
        """Whether this PC's row of ``gid`` is ``win`` already (merged earlier)."""
        published = self._one(
            "SELECT edited_at, digest FROM sync_published WHERE what = 'block' AND key = ?",
            (gid,),
        )
        digest = block_digest(win.kind.value, win.label, win.note, win.started_at, win.ended_at)
        return published == (win.edited_at, digest) and not win.deleted

    def _settle_local(self, gid: str, local: tuple[object, ...]) -> int:
        """A block recorded here that another PC edited: the later edit wins (§16.4). This
        PC's own version competes as it is (or will be) published; a winner from elsewhere
        is written into ``blocks`` as merged, not as an edit to publish again."""
        me_row = self._one("SELECT value FROM settings WHERE key = 'sync_device_id'")
        me = "" if me_row is None else str(me_row[0])
        kind, label, note, start, end, updated, ident = local
        published = self._one(
            "SELECT edited_at, digest FROM sync_published WHERE what = 'block' AND key = ?",
            (gid,),
        )
        prev = None if published is None else int(str(published[0]))
        digest = block_digest(kind, label, note, start, end)
        at = (
            prev
            if published is not None and prev is not None and published[1] == digest
            else next_edit_time(int(str(updated)), prev)
        )
        own = BlockVersion(
            gid, me, at, me, _KINDS[str(kind)], str(label), str(note), int(str(start)),
            None if end is None else int(str(end)),
        )  # fmt: skip
        versions = self._versions(gid)
        content = (own.kind, own.label, own.note, own.started_at, own.ended_at)
        merged_here = at == prev and any(
            (v.edited_at, v.kind, v.label, v.note, v.started_at, v.ended_at) == (at, *content)
            for v in versions
        )  # what this PC holds is a version merged from elsewhere, unchanged since
        mine = None if merged_here else own
        win = merge([*versions, *([] if mine is None else [mine])]).blocks[gid]
        if win == mine or win.device == me or (mine is None and self._holds(gid, win)):
            return 0
        try:
            with self.store.write() as conn:
                if win.deleted:
                    conn.execute("DELETE FROM blocks WHERE id = ?", (ident,))
                else:
                    conn.execute(
                        "UPDATE blocks SET kind = ?, label = ?, note = ?, started_at = ?,"
                        " ended_at = ?, updated_at = ? WHERE id = ?",
                        (win.kind.value, win.label, win.note, win.started_at, win.ended_at,
                         win.edited_at, ident),
                    )  # fmt: skip
        except sqlite3.IntegrityError:
            # two edits made apart broke this PC's no-overlap rule together: the merged
            # version is shown as every PC shows it, apart from this PC's own blocks
            self.conn.execute("DELETE FROM blocks WHERE id = ?", (ident,))
            self._settle(gid)
        self.conn.execute("DELETE FROM sync_outbox WHERE what = 'block' AND key = ?", (gid,))
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_published VALUES ('block', ?, ?, ?)",
            (gid, win.edited_at, "deleted" if win.deleted else block_digest(
                win.kind.value, win.label, win.note, win.started_at, win.ended_at)),
        )  # fmt: skip
        return 1

    def _merge_value(self, op: NoteVersion | TargetVersion) -> bool:
        what = "note" if isinstance(op, NoteVersion) else "target"
        value = op.note if isinstance(op, NoteVersion) else repr(op.target)
        old = self._one(
            "SELECT value, device, edited_at FROM sync_values WHERE what = ? AND key = ?",
            (what, op.day),
        )
        if old is not None:
            old_rank = (int(str(old[2])), str(old[1]), str(old[0]))
            if (op.edited_at, op.device, value) <= old_rank:
                return False
        self._set_value(what, op.day, value, op.device, op.edited_at)
        return True

    def _apply_note(self, op: NoteVersion) -> None:
        if op.note:
            self.conn.execute(
                "INSERT INTO day_notes (day, note, updated_at) VALUES (?, ?, ?) ON CONFLICT (day)"
                " DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
                (op.day, op.note, op.edited_at),
            )
        else:
            self.conn.execute("DELETE FROM day_notes WHERE day = ?", (op.day,))
        # merged, not edited here: nothing to publish again
        self.conn.execute("DELETE FROM sync_outbox WHERE what = 'note' AND key = ?", (op.day,))
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_published VALUES ('note', ?, ?, ?)",
            (op.day, op.edited_at, op.note),
        )

    def _apply_targets(self) -> None:
        rows = self.conn.execute(
            "SELECT key, value, device, edited_at FROM sync_values WHERE what = 'target'"
        ).fetchall()
        merged = merge(TargetVersion(k, float(v), d, e) for k, v, d, e in rows)
        entries = merged.target_entries()
        self.conn.execute("DELETE FROM targets")
        self.conn.executemany("INSERT INTO targets VALUES (?, ?)", entries)
        self.conn.execute("DELETE FROM sync_outbox WHERE what = 'target'")
        # merged, not set here: never published again as this PC's (turning sync on
        # later would give them a new stamp that wins over newer entries elsewhere)
        self.conn.executemany(
            "INSERT OR REPLACE INTO sync_published VALUES ('target', ?, ?, ?)",
            [(day, merged.targets[day].edited_at, repr(value)) for day, value in entries],
        )

    def record_device(self, device: str, name: str, last_seen: int | None) -> None:
        with self.store.write() as conn:
            conn.execute(
                """INSERT INTO sync_devices (device, name, last_seen) VALUES (?, ?, ?)
                ON CONFLICT (device) DO UPDATE SET name = excluded.name,
                    last_seen = max(coalesce(last_seen, 0), coalesce(excluded.last_seen, 0))""",
                (device, name, last_seen),
            )

    def devices(self) -> list[DeviceRow]:
        rows = self.conn.execute(
            "SELECT device, name, last_seen, last_change FROM sync_devices ORDER BY name, device"
        )
        return [DeviceRow(*r) for r in rows]

    # -- the merged view ------------------------------------------------------------------

    def has_remote(self) -> bool:
        return self._one("SELECT 1 FROM sync_blocks WHERE NOT deleted LIMIT 1") is not None

    def remote_between(self, start: int, end: int) -> list[tuple[Block, str]]:
        """Other devices' blocks touching [start, end), each with its recording device id;
        a running one ends at its device's last-seen time (a crashed PC adds no hours).
        Ids are negative: they name no local block."""
        rows = self.conn.execute(
            """SELECT -b.id, b.kind, b.label, b.note, b.started_at,
                coalesce(b.ended_at, max(coalesce(d.last_seen, 0), b.started_at)), b.origin,
                b.ended_at IS NULL
            FROM sync_blocks AS b LEFT JOIN sync_devices AS d ON d.device = b.origin
            WHERE NOT b.deleted AND b.started_at < :end
              AND coalesce(b.ended_at, :forever) > :start
            ORDER BY b.started_at""",
            {"start": start, "end": end, "forever": _FOREVER},
        ).fetchall()
        out: list[tuple[Block, str]] = []
        for i, kind, label, note, s, e, origin, running in rows:
            if e <= s or (running and e <= start):
                continue  # a running block never seen after its start counts nothing yet
            out.append((Block(i, _KINDS[kind], label, note, s, e, None, Source.MANUAL), origin))
        return out

    def running_elsewhere(self) -> list[tuple[Block, str, int | None]]:
        """Other devices' running blocks: (block, device id, that device's last-seen)."""
        rows = self.conn.execute(
            """SELECT -b.id, b.kind, b.label, b.note, b.started_at, b.origin, d.last_seen
            FROM sync_blocks AS b LEFT JOIN sync_devices AS d ON d.device = b.origin
            WHERE NOT b.deleted AND b.ended_at IS NULL ORDER BY b.started_at"""
        ).fetchall()
        return [
            (Block(i, _KINDS[k], lb, n, s, None, seen, Source.MANUAL), origin, seen)
            for i, k, lb, n, s, origin, seen in rows
        ]

    def remote_origins(self, ids: Sequence[int]) -> dict[int, str]:
        """Merged block id (negative) → the id of the device that recorded it."""
        found: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = [-x for x in ids[i : i + 500]]
            marks = ", ".join("?" * len(chunk))
            found.update(
                (-r, o)
                for r, o in self.conn.execute(
                    f"SELECT id, origin FROM sync_blocks WHERE id IN ({marks})", chunk
                )
            )
        return found

    def device_names(self) -> dict[str, str]:
        return {
            str(d): str(n) for d, n in self.conn.execute("SELECT device, name FROM sync_devices")
        }

    def gids(self, ids: Sequence[int]) -> dict[int, str]:
        """Local block id → global id (for tie-breaking overlaps the same way everywhere)."""
        found: dict[int, str] = {}
        expr = f"coalesce(gid, {LOCAL_GID.format(device='?', row='')})"
        device = self._one("SELECT value FROM settings WHERE key = 'sync_device_id'")
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ", ".join("?" * len(chunk))
            found.update(
                (i, g)
                for i, g in self.conn.execute(
                    f"SELECT id, {expr} FROM blocks WHERE id IN ({marks})",
                    [None if device is None else device[0], *chunk],
                )
                if g is not None  # no device id yet: nothing derived (the caller's own key)
            )
        return found

    def remote_gids(self, ids: Sequence[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = [-x for x in ids[i : i + 500]]
            marks = ", ".join("?" * len(chunk))
            found.update(
                (-r, g)
                for r, g in self.conn.execute(
                    f"SELECT id, gid FROM sync_blocks WHERE id IN ({marks})", chunk
                )
            )
        return found
