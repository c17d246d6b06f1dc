"""The Edit blocks window on a real X server (Xvfb), with a realistic messy day.

A child process opens the window over a seeded database (Japanese labels, a block across
the day start, gaps, lunch, a running block) and saves what it draws:
``test-artifacts/editor.png`` (a gap selected) and ``editor-message.png`` (after a refused
overlapping edit, with the inline message bar), ``editor-editing.png`` (the start of the
block across the day start being edited, date shown); the test adds a whole-screen shot,
``editor-screen.png``. People look at these; the test checks the essentials.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest
import xenv

REPO_ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import datetime as dt
    import sys
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, QTimeZone
    from PySide6.QtWidgets import QApplication

    from tracker.domain.clock import FakeClock
    from tracker.domain.model import Kind, Source
    from tracker.service import TrackerService
    from tracker.store import Store
    from tracker.ui.editor.model import Column
    from tracker.ui.editor.window import EditorWindow

    db, out = Path(sys.argv[1]), Path(sys.argv[2])
    tz = ZoneInfo("Asia/Tokyo")

    def at(h, m=0):
        return int(dt.datetime(2026, 11, 27, h, m, tzinfo=tz).timestamp())

    clock = FakeClock(at(16, 40))
    service = TrackerService(Store(db), clock, tz)
    add = service.add_block
    add(Kind.TASK, at(3, 10), at(4, 40), "夜間バッチ確認")
    add(Kind.TASK, at(9), at(10, 30), "月次決算", "売掛金の消込")
    add(Kind.GROWTH, at(10, 30), at(11, 15), "RPA 勉強", "UiPath の基礎\\nセレクタの書き方")
    add(Kind.TASK, at(11, 30), at(12), "メール対応")
    add(Kind.TASK, at(13), at(14, 45), "請求書チェック（A社・B社）")
    add(Kind.GROWTH, at(14, 45), at(15, 10), "先輩に Excel マクロを教わる")
    service.start(Kind.TASK, "経費精算", at(15, 10), source=Source.TRAY)

    app = QApplication(sys.argv[:1])
    window = EditorWindow(service)
    window.resize(1040, 520)
    window.move(30, 30)
    window.show()
    window.show_day(dt.date(2026, 11, 27))

    def shoot():
        rows = window.model.rows
        lunch = next(i for i, r in enumerate(rows) if r.block is None and r.start == at(12))
        window.table.selectRow(lunch)
        window.grab().save(str(out / "editor.png"))
        row = next(i for i, r in enumerate(rows) if r.block and r.block.label.startswith("請求書"))
        wall = QDateTime(QDate(2026, 11, 27), QTime(11, 45), QTimeZone.utc())
        window.model.setData(window.model.index(row, Column.START), wall)
        app.processEvents()
        window.grab().save(str(out / "editor-message.png"))
        message = window.messages.text()
        window.messages.hide()
        window.table.setCurrentIndex(window.model.index(0, Column.START))
        window.table.edit(window.table.currentIndex())
        app.processEvents()
        window.grab().save(str(out / "editor-editing.png"))
        (out / "editor-ready").write_text(message, encoding="utf-8")

    QTimer.singleShot(500, shoot)
    sys.exit(app.exec())
    """
)


@pytest.mark.e2e
def test_editor_on_xvfb(
    xserver: xenv.XServer, spawn: xenv.SpawnFn, artifacts_dir: Path, tmp_path: Path
) -> None:
    ready = artifacts_dir / "editor-ready"
    ready.unlink(missing_ok=True)
    env = dict(xserver.env)
    env.update({"PYTHONPATH": str(REPO_ROOT), "TZ": "Asia/Tokyo", "QT_QPA_PLATFORM": "xcb"})
    env.pop("GROWTH_TRACKER_DB", None)
    proc = spawn(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "tracker.db"), str(artifacts_dir)],
        name="editor",
        env=env,
    )
    xenv.wait_until(lambda: ready.exists() or not proc.alive(), timeout=30.0)
    assert proc.alive(), proc.log_text()
    message = ready.read_text(encoding="utf-8")
    shot = xenv.screenshot(xserver.env, artifacts_dir / "editor-screen.png")
    assert "Not saved:" in message and "(Task “メール対応”, 27 Nov 2026 11:30–12:00)" in message
    for name in ("editor.png", "editor-message.png", "editor-editing.png"):
        assert (artifacts_dir / name).stat().st_size > 20_000  # a drawn window, not a blank
    assert shot.stat().st_size > 20_000
    ready.unlink()
    assert "Traceback" not in proc.log_text()
    assert os.environ.get("DISPLAY") != xserver.display  # the test's own env untouched
