"""Bugs the reliability suite found, each pinned by a small direct test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from relsupport import run_main


@pytest.fixture(autouse=True)
def _tokyo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")


def test_switch_after_a_discarded_block_says_it_switched(tmp_path: Path) -> None:
    """A block closed in its first second is discarded and SQLite gives its id to the
    next one: that is a real switch, not 'Already tracking ...; nothing changed'."""
    db = tmp_path / "t.db"
    assert run_main(db, ["start", "task"])[0] == 0
    code, out, _ = run_main(db, ["switch"])  # within the same second, almost always
    assert code == 0
    kind = sqlite3.connect(db).execute("SELECT kind FROM blocks WHERE ended_at IS NULL")
    assert kind.fetchone()[0] == "growth"
    assert "nothing changed" not in out


def test_an_error_naming_a_file_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    code, _, err = run_main(tmp_path / "t.db", ["import", "a\nb.csv"])
    assert code == 1 and err.count("\n") == 1 and "a\\nb.csv" in err


def test_a_row_the_checks_would_refuse_is_reported_as_damage(tmp_path: Path) -> None:
    """A kind the CHECK constraint forbids can only come from damage: a clear line naming
    the backup, not 'unexpected error (KeyError ...)'."""
    db = tmp_path / "t.db"
    assert run_main(db, ["add", "task", "2023-11-15 09:00", "2023-11-15 10:00"])[0] == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE blocks SET kind = 'tas\x7f'")
    conn.commit()
    conn.close()
    code, _, err = run_main(db, ["list", "--date", "2023-11-15"])
    assert code == 1 and err.count("\n") == 1
    assert "is damaged" in err and "backup" in err and "KeyError" not in err


@pytest.mark.parametrize("command", [["delete"], ["edit", "--label", "x"]])
def test_an_id_beyond_64_bits_is_not_found_not_an_overflow(
    tmp_path: Path, command: list[str]
) -> None:
    argv = [command[0], "99999999999999999999", *command[1:]]
    code, _, err = run_main(tmp_path / "t.db", argv)
    assert code == 1 and "no block with id" in err and "Overflow" not in err
