"""Export through the service: columns, numbers, encodings, split days and atomic files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from pathlib import Path

import pytest
from csv_support import at

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, TrackerError
from tracker.io.export import ExportCancelledError, ExportOptions
from tracker.service import TrackerService

D = dt.date


def rows_of(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


@pytest.fixture
def tracked(service: TrackerService) -> TrackerService:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10, 30), '=SUM(A1),"x"', "line1\nline2")
    # 23:00–05:00 crosses the 04:00 day start: 5 h to the 13th, 1 h to the 14th
    service.add_block(Kind.GROWTH, at(13, 23), at(14, 5), "学習 😀")
    service.add_block(Kind.TASK, at(14, 9), at(14, 9, 45), "-minus", "\tindented")
    service.set_day_note(D(2023, 11, 13), 'good day, "mostly"')
    return service


def test_blocks_columns_and_values(tracked: TrackerService) -> None:
    data = tracked.export_csv(ExportOptions()).data
    assert data.startswith(
        b"\xef\xbb\xbfid,date,start,end,duration_min,kind,label,note,start_iso,end_iso\r\n"
    )
    rows = rows_of(data)
    assert rows[1] == [
        "1",
        "2023-11-13",
        "2023-11-13 09:00:00",
        "2023-11-13 10:30:00",
        "90.00",
        "task",
        '\'=SUM(A1),"x"',
        "line1\nline2",
        "2023-11-13T09:00:00+09:00",
        "2023-11-13T10:30:00+09:00",
    ]
    assert rows[2][1:5] == [
        "2023-11-13",
        "2023-11-13 23:00:00",
        "2023-11-14 05:00:00",
        "360.00",
    ]
    assert rows[2][8:] == ["2023-11-13T23:00:00+09:00", "2023-11-14T05:00:00+09:00"]
    assert rows[3][6:8] == ["'-minus", "'\tindented"]
    assert len(rows) == 4


def test_records_end_with_crlf_and_quote_per_rfc4180(tracked: TrackerService) -> None:
    data = tracked.export_csv(ExportOptions(encoding="utf-8")).data
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")
    assert text.count("\r\n") == 4  # header + 3 records; the note's own newline stays LF
    assert '"\'=SUM(A1),""x"""' in text
    assert '"line1\nline2"' in text


def test_running_block_has_empty_end_and_duration_so_far(
    service: TrackerService, fake_clock: FakeClock
) -> None:
    service.start(Kind.GROWTH, "reading", at=fake_clock.now() - 600)
    rows = rows_of(service.export_csv(ExportOptions()).data)
    assert rows[1][3] == ""
    assert rows[1][4] == "10.00"


def test_split_days_sums_match_days_export_and_report(
    tracked: TrackerService, fake_clock: FakeClock
) -> None:
    tracked.start(Kind.TASK, "still going", at=at(15, 3))  # running across 04:00 of the 15th
    first, last = D(2023, 11, 12), D(2023, 11, 15)
    opts = ExportOptions(first=first, last=last, split_days=True)
    rows = rows_of(tracked.export_csv(opts).data)[1:]
    seconds: dict[tuple[str, str], int] = defaultdict(int)
    minutes: dict[tuple[str, str], float] = defaultdict(float)
    now = fake_clock.now()
    for r in rows:
        start = int(dt.datetime.fromisoformat(r[8]).timestamp())
        end = int(dt.datetime.fromisoformat(r[9]).timestamp()) if r[9] else now
        seconds[(r[1], r[5])] += end - start
        minutes[(r[1], r[5])] += float(r[4])
    report = tracked.report(first, last)
    days = rows_of(tracked.export_csv(ExportOptions("days", first, last)).data)[1:]
    assert [d[0] for d in days] == ["2023-11-12", "2023-11-13", "2023-11-14", "2023-11-15"]
    for summary, day_row in zip(report.days, days, strict=True):
        key = summary.date.isoformat()
        assert seconds[(key, "task")] == summary.task_s
        assert seconds[(key, "growth")] == summary.growth_s
        assert abs(minutes[(key, "task")] - float(day_row[1])) < 0.011
        assert abs(minutes[(key, "growth")] - float(day_row[2])) < 0.011
    assert seconds[("2023-11-13", "growth")] == 5 * 3600
    assert seconds[("2023-11-14", "growth")] == 3600


def test_days_export_every_day_with_ratio_target_met_and_note(tracked: TrackerService) -> None:
    tracked.set_setting("target", "25%")  # applies from today (the 15th) on
    opts = ExportOptions("days", D(2023, 11, 12), D(2023, 11, 15), header="en")
    rows = rows_of(tracked.export_csv(opts).data)
    assert rows[0] == [
        "date",
        "task_min",
        "growth_min",
        "total_min",
        "growth_ratio",
        "target",
        "met",
        "note",
    ]
    assert rows[1] == ["2023-11-12", "0.00", "0.00", "0.00", "", "0.2000", "", ""]
    assert rows[2] == [
        "2023-11-13",
        "90.00",
        "300.00",
        "390.00",
        "0.7692",
        "0.2000",
        "1",
        'good day, "mostly"',
    ]
    assert rows[3][4:7] == [f"{60 / 105:.4f}", "0.2000", "1"]
    assert rows[4][5] == "0.2500"


