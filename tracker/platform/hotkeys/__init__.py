"""Global hotkeys at the OS boundary, without Qt (docs/architecture.md §7).

One module per system: ``x11`` (XGrabKey on an xcb connection of its own), ``windows``
(``RegisterHotKey``), ``macos`` (Carbon ``RegisterEventHotKey``). Each grabs a
:class:`tracker.domain.hotkeys.Hotkey` and says whether the system gave it: a key another
program holds is :data:`TAKEN`, never silently ignored. The Qt side (``tracker.ui.hotkeys``)
turns their events into signals.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.domain import messages

OK = "ok"
TAKEN = "taken"  # another program holds the key (X11 BadAccess, RegisterHotKey failed)
FAILED = "failed"  # the system refused it for another reason


class HotkeyUnavailable(Exception):
    """This system offers no global hotkeys here. ``code`` and ``params`` name the reason
    as an error's do (docs/architecture.md §11), so Settings shows it in the user's
    language; ``str()`` is the English of the catalogue."""

    def __init__(self, *, code: str, params: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.variant: str | None = None
        self.params: Mapping[str, object] = dict(params or {})
        super().__init__(messages.english(code, self.params))
