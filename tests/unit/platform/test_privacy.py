"""What the app leaves on disk besides the database: the log and the lock file.

Both are the user's alone: created 0600, next to the database only when its folder is the
user's own, else in a per-user folder (a database in /tmp must not leave a readable log
there under a fixed name). No label or note text goes into the log.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.platform import logs, paths

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _no_log_file_left() -> Iterator[None]:
    yield
    logs.close_logging()


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what most desktops use: files 0644 unless we say otherwise
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _log_an_error(log_file: Path, to_stderr: bool = True) -> Path | None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        return logs.log_exception("failure", log_file=log_file, to_stderr=to_stderr)


# -- the log file -------------------------------------------------------------------------


def test_the_log_and_its_rotated_copies_are_owner_only(
    tmp_path: Path, loose_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 300)
    log = tmp_path / "growth-tracker.log"
    for _ in range(4):
        assert _log_an_error(log) == log.resolve()
    assert log.with_name("growth-tracker.log.1").exists()
    for path in tmp_path.glob("growth-tracker.log*"):
        assert mode(path) == 0o600, path


def test_a_log_an_older_version_left_world_readable_is_made_owner_only(
    tmp_path: Path, loose_umask: None
) -> None:
    log = tmp_path / "growth-tracker.log"
    log.write_text("old line\n")
    log.chmod(0o644)
    _log_an_error(log)
    assert mode(log) == 0o600
    assert log.read_text().startswith("old line\n")  # appended, nothing lost


def test_a_link_planted_under_the_log_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("theirs\n")
    log = tmp_path / "growth-tracker.log"
    log.symlink_to(victim)
    assert _log_an_error(log, to_stderr=False) is None  # not written, and it says so
    assert victim.read_text() == "theirs\n"


def test_without_stderr_fallback_a_lost_record_stays_off_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert _log_an_error(blocker / "growth-tracker.log", to_stderr=False) is None
    assert capsys.readouterr().err == ""
    # the tray's default still keeps the traceback (on stderr) rather than losing it
    assert _log_an_error(blocker / "growth-tracker.log") is None
    assert "RuntimeError: boom" in capsys.readouterr().err


# -- where the log and the lock go ---------------------------------------------------------


def test_a_private_folder_keeps_log_and_lock_next_to_the_database(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    db = folder / "t.sqlite3"
    assert paths.private_folder(folder)
    assert paths.log_path(db) == folder / "growth-tracker.log"
    assert paths.lock_path(db) == folder / "t.sqlite3.lock"


@pytest.mark.parametrize("folder_mode", [0o1777, 0o777, 0o775, 0o2770])
def test_a_folder_others_can_write_sends_log_and_lock_to_the_users_own(
    tmp_path: Path, folder_mode: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(folder_mode)
    db = shared / "t.sqlite3"
    assert not paths.private_folder(shared)
    state = Path(os.environ["XDG_STATE_HOME"])  # tests/conftest.py points it at a tmp dir
    assert paths.log_path(db) == state / "GrowthTracker" / "log" / "growth-tracker.log"
    lock = paths.lock_path(db)
    assert lock.parent == state / "GrowthTracker" / "locks"
    assert lock.name.startswith("t.sqlite3-") and lock.suffix == ".lock"
    other = shared / "u.sqlite3"
    assert paths.lock_path(other) != lock  # one lock per database, not per folder


def test_a_folder_owned_by_someone_else_is_not_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o755)
    me = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # the OS's answer: another user
    assert not paths.private_folder(folder)
    assert paths.log_path(folder / "t.sqlite3").parent != folder


def test_a_missing_folder_is_not_private(tmp_path: Path) -> None:
    assert not paths.private_folder(tmp_path / "nope")


def test_windows_private_means_inside_the_profile_even_with_a_japanese_user_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = tmp_path / "Users" / "山田太郎"
    data = profile / "AppData" / "Local" / "GrowthTracker"
    data.mkdir(parents=True)
    public = tmp_path / "Users" / "Public"
    public.mkdir()
    monkeypatch.setenv("HOME", str(profile))  # what Path.home() reads
    assert paths.private_folder(data, windows=True)
    assert not paths.private_folder(public, windows=True)
    assert not paths.private_folder(tmp_path / "Users" / "山田太郎x", windows=True)


def test_a_database_name_that_is_not_utf8_still_gets_a_lock_name(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    lock = paths.lock_path(shared / "d\udcff.sqlite3")
    assert lock.name.startswith("d\udcff.sqlite3-")


# -- the CLI's log ---------------------------------------------------------------------------

# The real CLI, with one fault put in: status fails the way a bug would.
FAULTY_CLI = """
import sys
import tracker.service as service
from tracker import cli

def broken(self):
    raise RuntimeError("a bug")

service.TrackerService.status = broken
sys.exit(cli.main(sys.argv[1:]))
"""


def run_faulty_cli(db: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), TZ="Asia/Tokyo")
    env.pop("GROWTH_TRACKER_DB", None)
    return subprocess.run(
        [sys.executable, "-c", FAULTY_CLI, "--db", str(db), "status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )


def test_a_cli_error_with_a_database_in_a_shared_folder_logs_in_the_users_own_folder(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    proc = run_faulty_cli(shared / "t.sqlite3", tmp_path)
    log = Path(os.environ["XDG_STATE_HOME"]) / "GrowthTracker" / "log" / "growth-tracker.log"
    assert proc.returncode == 1
    assert proc.stderr == (
        f"growth-tracker: unexpected error (RuntimeError: a bug); details in {log}\n"
    )
    assert "RuntimeError: a bug" in log.read_text()
    assert mode(log) == 0o600
    assert not list(shared.glob("*.log")) and not list(shared.glob("*.lock"))


def test_the_cli_log_rotates_at_1_mb_and_never_reaches_stderr(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite3"
    log = tmp_path / "growth-tracker.log"
    log.write_text("x" * (logs.MAX_BYTES - 10) + "\n")
    proc = run_faulty_cli(db, tmp_path)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr and str(log) in proc.stderr
    assert log.with_name("growth-tracker.log.1").read_text().startswith("xxx")
    assert "RuntimeError: a bug" in log.read_text() and log.stat().st_size < 10_000
    # a log that cannot be written: still one line, still no traceback
    log.unlink()
    log.with_name("growth-tracker.log.1").unlink()
    log.mkdir()
    proc = run_faulty_cli(db, tmp_path)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "the log (which could not be written)" in proc.stderr


def test_the_log_holds_no_label_or_note_text(tmp_path: Path) -> None:
    """Every record the CLI and the store write for a day of use, errors included."""
    db = tmp_path / "t.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(REPO), TZ="Asia/Tokyo")
    env.pop("GROWTH_TRACKER_DB", None)

    def cli(*args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(db), *args],
            env=env,
            capture_output=True,
            timeout=60,
        )

    secret = "昇給の相談"
    cli("add", "task", "2024-05-13 09:00", "2024-05-13 10:00", secret, "--note", secret)
    cli("add", "task", "2024-05-13 09:30", "2024-05-13 10:30", secret)  # overlap: refused
    cli("edit", "1", "--label", secret + "\x07")  # control character: refused
    run_faulty_cli(db, tmp_path)  # and an unexpected error
    log = tmp_path / "growth-tracker.log"
    assert log.exists()
    assert secret not in log.read_text(encoding="utf-8")
    rows = json.loads(
        subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(db), "list", "--json", "--date",
             "2024-05-13"],
            env=env, capture_output=True, text=True, timeout=60, check=True,
        ).stdout
    )["blocks"]  # fmt: skip
    assert [b["label"] for b in rows] == [secret]
