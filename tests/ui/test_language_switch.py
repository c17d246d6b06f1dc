"""Switching the language while windows are open: each one is entirely in the new
language afterwards, never half in each (issue 12, point 7).

The switch is made as a person makes it: the Language box of the real Settings dialog,
with key presses. Every visible text of every open window (titles, labels, buttons, group
titles, combo boxes, placeholders, tooltips, table headers) is then checked: in English no
Japanese character may remain, in Japanese no English sentence or word of the UI (taken
from the .ts file) and no English month or weekday name. The data is ASCII on purpose,
so any Japanese character comes from a translation.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import tray_support  # noqa: F401  (sets QT_QPA_PLATFORM before Qt starts)
from i18n_support import TS, build_qm
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from tray_support import make_service

from tracker.domain.model import Kind, Source
from tracker.ui import i18n
from tracker.ui.app import App
from tracker.ui.dialogs import RecoveryDialog
from tracker.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WINDOWS = ("summary", "editor", "export", "settings")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
ENGLISH_DATES = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
# English that stays English in the Japanese UI: names, formats and keys.
KEPT = {"Growth Tracker", "English", "CSV", "UTF-8", "Excel", "LibreOffice", "PNG"}


def english_phrases() -> tuple[set[str], list[str]]:
    """From the .ts: whole English texts of one or two words, and longer fragments (the
    parts between placeholders with at least two words) that a Japanese text never holds."""
    words: set[str] = set()
    fragments: list[str] = []
    for msg in ET.parse(TS).getroot().iter("message"):
        source = (msg.findtext("source") or "").replace("&&", "\0").replace("&", "")
        source = source.replace("\0", "&")
        translation = msg.findtext("translation") or ""
        if not re.search("[A-Za-z]{3}", source) or source in translation:
            continue
        for part in re.split(r"\{\w*\}", source):
            part = part.strip(" .:…·()–-—“”,;\n")
            if part in KEPT or not re.search("[A-Za-z]{3}", part):
                continue
            if len(part.split()) >= 3:
                fragments.append(part)
            elif part == source.strip(" .:…·()–-—“”,;\n"):
                words.add(part)
    return words, fragments


def visible_texts(window: QWidget) -> list[str]:
    texts = [window.windowTitle()]
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisibleTo(window) and w is not window:
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QLineEdit) and not isinstance(w.parent(), QComboBox):
            texts.append(w.placeholderText())
            if isinstance(w.parent(), QDateEdit):
                texts.append(w.text())  # the date shown: its month and weekday names
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            ]
        texts.append(w.toolTip())
    return [i18n.plain_text(t).replace("&&", "&").replace("&", "") for t in texts if t]


def leftovers(app: App, language: str) -> list[str]:
    words, fragments = english_phrases()
    problems = []
    for name in WINDOWS:
        window = app.windows.open[name]
        assert window.isVisible(), name
        for text in visible_texts(window):
            if language == "en" and CJK.search(text.replace("日本語", "")):
                problems.append(f"{name}: {text!r} is Japanese")
            if language == "ja":
                stripped = text.strip(" .:…·()–-—“”,;")
                if stripped in words or any(f in text for f in fragments):
                    problems.append(f"{name}: {text!r} is English")
                elif ENGLISH_DATES.search(text):
                    problems.append(f"{name}: {text!r} has an English date")
    return problems


@pytest.fixture
def app(tmp_path: Path, qapp: QApplication) -> Iterator[App]:
    build_qm()
    service, clock = make_service(tmp_path)
    service.start(Kind.TASK, "payroll", at=clock.now() - 3600, source=Source.TRAY)
    service.start(Kind.GROWTH, "RPA study", source=Source.TRAY)
    clock.advance(900)
    i18n.install(qapp, "en")
    made = App(service)
    yield made
    made.dispose()
    made.deleteLater()
    i18n.install(qapp, "en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def choose_language(app: App, qtbot: QtBot, value: str) -> None:
    """Step the real Language box with the arrow keys until it shows ``value``."""
    dialog = app.windows.open["settings"]
    assert isinstance(dialog, SettingsDialog)
    box = dialog.language
    box.setFocus()
    key = Qt.Key.Key_Down if box.findData(value) > box.currentIndex() else Qt.Key.Key_Up
    while box.currentData() != value:
        qtbot.keyClick(box, key)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    qtbot.wait(10)


def test_every_open_window_switches_entirely(app: App, qtbot: QtBot) -> None:
    for name in WINDOWS:
        assert app.open_window(name) is not None
    summary, editor = app.windows.open["summary"], app.windows.open["editor"]
    editor.show_day(editor.model.day)  # type: ignore[attr-defined]
    # a choice made in the export dialog survives the switch
    export = app.windows.open["export"]
    days = next(r for r in export.findChildren(QRadioButton) if not r.isChecked())
    qtbot.mouseClick(days, Qt.MouseButton.LeftButton)
    assert leftovers(app, "en") == []

    choose_language(app, qtbot, "ja")
    assert i18n.language() == "ja"
    assert app.windows.open["summary"] is not summary  # built again in Japanese
    assert app.windows.open["editor"] is not editor
    assert leftovers(app, "ja") == []
    rebuilt = app.windows.open["export"]
    assert [r.isChecked() for r in rebuilt.findChildren(QRadioButton)] == [False, True]
    assert app.tray.quit_action.text() == "終了(&Q)"

    choose_language(app, qtbot, "en")
    assert i18n.language() == "en"
    assert leftovers(app, "en") == []


def test_the_rebuilt_editor_shows_the_same_day(app: App, qtbot: QtBot) -> None:
    editor = app.open_window("editor")
    assert editor is not None
    yesterday = app.service.today() - dt.timedelta(days=1)
    qtbot.mouseClick(editor.prev_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    shown = editor.model.day  # type: ignore[attr-defined]
    assert shown == yesterday
    app.open_window("settings")
    choose_language(app, qtbot, "ja")
    rebuilt = app.windows.open["editor"]
    assert rebuilt is not editor
    assert rebuilt.model.day == shown  # type: ignore[attr-defined]
    assert rebuilt.isVisible()


def test_a_window_waits_while_a_modal_question_is_open(app: App, qtbot: QtBot) -> None:
    """Never deleted under a nested event loop: rebuilt once the question is answered."""
    summary = app.open_window("summary")
    settings = app.open_window("settings")
    assert summary is not None and settings is not None
    question = QWidget(None, Qt.WindowType.Dialog)
    question.setWindowModality(Qt.WindowModality.ApplicationModal)
    question.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is question)
    choose_language(app, qtbot, "ja")
    assert app.windows.open["summary"] is summary  # not yet
    question.close()
    qtbot.waitUntil(lambda: app.windows.open["summary"] is not summary, timeout=3000)
    assert leftovers_of(app, "summary") == []


def leftovers_of(app: App, name: str) -> list[str]:
    window = app.windows.open[name]
    return [t for t in visible_texts(window) if ENGLISH_DATES.search(t)]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_one_date_style_per_language(app: App, qtbot: QtBot, language: str) -> None:
    """The summary, the editor, the export dialog and the recovery dialog write a day alike:
    "Wed 15 Nov 2023" / "2023年11月15日(水)" (the export's range without the weekday)."""
    if language == "ja":
        app.open_window("settings")
        choose_language(app, qtbot, "ja")
    today = app.service.today()
    dated = {
        name: [e.text() for e in app.open_window(name).findChildren(QDateEdit)]  # type: ignore[union-attr]
        for name in ("summary", "editor", "export")
    }
    assert dated["summary"] == [i18n.format_date(today)]
    assert dated["editor"] == [i18n.format_date(today)]
    assert set(dated["export"]) <= {i18n.format_date(d, weekday=False) for d in _month(today)}
    assert i18n.format_date(today) == (
        "2023年11月15日(水)" if language == "ja" else "Wed 15 Nov 2023"
    )
    running = app.service.running()
    assert running is not None
    dialog = RecoveryDialog(running, app.service.clock.now(), app.service.tz)
    qtbot.addWidget(dialog)
    assert i18n.format_date(today) in i18n.plain_text(dialog.text.text())


def _month(day: dt.date) -> list[dt.date]:
    first = day.replace(day=1)
    return [
        first + dt.timedelta(days=n)
        for n in range(31)
        if (first + dt.timedelta(days=n)).month == day.month
    ]


def test_qts_own_file_dialog_is_japanese(qtbot: QtBot, qapp: QApplication) -> None:
    """qtbase_ja.qm lacks "&Look in:" and "Files of &type:" (Qt 6 added the mnemonics):
    ours fills them, so no English label is left in the Japanese file dialog."""
    from i18n_support import japanese_ui
    from PySide6.QtWidgets import QFileDialog

    with japanese_ui(qapp):
        dialog = QFileDialog(None, "CSV を書き出す", str(TS.parent), "CSV (*.csv)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        qtbot.addWidget(dialog)
        dialog.resize(720, 420)
        dialog.show()
        qtbot.waitExposed(dialog)
        labels = [i18n.plain_text(w.text()) for w in dialog.findChildren(QLabel) if w.text()]
        ARTIFACTS.mkdir(exist_ok=True)
        dialog.grab().save(str(ARTIFACTS / "ja-file-dialog.png"))
    assert labels == ["場所(&L):", "ファイル名(&N):", "ファイルの種類(&T):"]
    assert not [t for t in labels if re.search("[A-Za-z]{3}", t)]
