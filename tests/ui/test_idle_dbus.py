"""The Wayland (D-Bus) idle source against fake desktop services on a private session bus.

A private ``dbus-daemon`` runs for the module; a small PySide6 process plays GNOME's
``org.gnome.Mutter.IdleMonitor`` or KDE/Xfce's ``org.freedesktop.ScreenSaver``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtDBus import QDBusConnection

from tracker.platform.idle import Unavailable
from tracker.ui import idle_dbus
from tracker.ui.idle_dbus import DBusIdle, idle_methods

SERVICE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    @ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
    class Mutter(QObject):
        @Slot(result="qulonglong")
        def GetIdletime(self):
            return 42_000  # milliseconds

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
    class ScreenSaver(QObject):
        @Slot(result="uint")
        def GetSessionIdleTime(self):
            return 75  # seconds (the spec)

        @Slot(result=bool)
        def GetActive(self):
            return True

    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    export = QDBusConnection.RegisterOption.ExportAllSlots
    if sys.argv[1] == "mutter":
        name = "org.gnome.Mutter.IdleMonitor"
        obj, path = Mutter(), "/org/gnome/Mutter/IdleMonitor/Core"
    else:
        name = "org.freedesktop.ScreenSaver"
        obj, path = ScreenSaver(), "/org/freedesktop/ScreenSaver"
    assert bus.registerObject(path, obj, export)
    assert bus.registerService(name)
    print("ready", flush=True)
    app.exec()
    """
)


@pytest.fixture(scope="module")
def bus_address() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(5)


def fake_service(tmp_path: Path, address: str, kind: str) -> subprocess.Popen[str]:
    script = tmp_path / "fake_desktop.py"
    script.write_text(SERVICE)
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, str(script), kind], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def connect(address: str, name: str) -> QDBusConnection:
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected()
    return bus


def test_gnome_idle_monitor_in_milliseconds(qapp: Any, tmp_path: Path, bus_address: str) -> None:
    proc = fake_service(tmp_path, bus_address, "mutter")
    try:
        source = DBusIdle(connect(bus_address, "mutter-test"))
        assert source.name == "dbus:org.gnome.Mutter.IdleMonitor"
        assert source.idle_seconds() == pytest.approx(42.0)
        assert source.locked() is None  # no screen saver on this bus
    finally:
        proc.terminate()
        proc.wait(5)


def test_freedesktop_screensaver_and_lock(qapp: Any, tmp_path: Path, bus_address: str) -> None:
    proc = fake_service(tmp_path, bus_address, "screensaver")
    try:
        source = DBusIdle(connect(bus_address, "ss-test"), idle_methods(desktop="XFCE"))
        assert source.idle_seconds() == pytest.approx(75.0)
        assert source.locked() is True
        kde = DBusIdle(connect(bus_address, "kde-test"), idle_methods(desktop="KDE"))
        assert kde.idle_seconds() == pytest.approx(0.075)  # KDE answers in milliseconds
        proc.terminate()
        proc.wait(5)
        time.sleep(0.1)
        assert source.idle_seconds() is None  # the desktop went away: unknown, no error
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(5)


def test_nothing_answers_is_unavailable_with_reason(
    qapp: Any, bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bus = connect(bus_address, "empty-test")
    with pytest.raises(OSError, match="neither"):
        DBusIdle(bus)
    monkeypatch.setattr(idle_dbus, "DBusIdle", lambda: DBusIdle(bus))
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)  # and no compositor to ask
    source = idle_dbus.default_idle_source()
    assert isinstance(source, Unavailable)
    assert source.code == "idle_wayland_none"
    assert "org.gnome.Mutter.IdleMonitor" in source.reason
    assert "WAYLAND_DISPLAY is not set" in source.reason


