"""The app's windows, imported lazily the first time each is opened.

Each window lives in its own module (built in parallel by several people); a menu item is
enabled only when its module exists. Nothing here is imported before it is needed, so the
tray starts without matplotlib and without any window code. A hidden window built before a
language switch is built again on its next open, so it shows the new language.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tracker.ui import i18n
from tracker.ui.common import module_available, place_centered

# name -> (module, class); every class takes (service, parent=None) and has refresh().
WINDOWS: dict[str, tuple[str, str]] = {
    "summary": ("tracker.ui.summary.window", "SummaryWindow"),
    "editor": ("tracker.ui.editor.window", "EditorWindow"),
    "export": ("tracker.ui.export_dialog", "ExportDialog"),
    "import": ("tracker.ui.import_dialog", "ImportDialog"),
    "settings": ("tracker.ui.settings_dialog", "SettingsDialog"),
}
AWAY = ("tracker.ui.away", "AwayMonitor")
# Dialogs start fresh on every open; windows keep their state between opens.
DIALOGS = frozenset({"export", "import", "settings"})


def available(name: str) -> bool:
    module = WINDOWS[name][0] if name in WINDOWS else AWAY[0]
    return module_available(module)


def load_class(module: str, cls: str) -> Any:
    return getattr(importlib.import_module(module), cls)


class WindowSet:
    """Creates windows on demand, wires them once, refreshes the open ones on changes."""

    def __init__(self, service: Any, wire: Callable[[str, QWidget], None]) -> None:
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
        elif hasattr(window, "refresh"):
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
            if window is not skip and window.isVisible() and hasattr(window, "refresh"):
                window.refresh()

    def close_all(self) -> None:
        for window in self.open.values():
            window.close()
