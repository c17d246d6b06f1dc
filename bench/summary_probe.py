"""Child process of the summary benchmark: first open and reopens of the summary window.

    python -m bench.summary_probe DB REOPENS [--profile OUT.prof]

The tray app is built first (``App`` over the database, as after start-up: matplotlib not
loaded yet), then the window is opened through ``App.open_summary`` — the code path of
the tray menu — and painted synchronously (``repaint``: the charts really draw). Then it
is closed and reopened ``REOPENS`` times, in two situations:

* tracking: a growth block runs and a minute passes between opens (the clock is moved),
  so the timeline really changed;
* unchanged: nothing runs and nothing changed since the last open (a minute ago).

Prints one JSON line: {"first": s, "tracking": [s...], "unchanged": [s...], "matplotlib":
imported-before-first-open}. The fake clock starts right after the last block of the
database, so the day shown is a full working day.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("reopens", type=int)
    parser.add_argument("--settings", type=Path, required=True)
    parser.add_argument("--profile", type=Path, help="cProfile the reopens into this file")
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from tracker.domain.clock import FakeClock
    from tracker.domain.model import Kind
    from tracker.platform.tz import local_timezone
    from tracker.service import TrackerService
    from tracker.store import Store
    from tracker.ui.app import App

    qapp = QApplication(["growth-tracker"])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(args.settings))
    store = Store(args.db)
    last = store.last()
    assert last is not None and last.ended_at is not None, "expects a generated database"
    clock = FakeClock(last.ended_at + 60)
    service = TrackerService(store, clock, local_timezone())
    service.start(Kind.GROWTH, "RPA 勉強")
    clock.advance(25 * 60)
    app = App(service)
    mpl_before = "matplotlib" in sys.modules

    def open_and_paint() -> float:
        t0 = time.perf_counter()
        app.open_summary()
        window = app.windows.open["summary"]
        qapp.processEvents()
        while not window.charts.ready:  # made on the event-loop turn after the first show
            qapp.processEvents()
        window.repaint()
        qapp.processEvents()
        elapsed = time.perf_counter() - t0
        pending = [c for c in window.charts._canvases.values() if c._draw_pending]
        assert not pending, "a chart was not drawn"
        return elapsed

    def close() -> None:
        app.windows.open["summary"].close()
        qapp.processEvents()

    first = open_and_paint()
    close()

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    tracking = []
    for _ in range(args.reopens):
        clock.advance(60)
        tracking.append(open_and_paint())
        close()
    service.stop()
    open_and_paint()  # the stop is a change; what follows is not
    close()
    unchanged = []
    for _ in range(args.reopens):
        clock.advance(60)
        unchanged.append(open_and_paint())
        close()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    print(
        json.dumps(
            {"first": first, "tracking": tracking, "unchanged": unchanged, "matplotlib": mpl_before}
        ),
        flush=True,
    )
    app.dispose()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
