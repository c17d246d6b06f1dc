"""``status`` on its fast path (tracker.quickstatus, docs/architecture.md §9).

The fast path must print exactly what the full command prints, hand over to it whenever
the case needs the service's judgement, and import none of what makes the full CLI slow.
The full path here is the real ``cmd_status`` over a real service on the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO_ROOT, RunCli
from tracker import cli, quickstatus
from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.service import open_service
from tracker.service.model import STALE_AFTER_S

NOW = 1_780_000_000  # 2026-05-28, a Thursday, 05:26 in Tokyo
NOON = NOW + 6 * 3600
TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database (made once through the real service)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    open_service(path, clock=FakeClock(NOW)).close()
    return path


def fill(
    path: Path,
    blocks: list[tuple[str, int, int | None, int | None]],
    settings: dict[str, str],
    targets: list[tuple[str, float]],
) -> None:
    """Rows as the tray and the CLI write them: (kind, start, end or None, last seen)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for i, (kind, start, end, seen) in enumerate(blocks):
        conn.execute(
            "INSERT INTO blocks (kind, label, started_at, ended_at, last_seen_at, source,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'tray', ?, ?)",
            (kind, f"ラベル {i} & <b>", start, end, seen, start, start),
        )
    for key, value in settings.items():
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
    for day, target in targets:
        conn.execute("INSERT INTO targets (effective_day, target) VALUES (?, ?)", (day, target))
    conn.close()


def full_status(
    path: Path, now: int, tz: dt.tzinfo, template: str | None, waybar: bool
) -> tuple[str, str]:
    """(stdout, stderr) of the full command's ``cmd_status`` on the same file and instant."""
    service = open_service(path, clock=FakeClock(now))
    service.tz = tz  # the zone the fast path is given
    args = argparse.Namespace(json=False, format=template, waybar=waybar)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert cli.cmd_status(service, args) == 0
    finally:
        service.close()
    return out.getvalue(), err.getvalue()


def fast_status(
    path: Path, now: int, tz: dt.tzinfo, template: str | None, waybar: bool
) -> str | None:
    text = quickstatus.status_text(str(path), template, waybar, now, tz)
    return None if text is None else text + "\n"


@st.composite
def days_of_blocks(draw: st.DrawFn) -> tuple[list[tuple[str, int, int | None, int | None]], int]:
    """Blocks around ``NOW`` (across yesterday, today and a DST change), the last perhaps
    still running with a fresh heartbeat; and the instant to look at."""
    t = NOW - draw(st.integers(0, 40 * 3600))
    blocks: list[tuple[str, int, int | None, int | None]] = []
    for _ in range(draw(st.integers(0, 6))):
        t += draw(st.integers(0, 5 * 3600))
        length = draw(st.integers(1, 6 * 3600))
        blocks.append((draw(st.sampled_from(["task", "growth"])), t, t + length, None))
        t += length
    now = t + draw(st.integers(0, 3 * 3600))
    if draw(st.booleans()):
        start = t + draw(st.integers(0, 3600))
        now = max(now, start) + draw(st.integers(-30, 9 * 3600))  # a clock a little behind
        seen = draw(st.none() | st.integers(now - quickstatus.FRESH_S, now))
        blocks.append((draw(st.sampled_from(["task", "growth"])), start, None, seen))
    return blocks, now


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=days_of_blocks(),
    day_start=st.none() | st.integers(0, 23).map(str) | st.sampled_from(["", "x", "-1"]),
    targets=st.lists(
        st.tuples(st.integers(-3, 3), st.sampled_from([0.0, 0.1, 0.2, 0.3, 0.45, 1.0])),
        max_size=3,
        unique_by=lambda t: t[0],
    ),
    shift=st.sampled_from([0, 66 * 86400 - 7200]),  # NOW, or around Berlin's spring-forward
    tz=st.sampled_from([TOKYO, BERLIN]),
    output=st.sampled_from(
        [
            (None, False),
            ("{kind} {label} {elapsed} {ratio:>5} {target} {pace}", False),
            (None, True),
            ("{ratio}/{target}", True),
        ]
    ),
)
def test_the_fast_path_prints_what_the_full_command_prints(
    empty_db: Path,
    tmp_path_factory: pytest.TempPathFactory,
    data: tuple[list[tuple[str, int, int | None, int | None]], int],
    day_start: str | None,
    targets: list[tuple[int, float]],
    shift: int,
    tz: ZoneInfo,
    output: tuple[str | None, bool],
) -> None:
    blocks, now = data
    blocks = [(k, s - shift, None if e is None else e - shift, x) for k, s, e, x in blocks]
    blocks = [(k, s, e, None if x is None else x - shift) for k, s, e, x in blocks]
    now -= shift
    path = tmp_path_factory.mktemp("eq") / "t.sqlite3"
    shutil.copy(empty_db, path)
    today = dt.datetime.fromtimestamp(now, tz).date()
    fill(
        path,
        blocks,
        {} if day_start is None else {"day_start": day_start},
        [((today + dt.timedelta(days=d)).isoformat(), v) for d, v in targets],
    )
    template, waybar = output
    fast = fast_status(path, now, tz, template, waybar)
    out, err = full_status(path, now, tz, template, waybar)
    assert err == ""
    assert fast == out


