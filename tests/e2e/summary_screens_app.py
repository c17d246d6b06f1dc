"""Child process of test_summary_screens.py: the summary window on a real X server.

Usage: python summary_screens_app.py OUT_DIR WORK_DIR light|dark SUFFIX [en|ja]

Seeds a realistic month (Japanese labels, a running growth block) into a database in
WORK_DIR, shows the window full-screen (no window manager: it sits at 0,0), and saves a
whole-screen X screenshot of the day, week and month views as
OUT_DIR/summary-<view>SUFFIX.png (OUT_DIR/ja-summary-<view>SUFFIX.png in Japanese).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "ui")]

import summary_support as sup  # noqa: E402
import xenv  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tracker.domain.summary import RangeKind  # noqa: E402


def main(argv: list[str]) -> int:
    out, work, mode, suffix = Path(argv[1]), Path(argv[2]), argv[3], argv[4]
    lang = argv[5] if len(argv) > 5 else "en"
    app = QApplication([])
    if lang != "en":
        from tracker.ui import i18n

        i18n.install(app, lang)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work))
    app.setStyle("Fusion")
    if mode == "dark":
        app.setPalette(sup.dark_palette())  # type: ignore[arg-type]
    service, _ = sup.make_service(work, sup.SHOT_NOW)
    sup.seed_realistic(service)
    from tracker.ui.summary.window import SummaryWindow

    window = SummaryWindow(service)
    screen = app.primaryScreen().availableGeometry()
    window.setGeometry(screen)
    window.show()
    QTest.qWaitForWindowExposed(window)
    for kind in (RangeKind.DAY, RangeKind.WEEK, RangeKind.MONTH):
        window.set_range(kind)
        QTest.qWait(150)
        for canvas in window.charts._canvases.values():
            canvas.draw()
        QTest.qWait(250)
        prefix = "" if lang == "en" else f"{lang}-"
        path = out / f"{prefix}summary-{kind.value}{suffix}.png"
        xenv.screenshot(os.environ, path)
        print(path, flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
