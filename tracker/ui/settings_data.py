"""Settings → Data: the data folder, *Open folder* and *Back up now* (the copy made on a
worker thread). A part of :class:`~tracker.ui.settings_dialog.SettingsDialog`, whose texts
keep its translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QLabel

    from tracker.service import TrackerService


class DataFolderPart:
    """The settings dialog's data group: its widgets, texts and actions."""

    if TYPE_CHECKING:
        service: TrackerService
        groups: dict[str, QGroupBox]
        labels: dict[str, QLabel]

        def _group(self, layout: QVBoxLayout) -> tuple[QGroupBox, QFormLayout]: ...
        def _row(self, form: QFormLayout, field: QLineEdit) -> QLabel: ...
        def show_message(self, text: str, error: bool = False) -> None: ...

    def _build_data(self, right: QVBoxLayout) -> None:
        self.groups["data"], form = self._group(right)
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setMinimumWidth(280)
        self.labels["folder"] = self._row(form, self.folder)
        self.open_folder = QPushButton()
        self.backup = QPushButton()
        for button in (self.open_folder, self.backup):
            button.setAutoDefault(False)
        data_row = QHBoxLayout()
        data_row.addWidget(self.open_folder)
        data_row.addWidget(self.backup)
        data_row.addStretch(1)
        form.addRow(data_row)

    def _connect_data(self) -> None:
        self.open_folder.clicked.connect(self.open_data_folder)
        self.backup.clicked.connect(self.back_up)

    def _retranslate_data(self) -> None:
        self.open_folder.setText(QCoreApplication.translate("SettingsDialog", "O&pen folder"))
        self.backup.setText(QCoreApplication.translate("SettingsDialog", "Back &up now"))
        self.backup.setToolTip(
            QCoreApplication.translate(
                "SettingsDialog", "Copy the database into the backups folder beside it."
            )
        )

    # -- data ---------------------------------------------------------------------------

    def data_folder(self) -> Path:
        """The database's folder as an absolute path: ``--db data/t.sqlite3`` says where
        it really is (relative to the folder the app was started in), not "data"."""
        return self.service.data_folder

    def open_data_folder(self) -> bool:
        url = QUrl.fromLocalFile(str(self.data_folder()))
        opened = QDesktopServices.openUrl(url)
        if not opened:
            self.show_message(
                QCoreApplication.translate(
                    "SettingsDialog", "The folder could not be opened; its path is {0}"
                ).format(self.folder.text()),
                error=True,
            )
        return opened

    def back_up(self) -> None:
        """*Back up now*: the copy is made on a worker thread (a large file on a slow disk
        takes seconds); the button waits for it."""
        from tracker.ui.jobs import Job

        job = Job(self.service, lambda service, _progress: service.backup_now())
        job.succeeded.connect(self._backed_up)
        job.failed.connect(self._backup_failed)
        self.backup.setEnabled(False)
        self.show_message(QCoreApplication.translate("SettingsDialog", "Backing up…"))
        job.start_work()

    def _backed_up(self, path: Path) -> None:
        self.backup.setEnabled(True)
        self.show_message(
            QCoreApplication.translate("SettingsDialog", "Backed up to {0}").format(path)
        )

    def _backup_failed(self, exc: BaseException) -> None:
        from tracker.ui.jobs import failure_text

        self.backup.setEnabled(True)
        text = failure_text(exc, self.service.tz)
        self.show_message(
            QCoreApplication.translate("SettingsDialog", "No backup made: {0}").format(text),
            error=True,
        )
