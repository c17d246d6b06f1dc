"""Global hotkeys at the OS boundary, without Qt (docs/architecture.md §7).

One module per system: ``x11`` (XGrabKey on an xcb connection of its own), ``windows``
(``RegisterHotKey``), ``macos`` (Carbon ``RegisterEventHotKey``). Each grabs a
:class:`tracker.domain.hotkeys.Hotkey` and says whether the system gave it: a key another
program holds is :data:`TAKEN`, never silently ignored. The Qt side (``tracker.ui.hotkeys``)
turns their events into signals.
"""

from __future__ import annotations

OK = "ok"
TAKEN = "taken"  # another program holds the key (X11 BadAccess, RegisterHotKey failed)
FAILED = "failed"  # the system refused it for another reason


class HotkeyUnavailable(Exception):
    """This system offers no global hotkeys here; ``reason`` says why (shown in Settings)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
