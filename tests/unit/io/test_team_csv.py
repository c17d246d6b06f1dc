"""The team view as CSV (docs/architecture.md §17.5): the personal export's Excel rules."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tracker.domain.model import TrackerError
from tracker.domain.team import SharedDay, ShareFile, build_team_view
from tracker.io.export import render, team_rows

DAY = dt.date(2026, 12, 1)
UPDATED = int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp())


def view(name: str = "佐藤", label: str = "請求書チェック"):  # type: ignore[no-untyped-def]
    day = SharedDay(DAY, 7200, 3600, {"IFRS勉強": 3600}, {label: 7200})
    files = [ShareFile("a" * 32, name, 20, UPDATED, (day,))]
    return build_team_view(files, DAY, DAY + dt.timedelta(days=6), "a" * 32, DAY, {})


def rows(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_one_table_with_a_section_per_row() -> None:
    result = render("team", team_rows(view()), 4)
    assert result.data.startswith(b"\xef\xbb\xbf") and result.data.count(b"\r\n") == 6
    assert rows(result.data) == [
        ["section", "week", "name", "label", "task_min", "growth_min", "growth_ratio", "target",
         "people", "per_week_min", "ratio_if_automated"],
        ["person", "", "佐藤", "", "120.00", "60.00", "0.3333", "0.2000", "", "", ""],
        ["week", "2026-11-30", "", "", "120.00", "60.00", "0.3333", "", "", "", ""],
        ["week", "2026-12-07", "", "", "0.00", "0.00", "", "", "", "", ""],  # Tue–Mon: 2 weeks
        ["learning", "", "佐藤", "IFRS勉強", "", "60.00", "", "", "", "", ""],
        ["hotspot", "", "佐藤", "請求書チェック", "120.00", "", "", "", "1", "120.00", "1.0000"],
    ]  # fmt: skip


def test_formulas_are_guarded_and_encodings_checked() -> None:
    data = render("team", team_rows(view("=HYPERLINK(1)", "+請求")), 4, "cp932", "ja").data
    table = rows(data, "cp932")
    assert table[0][:3] == ["区分", "週", "名前"]
    assert table[1][2] == "'=HYPERLINK(1)" and table[5][3] == "'+請求"
    with pytest.raises(TrackerError) as bad:
        render("team", team_rows(view("佐藤", "締め〜確認")), 4, "cp932")
    assert bad.value.code == "encoding_text" and "〜" in str(bad.value)
