"""The summary's wording and details: a ratio just below its target never reads as the
target, growth still needed rounds up, labels under a minute are left out, the ratio chart
keeps its labels off the target line, disposable hours count work days, the PNG is
owner-only and suggested in an existing folder, dates read as in the titles, plurals."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
import summary_support as sup
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tracker.domain.model import Kind
from tracker.domain.summary import RangeKind
from tracker.service import TrackerService
from tracker.ui.common import fmt_need, fmt_pct
from tracker.ui.summary import plots
from tracker.ui.summary.text import summary_text
from tracker.ui.summary.window import SummaryWindow, png_folder

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TZ = sup.TOKYO
H = 3600


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings("GrowthTracker", "summary").clear()


def open_window(
    qtbot: QtBot, service: TrackerService, kind: RangeKind = RangeKind.DAY
) -> SummaryWindow:
    window = SummaryWindow(service)
    qtbot.addWidget(window)
    window.resize(1240, 800)
    window.show()
    qtbot.waitExposed(window)
    sup.wait_charts(qtbot, window)
    window.set_range(kind)
    return window


def day_of(service: TrackerService, day: dt.date, task_s: int, growth_s: int) -> None:
    start = sup.local(TZ, day.year, day.month, day.day, 9)
    service.add_block(Kind.TASK, start, start + task_s, "給与計算")
    if growth_s:
        service.add_block(Kind.GROWTH, start + task_s, start + task_s + growth_s, "RPA 勉強")


# -- 1. ratios just below the target, growth still needed ---------------------------------


def test_a_ratio_below_its_target_never_shows_as_the_target() -> None:
    assert fmt_pct(0.1996, 0.2) == "19.9%"  # not "20%"
    assert fmt_pct(0.1999999999, 0.2) == "19.9%"  # rounded down, never up to the target
    assert fmt_pct(0.195, 0.2) == "19.5%"
    assert fmt_pct(0.194, 0.2) == "19%"  # far enough below: whole percentages as ever
    assert fmt_pct(0.2, 0.2) == "20%" and fmt_pct(0.2004, 0.2) == "20%"
    assert fmt_pct(0.1996) == "20%" and fmt_pct(None, 0.2) == "–"
    # A target of 20.4 % reads as itself, and a ratio that meets it never reads "20%".
    assert fmt_pct(0.204, 0.204) == "20.4%" and fmt_pct(0.2041, 0.204) == "20.5%"


def test_growth_still_needed_rounds_up_to_the_minute() -> None:
    assert [fmt_need(s) for s in (0, 1, 59, 60, 61, 3599, 3600)] == [
        "0:00",
        "0:01",
        "0:01",
        "0:01",
        "0:02",
        "1:00",
        "1:00",
    ]


@pytest.fixture
def just_below(tmp_path: Path) -> TrackerService:
    """A week whose ratio is 19.98 % against 20 %: 6 s more growth would meet it."""
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)  # Friday 14 June 2024, 16:40
    day_of(service, dt.date(2024, 6, 10), 8 * H, 0)
    day_of(service, dt.date(2024, 6, 11), 4 * H, 2 * H + 3594)
    return service


def test_week_figures_just_below_the_target(qtbot: QtBot, just_below: TrackerService) -> None:
    window = open_window(qtbot, just_below, RangeKind.WEEK)
    cards = window.figures.cards
    assert cards["ratio"].value.text() == "19.9%"
    assert cards["ratio"].detail.text().startswith("✗ below the target 20%")
    assert cards["growth"].detail.text() == "0:01 more reaches the target"
    text = summary_text(window.data)  # type: ignore[arg-type]
    assert "Growth ratio 19.9% (target 20%) ✗ not met" in text


# -- 2. labels under a minute ------------------------------------------------------------


def test_labels_under_a_minute_are_left_out_of_hotspots_and_the_copy(
    qtbot: QtBot, tmp_path: Path
) -> None:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    day_of(service, dt.date(2024, 6, 14), 2 * H, H)
    start = sup.local(TZ, 2024, 6, 14, 14)
    service.add_block(Kind.TASK, start, start + 40, "")  # 40 s, no label
    service.add_block(Kind.GROWTH, start + 40, start + 95, "一瞬")  # 55 s
    window = open_window(qtbot, service)
    assert [h.label for h in window.data.hotspots] == ["給与計算"]  # type: ignore[union-attr]
    assert window.hotspots.rowCount() == 1
    text = summary_text(window.data, include_routine=True)  # type: ignore[arg-type]
    assert not [line for line in text.splitlines() if line.endswith(" 0:00")]
    assert "(no label)" not in text and "一瞬" not in text
    assert "• RPA 勉強  1:00" in text.splitlines()


# -- 3. the ratio chart's labels and the target line --------------------------------------


def seed_week(service: TrackerService, ratios: tuple[float | None, ...]) -> None:
    """Mon 10 June 2024 on: 8 h a day, ``ratio`` of it growth (None: nothing tracked)."""
    for n, ratio in enumerate(ratios):
        if ratio is not None:
            growth = round(8 * H * ratio)
            day_of(service, dt.date(2024, 6, 10 + n), 8 * H - growth, growth)


@pytest.fixture
def near_target_week(tmp_path: Path) -> TrackerService:
    """The tester's week: bars at 10 % and 29 % under a 20 % target, 60 % on the last day."""
    service, _ = sup.make_service(tmp_path, sup.local(TZ, 2024, 6, 16, 19))  # Sunday
    seed_week(service, (0.1, 0.29, 0.1, 0.29, 0.18, None, 0.6))
    return service


