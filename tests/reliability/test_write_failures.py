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

from tests.conftest import RunCli
from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.service import PendingWriteError, TrackerService
from tracker.store import StorageError, Store, database, paths

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
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
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


# -- a real small file system ----------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB tmpfs (root only: mounting needs it)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or sys.platform != "linux":
        pytest.skip("mounting a small file system needs root on Linux")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_disk(folder: Path, leave: int) -> Path:
    """Take the free space of ``folder``'s file system until ``leave`` bytes are left."""
    filler = folder / "filler"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


GROWN_DAY = "2023-11-03"  # the tracking day of what grow() adds (Tokyo)


def grow(db: Path, blocks: int) -> None:
    """``blocks`` blocks of ~2 KB each, in one transaction (no -wal left after it)."""
    from tracker.domain.model import Block

    start = 1_700_006_400 - 10**6
    rows = [
        Block(0, Kind.TASK, f"b{i}", "n" * 1900, start + i * 100, start + i * 100 + 50)
        for i in range(blocks)
    ]
    store = Store(db)
    try:
        store.insert_many(rows, start)
    finally:
        store.close()


def test_a_backup_that_does_not_fit_never_blocks_the_write(
    small_disk: Path, run_cli: RunCli
) -> None:
    """208 KB of data, 120 KB free, no backup yet today: the add is saved (exit 0), the
    backup is skipped with one note, and no half copy is left taking the space."""
    db = small_disk / "t.db"
    grow(db, 90)
    assert db.stat().st_size > 180_000
    fill_disk(small_disk, 120_000)
    code, out, err = run_cli("add", "growth", "2023-11-15 09:00", "2023-11-15 09:30", db=db)
    assert code == 0, err
    assert out.strip().isdigit()
    assert err.count("\n") == 1 and "backup" in err and "skipped" in err and "disk is full" in err
    assert "Traceback" not in err
    backups = small_disk / "backups"
    assert [p.name for p in backups.iterdir()] == [] if backups.exists() else True
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM blocks WHERE kind = 'growth'").fetchone() == (1,)
    conn.close()


