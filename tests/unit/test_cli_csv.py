"""``growth-tracker export`` and ``import`` as real subprocesses (docs/architecture.md §6)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.model import Kind
from tracker.service import TrackerService

TZ = ZoneInfo("Asia/Tokyo")
REPO = Path(__file__).resolve().parents[2]
RunCli = Callable[..., tuple[int, str, str]]


def at(day: int, hour: int, minute: int = 0) -> int:
    return int(dt.datetime(2023, 11, day, hour, minute, tzinfo=TZ).timestamp())


@pytest.fixture
def tracked(service: TrackerService) -> TrackerService:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10, 30), "月次決算, 第2週", "確認\n済み")
    service.add_block(Kind.GROWTH, at(13, 23), at(14, 5), "=RPA 勉強")
    service.add_block(Kind.TASK, at(14, 9), at(14, 9, 45), "メール")
    return service


def raw_cli(db: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, TZ="Asia/Tokyo", PYTHONPATH=str(REPO))
    env.pop("GROWTH_TRACKER_DB", None)
    command = [sys.executable, "-m", "tracker", "--db", str(db), *args]
    return subprocess.run(command, env=env, capture_output=True, timeout=60, cwd=REPO)


def test_export_to_stdout_and_to_a_file_give_the_same_bytes(
    tracked: TrackerService, db_path: Path, tmp_path: Path
) -> None:
    out = raw_cli(db_path, "export")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(
        b"\xef\xbb\xbfid,date,start,end,duration_min,kind,label,note,start_iso,end_iso\r\n"
    )
    assert out.stdout.count(b"\r\n") == 4
    target = tmp_path / "out.csv"
    written = raw_cli(db_path, "export", "-o", str(target))
    assert written.returncode == 0
    assert written.stdout.decode() == f"Exported 3 block rows to {target}\n"
    assert target.read_bytes() == out.stdout
    dash = raw_cli(db_path, "export", "-o", "-")
    assert dash.stdout == out.stdout


def test_export_days_cp932_japanese_header(tracked: TrackerService, db_path: Path) -> None:
    out = raw_cli(
        db_path, "export", "--what", "days", "--encoding", "cp932", "--header", "ja",
        "--from", "2023-11-13", "--to", "2023-11-14",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout.decode("cp932"), newline="")))
    assert rows[0][:3] == ["日付", "作業（分）", "成長（分）"]
    assert rows[1][:7] == ["2023-11-13", "90.00", "300.00", "390.00", "0.7692", "0.2000", "1"]
    assert len(rows) == 3


def test_split_days_sums_equal_report_json(tracked: TrackerService, run_cli: RunCli) -> None:
    rc, out, _ = run_cli("export", "--split-days", "--from", "2023-11-13", "--to", "2023-11-15")
    assert rc == 0
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for r in list(csv.reader(io.StringIO(out.lstrip("\ufeff"), newline="")))[1:]:
        start, end = (dt.datetime.fromisoformat(r[i]).timestamp() for i in (2, 3))
        sums[(r[1], r[5])] += int(end - start)
    rc, out, _ = run_cli("report", "--from", "2023-11-13", "--to", "2023-11-15", "--json")
    report = json.loads(out)
    for day in report["days"]:
        assert sums[(day["date"], "task")] == day["task_s"]
        assert sums[(day["date"], "growth")] == day["growth_s"]
    assert report["days"][1]["growth_s"] == 3600


def test_export_cp932_failure_keeps_the_old_file(
    service: TrackerService, run_cli: RunCli, tmp_path: Path
) -> None:
    service.add_block(Kind.GROWTH, at(13, 9), at(13, 10), "勉強 😀")
    target = tmp_path / "keep.csv"
    target.write_text("precious")
    rc, out, err = run_cli("export", "--encoding", "cp932", "-o", str(target))
    assert rc == 1 and out == ""
    assert err.startswith("growth-tracker: cp932 (Shift_JIS) cannot hold the character '😀'")
    assert "line 2, column label" in err and err.count("\n") == 1
    assert target.read_text() == "precious"


def test_export_argument_errors(tracked: TrackerService, run_cli: RunCli) -> None:
    rc, _, err = run_cli("export", "--from", "2023-11-14", "--to", "2023-11-13")
    assert rc == 1 and "swap them" in err
    rc, _, err = run_cli("export", "--what", "weeks")
    assert rc == 2 and "invalid choice" in err
    rc, _, err = run_cli("export", "-o", "/nonexistent-folder/x.csv")
    assert rc == 1 and "does not exist" in err and err.count("\n") == 1


def test_import_reports_counts_and_is_idempotent(
    tracked: TrackerService, run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "all.csv"
    assert run_cli("export", "--split-days", "-o", str(path))[0] == 0
    fresh = tmp_path / "fresh.db"
    rc, out, err = run_cli("import", str(path), db=fresh)
    assert (rc, out, err) == (0, "Imported 3 blocks; 0 blocks were already there\n", "")
    rc, out, _ = run_cli("import", str(path), db=fresh)
    assert out == "Imported 0 blocks; 3 blocks were already there\n"
    rc, out, _ = run_cli("list", "--from", "2023-11-13", "--to", "2023-11-14", "--json", db=fresh)
    labels = [b["label"] for b in json.loads(out)["blocks"]]
    assert labels == ["月次決算, 第2週", "=RPA 勉強", "メール"]


def test_import_errors_list_bad_rows_and_exit_1(
    tracked: TrackerService, run_cli: RunCli, tmp_path: Path
) -> None:
    header = "id,date,start,end,duration_min,kind,label,note\r\n"
    bad = ",,2023-11-12T09:00:00+09:00,2023-11-12T10:00:00+09:00,,chore,x,\r\n"
    overlap = ",,2023-11-14T09:30:00+09:00,2023-11-14T10:00:00+09:00,,task,x,\r\n"
    path = tmp_path / "bad.csv"
    path.write_text(header + bad * 22 + overlap, encoding="utf-8")
    rc, out, err = run_cli("import", str(path))
    lines = err.splitlines()
    assert rc == 1 and out == ""
    assert (
        lines[0]
        == f"growth-tracker: nothing was imported from {path}; fix these rows and import again"
    )
    assert lines[1] == "line 2: kind: unknown kind 'chore'; use 'task' or 'growth'"
    assert len(lines) == 22
    assert lines[-1] == "… and 3 more"
    rc, out, _ = run_cli("list", "--date", "2023-11-12", "--json")
    assert json.loads(out)["blocks"] == []


def test_import_file_problems_are_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    rc, _, err = run_cli("import", str(tmp_path / "missing.csv"))
    assert rc == 1 and err.count("\n") == 1 and "there is no file" in err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    rc, _, err = run_cli("import", str(empty))
    assert rc == 1 and err.count("\n") == 1 and "is empty" in err
    assert "Traceback" not in err
