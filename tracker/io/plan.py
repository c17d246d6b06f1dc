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

from tracker.domain.model import Block, Source
from tracker.domain.timeparse import date_time_text, describe_block, span_text
from tracker.io.csvformat import CsvImportError
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


def _differences(block: Block, row: ImportRow, tz: dt.tzinfo) -> str:
    parts = []
    if block.kind is not row.kind:
        parts.append(f"kind {block.kind.value} in the database, {row.kind.value} in the file")
    if block.label != row.label:
        parts.append(f"label '{block.label}' in the database, '{row.label}' in the file")
    if block.note != row.note:
        parts.append("another note")
    if not _contains(block, row):
        parts.append(
            f"{span_text(block.started_at, block.ended_at, tz)} in the database, "
            f"{span_text(row.start, row.end, tz)} in the file"
        )
    return "; ".join(parts)


def plan_import(
    rows: Sequence[ImportRow],
    existing: Sequence[Block],
    stored: Mapping[int, Block],
    now: int,
    tz: dt.tzinfo,
    earlier: Sequence[tuple[int, str]] = (),
    name: str = "the file",
) -> ImportPlan:
    """What to insert; raises :class:`CsvImportError` listing every colliding row.

    ``existing`` holds the stored blocks touching the file's span, in start order;
    ``stored`` the stored blocks whose ids the file uses, by id; ``earlier`` the problems
    found while reading, reported together with these.

    A row is already there (re-importing is a no-op) when

    * its id is stored, and that block has the same kind, label and note and spans at
      least the row's time (a row of a ``--split-days`` export is one day's part of it);
      when that block shares time with the row but differs, the row is refused: "id X
      exists with different content (…)". A stored id whose block does not share time
      with the row is another database's numbering: the row is a block of its own and
      gets a new id;
    * or a stored block has exactly its start, end, kind, label and note.
    """
    keys = {(b.started_at, b.ended_at, b.kind, b.label, b.note) for b in existing}
    problems = list(earlier)
    duplicates = skipped = 0
    fresh: list[ImportRow] = []
    for row in rows:
        same_id = stored.get(row.id) if row.id is not None else None
        if same_id is not None and _meets(same_id, row):
            content = (same_id.kind, same_id.label, same_id.note)
            if content == (row.kind, row.label, row.note) and _contains(same_id, row):
                duplicates += 1
            elif row.end is None:
                skipped += 1  # a running row is never imported: nothing to refuse
            else:
                problems.append(
                    (
                        row.line,
                        f"id {row.id} exists with different content "
                        f"({_differences(same_id, row, tz)}); remove the row to keep the "
                        f"stored block, or delete block {row.id} first to import the file's",
                    )
                )
        elif (row.start, row.end, row.kind, row.label, row.note) in keys:
            duplicates += 1
        elif row.end is None:
            skipped += 1
        elif row.end > now:
            problems.append(
                (row.line, f"end: {date_time_text(row.end, tz)} is in the future; fix the time")
            )
        else:
            fresh.append(row)
    fresh.sort(key=lambda r: (r.start, r.line))
    starts = [b.started_at for b in existing]
    latest: ImportRow | None = None
    for row in fresh:
        assert row.end is not None
        if latest is not None and latest.end is not None and row.start < latest.end:
            same = (row.start, row.end, row.kind, row.label, row.note) == (
                latest.start,
                latest.end,
                latest.kind,
                latest.label,
                latest.note,
            )
            verb = "repeats" if same else "overlaps"
            problems.append((row.line, f"{verb} line {latest.line}; keep only one of the two"))
        if latest is None or (latest.end or 0) < row.end:
            latest = row
        i = bisect.bisect_left(starts, row.end) - 1
        if i >= 0:
            other = existing[i]
            if (other.ended_at if other.ended_at is not None else _FOREVER) > row.start:
                problems.append(
                    (
                        row.line,
                        f"overlaps {describe_block(other, tz)} already in the database; "
                        "change the times or delete that block first",
                    )
                )
    if problems:
        raise CsvImportError(
            f"nothing was imported from {name}; fix these rows and import again", problems
        )
    used = set(stored)
    new = []
    for row in fresh:
        assert row.end is not None
        ident = 0
        if row.id is not None and row.id not in used:
            ident = row.id
            used.add(ident)
        new.append(
            Block(ident, row.kind, row.label, row.note, row.start, row.end, None, Source.IMPORT)
        )
    return ImportPlan(new, duplicates, skipped)
