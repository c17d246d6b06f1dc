"""Whether the tray's panel is dark, from what each platform says (no Qt here).

The tray panel need not match the application palette: GNOME's top bar is dark in the
light style too, XFCE, Cinnamon and MATE ship dark panels while their GTK theme (and so
Qt's palette) is light, and Windows themes the taskbar apart from apps. So the answer
comes from the platform where it says, in this order (docs/architecture.md §7):

* Windows: ``SystemUsesLightTheme`` under HKCU\\...\\Themes\\Personalize (0 = dark
  taskbar; missing before Windows 10 1903, whose taskbar is always dark).
* macOS: nothing to decide, the icon is a template image the menu bar colours.
* Linux: GNOME-family desktops have a dark top bar whatever the scheme; otherwise the
  XDG settings portal's ``org.freedesktop.appearance color-scheme`` (1 = prefer dark,
  2 = prefer light); on Qt desktops (KDE, LXQt) the Qt colour scheme, which is the
  desktop's own; else dark, the default panel of most other desktops.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

PERSONALIZE_KEY = r"Software\Microsoft\Windows\CurrentVersion\Themes\Personalize"

PORTAL_PREFER_DARK = 1
PORTAL_PREFER_LIGHT = 2

_ALWAYS_DARK = frozenset({"gnome", "unity", "ubuntu", "pantheon"})
_QT_DESKTOPS = frozenset({"kde", "lxqt"})


def _read_system_uses_light_theme() -> int:
    """The registry value itself; raises OSError when it or the key is missing."""
    if sys.platform != "win32":
        raise OSError("no Windows registry here")
    import winreg

    key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, PERSONALIZE_KEY)
    with key:
        value, _ = winreg.QueryValueEx(key, "SystemUsesLightTheme")
    return int(value)


def windows_panel_dark(read: Callable[[], int] = _read_system_uses_light_theme) -> bool:
    """True unless Windows says the taskbar uses the light theme."""
    try:
        return read() == 0
    except (OSError, ImportError, ValueError, TypeError):
        return True


def portal_matters(desktop: str) -> bool:
    """Whether the settings portal's colour scheme can change the answer: not on GNOME
    (its top bar is dark in both styles) and not without a named desktop (a bare window
    manager has no portal to ask; not loading QtDBus there keeps the tray ~2 MB lighter)."""
    names = {part.strip().lower() for part in desktop.split(":") if part.strip()}
    return bool(names) and not names & _ALWAYS_DARK


def linux_panel_dark(desktop: str, portal_scheme: int | None, qt_dark: bool | None) -> bool:
    """``desktop``: $XDG_CURRENT_DESKTOP (``ubuntu:GNOME``); ``portal_scheme``: the
    portal's color-scheme, None when there is no portal; ``qt_dark``: Qt's colour scheme
    (None: unknown)."""
    names = {part.strip().lower() for part in desktop.split(":") if part.strip()}
    if names & _ALWAYS_DARK:
        return True
    if portal_scheme == PORTAL_PREFER_DARK:
        return True
    if portal_scheme == PORTAL_PREFER_LIGHT:
        return False
    if names & _QT_DESKTOPS and qt_dark is not None:
        return qt_dark
    return True


def unwrap_scheme(value: object) -> int | None:
    """The portal's reply, a uint32 wrapped in one or two D-Bus variants, as an int."""
    for _ in range(3):
        inner = getattr(value, "variant", None)
        if not callable(inner):
            break
        value = inner()
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if value in (0, PORTAL_PREFER_DARK, PORTAL_PREFER_LIGHT) else None
