"""Opening database files: new, migrated, refused; pragmas, permissions and backups."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from tracker.domain.model import Block, Kind
from tracker.store import (
    CorruptDatabaseError,
    NewerDatabaseError,
    NotOurDatabaseError,
    Store,
)
from tracker.store.paths import list_backups
from tracker.store.schema import MIGRATION_NAMES, MIGRATION_SET, build_migrations

T0 = 1_700_000_000
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,),
            )
        ]
    finally:
        conn.close()


def make_ours(path: Path, blocks: int = 1) -> None:
    store = Store(path)
    for i in range(blocks):
        store.insert(Block(0, Kind.TASK, f"b{i}", "", T0 + i * 100, T0 + i * 100 + 50), T0)
    store.close()


# -- new files ----------------------------------------------------------------------------


@posix_only
def test_a_new_file_is_private_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    path = tmp_path / "new" / "sub" / "t.db"
    store = Store(path)
    try:
        store.insert(Block(0, Kind.TASK, "", "", T0, None), T0)
        assert mode(path) == 0o600
        wal = Path(f"{path}-wal")
        assert wal.exists() and mode(wal) == 0o600
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    assert applied(path) == list(MIGRATION_NAMES)


def test_an_empty_file_is_taken_as_new(db_path: Path) -> None:
    db_path.write_bytes(b"")
    make_ours(db_path)
    assert applied(db_path) == list(MIGRATION_NAMES)
    assert not list_backups(db_path)  # nothing to back up in a new file


def test_reopening_an_up_to_date_file_changes_nothing(db_path: Path) -> None:
    make_ours(db_path, blocks=3)
    before = db_path.read_bytes()
    store = Store(db_path)
    assert len(store.all_blocks()) == 3
    store.close()
    assert db_path.read_bytes() == before
    assert not list_backups(db_path)


# -- migrations ---------------------------------------------------------------------------


def test_migrating_from_the_first_schema_keeps_data_and_backs_up_first(db_path: Path) -> None:
    db = Database(db_path)
    build_migrations().apply(db, stop_before="m002_targets_notes")
    db.execute(
        "INSERT INTO blocks (kind, label, note, started_at, ended_at, source, created_at,"
        " updated_at) VALUES ('growth', 'IFRS 勉強', '', ?, ?, 'cli', 0, 0)",
        (T0, T0 + 600),
    )
    db.conn.commit()
    db.close()
    assert applied(db_path) == ["m001_blocks_settings"]

    store = Store(db_path)
    try:
        [block] = store.all_blocks()
        assert (block.kind, block.label, block.duration(0)) == (Kind.GROWTH, "IFRS 勉強", 600)
        store.set_target(dt.date(2024, 1, 1), 0.3)  # a table m002 brought
        assert store.target_history().for_day(dt.date(2024, 2, 1)) == 0.3
    finally:
        store.close()
    assert applied(db_path) == list(MIGRATION_NAMES)

    [backup] = list_backups(db_path)
    assert backup.name.endswith("-pre-migration.sqlite3")
    if os.name == "posix":
        assert mode(backup) == 0o600
    assert applied(backup) == ["m001_blocks_settings"]
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT label FROM blocks").fetchall() == [("IFRS 勉強",)]
    finally:
        conn.close()


# -- refusals -----------------------------------------------------------------------------


def assert_refused_untouched(path: Path, error: type[Exception], *words: str) -> None:
    """Opening ``path`` fails with ``error``, one line naming it, and leaves no trace."""
    before = path.read_bytes()
    existed = {p for p in sidecars(path) if p.exists()}
    with pytest.raises(error) as info:
        Store(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message
    assert "\n" not in message
    assert path.read_bytes() == before
    assert {p for p in sidecars(path) if p.exists()} == existed


@pytest.mark.parametrize("wal", [False, True])
def test_another_programs_sqlite_file_is_refused_untouched(db_path: Path, wal: bool) -> None:
    conn = sqlite3.connect(db_path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone')")
    conn.commit()
    conn.close()
    assert_refused_untouched(db_path, NotOurDatabaseError, "another program", "--db")


def test_another_sqlite_utils_apps_migrations_are_not_ours(db_path: Path) -> None:
    db = Database(db_path)
    db.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)")
    db.execute("INSERT INTO _sqlite_migrations VALUES ('llm', 'm001_initial', '2024-01-01')")
    db.conn.commit()
    db.close()
    assert_refused_untouched(db_path, NotOurDatabaseError, "another program")


def test_random_bytes_are_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(os.urandom(8192))
    assert_refused_untouched(db_path, CorruptDatabaseError, "not an SQLite file", "no backup")


def test_a_text_file_is_refused_untouched(db_path: Path) -> None:
    db_path.write_text("date,kind\n2024-01-01,task\n", encoding="utf-8")
    assert_refused_untouched(db_path, CorruptDatabaseError, "Growth Tracker")


def test_a_damaged_file_is_refused_naming_the_newest_backup(db_path: Path) -> None:
    make_ours(db_path)
    store = Store(db_path)
    store.daily_backup(dt.datetime(2024, 1, 1, 9))
    newest = store.daily_backup(dt.datetime(2024, 1, 2, 9))
    store.close()
    assert newest is not None
    data = db_path.read_bytes()
    db_path.write_bytes(data[:16] + os.urandom(len(data) - 16))
    assert_refused_untouched(db_path, CorruptDatabaseError, str(newest))


def test_a_truncated_database_is_refused_untouched(db_path: Path) -> None:
    make_ours(db_path, blocks=200)
    data = db_path.read_bytes()
    assert len(data) > 3 * 4096
    db_path.write_bytes(data[: 2 * 4096])
    assert_refused_untouched(db_path, CorruptDatabaseError, "cannot be read")


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    make_ours(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        (MIGRATION_SET, "m003_from_the_future", "2030-01-01 00:00:00"),
    )
    conn.commit()
    conn.close()
    assert_refused_untouched(db_path, NewerDatabaseError, "newer version")


# -- backups ------------------------------------------------------------------------------


def test_daily_backups_once_a_day_and_the_last_seven_kept(db_path: Path) -> None:
    make_ours(db_path, blocks=2)
    store = Store(db_path)
    try:
        made = []
        for day in range(1, 11):
            when = dt.datetime(2024, 1, day, 9)
            made.append(store.daily_backup(when))
            assert store.daily_backup(when.replace(hour=17)) is None  # already done today
    finally:
        store.close()
    kept = list_backups(db_path)
    assert [p.name for p in kept] == [f"t-2024-01-{d:02d}.sqlite3" for d in range(4, 11)]
    assert kept == made[3:]
    conn = sqlite3.connect(kept[-1])
    try:
        assert conn.execute("SELECT count(*) FROM blocks").fetchone()[0] == 2
    finally:
        conn.close()


def test_backups_of_another_database_in_the_same_folder_are_left_alone(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "t.db", tmp_path / "t-2.db"
    make_ours(ours)
    make_ours(theirs)
    other = Store(theirs)
    other.daily_backup(dt.datetime(2023, 12, 1, 9))
    other.close()
    store = Store(ours)
    for day in range(1, 10):
        store.daily_backup(dt.datetime(2024, 1, day, 9))
    store.close()
    assert [p.name for p in list_backups(theirs)] == ["t-2-2023-12-01.sqlite3"]
    assert len(list_backups(ours)) == 7
    assert all(p.name.startswith("t-2024-") for p in list_backups(ours))


def test_backups_work_for_a_name_with_glob_characters(tmp_path: Path) -> None:
    path = tmp_path / "work [2024].db"
    make_ours(path)
    store = Store(path)
    for day in range(1, 10):
        store.daily_backup(dt.datetime(2024, 1, day, 9))
    store.close()
    assert [p.name for p in list_backups(path)] == [
        f"work [2024]-2024-01-{d:02d}.sqlite3" for d in range(3, 10)
    ]


def test_back_up_now_copies_are_kept_apart_from_the_daily_rotation(tmp_path: Path) -> None:
    """Seven daily copies are kept; the ones a person made on purpose are never rotated
    away by them (they used to count as daily ones and went after a week)."""
    import datetime as dt

    from tracker.store import Store
    from tracker.store.backups import DAILY_KEEP
    from tracker.store.paths import list_backups

    store = Store(tmp_path / "t.db")
    try:
        first = dt.datetime(2030, 1, 1, 9)
        manual = [store.backup("manual", first + dt.timedelta(minutes=i)) for i in range(3)]
        daily = [store.daily_backup(first + dt.timedelta(days=d)) for d in range(1, 12)]
    finally:
        store.close()
    kept = list_backups(tmp_path / "t.db")
    assert all(p in kept for p in manual)
    assert [p for p in kept if p not in manual] == daily[-DAILY_KEEP:]
