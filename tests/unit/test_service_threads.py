"""The two service additions the tray's background jobs rely on: an import preview that
writes nothing, and a service on a connection of its own for a worker thread (which must
leave the tray's own connection, and its locks, untouched)."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tracker.domain.model import Kind
from tracker.service import FileMovedError, TrackerService, UnexpectedDatabaseError

if TYPE_CHECKING:
    from tests.conftest import RunCli

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


def test_the_tray_s_writes_after_a_reopened_worker_reach_other_processes(
    service: TrackerService, run_cli: RunCli
) -> None:
    """A worker's connection (the daily backup, an export) once read the file's header
    with a plain ``open()``; closing that descriptor dropped every POSIX lock the tray's
    own connection held on the file. The next CLI to close then thought it was the last
    one, checkpointed and deleted the ``-wal`` the tray still wrote into: each later tray
    write was invisible to every other process and lost when the tray quit."""
    service.add_block(Kind.TASK, 1_699_833_600, 1_699_837_200, "before")
    own = service.reopened()  # what a Job does on its thread
    own.close()
    assert run_cli("list")[0] == 0  # a CLI opens and closes the database meanwhile
    service.add_block(Kind.GROWTH, 1_699_837_200, 1_699_840_800, "after")
    rc, out, err = run_cli("list", "--from", "2023-11-13", "--to", "2023-11-13", "--json")
    assert rc == 0, err
    labels = [b["label"] for b in json.loads(out)["blocks"]]
    assert labels == ["before", "after"]
    assert Path(f"{service.store.path}-wal").exists()  # still the file the tray writes into


def test_a_worker_never_opens_a_new_file_where_the_tray_s_file_was(
    service: TrackerService,
) -> None:
    """The file deleted under the tray: a worker's service refuses, as the tray's own
    writes do, instead of creating an empty database at the path."""
    service.add_block(Kind.TASK, 1_699_833_600, 1_699_837_200, "a")
    path = service.store.path
    path.unlink()
    with pytest.raises(FileMovedError) as caught:
        service.reopened()
    assert caught.value.code == "db_gone"
    assert not path.exists()
