"""A read-only data folder or file, and a full disk: a clear message, exit 1, nothing lost.

Read-only is real (file modes); as root, whom modes do not stop, the CLI runs as
``nobody`` through ``setpriv``. A full disk is SQLite's ``PRAGMA max_page_count`` set on
every connection the program opens (a tiny file system needs root mounts). The tray's
clicks that the file refuses are kept with their instants and written when it can.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from relsupport import run_main

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.service import PendingWriteError, TrackerService
from tracker.store import StorageError, Store, database

REPO = Path(__file__).resolve().parents[2]
LONG_NOTE = "x" * 2000

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder another user may enter (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="gt-readonly-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            with contextlib.suppress(OSError):
                path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(folder, ignore_errors=True)


def cli_as_user(db: Path, *args: str) -> tuple[int, str, str]:
    """The real CLI, as an ordinary user (``nobody`` when this runs as root)."""
    argv = [sys.executable, "-m", "tracker", "--db", str(db), *args]
    if os.geteuid() == 0:
        argv = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", *argv]
    env = dict(os.environ, PYTHONPATH=str(REPO), TZ="Asia/Tokyo", HOME=str(db.parent))
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, cwd=REPO)
    return proc.returncode, proc.stdout, proc.stderr


def make_db(folder: Path) -> Path:
    db = folder / "data" / "t.db"
    code, _, err = run_main(db, ["add", "task", "2023-11-15 09:00", "2023-11-15 10:00", "a"])
    assert code == 0, err
    for path in (db.parent, *db.parent.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)  # readable by the other user
    return db


def snapshot(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}


@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_data_gives_one_clear_line_and_exit_1(open_folder: Path, what: str) -> None:
    db = make_db(open_folder)
    if os.geteuid() != 0:
        db.chmod(0o444)
        if what == "folder":
            db.parent.chmod(0o555)
    elif what == "folder":
        db.parent.chmod(0o755)  # owned by root: nobody can read, not write
    before = snapshot(db)
    for args in (["start", "task"], ["stop"], ["add", "growth", "2023-11-15 10:00", "11:00"]):
        code, out, err = cli_as_user(db, *args)
        assert code == 1, (args, out, err)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "read-only" in err and str(db) in err, err
    assert snapshot(db) == before


def fill_up(db: Path) -> int:
    """Add long blocks until the file has no room left; returns how many fit."""
    store = Store(db)
    clock = FakeClock(1_700_006_400)
    service = TrackerService(store, clock, ZoneInfo("Asia/Tokyo"))
    added = 0
    try:
        for i in range(200):
            try:
                start = clock.now() - 10**6 + i * 100
                service.add_block(Kind.TASK, start, start + 50, note=LONG_NOTE)
            except StorageError as exc:
                assert "disk is full" in str(exc)
                return added
            added += 1
    finally:
        store.close()
    raise AssertionError("the file never filled up")


def test_a_full_disk_gives_one_clear_line_exit_1_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    db = tmp_path / "t.db"
    assert run_main(db, ["status"])[0] == 0
    real = database.connect

    def full(path: Path) -> sqlite3.Connection:
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(database, "connect", full)
    added = fill_up(db)
    assert added > 0
    rows = sqlite3.connect(db).execute("SELECT * FROM blocks ORDER BY id").fetchall()
    code, out, err = run_main(
        db, ["add", "growth", "2023-11-15 09:00", "2023-11-15 09:30", "--note", LONG_NOTE]
    )
    assert code == 1, (out, err)
    assert err.count("\n") == 1 and "disk is full" in err and "nothing was changed" in err
    assert sqlite3.connect(db).execute("SELECT * FROM blocks ORDER BY id").fetchall() == rows
    assert len(rows) == added  # every block whose call returned, none of the refused
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_tray_clicks_the_file_refuses_are_kept_and_written_later(tmp_path: Path) -> None:
    """Read-only (query_only) while the tray runs: the clicks are kept in order, with
    their instants, and the next heartbeat after the file is writable writes them."""
    store = Store(tmp_path / "t.db")
    clock = FakeClock(1_700_006_400)
    service = TrackerService(store, clock, ZoneInfo("Asia/Tokyo"))
    try:
        first = service.start(Kind.TASK, "mail", source=Source.TRAY)
        clock.advance(600)
        store.conn.execute("PRAGMA query_only = ON")  # the folder became read-only
        with pytest.raises(PendingWriteError, match="kept"):
            service.switch(source=Source.TRAY)  # to growth at +600
        clock.advance(300)
        with pytest.raises(PendingWriteError):
            service.stop(source=Source.TRAY)  # at +900
        assert [a.op for a in service.pending_actions()] == ["switch", "stop"]
        clock.advance(60)
        assert service.heartbeat() is None  # still refused: nothing more, no error
        assert service.running() is not None and service.running().id == first.id
        store.conn.execute("PRAGMA query_only = OFF")
        clock.advance(60)
        service.heartbeat()
        assert service.pending_actions() == ()
        spans = [(b.kind, b.started_at, b.ended_at) for b in store.all_blocks()]
        t0 = first.started_at
        assert spans == [(Kind.TASK, t0, t0 + 600), (Kind.GROWTH, t0 + 600, t0 + 900)]
        assert store.integrity_ok()
    finally:
        store.close()


def test_a_kept_click_that_no_longer_fits_is_dropped_with_a_message(tmp_path: Path) -> None:
    """The CLI (another connection) changed the blocks meanwhile: the kept switch would
    close a block before it began, so it is dropped and said so, never forced in."""
    from tracker.domain.model import TrackerError

    store = Store(tmp_path / "t.db")
    clock = FakeClock(1_700_006_400)
    service = TrackerService(store, clock, ZoneInfo("Asia/Tokyo"))
    other = TrackerService(Store(tmp_path / "t.db"), clock, ZoneInfo("Asia/Tokyo"))
    try:
        service.start(Kind.TASK, source=Source.TRAY)
        clock.advance(600)
        store.conn.execute("PRAGMA query_only = ON")
        with pytest.raises(PendingWriteError):
            service.switch(source=Source.TRAY)
        clock.advance(60)
        other.start(Kind.GROWTH, "cli")  # the CLI still can write
        store.conn.execute("PRAGMA query_only = OFF")
        with pytest.raises(TrackerError, match="could not be saved"):
            service.heartbeat()
        assert service.pending_actions() == ()
        running = service.running()
        assert running is not None and running.label == "cli"
    finally:
        store.close()
        other.store.close()
