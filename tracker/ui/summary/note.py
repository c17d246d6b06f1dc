"""The reflection note of a day, saved as you type (debounced) through the service.

Typing restarts a short timer; when it fires, the text goes to the database. Moving to
another day, closing the window or calling ``flush()`` saves a pending change at once, so
nothing typed is ever lost and the database is not written on every keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

SAVE_DELAY_MS = 600


class NoteEditor(QPlainTextEdit):
    """A plain-text editor bound to one tracking day at a time."""

    saved = Signal(object)  # the day whose note was written

    def __init__(self, save: Callable[[dt.date, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._day: dt.date | None = None
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._changed)
        self.setPlaceholderText(
            self.tr("What did I learn today? Which routine could I cut or automate?")
        )
        self.setTabChangesFocus(True)

    @property
    def day(self) -> dt.date | None:
        return self._day

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def load(self, day: dt.date, text: str) -> None:
        """Show ``day``'s note (saving what was typed for the previous day first)."""
        self.flush()
        self._day = day
        if text != self.toPlainText():
            self._loading = True
            try:
                self.setPlainText(text)
            finally:
                self._loading = False

    def reload(self, text: str) -> None:
        """Take a note changed elsewhere (the CLI, an import) unless someone is typing."""
        if self.pending or self.hasFocus() or text == self.toPlainText():
            return
        if self._day is not None:
            self.load(self._day, text)

    def flush(self) -> None:
        self._timer.stop()
        if self._day is not None and self.document().isModified():
            self._save(self._day, self.toPlainText())
            self.document().setModified(False)
            self.saved.emit(self._day)

    def _changed(self) -> None:
        if self._loading:
            self.document().setModified(False)
            return
        self._timer.start()
