"""The ``growth-tracker`` command as users run it: real subprocesses on a real database.

Times are given with ``--at`` (ISO-8601 with an offset) or as past dates, so results do
not depend on when the tests run; TZ=Asia/Tokyo keeps local times fixed.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.model import Block, Kind
from tracker.domain.settings import SETTINGS
from tracker.store import Store

if TYPE_CHECKING:
    from tests.conftest import RunCli

TOKYO = ZoneInfo("Asia/Tokyo")
DAY_KEYS = {"date", "task_s", "growth_s", "ratio", "target", "met"}
RUNNING_KEYS = {"id", "kind", "label", "started_at", "elapsed_s", "last_seen_at", "stale"}
BLOCK_KEYS = {"id", "kind", "label", "note", "start", "end", "duration_s"}

# list --json names the recording PC: device_name unset, the computer's name (§16)
HOST = platform.node()[:64]


def iso(instant: int) -> str:
    return dt.datetime.fromtimestamp(instant, TOKYO).isoformat()


def ok(result: tuple[int, str, str]) -> str:
    rc, out, err = result
    assert (rc, err) == (0, ""), err
    return out


def as_json(result: tuple[int, str, str]) -> dict:  # type: ignore[type-arg]
    return json.loads(ok(result))  # type: ignore[no-any-return]


def test_start_switch_stop_then_report_list_and_status(run_cli: RunCli) -> None:
    now = int(time.time())
    t0, t1, t2 = now - 600, now - 300, now - 100
    out = ok(run_cli("start", "growth", "IFRS 勉強", "--at", iso(t0)))
    assert out.startswith("Started growth · IFRS 勉強 at ")
    assert ok(run_cli("switch", "--at", iso(t1))).startswith("Switched to task at ")
    assert ok(run_cli("stop", "--at", iso(t2))).startswith("Stopped task at ")

    report = as_json(run_cli("report", "--json", "--from", "yesterday", "--to", "today"))
    assert set(report) == {"days", "total"}
    assert len(report["days"]) == 2
    for day in report["days"]:
        assert set(day) == DAY_KEYS
    first = dt.date.fromisoformat(report["days"][0]["date"])
    assert report["days"][1]["date"] == (first + dt.timedelta(days=1)).isoformat()
    assert report["total"] == {"task_s": 200, "growth_s": 300, "ratio": 0.6}

    listed = as_json(run_cli("list", "--json", "--from", "yesterday"))
    assert set(listed) == {"blocks"}
    assert listed["blocks"] == [
        {
            "id": 1,
            "kind": "growth",
            "label": "IFRS 勉強",
            "note": "",
            "start": iso(t0),
            "end": iso(t1),
            "duration_s": 300,
            "device": HOST,
        },
        {
            "id": 2,
            "kind": "task",
            "label": "",
            "note": "",
            "start": iso(t1),
            "end": iso(t2),
            "duration_s": 200,
            "device": HOST,
        },
    ]

    idle = as_json(run_cli("status", "--json"))
    assert set(idle) == {"running", "today"} and idle["running"] is None
    assert set(idle["today"]) == DAY_KEYS

    ok(run_cli("start", "task", "月次決算", "--at", iso(t2 + 10)))
    status = as_json(run_cli("status", "--json"))
    running = status["running"]
    assert set(running) == RUNNING_KEYS
    assert running["id"] == 3 and running["kind"] == "task" and running["label"] == "月次決算"
    assert running["started_at"] == iso(t2 + 10)
    assert 90 <= running["elapsed_s"] < 90 + 60
    assert running["last_seen_at"] is None and running["stale"] is False
    assert status["today"]["date"] == report["days"][1]["date"]


def test_report_covers_every_day_of_the_range_and_add_prints_the_id(run_cli: RunCli) -> None:
    assert ok(run_cli("add", "task", "2024-01-01 09:00", "2024-01-01 17:00", "締め")) == "1\n"
    assert ok(run_cli("add", "growth", "2024-01-01 17:00", "2024-01-01 19:00")) == "2\n"
    # 03:00–05:00 crosses the 04:00 day start: an hour to each of two days.
    out = run_cli("add", "growth", "2024-01-04 03:00", "2024-01-04 05:00", "--note", "夜\n朝")
    assert ok(out) == "3\n"
    report = as_json(run_cli("report", "--json", "--from", "2023-12-31", "--to", "2024-01-04"))
    zero = {"task_s": 0, "growth_s": 0, "ratio": None, "target": 0.2, "met": None}
    assert report["days"] == [
        {"date": "2023-12-31", **zero},
        {"date": "2024-01-01", "task_s": 8 * 3600, "growth_s": 2 * 3600, "ratio": 0.2}
        | {"target": 0.2, "met": True},
        {"date": "2024-01-02", **zero},
        {"date": "2024-01-03", **zero, "growth_s": 3600, "ratio": 1.0, "met": True},
        {"date": "2024-01-04", **zero, "growth_s": 3600, "ratio": 1.0, "met": True},
    ]
    assert report["total"] == {"task_s": 8 * 3600, "growth_s": 4 * 3600, "ratio": 1 / 3}
    # A block touching the day is listed once, whole.
    listed = as_json(run_cli("list", "--json", "--date", "2024-01-04"))
    assert listed["blocks"] == [
        {
            "id": 3,
            "kind": "growth",
            "label": "",
            "note": "夜\n朝",
            "start": "2024-01-04T03:00:00+09:00",
            "end": "2024-01-04T05:00:00+09:00",
            "duration_s": 7200,
            "device": HOST,
        }
    ]


def test_config_lists_reads_and_sets(run_cli: RunCli) -> None:
    lines = ok(run_cli("config")).splitlines()
    assert [line.split(" = ")[0] for line in lines] == list(SETTINGS)
    assert len(lines) == 22
    assert "click_label = last" in lines
    # every setting shows a value; an empty sync or team folder means not syncing/sharing
    assert all(re.fullmatch(r"[a-z_]+ = \S.*", line) for line in lines[:-7])
    assert lines[-7] == "sync_folder = " and re.fullmatch(r"device_name = \S.*", lines[-6])
    assert lines[-5:] == [
        "team_folder = ",
        "team_name = ",
        "team_share_totals = on",
        "team_share_learning = on",
        "team_share_hotspots = on",
    ]
    assert "target = 0.2" in lines and "day_start = 4" in lines
    assert ok(run_cli("config", "target")) == "0.2\n"
    assert ok(run_cli("config", "target", "25%")) == ""
    assert ok(run_cli("config", "target")) == "0.25\n"
    for args in (("nope",), ("nope", "1"), ("day_start", "25"), ("target", "lots")):
        rc, out, err = run_cli("config", *args)
        assert (rc, out) == (1, "")
        assert len(err.splitlines()) == 1 and args[0] in err
    assert "target = 0.25" in ok(run_cli("config")).splitlines()
    assert ok(run_cli("config", "click_label", "empty")) == ""
    assert ok(run_cli("config", "click_label")) == "empty\n"
    rc, _, err = run_cli("config", "click_label", "first")
    assert rc == 1 and "last, empty" in err


def test_version(run_cli: RunCli) -> None:
    assert re.fullmatch(r"growth-tracker \d+\.\d+\.\d+\n", ok(run_cli("--version", db=None)))


def test_the_database_comes_from_the_environment_unless_db_is_given(
    run_cli: RunCli, tmp_path: Path
) -> None:
    from_env = tmp_path / "env" / "from-env.db"
    env = {"GROWTH_TRACKER_DB": str(from_env)}
    ok(run_cli("add", "task", "2024-01-01 09:00", "2024-01-01 10:00", db=None, env=env))
    assert from_env.exists()
    explicit = tmp_path / "explicit.db"
    ok(run_cli("add", "task", "2024-01-02 09:00", "2024-01-02 10:00", db=explicit, env=env))
    listed = as_json(run_cli("list", "--json", "--date", "2024-01-02", db=explicit))
    assert len(listed["blocks"]) == 1
    assert as_json(run_cli("list", "--json", "--date", "2024-01-02", db=None, env=env)) == {
        "blocks": []
    }


def test_a_label_beginning_with_a_dash_goes_after_double_dash(run_cli: RunCli) -> None:
    ok(run_cli("add", "task", "2024-01-01 09:00", "2024-01-01 10:00", "--", "-5% 経費"))
    ok(run_cli("start", "growth", "--", "--rpa"))
    labels = [
        b["label"] for b in as_json(run_cli("list", "--json", "--from", "2024-01-01"))["blocks"]
    ]
    assert labels == ["-5% 経費", "--rpa"]


def _future() -> str:
    return iso(int(time.time()) + 3600)


BAD = [
    (("start", "task", "--at", "25:99"), 1, "not a clock time"),
    (("start", "task", "--at", "soon"), 1, "HH:MM"),
    (("start", "task", "--at", "FUTURE"), 1, "in the future"),
    (("start", "task", "two\x07bells"), 1, "control character"),
    (("add", "task", "2024-01-01 12:00", "2024-01-01 11:30"), 1, "end must be after"),
    (("add", "growth", "2024-01-01 10:30", "2024-01-01 12:00"), 1, "overlap block 1"),
    (("add", "task", "2024-02-30 10:00", "2024-03-01 10:00"), 1, "not a valid date"),
    (("stop",), 1, "nothing is running"),
    (("edit", "99", "--label", "x"), 1, "no block with id 99"),
    (("edit", "1"), 1, "say what to change"),
    (("delete", "7"), 1, "no block with id 7"),
    (("report", "--date", "someday"), 1, "YYYY-MM-DD"),
    (("list", "--from", "2024-01-05", "--to", "2024-01-01"), 1, "swap"),
    (("start", "play"), 2, "invalid choice: 'play'"),
    (("frobnicate",), 2, "invalid choice: 'frobnicate'"),
    (("add", "task"), 2, "the following arguments are required: START, END"),
    (("delete", "one"), 2, "invalid block id"),
    (("status", "--colour"), 2, "unrecognized arguments"),
]


@pytest.fixture(scope="module")
def one_block_db(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A database holding block 1 (task, 2024-01-01 10:00–11:00 Tokyo), made in-process once."""
    path = tmp_path_factory.mktemp("template") / "t.db"
    store = Store(path)
    start = int(dt.datetime(2024, 1, 1, 10, tzinfo=TOKYO).timestamp())
    store.insert(Block(0, Kind.TASK, "締め", "", start, start + 3600), start + 3600)
    store.close()
    return path.read_bytes()


