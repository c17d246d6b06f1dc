"""Reading a blocks CSV as a stream: header mapping and per-row validation.

The file arrives in chunks (``tracker.io.files.read_chunks``) and leaves as rows, so memory
stays flat whatever the file's size. The bytes become text lines in ``decode`` (UTF-8 or
cp932, one per file, each line checked). The header may be the English keys or the Japanese
names, in any order; extra columns are ignored. Every row is checked and every problem
collected as ``(line, reason)``, the line being the physical line a CSV record starts on
(the header is line 1).

Times: ``start``/``end`` hold local wall times (``YYYY-MM-DD HH:MM:SS``, which
spreadsheets read as date-times) and ``start_iso``/``end_iso`` the same instants in
ISO-8601 with their offset (exact and zone-independent). When both are there and agree
(to the precision the wall time still has after a spreadsheet re-saved it), the ISO one is
taken: it keeps the seconds and tells the two 01:30s of a fall-back night apart. A wall
time someone changed in a spreadsheet no longer agrees and wins, read as local time. Files
without the ISO columns (exports before they existed held ISO-8601 in ``start``/``end``,
hand-made files) are read from ``start``/``end`` alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from tracker.domain.model import (
    Kind,
    TrackerError,
    ValidationError,
    check_instant,
    check_span,
    clean_label,
    clean_note,
    parse_kind,
)
from tracker.domain.timeparse import local_to_instant
from tracker.io.csvformat import (
    BLOCK_COLUMNS,
    DAY_COLUMNS,
    JAPANESE,
    CsvDialect,
    CsvImportError,
    Problems,
    unguard,
)
from tracker.io.decode import text_lines

REQUIRED = ("start", "end", "kind")
# Ids are kept on import and never handed out again (AUTOINCREMENT); a huge one would
# leave no ids for new blocks, so anything beyond what a tracker reaches is refused.
MAX_ID = 2**53


def _normal(name: str) -> str:
    """A header cell compared loosely: case, spaces and full-width brackets ignored."""
    text = name.strip().strip("\ufeff").replace("（", "(").replace("）", ")")
    return text.replace(" ", "").replace("\u3000", "").lower()


_FROM_JAPANESE = {_normal(ja): en for en, ja in JAPANESE.items()}
_KIND_WORDS = {"作業": Kind.TASK, "成長": Kind.GROWTH}
_SLASHED = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One block read from the file (a row, or split-day rows joined again)."""

    line: int
    id: int | None
    kind: Kind
    label: str
    note: str
    start: int
    end: int | None  # None: the block was still running when exported


def _empty(name: str) -> TrackerError:
    return TrackerError(
        code="import_empty",
        params={"name": name},
    )


def _column_key(name: str) -> str:
    key = _normal(name)
    return _FROM_JAPANESE.get(key, key)


def _columns(header: list[str]) -> dict[str, int]:
    keys = [_column_key(h) for h in header]
    if "task_min" in keys or "growth_ratio" in keys:
        days = TrackerError(code="import_header_days")
        raise CsvImportError([(1, days)], code="import_days_csv")
    missing = [c for c in REQUIRED if c not in keys]
    doubled = sorted({k for k in keys if k and keys.count(k) > 1})
    problems: list[tuple[int, TrackerError]] = []
    if missing:
        lacks = TrackerError(
            code="import_header_lacks",
            variant="several" if len(missing) > 1 else None,
            params={"columns": ", ".join(missing), "expected": ",".join(BLOCK_COLUMNS)},
        )
        problems.append((1, lacks))
    if doubled:
        twice = TrackerError(code="import_header_twice", params={"columns": ", ".join(doubled)})
        problems.append((1, twice))
    if problems:
        raise CsvImportError(problems, code="import_bad_header")
    return {k: i for i, k in enumerate(keys) if k in BLOCK_COLUMNS or k in DAY_COLUMNS}


def _wall(text: str) -> dt.datetime:
    """A time cell as written: naive for a wall time, aware when it carries an offset."""
    value = text.strip()
    m = _SLASHED.match(value)
    try:
        if m:
            y, mo, d, h, mi, sec = (int(g) for g in m.groups(default="0"))
            return dt.datetime(y, mo, d, h, mi, sec)
        return dt.datetime.fromisoformat(value)
    except (ValueError, OverflowError):
        raise ValidationError(code="import_time_unreadable", params={"text": text}) from None


def _to_instant(when: dt.datetime, tz: dt.tzinfo) -> int:
    try:
        instant = local_to_instant(when, tz) if when.tzinfo is None else int(when.timestamp())
    except ValidationError:
        raise
    except (ValueError, OverflowError, OSError):
        instant = -1  # far outside the accepted years: check_instant says so
    check_instant(instant)
    return instant


def _agrees(wall: dt.datetime, exact: dt.datetime) -> bool:
    """Whether a wall time is the exact one as shown, maybe without its seconds (a
    spreadsheet re-saves date-times in its display format, often ``2026/11/28 9:15``)."""
    shown = exact.replace(tzinfo=None)
    return wall == shown or (wall.second == 0 and wall == shown.replace(second=0))


