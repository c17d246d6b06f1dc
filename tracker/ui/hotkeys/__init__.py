"""Global hotkeys as one component of the app (docs/architecture.md §7).

``GlobalHotkeys`` holds the keys of the settings ``hotkey_toggle`` and ``hotkey_switcher``
with the backend of the platform Qt runs on (:func:`tracker.ui.hotkeys.backends.create`):
X11, Windows, macOS, or the XDG desktop portal on Wayland. It grabs a key when its setting
changes and releases it when the setting is emptied; a key the system refused is kept in
``status`` (``taken``: another program holds it), which the Settings dialog shows. A press
becomes ``toggle_pressed`` or ``switcher_pressed``; the app decides what they do.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from tracker.domain.hotkeys import parse_hotkey
from tracker.domain.model import ValidationError
from tracker.platform.hotkeys import FAILED, OK, HotkeyUnavailable

log = logging.getLogger(__name__)

NAMES = ("hotkey_toggle", "hotkey_switcher")
OFF = "off"


class Backend(Protocol):
    name: str

    def grab(self, name: str, text: str) -> str: ...

    def release(self, name: str) -> None: ...

    def close(self) -> None: ...


_current: GlobalHotkeys | None = None


def current() -> GlobalHotkeys | None:
    """The running app's hotkeys (for the Settings dialog), None outside the tray."""
    return _current


class GlobalHotkeys(QObject):
    """See the module docstring."""

    toggle_pressed = Signal()
    switcher_pressed = Signal()
    status_changed = Signal()

    def __init__(self, parent: QObject | None = None, backend: Backend | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.unavailable: Exception | None = None  # why this system has no global keys
        self.keys: dict[str, str] = dict.fromkeys(NAMES, "")
        self.status: dict[str, str] = dict.fromkeys(NAMES, OFF)

    def make_current(self) -> None:
        global _current
        _current = self

    @property
    def backend_name(self) -> str | None:
        return None if self._backend is None else self._backend.name

    def _ensure_backend(self) -> Backend | None:
        if self._backend is None and self.unavailable is None:
            from tracker.ui.hotkeys.backends import create

            try:
                self._backend = create(self.pressed, self.report)
            except HotkeyUnavailable as exc:
                self.unavailable = exc
            except Exception as exc:  # a library that misbehaves: no keys, told in Settings
                log.exception("global hotkeys unavailable")
                self.unavailable = exc
        return self._backend

    def apply(self, settings: Mapping[str, Any]) -> None:
        """Grab what the settings name now (only what changed)."""
        changed = False
        for name in NAMES:
            text = str(settings.get(name) or "")
            if text == self.keys[name]:
                continue
            changed = True
            self.keys[name] = text
            self.status[name] = self._grab(name, text)
        if changed:
            self.status_changed.emit()

    def _grab(self, name: str, text: str) -> str:
        backend = self._backend
        if backend is not None:
            backend.release(name)
        if not text:
            return OFF
        try:
            parse_hotkey(text)
        except ValidationError:
            return FAILED  # a stored value from a newer version; the setting reads as off
        if any(self.keys[other] == text for other in NAMES if other != name):
            return "same"  # one key cannot do two things; the first one keeps it
        backend = self._ensure_backend()
        if backend is None:
            return "unavailable"
        try:
            return backend.grab(name, text)
        except Exception:
            log.exception("grabbing %s failed", text)
            return FAILED

    def report(self, name: str, status: str) -> None:
        """A status the backend learned later (the Wayland portal answers asynchronously)."""
        if name in self.status and self.keys[name] and self.status[name] != status:
            self.status[name] = status
            self.status_changed.emit()

    def pressed(self, name: str) -> None:
        if name == "hotkey_toggle":
            self.toggle_pressed.emit()
        elif name == "hotkey_switcher":
            self.switcher_pressed.emit()

    def close(self) -> None:
        global _current
        if self._backend is not None:
            for name in NAMES:
                self._backend.release(name)
            self._backend.close()
            self._backend = None
        if _current is self:
            _current = None


__all__ = ["NAMES", "OFF", "OK", "Backend", "GlobalHotkeys", "current"]