@pytest.mark.parametrize("kind", [RangeKind.WEEK, RangeKind.DAY])
def test_ratio_labels_keep_clear_of_the_target_line(
    qtbot: QtBot, near_target_week: TrackerService, kind: RangeKind
) -> None:
    window = open_window(qtbot, near_target_week, kind)
    figure = window.charts.figures["ratio"]
    figure.canvas.draw()
    ax = figure.axes[0]
    line_y = ax.transData.transform((0, 20))[1]
    clear = plots.LINE_CLEAR * ax.bbox.height
    labels = [t for t in ax.texts if t.get_gid() in ("value", "outlier")]
    assert len(labels) == 6  # Sunday's 60 % stands far above the rest: an outlier's label
    for label in labels:
        box = label.get_window_extent()
        assert not box.y0 - clear + 0.5 < line_y < box.y1 + clear - 0.5, label.get_text()
        assert box.y1 <= ax.bbox.y1 + 1  # inside the axes, not over the title
    # A sensible scale: more than the "0%, 50%" of a squashed axis.
    ticks = [t for t in ax.get_yticks() if 0 <= t <= ax.get_ylim()[1]]
    assert len(ticks) >= 4


def test_a_label_moved_off_the_line_follows_a_live_update(qtbot: QtBot, tmp_path: Path) -> None:
    """A bar growing in place through the target (a running block) re-places its label on
    every draw."""
    service, _ = sup.make_service(tmp_path, sup.local(TZ, 2024, 6, 16, 11, 50))
    seed_week(service, (0.1, 0.29, 0.1, 0.19, 0.18))
    service.add_block(Kind.TASK, sup.local(TZ, 2024, 6, 16, 9), sup.local(TZ, 2024, 6, 16, 10, 36))
    service.start(Kind.GROWTH, "RPA 勉強", at=sup.local(TZ, 2024, 6, 16, 10, 36))
    window = open_window(qtbot, service, RangeKind.WEEK)
    ax = window.charts.figures["ratio"].axes[0]
    for _ in range(16):  # 12.7 % at 11:50, 20 % at 12:00, 23 % at 12:06
        service.clock.advance(60)  # type: ignore[attr-defined]
        window._tick()
        window.charts.figures["ratio"].canvas.draw()
        line_y = ax.transData.transform((0, 20))[1]
        clear = plots.LINE_CLEAR * ax.bbox.height
        for label in (t for t in ax.texts if t.get_gid() == "value"):
            box = label.get_window_extent()
            assert not box.y0 - clear + 0.5 < line_y < box.y1 + clear - 0.5, label.get_text()


# -- 4. disposable hours ------------------------------------------------------------------


def test_tracked_card_counts_work_days_only(qtbot: QtBot, near_target_week: TrackerService) -> None:
    window = open_window(qtbot, near_target_week, RangeKind.WEEK)
    assert window.figures.cards["tracked"].detail.text() == "of 50:00 disposable hours"
    window.set_range(RangeKind.DAY)  # Sunday: not a work day, still one day's hours
    assert window.figures.cards["tracked"].detail.text() == "of 10:00 disposable hours"


# -- 5. the PNG ---------------------------------------------------------------------------


def test_png_is_owner_only(
    qtbot: QtBot, near_target_week: TrackerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, near_target_week)
    target = tmp_path / "charts.png"
    target.write_bytes(b"old")
    target.chmod(0o644)
    monkeypatch.setattr(SummaryWindow, "ask_png_path", staticmethod(lambda *_: target))
    old_mask = os.umask(0o022)
    try:
        qtbot.mouseClick(window.png_button, Qt.MouseButton.LeftButton)
    finally:
        os.umask(old_mask)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert window.status.text() == f"Charts saved to {target}"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".charts.png")]


