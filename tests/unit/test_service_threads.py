"""The two service additions the tray's background jobs rely on: an import preview that
writes nothing, and a service on a connection of its own for a worker thread."""

from __future__ import annotations

import sqlite3
import threading

from tracker.domain.model import Kind
from tracker.service import TrackerService, UnexpectedDatabaseError

CSV = (
    b"id,date,start,end,duration_min,kind,label,note\r\n"
    b",2023-11-13,2023-11-13T09:00:00+09:00,2023-11-13T10:00:00+09:00,60.00,task,a,\r\n"
    b",2023-11-13,2023-11-13T10:00:00+09:00,2023-11-13T11:00:00+09:00,60.00,growth,b,\r\n"
    b",2023-11-13,2023-11-13T11:00:00+09:00,,5.00,task,c,\r\n"
)


def test_a_dry_run_counts_what_the_import_then_does_and_writes_nothing(
    service: TrackerService,
) -> None:
    service.add_block(Kind.TASK, 1_699_833_600, 1_699_837_200, "a")  # row 2, already here
    before = service.store.change_marker()
    preview = service.import_csv_data(CSV, "x.csv", dry_run=True)
    assert (preview.imported, preview.already_there, preview.running_skipped) == (1, 1, 1)
    assert service.store.change_marker() == before
    assert len(service.store.all_blocks()) == 1
    assert service.import_csv_data(CSV, "x.csv") == preview
    assert len(service.store.all_blocks()) == 2


def test_a_reopened_service_works_on_another_thread_beside_the_first(
    service: TrackerService,
) -> None:
    service.add_block(Kind.TASK, 1_699_833_600, 1_699_837_200, "a")
    errors: list[Exception] = []

    def borrow() -> None:
        try:
            service.store.all_blocks()
        except Exception as exc:
            errors.append(exc)

    worker = threading.Thread(target=borrow)
    worker.start()
    worker.join()
    # why workers reopen; the store hands it on as its own error, SQLite's as the cause
    assert [type(e) for e in errors] == [UnexpectedDatabaseError]
    assert isinstance(errors[0].__cause__, sqlite3.ProgrammingError)
    seen: list[object] = []

    def work() -> None:
        own = service.reopened()
        try:
            seen.append(
                (own.store.path, own.clock, own.tz, [b.label for b in own.store.all_blocks()])
            )
        finally:
            own.store.close()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen == [(service.store.path, service.clock, service.tz, ["a"])]
    assert service.store.conn is not None and len(service.store.all_blocks()) == 1
