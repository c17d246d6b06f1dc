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

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tracker.domain.clock import FakeClock
    from tracker.domain.model import Kind, Source
    from tracker.service import TrackerService
    from tracker.store import Store
    from tracker.ui import i18n
    from tracker.ui.editor.dialogs import SplitDialog
    from tracker.ui.editor.model import Column
    from tracker.ui.editor.window import EditorWindow

    db, out, language = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    prefix = "" if language == "en" else language + "-"
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
    i18n.install(app, language)
    window = EditorWindow(service)
    window.resize(1040, 520)
    window.move(30, 30)
    window.show()
    window.activateWindow()  # no window manager: ask for the keyboard ourselves
    window.show_day(dt.date(2026, 11, 27))

    def shoot():
        rows = window.model.rows
        lunch = next(i for i, r in enumerate(rows) if r.block is None and r.start == at(12))
        window.table.selectRow(lunch)
        window.grab().save(str(out / f"{prefix}editor.png"))
        row = next(i for i, r in enumerate(rows) if r.block and r.block.label.startswith("請求書"))
        window.model.setData(window.model.index(row, Column.START), "11:45")
        app.processEvents()
        window.grab().save(str(out / f"{prefix}editor-message.png"))
        message = window.messages.text()
        window.messages.hide()
        window.table.setCurrentIndex(window.model.index(0, Column.START))
        window.table.edit(window.table.currentIndex())
        app.processEvents()
        editor = window.table.indexWidget(window.table.currentIndex())
        shown = f"{editor.text()}|{editor.selectedText()}"
        window.grab().save(str(out / f"{prefix}editor-editing.png"))
        QTest.keyClick(editor, Qt.Key.Key_Escape)
        app.processEvents()
        month_end = next(i for i, r in enumerate(rows) if r.block and r.block.label == "月次決算")
        window.table.setCurrentIndex(window.model.index(month_end, Column.END))
        window.table.setFocus()
        for char in "10:45":
            QTest.keyClicks(QApplication.focusWidget(), char)
        app.processEvents()
        window.grab().save(str(out / f"{prefix}editor-typing.png"))
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        block = rows[month_end].block
        split = lambda at: service.split_block(block.id, at)  # noqa: E731
        dialog = SplitDialog(block, clock.now(), tz, window.model.day, 4, split)
        dialog.show()
        dialog.entry.setText("08:15")
        dialog.accept()  # outside the block: the dialog says so and stays
        app.processEvents()
        dialog.grab().save(str(out / f"{prefix}editor-split.png"))
        split_error = dialog.error.shown()
        dialog.reject()
        (out / f"{prefix}editor-ready").write_text(
            "\\n".join([message, shown, split_error]), encoding="utf-8"
        )

    QTimer.singleShot(500, shoot)
    sys.exit(app.exec())
    """
)


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["en", "ja"])
def test_editor_on_xvfb(
    xserver: xenv.XServer,
    spawn: xenv.SpawnFn,
    artifacts_dir: Path,
    tmp_path: Path,
    language: str,
) -> None:
    prefix = "" if language == "en" else "ja-"
    ready = artifacts_dir / f"{prefix}editor-ready"
    ready.unlink(missing_ok=True)
    env = dict(xserver.env)
    env.update({"PYTHONPATH": str(REPO_ROOT), "TZ": "Asia/Tokyo", "QT_QPA_PLATFORM": "xcb"})
    env.pop("GROWTH_TRACKER_DB", None)
    proc = spawn(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "tracker.db"), str(artifacts_dir), language],
        name=f"editor-{language}",
        env=env,
    )
    xenv.wait_until(lambda: ready.exists() or not proc.alive(), timeout=30.0)
    assert proc.alive(), proc.log_text()
    message, shown, split_error = ready.read_text(encoding="utf-8").split("\n")
    shot = xenv.screenshot(xserver.env, artifacts_dir / f"{prefix}editor-screen.png")
    if language == "en":
        assert "Not saved:" in message and "(Task “メール対応”, 27 Nov 2026 11:30–12:00)" in message
        assert "08:15 is not inside the block (Task “月次決算”" in split_error
    else:
        assert message.startswith("保存されませんでした"), message
        assert "メール対応" in message and "月次決算" in split_error
    assert shown == "11-27 03:10|03:10"  # the cell's own value, its time selected
    for name in ("editor", "editor-message", "editor-editing", "editor-typing"):
        assert (artifacts_dir / f"{prefix}{name}.png").stat().st_size > 20_000  # drawn
    assert (artifacts_dir / f"{prefix}editor-split.png").stat().st_size > 3_000
    assert shot.stat().st_size > 20_000
    ready.unlink()
    assert "Traceback" not in proc.log_text()
    assert os.environ.get("DISPLAY") != xserver.display  # the test's own env untouched
