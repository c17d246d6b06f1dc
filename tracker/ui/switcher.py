"""The quick switcher: start a block from the keyboard alone, from any application.

Opened by the ``hotkey_switcher`` key (docs/architecture.md §7) at the centre of the
screen. One line to type in and the recent labels of both kinds below it, filtered as one
types (a substring, case-insensitive; text composed through the IME counts once
committed), the first match chosen. A chosen label brings its kind; with none chosen the
kind is the one a click would switch to. Up/Down choose another label, Tab flips the
kind, Enter starts the block (the chosen label, else the typed text), Esc closes. The
panel only says what the user asked for (``start_requested``); the app starts the block.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tracker.domain.model import Kind
from tracker.ui.common import APP_TITLE, kind_label

ROLE_KIND = Qt.ItemDataRole.UserRole
ROLE_LABEL = Qt.ItemDataRole.UserRole + 1
SHOWN = 12  # recent labels listed per kind


class QuickSwitcher(QWidget):
    """A small frameless panel; see the module docstring."""

    start_requested = Signal(Kind, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        flags = (
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        super().__init__(parent, flags)
        self.setObjectName("QuickSwitcher")
        self.setWindowTitle(APP_TITLE)
        self.base = Kind.GROWTH  # what a click would switch to: listed first
        self.flipped = False  # Tab pressed (an odd number of times)
        self._recent: dict[Kind, list[str]] = {Kind.TASK: [], Kind.GROWTH: []}
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("switcherKind")
        self.edit = QLineEdit()
        self.edit.setObjectName("switcherText")
        self.edit.setMinimumWidth(360)
        self.list = QListWidget()
        self.list.setObjectName("switcherList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the line
        self.list.setMaximumHeight(8 * self.fontMetrics().height() + 12)
        self.hint = QLabel()
        self.hint.setObjectName("switcherHint")
        for widget in (self.heading, self.edit, self.list, self.hint):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self._filter)
        self.edit.installEventFilter(self)
        self.setStyleSheet("QWidget#QuickSwitcher { border: 1px solid palette(mid); }")

    # -- showing ------------------------------------------------------------------------

    def open(self, kind: Kind, recent: dict[Kind, list[str]]) -> None:
        """Show the panel for ``kind`` (what a click would switch to) over ``recent``."""
        self.base = kind
        self.flipped = False
        self._recent = {k: list(v)[:SHOWN] for k, v in recent.items()}
        self.edit.clear()
        self._filter()
        self.adjustSize()
        screen = QGuiApplication.screenAt(self.cursor().pos()) or QGuiApplication.primaryScreen()
        frame = self.frameGeometry()
        frame.moveCenter(screen.availableGeometry().center())
        self.move(frame.topLeft())
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    @property
    def kind(self) -> Kind:
        """The kind Enter would start: the chosen label's (else the base one), flipped."""
        item = self.list.currentItem() if self.list.currentRow() >= 0 else None
        kind = self.base if item is None else Kind(item.data(ROLE_KIND))
        return kind.other if self.flipped else kind

    def _retitle(self) -> None:
        self.heading.setText(
            self.tr("Start a {0} block — Tab switches task ⇄ growth").format(kind_label(self.kind))
        )
        self.hint.setText(self.tr("Enter starts · Esc closes"))

    def _filter(self) -> None:
        """The labels containing the typed text, this kind's first."""
        needle = self.edit.text().strip().casefold()
        self.list.clear()
        for kind in (self.base, self.base.other):
            for label in self._recent.get(kind, []):
                if needle and needle not in label.casefold():
                    continue
                item = QListWidgetItem(f"{kind_label(kind)}  {label}")
                item.setData(ROLE_KIND, kind.value)
                item.setData(ROLE_LABEL, label)
                self.list.addItem(item)
        # A typed text picks the first match; an empty one starts with no label chosen.
        self.list.setCurrentRow(0 if needle and self.list.count() else -1)
        self._retitle()

    # -- keys ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._key(event):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.flipped = not self.flipped
            self._retitle()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            row = max(-1, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            self.flipped = False  # a label chosen anew comes with its own kind
            self._retitle()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_choice()
        else:
            return False
        return True

    def chosen(self) -> tuple[Kind, str]:
        """What Enter would start: the chosen label (with the kind shown), else the text."""
        item = self.list.currentItem()
        if item is not None and self.list.currentRow() >= 0:
            return self.kind, str(item.data(ROLE_LABEL))
        return self.kind, self.edit.text().strip()

    def accept_choice(self) -> None:
        kind, label = self.chosen()
        self.close()
        self.start_requested.emit(kind, label)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._filter()
        super().changeEvent(event)
