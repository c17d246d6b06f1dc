"""Deciding what an import adds: duplicates, overlaps and ids, without touching a database.

The service hands in the blocks already stored around the file's time span; this module
says which rows are new, which are already there (re-importing a file is a no-op) and
which collide. Any collision refuses the whole import.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.model import Block, Source
from tracker.io.csvformat import CsvImportError
from tracker.io.reader import ImportRow

_FOREVER = 9223372036854775807


@dataclass(frozen=True, slots=True)
class ImportPlan:
    new: list[Block]
    duplicates: int
    running_skipped: int


def _when(instant: int, tz: dt.tzinfo) -> str:
    return dt.datetime.fromtimestamp(instant, tz).strftime("%Y-%m-%d %H:%M")


def _describe(block: Block, tz: dt.tzinfo) -> str:
    end = "now" if block.ended_at is None else _when(block.ended_at, tz)
    start = _when(block.started_at, tz)
    if end[:10] == start[:10]:
        end = end[11:]
    label = f" '{block.label}'" if block.label else ""
    return f"block {block.id} ({block.kind.value}{label}, {start}–{end})"


def plan_import(
    rows: Sequence[ImportRow],
    existing: Sequence[Block],
    taken_ids: set[int],
    now: int,
    tz: dt.tzinfo,
    earlier: Sequence[tuple[int, str]] = (),
    name: str = "the file",
) -> ImportPlan:
    """What to insert; raises :class:`CsvImportError` listing every colliding row.

    ``existing`` holds the stored blocks touching the file's span, in start order;
    ``taken_ids`` the ids among the file's that the database already uses; ``earlier``
    the problems found while reading, reported together with these.
    """
    keys = {(b.started_at, b.ended_at, b.kind, b.label) for b in existing}
    problems = list(earlier)
    duplicates = skipped = 0
    fresh: list[ImportRow] = []
    for row in rows:
        if (row.start, row.end, row.kind, row.label) in keys:
            duplicates += 1
        elif row.end is None:
            skipped += 1
        elif row.end > now:
            problems.append((row.line, f"end: {_when(row.end, tz)} is in the future; fix the time"))
        else:
            fresh.append(row)
    fresh.sort(key=lambda r: (r.start, r.line))
    starts = [b.started_at for b in existing]
    latest: ImportRow | None = None
    for row in fresh:
        assert row.end is not None
        if latest is not None and latest.end is not None and row.start < latest.end:
            same = (row.start, row.end, row.kind, row.label) == (
                latest.start,
                latest.end,
                latest.kind,
                latest.label,
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
                        f"overlaps {_describe(other, tz)} already in the database; "
                        "change the times or delete that block first",
                    )
                )
    if problems:
        raise CsvImportError(
            f"nothing was imported from {name}; fix these rows and import again", problems
        )
    used = set(taken_ids)
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