def test_a_full_disk_still_reads_and_says_the_disk_is_full(
    small_disk: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    """Not a byte free: status, list and export to another disk work (the data can be
    copied off); a write says the disk is full, not "disk I/O error"."""
    db = small_disk / "t.db"
    grow(db, 20)
    fill_disk(small_disk, 0)
    for args in (["status"], ["list", "--date", GROWN_DAY, "--json"]):
        code, out, err = run_cli(*args, db=db)
        assert code == 0, (args, err)
    assert len(__import__("json").loads(out)["blocks"]) > 0
    target = tmp_path / "out.csv"
    code, out, err = run_cli("export", "-o", str(target), db=db)
    assert code == 0, err
    assert target.read_text(encoding="utf-8-sig").count("\n") == 21  # header + 20 blocks
    code, out, err = run_cli("start", "task", db=db)
    assert code == 1 and "the disk is full" in err and err.count("\n") == 1, err
    assert not [p for p in small_disk.iterdir() if p.name.startswith("t.db-")]


def test_the_tray_keeps_clicks_on_a_full_disk_and_writes_them_when_there_is_room(
    small_disk: Path,
) -> None:
    """Opened on a full disk (read-only, for reading), the tray's clicks are kept and
    written once space is freed: the store opens the file for writing again itself."""
    db = small_disk / "t.db"
    grow(db, 5)
    filler = fill_disk(small_disk, 0)
    store = Store(db)
    clock = FakeClock(1_700_006_400)
    service = TrackerService(store, clock, ZoneInfo("Asia/Tokyo"))
    try:
        assert store.read_only is not None and store.read_only.code == "storage_full"
        assert len(service.blocks(*[service.parse_day(GROWN_DAY)] * 2)) > 0
        with pytest.raises(PendingWriteError, match="disk is full"):
            service.start(Kind.GROWTH, "study", source=Source.TRAY)
        filler.unlink()
        clock.advance(60)
        service.heartbeat()
        assert service.pending_actions() == ()
        running = service.running()
        assert running is not None and running.label == "study"
        assert running.started_at == 1_700_006_400
        assert store.read_only is None
    finally:
        store.close()


# -- stale read-only -wal/-shm ---------------------------------------------------------


def test_a_stale_read_only_shm_is_named_with_what_to_do(open_folder: Path) -> None:
    """A read while the database was 0400 leaves a 0400 -shm/-wal; once the database is
    writable again they still lock writes out: the message names them."""
    db = make_db(open_folder)
    db.chmod(0o400)
    if os.geteuid() == 0:
        os.chown(db, 65534, 65534)
        os.chown(db.parent, 65534, 65534)
    # a read through the store (`status` reads as immutable when no -wal/-shm exist and
    # leaves nothing behind; `list` opens the file as the tray does)
    code, out, err = cli_as_user(db, "list")
    assert code == 0, err
    # a reader that keeps the -shm/-wal (as an open tray would), so they stay behind
    left = [Path(f"{db}-shm"), Path(f"{db}-wal")]
    if not all(p.exists() for p in left):
        for side in left:  # what the 0400 read makes where SQLite keeps them
            side.touch()
            side.chmod(0o400)
            if os.geteuid() == 0:
                os.chown(side, 65534, 65534)
    db.chmod(0o600)
    code, out, err = cli_as_user(db, "start", "task")
    assert code == 1, (out, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{db}-shm" in err and "make them writable" in err, err
    assert "make both writable" not in err


# -- non-regular paths -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dev-null", "dev-full", "fifo", "folder"])
def test_a_device_fifo_or_folder_is_refused_before_sqlite_touches_it(
    kind: str, tmp_path: Path, run_cli: RunCli
) -> None:
    if kind == "dev-null":
        path = Path("/dev/null")
    elif kind == "dev-full":
        path = Path("/dev/full")
    elif kind == "fifo":
        path = tmp_path / "pipe.db"
        os.mkfifo(path)
    else:
        path = tmp_path / "folder.db"
        path.mkdir()
    journal = Path(f"{path}-journal")
    if kind.startswith("dev") and journal.exists():
        journal.unlink()  # left by an earlier version
    for args in (["status"], ["start", "task"]):
        code, out, err = run_cli(*args, db=path)  # a FIFO must not block: run_cli times out
        assert code == 1, (args, out, err)
        assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err, err
        assert "not a database file" in err
    for side in ("-journal", "-wal", "-shm"):
        assert not Path(f"{path}{side}").exists()
    assert not (path.parent / "backups").exists() or kind.startswith("dev") is False


# -- a missing file that was used ------------------------------------------------------


def test_a_missing_file_with_backups_is_not_recreated_empty(db_path: Path, run_cli: RunCli) -> None:
    assert run_cli("add", "task", "2023-11-15 09:00", "2023-11-15 10:00", "a")[0] == 0
    store = Store(db_path)
    backup = store.backup("manual")  # the daily one was made before the add
    store.close()
    assert paths.newest_backup(db_path) == backup
    db_path.unlink()
    for args in (["status"], ["start", "task"], ["list"]):
        code, out, err = run_cli(*args)
        assert code == 1, (args, out, err)
        assert err.count("\n") == 1 and "is missing" in err
        assert str(db_path) in err and str(backup) in err
        assert not db_path.exists()
    # what the message says: copy the backup back, and everything is there
    shutil.copyfile(backup, db_path)
    code, out, _ = run_cli("list", "--date", "2023-11-15", "--json")
    assert code == 0 and len(__import__("json").loads(out)["blocks"]) == 1
    # or an empty file to start afresh
    db_path.unlink()
    db_path.write_bytes(b"")
    assert run_cli("status")[0] == 0


def test_a_path_never_used_is_still_created(tmp_path: Path, run_cli: RunCli) -> None:
    db = tmp_path / "new" / "fresh.db"
    code, _, err = run_cli("status", db=db)
    assert code == 0, err
    assert db.is_file() and db.stat().st_mode & 0o777 == 0o600


# -- kept clicks in the same second ---------------------------------------------------


def test_a_kept_click_in_the_same_second_as_the_next_is_not_dropped(tmp_path: Path) -> None:
    """Kept while read-only: a switch to growth; writable again, the next click in that
    same second must not close the kept growth block as zero-length (it is one second
    long, and the order of the clicks stays)."""
    store = Store(tmp_path / "t.db")
    clock = FakeClock(1_700_006_400)
    service = TrackerService(store, clock, ZoneInfo("Asia/Tokyo"))
    try:
        service.start(Kind.TASK, "mail", source=Source.TRAY)
        clock.advance(600)
        store.conn.execute("PRAGMA query_only = ON")
        with pytest.raises(PendingWriteError):
            service.switch(Kind.GROWTH, "study", source=Source.TRAY)  # kept, at +600
        with pytest.raises(PendingWriteError):
            service.switch(Kind.TASK, source=Source.TRAY)  # kept, the same second
        store.conn.execute("PRAGMA query_only = OFF")
        service.switch(Kind.GROWTH, "again", source=Source.TRAY)  # live, the same second
        spans = [(b.kind, b.label, b.started_at, b.ended_at) for b in store.all_blocks()]
        t = 1_700_006_400
        assert spans == [
            (Kind.TASK, "mail", t, t + 600),
            (Kind.GROWTH, "study", t + 600, t + 601),
            (Kind.TASK, "", t + 601, t + 602),
            (Kind.GROWTH, "again", t + 602, None),
        ]
    finally:
        store.close()
