"""The tray's dialogs: quick label entry (Enter starts, Esc cancels) and crash recovery."""

from __future__ import annotations

from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from i18n_support import japanese_ui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from tray_support import MORNING, TOKYO

from tracker.domain.model import Block, Kind, Source
from tracker.service import RecoveryChoice
from tracker.ui import i18n
from tracker.ui.dialogs import NoTrayWindow, QuickLabelDialog, RecoveryDialog

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The offscreen plugin cannot raise windows, grab the keyboard or propagate size hints.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def quick(qtbot: QtBot, kind: Kind = Kind.GROWTH) -> QuickLabelDialog:
    dialog = QuickLabelDialog(kind, ["RPA 勉強", "Excel マクロ", "peer review"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_quick_label_enter_starts_with_the_typed_label(qtbot: QtBot) -> None:
    dialog = quick(qtbot)
    assert dialog.windowTitle() == "Start Growth"
    assert dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.keyClicks(dialog.edit, "  kaizen idea ")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.label() == "kaizen idea"


def test_quick_label_esc_cancels(qtbot: QtBot) -> None:
    dialog = quick(qtbot)
    qtbot.keyClicks(dialog.edit, "something")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_quick_label_completes_recent_labels(qtbot: QtBot) -> None:
    dialog = quick(qtbot)
    completer = dialog.edit.completer()
    completer.setCompletionPrefix("勉強")  # contains-match, any case
    assert completer.currentCompletion() == "RPA 勉強"
    completer.setCompletionPrefix("EXCEL")
    assert completer.currentCompletion() == "Excel マクロ"
    dialog.grab().save(str(ARTIFACTS / "tray-quick-label.png"))


def recovery(qtbot: QtBot) -> RecoveryDialog:
    block = Block(7, Kind.GROWTH, "RPA 勉強", "", MORNING, None, MORNING + 2520, Source.TRAY)
    dialog = RecoveryDialog(block, MORNING + 7200, TOKYO)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_recovery_dialog_names_the_block_and_the_times(qtbot: QtBot) -> None:
    dialog = recovery(qtbot)
    assert dialog.end_seen.text() == "End at &last seen (09:42)"
    assert dialog.keep.text() == "&Keep running"
    assert dialog.end_now.text() == "End &now (11:00)"
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / "tray-recovery-dialog.png"))


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("enter", RecoveryChoice.END_AT_HEARTBEAT),
        ("escape", RecoveryChoice.END_AT_HEARTBEAT),
        ("end_seen", RecoveryChoice.END_AT_HEARTBEAT),
        ("keep", RecoveryChoice.KEEP),
        ("end_now", RecoveryChoice.END_NOW),
    ],
)
def test_recovery_dialog_choices(qtbot: QtBot, how: str, expected: RecoveryChoice) -> None:
    dialog = recovery(qtbot)
    dialog.choice = RecoveryChoice.KEEP if expected is not RecoveryChoice.KEEP else dialog.choice
    with qtbot.waitSignal(dialog.finished):
        if how == "enter":
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        elif how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            qtbot.mouseClick(getattr(dialog, how), Qt.MouseButton.LeftButton)
    assert dialog.choice is expected


def test_no_tray_window_explains_and_offers_quit(qtbot: QtBot) -> None:
    window = NoTrayWindow()
    qtbot.addWidget(window)
    window.show()
    assert "AppIndicator" in window.text.text()
    assert "gnome-shell-extension-appindicator" in window.text.text()  # what to install
    # Fixed, so a tiling compositor floats it; tall enough for all of its text.
    assert window.minimumSize() == window.maximumSize() == window.size()
    assert window.text.height() >= window.text.heightForWidth(window.text.width())
    with qtbot.waitSignal(window.quit_requested):
        qtbot.mouseClick(window.quit_button, Qt.MouseButton.LeftButton)
    window.grab().save(str(ARTIFACTS / "tray-no-tray.png"))


@pytest.mark.parametrize(
    ("kind", "hint"),
    [
        (Kind.TASK, "Enter starts a task block · Esc cancels"),
        (Kind.GROWTH, "Enter starts a growth block · Esc cancels"),
    ],
)
def test_quick_label_hint_reads_as_a_sentence(qtbot: QtBot, kind: Kind, hint: str) -> None:
    assert quick(qtbot, kind).hint.text() == hint  # no "starts Task" mid-sentence


def test_recovery_question_fits_all_three_answers(qtbot: QtBot) -> None:
    dialog = recovery(qtbot)
    text = dialog.text.text()
    assert text.endswith("\n\nWhat should happen to this block?")  # "Keep running" answers it
    assert "When did it end?" not in text


def test_recovery_dialog_in_japanese(qtbot: QtBot, qapp: QApplication) -> None:
    with japanese_ui(qapp):
        dialog = recovery(qtbot)
        texts = [dialog.text.text()] + [b.text() for b in (dialog.end_seen, dialog.end_now)]
        keep = dialog.keep.text()
        dialog.grab().save(str(ARTIFACTS / "ja-recovery-dialog.png"))
    assert i18n.plain_text(texts[0]) == (
        "Growth Tracker が正しく終了しませんでした。\n\n"
        "2023年11月15日(水)の成長ブロック「RPA 勉強」は 09:00 に始まり、"
        "最後に記録中を確認できたのは 09:42 です。\n\n"
        "このブロックをどうしますか？"
    )
    # the time inside the sentence, the mnemonic at the end (Japanese style)
    assert texts[1:] == ["最後に確認した時刻（09:42）で終了(&L)", "今の時刻（11:00）で終了(&N)"]
    assert keep == "記録を続ける(&K)"


def test_recovery_dialog_names_the_tracking_day_and_the_kind_in_lower_case(
    qtbot: QtBot,
) -> None:
    dialog = recovery(qtbot)
    assert dialog.text.text() == (
        "Growth Tracker was not closed properly.\n\n"
        "The growth block “RPA 勉強” of Wed 15 Nov 2023 started at 09:00 and was last seen "
        "running at 09:42.\n\n"
        "What should happen to this block?"
    )


def test_a_block_after_midnight_belongs_to_the_day_before(qtbot: QtBot) -> None:
    """01:30 with the day starting at 04:00 is the night of the 15th; now, two days later,
    gets its date so "End now" does not read as that night."""
    night = MORNING - 9 * 3600 + 5400 + 86400  # Thu 16 Nov 2023 01:30 Tokyo
    block = Block(8, Kind.TASK, "", "", night, None, night + 600, Source.TRAY)
    dialog = RecoveryDialog(block, night + 2 * 86400, TOKYO, day_start=4)
    qtbot.addWidget(dialog)
    assert dialog.day.isoformat() == "2023-11-15"
    assert dialog.text.text().splitlines()[2] == (
        "The task block of Wed 15 Nov 2023 started at 16 Nov 01:30 and was last seen running "
        "at 16 Nov 01:40."
    )
    assert dialog.end_seen.text() == "End at &last seen (16 Nov 01:40)"
    assert dialog.end_now.text() == "End &now (18 Nov 01:30)"
