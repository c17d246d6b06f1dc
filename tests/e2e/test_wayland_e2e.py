"""The real ``growth-tracker`` on a real headless Wayland session (sway + waybar).

Natively (``QT_QPA_PLATFORM=wayland``, also Qt's own pick when unset) and through sway's
Xwayland (``xcb``), the icon is a StatusNotifierItem in waybar's tray: a left click toggles
task ⇄ growth, a right click opens the menu (DBusMenu, drawn by waybar) and its items work.
The compositor reports idle through ``org_kde_kwin_idle`` (sway 1.7 has no
``ext-idle-notify-v1``), and the away question appears once the pointer moves again. Without
any tray host the app says so in a window, the CLI keeps working, and the icon appears when a
tray comes. Screenshots go to ``test-artifacts/wayland-*.png``. The session itself:
tests/e2e/wayland.py.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import wayland
import xenv
from test_tray_e2e import Tracker, _iso

from tracker.platform.idle.wayland import WaylandIdle

AWAY_THRESHOLD_S = "2"


def _unavailable(reason: str) -> None:
    if os.environ.get("E2E_REQUIRED", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"E2E_REQUIRED is set but {reason}", pytrace=False)
    pytest.skip(reason)


def _start_session(log_dir: Path) -> wayland.WaylandSession:
    missing = wayland.missing_tools()
    if missing:
        _unavailable(
            f"Wayland end-to-end tools not installed: {', '.join(missing)} "
            "(run scripts/install-system-deps.sh as root)"
        )
    return wayland.start_sway(log_dir)


@pytest.fixture(scope="module")
def session(artifacts_dir: Path) -> Iterator[wayland.WaylandSession]:
    """sway with waybar's tray, shared by the tests of this module."""
    log_dir = artifacts_dir / "wayland"
    with _start_session(log_dir) as running:
        wayland.start_waybar(running, log_dir / "waybar.log")
        yield running


@pytest.fixture
def pointer(session: wayland.WaylandSession) -> Iterator[wayland.VirtualPointer]:
    device = wayland.VirtualPointer(session)
    try:
        yield device
    finally:
        device.close()


def _tracker(session: wayland.WaylandSession, tmp_path: Path, **extra: str) -> Tracker:
    env = dict(session.env, PYTHONFAULTHANDLER="1", **extra)
    tracker = Tracker(tmp_path / "tracker.sqlite3", env)
    # The CLI belongs to the session as every other client does.
    argv = tracker.argv
    tracker.argv = lambda *args: session.argv(argv(*args))  # type: ignore[method-assign]
    return tracker


def _start_app(
    session: wayland.WaylandSession, t: Tracker, artifacts_dir: Path, name: str
) -> xenv.ManagedProcess:
    return session.spawn(
        t.argv(), name=name, env=t.env, log_path=artifacts_dir / "wayland" / f"{name}.log"
    )


def _open_menu(
    session: wayland.WaylandSession, pointer: wayland.VirtualPointer, icon: wayland.Box
) -> tuple[wayland.Box, list[tuple[int, int]]]:
    """Right-click the icon; the menu's box on screen and its item rows (screen y)."""
    pointer.click(*icon.center, button=wayland.BTN_RIGHT)

    def menu() -> tuple[wayland.Box, list[tuple[int, int]]] | None:
        time.sleep(0.4)  # sway hides the pointer after 200 ms still
        image = session.grab()
        box = wayland.bright_box(image, ignore=icon.padded(4))
        if box is None or box.height < 150:
            return None
        image = image.crop((box.x, box.y, box.x + box.width, box.y + box.height))
        rows = [(box.y + top, box.y + bottom) for top, bottom in wayland.menu_rows(image)]
        return (box, rows) if len(rows) >= 8 else None

    return xenv.wait_until(menu, 10, message="the tray menu to open")


def _frame(window: dict[str, Any]) -> wayland.Box:
    """A window with its title bar (sway draws it above ``rect``)."""
    rect, title = window["rect"], window.get("deco_rect", {}).get("height", 0)
    box = wayland.Box(rect["x"], rect["y"] - title, rect["width"], rect["height"] + title)
    return box.padded(8)


