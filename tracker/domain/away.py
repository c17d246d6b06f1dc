"""Away detection policy: when did the user leave, and when did they come back?

A pure state machine fed with samples (wall clock, monotonic clock, idle seconds, the
running block's start, the lock state). The UI polls; this module decides.

Rules (docs/architecture.md §5, issue 7):

* Off when the threshold is 0 or nothing runs (the state is forgotten).
* **Leaving**: idle time reaches the threshold → the user left at ``now - idle`` (the last
  input), never before the running block started.
* **Sleep / suspend**: the wall clock moved much further than the poll interval between two
  samples (Linux and macOS stop the monotonic clock while suspended), or the monotonic
  clock did (Windows counts sleep in it; a stopped process) → the user left at the
  previous sample, the last moment the machine was seen awake. "Much further" means at
  least the threshold and at least ``SLEEP_POLLS`` poll intervals. A wall clock set
  forward by hand looks the same and is reported the same way: the user then picks what
  the span was, and Discard removes the phantom time.
* **Lock**: while the session is locked (where the platform says so) the user counts as
  gone since the lock (or their last input before it) and cannot come back until it is
  unlocked.
* **Returning**: input since the previous sample (the idle counter is below the time
  that passed, or dropped) while not locked → returned at ``now - idle``. With no idle
  source, a machine that wakes from sleep counts as someone having woken it.
* Clock set backwards: no sleep is inferred; every reported instant is clamped so a span
  is never negative (``left_at <= returned_at``) and never starts before the block.
"""

from __future__ import annotations

from dataclasses import dataclass

SLEEP_POLLS = 3  # a gap this many poll intervals long (and ≥ threshold) is sleep
JITTER_S = 0.25  # idle and clock are read at slightly different moments


@dataclass(frozen=True, slots=True)
class Sample:
    """One look at the machine. ``running_since`` is None when no block runs."""

    now: int
    monotonic: float
    idle_s: float | None
    running_since: int | None
    locked: bool | None = None


@dataclass(frozen=True, slots=True)
class Left:
    """The user has been gone long enough: they left at ``left_at``."""

    left_at: int


@dataclass(frozen=True, slots=True)
class Returned:
    """The user is back. ``left_at <= returned_at`` always."""

    left_at: int
    returned_at: int


AwayEvent = Left | Returned


class AwayPolicy:
    """Feed ``observe()`` one ``Sample`` per poll; it answers with an event or None."""

    def __init__(self, threshold_s: float, poll_s: float = 10.0) -> None:
        self.threshold_s = threshold_s
        self.poll_s = poll_s
        self.left_at: int | None = None
        self._prev: Sample | None = None
        self._locked_since: int | None = None

    @property
    def away(self) -> bool:
        return self.left_at is not None

    def reset(self) -> None:
        """Forget everything (nothing runs, the feature was turned off, resolved)."""
        self.left_at = None
        self._prev = None
        self._locked_since = None

    def restore(self, left_at: int) -> None:
        """Continue an away span remembered from before a restart."""
        self.left_at = left_at
        self._prev = None

    def observe(self, sample: Sample) -> AwayEvent | None:
        if self.threshold_s <= 0 or sample.running_since is None:
            self.reset()
            return None
        prev, self._prev = self._prev, sample
        now, idle = sample.now, sample.idle_s
        if now < sample.running_since:
            return None  # the clock is behind the block's start: nothing sensible to say
        slept_from = self._sleep_start(prev, sample)
        self._track_lock(sample)

        if self.left_at is None:
            candidates: list[int] = []
            if idle is not None and idle >= self.threshold_s:
                candidates.append(int(now - idle))
            if slept_from is not None:
                candidates.append(slept_from)
            if self._locked_since is not None and now - self._locked_since >= self.threshold_s:
                candidates.append(self._locked_since)
            if not candidates:
                return None
            self.left_at = min(max(min(candidates), sample.running_since), now)
            if slept_from is None or not self._input_since(prev, sample):
                return Left(self.left_at)
        elif not self._input_since(prev, sample):
            return None
        return self._returned(sample)

    # -- helpers ------------------------------------------------------------------------

    def _sleep_start(self, prev: Sample | None, sample: Sample) -> int | None:
        """The previous sample's wall time when the machine slept since, else None."""
        if prev is None:
            return None
        wall_gap = sample.now - prev.now
        mono_gap = sample.monotonic - prev.monotonic
        missed = max(wall_gap, mono_gap)
        if missed >= max(self.threshold_s, SLEEP_POLLS * self.poll_s):
            return prev.now
        return None

    def _track_lock(self, sample: Sample) -> None:
        if not sample.locked:
            self._locked_since = None
        elif self._locked_since is None:
            idle = sample.idle_s if sample.idle_s is not None else 0.0
            self._locked_since = int(sample.now - max(idle, 0.0))

    def _input_since(self, prev: Sample | None, sample: Sample) -> bool:
        """Did the user touch the machine since the previous sample (and is it unlocked)?"""
        if sample.locked:
            return False
        idle = sample.idle_s
        if idle is None:
            return True  # no idle source: the machine running again is all we know
        if prev is None:
            return idle < self.threshold_s  # first look after a restart
        mono_gap = max(sample.monotonic - prev.monotonic, 0.0)
        if idle < mono_gap - JITTER_S:
            return True
        return prev.idle_s is not None and idle < prev.idle_s - JITTER_S

    def _returned(self, sample: Sample) -> Returned:
        assert self.left_at is not None
        left = self.left_at
        back = sample.now if sample.idle_s is None else int(sample.now - sample.idle_s)
        back = min(max(back, left), max(sample.now, left))
        self.left_at = None
        self._locked_since = None
        return Returned(left, back)
