"""CSV export of blocks and days, rendered to bytes in memory before anything is written.

Rendering first means an encoding problem (a character cp932 cannot hold) is found before
a file is touched; :func:`tracker.io.files.write_atomic` then replaces the target in one
step. Rows are produced in chunks so a front end can show progress and cancel.

The running block is written with an empty ``end`` and its duration up to now (the same
as ``list --json`` and the report count it); the import skips such rows.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.days import DayGrid, tracking_day
from tracker.domain.model import Block, TrackerError
from tracker.domain.stats import DaySummary
from tracker.domain.team import TeamView
from tracker.io.csvformat import (
    BLOCK_COLUMNS,
    DAY_COLUMNS,
    GUARDED,
    TEAM_COLUMNS,
    TEXT_COLUMNS,
    CsvDialect,
    Encoding,
    Header,
    What,
    encoding_name,
    fraction,
    guard,
    header_names,
    minutes,
)

CHUNK = 2000

# Called with (done, total) now and then; returning False cancels the export.
Progress = Callable[[int, int], "bool | None"]


class ExportCancelledError(TrackerError):
    pass


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export and how. ``first``/``last`` None: everything (docs/architecture.md §6)."""

    what: What = "blocks"
    first: dt.date | None = None
    last: dt.date | None = None
    encoding: Encoding = "utf-8-sig"
    header: Header = "en"
    split_days: bool = False


@dataclass(frozen=True, slots=True)
class ExportResult:
    data: bytes
    rows: int


def _wall(iso: str) -> str:
    """``2026-11-28T09:15:00+09:00`` → ``2026-11-28 09:15:00``: the local date-time as
    Excel and LibreOffice read it (as a date-time, where the ISO form stays text). Instants
    are whole seconds within the years 1971–2999, so the first 19 characters are exactly it."""
    return iso[:10] + " " + iso[11:19] if iso else ""


def _span_grid(start: int, end: int, tz: dt.tzinfo, day_start: int) -> DayGrid:
    """The tracking days of a span (a grid bisects precomputed day starts)."""
    first = tracking_day(start, tz, day_start)
    last = tracking_day(max(start, end - 1), tz, day_start)
    return DayGrid(first, last, tz, day_start)


def block_rows(
    blocks: Sequence[Block],
    tz: dt.tzinfo,
    day_start: int,
    now: int,
    split_days: bool = False,
    clip: DayGrid | None = None,
) -> Iterator[list[list[str]]]:
    """The rows of each block (one, or one per day part with ``split_days``).

    With ``clip`` (the exported range) split rows outside the range are dropped, so the
    per-day sums equal the report of that range. Written for speed (100 000 blocks are
    one of the budgets in docs/architecture.md §9): lookups bound to locals, day names made once.
    """
    if not blocks:
        return
    span_end = max(b.end_or(now) for b in blocks[-2:])
    grid = _span_grid(blocks[0].started_at, span_end, tz, day_start)
    edges, names = grid.edges, [d.isoformat() for d in grid.days]
    last_index = len(names) - 1
    clip = clip or grid
    stamp, find = dt.datetime.fromtimestamp, bisect.bisect_right
    # Blocks mostly follow each other: a block starts at the instant the one before ended
    # (a switch). That instant's texts are reused rather than formatted twice.
    seen_at: int | None = None
    seen_iso = seen_wall = ""

    for b in blocks:
        start, ended = b.started_at, b.ended_at
        label, note = b.label, b.note
        if label and label[0] in GUARDED:
            label = guard(label)
        if note and note[0] in GUARDED:
            note = guard(note)
        end = b.end_or(now)
        if not split_days:
            i = min(max(find(edges, start) - 1, 0), last_index)
            if start == seen_at:
                first, first_wall = seen_iso, seen_wall
            else:
                first = stamp(start, tz).isoformat()
                first_wall = _wall(first)
            if ended is None:
                last = last_wall = ""
            else:
                last = stamp(ended, tz).isoformat()
                last_wall = _wall(last)
                seen_at, seen_iso, seen_wall = ended, last, last_wall
            yield [
                [
                    str(b.id),
                    names[i],
                    first_wall,
                    last_wall,
                    f"{(end - start) / 60:.2f}",
                    b.kind.value,
                    label,
                    note,
                    first,
                    last,
                ]
            ]
            continue
        rows = []
        for part in clip.split(start, end):
            open_end = ended is None and part.end == end
            first = stamp(part.start, tz).isoformat()
            last = "" if open_end else stamp(part.end, tz).isoformat()
            rows.append(
                [
                    str(b.id),
                    part.day.isoformat(),
                    _wall(first),
                    _wall(last),
                    minutes(part.seconds),
                    b.kind.value,
                    label,
                    note,
                    first,
                    last,
                ]
            )
        yield rows


