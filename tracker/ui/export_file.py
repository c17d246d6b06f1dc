"""The file part of the *Export CSV…* dialog: the file field (a name suggested from the
range and shape, in the folder used last, the home folder written ``~``), the save-file
dialog, and asking before an existing file is replaced.

Its texts are the dialog's, in the dialog's translation context (``ExportDialog``): a
class that calls ``self.tr`` is never subclassed (lupdate and PySide would disagree on the
context).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDir, QSettings
from PySide6.QtWidgets import QDateEdit, QDialog, QFileDialog, QLineEdit, QMessageBox, QRadioButton

from tracker.ui import i18n
from tracker.ui.wrap_label import guard_clipboard

SETTINGS_ORG, SETTINGS_APP = "GrowthTracker", "export"


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ExportFile(QDialog):
    """The file choice of ``ExportDialog``, on the widgets it builds."""

    # set up by ExportDialog
    path_edit: QLineEdit
    from_edit: QDateEdit
    to_edit: QDateEdit
    blocks_radio: QRadioButton
    _auto_name: bool
    _confirmed: Path | None  # replacing this file was agreed to already

    @staticmethod
    def _settings() -> QSettings:
        return QSettings(SETTINGS_ORG, SETTINGS_APP)

    def _folder(self) -> Path:
        saved = self._settings().value("last_folder")
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return Path(saved)
        return Path(QDir.homePath())

    def _suggested_name(self) -> str:
        first, last = pydate(self.from_edit.date()), pydate(self.to_edit.date())
        what = "blocks" if self.blocks_radio.isChecked() else "days"
        span = first.isoformat() if first == last else f"{first}_{last}"
        return f"growth-tracker-{what}-{span}.csv"

    def _update_name(self) -> None:
        if not self._auto_name or not hasattr(self, "path_edit"):
            return
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else self._folder()
        self._show_path(folder / self._suggested_name())

    def _show_path(self, path: Path) -> None:
        """The file field: the home folder written ``~`` (shorter; the export expands it)
        and the cursor at the end, so a long path shows its file name."""
        shown = str(path)
        with contextlib.suppress(ValueError):
            shown = str(Path("~") / path.expanduser().relative_to(Path(QDir.homePath())))
        self.path_edit.setText(shown)
        self.path_edit.setCursorPosition(len(shown))

    def _path_tip(self, text: str) -> None:
        """The whole path, for when the field is too narrow to show it."""
        self.path_edit.setToolTip(str(Path(text.strip()).expanduser()) if text.strip() else "")

    def _path_edited(self) -> None:
        self._auto_name = False

    def ask_path(self, start: str) -> str:
        """The save-file dialog (a test replaces this)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("ExportDialog", "Export CSV"),
            start,
            QCoreApplication.translate("ExportDialog", "CSV files (*.csv);;All files (*)"),
        )
        return chosen

    def _browse(self) -> None:
        chosen = self.ask_path(self.path_edit.text())
        if chosen:
            # the file dialog itself asked before picking an existing file
            self._confirmed = Path(chosen)
            if not chosen.lower().endswith(".csv") and "." not in Path(chosen).name:
                chosen += ".csv"  # a name the file dialog did not ask about
            self._show_path(Path(chosen))
            self._auto_name = False

    def confirm_replace(self, path: Path) -> bool:
        """Whether to replace an existing file (a test replaces this). Cancel is the
        default button, as in Qt's own file dialog."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.windowTitle())
        box.setText(
            i18n.phrase_wrap(
                QCoreApplication.translate(
                    "ExportDialog", "{0} already exists.\nDo you want to replace it?"
                ).format(path.name)
            )
        )
        box.setInformativeText(
            i18n.phrase_wrap(
                QCoreApplication.translate("ExportDialog", "It is in {0}.").format(path.parent)
            )
        )
        guard_clipboard()
        replace = box.addButton(
            QCoreApplication.translate("ExportDialog", "&Replace"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is replace