def _click_row(pointer: wayland.VirtualPointer, box: wayland.Box, row: tuple[int, int]) -> None:
    pointer.click(box.x + box.width // 3, (row[0] + row[1]) // 2)


def _tray_on(
    session: wayland.WaylandSession,
    pointer: wayland.VirtualPointer,
    tmp_path: Path,
    artifacts_dir: Path,
    platform: str,
    shell: str,
) -> None:
    """One tray scenario: icon, click, click, menu items (switch, summary), Quit.

    ``platform`` is ``QT_QPA_PLATFORM`` ("" = unset: Qt's own choice); ``shell`` is how
    sway says the app's windows reach it (``xdg_shell`` natively, else ``xwayland``).
    """
    t = _tracker(session, tmp_path, QT_QPA_PLATFORM=platform)
    if not platform:
        del t.env["QT_QPA_PLATFORM"]
    platform = platform or "default"
    now = int(time.time())
    out = t.cli("add", "growth", _iso(now - 1500), _iso(now - 1320), "RPA 勉強")
    assert out.returncode == 0, out.stderr
    out = t.cli("add", "task", _iso(now - 1320), _iso(now - 300), "月次決算")
    assert out.returncode == 0, out.stderr

    app = _start_app(session, t, artifacts_dir, f"growth-tracker-{platform}")
    xenv.wait_until(session.registered_items, 20, message="the item to register with waybar")
    icon = wayland.wait_tray_icon(session)
    assert icon.x > wayland.WIDTH - 100 and icon.height <= wayland.BAR_HEIGHT, icon
    session.screenshot(
        artifacts_dir / f"wayland-{platform}-tray-idle.png",
        crop=wayland.Box(wayland.WIDTH - 200, 0, 200, wayland.BAR_HEIGHT),
        scale=3,
    )

    # A left click starts the kind used last (task), the next one switches to growth.
    pointer.click(*icon.center)
    t.wait_kind("task")
    pointer.click(*icon.center)
    t.wait_kind("growth")
    time.sleep(0.5)  # the icon is repainted after the change
    session.screenshot(
        artifacts_dir / f"wayland-{platform}-tray-growth.png",
        crop=wayland.Box(wayland.WIDTH - 200, 0, 200, wayland.BAR_HEIGHT),
        scale=3,
    )

    # The menu: status, Start task ▸, Start growth ▸, Switch, Stop, six windows, Quit.
    box, rows = _open_menu(session, pointer, icon)
    session.screenshot(artifacts_dir / f"wayland-{platform}-menu.png", crop=box.padded(8))
    assert len(rows) == 12, rows
    _click_row(pointer, box, rows[3])  # "Switch to task"
    t.wait_kind("task")

    # A window opened from the menu: no tray geometry to place it by, and none needed;
    # the compositor puts it on the output, below the bar, whole.
    box, rows = _open_menu(session, pointer, icon)
    _click_row(pointer, box, rows[5])  # "Today's summary…"
    summary = session.wait_for_window("Summary", timeout=20)
    time.sleep(1.0)  # the charts are drawn after the first show
    summary = session.wait_for_window("Summary")
    assert summary["shell"] == shell, summary["shell"]
    rect = summary["rect"]
    assert rect["x"] >= 0 and rect["y"] >= wayland.BAR_HEIGHT, rect
    assert rect["x"] + rect["width"] <= wayland.WIDTH, rect
    assert rect["y"] + rect["height"] <= wayland.HEIGHT, rect
    assert rect["width"] >= 400 and rect["height"] >= 300, rect
    session.screenshot(artifacts_dir / f"wayland-{platform}-summary.png")
    session.swaymsg(f"[con_id={summary['id']}]", "kill")
    xenv.wait_until(
        lambda: not any("Summary" in (w.get("name") or "") for w in session.windows()),
        10,
        message="the summary to close",
    )

    box, rows = _open_menu(session, pointer, icon)
    _click_row(pointer, box, rows[-1])  # "Quit"
    assert app.proc.wait(15) == 0, app.log_text()
    assert t.status()["running"] is None
    assert "Traceback" not in app.log_text(), app.log_text()
    xenv.wait_until(
        lambda: not session.registered_items(), 10, message="the item to leave the tray"
    )


def test_native_wayland_tray_click_and_menu(
    session: wayland.WaylandSession,
    pointer: wayland.VirtualPointer,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    _tray_on(session, pointer, tmp_path, artifacts_dir, "wayland", "xdg_shell")


def test_qt_picks_native_wayland_by_itself(
    session: wayland.WaylandSession,
    pointer: wayland.VirtualPointer,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    assert session.env["XDG_SESSION_TYPE"] == "wayland" and session.env.get("DISPLAY")
    _tray_on(session, pointer, tmp_path, artifacts_dir, "", "xdg_shell")


def test_xwayland_tray_click_and_menu(
    session: wayland.WaylandSession,
    pointer: wayland.VirtualPointer,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    assert session.env.get("DISPLAY"), "sway started no Xwayland"
    _tray_on(session, pointer, tmp_path, artifacts_dir, "xcb", "xwayland")


def test_compositor_idle_grows_and_the_pointer_resets_it(
    session: wayland.WaylandSession, pointer: wayland.VirtualPointer
) -> None:
    source = WaylandIdle(session.env, notify_ms=500)
    try:
        # sway 1.7 offers only KDE's protocol; ext-idle-notify-v1 would be preferred.
        assert source.available and source.name == "wayland:org_kde_kwin_idle"
        pointer.move(300, 300)
        grown = xenv.wait_until(
            lambda: (v := source.idle_seconds()) is not None and v >= 1.5 and v,
            10,
            message="the idle time to pass 1.5 s",
        )
        pointer.move(310, 310)
        after = xenv.wait_until(
            lambda: (v := source.idle_seconds()) is not None and v < grown and v + 1,
            5,
            message="the idle time to reset",
        )
        assert after - 1 == 0.0  # back below the notification timeout: present
    finally:
        source.close()
    assert source.idle_seconds() is None


def test_away_question_appears_after_the_threshold(
    session: wayland.WaylandSession,
    pointer: wayland.VirtualPointer,
    tmp_path: Path,
    artifacts_dir: Path,
) -> None:
    t = _tracker(
        session, tmp_path, QT_QPA_PLATFORM="wayland", GROWTH_TRACKER_AWAY_SECONDS=AWAY_THRESHOLD_S
    )
    out = t.cli("start", "task", "payroll", "--at", _iso(int(time.time()) - 60))
    assert out.returncode == 0, out.stderr
    pointer.move(640, 700)
    started = int(time.time())
    app = _start_app(session, t, artifacts_dir, "growth-tracker-away")
    away = xenv.wait_until(
        lambda: t.status().get("away_since"), 25, message="the CLI to report away_since"
    )
    # The compositor counts idle from when the app asked (no input came after that).
    left_at = int(dt.datetime.fromisoformat(away).timestamp())
    assert started - 1 <= left_at <= time.time()

    pointer.move(645, 705)  # back at the desk
    dialog = session.wait_for_window("Away from the desk", timeout=15)
    time.sleep(0.5)
    session.screenshot(artifacts_dir / "wayland-away-dialog.png", crop=_frame(dialog))
    # Quitting with the question open ends the block when the user left.
    app.proc.send_signal(signal.SIGTERM)
    assert app.proc.wait(15) == 0, app.log_text()
    rows = t.rows()
    assert len(rows) == 1 and rows[0][3] == left_at
    assert t.status()["running"] is None


def test_without_a_tray_host_the_app_says_so_and_keeps_working(
    tmp_path: Path, artifacts_dir: Path
) -> None:
    log_dir = artifacts_dir / "wayland-no-tray"
    with _start_session(log_dir) as bare:
        t = _tracker(bare, tmp_path, QT_QPA_PLATFORM="wayland")
        app = bare.spawn(t.argv(), name="growth-tracker", env=t.env, log_path=log_dir / "app.log")
        notice = bare.wait_for_window("Growth Tracker", timeout=45)
        time.sleep(0.5)
        notice = bare.wait_for_window("Growth Tracker")
        # Floating in the middle of the screen, not stretched over it as a tiled window.
        assert notice["type"] == "floating_con", notice["type"]
        rect = notice["rect"]
        assert rect["width"] < wayland.WIDTH * 0.8 and rect["height"] < wayland.HEIGHT * 0.8
        assert abs(rect["x"] + rect["width"] // 2 - wayland.WIDTH // 2) <= 10, rect
        bare.screenshot(artifacts_dir / "wayland-no-tray.png", crop=_frame(notice))
        assert app.alive()
        # The CLI works meanwhile, on the same data.
        out = t.cli("start", "growth", "reading")
        assert out.returncode == 0, out.stderr
        assert t.running_kind() == "growth"
        # A tray comes (the extension was enabled): the icon appears, the notice goes.
        wayland.start_waybar(bare, log_dir / "waybar.log")
        xenv.wait_until(bare.registered_items, 20, message="the item to register")
        wayland.wait_tray_icon(bare)
        xenv.wait_until(
            lambda: not any(w.get("name") == "Growth Tracker" for w in bare.windows()),
            10,
            message="the no-tray notice to close",
        )
        assert "Traceback" not in app.log_text(), app.log_text()
