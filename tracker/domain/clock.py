"""Where time comes from: a protocol, the system clock and a fake clock for tests."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> int:
        """The current instant in whole Unix seconds (UTC)."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never goes backwards."""
        ...


class SystemClock:
    def now(self) -> int:
        return int(time.time())

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock a test moves by hand; wall time can jump while monotonic time only advances."""

    def __init__(self, start: int = 1_700_000_000) -> None:
        self._now = start
        self._mono = 1000.0

    def now(self) -> int:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: int) -> None:
        self._now += seconds
        self._mono += seconds

    def set(self, instant: int) -> None:
        """Jump the wall clock (NTP, manual change); monotonic time does not move."""
        self._now = instant
