"""Reading a blocks CSV: encoding detection, header mapping and per-row validation.

Encodings: a UTF-8 byte-order mark means UTF-8; otherwise UTF-8 is tried, then cp932
(Shift_JIS, what Excel on Japanese Windows writes for "CSV"). The header may be the
English keys or the Japanese names, in any order; extra columns are ignored. Every row is
checked and every problem collected, reported as ``(line, reason)`` where the line is the
physical line a CSV record starts on (the header is line 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, replace

from tracker.domain.model import (
    Kind,
    TrackerError,
    ValidationError,
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
    unguard,
)

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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SLASHED = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_ISO_HINT = "use ISO-8601 like 2026-11-28T09:15:00+09:00"


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


def decode(data: bytes, name: str) -> str:
    """The file's text; refuses empty, binary and undecodable files with advice."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise TrackerError(
            f"{name} is empty; export a blocks CSV with 'growth-tracker export' and import that"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TrackerError(
            f"{name} is UTF-16 text (Excel's 'Unicode text'); save it as "
            "'CSV UTF-8 (comma delimited)' and import again"
        )
    if b"\x00" in data[:65536]:
        raise TrackerError(f"{name} is not a CSV text file (it holds binary data); pick the CSV")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TrackerError(
                f"{name} starts like UTF-8 but byte {exc.start} is not UTF-8; "
                "the file is damaged or was saved in a mixed encoding — export it again"
            ) from None
    else:
        for encoding in ("utf-8", "cp932"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise TrackerError(
                f"cannot read {name}: it is neither UTF-8 nor Shift_JIS (cp932) text; "
                "save it as 'CSV UTF-8' and import again"
            )
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):  # a stray one is a row error
        raise TrackerError(f"{name} is not a CSV text file (it holds binary data); pick the CSV")
    return text


def _column_key(name: str) -> str:
    key = _normal(name)
    return _FROM_JAPANESE.get(key, key)


def _columns(header: list[str]) -> dict[str, int]:
    keys = [_column_key(h) for h in header]
    if "task_min" in keys or "growth_ratio" in keys:
        raise CsvImportError(
            "nothing was imported: this is a days CSV (totals per day); import needs a blocks "
            "CSV ('growth-tracker export --what blocks')",
            [(1, "the header is the days CSV's")],
        )
    missing = [c for c in REQUIRED if c not in keys]
    doubled = sorted({k for k in keys if k and keys.count(k) > 1})
    problems = []
    if missing:
        problems.append(
            (
                1,
                f"the header lacks the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}; expected {','.join(BLOCK_COLUMNS)}",
            )
        )
    if doubled:
        problems.append((1, f"the header names {', '.join(doubled)} twice"))
    if problems:
        raise CsvImportError("nothing was imported: the header is not a blocks CSV's", problems)
    return {k: i for i, k in enumerate(keys) if k in BLOCK_COLUMNS or k in DAY_COLUMNS}


def parse_instant(text: str, tz: dt.tzinfo) -> int:
    """An instant written by the export, or a local time as a spreadsheet re-saves it."""
    value = text.strip()
    m = _SLASHED.match(value)
    try:
        if m:
            y, mo, d, h, mi, sec = (int(g) for g in m.groups(default="0"))
            naive = dt.datetime(y, mo, d, h, mi, sec)
            return local_to_instant(naive, tz)
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError(f"cannot read the time {text!r}; {_ISO_HINT}") from None
    if parsed.tzinfo is None:
        return local_to_instant(parsed, tz)
    return int(parsed.timestamp())


def _kind(text: str) -> Kind:
    return _KIND_WORDS.get(text.strip()) or parse_kind(text)


def _row(line: int, cells: dict[str, str], tz: dt.tzinfo) -> ImportRow:
    """One record to a row; raises ValidationError naming the column."""
    column = "id"
    try:
        raw_id = cells.get("id", "").strip()
        ident = None
        if raw_id:
            if not raw_id.isdigit() or not 0 < int(raw_id) <= MAX_ID:
                raise ValidationError(
                    f"{raw_id!r} is not a block id (a whole number); leave it empty for new blocks"
                )
            ident = int(raw_id)
        column = "start"
        start = parse_instant(cells["start"], tz)
        column = "end"
        end = parse_instant(cells["end"], tz) if cells["end"].strip() else None
        column = "kind"
        kind = _kind(cells["kind"])
        column = "label"
        label = clean_label(unguard(cells.get("label", "")))
        column = "note"
        note = clean_note(unguard(cells.get("note", "")))
        column = "end"
        check_span(start, end)
    except ValidationError as exc:
        raise ValidationError(f"{column}: {exc}") from None
    return ImportRow(line, ident, kind, label, note, start, end)


def read_blocks(
    data: bytes, name: str, tz: dt.tzinfo
) -> tuple[list[ImportRow], list[tuple[int, str]]]:
    """The good rows (split-day parts joined) and ``(line, reason)`` for every bad one.

    Problems with the file as a whole (empty, binary, encoding, header) raise.
    """
    text = decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), CsvDialect)
    problems: list[tuple[int, str]] = []
    rows: list[ImportRow] = []
    columns: dict[str, int] | None = None
    width = line = 1
    try:
        for record in reader:
            if columns is None:
                columns = _columns(record)
                width = len(record)
            elif any(cell.strip() for cell in record):
                if len(record) != width and (
                    len(record) < width or any(c.strip() for c in record[width:])
                ):
                    problems.append((line, _width_problem(len(record), width)))
                else:
                    cells = {k: record[i] for k, i in columns.items()}
                    try:
                        rows.append(_row(line, cells, tz))
                    except ValidationError as exc:
                        problems.append((line, str(exc)))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append((line, _malformed(exc)))
    if columns is None:
        raise TrackerError(f"{name} is empty; export a blocks CSV and import that")
    return rejoin(rows), problems


def _malformed(exc: csv.Error) -> str:
    """The parser gave up. In strict mode the end of the data inside a quoted cell is the
    one way a cut-off file shows (a file may lack its final newline: that alone is fine,
    and a cut in an unquoted cell cannot be told from a short cell)."""
    if "unexpected end of data" in str(exc):
        return (
            'a quoted cell starting here is never closed (no ending "): the file is cut off '
            "or damaged; export it again"
        )
    return f"the CSV is malformed here ({exc}); the file may be cut off or damaged"


def _width_problem(found: int, width: int) -> str:
    if found < width:
        return f"has {found} cells, the header has {width}; the row or file may be cut off"
    return f"has {found} cells, more than the header's {width}; quote cells that hold commas"


def rejoin(rows: list[ImportRow]) -> list[ImportRow]:
    """Join consecutive split-day parts of one block (same id and content, touching)."""
    joined: list[ImportRow] = []
    for row in rows:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and row.id is not None
            and prev.id == row.id
            and prev.end == row.start
            and (prev.kind, prev.label, prev.note) == (row.kind, row.label, row.note)
        ):
            joined[-1] = replace(prev, end=row.end)
        else:
            joined.append(row)
    return joined
