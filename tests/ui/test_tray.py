"""The tray controller: menu, accelerators, tooltip, icon state, and clicks through the app.

Offscreen there is no system tray, so these tests drive the controller and the ``App``
directly; the real icon is tested end to end on Xvfb (tests/e2e/test_tray_e2e.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.clock import FakeClock
from tracker.domain.model import Kind, Source
from tracker.service import TrackerService
from tracker.ui import dialogs
from tracker.ui.app import App
from tracker.ui.icon import IconState, make_icon
from tracker.ui.tray import TrayController


@pytest.fixture
def env(tmp_path: Path, qapp: QApplication) -> Iterator[tuple[App, TrackerService, FakeClock]]:
    service, clock = make_service(tmp_path)
    app = App(service)
    app.tray.set_features(dict.fromkeys(("summary", "editor", "export", "settings"), False))
    yield app, service, clock
    app.shutdown()
    app.deleteLater()


def actions(menu: QMenu) -> list[QAction]:
    return [a for a in menu.actions() if not a.isSeparator()]


def texts(menu: QMenu) -> list[str]:
    return [a.text() for a in actions(menu)]


def mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def menu_of(tray: TrayController, kind: Kind) -> QMenu:
    return tray.start_menus[kind]


# -- menu -------------------------------------------------------------------------------


def test_idle_menu_lists_every_item_with_the_right_enabled_state(env) -> None:
    app, _, _ = env
    tray = app.tray
    assert texts(tray.menu) == [
        "Not tracking",
        "Start &task",
        "Start &growth",
        "S&witch to growth",
        "St&op",
        "Today's &summary…",
        "&Edit blocks…",
        "E&xport CSV…",
        "&Import CSV…",
        "Te&am…",
        "Setti&ngs…",
        "&Quit",
    ]
    enabled = {a.text(): a.isEnabled() for a in actions(tray.menu)}
    assert enabled["Not tracking"] is False  # the status line is information only
    assert enabled["S&witch to growth"] is False
    assert enabled["St&op"] is False
    assert enabled["Today's &summary…"] is False  # its module does not exist yet
    assert enabled["&Quit"] is True
    assert texts(menu_of(tray, Kind.TASK)) == ["&New…"]


def test_every_item_has_its_own_accelerator(env) -> None:
    app, service, clock = env
    for n in range(9):
        service.start(Kind.TASK, f"chore {n}", source=Source.TRAY)
        clock.advance(60)
    app.refresh()
    menus = [app.tray.menu, *app.tray.start_menus.values()]
    for menu in menus:
        items = [a for a in actions(menu) if a is not app.tray.status_action]
        keys = [mnemonic(a.text()) for a in items]
        assert None not in keys, [a.text() for a in items]
        assert len(set(keys)) == len(keys), keys


def test_features_enable_their_items(env) -> None:
    tray = env[0].tray
    tray.set_features({"summary": True, "settings": True})
    assert tray.feature_actions["summary"].isEnabled()
    assert tray.feature_actions["settings"].isEnabled()
    assert not tray.feature_actions["export"].isEnabled()


def test_start_menus_offer_the_eight_most_recent_labels_newest_first(env, qtbot: QtBot) -> None:
    app, service, clock = env
    for n in range(10):
        service.start(Kind.TASK, f"chore {n}", source=Source.TRAY)
        clock.advance(60)
    service.start(Kind.GROWTH, "R&D 勉強", source=Source.TRAY)
    clock.advance(60)
    app.refresh()
    task = texts(menu_of(app.tray, Kind.TASK))
    assert task == [f"&{i} chore {9 - i + 1}" for i in range(1, 9)] + ["&New…"]
    growth = menu_of(app.tray, Kind.GROWTH)
    assert texts(growth) == ["&1 R&&D 勉強", "&New…"]  # '&' in a label is not a mnemonic
    with qtbot.waitSignal(app.tray.start_requested) as blocker:
        actions(menu_of(app.tray, Kind.TASK))[2].trigger()
    assert blocker.args == [Kind.TASK, "chore 7"]
    running = service.running()
    assert running is not None and (running.kind, running.label) == (Kind.TASK, "chore 7")
    assert app.tray.status_action.text() == "Task · chore 7 · 0:00"


def test_new_item_asks_for_a_label_and_starts_it(env, monkeypatch) -> None:
    app, service, _ = env
    asked = []

    def ask(kind: Kind, labels: list[str]) -> str:
        asked.append(kind)
        return "RPA 勉強"

    monkeypatch.setattr(dialogs.QuickLabelDialog, "ask", staticmethod(ask))
    actions(menu_of(app.tray, Kind.GROWTH))[-1].trigger()
    running = service.running()
    assert asked == [Kind.GROWTH]
    assert running is not None and (running.kind, running.label) == (Kind.GROWTH, "RPA 勉強")


def test_cancelled_label_dialog_starts_nothing(env, monkeypatch) -> None:
    app, service, _ = env
    monkeypatch.setattr(dialogs.QuickLabelDialog, "ask", staticmethod(lambda k, labels: None))
    actions(menu_of(app.tray, Kind.TASK))[-1].trigger()
    assert service.running() is None


# -- toggling ---------------------------------------------------------------------------


def test_click_toggles_task_and_growth_through_the_service(env) -> None:
    app, service, clock = env
    app.tray.click()
    first = service.running()
    assert first is not None and first.kind is Kind.TASK  # task on first use
    assert first.source is Source.TRAY and first.last_seen_at == clock.now()
    clock.advance(600)
    app.tray.click()
    second = service.running()
    assert second is not None and second.kind is Kind.GROWTH
    assert service.store.get(first.id).ended_at == second.started_at
    assert app.tray.status_action.text() == "Growth · 0:00"
    assert app.tray.switch_action.text() == "S&witch to task"
    clock.advance(60)
    app.tray.stop_action.trigger()
    assert service.running() is None
    clock.advance(60)
    app.tray.click()  # idle: the kind used last
    third = service.running()
    assert third is not None and third.kind is Kind.GROWTH


def test_switch_and_stop_items(env) -> None:
    app, service, clock = env
    app.tray.click()
    clock.advance(120)
    app.tray.switch_action.trigger()
    running = service.running()
    assert running is not None and running.kind is Kind.GROWTH
    clock.advance(120)
    app.tray.stop_action.trigger()
    assert service.running() is None
    assert not app.tray.stop_action.isEnabled()
    assert not app.tray.switch_action.isEnabled()


@pytest.mark.parametrize(("setting", "expect"), [("panel", "panel"), ("none", None)])
def test_click_follows_the_tray_click_setting(env, monkeypatch, setting, expect) -> None:
    app, service, clock = env
    service.start(Kind.TASK, "invoices", source=Source.TRAY)
    clock.advance(300)
    service.set_setting("tray_click", setting)
    app.apply_settings()
    asked: list[Kind] = []

    def ask(kind: Kind, labels: list[str]) -> str:
        asked.append(kind)
        return "kaizen"

    monkeypatch.setattr(dialogs.QuickLabelDialog, "ask", staticmethod(ask))
    app.tray.click()
    running = service.running()
    assert running is not None
    if expect == "panel":  # the quick panel asks a label for the kind a toggle would start
        assert asked == [Kind.GROWTH]
        assert (running.kind, running.label) == (Kind.GROWTH, "kaizen")
    else:
        assert asked == []
        assert (running.kind, running.label) == (Kind.TASK, "invoices")


def test_with_a_summary_a_double_click_opens_it_instead_of_toggling(env, qtbot: QtBot) -> None:
    app, service, _ = env
    tray = app.tray
    tray.set_features({"summary": True})
    opened: list[bool] = []
    tray.summary_requested.disconnect()
    tray.summary_requested.connect(lambda: opened.append(True))
    tray.click()
    tray.click()  # the second press of a double click
    tray.double_click()
    qtbot.wait(QApplication.styleHints().mouseDoubleClickInterval() + 100)
    assert opened == [True]
    assert service.running() is None
    with qtbot.waitSignal(tray.toggle_requested, timeout=2000):
        tray.click()  # a single click still toggles, after the double-click interval
    assert service.running() is not None


def test_a_click_shows_at_once_and_is_written_with_its_own_instant(env, qtbot: QtBot) -> None:
    app, service, clock = env
    tray = app.tray
    tray.set_features({"summary": True})
    service.start(Kind.GROWTH, "RPA 勉強", source=Source.TRAY)
    clock.advance(600)
    service.stop()
    clock.advance(600)
    app.refresh()
    clicked = clock.now()
    tray.click()
    # shown before anything is written: the continued block, its label and kind
    assert service.running() is None
    assert tray.view is not None and tray.view.icon_state is IconState.GROWTH
    assert tray.status_action.text() == "Growth · RPA 勉強 · 0:00"
    assert tray.icon.toolTip().splitlines()[0] == "Growth · RPA 勉強 · 0:00"
    clock.advance(1)  # the double-click interval passes
    with qtbot.waitSignal(tray.toggle_requested, timeout=2000):
        pass
    running = service.running()
    assert running is not None and (running.kind, running.label) == (Kind.GROWTH, "RPA 勉強")
    assert running.started_at == clicked


def test_a_double_click_takes_the_shown_click_back(env, qtbot: QtBot) -> None:
    app, service, clock = env
    tray = app.tray
    tray.set_features({"summary": True})
    tray.summary_requested.disconnect()
    opened: list[bool] = []
    tray.summary_requested.connect(lambda: opened.append(True))
    service.start(Kind.TASK, "請求書", source=Source.TRAY)
    clock.advance(600)
    app.refresh()
    tray.click()
    assert tray.view is not None and tray.view.icon_state is IconState.GROWTH
    tray.double_click()  # a host that reports only Trigger, DoubleClick
    assert tray.view.icon_state is IconState.TASK  # shown as it is again
    qtbot.wait(QApplication.styleHints().mouseDoubleClickInterval() + 100)
    assert opened == [True]
    assert [(b.kind, b.running) for b in service.store.all_blocks()] == [(Kind.TASK, True)]


# -- tooltip and icon -------------------------------------------------------------------


def test_tooltip_while_tracking_has_ratio_target_and_pacing(env) -> None:
    app, service, clock = env
    service.start(Kind.TASK, "月次決算", source=Source.TRAY)
    clock.advance(3600)
    service.start(Kind.GROWTH, "RPA 勉強", source=Source.TRAY)
    clock.advance(600)
    app.refresh()
    # 10 min of 70: 14 %; (0.2 * 4200 - 600) / 0.8 = 300 s more growth reach 20 %.
    assert app.tray.icon.toolTip() == (
        "Growth · RPA 勉強 · 0:10\n"
        "Today: growth 0:10 of 1:10\n"
        "14% / target 20%\n"
        "0:05 more growth reaches 20%"
    )
    clock.advance(300)
    app.refresh()
    assert app.tray.icon.toolTip().splitlines()[2:] == ["20% / target 20% · target met"]


def test_tooltip_when_idle_says_so(env) -> None:
    app, service, clock = env
    assert app.tray.icon.toolTip() == "Not tracking\nNothing tracked today\nTarget 20%"
    service.start(Kind.TASK, "", source=Source.TRAY)
    clock.advance(59 * 60 + 30)
    service.stop()
    app.refresh()
    assert app.tray.icon.toolTip() == (
        "Not tracking\n"
        "Today: growth 0:00 of 0:59\n"
        "0% / target 20%\n"
        "0:15 more growth reaches 20%"  # 3570 s * 0.25 = 892.5 s, rounded up
    )


def test_tooltip_never_says_nothing_tracked_while_a_block_runs(env) -> None:
    app, service, _clock = env
    service.start(Kind.TASK, "月次決算", source=Source.TRAY)
    app.refresh()  # the very second it started: nothing to total yet, but it runs
    assert app.tray.icon.toolTip() == "Task · 月次決算 · 0:00\nTarget 20%"
    assert "Nothing tracked" not in app.tray.icon.toolTip()


def test_tooltip_shows_growth_under_a_minute_as_some(env) -> None:
    """30 s of growth in 100 s is 30 %: "growth 0:00" beside "30%" would contradict it."""
    app, service, clock = env
    service.start(Kind.TASK, "", source=Source.TRAY)
    clock.advance(70)
    service.start(Kind.GROWTH, "", source=Source.TRAY)
    clock.advance(30)
    app.refresh()
    assert app.tray.icon.toolTip().splitlines()[1:3] == [
        "Today: growth <0:01 of 0:01",
        "30% / target 20% · target met",
    ]


def test_tooltip_just_below_the_target_never_reads_as_the_target(env) -> None:
    """19.97 % of a 20 % target: "19.9%", not "20%"; the last growth seconds are a minute."""
    app, service, clock = env
    service.start(Kind.TASK, "月次決算", source=Source.TRAY)
    clock.advance(4 * 3600)
    service.start(Kind.GROWTH, "RPA 勉強", source=Source.TRAY)
    clock.advance(3595)  # 3595 / 17995 = 19.977 %; 5 s more meet the target
    app.refresh()
    assert app.tray.icon.toolTip().splitlines()[2:] == [
        "19.9% / target 20%",
        "0:01 more growth reaches 20%",
    ]


def image(icon, size: int = 32) -> QImage:
    return icon.pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_ARGB32)


def test_icon_follows_the_state_and_todays_ratio(env) -> None:
    app, service, clock = env
    tray = app.tray
    assert tray.view is not None and tray.view.icon_state is IconState.IDLE
    assert image(tray.icon.icon()) == image(make_icon(IconState.IDLE, None, 0.2, tray.theme.dark))
    service.start(Kind.TASK, "", source=Source.TRAY)
    clock.advance(1800)
    service.start(Kind.GROWTH, "", source=Source.TRAY)
    clock.advance(600)
    app.refresh()
    assert tray.view.icon_state is IconState.GROWTH
    assert image(tray.icon.icon()) == image(make_icon(IconState.GROWTH, 0.25, 0.2, tray.theme.dark))
    assert image(tray.icon.icon()) != image(make_icon(IconState.TASK, 0.25, 0.2, tray.theme.dark))
    service.switch(source=Source.TRAY)
    app.refresh()
    assert tray.view.icon_state is IconState.TASK
    assert image(tray.icon.icon()) == image(make_icon(IconState.TASK, 0.25, 0.2, tray.theme.dark))


def test_icon_follows_the_panel_theme_and_the_away_state(env, monkeypatch) -> None:
    app, service, clock = env
    tray = app.tray
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "XFCE")
    tray.theme.portal_answered(2)  # the portal: prefer light
    assert tray.theme.dark is False
    assert image(tray.icon.icon()) == image(make_icon(IconState.IDLE, None, 0.2, False))
    tray.theme.portal_answered(1)  # prefer dark
    assert image(tray.icon.icon()) == image(make_icon(IconState.IDLE, None, 0.2, True))
    service.start(Kind.TASK, "請求書", source=Source.TRAY)
    clock.advance(600)
    service.mark_away(clock.now() - 300)
    app.refresh()
    assert tray.view is not None and tray.view.icon_state is IconState.AWAY
    assert image(tray.icon.icon()) == image(make_icon(IconState.AWAY, 0.0, 0.2, True))
