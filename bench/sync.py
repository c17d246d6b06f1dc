"""Sync (docs/architecture.md §16): a year published and merged from scratch, one change,
and the one-year report of the 100 000-block database with another PC's year merged in,
then a third PC's."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

from bench.common import Figure, time_call
from bench.gen_db import generate
from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.platform.tz import local_timezone
from tracker.service import TrackerService
from tracker.store import Store


def syncing_service(db: Path, folder: Path) -> TrackerService:
    """A PC syncing through ``folder``, its clock just after its last block."""
    store = Store(db)
    last = store.last()
    clock = FakeClock((last.ended_at or 0) + 60 if last is not None else int(time.time()))
    service = TrackerService(store, clock, local_timezone())
    service.set_setting("sync_folder", str(folder))
    return service


def run(work: Path, big_db: Path, runs: int) -> tuple[list[Figure], list[str]]:
    scratch, one = [], []
    for i in range(max(3, runs // 4)):
        folder = work / f"sync-{i}"
        folder.mkdir()
        year = work / f"sync-year-{i}.sqlite3"
        generate(year, 3650, "Asia/Tokyo", per_day=14)
        office = syncing_service(year, folder)
        laptop = syncing_service(work / f"sync-laptop-{i}.sqlite3", folder)
        t0 = time.perf_counter()
        office.sync()
        laptop.sync()
        scratch.append((time.perf_counter() - t0) * 1000)
        office.clock.advance(60)  # type: ignore[attr-defined]
        end = office.clock.now()
        office.add_block(Kind.GROWTH, end - 30, end, "one more")
        t0 = time.perf_counter()
        office.sync()
        laptop.sync()
        one.append((time.perf_counter() - t0) * 1000)
        office.store.close()
        laptop.store.close()
    # the 100k-block database with a year of another PC's blocks merged in
    folder = work / "sync-big"
    folder.mkdir()
    big = work / "sync-big.sqlite3"
    shutil.copy(big_db, big)
    other = work / "sync-other.sqlite3"
    generate(other, 3650, "Asia/Tokyo", per_day=14)
    laptop = syncing_service(other, folder)
    laptop.sync()
    office = syncing_service(big, folder)
    office.sync()
    last = office.today()
    first = last - dt.timedelta(days=364)
    report = time_call(lambda: office.report(first, last), runs)
    home_db = work / "sync-home.sqlite3"
    generate(home_db, 3650, "Asia/Tokyo", per_day=11)
    home = syncing_service(home_db, folder)
    home.sync()
    office.sync()
    three = time_call(lambda: office.report(first, last), runs)
    for service in (office, laptop, home):
        service.store.close()
    return [
        Figure(
            "sync: a year (3 650 blocks) published and merged from scratch", scratch, "ms", None
        ),
        Figure("sync: one change published and merged", one, "ms", None),
        Figure(
            "one-year day report, 100k-block DB + a merged year from another PC", report, "ms", 50
        ),
        Figure(
            "one-year day report, 100k-block DB + merged years from two other PCs",
            three,
            "ms",
            50,
        ),
    ], []