@pytest.mark.parametrize(("args", "code", "words"), BAD, ids=[" ".join(a) for a, _, _ in BAD])
def test_bad_input_says_what_to_fix_and_changes_nothing(
    run_cli: RunCli,
    db_path: Path,
    one_block_db: bytes,
    args: tuple[str, ...],
    code: int,
    words: str,
) -> None:
    db_path.write_bytes(one_block_db)
    before = db_path.read_bytes()
    args = tuple(_future() if a == "FUTURE" else a for a in args)
    rc, out, err = run_cli(*args)
    assert rc == code
    assert "Traceback" not in out + err
    assert out == ""
    lines = err.strip().splitlines()
    if code == 1:
        assert len(lines) == 1
        assert lines[0].startswith("growth-tracker: ")
    else:
        assert lines[0].startswith("usage: growth-tracker")
        assert "error:" in lines[-1]
    assert words in err
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists()


def test_a_local_time_in_the_dst_gap_is_refused(run_cli: RunCli) -> None:
    rc, out, err = run_cli(
        "add", "task", "2024-03-10 02:30", "2024-03-10 03:30", env={"TZ": "America/New_York"}
    )
    assert (rc, out) == (1, "")
    assert len(err.splitlines()) == 1 and "does not exist" in err


def test_a_file_that_is_not_ours_is_refused_in_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("これはデータベースではない\n", encoding="utf-8")
    before = notes.read_bytes()
    rc, out, err = run_cli("status", db=notes)
    assert (rc, out) == (1, "")
    assert len(err.splitlines()) == 1 and str(notes) in err and "Traceback" not in err
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_status_text_shows_growth_under_a_minute_as_some(run_cli: RunCli) -> None:
    """30 s of growth in 100 s is a 30 % ratio: "growth 0:00 · ratio 30%" contradicts it."""
    now = int(time.time())
    far = (dt.datetime.fromtimestamp(now, TOKYO).hour + 12) % 24  # no day start in between
    ok(run_cli("config", "day_start", str(far)))
    ok(run_cli("add", "task", iso(now - 170), iso(now - 100)))
    ok(run_cli("add", "growth", iso(now - 100), iso(now - 70)))
    rc, out, err = run_cli("status")
    assert rc == 0, err
    assert out.splitlines()[-1] == "Today: task 0:01 · growth <0:01 · ratio 30% (target 20%)"


