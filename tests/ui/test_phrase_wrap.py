"""Japanese lines break between phrases (文節), never inside a word (取得しま／す).

The labels are laid out as QLabel lays them out (QTextLayout, the label's font, its
width, wrapping at word boundaries or anywhere), at a narrow width, and every line must
start where a phrase starts. The same text without the phrase marks breaks inside words
at that width, so the check can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from i18n_support import japanese_ui
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from tray_support import MORNING, TOKYO, make_service

from tracker.domain.model import Block, Kind, Source
from tracker.ui import i18n
from tracker.ui.dialogs import RecoveryDialog
from tracker.ui.settings_dialog import SettingsDialog

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
        text = label.text()
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
        text = label.text()
        assert i18n.plain_text(text) == "無操作時間はこのシステム（X11）から取得します。"
        for width in range(80, 260, 20):
            assert breaks_inside_phrases(label, text, width) == [], width
    service.store.close()


def test_english_is_left_alone() -> None:
    assert i18n.language() == "en"
    assert i18n.phrase_wrap("Growth Tracker was not closed properly.") == (
        "Growth Tracker was not closed properly."
    )
