"""Blocks and their validation rules (docs/architecture.md §2, §4)."""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from tracker.domain import messages

LABEL_MAX = 200
NOTE_MAX = 2000
# Every instant stored, whatever its way in (CLI, UI, import), lies in these years: far
# ones overflow date arithmetic (the day after 9999-12-31, a days export of 739 954 rows
# from year 1) and negative instants break on Windows.
FIRST_YEAR = 1971
LAST_YEAR = 2999
FIRST_INSTANT = int(dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.UTC).timestamp())
END_INSTANT = int(dt.datetime(LAST_YEAR + 1, 1, 1, tzinfo=dt.UTC).timestamp())


class Kind(enum.StrEnum):
    """The two kinds of work; these exact strings go into the database, CSV, JSON and CLI."""

    TASK = "task"
    GROWTH = "growth"

    @property
    def other(self) -> Kind:
        return Kind.GROWTH if self is Kind.TASK else Kind.TASK


class Source(enum.StrEnum):
    """Where a block came from."""

    TRAY = "tray"
    CLI = "cli"
    MANUAL = "manual"
    IMPORT = "import"
    RECOVERED = "recovered"


_NO_PARAMS: Mapping[str, object] = MappingProxyType({})


class TrackerError(Exception):
    """An error a person can fix; its message says what happened and what to do.

    Raised as ``TrackerError(code=..., params=...)``: ``code`` (with ``variant`` where a
    code is worded in several ways) names the message in ``tracker.domain.messages`` and
    ``params`` holds its raw values (instants as int, kinds as ``Kind``, blocks as
    ``Block``). ``str(exc)`` is the English message, filled from the catalogue (``tz``: the
    zone instants and blocks are written in), which the CLI prints as is; the UI says the
    same in the user's language (``tracker.ui.error_text``). An explicit message
    (``TrackerError("text", code=...)``) is kept as given; an error without a code is shown
    in English.
    """

    def __init__(
        self,
        *args: object,
        code: str | None = None,
        params: Mapping[str, object] = _NO_PARAMS,
        variant: str | None = None,
        tz: dt.tzinfo | None = None,
    ) -> None:
        self.code = code
        self.variant = variant
        self.params: Mapping[str, object] = MappingProxyType(dict(params))
        if not args and code is not None:
            try:
                args = (messages.english(code, self.params, variant=variant, tz=tz),)
            except (KeyError, IndexError, ValueError, AttributeError):
                # tests/unit/test_error_codes.py proves every raise site renders; a user
                # still never gets a traceback instead of an error
                args = (messages.key(code, variant),)
        super().__init__(*args)


class ValidationError(TrackerError, ValueError):
    """A value a person typed is not acceptable; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Block:
    """One continuous span of work of one kind. Instants are Unix seconds (UTC)."""

    id: int
    kind: Kind
    label: str
    note: str
    started_at: int
    ended_at: int | None
    last_seen_at: int | None = None
    source: Source = Source.MANUAL

    @property
    def running(self) -> bool:
        return self.ended_at is None

    def end_or(self, now: int) -> int:
        """The block's end, or ``now`` for the running block (never before its start)."""
        if self.ended_at is not None:
            return self.ended_at
        return max(now, self.started_at)

    def duration(self, now: int) -> int:
        return self.end_or(now) - self.started_at


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in ("\u200d",)


def clean_label(label: str | None) -> str:
    """Trim a label and check it: one line, at most 200 characters, no control characters."""
    text = (label or "").strip()
    if any(_is_control(ch) for ch in text):
        raise ValidationError(code="label_control")
    if len(text) > LABEL_MAX:
        raise ValidationError(
            code="label_too_long",
            params={"length": len(text), "max": LABEL_MAX},
        )
    return text


def clean_note(note: str | None) -> str:
    """Check a note: at most 2 000 characters; tab and newline allowed, other controls not."""
    text = (note or "").replace("\r\n", "\n").replace("\r", "\n")
    if any(_is_control(ch) and ch not in "\t\n" for ch in text):
        raise ValidationError(code="note_control")
    if len(text) > NOTE_MAX:
        raise ValidationError(
            code="note_too_long",
            params={"length": len(text), "max": NOTE_MAX},
        )
    return text


def parse_kind(value: str) -> Kind:
    try:
        return Kind(value.strip().lower())
    except ValueError:
        raise ValidationError(code="unknown_kind", params={"text": value}) from None


def check_instant(instant: int) -> None:
    """An instant inside the years every entry path accepts (FIRST_YEAR–LAST_YEAR)."""
    if not FIRST_INSTANT <= instant < END_INSTANT:
        raise ValidationError(
            code="instant_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def check_span(started_at: int, ended_at: int | None) -> None:
    """Both ends within the accepted years, the end after the start (a running block has
    no end). The store checks every block it writes with this."""
    check_instant(started_at)
    if ended_at is not None:
        check_instant(ended_at)
    if ended_at is not None and ended_at <= started_at:
        raise ValidationError(
            code="end_before_start",
            params={"start": started_at, "end": ended_at},
        )
