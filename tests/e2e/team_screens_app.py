"""Child process of test_team_screens.py: the team window, Settings → Team and its preview
over a realistic three-person team folder, in one language, saved as PNGs.

``python team_screens_app.py LANG DB OUT``. This PC is 佐藤 花子 (her file carries this
database's person id); 鈴木 一郎 and 高橋 美咲 (stale) wrote theirs elsewhere. Writes
``OUT/team-LANG-ready`` with the texts the test checks once every picture is saved.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "ui"))

import team_support as ts  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tracker.domain.clock import FakeClock  # noqa: E402
from tracker.domain.model import Kind  # noqa: E402
from tracker.io.teamfiles import write_share  # noqa: E402
from tracker.service import TrackerService  # noqa: E402
from tracker.store import Store  # noqa: E402
from tracker.ui import i18n  # noqa: E402

TOKYO = ZoneInfo("Asia/Tokyo")


def main() -> int:
    lang, db, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    evening = dt.datetime.combine(dt.datetime.now(TOKYO).date(), dt.time(18, 0), TOKYO)
    service = TrackerService(Store(db), FakeClock(int(evening.timestamp())), TOKYO)
    share = db.parent / "チーム共有"
    share.mkdir(exist_ok=True)
    today = service.today()
    for f in ts.files(today):
        if f.person != ts.SATO:  # 佐藤's own file is written by this PC (team_share below)
            write_share(share, f)
    service.set_setting("team_folder", str(share))
    service.set_setting("team_name", "佐藤 花子")
    service.set_setting("language", lang)
    # 佐藤's own weeks, as she tracked them on this PC: her shared days plus a private label
    for day in ts.share_file(ts.SATO, today).days:
        if day.day < today - dt.timedelta(days=34):
            continue
        start = int(dt.datetime.combine(day.day, dt.time(9, 0), TOKYO).timestamp())
        labelled = [(Kind.TASK, k, v) for k, v in day.task.items()]
        labelled += [(Kind.GROWTH, k, v) for k, v in day.growth.items()]
        labelled.append((Kind.TASK, "", day.task_s - sum(day.task.values())))
        if day.day.weekday() == 2:
            labelled.append((Kind.GROWTH, "転職の準備", 1500))  # private: never shared
        for kind, label, seconds in labelled:
            service.add_block(kind, start, start + seconds, label)
            start += seconds
    service.team_set_private("転職の準備", True)
    service.team_set_alias("請求書確認", "請求書チェック")
    service.team_share()

    app = QApplication(sys.argv[:1])
    i18n.install(app, lang)
    from tracker.ui.team.settings import TeamSettingsDialog
    from tracker.ui.team.window import TeamWindow

    window = TeamWindow(service)
    window.move(10, 10)
    window.show()
    page = TeamSettingsDialog(service)
    texts: list[str] = []

    def shoot_window() -> None:
        rows = window.learning.rowCount()
        window.learning.setCurrentCell(0, 0)  # who to ask about the first topic
        window.grab().save(str(out / f"team-window-{lang}.png"))
        texts.extend([window.headline.text(), window.who.text(), window.what_if.text()])
        texts.append(str(rows))
        window.hide()
        page.move(10, 10)
        page.show()
        QTimer.singleShot(600, shoot_page)

    def shoot_page() -> None:
        page.grab().save(str(out / f"team-settings-{lang}.png"))
        preview = page.show_preview(asking=True)
        assert preview is not None
        preview.move(10, 10)
        QTimer.singleShot(600, lambda: shoot_preview(preview))

    def shoot_preview(preview: object) -> None:
        preview.grab().save(str(out / f"team-preview-{lang}.png"))  # type: ignore[attr-defined]
        texts.append(preview.intro.text())  # type: ignore[attr-defined]
        (out / f"team-{lang}-ready").write_text("\n".join(texts), encoding="utf-8")
        app.quit()

    window.view_shown.connect(lambda: QTimer.singleShot(1500, shoot_window))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
