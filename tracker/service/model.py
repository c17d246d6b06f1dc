"""The service's own words: its errors, the tray's kept actions, the choices a person makes
and the results the use cases hand back. No behaviour here."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from tracker.domain.model import Block, Kind, TrackerError
from tracker.domain.stats import DaySummary, Totals

HEARTBEAT_S = 60
STALE_AFTER_S = 3 * HEARTBEAT_S


class NothingRunningError(TrackerError):
    pass


class RecoveryNeededError(TrackerError):
    """A block a crashed tray left running: only the user (or the tray's dialog) ends it."""


class PendingWriteError(TrackerError):
    """A tray action could not be saved yet; it is kept and retried (``retry_pending``)."""


@dataclass(frozen=True, slots=True)
class PendingAction:
    """A tray start / switch / stop that the file refused (read-only, disk full): its
    instant is kept, so written later it still says when the person clicked."""

    op: str  # "start", "switch" or "stop"
    at: int
    kind: Kind | None = None
    label: str | None = None


class RecoveryChoice(enum.Enum):
    END_AT_HEARTBEAT = "heartbeat"
    KEEP = "keep"
    END_NOW = "now"


class AwayChoice(enum.Enum):
    """What the away span was (see ``TrackerService.resolve_away``)."""

    DISCARD = "discard"
    KEEP_AS_TASK = "task"
    KEEP_AS_GROWTH = "growth"
    STOP = "stop"


@dataclass(frozen=True, slots=True)
class AwayOutcome:
    """The blocks after an away choice; None where a block was not made (or was empty)."""

    ended: Block | None
    away: Block | None
    resumed: Block | None


AWAY_KEY = "away_since"  # internal setting: unix seconds, or "" when nobody is away


@dataclass(frozen=True, slots=True)
class Status:
    now: int
    running: Block | None
    today: DaySummary
    stale: bool
    # other PCs' running blocks (sync, §16): (block, device name, last seen there)
    elsewhere: tuple[tuple[Block, str, int | None], ...] = ()

    @property
    def elapsed_s(self) -> int:
        return self.running.duration(self.now) if self.running else 0


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """How a CSV import went: blocks added, already there, and running rows skipped."""

    imported: int
    already_there: int
    running_skipped: int


@dataclass(frozen=True, slots=True)
class Report:
    days: list[DaySummary]
    total: Totals
