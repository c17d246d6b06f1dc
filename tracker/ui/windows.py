"""The app's windows, imported lazily the first time each is opened.

Each window lives in its own module. Nothing here is imported before it is needed, so the
tray starts without matplotlib and without any window code. What the app may ask of a
window beyond being a ``QWidget`` is spelled out by the protocols below (``Refreshes``,
``ShowsDay``, ``PresetsRange``, ``KeepsView``), checked with ``isinstance``.

A language switch never leaves a window half in each language: a window that retranslates
itself (``RETRANSLATING``) does so; every other open window is built again in the new
language, in the same place, showing the same day and the same choices (the editor's
undo history starts afresh); a hidden one is built again on its next open. While a modal
question is open (or an export runs) the rebuild waits for it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from tracker.ui import i18n
from tracker.ui.common import place_centered

if TYPE_CHECKING:
    from tracker.service import TrackerService

# name -> (module, class); every class takes (service, parent=None) and has refresh().
WINDOWS: dict[str, tuple[str, str]] = {
    "summary": ("tracker.ui.summary.window", "SummaryWindow"),
    "editor": ("tracker.ui.editor.window", "EditorWindow"),
    "export": ("tracker.ui.export_dialog", "ExportDialog"),
    "import": ("tracker.ui.import_dialog", "ImportDialog"),
    "settings": ("tracker.ui.settings_dialog", "SettingsDialog"),
    "team": ("tracker.ui.team.window", "TeamWindow"),
    "team_settings": ("tracker.ui.team.settings", "TeamSettingsDialog"),
}
# Dialogs start fresh on every open; windows keep their state between opens.
DIALOGS = frozenset({"export", "import", "settings"})
# Windows that set all their texts again on Qt's LanguageChange (the others are rebuilt).
RETRANSLATING = frozenset({"settings", "team_settings"})
RELANGUAGE_RETRY_MS = 500


@runtime_checkable
class Refreshes(Protocol):
    def refresh(self) -> None:
        """Show the data anew (it changed)."""


@runtime_checkable
class ShowsDay(Protocol):
    def show_day(self, day: dt.date) -> None:
        """Show ``day`` (the summary, the editor)."""


@runtime_checkable
class PresetsRange(Protocol):
    def set_range(self, first: dt.date, last: dt.date) -> None:
        """Preset the days to work on (the export, opened from the summary)."""


@runtime_checkable
class KeepsView(Protocol):
    """A window whose view (day, range, selection) outlives its rebuild in a new language."""

    def view_state(self) -> object:
        """What it shows, for ``restore_view`` on the rebuilt window."""

    def restore_view(self, state: object) -> None:
        """Show again what ``view_state`` described."""


WindowClass = Callable[["TrackerService"], QWidget]


def load_class(module: str, cls: str) -> WindowClass:
    found = getattr(importlib.import_module(module), cls)
    if not (isinstance(found, type) and issubclass(found, QWidget)):
        raise TypeError(f"{module}.{cls} is not a window")
    return cast(WindowClass, found)  # every window class takes (service, parent=None)


class WindowSet:
    """Creates windows on demand, wires them once, refreshes the open ones on changes."""

    def __init__(self, service: TrackerService, wire: Callable[[str, QWidget], None]) -> None:
        self.service = service
        self._wire = wire
        self.open: dict[str, QWidget] = {}
        self._language: dict[str, int] = {}  # i18n.generation() each window was built in

    def get(self, name: str) -> QWidget:
        window = self.open.get(name)
        stale = self._language.get(name) != i18n.generation()  # the language changed since
        if window is not None and (name in DIALOGS or stale) and not window.isVisible():
            window.deleteLater()
            window = None
        if window is None:
            window = load_class(*WINDOWS[name])(self.service)
            self._wire(name, window)
            self.open[name] = window
            self._language[name] = i18n.generation()
        elif isinstance(window, Refreshes):
            window.refresh()
        return window

    def show(self, name: str, near: QWidget | None = None) -> QWidget:
        """Show a window, on its first show centred on ``near`` (the window it was opened
        from) or on the screen under the mouse pointer; later it stays where it was put."""
        window = self.get(name)
        if not window.isVisible() and not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
            place_centered(window, near)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def refresh(self, skip: object = None) -> None:
        """Call refresh() on every visible window but ``skip`` (the one that changed it)."""
        for window in list(self.open.values()):
            if window is not skip and window.isVisible() and isinstance(window, Refreshes):
                window.refresh()

    def relanguage(self) -> None:
        """After ``i18n.install``: rebuild every open window built in another language."""
        waiting = False
        for name, old in list(self.open.items()):
            if name in RETRANSLATING or self._language.get(name) == i18n.generation():
                continue
            if not old.isVisible():
                continue  # built again on its next open (``get``)
            if QApplication.activeModalWidget() is not None or getattr(old, "_busy", False):
                waiting = True  # never delete a window under a nested event loop
                continue
            self._rebuild(name, old)
        if waiting:
            QTimer.singleShot(RELANGUAGE_RETRY_MS, self._retry_relanguage)

    def _retry_relanguage(self) -> None:
        if any(w.isVisible() for w in self.open.values()):
            self.relanguage()

    def _rebuild(self, name: str, old: QWidget) -> None:
        geometry = old.saveGeometry()
        values = _values(old)
        view = old.view_state() if isinstance(old, KeepsView) else None
        old.close()  # saves what it holds (the reflection note) before the new one reads
        old.deleteLater()
        del self.open[name]
        new = self.get(name)
        _restore(new, values)
        if view is not None and isinstance(new, KeepsView):
            new.restore_view(view)
        new.restoreGeometry(geometry)
        new.setAttribute(Qt.WidgetAttribute.WA_Moved)  # stays where it was
        new.show()

    def close_all(self) -> None:
        for window in self.open.values():
            window.close()


# -- the choices a window shows, carried over to its rebuilt self ----------------------
# The same class built from the same data has the same widget tree, so the value widgets
# pair up in order; when the trees differ nothing is copied (the window starts fresh).

_VALUE_TYPES = (QComboBox, QAbstractButton, QDateTimeEdit, QSpinBox, QDoubleSpinBox, QLineEdit)


def _value_widgets(window: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, _VALUE_TYPES):
            continue
        if isinstance(widget, QLineEdit) and (
            widget.isReadOnly() or isinstance(widget.parent(), QAbstractSpinBox | QComboBox)
        ):
            continue  # a spin box's or combo box's own line edit: its owner holds the value
        if isinstance(widget, QAbstractButton) and not widget.isCheckable():
            continue
        found.append(widget)
    return found


def _values(window: QWidget) -> list[tuple[str, object]]:
    values: list[tuple[str, object]] = []
    for w in _value_widgets(window):
        value: object
        if isinstance(w, QComboBox):
            value = w.currentIndex()
        elif isinstance(w, QAbstractButton):
            value = w.isChecked()
        elif isinstance(w, QDateTimeEdit):
            value = w.dateTime()
        elif isinstance(w, QSpinBox | QDoubleSpinBox):
            value = w.value()
        elif isinstance(w, QLineEdit):
            value = w.text()
        else:
            continue
        values.append((type(w).__name__, value))
    return values


def _restore(window: QWidget, values: list[tuple[str, object]]) -> None:
    widgets = _value_widgets(window)
    if [type(w).__name__ for w in widgets] != [kind for kind, _ in values]:
        return
    for w, (_, value) in zip(widgets, values, strict=True):
        if isinstance(w, QComboBox) and isinstance(value, int):
            w.setCurrentIndex(value)
        elif isinstance(w, QAbstractButton) and isinstance(value, bool):
            w.setChecked(value)
        elif isinstance(w, QDateTimeEdit) and isinstance(value, QDateTime):
            w.setDateTime(value)
        elif isinstance(w, QSpinBox) and isinstance(value, int):
            w.setValue(value)
        elif isinstance(w, QDoubleSpinBox) and isinstance(value, int | float):
            w.setValue(float(value))
        elif isinstance(w, QLineEdit) and isinstance(value, str):
            w.setText(value)
