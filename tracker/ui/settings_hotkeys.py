"""The *Global shortcuts* group of the Settings dialog.

Two key-sequence editors, one per setting (``hotkey_toggle``, ``hotkey_switcher``), each
with a Clear button and a line saying whether the key works: grabbed, taken by another
program, the same as the other shortcut, or not possible on this system. A key is checked
with ``QKeySequence`` here (one key with its modifiers) and stored through the service,
which validates it again (``tracker.domain.hotkeys``); the running app grabs it, and its
``GlobalHotkeys.status`` is what this group shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QWidget,
)

from tracker.ui import hotkeys
from tracker.ui.error_text import describe
from tracker.ui.wrap_label import WrapLabel

Store = Callable[[str, str], bool]
PROBLEM_STYLE = "QLabel { color: palette(window-text); background: #fde2e1; padding: 2px; }"


class HotkeysGroup(QGroupBox):
    """See the module docstring. ``store(key, text)`` stores a setting (the dialog's)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hotkeysGroup")
        self._store = store
        self._loading = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.edits: dict[str, QKeySequenceEdit] = {}
        self.clears: dict[str, QPushButton] = {}
        self.labels: dict[str, QLabel] = {}
        for name in hotkeys.NAMES:
            edit = QKeySequenceEdit()
            edit.setObjectName(name)
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(False)
            # room for a long key and for the Japanese placeholder (ショートカットを入力)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("Ctrl+Alt+Shift+PgDown") + 24)
            clear = QPushButton()
            clear.setAutoDefault(False)
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(clear)
            label = QLabel()
            label.setBuddy(edit)
            form.addRow(label, row)
            self.edits[name], self.clears[name], self.labels[name] = edit, clear, label
            edit.editingFinished.connect(lambda n=name: self._finished(n))
            clear.clicked.connect(lambda _=False, n=name: self._clear(n))
        self.state = WrapLabel()
        self.state.setObjectName("hotkeysState")
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.state)
        running = hotkeys.current()
        if running is not None:
            running.status_changed.connect(self.show_state)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Global shortcuts"))
        self.labels["hotkey_toggle"].setText(self.tr("Click the ic&on:"))
        self.labels["hotkey_switcher"].setText(self.tr("&Quick switcher:"))
        for clear in self.clears.values():
            clear.setText(self.tr("Clear"))
        for edit in self.edits.values():
            edit.setToolTip(self.tr("Press the keys, e.g. Ctrl+Alt+G; they work in every program."))
        self.show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values -------------------------------------------------------------------------

    def set_values(self, values: dict[str, object]) -> None:
        self._loading = True
        try:
            for name, edit in self.edits.items():
                edit.setKeySequence(QKeySequence(str(values.get(name) or "")))
        finally:
            self._loading = False
        self.show_state()

    def _finished(self, name: str) -> None:
        if self._loading:
            return
        sequence = self.edits[name].keySequence()
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        # QKeySequence writes keys it cannot name as "" or as a code: the domain refuses them.
        self._store(name, text if sequence.count() == 1 else "")
        self.show_state()

    def _clear(self, name: str) -> None:
        self.edits[name].clear()
        self._store(name, "")
        self.show_state()

    def show_state(self) -> None:
        """What became of each key in the running app."""
        running = hotkeys.current()
        lines: list[str] = []
        problem = False
        if running is None:
            lines.append(self.tr("The shortcuts work while Growth Tracker runs in the tray."))
        else:
            for name in hotkeys.NAMES:
                key = running.keys.get(name, "")
                status = running.status.get(name, hotkeys.OFF)
                text = self._status_text(status, key, running.unavailable)
                if text and text not in lines:  # "not possible here" once, not per key
                    lines.append(text)
                    problem = problem or status not in (hotkeys.OK, "pending")
            if not lines and running.unavailable is None and running.backend_name:
                lines.append(
                    self.tr("Shortcuts are grabbed through {0}.").format(running.backend_name)
                )
        self.state.setText("\n".join(lines))
        self.state.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.state.setProperty("problem", problem)
        self.state.setVisible(bool(lines))

    def _status_text(self, status: str, key: str, unavailable: Exception | None) -> str:
        if status == hotkeys.OK:
            return self.tr("{0} works in every program.").format(key)
        if status == "taken":
            return self.tr("{0} is already used by another program; choose another key.").format(
                key
            )
        if status == "same":
            return self.tr("{0} is already the other shortcut; choose another key.").format(key)
        if status == "pending":
            return self.tr("{0} waits for the desktop to confirm it.").format(key)
        if status == "unavailable":
            return self.tr("Global shortcuts are not possible here: {0}").format(
                describe(unavailable) if unavailable is not None else ""
            )
        if status == "failed":
            return self.tr("{0} could not be set up on this system; choose another key.").format(
                key
            )
        return ""
