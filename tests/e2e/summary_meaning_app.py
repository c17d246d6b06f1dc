"""Child process of test_summary_meaning_screens.py: the summary on a real X server.

Usage: python summary_meaning_app.py OUT_DIR WORK_DIR en|ja

Seeds a realistic month of Japanese labels with one outlier (an hour of study on Saturday
8 June = 100 %) and a dozen routine labels, shows the window full-screen and saves
OUT_DIR/summary-meaning-{week,month}-LANG.png; then, on an empty database,
OUT_DIR/summary-first-run-LANG.png. Prints each path.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "ui")]

import summary_support as sup  # noqa: E402
import xenv  # noqa: E402
from i18n_support import build_qm  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tracker.domain.model import Kind  # noqa: E402
from tracker.domain.summary import RangeKind  # noqa: E402
from tracker.ui import i18n  # noqa: E402

ROUTINE = ("勤怠締め", "入金消込", "支払処理", "社会保険手続き", "備品発注", "契約書の押印")


def show(app: QApplication, service: object) -> object:
    from tracker.ui.summary.window import SummaryWindow

    window = SummaryWindow(service)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    QTest.qWaitForWindowExposed(window)
    return window


def shoot(window: object, path: Path) -> None:
    QTest.qWait(150)
    for canvas in window.charts._canvases.values():  # type: ignore[attr-defined]
        canvas.draw()
    QTest.qWait(250)
    xenv.screenshot(os.environ, path)
    print(path, flush=True)


def main(argv: list[str]) -> int:
    out, work, lang = Path(argv[1]), Path(argv[2]), argv[3]
    app = QApplication([])
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work))
    app.setStyle("Fusion")
    if lang == "ja":
        build_qm()
    i18n.install(app, lang)
    service, _ = sup.make_service(work, sup.SHOT_NOW)
    sup.seed_realistic(service)
    tz = service.tz
    study = sup.local(tz, 2024, 6, 8, 10)
    service.add_block(Kind.GROWTH, study, study + 3600, "簿記2級")
    evening = sup.local(tz, 2024, 6, 11, 20, 30)
    for n, label in enumerate(ROUTINE):
        service.add_block(Kind.TASK, evening + n * 900, evening + n * 900 + 600 + n * 60, label)
    window = show(app, service)
    for kind in (RangeKind.WEEK, RangeKind.MONTH):
        window.set_range(kind)  # type: ignore[attr-defined]
        # the week of 3–9 June holds the outlier Saturday; the month is June up to today
        window.show_day(dt.date(2024, 6, 7))  # type: ignore[attr-defined]
        shoot(window, out / f"summary-meaning-{kind.value}-{lang}.png")
    window.close()  # type: ignore[attr-defined]
    (work / "empty").mkdir()
    empty, _ = sup.make_service(work / "empty", sup.SHOT_NOW)
    window = show(app, empty)
    shoot(window, out / f"summary-first-run-{lang}.png")
    window.close()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
