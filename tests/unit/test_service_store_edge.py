"""What the front ends get from the service instead of the store (docs/architecture.md §3.4):
settings read once per change, every SQLite error as the project's own, and the
database's place, change marker and close()."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind
from tracker.service import CorruptDatabaseError, TrackerService, UnexpectedDatabaseError

if TYPE_CHECKING:
    from tests.conftest import RunCli, ServiceFactory

REPO = Path(__file__).resolve().parents[2]


def statements(service: TrackerService) -> list[str]:
    """Every SQL statement the service's connection runs from now on."""
    seen: list[str] = []
    service.store.conn.set_trace_callback(seen.append)
    return seen


def test_settings_and_today_run_no_sql_until_something_changes(service: TrackerService) -> None:
    assert service.setting("day_start") == 4
    seen = statements(service)
    for _ in range(50):
        service.today()
        service.settings()
        service.setting("target")
        service.setting_text("work_days")
    assert seen == []
    service.set_setting("day_start", "6")
    assert service.day_start == 6  # a write through the service is read back at once
    service.start(Kind.TASK, "月次決算")
    assert service.setting("day_start") == 6


def test_a_write_through_the_same_connection_is_seen_without_asking(
    service: TrackerService,
) -> None:
    assert service.day_start == 4
    service.store.set_setting("day_start", "7")  # as a test or an old caller would
    assert service.day_start == 7


def test_another_process_s_setting_shows_once_the_change_marker_is_read(
    service: TrackerService, run_cli: RunCli
) -> None:
    assert service.setting("disposable_hours") == 10
    marker = service.change_marker()
    assert run_cli("config", "disposable_hours", "7")[0] == 0
    assert service.change_marker() != marker  # the tray's poll, every second
    assert service.setting("disposable_hours") == 7


def test_another_process_s_setting_shows_a_second_later_without_the_marker(
    service: TrackerService, run_cli: RunCli, fake_clock: FakeClock
) -> None:
    """The tray's minute timer may ask for settings before its poll has looked."""
    assert service.setting("remind_untracked") != 15
    assert run_cli("config", "remind_untracked", "15")[0] == 0
    fake_clock.advance(1)
    assert service.setting("remind_untracked") == 15


def test_the_database_place_for_the_front_ends(
    make_service: ServiceFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    service = make_service(path=Path("data/t.sqlite3"))
    assert service.database_path == Path("data/t.sqlite3")
    assert service.data_folder == tmp_path / "data"
    assert service.data_folder.is_absolute()
    assert service.away_since() is None
    service.start(Kind.TASK)
    service.mark_away(service.clock.now())
    assert service.away_since() == service.clock.now()
    service.close()
    with pytest.raises(UnexpectedDatabaseError) as caught:  # no sqlite3 error leaves
        service.running()
    assert isinstance(caught.value.__cause__, sqlite3.ProgrammingError)


def damage(db: Path) -> None:
    """A block whose kind the CHECK constraint would refuse: what a damaged page reads as."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(
        "INSERT INTO blocks (kind, label, note, started_at, ended_at, source, created_at,"
        " updated_at) VALUES ('tsak', '', '', 100, NULL, 'cli', 1, 1)"
    )
    conn.commit()
    conn.close()


def test_damage_found_while_reading_is_the_store_s_own_error(
    service: TrackerService, db_path: Path
) -> None:
    damage(db_path)
    with pytest.raises(CorruptDatabaseError) as caught:
        service.running()
    assert caught.value.code == "db_damaged"
    assert "is damaged (block 1 holds an unknown kind or source)" in str(caught.value)
    assert type(caught.value.__cause__) is sqlite3.DatabaseError


def test_the_cli_says_damaged_in_one_line_and_logs_the_details(
    service: TrackerService, db_path: Path, run_cli: RunCli
) -> None:
    service.close()
    damage(db_path)
    rc, out, err = run_cli("status")
    assert rc == 1 and out == ""
    assert err.startswith(f"growth-tracker: {db_path} is damaged (block 1 holds")
    assert err.count("\n") == 1 and "Traceback" not in err
    log = (db_path.parent / "growth-tracker.log").read_text(encoding="utf-8")
    assert "sqlite3.DatabaseError: block 1 holds an unknown kind or source" in log


CLOSED_CLI = """
import sys
import tracker.service as service
from tracker import cli

def closed(self):
    self.close()
    return self.running()

service.TrackerService.status = closed
sys.exit(cli.main(sys.argv[1:]))
"""


def test_an_unexpected_database_error_in_the_cli_names_the_log(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(REPO), TZ="Asia/Tokyo")
    done = subprocess.run(
        [sys.executable, "-c", CLOSED_CLI, "--db", str(db), "status"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(
        "growth-tracker: database error (Cannot operate on a closed database.); "
        "details were written to "
    )
    where = Path(done.stderr.rstrip("\n").rsplit(" ", 1)[1])
    assert "sqlite3.ProgrammingError" in where.read_text(encoding="utf-8")
