"""Small helpers shared by every window: translated kind names, colours, formatting.

Nothing in this module imports more than QtCore, so the tray's start-up stays fast. Strings
are translated with ``QCoreApplication.translate("Context", "literal")`` written out at
each call: lupdate only finds literal arguments of ``tr`` / ``translate`` calls, never
through a wrapper function.
Dates and numbers are formatted by ``tracker.ui.i18n`` in the UI language's locale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from tracker.domain.model import Kind
from tracker.domain.stats import percent_shown
from tracker.domain.timeparse import hm
from tracker.ui import i18n
from tracker.ui.colors import GROWTH_COLOR, TASK_COLOR
from tracker.ui.colors import MET_COLOR as MET_COLOR  # shared with the summary

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# Okabe-Ito colours (safe for colour-blind users): task blue, growth orange, target met green.
KIND_COLORS: dict[Kind, str] = {Kind.TASK: TASK_COLOR, Kind.GROWTH: GROWTH_COLOR}

APP_TITLE = "Growth Tracker"


def kind_label(kind: Kind) -> str:
    """The kind as people read it: "Task" / "Growth" (作業 / 成長)."""
    if kind is Kind.TASK:
        return QCoreApplication.translate("Kind", "Task")
    return QCoreApplication.translate("Kind", "Growth")


def kind_word(kind: Kind) -> str:
    """The kind inside a sentence, lower-case in English: "the growth block" (成長)."""
    if kind is Kind.TASK:
        return QCoreApplication.translate("Kind", "task")
    return QCoreApplication.translate("Kind", "growth")


def fmt_hm(seconds: int) -> str:
    """A duration as h:mm (rounded down to the minute)."""
    return hm(seconds)


def fmt_need(seconds: int) -> str:
    """Growth time still needed as h:mm, rounded *up* to the next minute: 30 s more is
    "0:01", never a "0:00" that would read as "nothing more needed"."""
    return hm(-(-seconds // 60) * 60)


def fmt_pct(ratio: float | None, target: float | None = None) -> str:
    """A ratio as a percentage in the UI's locale ("18%"), or "–" when there is none.

    Given the ``target`` it is measured against, the number never crosses it (19.96 %
    against 20 % reads "19.9%", not "20%"): the rule is ``percent_shown`` in the domain,
    the same for the CLI. The summary, the tray and the charts all format ratios here.
    """
    if ratio is None:
        return "–"
    value, decimals = percent_shown(ratio, target)
    return i18n.format_number(value, decimals) + i18n.locale().percent()


def fmt_int(value: int) -> str:
    """A count with the locale's digit grouping ("1,234")."""
    return i18n.format_number(value)


_IDLE_BACKENDS = {
    "x11": "X11",
    "windows": "Windows",
    "macos": "macOS",
    "dbus:org.gnome.Mutter.IdleMonitor": "GNOME (D-Bus)",
    "dbus:org.gnome.ScreenSaver": "GNOME (D-Bus)",
    "dbus:org.freedesktop.ScreenSaver": "KDE / freedesktop (D-Bus)",
    "wayland:ext-idle-notify": "Wayland (ext-idle-notify)",
    "wayland:org_kde_kwin_idle": "Wayland (KDE idle protocol)",
}


def idle_backend_name(name: str) -> str:
    """An idle source's name as people write it: "x11" is "X11", "macos" is "macOS"."""
    return _IDLE_BACKENDS.get(name, name)


def menu_text(text: str) -> str:
    """Free text (a label) made safe for a menu item: '&' would become an accelerator."""
    return text.replace("&", "&&")


def place_centered(window: QWidget, parent: QWidget | None = None) -> None:
    """Move a window about to be shown to the middle of ``parent`` (when it is visible),
    else to the middle of the screen under the mouse pointer (where the tray was just
    clicked), kept inside that screen's free area. QtGui is imported here, not at the top
    (this module stays QtCore-only)."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QCursor, QGuiApplication

    if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        window.adjustSize()  # a dialog's size comes from its layout
    if parent is not None and parent.isVisible():
        screen = parent.screen()
        centre = parent.frameGeometry().center()
    else:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        centre = screen.availableGeometry().center()
    free = screen.availableGeometry()
    # the size it will show at: a layout's minimum wins over a smaller resize()
    rect = QRect(QPoint(0, 0), window.size().expandedTo(window.minimumSizeHint()))
    rect.moveCenter(centre)
    x = max(free.left(), min(rect.left(), free.right() + 1 - rect.width()))
    y = max(free.top(), min(rect.top(), free.bottom() + 1 - rect.height()))
    window.move(x, y)
