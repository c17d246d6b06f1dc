"""``report`` on its fast path (tracker.quickreport, docs/architecture.md §9).

As for ``status`` (tests/unit/test_quickstatus.py): the fast path prints exactly what the
full command prints — compared here with the real ``cmd_report`` over a real service on the
same generated file — hands over whenever the case needs the full CLI, and imports none of
what makes the full CLI slow.
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
from tracker import cli, quickreport
from tracker.cli.parser import UserError
from tracker.domain.clock import FakeClock
from tracker.domain.model import FIRST_YEAR, LAST_YEAR, Kind, Source, TrackerError
from tracker.service import open_service

NOW = 1_780_000_000  # 2026-05-28, a Thursday, 05:26 in Tokyo
TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")
Row = tuple[str, int, int | None]


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database (made once through the real service)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    open_service(path, clock=FakeClock(NOW)).close()
    return path


def fill(
    path: Path, blocks: list[Row], settings: dict[str, str], targets: list[tuple[str, float]]
) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for i, (kind, start, end) in enumerate(blocks):
        conn.execute(
            "INSERT INTO blocks (kind, label, started_at, ended_at, last_seen_at, source,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'tray', ?, ?)",
            (kind, f"ラベル {i}", start, end, None, start, start),
        )
    for key, value in settings.items():
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
    for day, target in targets:
        conn.execute("INSERT INTO targets (effective_day, target) VALUES (?, ?)", (day, target))
    conn.close()


def full_report(
    path: Path, now: int, tz: dt.tzinfo, options: dict[str, str | None], as_json: bool
) -> str | None:
    """stdout of the full command's ``cmd_report`` on the same file and instant; None where
    it refuses the command line (the fast path must hand those over)."""
    service = open_service(path, clock=FakeClock(now))
    service.tz = tz  # the zone the fast path is given
    args = argparse.Namespace(
        json=as_json,
        date=options.get("--date"),
        from_day=options.get("--from"),
        to_day=options.get("--to"),
    )
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            assert cli.cmd_report(service, args) == 0
    except (UserError, TrackerError):
        return None
    finally:
        service.close()
    return out.getvalue()


def fast_report(
    path: Path, now: int, tz: dt.tzinfo, options: dict[str, str | None], as_json: bool
) -> str | None:
    text = quickreport.report_text(
        str(path),
        options.get("--date"),
        options.get("--from"),
        options.get("--to"),
        as_json,
        now,
        tz,
    )
    return None if text is None else text + "\n"


@st.composite
def weeks_of_blocks(draw: st.DrawFn) -> tuple[list[Row], int]:
    """Blocks over a few weeks before ``NOW`` (across day edges and, shifted, a DST change),
    the last perhaps still running; and the instant to look at."""
    t = NOW - draw(st.integers(0, 20 * 86400))
    blocks: list[Row] = []
    for _ in range(draw(st.integers(0, 12))):
        t += draw(st.integers(0, 30 * 3600))
        length = draw(st.integers(1, 9 * 3600))
        blocks.append((draw(st.sampled_from(["task", "growth"])), t, t + length))
        t += length
    now = t + draw(st.integers(0, 3 * 86400))
    if draw(st.booleans()):
        start = t + draw(st.integers(0, 3600))
        now = max(now, start) + draw(st.integers(-30, 9 * 3600))  # a clock a little behind
        blocks.append((draw(st.sampled_from(["task", "growth"])), start, None))
    return blocks, now


def day_word() -> st.SearchStrategy[str | None]:
    """A DAY as people type it: none, a word (any case, spaces) or a date near ``NOW``."""
    words = st.sampled_from(["today", "yesterday", " Today ", "YESTERDAY"])
    dates = st.integers(-40, 5).map(lambda d: (dt.date(2026, 5, 28) + dt.timedelta(d)).isoformat())
    return st.none() | words | dates


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=weeks_of_blocks(),
    day_start=st.none() | st.integers(0, 23).map(str) | st.sampled_from(["", "x", "-1"]),
    targets=st.lists(
        st.tuples(st.integers(-30, 3), st.sampled_from([0.0, 0.1, 0.2, 0.3, 0.45, 1.0])),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
    shift=st.sampled_from([0, 66 * 86400 - 7200]),  # NOW, or around Berlin's spring-forward
    tz=st.sampled_from([TOKYO, BERLIN]),
    date=day_word(),
    first=day_word(),
    last=day_word(),
    as_json=st.booleans(),
)
def test_the_fast_path_prints_what_the_full_command_prints(
    empty_db: Path,
    tmp_path_factory: pytest.TempPathFactory,
    data: tuple[list[Row], int],
    day_start: str | None,
    targets: list[tuple[int, float]],
    shift: int,
    tz: ZoneInfo,
    date: str | None,
    first: str | None,
    last: str | None,
    as_json: bool,
) -> None:
    blocks, now = data
    blocks = [(k, s - shift, None if e is None else e - shift) for k, s, e in blocks]
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
    if shift and date is not None and date[0].isdigit():
        date = (dt.date.fromisoformat(date) + dt.timedelta(days=66)).isoformat()
    options = {"--date": date, "--from": first, "--to": last}
    fast = fast_report(path, now, tz, options, as_json)
    full = full_report(path, now, tz, options, as_json)
    if full is None:  # refused by the full command: the fast path must not answer
        assert fast is None
    else:
        assert fast == full


def test_a_year_with_a_running_block_and_target_changes(empty_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    blocks: list[Row] = []
    for d in range(365):
        day = NOW - (365 - d) * 86400 + 3 * 3600  # 08:26 Tokyo
        blocks += [("task", day, day + 5400), ("growth", day + 5400, day + 7200)]
    blocks.append(("growth", NOW - 600, None))
    fill(path, blocks, {}, [("2025-09-01", 0.25), ("2026-03-01", 0.3)])
    options = {"--from": "2025-05-28", "--to": "2026-05-27"}
    for as_json in (False, True):
        fast = fast_report(path, NOW, TOKYO, options, as_json)
        assert fast is not None
        assert fast == full_report(path, NOW, TOKYO, options, as_json)
    text = fast_report(path, NOW, TOKYO, options, False) or ""
    assert text.splitlines()[-1] == "total       546:00  182:00    25%"
    days = json.loads(fast_report(path, NOW, TOKYO, options, True) or "")["days"]
    assert [d["target"] for d in days[:1] + days[-1:]] == [0.2, 0.3]


@pytest.mark.parametrize("case", ["sync folder", "merged", "missing", "foreign", "day start 24"])
def test_cases_that_need_the_full_path_are_handed_over(
    empty_db: Path, tmp_path: Path, case: str
) -> None:
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    if case == "sync folder":
        fill(path, [("task", NOW - 7200, NOW - 60)], {"sync_folder": str(tmp_path)}, [])
    elif case == "merged":  # another PC's year merged in, then sync turned off here
        folder = tmp_path / "sync"
        folder.mkdir()
        other = tmp_path / "other.sqlite3"
        shutil.copy(empty_db, other)
        fill(other, [("growth", NOW - 7200, NOW - 60)], {}, [])
        for db in (other, path):
            service = open_service(db, clock=FakeClock(NOW))
            try:
                service.set_setting("sync_folder", str(folder))
                service.sync()
                service.set_setting("sync_folder", "")
            finally:
                service.close()
        shutil.rmtree(folder)
        other.unlink()
    elif case == "missing":
        path.unlink()
    elif case == "foreign":
        path.unlink()
        sqlite3.connect(path).execute("CREATE TABLE notes (x)").connection.close()
    else:
        fill(path, [], {"day_start": "24"}, [])
    before = sorted(p.name for p in tmp_path.iterdir())
    assert quickreport.report_text(str(path), None, None, None, False, NOW, TOKYO) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "extra"],
        ["--json", "report"],
        ["--from", "2026-01-01", "report"],
        ["report", "--json", "--json"],
        ["report", "--from", "2026-01-01", "--from", "2026-01-02"],
        ["report", "--fr", "2026-01-01"],
        ["report", "--from"],
        ["report", "--from", ""],
        ["report", "--db", ""],
        ["report", "--help"],
        ["report", "--date", "-1"],
        ["status", "report"],
        ["list"],
        ["report", "--to", "\udcff"],
    ],
)
def test_other_command_lines_go_to_the_full_cli(argv: list[str]) -> None:
    assert quickreport.run(argv) is None


@pytest.mark.parametrize(
    "days",
    [
        {"--date": "2026-05-28", "--from": "2026-05-01"},
        {"--from": "2026-05-28", "--to": "2026-05-01"},
        {"--date": "1970-12-31"},
        {"--date": "3000-01-01"},
        {"--date": "2026-02-30"},
        {"--date": "tomorrow"},
        {"--date": "5-28"},
        {"--from": "1980-01-01", "--to": "2026-01-01"},
    ],
)
def test_days_the_full_command_refuses_are_handed_over(
    empty_db: Path, tmp_path: Path, days: dict[str, str | None]
) -> None:
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    assert full_report(path, NOW, TOKYO, days, False) is None
    assert fast_report(path, NOW, TOKYO, days, False) is None


def test_the_year_limits_are_the_domains() -> None:
    assert (quickreport.FIRST_YEAR, quickreport.LAST_YEAR) == (FIRST_YEAR, LAST_YEAR)


def test_the_real_command_answers_report_without_the_heavy_imports(
    run_cli: RunCli, db_path: Path
) -> None:
    assert run_cli("add", "growth", "2026-05-01 09:00", "2026-05-01 10:30", "IFRS")[0] == 0
    assert run_cli("add", "task", "2026-05-01 10:30", "2026-05-01 12:00")[0] == 0
    probe = (
        "import sys\n"
        "from tracker.entry import main\n"
        "code = main(['--db', sys.argv[1], 'report', '--date', '2026-05-01', '--json'])\n"
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
    report, loaded = done.stdout.splitlines()
    assert json.loads(report)["total"] == {"task_s": 5400, "growth_s": 5400, "ratio": 0.5}
    assert loaded == "[] 0"
    code, fast, err = run_cli("report", "--from", "2026-04-30", "--to", "2026-05-01")
    assert (code, err) == (0, "")
    assert fast.splitlines()[-2:] == [
        "2026-05-01    1:30    1:30    50%     20%  yes",
        "total         1:30    1:30    50%",
    ]


def test_a_refused_range_still_gets_the_full_commands_message(run_cli: RunCli) -> None:
    assert run_cli("start", "task")[0] == 0
    code, out, err = run_cli("report", "--from", "2026-05-28", "--to", "2026-05-01")
    assert (code, out) == (1, "")
    assert err.startswith("growth-tracker: ") and "2026-05-28" in err


def test_output_the_terminal_cannot_encode_is_left_to_the_full_path(
    empty_db: Path, tmp_path: Path
) -> None:
    """An en dash (a day without blocks) on an ASCII stdout: nothing half printed."""
    path = tmp_path / "t.sqlite3"
    shutil.copy(empty_db, path)
    from tracker.quickstatus import _print

    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    text = fast_report(path, NOW, TOKYO, {}, False)
    assert text is not None and "–" in text
    assert _print(text, stream) is None
    stream.flush()
    assert stream.buffer.getvalue() == b""  # type: ignore[attr-defined]


def test_kinds_and_sources_used_here_are_the_domains() -> None:
    assert Kind.GROWTH.value == "growth"  # the literal the peek's day_totals passes
    assert Source.TRAY.value == "tray"