def test_the_away_monitor_reads_dbus_idle_time_off_the_gui_thread(
    qapp: Any, qtbot: Any, tmp_path: Path, bus_address: str
) -> None:
    """The D-Bus calls block (500 ms timeout each): the monitor asks them on a thread of
    its own, the GUI thread's timers keep firing, and the sample comes back to it."""
    import threading

    from PySide6.QtCore import QTimer

    from tests.ui.tray_support import make_service
    from tracker.domain.model import Kind
    from tracker.ui.away import AwayMonitor

    proc = fake_service(tmp_path, bus_address, "mutter")
    service, _clock = make_service(tmp_path)
    threads: list[threading.Thread] = []

    class Recorded(DBusIdle):
        def idle_seconds(self) -> float | None:
            threads.append(threading.current_thread())
            time.sleep(0.3)  # a desktop slow to answer
            return super().idle_seconds()

    monitor = None
    try:
        source = Recorded(connect(bus_address, "away-test"))
        monitor = AwayMonitor(service, idle_source=source)
        service.start(Kind.TASK, "payroll")
        monitor.start()
        answers: list[tuple[float | None, bool | None]] = []
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start(20)
        monitor.read_idle(lambda idle, locked: answers.append((idle, locked)))
        assert answers == []  # not answered inside the call: the GUI thread goes on
        qtbot.waitUntil(lambda: answers != [], timeout=5000)
        timer.stop()
        assert answers == [(pytest.approx(42.0), None)]
        assert threads and threads[0] is not threading.main_thread()
        assert len(ticks) >= 5  # the GUI thread's timer fired during the 0.3 s call
    finally:
        if monitor is not None:
            monitor.shutdown()
        service.close()
        proc.terminate()
        proc.wait(5)


class _SlowDesktop:
    """Patches ``DBusIdle`` so that finding the source takes 0.3 s (a desktop slow to
    answer) on the private bus, recording the thread it ran on; a Wayland session."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, bus: QDBusConnection) -> None:
        import threading

        self.threads: list[threading.Thread] = []
        outer = self

        class Slow(DBusIdle):
            def __init__(self) -> None:
                outer.threads.append(threading.current_thread())
                time.sleep(0.3)
                super().__init__(bus)

        self.cls = Slow
        monkeypatch.setattr(idle_dbus, "DBusIdle", Slow)
        monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")

    def off_the_gui_thread(self) -> bool:
        import threading

        return bool(self.threads) and self.threads[0] is not threading.main_thread()


def _ticking() -> tuple[Any, list[float]]:
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    return timer, ticks


def test_the_away_monitor_finds_the_dbus_source_off_the_gui_thread(
    qapp: Any, qtbot: Any, tmp_path: Path, bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which desktop service answers is asked with blocking calls (500 ms timeout each):
    the away monitor (made a second after start) asks on a worker thread; a read asked
    for meanwhile is answered once the source is found."""
    from tests.ui.tray_support import make_service
    from tracker.domain.model import Kind
    from tracker.ui.away import AwayMonitor

    proc = fake_service(tmp_path, bus_address, "mutter")
    desktop = _SlowDesktop(monkeypatch, connect(bus_address, "probe-away"))
    service, _clock = make_service(tmp_path)
    monitor = None
    try:
        timer, ticks = _ticking()
        made = time.monotonic()
        monitor = AwayMonitor(service)
        assert time.monotonic() - made < 0.2  # not waiting for the desktop
        assert monitor.idle_source is None
        service.start(Kind.TASK, "payroll")
        monitor.start()
        answers: list[tuple[float | None, bool | None]] = []
        monitor.read_idle(lambda idle, locked: answers.append((idle, locked)))
        qtbot.waitUntil(lambda: answers != [], timeout=5000)
        timer.stop()
        assert isinstance(monitor.idle_source, desktop.cls)
        assert answers == [(pytest.approx(42.0), None)]
        assert desktop.off_the_gui_thread()
        assert len(ticks) >= 5  # the GUI thread's timer fired during the 0.3 s search
    finally:
        if monitor is not None:
            monitor.shutdown()
        service.close()
        proc.terminate()
        proc.wait(5)


def test_the_settings_dialog_finds_the_dbus_source_off_the_gui_thread(
    qapp: Any, qtbot: Any, tmp_path: Path, bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.tray_support import make_service
    from tracker.ui.settings_dialog import SettingsDialog

    proc = fake_service(tmp_path, bus_address, "mutter")
    desktop = _SlowDesktop(monkeypatch, connect(bus_address, "probe-settings"))
    service, _clock = make_service(tmp_path)
    try:
        timer, ticks = _ticking()
        made = time.monotonic()
        dialog = SettingsDialog(service)
        qtbot.addWidget(dialog)
        assert time.monotonic() - made < 0.2  # opens at once
        assert dialog.idle_info.text() == "Checking how idle time can be read here…"
        qtbot.waitUntil(lambda: "read from this system" in dialog.idle_info.text(), timeout=5000)
        timer.stop()
        assert dialog.idle_info.text().startswith("Idle time is read from this system (")
        assert desktop.off_the_gui_thread()
        assert len(ticks) >= 5
    finally:
        service.close()
        proc.terminate()
        proc.wait(5)
