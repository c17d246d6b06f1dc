"""Blocks recorded on another PC, changed here (docs/architecture.md §16.4): each change is a
version made by this device, kept in ``sync_versions`` beside the others' and published like
a change of a local block, so every PC merges it to the same winner.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.model import Block, Source
from tracker.domain.sync import BlockVersion
from tracker.store.sync_merge import _FOREVER, _KINDS, SyncTables

_ROW = "id, gid, origin, kind, label, note, started_at, ended_at, edited_at, deleted"


@dataclass(frozen=True, slots=True)
class RemoteRow:
    """A merged block: as the editor shows it (negative id), its gid, the device that
    recorded it, its winning version's edit time, whether that version is a delete."""

    block: Block
    gid: str
    origin: str
    edited_at: int
    deleted: bool


def _remote(row: tuple[object, ...]) -> RemoteRow:
    i, gid, origin, kind, label, note, start, end, edited, deleted = row
    block = Block(
        -int(str(i)), _KINDS[str(kind)], str(label), str(note), int(str(start)),
        None if end is None else int(str(end)), None, Source.MANUAL,
    )  # fmt: skip
    return RemoteRow(block, str(gid), str(origin), int(str(edited)), bool(deleted))


class RemoteTables(SyncTables):
    def remote_row(self, block_id: int) -> RemoteRow | None:
        """The merged block with this (negative) id, deleted or not; None if there is none."""
        if not -_FOREVER <= block_id < 0:
            return None
        row = self._one(f"SELECT {_ROW} FROM sync_blocks WHERE id = ?", (-block_id,))
        return None if row is None else _remote(row)

    def remote_in_way(self, origin: str, start: int, end: int | None, gid: str) -> Block | None:
        """A block of device ``origin`` (other than ``gid``) that a block from ``start`` to
        ``end`` (None: running) would overlap: blocks of one device never overlap."""
        row = self._one(
            f"""SELECT {_ROW} FROM sync_blocks WHERE origin = ? AND NOT deleted AND gid != ?
            AND started_at < ? AND coalesce(ended_at, ?) > ? ORDER BY started_at LIMIT 1""",
            (origin, gid, _FOREVER if end is None else end, _FOREVER, start),
        )
        return None if row is None else _remote(row).block

    def remote_running(self, origin: str, gid: str) -> Block | None:
        row = self._one(
            f"SELECT {_ROW} FROM sync_blocks WHERE origin = ? AND NOT deleted AND gid != ?"
            " AND ended_at IS NULL",
            (origin, gid),
        )
        return None if row is None else _remote(row).block

    def write_remote(self, version: BlockVersion, row_id: int | None = None) -> RemoteRow:
        """Keep this device's version of a merged block, let it win where it does, and
        queue it for publishing. ``row_id`` (positive): the row a block added again takes."""
        with self.store.write() as conn:
            self._keep_version(version)
            self._settle(version.gid, row_id)
            conn.execute("DELETE FROM sync_outbox WHERE what = 'block' AND key = ?", (version.gid,))
            conn.execute("INSERT INTO sync_outbox (what, key) VALUES ('block', ?)", (version.gid,))
            row = self._one(f"SELECT {_ROW} FROM sync_blocks WHERE gid = ?", (version.gid,))
        assert row is not None  # just settled
        return _remote(row)

    def own_version(self, gid: str, device: str) -> BlockVersion | None:
        """This device's latest version of a block recorded elsewhere (to publish)."""
        versions = [v for v in self._versions(gid) if v.device == device]
        return max(versions, key=lambda v: v.rank) if versions else None
