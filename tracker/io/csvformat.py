"""The CSV format shared by export and import: columns, header names, encodings, guards.

The English column keys are stable (scripts rely on them); the Japanese header is for
people who open the file in a spreadsheet. Files are written with CRLF line endings and
RFC 4180 quoting. Text cells (label, note) are guarded against formula injection (OWASP
"CSV injection"): a cell that would start with ``=``, ``+``, ``-``, ``@``, tab or carriage
return, or with the full-width ``＝ ＋ － ＠`` (Japanese Excel converts full-width input
to a formula), gets a leading ``'``; the import strips exactly one, so a round trip is exact.

Blocks carry each end twice: ``start``/``end`` as local ``YYYY-MM-DD HH:MM:SS`` (a
date-time Excel and LibreOffice compute with) and ``start_iso``/``end_iso`` as ISO-8601
with the offset (unambiguous for scripts, and across a fall-back night).
"""

from __future__ import annotations

import csv
import heapq
from collections.abc import Iterable, Mapping
from typing import Final, Literal

from tracker.domain.model import TrackerError

Encoding = Literal["utf-8-sig", "utf-8", "cp932"]
Header = Literal["en", "ja"]
What = Literal["blocks", "days", "team"]

ENCODINGS: Final[tuple[Encoding, ...]] = ("utf-8-sig", "utf-8", "cp932")
HEADERS: Final[tuple[Header, ...]] = ("en", "ja")

BLOCK_COLUMNS: Final = (
    "id",
    "date",
    "start",
    "end",
    "duration_min",
    "kind",
    "label",
    "note",
    "start_iso",
    "end_iso",
)
DAY_COLUMNS: Final = (
    "date",
    "task_min",
    "growth_min",
    "total_min",
    "growth_ratio",
    "target",
    "met",
    "note",
)

# The team view (§17) as one table Excel can filter: ``section`` says what a row is
# (person, week, learning, hotspot); a row fills the columns its section has.
TEAM_COLUMNS: Final = (
    "section",
    "week",
    "name",
    "label",
    "task_min",
    "growth_min",
    "growth_ratio",
    "target",
    "people",
    "per_week_min",
    "ratio_if_automated",
)

JAPANESE: Final[dict[str, str]] = {
    "id": "ID",
    "date": "日付",
    "start": "開始",
    "end": "終了",
    "duration_min": "時間（分）",
    "kind": "種類",
    "label": "内容",
    "note": "メモ",
    "task_min": "作業（分）",
    "growth_min": "成長（分）",
    "total_min": "合計（分）",
    "growth_ratio": "成長比率",
    "target": "目標",
    "met": "達成",
    "start_iso": "開始（ISO 8601）",
    "end_iso": "終了（ISO 8601）",
    "section": "区分",
    "week": "週",
    "name": "名前",
    "people": "人数",
    "per_week_min": "週あたり（分）",
    "ratio_if_automated": "自動化後の成長比率",
}

# Text cells guarded on export and unguarded on import.
TEXT_COLUMNS: Final = frozenset({"label", "note", "name"})

_TRIGGERS: Final = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# The first characters a cell ``guard`` may change starts with; any other text it returns
# as it is (a quick test first: exports call it 200 000 times).
GUARDED: Final = _TRIGGERS | {"'"}


class CsvDialect(csv.Dialect):
    """RFC 4180: comma, double-quote escaping, CRLF records."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


LIMIT: Final = 20  # problems shown; the rest are counted


Problem = tuple[int, TrackerError]  # (line, reason): a reason is a coded error


def _by_line(problem: Problem) -> tuple[int, str]:
    return problem[0], str(problem[1])


class CsvImportError(TrackerError):
    """An import refused as a whole; ``problems`` lists ``(line, reason)`` per bad row
    (the first ones by line), each reason a coded error the import dialog shows in the
    UI's language; ``count`` is how many there were in all. ``code`` and ``params`` name
    the summary (docs/architecture.md §11); ``str(exc)`` is the summary, then
    :meth:`lines`."""

    LIMIT = LIMIT

    def __init__(
        self,
        problems: Iterable[Problem],
        count: int | None = None,
        *,
        code: str,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.problems = sorted(problems, key=_by_line)
        self.count = len(self.problems) if count is None else count
        super().__init__(code=code, params=params or {})
        self.summary = str(self)
        self.args = ("\n".join([self.summary, *self.lines()]),)

    def lines(self) -> list[str]:
        """``line N: reason`` for the first 20 problems, then a count of the rest."""
        shown = [f"line {n}: {reason}" for n, reason in self.problems[: self.LIMIT]]
        rest = self.count - len(shown)
        if rest > 0:
            shown.append(f"… and {rest} more")
        return shown


class Problems:
    """The bad rows of an import: the first ``LIMIT`` by line are kept, all are counted,
    so a file of two million bad rows costs no more memory than one of twenty."""

    def __init__(self, earlier: Iterable[Problem] = ()) -> None:
        self._heap: list[tuple[int, int, TrackerError]] = []  # (-line, order, reason): max-heap
        self.count = 0
        for line, reason in earlier:
            self.add(line, reason)

    def add(self, line: int, reason: TrackerError) -> None:
        self.count += 1
        item = (-line, -self.count, reason)
        if len(self._heap) < LIMIT:
            heapq.heappush(self._heap, item)
        elif item > self._heap[0]:
            heapq.heapreplace(self._heap, item)

    def __bool__(self) -> bool:
        return self.count > 0

    @property
    def kept(self) -> list[Problem]:
        return sorted(((-line, reason) for line, _, reason in self._heap), key=_by_line)

    def error(self, *, code: str, params: Mapping[str, object]) -> CsvImportError:
        """The import refused, ``code`` and ``params`` naming the summary."""
        return CsvImportError(self.kept, self.count, code=code, params=params)


def header_names(columns: tuple[str, ...], language: Header) -> list[str]:
    if language == "ja":
        return [JAPANESE[c] for c in columns]
    return list(columns)


def guard(text: str) -> str:
    """Neutralise a text cell a spreadsheet would run as a formula."""
    if text and text.lstrip("'")[:1] in _TRIGGERS:
        return "'" + text
    return text


def unguard(text: str) -> str:
    """Undo :func:`guard`: strips exactly the one quote it added."""
    if text.startswith("'") and text.lstrip("'")[:1] in _TRIGGERS:
        return text[1:]
    return text


def minutes(seconds: int) -> str:
    """Seconds as minutes with two decimals (``90`` → ``1.50``)."""
    return f"{seconds / 60:.2f}"


def fraction(value: float | None) -> str:
    """A ratio or target as a decimal fraction with four decimals, empty for none."""
    return "" if value is None else f"{value:.4f}"


def encoding_name(encoding: str) -> str:
    """How people know an encoding, for messages."""
    return {
        "utf-8-sig": "UTF-8 with BOM",
        "utf-8": "UTF-8",
        "cp932": "cp932 (Shift_JIS)",
    }.get(encoding, encoding)
