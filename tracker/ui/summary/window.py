"""The end-of-day summary window: figures, charts, routine hotspots and the reflection note.

The window is thin: ``service.summary_data(day, range)`` computes everything, the parts
(navigator, figure cards, chart panel, hotspots model, note editor) only render it. The
charts load matplotlib the first time the window is shown, not when it is created.
Contract with the app: ``SummaryWindow(service)``, ``show_day(day)``, ``refresh()``,
signals ``edit_requested(date)`` and ``export_requested()``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.model import TrackerError
from tracker.domain.summary import RangeKind, SummaryData
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE
from tracker.ui.error_text import describe
from tracker.ui.summary.charts import ChartsPanel
from tracker.ui.summary.figures import FiguresPanel
from tracker.ui.summary.hotspots_model import HotspotsModel, WholeRowsTable
from tracker.ui.summary.navigator import DateNavigator
from tracker.ui.summary.note import NoteEditor
from tracker.ui.summary.text import range_text, summary_text
from tracker.ui.summary.theme import CardFrame
from tracker.ui.wrap_label import WrapLabel

LIVE_MS = 30_000
SETTINGS_ORG, SETTINGS_APP = "GrowthTracker", "summary"


def _card(parent: QWidget, title: QLabel, *widgets: QWidget) -> CardFrame:
    card = CardFrame(parent)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    layout.addWidget(title)
    for w in widgets:
        layout.addWidget(w)
    return card


def png_folder() -> Path:
    """Where "Save chart as PNG" suggests saving: the Pictures folder when it exists, else
    the home folder (never the working directory, where a missing folder sends Qt)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    if folder and Path(folder).is_dir():
        return Path(folder)
    return Path.home()


