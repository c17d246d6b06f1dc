"""A damaged or foreign database file: refused untouched, the newest backup named, and the
restore the message describes (copy the backup over the file) works.

Every case runs the real CLI (a subprocess) and the real tray on an X server: both must
print one clear line naming the newest backup, exit 1, and leave the file's bytes as they
were, with no ``-wal``/``-shm`` file appearing beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import xenv

from tests.conftest import RunCli
from tracker.domain.model import Block, Kind, Source
from tracker.store import Store
from tracker.store.paths import list_backups

REPO = Path(__file__).resolve().parents[2]
DAY = 1_700_006_400  # 2023-11-15 09:00 Tokyo


def fill(db: Path, blocks: int = 300) -> Path:
    """A database of ours with ``blocks`` finished blocks and a backup of it; the backup."""
    store = Store(db)
    try:
        rows = [
            Block(
                0,
                Kind.TASK if i % 3 else Kind.GROWTH,
                f"label {i % 17}",
                "n" * 40,
                DAY + i * 600,
                DAY + i * 600 + 300,
                None,
                Source.MANUAL,
            )
            for i in range(blocks)
        ]
        store.insert_many(rows, DAY)
        backup = store.backup("manual")
    finally:
        store.close()
    return backup


def truncated(db: Path) -> None:
    data = db.read_bytes()
    assert len(data) > 8 * 4096
    db.write_bytes(data[: len(data) // 2])


def random_bytes(db: Path) -> None:
    db.write_bytes(os.urandom(db.stat().st_size))


def damaged_pages(db: Path) -> None:
    """The header and the schema page intact, every other page garbage."""
    data = db.read_bytes()
    db.write_bytes(data[:4096] + bytes((i * 7 + 3) % 256 for i in range(len(data) - 4096)))


def other_program(db: Path) -> None:
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone', '03-0000-0000')")
    conn.commit()
    conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncated,
    "random-bytes": random_bytes,
    "damaged-pages": damaged_pages,
    "another-programs-sqlite": other_program,
}


def sidecars(db: Path) -> set[Path]:
    return {p for p in (Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()}


def restore(db: Path, backup: Path) -> None:
    """What the message tells: copy the backup over the file, remove -wal/-shm."""
    shutil.copyfile(backup, db)
    for side in sidecars(db):
        side.unlink()


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_the_cli_refuses_a_bad_file_untouched_and_the_backup_restores(
    damage: str, db_path: Path, run_cli: RunCli
) -> None:
    backup = fill(db_path)
    DAMAGE[damage](db_path)
    before, existed = db_path.read_bytes(), sidecars(db_path)
    for args in (["status"], ["start", "task"], ["export"], ["list", "--date", "2023-11-15"]):
        code, out, err = run_cli(*args)
        assert code == 1, (args, out, err)
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("growth-tracker: "), err
        assert str(db_path) in err and str(backup) in err, err
        assert "copy that file over" in err
        assert "Traceback" not in err
        assert db_path.read_bytes() == before, f"{args} changed the file"
        assert sidecars(db_path) == existed
    assert list_backups(db_path) == [backup]  # no backup of the damage was made

    restore(db_path, backup)
    code, out, err = run_cli("list", "--date", "2023-11-15", "--json")
    assert code == 0, err
    assert len(json.loads(out)["blocks"]) == 19 * 6  # 09:00 to 04:00 (day start), 10-min pitch
    assert run_cli("start", "task")[0] == 0


def test_a_zero_length_file_is_a_new_database_and_the_backups_stay(
    db_path: Path, run_cli: RunCli
) -> None:
    """docs/architecture.md §4: an empty file is new (a WAL database killed before its first
    checkpoint is one too, its data in the -wal file), so it is opened, not refused; the
    backups of what was there before are kept untouched."""
    backup = fill(db_path)
    kept = backup.read_bytes()
    db_path.write_bytes(b"")
    assert run_cli("start", "growth")[0] == 0
    code, out, _ = run_cli("status", "--json")
    assert code == 0 and json.loads(out)["running"]["kind"] == "growth"
    assert backup.read_bytes() == kept and backup in list_backups(db_path)


def test_a_damaged_file_is_never_copied_into_the_daily_backups(db_path: Path) -> None:
    """Only a few backups are kept: copies of damage would rotate the good ones away."""
    backup = fill(db_path)
    store = Store(db_path)
    store.close()
    data = bytearray(db_path.read_bytes())
    # damage a page of the blocks table but not the schema, so the file still opens
    data[5 * 4096 : 6 * 4096] = bytes(4096)
    data[5 * 4096] = 0x0D  # a leaf page header with a nonsense cell count
    data[5 * 4096 + 3 : 5 * 4096 + 5] = b"\xff\xff"
    db_path.write_bytes(bytes(data))
    store = Store(db_path)
    try:
        with pytest.raises(Exception) as info:
            store.daily_backup(__import__("datetime").datetime(2030, 1, 1, 9))
        assert str(backup) in str(info.value)
    finally:
        store.close()
    assert list_backups(db_path) == [backup]


@pytest.mark.parametrize("damage", ["truncated", "random-bytes", "another-programs-sqlite"])
def test_the_tray_refuses_a_bad_file_with_a_message_and_exit_1(
    damage: str, x_trays: list[xenv.XServer], db_path: Path
) -> None:
    backup = fill(db_path)
    DAMAGE[damage](db_path)
    before, existed = db_path.read_bytes(), sidecars(db_path)
    env = dict(x_trays[0].env, PYTHONPATH=str(REPO), TZ="Asia/Tokyo")
    app = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db_path)],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        box = xenv.wait_for_window(env, pid=app.pid, timeout=20)  # the message box
        time.sleep(0.2)
        xenv.click(env, box.x + 10, box.y + 10)
        xenv.key(env, "Return")
        _, err = app.communicate(timeout=20)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 1
    assert err.count("\n") == 1 and str(backup) in err and "Traceback" not in err, err
    assert db_path.read_bytes() == before
    assert sidecars(db_path) == existed