def parse_instant(wall_text: str, iso_text: str, tz: dt.tzinfo) -> int | None:
    """The instant of a start or end (None when both cells are empty); see the module doc."""
    iso = _wall(iso_text) if iso_text.strip() else None
    if iso is not None and iso.tzinfo is None:
        iso = None  # re-saved without its offset: the wall time says as much
    if not wall_text.strip():
        return None if iso is None else _to_instant(iso, tz)
    wall = _wall(wall_text)
    if wall.tzinfo is None and iso is not None and _agrees(wall, iso):
        return _to_instant(iso, tz)
    return _to_instant(wall, tz)


def _kind(text: str) -> Kind:
    return _KIND_WORDS.get(text.strip()) or parse_kind(text)


def _row(line: int, cells: dict[str, str], tz: dt.tzinfo) -> ImportRow:
    """One record to a row; raises ValidationError naming the column."""
    column = "id"
    try:
        raw_id = cells.get("id", "").strip()
        ident = None
        # a negative id is a block merged from another PC (§16): its number is that
        # export's view only, so the row is matched by its content, as one without an id
        merged = raw_id.startswith("-") and raw_id[1:].isascii() and raw_id[1:].isdigit()
        if raw_id and not (merged and 0 < int(raw_id[1:]) <= MAX_ID):
            # isdigit() alone accepts ① and ², which int() refuses
            if not (raw_id.isascii() and raw_id.isdigit()) or not 0 < int(raw_id) <= MAX_ID:
                raise ValidationError(code="import_bad_id", params={"text": raw_id})
            ident = int(raw_id)
        column = "start"
        start = parse_instant(cells["start"], cells.get("start_iso", ""), tz)
        if start is None:
            raise ValidationError(code="import_start_empty")
        column = "end"
        end = parse_instant(cells["end"], cells.get("end_iso", ""), tz)
        column = "kind"
        kind = _kind(cells["kind"])
        column = "label"
        label = clean_label(unguard(cells.get("label", "")))
        column = "note"
        note = clean_note(unguard(cells.get("note", "")))
        column = "end"
        check_span(start, end)
    except ValidationError as exc:
        raise ValidationError(code="import_cell", params={"column": column, "error": exc}) from None
    return ImportRow(line, ident, kind, label, note, start, end)


def read_rows(
    chunks: Iterable[bytes], name: str, tz: dt.tzinfo, problems: Problems
) -> Iterator[ImportRow]:
    """The good rows, split-day parts joined, as the file is read; every bad row goes to
    ``problems``. Problems with the file as a whole (empty, binary, encoding, header)
    raise, possibly after some rows were yielded: the caller adds nothing until the end."""
    reader = csv.reader(text_lines(chunks, name), CsvDialect)
    columns: dict[str, int] | None = None
    width = line = 1
    try:
        for record in reader:
            if columns is None:
                if not any(cell.strip() for cell in record):
                    line = reader.line_num + 1
                    continue  # blank lines before the header
                columns = _columns(record)
                width = len(record)
            elif any(cell.strip() for cell in record):
                if len(record) != width and (
                    len(record) < width or any(c.strip() for c in record[width:])
                ):
                    problems.add(line, _width_problem(len(record), width))
                else:
                    cells = {k: record[i] for k, i in columns.items() if i < len(record)}
                    try:
                        yield _row(line, cells, tz)
                    except ValidationError as exc:
                        problems.add(line, exc)
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.add(line, _malformed(exc))
    if columns is None:
        raise _empty(name)


def read_blocks(
    data: bytes, name: str, tz: dt.tzinfo
) -> tuple[list[ImportRow], list[tuple[int, TrackerError]]]:
    """All of a file's rows and problems at once (small files and tests)."""
    problems = Problems()
    rows = list(rejoin(read_rows([data], name, tz, problems)))
    return rows, problems.kept


def _malformed(exc: csv.Error) -> TrackerError:
    """The parser gave up. In strict mode the end of the data inside a quoted cell is the
    one way a cut-off file shows (a file may lack its final newline: that alone is fine,
    and a cut in an unquoted cell cannot be told from a short cell)."""
    if "unexpected end of data" in str(exc):
        return TrackerError(code="import_unclosed_quote")
    return TrackerError(code="import_malformed", params={"detail": str(exc)})


def _width_problem(found: int, width: int) -> TrackerError:
    return TrackerError(
        code="import_width",
        variant="short" if found < width else "long",
        params={"found": found, "width": width},
    )


def rejoin(rows: Iterable[ImportRow]) -> Iterator[ImportRow]:
    """Join consecutive split-day parts of one block (same id and content, touching)."""
    prev: ImportRow | None = None
    for row in rows:
        if (
            prev is not None
            and row.id is not None
            and prev.id == row.id
            and prev.end == row.start
            and (prev.kind, prev.label, prev.note) == (row.kind, row.label, row.note)
        ):
            prev = replace(prev, end=row.end)
            continue
        if prev is not None:
            yield prev
        prev = row
    if prev is not None:
        yield prev
