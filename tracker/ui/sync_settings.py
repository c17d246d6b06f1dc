"""Settings → Sync: the sync folder, this PC's name and the PCs found (§16).

A group of its own, added to the Settings dialog; changes go through the dialog's
``store`` (the service validates, a refusal shows in the dialog, nothing is stored).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tracker.domain.model import TrackerError
from tracker.ui.folder_setting import FolderSetting
from tracker.ui.wrap_label import WrapLabel

if TYPE_CHECKING:
    from tracker.service import SyncDevice, TrackerService


class SyncGroup(FolderSetting, QGroupBox):
    """Folder (choose / off), device name, the devices seen."""

    FOLDER_KEY = "sync_folder"

    def __init__(
        self,
        service: TrackerService,
        store: Callable[[str, str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncGroup")
        self.service = service
        self._store = store
        form = QFormLayout(self)
        self.folder = QLineEdit()
        self.folder.setObjectName("syncFolder")
        self.folder.setMinimumWidth(220)
        self.choose = QPushButton()
        self.off = QPushButton()
        for button in (self.choose, self.off):  # Enter in a field must not press them
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        row.addWidget(self.off)
        self.folder_label = QLabel()
        form.addRow(self.folder_label, row)
        self.folder_label.setBuddy(self.folder)
        self.name = QLineEdit()
        self.name.setObjectName("deviceName")
        self.name.setMaxLength(64)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        form.addRow(self.name_label, self.name)
        self.devices = WrapLabel()
        self.devices.setObjectName("syncDevices")
        self.devices_label = QLabel()
        form.addRow(self.devices_label, self.devices)
        self.folder.editingFinished.connect(self._folder_typed)
        self.choose.clicked.connect(self._choose)
        self.off.clicked.connect(lambda: self._set_folder(""))
        self.name.editingFinished.connect(self._name_typed)
        self._devices: list[SyncDevice] | None = None  # None: sync is off
        self._retranslate()

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Sync with other PCs"))
        self.folder_label.setText(self.tr("Sync &folder:"))
        self.folder.setPlaceholderText(self.tr("off"))
        self.choose.setText(self.tr("C&hoose…"))
        self.off.setText(self.tr("Turn off"))
        self.name_label.setText(self.tr("This PC's na&me:"))
        self.devices_label.setText(self.tr("PCs found:"))
        self.folder.setToolTip(
            self.tr(
                "A folder OneDrive, Dropbox, Syncthing or a file share keeps in step on "
                "every PC. Each PC writes only its own files there."
            )
        )
        self._render()  # from what was read: a language change reads nothing

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        folder = self.service.sync_folder()
        if not self.folder.hasFocus():
            self.folder.setText("" if folder is None else str(folder))
        if not self.name.hasFocus():
            self.name.setText(self.service.device_name())
        self.off.setEnabled(folder is not None)
        self._devices = None
        if folder is not None:
            try:
                self._devices = self.service.sync_devices()
            except TrackerError:
                self._devices = []
        self._render()

    def _render(self) -> None:
        if self._devices is None:
            self.devices.setText(self.tr("Sync is off."))
            return
        lines = []
        for d in self._devices:
            if d.this:
                lines.append(self.tr("{0} (this PC)").format(d.name))
            elif d.last_seen is None:
                lines.append(self.tr("{0}: not seen yet").format(d.name))
            else:
                seen = dt.datetime.fromtimestamp(d.last_seen, self.service.tz)
                lines.append(
                    self.tr("{0}: last change seen {1}").format(d.name, f"{seen:%Y-%m-%d %H:%M}")
                )
        self.devices.setText("\n".join(lines))

    def _stored_folder(self) -> str:
        current = self.service.sync_folder()
        return "" if current is None else str(current)

    def _folder_start(self) -> str:
        return str(self.service.data_folder)

    def _folder_title(self) -> str:
        return self.tr("Choose the sync folder")

    def _name_typed(self) -> None:
        text = self.name.text().strip()
        if text != self.service.device_name():
            self._store("device_name", text)
        self.refresh()
