"""In-process benchmarks on real database files: toggle latency and the 100 000-block
database (year report, hotspots, CSV export and import, file size)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import Figure, time_call
from tracker.domain.clock import FakeClock
from tracker.platform.tz import local_timezone
from tracker.service import TrackerService, open_service
from tracker.store import Store


def _service_after_last_block(db: Path) -> tuple[TrackerService, FakeClock]:
    """A service whose clock stands a minute after the database's last block."""
    store = Store(db)
    last = store.last()
    assert last is not None and last.ended_at is not None
    clock = FakeClock(last.ended_at + 60)
    return TrackerService(store, clock, local_timezone()), clock


def toggle(db: Path, runs: int) -> list[Figure]:
    """The tray's toggle signal → App.toggle → service.click committed (WAL, synchronous=FULL).

    A minute passes between toggles (fake clock), so every toggle ends one block and starts
    the next, as a person clicking would; the clock is fake, the file and fsyncs are real.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from tracker.ui.app import App

    qapp = QApplication.instance() or QApplication(["growth-tracker"])
    service, clock = _service_after_last_block(db)
    app = App(service)
    click = service.click  # what a click (and the toggle signal) does: switch or continue
    committed: list[float] = []

    def timed_click(*args: Any, **kwargs: Any) -> Any:
        result = click(*args, **kwargs)
        committed.append(time.perf_counter())
        return result

    service.click = timed_click  # type: ignore[method-assign]
    to_commit: list[float] = []
    handler: list[float] = []
    for _ in range(runs):
        clock.advance(60)
        t0 = time.perf_counter()
        app.tray.toggle_requested.emit()
        t1 = time.perf_counter()
        to_commit.append((committed[-1] - t0) * 1000)
        handler.append((t1 - t0) * 1000)
        qapp.processEvents()
    assert len(committed) == runs, "a toggle did not reach the service"
    app.dispose()
    service.store.close()
    return [
        Figure(
            "handler → commit: toggle signal → switch committed to disk (in process)",
            to_commit,
            "ms",
            20,
        ),
        Figure("toggle signal → handler done, tray refreshed (in process)", handler, "ms", None),
    ]


def big_database(db: Path, work: Path, runs: int) -> list[Figure]:
    from tracker.io.export import ExportOptions

    service = open_service(db)
    today = service.today()
    year = today - dt.timedelta(days=364)
    report = time_call(lambda: service.report(year, today), runs)
    hot = time_call(lambda: service.hotspots(year, today), runs)
    csv_runs = max(3, runs // 4)
    blocks_opts = ExportOptions("blocks")
    days_opts = ExportOptions("days")
    out = work / "export.csv"
    blocks = time_call(lambda: service.write_csv(out, blocks_opts), csv_runs, 1.0)
    rows = service.export_csv(blocks_opts).rows
    csv_size = out.stat().st_size / 1e6
    days = time_call(lambda: service.write_csv(work / "days.csv", days_opts), csv_runs, 1.0)
    service.store.close()

    imports = []
    for i in range(3):
        target = work / f"import-{i}.sqlite3"
        fresh = open_service(target)
        t0 = time.perf_counter()
        outcome = fresh.import_csv(out)
        imports.append(time.perf_counter() - t0)
        assert outcome.imported == rows, outcome
        fresh.store.close()
    imported_size = (work / "import-0.sqlite3").stat().st_size / 1e6
    for i in range(3):
        for path in work.glob(f"import-{i}.sqlite3*"):
            path.unlink()
    shutil.rmtree(work / "backups", ignore_errors=True)
    note = f"({rows} blocks)"
    return [
        Figure("one-year day report, 100k-block DB", report, "ms", 50),
        Figure("one-year routine hotspots, 100k-block DB", hot, "ms", None),
        Figure(
            "CSV export of all blocks (to a file)", blocks, "s", 1.0, f"{note}, {csv_size:.1f} MB"
        ),
        Figure("CSV export of all days (to a file)", days, "s", None),
        Figure("CSV import of 100k rows into an empty DB", imports, "s", None),
        Figure("database file, 100k blocks", [db.stat().st_size / 1e6], "MB", None),
        Figure("database file after that import", [imported_size], "MB", None),
    ]