def test_a_running_block_shows_the_same_figures_as_the_full_command(
    empty_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    fill(
        path,
        [("task", NOON - 7200, NOON - 3600, None), ("growth", NOON - 3600, None, NOON - 5)],
        {},
        [],
    )
    fast = fast_status(path, NOON, TOKYO, None, False)
    assert fast is not None
    assert fast.startswith("Running: growth · ラベル 1 & <b> · 1:00 since ")
    assert "ratio 50% (target 20%)" in fast
    assert fast == full_status(path, NOON, TOKYO, None, False)[0]
    bar = json.loads(fast_status(path, NOON, TOKYO, None, True) or "")
    assert bar["class"] == "growth"
    assert "ラベル 1 &amp; &lt;b&gt;" in bar["tooltip"]


@pytest.mark.parametrize(
    "case",
    [
        "stale heartbeat",
        "away",
        "sync on",
        "missing",
        "folder",
        "fifo",
        "foreign",
        "not migrated",
        "newer",
    ],
)
def test_cases_that_need_the_service_are_handed_over(
    empty_db: Path, tmp_path: Path, case: str
) -> None:
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    if case == "stale heartbeat":
        fill(path, [("task", NOW - 7200, None, NOW - quickstatus.FRESH_S - 1)], {}, [])
    elif case == "away":
        fill(path, [("task", NOW - 7200, None, NOW - 10)], {"away_since": str(NOW - 600)}, [])
    elif case == "sync on":  # other PCs' blocks count once: the full path merges them
        fill(path, [("task", NOW - 7200, None, NOW - 10)], {"sync_folder": str(tmp_path)}, [])
    elif case == "missing":
        path.unlink()
    elif case == "folder":
        path.unlink()
        path.mkdir()
    elif case == "fifo":
        path.unlink()
        os.mkfifo(path)  # opening it would block: it must not even be opened
    elif case == "foreign":
        path.unlink()
        sqlite3.connect(path).execute("CREATE TABLE notes (x)").connection.close()
    else:
        conn = sqlite3.connect(path, isolation_level=None)
        if case == "not migrated":
            conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_blocks_autoincrement'")
        else:
            conn.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('growth_tracker', 'm999_from_the_future', '2030-01-01')"
            )
        conn.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    assert quickstatus.status_text(str(path), None, False, NOW, TOKYO) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created


def test_the_stale_margin_is_inside_the_services_stale_rule() -> None:
    assert quickstatus.FRESH_S < STALE_AFTER_S


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--json"],
        ["status", "extra"],
        ["--format", "{kind}", "status"],
        ["status", "--format", "{kid}"],
        ["status", "--format", ""],
        ["status", "--db", ""],
        ["status", "--waybar", "--waybar"],
        ["status", "--db", "a", "--db", "b"],
        ["status", "--help"],
        ["status", "--form", "{kind}"],
        ["report", "status"],
        ["status", "--format", "\udcff{kind}"],
    ],
)
def test_other_command_lines_go_to_the_full_cli(argv: list[str]) -> None:
    assert quickstatus.run(argv) is None


def test_the_real_command_answers_status_without_the_heavy_imports(
    run_cli: RunCli, db_path: Path
) -> None:
    assert run_cli("start", "growth", "IFRS 勉強")[0] == 0
    probe = (
        "import sys\n"
        "from tracker.entry import main\n"
        "code = main(['--db', sys.argv[1], 'status', '--waybar'])\n"
        "heavy = ('argparse', 'dataclasses', 'typing', 'tracker.cli', 'tracker.service',"
        " 'tracker.store.store', 'tracker.domain.model', 'sqlite_utils', 'numpy', 'PySide6')\n"
        "print(sorted(m for m in heavy if m in sys.modules), code)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), TZ="Asia/Tokyo")
    done = subprocess.run(
        [sys.executable, "-c", probe, str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    bar, loaded = done.stdout.splitlines()
    assert json.loads(bar)["text"].startswith("growth 0:0")
    assert loaded == "[] 0"


def test_a_stale_block_still_gets_the_full_commands_warning(run_cli: RunCli, db_path: Path) -> None:
    """Handed over end to end: the real command, a heartbeat an hour old, no tray."""
    assert run_cli("start", "task")[0] == 0
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(
        "UPDATE blocks SET started_at = started_at - 3600, last_seen_at = started_at - 3600"
    )
    conn.close()
    code, out, err = run_cli("status")
    assert code == 0
    assert out.startswith("Running: task")
    assert "Warning: the tray last saw this block at" in err


def test_the_peek_knows_every_kind_and_source_the_domain_has() -> None:
    from tracker.domain.model import Kind, Source
    from tracker.store import peek

    assert {k.value for k in Kind} == peek.KINDS
    assert {s.value for s in Source} == peek.SOURCES


def test_a_damaged_row_is_handed_over_not_counted(empty_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(
        "INSERT INTO blocks (kind, label, note, started_at, ended_at, source, created_at,"
        " updated_at) VALUES ('tsak', '', '', ?, NULL, 'cli', 1, 1)",
        (NOW - 60,),
    )
    conn.close()
    assert quickstatus.run(["--db", str(path), "status"]) is None


def test_beside_an_open_tray_connection_it_reads_through_the_shared_wal(
    empty_db: Path, tmp_path: Path
) -> None:
    """With the tray's connection open (its -wal holds an uncheckpointed write), the
    fast path reads through the -shm and sees that write; the files stay the tray's."""
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    tray = open_service(path, clock=FakeClock(NOON - 600))
    try:
        tray.start(
            Kind.GROWTH, "IFRS", source=Source.CLI
        )  # committed into the -wal, not the main file yet
        assert Path(f"{path}-wal").stat().st_size > 0
        fast = fast_status(path, NOON, TOKYO, None, False)
        assert fast is not None and fast.startswith("Running: growth · IFRS · 0:10 since")
        assert fast == full_status(path, NOON, TOKYO, None, False)[0]
        assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    finally:
        tray.close()