def test_days_default_range_is_first_tracked_day_through_today(tracked: TrackerService) -> None:
    rows = rows_of(tracked.export_csv(ExportOptions("days")).data)
    assert rows[1][0] == "2023-11-13"
    assert rows[-1][0] == "2023-11-15"


def test_blocks_range_lists_touching_blocks_whole_and_split_clips(
    tracked: TrackerService,
) -> None:
    whole = rows_of(tracked.export_csv(ExportOptions(first=D(2023, 11, 14))).data)[1:]
    assert [r[0] for r in whole] == ["2", "3"]
    assert whole[0][4] == "360.00"  # the whole block, as 'list' shows it
    split = ExportOptions(first=D(2023, 11, 14), last=D(2023, 11, 14), split_days=True)
    parts = rows_of(tracked.export_csv(split).data)[1:]
    assert [(r[0], r[1], r[4]) for r in parts] == [
        ("2", "2023-11-14", "60.00"),
        ("3", "2023-11-14", "45.00"),
    ]


def test_japanese_header(tracked: TrackerService) -> None:
    rows = rows_of(tracked.export_csv(ExportOptions(header="ja")).data)
    assert rows[0] == [
        "ID",
        "日付",
        "開始",
        "終了",
        "時間（分）",
        "種類",
        "内容",
        "メモ",
        "開始（ISO 8601）",
        "終了（ISO 8601）",
    ]
    days = rows_of(tracked.export_csv(ExportOptions("days", header="ja")).data)
    assert days[0][:5] == ["日付", "作業（分）", "成長（分）", "合計（分）", "成長比率"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_files_read_back_with_the_csv_module(
    service: TrackerService, tmp_path: Path, encoding: str
) -> None:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), '請求書, "A社"', "確認済み\n二行目")
    service.add_block(Kind.GROWTH, at(13, 10), at(13, 11), "RPA 勉強")
    path = tmp_path / f"out-{encoding}.csv"
    service.write_csv(path, ExportOptions(encoding=encoding, header="ja"))  # type: ignore[arg-type]
    with path.open(encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][1] == "日付"
    assert rows[1][6:8] == ['請求書, "A社"', "確認済み\n二行目"]
    assert rows[2][6] == "RPA 勉強"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")


@pytest.mark.parametrize("label", ["RPA 😀", "𠮷野家"])
def test_cp932_cannot_hold_it_fails_cleanly_and_keeps_the_old_file(
    service: TrackerService, tmp_path: Path, label: str
) -> None:
    service.add_block(Kind.TASK, at(13, 8), at(13, 9), "first", "a\nb")
    service.add_block(Kind.TASK, at(13, 9), at(13, 10), label)
    path = tmp_path / "out.csv"
    path.write_bytes(b"old content")
    with pytest.raises(TrackerError) as caught:
        service.write_csv(path, ExportOptions(encoding="cp932"))
    message = str(caught.value)
    assert "line 4, column label (block 2)" in message  # the first record spans lines 2–3
    assert f"U+{ord(label[-1] if label[0] == 'R' else label[0]):04X}" in message
    assert "nothing was written" in message
    assert path.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_missing_folder_is_a_clear_error(tracked: TrackerService, tmp_path: Path) -> None:
    with pytest.raises(TrackerError, match="does not exist"):
        tracked.write_csv(tmp_path / "nope" / "out.csv", ExportOptions())


def test_cancelled_export_writes_nothing(
    service: TrackerService, tmp_path: Path, fake_clock: FakeClock
) -> None:
    blocks = [
        (Kind.TASK, at(1, 9) + i * 120, at(1, 9) + i * 120 + 60, f"b{i}", "") for i in range(4500)
    ]
    with service.store.write():
        for kind, start, end, label, note in blocks:
            service.add_block(kind, start, end, label, note)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 4000

    path = tmp_path / "out.csv"
    with pytest.raises(ExportCancelledError):
        service.write_csv(path, ExportOptions(), progress)
    assert not path.exists()
    assert seen[:2] == [(2000, 4500), (4000, 4500)]
    done: list[tuple[int, int]] = []
    service.write_csv(path, ExportOptions(), lambda d, t: done.append((d, t)) or None)
    assert done[-1] == (4500, 4500)
    assert len(rows_of(path.read_bytes())) == 4501


def test_dst_offsets_change_within_one_export(make_service, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    berlin = make_service(tz="Europe/Berlin", path=tmp_path / "berlin.db")
    start = int(dt.datetime(2023, 10, 28, 23, 0, tzinfo=berlin.tz).timestamp())
    berlin.add_block(Kind.TASK, start, start + 4 * 3600, "night shift")
    rows = rows_of(berlin.export_csv(ExportOptions()).data)
    assert rows[1][2:5] == ["2023-10-28 23:00:00", "2023-10-29 02:00:00", "240.00"]
    assert rows[1][8:] == ["2023-10-28T23:00:00+02:00", "2023-10-29T02:00:00+01:00"]
