"""The *Export CSV…* dialog: pick a range, a shape, an encoding and a file; export.

All the CSV rules live in the service and ``tracker.io``; this dialog only gathers the
choices. The export runs on a worker thread (``tracker.ui.jobs``) and reports progress in
chunks, so a long export keeps the tray and every window responsive and can be
cancelled; the file is written atomically at the end. *Import CSV…* opens the import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.days import month_range, week_range
from tracker.io.export import ExportOptions, ExportResult
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE, fmt_int
from tracker.ui.export_file import ExportFile, pydate
from tracker.ui.jobs import Job, failure_text, special_file
from tracker.ui.wrap_label import WrapLabel

PRESETS = ("today", "week", "month", "last_month", "all", "custom")
ENCODINGS = ("utf-8-sig", "utf-8", "cp932")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ExportDialog(ExportFile):
    """Export blocks or days as CSV (non-modal; the app opens it from the tray menu)."""

    export_finished = Signal(bool)  # True when the file was written
    import_requested = Signal()

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.job: Job | None = None
        self._target: Path | None = None
        self._busy = False
        self._auto_name = True
        self._confirmed: Path | None = None  # replacing this file was agreed to already
        self.setWindowTitle(self.tr("{0} — Export CSV").format(APP_TITLE))
        self._build()
        self.preset.setCurrentIndex(PRESETS.index("month"))
        self._apply_preset()
        self._update_name()

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        self.preset = QComboBox()
        for text in (
            self.tr("Today"),
            self.tr("This week"),
            self.tr("This month"),
            self.tr("Last month"),
            self.tr("Everything"),
            self.tr("Custom"),
        ):
            self.preset.addItem(text)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        form.addRow(self.tr("&Range:"), self.preset)

        self.from_edit, self.to_edit = QDateEdit(), QDateEdit()
        dates = QHBoxLayout()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(i18n.date_pattern(weekday=False))
            edit.dateChanged.connect(self._dates_edited)
        dates.addWidget(self.from_edit)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.to_edit)
        dates.addStretch(1)
        self.dates_label = QLabel(self.tr("&Dates:"))
        self.dates_label.setBuddy(self.from_edit)
        form.addRow(self.dates_label, dates)

        self.blocks_radio = QRadioButton(self.tr("Blocks — one row per block"))
        self.days_radio = QRadioButton(self.tr("Days — totals, growth ratio and target per day"))
        self.blocks_radio.setChecked(True)
        self.shape = QButtonGroup(self)
        self.shape.addButton(self.blocks_radio)
        self.shape.addButton(self.days_radio)
        self.shape.buttonToggled.connect(self._shape_changed)
        shape = QVBoxLayout()
        shape.addWidget(self.blocks_radio)
        self.split = QCheckBox(self.tr("Split blocks at day boundaries (per-day sums match)"))
        indented = QHBoxLayout()
        indented.addSpacing(24)
        indented.addWidget(self.split)
        shape.addLayout(indented)
        shape.addWidget(self.days_radio)
        form.addRow(self.tr("Shape:"), shape)

        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("UTF-8 with BOM (Excel, LibreOffice)"), "utf-8-sig")
        self.encoding.addItem(self.tr("UTF-8 without BOM (scripts)"), "utf-8")
        self.encoding.addItem(self.tr("Shift_JIS / cp932 (older tools)"), "cp932")
        form.addRow(self.tr("&Encoding:"), self.encoding)

        self.header = QComboBox()
        self.header.addItem(self.tr("English column keys (stable, for scripts)"), "en")
        self.header.addItem(self.tr("Japanese column names (日本語)"), "ja")
        self.header.setCurrentIndex(self.header.findData("ja" if i18n.language() == "ja" else "en"))
        form.addRow(self.tr("&Header:"), self.header)

        self.path_edit = QLineEdit()
        self.path_edit.textEdited.connect(self._path_edited)
        self.path_edit.textChanged.connect(self._path_tip)
        typical = "~/Documents/growth-tracker-blocks-2023-11-01_2023-11-15.csv"  # not shown
        self.path_edit.setMinimumWidth(self.path_edit.fontMetrics().horizontalAdvance(typical) + 16)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        file_label = QLabel(self.tr("F&ile:"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, file_row)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = WrapLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_button = QPushButton(self.tr("E&xport"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self._close_or_cancel)
        self.import_button = QPushButton(self.tr("I&mport CSV…"))
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.import_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    # -- choices ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Data changed elsewhere: presets follow the current tracking day."""
        if not self._busy and PRESETS[self.preset.currentIndex()] != "custom":
            self._apply_preset()

    def preset_range(self, name: str) -> tuple[dt.date, dt.date]:
        """The days a preset covers (never past today)."""
        today: dt.date = self.service.today()
        if name == "today":
            return today, today
        if name == "week":
            return week_range(today)[0], today
        if name == "month":
            return month_range(today)[0], today
        if name == "last_month":
            return month_range(today.replace(day=1) - dt.timedelta(days=1))
        if name == "all":
            return min(self.service.first_day() or today, today), today
        return pydate(self.from_edit.date()), pydate(self.to_edit.date())

    def set_range(self, first: dt.date, last: dt.date) -> None:
        """Preset the days shown elsewhere (the summary's day, week or month): the preset
        that covers exactly those days, else a custom range. Days to come are left out."""
        last = min(last, self.service.today())
        first = min(first, last)
        for name in ("today", "week", "month", "last_month"):
            if self.preset_range(name) == (first, last):
                self.preset.setCurrentIndex(PRESETS.index(name))
                return
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(PRESETS.index("custom"))
        self.preset.blockSignals(False)
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self._update_name()

    def _apply_preset(self) -> None:
        first, last = self.preset_range(PRESETS[self.preset.currentIndex()])
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self._update_name()

    def _dates_edited(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(PRESETS.index("custom"))
        self.preset.blockSignals(False)
        self._update_name()

    def _shape_changed(self) -> None:
        self.split.setEnabled(self.blocks_radio.isChecked())
        self._update_name()

    def options(self) -> ExportOptions:
        """The choices as the service takes them ("Everything" leaves the range open)."""
        everything = PRESETS[self.preset.currentIndex()] == "all"
        blocks = self.blocks_radio.isChecked()
        return ExportOptions(
            what="blocks" if blocks else "days",
            first=None if everything else pydate(self.from_edit.date()),
            last=None if everything else pydate(self.to_edit.date()),
            encoding=self.encoding.currentData(),
            header=self.header.currentData(),
            split_days=blocks and self.split.isChecked(),
        )

    # -- exporting ----------------------------------------------------------------------

    def export(self) -> bool:
        """Start exporting with the current choices on a worker thread; False when it
        did not start (no file, replacing declined, already exporting). The outcome is
        shown in the dialog and sent as ``export_finished``."""
        if self.job is not None:
            return False
        text = self.path_edit.text().strip()
        if not text:
            self._show_error(self.tr("Choose a file to export to."))
            return False
        path = Path(text).expanduser()
        if special_file(path):
            self._show_error(
                self.tr("{0} is a device, pipe or socket, not a file; pick a file name").format(
                    path
                )
            )
            return False
        if path.exists() and not path.is_dir() and path != self._confirmed:
            if not self.confirm_replace(path):
                self.path_edit.setFocus()
                return False
            self._confirmed = path
        options = self.options()
        self._target = path
        self.job = Job(
            self.service, lambda service, progress: service.write_csv(path, options, progress)
        )
        self.job.progressed.connect(self._progress)
        self.job.succeeded.connect(self._exported)
        self.job.failed.connect(self._failed)
        self._set_busy(True)
        self.job.start_work()
        return True

    def _progress(self, done: int, total: int) -> None:
        if total > 0 and done < total and self.progress.isHidden():
            self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _exported(self, result: ExportResult) -> None:
        path = self._target
        self._release()
        assert path is not None
        self._settings().setValue("last_folder", str(path.parent))
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Exported {0} rows to {1}").format(fmt_int(result.rows), path))
        self.export_finished.emit(True)

    def _failed(self, exc: BaseException) -> None:
        self._release()
        text = failure_text(exc, self.service.tz)
        self._show_error(self.tr("Nothing was exported: {0}").format(text))
        self.export_finished.emit(False)

    def _release(self) -> None:
        """Let go of the job (it ended, or it goes on alone after a close)."""
        job, self.job = self.job, None
        if job is not None:
            for signal, slot in (
                (job.progressed, self._progress),
                (job.succeeded, self._exported),
                (job.failed, self._failed),
            ):
                signal.disconnect(slot)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.export_button.setEnabled(not busy)
        self.close_button.setText(self.tr("Cancel") if busy else self.tr("Close"))
        if not busy:
            self.progress.setVisible(False)
        if busy:
            self.status.setText(self.tr("Exporting…"))
            self.status.setStyleSheet("")

    def _show_error(self, text: str) -> None:
        self.status.setStyleSheet("color: #B00020;")
        self.status.setText(text)

    def _close_or_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(self.tr("Cancelling…"))
        else:
            self.close()

    def reject(self) -> None:
        """Esc: cancels an export under way (the dialog stays, to say so); else closes."""
        if self.job is not None:
            self._close_or_cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-export cancels it: nothing is written."""
        if self.job is not None:
            self.job.cancel()
            self._release()
        super().closeEvent(event)
