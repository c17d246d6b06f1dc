"""Smoke test of the e2e X infrastructure with a throw-away PySide6 tray app.

Proves that Xvfb + trayer + xdotool work together: a real QSystemTrayIcon
docks into trayer via XEMBED, a left click reaches it as ``Trigger``, a right
click opens its context menu (screenshot saved to
``test-artifacts/e2e-smoke-menu.png``), Escape closes the menu, and clicking
the menu item triggers its action.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
import xenv

TRAY_APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

    events = Path(sys.argv[1])


    def record(word):
        with events.open("a", encoding="utf-8") as fh:
            fh.write(word + "\\n")


    def on_activated(reason):
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            record("click")


    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#e53935"))
    painter.drawEllipse(4, 4, 56, 56)
    painter.end()

    tray = QSystemTrayIcon(QIcon(pixmap))
    tray.setToolTip("xenv smoke")
    menu = QMenu()
    menu.addAction("Smoke action").triggered.connect(lambda: record("action"))
    tray.setContextMenu(menu)
    tray.activated.connect(on_activated)
    tray.show()
    record("ready")
    sys.exit(app.exec())
    """
)

ICON_RGB = (0xE5, 0x39, 0x35)


def _events(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return []


def _rgb(hex6: str) -> tuple[int, int, int]:
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def _close(a: tuple[int, int, int], b: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


@pytest.mark.e2e
def test_tray_icon_click_and_context_menu(
    xserver: xenv.XServer,
    tray_host: xenv.TrayHost,
    spawn: xenv.SpawnFn,
    artifacts_dir: Path,
    tmp_path: Path,
) -> None:
    env = xserver.env
    script = tmp_path / "smoke_tray.py"
    script.write_text(TRAY_APP, encoding="utf-8")
    events = tmp_path / "events.txt"
    app = spawn([sys.executable, str(script), str(events)], name="smoke-tray")

    # The icon docks into trayer's panel at the top-right corner.
    icon = xenv.find_tray_icon_window(env, timeout=20, pid=app.pid)
    panel = xenv.window_geometry(env, tray_host.panel_wid)
    assert panel.contains(*icon.center), (icon, panel)
    assert icon.x > xserver.width - 200, icon
    assert icon.y < 40, icon
    assert "ready" in _events(events)

    # The painted icon is really on screen (red at its center).
    shot = tmp_path / "tray.png"

    def icon_painted() -> bool:
        xenv.screenshot(env, shot)
        return _close(_rgb(xenv.pixel_hex(shot, *icon.center)), ICON_RGB)

    xenv.wait_until(icon_painted, 10, interval=0.1, message="the red tray icon to be painted")

    # Left click -> QSystemTrayIcon.activated(Trigger).
    xenv.click_window_center(env, icon.wid, button=1)
    xenv.wait_until(lambda: "click" in _events(events), 10, message="'click' in the events file")

    # Right click -> context menu (a separate popup window of the same pid).
    xenv.click_window_center(env, icon.wid, button=3)
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=10)
    assert menu.width > 40 and menu.height > 10, menu
    assert menu.x >= 0 and menu.x + menu.width <= xserver.width, menu
    assert menu.y < 200, menu

    menu_png = xenv.screenshot(env, artifacts_dir / "e2e-smoke-menu.png")
    zoom_box = (xserver.width - 320, 0, 320, 120)
    xenv.screenshot(env, artifacts_dir / "e2e-smoke-menu-zoom.png", crop=zoom_box, scale=3)
    assert menu_png.stat().st_size > 0
    # Inside the menu the colours are not the black root or the red icon.
    menu_rgb = _rgb(xenv.pixel_hex(menu_png, menu.x + 4, menu.y + menu.height // 2))
    assert not _close(menu_rgb, (0, 0, 0), 10) and not _close(menu_rgb, ICON_RGB), menu_rgb

    # Escape closes the menu.
    xenv.key(env, "Escape")
    xenv.wait_until(
        lambda: menu.wid not in xenv.find_windows(env, pid=app.pid),
        10,
        message="the context menu to close",
    )

    # Re-open and click the action.
    xenv.click_window_center(env, icon.wid, button=3)
    menu = xenv.wait_for_window(env, pid=app.pid, exclude=[icon.wid], timeout=10)
    xenv.click_window_center(env, menu.wid, button=1)
    xenv.wait_until(lambda: "action" in _events(events), 10, message="'action' in the events")
    assert _events(events).count("click") == 1, _events(events)

    assert app.alive(), app.log_text()
    app.stop()
    xenv.wait_until(
        lambda: not xenv.find_tray_icon_windows(env, pid=app.pid),
        10,
        message="the icon to leave the tray",
    )


@pytest.mark.e2e
def test_parallel_servers_get_distinct_displays(xserver: xenv.XServer) -> None:
    second = xenv.start_xvfb(session_bus=False)
    try:
        assert second.display != xserver.display
        assert second.env["DISPLAY"] == second.display
        assert second.env["QT_QPA_PLATFORM"] == "xcb"
        number = second.display.lstrip(":")
        assert Path(f"/tmp/.X11-unix/X{number}").exists()
        assert Path(second.env["XDG_RUNTIME_DIR"]).stat().st_mode & 0o777 == 0o700
    finally:
        second.stop()
    assert not second.process.alive()
    assert not Path(f"/tmp/.X{number}-lock").exists()
    assert not second.runtime_dir.exists()


def test_wait_until_is_bounded() -> None:
    with pytest.raises(xenv.XEnvError, match="timed out"):
        xenv.wait_until(lambda: False, 0.2, message="never")
    assert xenv.wait_until(lambda: 42, 0.2) == 42
