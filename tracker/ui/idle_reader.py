"""Idle time read on a thread of its own, for idle sources whose calls block.

The D-Bus idle source (Wayland) makes synchronous calls with a 500 ms timeout; a desktop
that is slow to answer would freeze the icon and every window for as long on the GUI
thread. An idle source that says ``blocking = True`` is therefore read here: the
:class:`IdleReader` lives on a ``QThread``, ``request()`` asks it (queued), and the answer
comes back to the GUI thread as ``answered(idle_seconds, locked)``. One read at a time:
a request while one is under way is answered by that one.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot

from tracker.platform.idle import IdleSource

log = logging.getLogger(__name__)


class _Worker(QObject):
    answered = Signal(object, object)  # idle seconds (float | None), locked (bool | None)

    def __init__(self, source: IdleSource) -> None:
        super().__init__()
        self.source = source

    @Slot()
    def read(self) -> None:
        idle: float | None = None
        locked: bool | None = None
        try:
            idle = self.source.idle_seconds()
            locked = self.source.locked()
        except Exception:  # never lost in a thread: logged, and the answer is "unknown"
            log.exception("reading the idle time failed")
        self.answered.emit(idle, locked)


class IdleReader(QObject):
    """Reads ``source`` off the GUI thread; see the module docstring."""

    answered = Signal(object, object)  # idle seconds, locked: on the GUI thread
    _requested = Signal()

    def __init__(self, source: IdleSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self._thread = QThread()
        self._thread.setObjectName("idle-reader")
        self._worker = _Worker(source)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.read)  # queued: runs on the reader's thread
        self._worker.answered.connect(self._answered)  # queued: back on the GUI thread
        self._thread.start()

    def request(self) -> None:
        if not self.busy:
            self.busy = True
            self._requested.emit()

    def _answered(self, idle: float | None, locked: bool | None) -> None:
        self.busy = False
        self.answered.emit(idle, locked)

    def close(self) -> None:
        """Stop the thread (waits for a read under way: at most the source's timeout)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
