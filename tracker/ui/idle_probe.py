"""Finding the session's idle source without holding up the GUI thread.

On Wayland the source is found by asking the desktop over D-Bus which idle monitor answers
(``idle_dbus.DBusIdle``: GNOME's, then the screen saver's at two paths, then which lock
state answers), each call blocking up to 500 ms, and else by connecting to the compositor.
A desktop slow to answer would freeze the icon and every window for seconds, so there the
search runs as a :class:`tracker.ui.jobs.Job` and the source arrives on the GUI thread as
``found``. Elsewhere (X11, Windows, macOS) finding it loads a library and is done at once,
``found`` emitted inside :meth:`IdleProbe.start`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from tracker.platform.idle import IdleSource, Unavailable, is_wayland_session
from tracker.ui import jobs


def blocks_to_find() -> bool:
    """Whether finding this session's idle source asks the desktop over D-Bus (Wayland)."""
    return sys.platform not in ("win32", "darwin") and is_wayland_session()


def _find(_service: None, _progress: Callable[[int, int], bool]) -> IdleSource:
    from tracker.ui import idle_dbus

    return idle_dbus.default_idle_source()


class IdleProbe(QObject):
    """Finds the idle source once; see the module docstring."""

    found = Signal(object)  # the IdleSource, on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: jobs.Job | None = None

    def start(self) -> None:
        if not blocks_to_find():
            self.found.emit(_find(None, lambda _done, _total: True))
            return
        job = jobs.Job(None, _find)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        self.job = job
        job.start_work()

    def _succeeded(self, source: IdleSource) -> None:
        self.job = None
        self.found.emit(source)

    def _failed(self, exc: BaseException) -> None:  # a bug (logged by the job)
        self.job = None
        self.found.emit(Unavailable.from_error(exc))