def test_png_is_suggested_in_pictures_or_else_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user-dirs.dirs
    assert png_folder() == tmp_path  # no ~/Pictures: home, never the working directory
    (tmp_path / "Pictures").mkdir()
    assert png_folder() == tmp_path / "Pictures"


# -- 6. dates, plurals, the note in the copy -------------------------------------------------


def test_date_edit_reads_like_the_titles(qtbot: QtBot, near_target_week: TrackerService) -> None:
    window = open_window(qtbot, near_target_week)
    assert window.navigator.date_edit.text() == "Sun 16 Jun 2024"
    assert window.navigator.date_edit.text() in window.note_title.text()


def test_streak_of_one_day_is_singular(qtbot: QtBot, tmp_path: Path) -> None:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)  # Friday 14 June, 16:40
    day_of(service, dt.date(2024, 6, 13), 2 * H, H)
    window = open_window(qtbot, service)
    card = window.figures.cards["streak"]
    assert card.value.text() == "1"
    assert card.detail.text() == "day in a row meeting the target, up to yesterday"
    text = summary_text(window.data)  # type: ignore[arg-type]
    assert "Streak: 1 day meeting the target, up to yesterday" in text
    day_of(service, dt.date(2024, 6, 12), 2 * H, H)
    window.refresh()
    assert card.detail.text() == "days in a row meeting the target, up to yesterday"
    text = summary_text(window.data)  # type: ignore[arg-type]
    assert "Streak: 2 days meeting the target, up to yesterday" in text


def test_today_in_progress_neither_extends_nor_breaks_the_streak(
    qtbot: QtBot, tmp_path: Path
) -> None:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)  # Friday 14 June, 16:40
    day_of(service, dt.date(2024, 6, 12), 2 * H, H)
    day_of(service, dt.date(2024, 6, 13), 2 * H, H)
    window = open_window(qtbot, service)
    card = window.figures.cards["streak"]
    assert card.value.text() == "2"
    day_of(service, dt.date(2024, 6, 14), 3 * H, 0)  # today: all routine so far
    window.refresh()
    assert window.figures.cards["ratio"].detail.text().startswith("✗")
    assert card.value.text() == "2"  # not broken: today is not over
    assert "once it is over" in card.toolTip() and "at least 1 h" in card.toolTip()
    window.show_day(dt.date(2024, 6, 13))  # a past day shows the streak up to that day
    assert card.value.text() == "2"
    assert card.detail.text() == "days in a row meeting the target, up to yesterday"
    window.show_day(dt.date(2024, 6, 12))
    assert card.value.text() == "1"
    assert card.detail.text() == "day in a row meeting the target, up to 12 Jun 2024"


def test_a_few_minutes_on_a_day_off_do_not_extend_the_streak(qtbot: QtBot, tmp_path: Path) -> None:
    service, _ = sup.make_service(tmp_path, sup.local(sup.TOKYO, 2024, 6, 17, 10))  # Monday
    day_of(service, dt.date(2024, 6, 14), 2 * H, H)  # Friday: met
    saturday = sup.local(sup.TOKYO, 2024, 6, 15, 10)
    service.add_block(Kind.GROWTH, saturday, saturday + 20 * 60, "簿記2級")  # 20 min = 100 %
    window = open_window(qtbot, service)
    window.show_day(dt.date(2024, 6, 15))
    assert window.figures.cards["ratio"].value.text() == "100%"  # met is still met
    assert window.figures.cards["streak"].value.text() == "1"  # but only Friday counts
    window.show_day(dt.date(2024, 6, 17))
    assert window.figures.cards["streak"].value.text() == "1"


def test_copy_summary_includes_the_days_reflection(
    qtbot: QtBot, near_target_week: TrackerService
) -> None:
    window = open_window(qtbot, near_target_week)
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    assert "Reflection" not in QGuiApplication.clipboard().text()  # no note: no heading
    near_target_week.set_day_note(dt.date(2024, 6, 16), "RPA で給与計算を短縮。\n来週も続ける。")
    window.refresh()
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[-3:] == ["Reflection:", "RPA で給与計算を短縮。", "来週も続ける。"]
    window.set_range(RangeKind.WEEK)
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    assert "Reflection · Sun 16 Jun 2024:" in QGuiApplication.clipboard().text()