def test_config_target_zero_is_refused_and_the_target_kept(run_cli: RunCli) -> None:
    ok(run_cli("config", "target", "30%"))
    for zero in ("0", "0%", "0.0"):
        rc, out, err = run_cli("config", "target", zero)
        assert (rc, out) == (1, "")
        assert err == (
            f"growth-tracker: target '{zero}' would be met by every day; "
            "use more than 0, like 0.2 or 20%\n"
        )
    assert ok(run_cli("config", "target")) == "0.3\n"


def test_report_percentages_never_contradict_met(run_cli: RunCli) -> None:
    """499 s of growth in 2500 s is 19.96 %: "20%" beside "met: no" would contradict it."""
    ok(run_cli("add", "task", "2024-01-01T09:00:00+09:00", "2024-01-01T09:33:21+09:00"))
    ok(run_cli("add", "growth", "2024-01-01T09:33:21+09:00", "2024-01-01T09:41:40+09:00"))
    out = ok(run_cli("report", "--date", "2024-01-01")).splitlines()
    assert out[1].split() == ["2024-01-01", "0:33", "0:08", "19.9%", "20%", "no"]


def test_status_text_percentages_never_contradict_met(run_cli: RunCli) -> None:
    now = int(time.time())
    far = (dt.datetime.fromtimestamp(now, TOKYO).hour + 12) % 24  # no day start in between
    ok(run_cli("config", "day_start", str(far)))
    ok(run_cli("add", "task", iso(now - 2600), iso(now - 599)))
    ok(run_cli("add", "growth", iso(now - 599), iso(now - 100)))
    status = as_json(run_cli("status", "--json"))["today"]
    assert (status["ratio"], status["met"]) == (0.1996, False)
    assert ok(run_cli("status")).splitlines()[-1] == (
        "Today: task 0:33 · growth 0:08 · ratio 19.9% (target 20%)"
    )
    # A target of 20.4 % (changed today, so it counts today) shows as itself, not as a
    # "20%" beside a ratio of "20%" and "met: no".
    ok(run_cli("config", "target", "20.4%"))
    assert ok(run_cli("status")).splitlines()[-1] == (
        "Today: task 0:33 · growth 0:08 · ratio 20% (target 20.4%)"
    )


def test_a_device_name_is_refused_in_its_own_words(run_cli: RunCli) -> None:
    rc, out, err = run_cli("config", "device_name", "office\nPC")
    assert (rc, out) == (1, "")
    assert err == (
        "growth-tracker: the device name contains a control character (tab, newline…); "
        "use one line of text\n"
    )
    rc, _, err = run_cli("config", "device_name", "x" * 300)
    assert rc == 1 and "the device name is too long; use at most 64 characters" in err
