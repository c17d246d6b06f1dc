"""The tray's first icon, shown before the rest of the app is loaded (docs/architecture.md §9).

``show_first`` reads the state the way ``status``'s fast path does (``tracker.entry`` hands
it ``quickstatus.tray_state``: one read-only look at the file, no service), paints one
pixmap of the icon ``App`` would show and shows a ``QSystemTrayIcon`` with it. The
service, the app's parts, the full set of pixmaps, translations, D-Bus, reminders, hotkeys
and sync load once that icon is docked (``tracker.ui.docked``). Clicks on the icon
meanwhile are kept (``FirstIcon.take``) and handed to the app, which applies them once it
runs: nothing a person does is lost.

Where only the service can tell what to show (no tray host yet, a file the peek hands over,
a block that may be stale, an absence, sync), ``show_first`` returns None and the tray
starts the old way, everything before the icon.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from tracker.ui.icon import IconState, render_pixmap

APP_TITLE = "Growth Tracker"  # tracker.ui.common.APP_TITLE (a test keeps them equal)
FIRST_SIZE = 22  # Qt's tray icon size on X11; the full set of sizes follows
# ("idle"/"task"/"growth", today's ratio to 3 decimals or None, target), or None: the
# service must tell. ``tracker.entry`` passes ``quickstatus.tray_state`` (status's peek).
FirstState = Callable[[], "tuple[str, float | None, float] | None"]


class FirstIcon:
    """The shown icon and the activations (clicks) it received before the app ran."""

    def __init__(self, icon: QSystemTrayIcon, menu: QMenu, key: tuple[object, ...]) -> None:
        self.icon = icon
        self.menu = menu  # empty until the app fills it (TrayController)
        self.key = key  # (state, ratio, target, dark, template): what it shows
        self.clicks: list[QSystemTrayIcon.ActivationReason] = []
        icon.activated.connect(self._keep)

    def _keep(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        self.clicks.append(reason)

    def take(self) -> list[QSystemTrayIcon.ActivationReason]:
        """Stop keeping clicks; the ones kept so far, oldest first."""
        self.icon.activated.disconnect(self._keep)
        clicks, self.clicks = self.clicks, []
        return clicks


def show_first(first_state: FirstState) -> FirstIcon | None:
    """Show the first icon with what ``first_state`` reads; None to start the old way."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    try:
        state = first_state()
    except Exception:  # the service meets it again and explains it
        return None
    if state is None:
        return None
    from tracker.ui.panel_theme import panel_dark

    name, ratio, target = state
    kind = {"task": IconState.TASK, "growth": IconState.GROWTH}.get(name, IconState.IDLE)
    template = sys.platform == "darwin"  # as PanelTheme.template
    dark = panel_dark()
    dpr = QGuiApplication.primaryScreen().devicePixelRatio()
    pixmap = render_pixmap(kind, ratio, target, FIRST_SIZE, dpr, dark, template)
    icon = QSystemTrayIcon(QIcon(pixmap))
    icon.setToolTip(APP_TITLE)
    # The menu the app fills later, set before the icon shows: a StatusNotifier tray (KDE,
    # waybar, GNOME's extension) learns whether the item has a menu when it registers.
    menu = QMenu()
    icon.setContextMenu(menu)
    icon.show()
    return FirstIcon(icon, menu, (kind, ratio, target, dark, template))