def day_rows(days: Sequence[DaySummary], notes: Mapping[dt.date, str]) -> Iterator[list[list[str]]]:
    for d in days:
        met = d.met
        yield [
            [
                d.date.isoformat(),
                minutes(d.task_s),
                minutes(d.growth_s),
                minutes(d.total_s),
                fraction(d.ratio),
                fraction(d.target),
                "" if met is None else str(int(met)),
                guard(notes.get(d.date, "")),
            ]
        ]


def _team_row(section: str, **cells: str) -> list[str]:
    row = dict.fromkeys(TEAM_COLUMNS, "") | cells | {"section": section}
    return [guard(row[c]) if c in TEXT_COLUMNS else row[c] for c in TEAM_COLUMNS]


def team_rows(view: TeamView) -> Iterator[list[list[str]]]:
    """The team view (§17) as rows of ``TEAM_COLUMNS``: people, weeks, learning, hotspots."""
    for p in view.people:
        yield [
            _team_row(
                "person",
                name=p.name,
                task_min=minutes(p.task_s),
                growth_min=minutes(p.growth_s),
                growth_ratio=fraction(p.ratio),
                target=fraction(p.target / 100),
            )
        ]
    for w in view.weeks:
        yield [
            _team_row(
                "week",
                week=w.week.isoformat(),
                task_min=minutes(w.task_s),
                growth_min=minutes(w.growth_s),
                growth_ratio=fraction(w.ratio),
            )
        ]
    for t in view.learning:
        yield [
            _team_row("learning", name=tp.name, label=t.label, growth_min=minutes(tp.growth_s))
            for tp in t.people
        ]
    for h in view.hotspots:
        yield [
            _team_row(
                "hotspot",
                name=" / ".join(h.names),
                label=h.label,
                task_min=minutes(h.task_s),
                people=str(h.people),
                per_week_min=minutes(h.per_week_s),
                ratio_if_automated=fraction(h.ratio_if_automated),
            )
        ]


def render(
    what: What,
    groups: Iterable[list[list[str]]],
    total: int,
    encoding: Encoding = "utf-8-sig",
    header: Header = "en",
    progress: Progress | None = None,
) -> ExportResult:
    """Header plus rows as CSV bytes; raises before anything is written on any problem."""
    columns = {"blocks": BLOCK_COLUMNS, "days": DAY_COLUMNS, "team": TEAM_COLUMNS}[what]
    buffer = io.StringIO()
    writer = csv.writer(buffer, CsvDialect)
    writer.writerow(header_names(columns, header))
    rows: list[list[str]] = []
    written = 0
    for done, group in enumerate(groups, 1):
        rows.extend(group)
        if done % CHUNK == 0:
            writer.writerows(rows[written:])
            written = len(rows)
            if progress is not None and progress(done, total) is False:
                raise ExportCancelledError(code="export_cancelled")
    writer.writerows(rows[written:])
    if progress is not None and progress(total, total) is False:
        raise ExportCancelledError(code="export_cancelled")
    text = buffer.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        raise _encoding_problem(columns, rows, encoding) from None
    if encoding == "cp932" and data.decode(encoding) != text:
        # cp932 writes 〜 (U+301C) as the bytes of ～ (U+FF5E), − as －, ‖ as ∥, ¢ £ ¬ as
        # full-width: the file would read back as other text. Refused like the rest.
        raise _encoding_problem(columns, rows, encoding)
    return ExportResult(data, len(rows))


def holds(text: str, encoding: str) -> bool:
    """Whether ``encoding`` writes ``text`` so that it reads back as the same text."""
    try:
        return text.encode(encoding).decode(encoding) == text
    except UnicodeEncodeError:
        return False


def _encoding_problem(
    columns: Sequence[str], rows: Sequence[Sequence[str]], encoding: str
) -> TrackerError:
    """Name the line and column of the first cell the encoding cannot hold."""
    line = 2  # the header is line 1
    for row in rows:
        for column, cell in zip(columns, row, strict=True):
            if not holds(cell, encoding):
                char = next(ch for ch in cell if not holds(ch, encoding))
                return TrackerError(
                    code="encoding_text" if column in TEXT_COLUMNS else "encoding_value",
                    params={
                        "encoding": encoding_name(encoding),
                        "char": char,
                        "codepoint": f"U+{ord(char):04X}",
                        "line": line,
                        "column": column,
                        "block_id": row[0] if columns[0] == "id" else None,
                    },
                )
        line += 1 + sum(cell.count("\n") for cell in row)
    return TrackerError(
        code="encoding_failed",
        params={"encoding": encoding_name(encoding)},
    )
