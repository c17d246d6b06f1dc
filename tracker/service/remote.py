"""Changing blocks recorded on another PC (negative ids; docs/architecture.md §16.4).

Every change is a version made by this device: edit, kind, delete, split, merge, and the
editor's undo and redo. The per-device rules still hold: a block never overlaps another
block of the device that recorded it. Merging blocks of different devices is refused (a
block belongs to one device's timeline); the part a split cuts off belongs to the device
that recorded the block. Another PC's running block can be edited or deleted, not split or
merged (that PC is still extending it).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace

from tracker.domain.model import Block, Kind, ValidationError, check_span, clean_note
from tracker.domain.sync import BlockVersion, next_edit_time
from tracker.service.editing import Editing
from tracker.store import ConflictError, NotFoundError
from tracker.store.sync import RemoteRow, SyncStore


class RemoteEditing(Editing):
    def _remote(self, block_id: int) -> RemoteRow:
        row = SyncStore(self.store).remote_row(block_id)
        if row is None or row.deleted:
            raise NotFoundError(code="no_block", params={"id": block_id})
        return row

    def _refuse_running(self, row: RemoteRow) -> None:
        if row.block.running:
            names = SyncStore(self.store).device_names()
            raise ValidationError(
                code="sync_remote_block",
                params={"id": row.block.id, "device": names.get(row.origin, row.origin[:8])},
            )

    def _put_remote(
        self, row: RemoteRow, block: Block, deleted: bool = False, revive: bool = False
    ) -> Block:
        """Write this device's version of ``row``'s block (a new gid when ``revive``: a
        deleted block added again is a new block everywhere)."""
        ss = SyncStore(self.store)
        me = ss.device_id(uuid.uuid4().hex)
        gid = uuid.uuid4().hex if revive else row.gid
        if not deleted:
            check_span(block.started_at, block.ended_at)
            now = self.clock.now()
            if block.started_at > now or (block.ended_at or 0) > now:
                raise ValidationError(code="reaches_future")
            other = ss.remote_in_way(row.origin, block.started_at, block.ended_at, gid)
            if other is None and row.origin == me:
                other = self.store.overlapping(block.started_at, block.ended_at)
            if other is None and block.ended_at is None:
                run = ss.remote_running(row.origin, gid)
                if run is not None:
                    raise ConflictError(
                        other=run, code="conflict_running", params={"block": run}, tz=self.tz
                    )
            if other is not None:
                raise ConflictError(
                    other=other, code="overlap", params={"block": other}, tz=self.tz
                )
        at = next_edit_time(self.clock.now(), None if revive else row.edited_at)
        if deleted:
            version = BlockVersion(gid, me, at, row.origin, deleted=True)
        else:
            b = block
            version = BlockVersion(
                gid, me, at, row.origin, b.kind, b.label, b.note, b.started_at, b.ended_at
            )
        return ss.write_remote(version, -block.id if revive and block.id < 0 else None).block

    def get_block(self, block_id: int) -> Block:
        if block_id < 0:
            return self._remote(block_id).block
        return super().get_block(block_id)

    def edit_block(
        self,
        block_id: int,
        kind: Kind | None = None,
        label: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Block:
        if block_id >= 0:
            return super().edit_block(block_id, kind, label, note, start, end)
        with self.store.write():
            row = self._remote(block_id)
            return self._put_remote(row, self._edited(row.block, kind, label, note, start, end))

    def delete_block(self, block_id: int) -> Block:
        if block_id >= 0:
            return super().delete_block(block_id)
        with self.store.write():
            row = self._remote(block_id)
            self._put_remote(row, row.block, deleted=True)
            return row.block

    def split_block(self, block_id: int, at: int) -> tuple[Block, Block]:
        if block_id >= 0:
            return super().split_block(block_id, at)
        with self.store.write():
            row = self._remote(block_id)
            self._refuse_running(row)
            block = row.block
            end = block.end_or(self.clock.now())
            if not block.started_at < at < end:
                raise ValidationError(
                    code="split_outside", params={"at": at, "block": block}, tz=self.tz
                )
            first = self._put_remote(row, replace(block, ended_at=at))
            # the second part is a new block of the device that recorded the first
            second = self._put_remote(row, replace(block, id=0, started_at=at), revive=True)
            return first, second

    def merge_blocks(self, block_ids: Sequence[int]) -> Block:
        ids = list(dict.fromkeys(block_ids))
        if all(i >= 0 for i in ids):
            return super().merge_blocks(ids)
        with self.store.write():
            if len(ids) < 2:
                raise ValidationError(code="merge_too_few")
            rows = [self._remote(i) if i < 0 else None for i in ids]
            origins = {r.origin if r is not None else "" for r in rows}
            if len(origins) > 1:
                raise ValidationError(code="merge_devices")
            remote = sorted((r for r in rows if r is not None), key=lambda r: r.block.started_at)
            for r in remote:
                self._refuse_running(r)
            blocks = [r.block for r in remote]
            if len({b.kind for b in blocks}) > 1:
                raise ValidationError(code="merge_kinds")
            first, last = remote[0], remote[-1]
            notes: list[str] = []
            for b in blocks:
                if b.note and b.note not in notes:
                    notes.append(b.note)
            for r in remote[1:]:
                self._put_remote(r, r.block, deleted=True)
            merged = replace(
                first.block,
                label=next((b.label for b in blocks if b.label), ""),
                note=clean_note("\n".join(notes)),
                ended_at=last.block.ended_at,
            )
            return self._put_remote(first, merged)

    def change_kind(self, block_ids: Sequence[int], kind: Kind) -> list[Block]:
        with self.store.write():
            changed: list[Block] = []
            for i in dict.fromkeys(block_ids):
                if i < 0:
                    changed.append(self.edit_block(i, kind=kind))
                else:
                    changed.extend(super().change_kind([i], kind))
            return changed

    def restore_blocks(
        self, blocks: Sequence[Block], remove: Sequence[int] = (), expect: Sequence[Block] = ()
    ) -> None:
        """As ``Editing.restore_blocks``; blocks recorded elsewhere are written as this
        device's versions, and one deleted and put back is added again as a new block
        (under its old id here)."""
        if all(b.id >= 0 for b in (*blocks, *expect)) and all(i >= 0 for i in remove):
            super().restore_blocks(blocks, remove, expect)
            return
        ss = SyncStore(self.store)
        with self.store.write():
            for old in expect:
                if old.id >= 0:
                    continue
                row = ss.remote_row(old.id)
                if row is None or row.deleted:
                    raise ConflictError(code="deleted_elsewhere", params={"block": old}, tz=self.tz)
                if row.block != replace(old, last_seen_at=None):
                    raise ConflictError(
                        other=row.block,
                        code="changed_elsewhere",
                        params={"block": row.block},
                        tz=self.tz,
                    )
            for block_id in remove:
                if block_id < 0:
                    self.delete_block(block_id)
            known = {b.id for b in expect} - set(remove)
            for block in blocks:
                if block.id >= 0:
                    continue
                row = ss.remote_row(block.id)
                if row is None:
                    raise NotFoundError(code="no_block", params={"id": block.id})
                if block.id in known:
                    self._put_remote(row, block)
                elif not row.deleted:
                    raise ConflictError(code="id_taken", params={"id": block.id})
                else:
                    self._put_remote(row, block, revive=True)
            super().restore_blocks(
                [b for b in blocks if b.id >= 0],
                [i for i in remove if i >= 0],
                [b for b in expect if b.id >= 0],
            )