class SummaryWindow(QWidget):
    edit_requested = Signal(object)  # datetime.date
    export_requested = Signal(object, object)  # the first and last day shown

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.service = service
        self.data: SummaryData | None = None
        self._data_key: tuple[object, ...] = ()
        self._day: dt.date = service.today()
        self._kind = RangeKind.DAY
        self._build()
        self._live = QTimer(self)
        self._live.setInterval(LIVE_MS)
        self._live.timeout.connect(self._tick)
        self._restore_geometry()
        self.refresh()

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 14, 16, 14)
        root.setSpacing(12)
        self.navigator = DateNavigator(self)
        self.navigator.day_requested.connect(self.show_day)
        self.navigator.range_requested.connect(self.set_range)
        self.figures = FiguresPanel(self)
        self.charts = ChartsPanel(self)
        self.hotspots = HotspotsModel(self)
        self.hotspots_view = self._table()
        self.hotspots_title = QLabel(self)
        self.hotspots_hint = WrapLabel("", self)
        self.hotspots_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note = NoteEditor(self._save_note, self)
        self.note.saved.connect(self._note_saved)
        self.note_title = QLabel(self)
        self.note_status = QLabel(self)
        self.note_status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(_card(self, self.hotspots_title, self.hotspots_hint, self.hotspots_view), 3)
        right.addWidget(_card(self, self.note_title, self.note, self.note_status), 2)
        body = QHBoxLayout()
        body.setSpacing(10)
        body.addWidget(self.charts, 5)
        body.addLayout(right, 3)
        # A first run has nothing to show yet: say how to start instead of empty charts alone.
        self.first_run = WrapLabel("", self)
        self.first_run.setObjectName("first_run")
        self.first_run.setTextFormat(Qt.TextFormat.PlainText)
        self.first_run.setContentsMargins(12, 8, 12, 8)
        self.first_run.setStyleSheet(
            "QLabel#first_run { background: palette(alternate-base);"
            " border: 1px solid palette(midlight); border-radius: 6px; }"
        )
        self.first_run.hide()
        root.addWidget(self.navigator)
        root.addWidget(self.first_run)
        root.addWidget(self.figures)
        root.addLayout(body, 1)
        root.addLayout(self._buttons())
        for keys, slot in (
            (QKeySequence.StandardKey.Close, self.close),
            (QKeySequence(Qt.Key.Key_Escape), self.close),
        ):
            QShortcut(keys, self).activated.connect(slot)

    def _table(self) -> QTableView:
        view = WholeRowsTable(self)
        view.setModel(self.hotspots)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        view.setFrameShape(QFrame.Shape.NoFrame)
        return view

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.copy_button = QPushButton(self.tr("&Copy summary"), self)
        self.copy_button.setToolTip(self.tr("Copy the ratio, trend and growth work as text"))
        self.include_routine = QCheckBox(self.tr("Include &routine"), self)
        self.include_routine.setToolTip(self.tr("Also list the routine hotspots of the range"))
        self.png_button = QPushButton(self.tr("Save chart as &PNG…"), self)
        self.export_button = QPushButton(self.tr("&Export CSV…"), self)
        self.edit_button = QPushButton(self.tr("Edit &blocks…"), self)
        self.status = QLabel(self)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.copy_button.clicked.connect(self.copy_summary)
        self.png_button.clicked.connect(self.save_png)
        self.export_button.clicked.connect(self._export_requested)
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self._day))
        row.addWidget(self.copy_button)
        row.addWidget(self.include_routine)
        row.addSpacing(12)
        row.addWidget(self.status, 1)
        row.addWidget(self.png_button)
        row.addWidget(self.export_button)
        row.addWidget(self.edit_button)
        return row

    # -- the contract -------------------------------------------------------------------

    @property
    def day(self) -> dt.date:
        return self._day

    def show_day(self, day: dt.date) -> None:
        """Show ``day`` (in the current range: day, its week or its month)."""
        self.note.flush()
        self._day = min(day, self.service.today())
        self.refresh()

    def set_range(self, kind: RangeKind) -> None:
        self._kind = RangeKind(kind)
        self.refresh()

    def view_state(self) -> object:
        """The day and range shown (kept when the window is rebuilt in another language)."""
        return (self._day, self._kind)

    def restore_view(self, state: object) -> None:
        day, kind = cast(tuple[dt.date, RangeKind], state)
        self.set_range(kind)
        self.show_day(day)

    def refresh(self) -> None:
        """Recompute everything from the service (a running block grows, CLI changes show)."""
        data = self._summary_data()
        self.data = data
        what = range_text(data)
        self.setWindowTitle(self.tr("Summary · {0} — {1}").format(what, APP_TITLE))
        self.navigator.set_state(self._day, self._kind, data.today, self._range_hint(data))
        self.figures.update_data(data)
        self.charts.set_data(data)
        self.hotspots.set_hotspots(data.hotspots)
        # One rule everywhere (window, copied summary, README): the range shown.
        self.hotspots_title.setText(self.tr("Routine hotspots · {0}").format(what))
        self.hotspots_hint.setText(
            self.tr("Task labels that took most time in this range: candidates to automate.")
            if data.hotspots
            else self.tr("No routine tracked in this range.")
        )
        self.first_run.setText(
            self.tr(
                "Nothing tracked yet. To start, click the Growth Tracker icon in the system "
                "tray: the first click starts a task (routine) block, the next switches it to "
                "growth. Or right-click the icon and choose Start task or Start growth."
            )
        )
        self.first_run.setVisible(not data.has_history)
        self.note_title.setText(self.tr("Reflection · {0}").format(i18n.format_date(self._day)))
        note = self.service.day_note(self._day)
        if self.note.day != self._day:
            self.note.load(self._day, note)
            self.note_status.setText(self.tr("Saved as you type."))
        else:
            self.note.reload(note)
        self._update_live()

    def _summary_data(self) -> SummaryData:
        """``service.summary_data``, computed once per state: opening the window refreshes
        it twice (the window set, then ``show_day``) within the same second."""
        marker = self.service.change_marker()
        key = (self._day, self._kind, self.service.clock.now(), marker)
        if self.data is None or key != self._data_key:
            self.data = self.service.summary_data(self._day, self._kind)
            self._data_key = key
        return self.data

    def _export_requested(self) -> None:
        if self.data is not None:  # shown before the first refresh: nothing to preset
            self.export_requested.emit(self.data.first, self.data.last)

    def _range_hint(self, data: SummaryData) -> str:
        if data.kind is RangeKind.DAY:
            return ""
        return i18n.format_date_range(data.first, data.last)

    # -- actions ------------------------------------------------------------------------

    def copy_summary(self) -> None:
        if self.data is None:
            return
        QGuiApplication.clipboard().setText(
            summary_text(self.data, self.include_routine.isChecked(), self.note.toPlainText())
        )
        self.status.setText(self.tr("Summary copied to the clipboard."))

    @staticmethod
    def ask_png_path(parent: QWidget, suggested: Path) -> Path | None:
        """Ask where to save the PNG (a test replaces this)."""
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("SummaryWindow", "Save chart as PNG"),
            str(suggested),
            QCoreApplication.translate("SummaryWindow", "PNG images (*.png)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".png" else path.with_suffix(".png")

    def save_png(self) -> None:
        suggested = png_folder() / f"growth-summary-{self._day.isoformat()}.png"
        path = self.ask_png_path(self, suggested)
        if path is None:
            return
        try:
            self.charts.save_png(path)
        except TrackerError as exc:
            text = describe(exc, self.service.tz)
            self.status.setText(self.tr("Could not save the charts: {0}").format(text))
            return
        self.status.setText(self.tr("Charts saved to {0}").format(path))

    def _save_note(self, day: dt.date, text: str) -> None:
        try:
            self.service.set_day_note(day, text)
        except TrackerError as exc:
            self.note_status.setText(describe(exc, self.service.tz))

    def _note_saved(self, day: dt.date) -> None:
        when = dt.datetime.fromtimestamp(self.service.clock.now(), self.service.tz)
        self.note_status.setText(self.tr("Saved at {0}.").format(i18n.format_time(when)))

    # -- live updates, geometry -----------------------------------------------------------

    def _update_live(self) -> None:
        wanted = self.isVisible() and self.data is not None and self.data.running
        if wanted and not self._live.isActive():
            self._live.start()
        elif not wanted:
            self._live.stop()

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def _settings(self) -> QSettings:
        return QSettings(SETTINGS_ORG, SETTINGS_APP)

    def _restore_geometry(self) -> None:
        saved = self._settings().value("geometry")
        if saved is not None and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
        width = min(1240, avail.width() - 40) if avail else 1240
        height = min(800, avail.height() - 40) if avail else 800
        self.resize(max(width, 900), max(height, 600))

    def _save_geometry(self) -> None:
        self._settings().setValue("geometry", self.saveGeometry())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_live()

    def hideEvent(self, event: QHideEvent) -> None:
        self.note.flush()
        self._save_geometry()
        self._live.stop()
        super().hideEvent(event)
