"""The one seam for tests and benchmarks: the environment variables only they set.

Production code never reads these variables itself; it asks this module, so what a test
can change in a shipped app is listed here and nowhere else:

* ``GROWTH_TRACKER_READY_FD=<fd>``: once the icon is docked and painted (``ui.docked``; the
  rest of the app loads right after, docs/architecture.md §9), the tray writes
  ``ready <unix time>`` to that file descriptor (the start-up benchmark and the kill tests
  wait for it); ``GROWTH_TRACKER_PRINT_READY=1`` writes the same line to stdout, and
  ``started <unix time>`` once the app behind the icon has loaded, just before it recovers
  and adopts the running block (the kill tests wait for it before they kill a started tray).
* ``GROWTH_TRACKER_AWAY_SECONDS=<s>``: the away threshold in seconds instead of the
  ``away_minutes`` setting (the end-to-end away test cannot wait five minutes).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

READY_FD = "GROWTH_TRACKER_READY_FD"
PRINT_READY = "GROWTH_TRACKER_PRINT_READY"
AWAY_SECONDS = "GROWTH_TRACKER_AWAY_SECONDS"


def announce_ready() -> None:
    """'ready <unix time>' once the icon is docked and painted (see above)."""
    fd = os.environ.get(READY_FD)
    line = f"ready {time.time():.6f}\n"
    if fd and fd.isdigit():
        with contextlib.suppress(OSError):
            os.write(int(fd), line.encode())
    elif os.environ.get(PRINT_READY) == "1":
        sys.stdout.write(line)
        sys.stdout.flush()


def announce_started() -> None:
    """'started <unix time>' once the app behind the icon runs (stdout only, see above)."""
    if os.environ.get(PRINT_READY) == "1":
        sys.stdout.write(f"started {time.time():.6f}\n")
        sys.stdout.flush()


def away_seconds() -> float | None:
    """The away threshold a test set, in seconds (never negative); None when unset."""
    raw = os.environ.get(AWAY_SECONDS, "")
    try:
        return max(float(raw), 0.0) if raw else None
    except ValueError:
        return None
