"""The *Import CSV…* dialog: pick a blocks CSV, see what it would add, confirm, import.

The rules are the CLI's ``import`` (the service decides, all rows or none); this dialog
shows them in two steps. *Check* reads the file and plans the import without writing
(``import_csv_data(..., dry_run=True)``): "3 blocks will be added, 1 already present", or
every bad row as ``line N: reason`` in a list the person can scroll, select and copy.
*Import* then applies exactly the bytes that were checked, planned again inside the
write, so a change made meanwhile (the CLI, the tray) is caught, never half-applied.

Both steps run on a worker thread (``tracker.ui.jobs``): a 100 000-row file takes
seconds and the tray stays usable. A check can be cancelled; an import being applied
cannot (it is one transaction of a second or two), and the dialog stays open until done.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.io.csvformat import CsvImportError
from tracker.io.files import read_bytes
from tracker.service import ImportOutcome
from tracker.ui import import_text
from tracker.ui.common import APP_TITLE
from tracker.ui.error_text import describe
from tracker.ui.jobs import Job, failure_text, special_file
from tracker.ui.wrap_label import WrapLabel

SETTINGS_ORG, SETTINGS_APP = "GrowthTracker", "import"
ERROR_STYLE = "color: #B00020;"


def _check(path: Path) -> Any:
    """The worker's part of *Check*: the file's bytes and what importing them would do."""

    def work(service: Any, progress: Any) -> tuple[bytes, ImportOutcome]:
        data = read_bytes(path)
        return data, service.import_csv_data(data, str(path), dry_run=True)

    return work


def _apply(path: Path, data: bytes) -> Any:
    def work(service: Any, progress: Any) -> ImportOutcome:
        outcome: ImportOutcome = service.import_csv_data(data, str(path))
        return outcome

    return work


class ImportDialog(QDialog):
    """Import a blocks CSV after a preview (non-modal; from the tray menu or the export)."""

    blocks_changed = Signal()
    check_finished = Signal(bool)  # True: the file can be imported as checked
    import_finished = Signal(bool)  # True: the blocks were added

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.job: Job | None = None
        self.applying = False
        self._checked: tuple[Path, bytes] | None = None  # the file as checked, to import
        self._path_of_job = Path()
        self._slots: tuple[Any, Any] = (None, None)
        self.setWindowTitle(self.tr("{0} — Import CSV").format(APP_TITLE))
        self._build()
        self._show_state()

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        intro = WrapLabel(
            self.tr(
                "Adds the blocks of a CSV file exported by Growth Tracker (also after "
                "editing it in a spreadsheet). All rows are added, or none: blocks already "
                "here are skipped, and rows with problems are listed for you to fix."
            )
        )

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("A blocks CSV file"))
        self.path_edit.textEdited.connect(self._path_edited)
        typical = "~/Documents/growth-tracker-blocks-2023-11-01_2023-11-15.csv"  # not shown
        self.path_edit.setMinimumWidth(self.path_edit.fontMetrics().horizontalAdvance(typical) + 16)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(file_label)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the import reports no steps: a busy bar
        self.progress.setTextVisible(False)
        self.status = WrapLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.problems_label = QLabel(self.tr("&Rows to fix:"))
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setTabChangesFocus(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.problems.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.problems_label.setBuddy(self.problems)
        self.copy_button = QPushButton(self.tr("C&opy list"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_problems)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.problems_label)
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)

        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.clicked.connect(self.apply)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self._close_or_cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(copy_row)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(600)
        # Tab goes from the file to what acts on it, then to the answer and the buttons.
        order = [
            self.path_edit,
            self.browse_button,
            self.check_button,
            self.problems,
            self.copy_button,
            self.import_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _show_state(self) -> None:
        """Buttons and parts that follow the state: idle, checking, checked, applying."""
        busy = self.job is not None
        ready = self._checked is not None and not busy
        self.progress.setVisible(busy)
        self.path_edit.setReadOnly(busy)
        self.browse_button.setEnabled(not busy)
        self.check_button.setEnabled(not busy)
        self.import_button.setEnabled(ready)
        self.close_button.setEnabled(not self.applying)
        self.close_button.setText(self.tr("Cancel") if busy else self.tr("Close"))
        self.import_button.setDefault(ready)
        self.check_button.setDefault(not ready)
        shown = bool(self.problems.toPlainText())
        for widget in (self.problems_label, self.problems, self.copy_button):
            widget.setVisible(shown)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    # -- the file -----------------------------------------------------------------------

    @staticmethod
    def _settings() -> QSettings:
        return QSettings(SETTINGS_ORG, SETTINGS_APP)

    def _folder(self) -> str:
        saved = self._settings().value("last_folder")
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return saved
        return QDir.homePath()

    def ask_path(self, start: str) -> str:
        """The open-file dialog (a test replaces this)."""
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import CSV"), start, self.tr("CSV files (*.csv);;All files (*)")
        )
        return chosen

    def _browse(self) -> None:
        chosen = self.ask_path(self.path_edit.text().strip() or self._folder())
        if chosen:
            self.set_path(Path(chosen))
            self.check()

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.path_edit.setCursorPosition(len(str(path)))
        self._path_edited()

    def _path_edited(self) -> None:
        """Another file: the check (and its answer) no longer holds."""
        self._checked = None
        self.problems.clear()
        self._say("")
        self._show_state()

    # -- check, then import -------------------------------------------------------------

    def refresh(self) -> None:
        """The blocks changed elsewhere: a shown answer is checked again, so it stays true."""
        if self.job is None and self._checked is not None:
            self.check()

    def _path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            self._say(self.tr("Choose the CSV file to import."), error=True)
            self.path_edit.setFocus()
            return None
        path = Path(text).expanduser()
        if special_file(path):
            self._say(
                self.tr("{0} is a device, pipe or socket, not a file; pick the CSV file").format(
                    path
                ),
                error=True,
            )
            return None
        return path

    def check(self) -> bool:
        """Read and plan the file on a worker (nothing written); False if not started."""
        if self.job is not None:
            return False
        path = self._path()
        if path is None:
            return False
        self._checked = None
        self.problems.clear()
        self._say(self.tr("Checking {0}…").format(path.name))
        self._start(Job(self.service, _check(path)), self._checked_ok, self._check_failed, path)
        return True

    def apply(self) -> bool:
        """Import the bytes that were checked (all or none); False if not started."""
        if self.job is not None or self._checked is None:
            return False
        path, data = self._checked
        self.applying = True
        self._say(self.tr("Importing…"))
        self._start(Job(self.service, _apply(path, data)), self._applied, self._apply_failed, path)
        return True

    def _start(self, job: Job, ok: Any, failed: Any, path: Path) -> None:
        self.job = job
        self._path_of_job = path
        job.succeeded.connect(ok)
        job.failed.connect(failed)
        self._slots = (ok, failed)
        self._show_state()
        job.start_work()

    def _release(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            ok, failed = self._slots
            job.succeeded.disconnect(ok)
            job.failed.disconnect(failed)
        self.applying = False

    def _checked_ok(self, result: tuple[bytes, ImportOutcome]) -> None:
        path = self._path_of_job
        self._release()
        data, outcome = result
        self._settings().setValue("last_folder", str(path.parent))
        if outcome.imported:
            self._checked = (path, data)
            self._say(import_text.preview_text(outcome))
        else:
            self._say(import_text.nothing_text(outcome))
        self._show_state()
        if self._checked is not None:
            self.import_button.setFocus()
        self.check_finished.emit(self._checked is not None)

    def _check_failed(self, exc: BaseException) -> None:
        self._release()
        self._show_failure(exc)
        self.check_finished.emit(False)

    def _applied(self, outcome: ImportOutcome) -> None:
        self._release()
        self._checked = None
        self._say(import_text.added_text(outcome))
        self._show_state()
        self.close_button.setFocus()
        self.blocks_changed.emit()
        self.import_finished.emit(True)

    def _apply_failed(self, exc: BaseException) -> None:
        self._release()
        self._checked = None
        self._show_failure(exc)
        self.import_finished.emit(False)

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, CsvImportError):
            self._say(
                self.tr("Nothing was imported. Fix these rows in the file, then check it again:"),
                error=True,
            )
            tz = self.service.tz
            lines = [
                self.tr("line {0}: {1}").format(n, describe(reason, tz))
                for n, reason in exc.problems
            ]
            if exc.count > len(lines):  # the first rows by line are kept, all are counted
                lines.append(self.tr("… and {0} more rows").format(exc.count - len(lines)))
            self.problems.setPlainText("\n".join(lines))
        else:
            self._say(
                self.tr("Nothing was imported: {0}").format(failure_text(exc, self.service.tz)),
                error=True,
            )
        self._show_state()
        (self.problems if isinstance(exc, CsvImportError) else self.path_edit).setFocus()

    # -- the list, closing --------------------------------------------------------------

    def copy_problems(self) -> None:
        """The whole list on the clipboard (to mail it, or keep it while fixing the file)."""
        QGuiApplication.clipboard().setText(self.problems.toPlainText())

    def _close_or_cancel(self) -> None:
        if self.job is None:
            self.close()
        elif not self.applying:
            self._cancel_check()

    def _cancel_check(self) -> None:
        """Stop waiting for a check: it writes nothing, so it may finish unseen."""
        if self.job is not None and not self.applying:
            self.job.cancel()
            self._release()
            self._say(self.tr("The check was cancelled."))
            self._show_state()

    def reject(self) -> None:
        """Esc: cancels a check; waits out an import being applied; else closes."""
        if self.applying:
            return
        if self.job is not None:
            self._cancel_check()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.applying:  # one transaction: it ends in a moment, with its answer shown
            event.ignore()
            return
        self._cancel_check()
        super().closeEvent(event)
