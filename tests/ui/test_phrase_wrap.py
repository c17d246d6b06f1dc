"""Japanese lines break between phrases (文節), never inside a word (取得しま／す).

The labels are laid out as QLabel lays them out (QTextLayout, the label's font, its
width, wrapping at word boundaries or anywhere), at a narrow width, and every line must
start where a phrase starts. The same text without the phrase marks breaks inside words
at that width, so the check can fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import summary_support as sup
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from i18n_support import japanese_ui
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QTextLayout, QTextOption
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from tray_support import MORNING, TOKYO, make_service

from tracker.domain.model import Block, Kind, Source, ValidationError
from tracker.domain.summary import RangeKind
from tracker.service import TrackerService
from tracker.ui import i18n
from tracker.ui.away import AwayDialog
from tracker.ui.dialogs import RecoveryDialog
from tracker.ui.editor.window import EditorWindow
from tracker.ui.error_text import describe
from tracker.ui.export_dialog import ExportDialog
from tracker.ui.import_dialog import ImportDialog
from tracker.ui.settings_dialog import SettingsDialog
from tracker.ui.summary.window import SummaryWindow
from tracker.ui.wrap_label import WrapLabel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def line_starts(label: QLabel, text: str, width: int) -> list[int]:
    """Where each line starts, as offsets into ``text`` without the phrase marks."""
    starts: list[int] = []
    offset = 0
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            starts.append(offset + len(i18n.plain_text(paragraph[: line.textStart()])))
        layout.endLayout()
        offset += len(i18n.plain_text(paragraph)) + 1
    return starts


def phrase_starts(plain: str) -> set[int]:
    starts, offset = set(), 0
    for paragraph in plain.split("\n"):
        for phrase in i18n.phrases(paragraph):
            starts.add(offset)
            offset += len(phrase)
        starts.add(offset)
        offset += 1
    return starts


def breaks_inside_phrases(label: QLabel, text: str, width: int) -> list[str]:
    plain = i18n.plain_text(text)
    bounds = phrase_starts(plain)
    return [
        f"…{plain[max(0, s - 4) : s]}／{plain[s : s + 4]}…"
        for s in line_starts(label, text, width)
        if s not in bounds and plain[s - 1 : s] != " "
    ]


def test_the_recovery_dialog_breaks_between_phrases(qtbot: QtBot, qapp: QApplication) -> None:
    block = Block(7, Kind.GROWTH, "RPA 勉強", "", MORNING, None, MORNING + 2520, Source.TRAY)
    with japanese_ui(qapp):
        dialog = RecoveryDialog(block, MORNING + 7200, TOKYO)
        qtbot.addWidget(dialog)
        label = dialog.text
        text = label.wrapped_text()
        raw = i18n.plain_text(text)
        assert text != raw  # the marks are there ...
        assert label.wordWrap()
        for width in (120, 160, 200, 260):
            assert breaks_inside_phrases(label, text, width) == [], width
        # ... and needed: Qt alone breaks this text inside words at these widths
        assert any(breaks_inside_phrases(label, raw, w) for w in (120, 160, 200, 260))


def test_the_settings_idle_line_breaks_between_phrases(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """無操作時間はこのシステム（X11）から取得します。 — never 取得しま／す."""

    class X11:
        name, available, reason = "x11", True, ""

        def close(self) -> None:
            pass

    service, _ = make_service(tmp_path)
    with japanese_ui(qapp):
        dialog = SettingsDialog(service, idle_source=X11())
        qtbot.addWidget(dialog)
        label = dialog.idle_info
        text = label.wrapped_text()
        assert i18n.plain_text(text) == "無操作時間はこのシステム（X11）から取得します。"
        for width in range(80, 260, 20):
            assert breaks_inside_phrases(label, text, width) == [], width
    service.store.close()


def test_english_is_left_alone() -> None:
    assert i18n.language() == "en"
    assert i18n.phrase_wrap("Growth Tracker was not closed properly.") == (
        "Growth Tracker was not closed properly."
    )


# -- every window: each wrapped label with Japanese text ---------------------------------


def shown_text(label: QLabel) -> str:
    """What Qt lays out (a ``WrapLabel`` hands back its text without the marks)."""
    return label.wrapped_text() if isinstance(label, WrapLabel) else label.text()


def japanese_breaks(window: QWidget) -> dict[str, list[str]]:
    """Each visible, word-wrapping Japanese label of ``window`` laid out at its own width
    and at a few narrower ones (never narrower than its longest phrase, which must break
    somewhere): where a line starts inside a phrase. Also proves the labels were seen."""
    found: dict[str, list[str]] = {}
    for label in window.findChildren(QLabel):
        text = shown_text(label)
        plain = i18n.plain_text(text)
        if not (label.wordWrap() and label.isVisibleTo(window)) or not JAPANESE.search(plain):
            continue
        metrics = QFontMetrics(label.font())
        longest = max(
            metrics.horizontalAdvance(p)
            for line in plain.split("\n")
            for p in i18n.phrases(line) or [""]
        )
        widths = [w for w in (label.contentsRect().width(), 200, 280, 360) if w >= longest]
        found[plain] = [b for w in widths for b in breaks_inside_phrases(label, text, w)]
    return found


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def assert_no_word_breaks(window: QWidget, *expected: str) -> None:
    window.show()
    QApplication.processEvents()
    found = japanese_breaks(window)
    for part in expected:  # the labels meant are among those checked
        assert any(part in k for k in found), (part, list(found))
    assert {k: v for k, v in found.items() if v} == {}


@pytest.fixture
def summary_service(tmp_path: Path) -> Iterator[TrackerService]:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    sup.seed_realistic(service)
    yield service
    service.store.close()


def test_the_summary_breaks_between_phrases(
    qtbot: QtBot, qapp: QApplication, summary_service: TrackerService
) -> None:
    """「4日中3日達成」, the streak card, the hotspot hint: never 4日中3／日達成."""
    with japanese_ui(qapp):
        window = SummaryWindow(summary_service)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.set_range(RangeKind.WEEK)
        assert_no_word_breaks(window, "日中", "日達成", "自動化を検討")


def test_the_first_run_banner_breaks_between_phrases(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    service, _ = sup.make_service(tmp_path, sup.SHOT_NOW)
    with japanese_ui(qapp):
        window = SummaryWindow(service)
        qtbot.addWidget(window)
        window.resize(900, 700)
        assert_no_word_breaks(window, "まだ何も記録されていません")
    service.store.close()


def test_the_editor_hints_and_messages_break_between_phrases(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """Ctrl+Y: やり直し stays on one line; so does every phrase of the message bar."""
    service, _ = make_service(tmp_path)
    with japanese_ui(qapp):
        window = EditorWindow(service)
        qtbot.addWidget(window)
        window.resize(760, 500)
        window.messages.show_message(
            describe(
                ValidationError("x", code="end_in_future", params={"end": MORNING + 3600}),
                service.tz,
            )
        )
        assert_no_word_breaks(window, "Ctrl+Y: やり直し", window.messages.text())
    service.store.close()


def test_the_dialogs_break_between_phrases(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    service, _ = make_service(tmp_path)
    with japanese_ui(qapp):
        importer = ImportDialog(service)
        qtbot.addWidget(importer)
        importer._say(
            describe(
                ValidationError("x", code="end_in_future", params={"end": MORNING + 3600}),
                service.tz,
            )
        )
        assert_no_word_breaks(importer, "表計算ソフト", importer.status.text())
        exporter = ExportDialog(service)
        qtbot.addWidget(exporter)
        exporter.status.setText(
            exporter.tr("Exported {0} rows to {1}").format(12, tmp_path / "a.csv")
        )
        assert_no_word_breaks(exporter, "エクスポートしました")
        away = AwayDialog(
            QCoreApplication.translate("AwayMonitor", "You were away {0}–{1} ({2} min)").format(
                "09:00", "09:42", 42
            )
        )
        qtbot.addWidget(away)
        assert_no_word_breaks(away, "離席していました")
    service.store.close()


MARKS = re.compile("[\u2060\u200b\u00a0]")


def test_copied_text_has_no_phrase_marks(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    """Ctrl+C in a selectable message copies it as it reads, without the invisible marks."""
    service, _ = make_service(tmp_path)
    clipboard = QGuiApplication.clipboard()
    with japanese_ui(qapp):
        window = EditorWindow(service)
        qtbot.addWidget(window)
        window.show()
        message = describe(
            ValidationError("x", code="end_in_future", params={"end": MORNING + 3600}), TOKYO
        )
        window.messages.show_message(message)
        label = window.messages.label
        assert MARKS.search(label.wrapped_text())  # what Qt lays out has them
        label.setFocus()
        label.setSelection(0, len(label.wrapped_text()))
        QTest.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert clipboard.text() == message and not MARKS.search(clipboard.text())

    service.store.close()


def test_a_copied_summary_has_no_phrase_marks(
    qtbot: QtBot, qapp: QApplication, summary_service: TrackerService
) -> None:
    with japanese_ui(qapp):
        window = SummaryWindow(summary_service)
        qtbot.addWidget(window)
        window.show()
        qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
        copied = QGuiApplication.clipboard().text()
        assert "成長" in copied and not MARKS.search(copied)
