"""Deciding what an import adds: duplicates, overlaps and ids, without touching a database.

The service hands in the blocks already stored around the file's time span and those
with the file's ids; this module says which rows are new, which are already there
(re-importing a file is a no-op) and which collide (see ``plan_import``). Any collision
refuses the whole import.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.messages import Span
from tracker.domain.model import Block, Source, TrackerError
from tracker.io.csvformat import Problem, Problems
from tracker.io.reader import ImportRow

_FOREVER = 9223372036854775807


@dataclass(frozen=True, slots=True)
class ImportPlan:
    new: list[Block]
    duplicates: int
    running_skipped: int


def _contains(block: Block, row: ImportRow) -> bool:
    """Whether ``row``'s span lies inside the stored block's (a split-day part does)."""
    end = block.ended_at if block.ended_at is not None else _FOREVER
    row_end = row.end if row.end is not None else row.start
    return block.started_at <= row.start and row_end <= end


def _meets(block: Block, row: ImportRow) -> bool:
    """Whether the two spans share any time."""
    end = block.ended_at if block.ended_at is not None else _FOREVER
    row_end = row.end if row.end is not None else _FOREVER
    return block.started_at < row_end and row.start < end


def _differences(block: Block, row: ImportRow, tz: dt.tzinfo) -> tuple[TrackerError, ...]:
    parts = []
    if block.kind is not row.kind:
        parts.append(
            TrackerError(code="import_diff_kind", params={"stored": block.kind, "found": row.kind})
        )
    if block.label != row.label:
        parts.append(
            TrackerError(
                code="import_diff_label", params={"stored": block.label, "found": row.label}
            )
        )
    if block.note != row.note:
        parts.append(TrackerError(code="import_diff_note"))
    if not _contains(block, row):
        stored, found = Span(block.started_at, block.ended_at), Span(row.start, row.end)
        parts.append(
            TrackerError(code="import_diff_span", params={"stored": stored, "found": found}, tz=tz)
        )
    return tuple(parts)


class Planner:
    """Decides, row by row in (start, line) order, what an import adds.

    ``existing`` holds the stored blocks touching the file's span, in start order (the
    database's size, not the file's). Feed each row with the stored block that has its id
    (if any) and whether the row is the file's first with that id; problems go to
    ``problems``. Memory stays flat: only the latest fresh row is remembered.

    A row is already there (re-importing is a no-op) when

    * its id is stored, and that block has the same kind, label and note and spans at
      least the row's time (a row of a ``--split-days`` export is one day's part of it);
      when that block shares time with the row but differs, the row is refused: "id X
      exists with different content (…)". A stored id whose block does not share time
      with the row is another database's numbering: the row is a block of its own and
      gets a new id;
    * or a stored block, or one merged from another PC (``merged``), has exactly its
      start, end, kind, label and note.

    Fresh rows keep their id when no stored block has it and no earlier row took it.
    """

    def __init__(
        self,
        existing: Sequence[Block],
        now: int,
        tz: dt.tzinfo,
        problems: Problems,
        merged: Sequence[Block] = (),
    ) -> None:
        self.existing = existing
        self.starts = [b.started_at for b in existing]
        self.keys = {(b.started_at, b.ended_at, b.kind, b.label, b.note) for b in existing}
        # blocks merged from other PCs (§16): equal rows are already there (the same CSV
        # imported on two PCs); they never collide, other PCs' blocks may overlap ours
        self.merged = {(b.started_at, b.ended_at, b.kind, b.label, b.note) for b in merged}
        self.now = now
        self.tz = tz
        self.problems = problems
        self.new = self.duplicates = self.skipped = 0
        self.latest: ImportRow | None = None

    def feed(self, row: ImportRow, same_id: Block | None, first_of_id: bool) -> Block | None:
        """The block to add for ``row``, or None (already there, skipped or refused)."""
        tz, problems = self.tz, self.problems
        if (row.start, row.end, row.kind, row.label, row.note) in self.merged:
            self.duplicates += 1  # before the id: that id is another PC's numbering
            return None
        if same_id is not None and _meets(same_id, row):
            content = (same_id.kind, same_id.label, same_id.note)
            if content == (row.kind, row.label, row.note) and _contains(same_id, row):
                self.duplicates += 1
            elif row.end is None:
                self.skipped += 1  # a running row is never imported: nothing to refuse
            else:
                differences = _differences(same_id, row, tz)
                problems.add(
                    row.line,
                    TrackerError(
                        code="import_id_differs",
                        params={"id": row.id, "differences": differences},
                    ),
                )
            return None
        if (row.start, row.end, row.kind, row.label, row.note) in self.keys:
            self.duplicates += 1
            return None
        if row.end is None:
            self.skipped += 1
            return None
        if row.end > self.now:
            future = TrackerError(code="import_end_future", params={"end": row.end}, tz=tz)
            problems.add(row.line, future)
            return None
        self._check_overlaps(row, row.end)
        self.new += 1
        ident = row.id if row.id is not None and same_id is None and first_of_id else 0
        return Block(ident, row.kind, row.label, row.note, row.start, row.end, None, Source.IMPORT)

    def _check_overlaps(self, row: ImportRow, end: int) -> None:
        latest = self.latest
        if latest is not None and latest.end is not None and row.start < latest.end:
            same = (row.start, row.end, row.kind, row.label, row.note) == (
                latest.start,
                latest.end,
                latest.kind,
                latest.label,
                latest.note,
            )
            twice = TrackerError(
                code="import_row_twice",
                variant="repeats" if same else "overlaps",
                params={"other": latest.line},
            )
            self.problems.add(row.line, twice)
        if latest is None or (latest.end or 0) < end:
            self.latest = row
        i = bisect.bisect_left(self.starts, end) - 1
        if i >= 0:
            other = self.existing[i]
            if (other.ended_at if other.ended_at is not None else _FOREVER) > row.start:
                overlap = TrackerError(
                    code="import_overlaps_stored", params={"block": other}, tz=self.tz
                )
                self.problems.add(row.line, overlap)


def plan_import(
    rows: Sequence[ImportRow],
    existing: Sequence[Block],
    stored: Mapping[int, Block],
    now: int,
    tz: dt.tzinfo,
    earlier: Sequence[Problem] = (),
    name: str = "the file",
) -> ImportPlan:
    """What to insert from rows held in memory; raises :class:`CsvImportError` listing
    every colliding row (see :class:`Planner`)."""
    problems = Problems(earlier)
    planner = Planner(existing, now, tz, problems)
    seen: set[int] = set()
    new = []
    for row in sorted(rows, key=lambda r: (r.start, r.line)):
        first = row.id is None or row.id not in seen
        if row.id is not None:
            seen.add(row.id)
        block = planner.feed(row, stored.get(row.id) if row.id is not None else None, first)
        if block is not None:
            new.append(block)
    if problems:
        raise problems.error(code="import_rows_refused", params={"name": name})
    return ImportPlan(new, planner.duplicates, planner.skipped)
