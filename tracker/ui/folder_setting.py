"""A folder setting typed or chosen (Settings → Sync, Settings → Team): one behaviour.

The field commits when editing finishes, *Choose…* opens the folder dialog, and either goes
through the page's ``_store`` (the service validates; a refusal leaves the field as stored).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget


class FolderSetting:
    """Mixin for a settings page with a folder field ``folder`` kept in ``FOLDER_KEY``."""

    FOLDER_KEY: ClassVar[str]
    folder: QLineEdit
    _store: Callable[[str, str], bool]  # the page's: validated by the service, or refused
    refresh: Callable[[], None]

    def _stored_folder(self) -> str:
        """The folder as stored now ("" = none)."""
        raise NotImplementedError

    def _folder_start(self) -> str:
        """Where the folder dialog opens when the field is empty."""
        raise NotImplementedError

    def _folder_title(self) -> str:
        raise NotImplementedError

    @classmethod
    def ask_folder(cls, parent: QWidget, title: str, start: str) -> str:
        """The folder dialog (a test replaces this)."""
        return QFileDialog.getExistingDirectory(parent, title, start)

    def _folder_typed(self) -> None:
        text = self.folder.text().strip()
        if text != self._stored_folder():
            self._set_folder(text)

    def _choose(self) -> None:
        start = self.folder.text() or self._folder_start()
        chosen = type(self).ask_folder(self.folder.window(), self._folder_title(), start)
        if chosen:
            self._set_folder(chosen)

    def _set_folder(self, text: str) -> None:
        if self._store(self.FOLDER_KEY, text):
            self.folder.setText(text)
        self.refresh()
