"""Changing blocks by hand: add, edit, delete, split, merge, change the kind, and the
editor's undo and redo (written back exactly, refused when the blocks changed elsewhere)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tracker.domain.model import (
    Block,
    Kind,
    Source,
    ValidationError,
    check_span,
    clean_label,
    clean_note,
)
from tracker.service.core import ServiceCore
from tracker.store import ConflictError, NotFoundError


class Editing(ServiceCore):
    def add_block(
        self,
        kind: Kind,
        start: int,
        end: int,
        label: str | None = "",
        note: str | None = "",
        source: Source = Source.MANUAL,
    ) -> Block:
        check_span(start, end)
        if end > self.clock.now():
            raise ValidationError(code="end_in_future", params={"end": end}, tz=self.tz)
        block = Block(0, kind, clean_label(label), clean_note(note), start, end, None, source)
        return self._insert(block)

    def edit_block(
        self,
        block_id: int,
        kind: Kind | None = None,
        label: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Block:
        with self.store.write():
            changed = self._edited(self.store.get(block_id), kind, label, note, start, end)
            check_span(changed.started_at, changed.ended_at)
            now = self.clock.now()
            if changed.started_at > now or (changed.ended_at or 0) > now:
                raise ValidationError(code="reaches_future")
            return self._update(changed)

    def _edited(
        self,
        block: Block,
        kind: Kind | None,
        label: str | None,
        note: str | None,
        start: int | None,
        end: int | None,
    ) -> Block:
        """``block`` with the fields given (None keeps one); a running block has no end."""
        if end is not None and block.running:
            raise ValidationError(code="running_has_no_end", params={"block": block}, tz=self.tz)
        return replace(
            block,
            kind=kind or block.kind,
            label=block.label if label is None else clean_label(label),
            note=block.note if note is None else clean_note(note),
            started_at=block.started_at if start is None else start,
            ended_at=block.ended_at if end is None else end,
        )

    def delete_block(self, block_id: int) -> Block:
        return self.store.delete(block_id)

    def restore_block(self, block: Block) -> Block:
        """Put back a block exactly as it was, id included (undo of a delete)."""
        return self._insert(block)

    def replace_block(self, block: Block) -> Block:
        """Write a block's fields back exactly (undo of an edit)."""
        return self._update(block)

    # -- editing ------------------------------------------------------------------------
    # What the Edit blocks window needs beyond add/edit/delete. Each method is one
    # transaction that validates before it writes, so a refused change leaves no trace.

    def split_block(self, block_id: int, at: int) -> tuple[Block, Block]:
        """Cut a block in two at ``at``; the first part keeps the id.

        Splitting the running block ends its first part and keeps the second running.
        """
        with self.store.write():
            block = self.store.get(block_id)
            end = block.end_or(self.clock.now())
            if not block.started_at < at < end:
                raise ValidationError(
                    code="split_outside", params={"at": at, "block": block}, tz=self.tz
                )
            first = replace(
                block, ended_at=at, last_seen_at=None if block.running else block.last_seen_at
            )
            # the running part's heartbeat never lies before its start (recovery ends there)
            seen = block.last_seen_at if block.running else None
            seen = None if seen is None else max(seen, at)
            second = Block(
                0,
                block.kind,
                block.label,
                block.note,
                at,
                block.ended_at,
                seen,
                block.source,
            )
            return self._update(first), self._insert(second)

    def merge_blocks(self, block_ids: Sequence[int]) -> Block:
        """Join neighbouring blocks of one kind into the first of them.

        The merged block spans the first start to the last end (gaps between them
        included); its label is the first non-empty one and the notes are joined.
        """
        with self.store.write():
            ids = set(block_ids)
            if len(ids) < 2:
                raise ValidationError(code="merge_too_few")
            blocks = sorted((self.store.get(i) for i in ids), key=lambda b: b.started_at)
            if len({b.kind for b in blocks}) > 1:
                raise ValidationError(code="merge_kinds")
            first, last = blocks[0], blocks[-1]
            reach = last.ended_at if last.ended_at is not None else last.started_at + 1
            strays = [
                b for b in self.store.blocks_between(first.started_at, reach) if b.id not in ids
            ]
            if strays:
                raise ValidationError(code="merge_gap", params={"block": strays[0]}, tz=self.tz)
            notes: list[str] = []
            for b in blocks:
                if b.note and b.note not in notes:
                    notes.append(b.note)
            merged = replace(
                first,
                label=next((b.label for b in blocks if b.label), ""),
                note=clean_note("\n".join(notes)),
                ended_at=last.ended_at,
                last_seen_at=last.last_seen_at if last.running else first.last_seen_at,
            )
            for b in blocks[1:]:
                self.store.delete(b.id)
            return self._update(merged)

    def change_kind(self, block_ids: Sequence[int], kind: Kind) -> list[Block]:
        """Give several blocks one kind."""
        with self.store.write():
            blocks = [self.store.get(i) for i in dict.fromkeys(block_ids)]
            return [self._update(replace(b, kind=kind)) for b in blocks]

    def get_block(self, block_id: int) -> Block:
        return self.store.get(block_id)

    def restore_blocks(
        self, blocks: Sequence[Block], remove: Sequence[int] = (), expect: Sequence[Block] = ()
    ) -> None:
        """Write blocks back exactly (ids included) and remove others, all or nothing.

        How the editor's undo and redo are written. ``expect`` is what the database must
        still hold (last heartbeat aside); if anything changed since (the tray switched,
        the CLI edited), nothing is written, so an old snapshot never overwrites newer work.
        """
        with self.store.write():
            for old in expect:
                if not self._exists(old.id):
                    raise ConflictError(code="deleted_elsewhere", params={"block": old}, tz=self.tz)
                current = self.store.get(old.id)
                if replace(current, last_seen_at=None) != replace(old, last_seen_at=None):
                    raise ConflictError(
                        other=current,
                        code="changed_elsewhere",
                        params={"block": current},
                        tz=self.tz,
                    )
            for block_id in remove:
                self.store.delete(block_id)
            known = {b.id for b in expect} - set(remove)
            for block in blocks:
                if block.id in known:
                    self.replace_block(block)
            for block in blocks:
                if block.id in known:
                    continue
                if self._exists(block.id):
                    raise ConflictError(code="id_taken", params={"id": block.id})
                self.restore_block(block)

    def _exists(self, block_id: int) -> bool:
        try:
            self.store.get(block_id)
        except NotFoundError:
            return False
        return True
