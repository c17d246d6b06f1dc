"""The Settings dialog on a real X server (Xvfb), for people to look at.

A child process opens the dialog over a database with a few settings changed and saves
``test-artifacts/settings.png``, then makes a refused change (work hours that start and
end at the same time) and saves ``settings-message.png`` with the inline message. On
Xvfb the dialog must say that idle time can be read (the X screen-saver extension).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
import xenv

REPO_ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QTime, QTimer
    from PySide6.QtWidgets import QApplication

    from tracker.domain.clock import FakeClock
    from tracker.service import TrackerService
    from tracker.store import Store
    from tracker.ui.settings_dialog import SettingsDialog

    db, out = Path(sys.argv[1]), Path(sys.argv[2])
    service = TrackerService(Store(db), FakeClock(1_700_006_400), ZoneInfo("Asia/Tokyo"))
    for key, value in (("target", "25%"), ("remind_untracked", "20"), ("work_days", "mon-fri")):
        service.set_setting(key, value)

    app = QApplication(sys.argv[:1])
    dialog = SettingsDialog(service)
    dialog.move(40, 30)
    dialog.show()

    def shoot():
        dialog.grab().save(str(out / "settings.png"))
        dialog.work_to.setTime(QTime(9, 0))
        app.processEvents()
        dialog.grab().save(str(out / "settings-message.png"))
        text = dialog.message.text() + "\\n" + dialog.idle_info.text()
        (out / "settings-ready").write_text(text, encoding="utf-8")

    QTimer.singleShot(500, shoot)
    sys.exit(app.exec())
    """
)


@pytest.mark.e2e
def test_settings_on_xvfb(
    xserver: xenv.XServer, spawn: xenv.SpawnFn, artifacts_dir: Path, tmp_path: Path
) -> None:
    ready = artifacts_dir / "settings-ready"
    ready.unlink(missing_ok=True)
    env = dict(xserver.env)
    env.update({"PYTHONPATH": str(REPO_ROOT), "TZ": "Asia/Tokyo", "QT_QPA_PLATFORM": "xcb"})
    env.pop("GROWTH_TRACKER_DB", None)
    proc = spawn(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "tracker.db"), str(artifacts_dir)],
        name="settings",
        env=env,
    )
    xenv.wait_until(lambda: ready.exists() or not proc.alive(), timeout=30.0)
    assert proc.alive(), proc.log_text()
    message, idle = ready.read_text(encoding="utf-8").split("\n")
    ready.unlink()
    assert idle == "Idle time is read from this system (X11)."  # Xvfb has the extension
    assert message.startswith("Not saved: ") and "starts and ends at the same time" in message
    for name in ("settings.png", "settings-message.png"):
        assert (artifacts_dir / name).stat().st_size > 20_000  # a drawn window, not a blank
    assert "Traceback" not in proc.log_text()
