"""Away monitor: polls idle time while a block runs and asks what the away span was.

One coarse QTimer, at most every 10 s and only while a block runs, feeds
``tracker.domain.away.AwayPolicy``. When the user has left, the service remembers it
(``mark_away``, shown by ``growth-tracker status``); when they are back, a notification
(``notify`` signal, for the tray) and a dialog "You were away 12:04–12:51 (47 min)" offer
Discard (default), Keep as task, Keep as growth and Stop tracking. Closing the dialog
(Esc) or quitting while away or with the dialog open stops the block at when the user
left: no answer never counts the away time as work. While the question is open the
tray waits for it (``asking``; the app raises the dialog instead of acting), and the
answer only ever applies to the block that ran when the user left (the service refuses
it when another block runs by then, e.g. one switched from the CLI).

Wiring (the app): ``start()`` after start-up, ``refresh()`` on every data change (so the
timer starts when a block does), ``stop()`` (or ``shutdown()``) before the app stops the
running block on quit, ``notify`` → tray message, ``blocks_changed`` → refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from tracker.domain.away import AwayPolicy, Left, Returned, Sample
from tracker.domain.model import TrackerError
from tracker.domain.timeparse import clock_text
from tracker.platform.idle import IdleSource
from tracker.service import AwayChoice, TrackerService
from tracker.ui import i18n, testing
from tracker.ui.error_text import describe
from tracker.ui.idle_reader import IdleReader
from tracker.ui.wrap_label import guard_clipboard

log = logging.getLogger(__name__)

IdleCallback = Callable[[float | None, bool | None], None]  # idle seconds, screen locked
Caller = Callable[..., object]  # runs a call, reporting its failure (``Notifier.call``)

MAX_POLL_S = 10.0
MIN_POLL_S = 0.5


def poll_interval_s(threshold_s: float) -> float:
    """A quarter of the threshold, between 0.5 s and 10 s (10 s for any real setting)."""
    return min(MAX_POLL_S, max(MIN_POLL_S, threshold_s / 4))


class AwayMonitor(QObject):
    """Watches for the user leaving while a block runs; see the module docstring."""

    blocks_changed = Signal()
    notify = Signal(str, str)  # title, text: a tray notification

    def __init__(
        self,
        service: TrackerService,
        parent: QObject | None = None,
        idle_source: IdleSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        # None while it is being found (on Wayland, off the GUI thread: ``idle_probe``)
        self.idle_source: IdleSource | None = None
        self._reader: IdleReader | None = None
        self._waiting: list[IdleCallback] = []  # what waits for the source or the reader
        self._closed = False
        self.policy = AwayPolicy(self.threshold_s(), poll_interval_s(self.threshold_s()))
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.poll)
        self._started = False
        self._asking: Returned | None = None
        self._asking_block: int | None = None  # the block that ran when the user left
        self._dialog: QMessageBox | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        if idle_source is not None:
            self._found(idle_source)
        else:
            from tracker.ui.idle_probe import IdleProbe

            probe = IdleProbe(self)
            probe.found.connect(self._found)
            probe.start()

    def _found(self, source: IdleSource) -> None:
        if self._closed:  # shut down while it was being found
            source.close()
            return
        self.idle_source = source
        # a source whose calls block (D-Bus) is read on a thread of its own
        if getattr(source, "blocking", False):
            self._reader = IdleReader(source, self)
            self._reader.answered.connect(self._idle_answered)
        if self._waiting:  # reads asked for while the source was being found
            if self._reader is not None:
                self._reader.request()
            else:
                self._idle_answered(source.idle_seconds(), source.locked())

    # -- life cycle ---------------------------------------------------------------------

    def threshold_s(self) -> float:
        """``away_minutes`` in seconds (0 = off); a test's threshold wins (``testing``)."""
        forced = testing.away_seconds()
        if forced is not None:
            return forced
        return float(self.service.setting("away_minutes")) * 60

    def start(self) -> None:
        """Begin watching; continues an away span remembered from before a restart."""
        self._started = True
        left_at = self.service.away_since()
        if left_at is not None:
            self.policy.restore(left_at)
        self.refresh()

    def refresh(self) -> None:
        """Settings or blocks changed: poll only while a block runs and the feature is on."""
        if not self._started:
            return
        threshold = self.threshold_s()
        self.policy.threshold_s = threshold
        self.policy.poll_s = poll_interval_s(threshold)
        running = self.service.running()
        if running is None or threshold <= 0:
            self.timer.stop()
            # an away span this monitor knows of, or one the service still reports, ends here
            if self.policy.left_at is not None or self.service.away_since() is not None:
                self.service.clear_away()
            self.policy.reset()
            return
        interval = round(self.policy.poll_s * 1000)
        if not self.timer.isActive() or self.timer.interval() != interval:
            self.timer.start(interval)

    @property
    def asking(self) -> bool:
        """Whether the away question is open: a click on the tray must wait for the answer."""
        return self._asking is not None

    def raise_dialog(self) -> None:
        """Bring the open away question to the front (the tray was used meanwhile)."""
        if self._dialog is not None:
            self._dialog.show()
            self._dialog.raise_()
            self._dialog.activateWindow()

    def stop(self) -> None:
        """Stop watching. Away (or asking) right now: the block ends when the user left."""
        self._started = False
        self.timer.stop()
        left_at = self._asking.left_at if self._asking is not None else self.policy.left_at
        block_id = self._asking_block if self._asking is not None else None
        self._asking = None
        self.policy.reset()
        if self._dialog is not None:
            self._dialog.reject()
        if left_at is not None:
            self._resolve(AwayChoice.STOP, left_at, left_at, block_id)

    def shutdown(self) -> None:
        """For the app's quit path: the same as ``stop()``; safe to call twice."""
        self.stop()
        self._closed = True
        if self._reader is not None:
            self._reader.close()
        if self.idle_source is not None:
            self.idle_source.close()

    # -- polling ------------------------------------------------------------------------

    def read_idle(self, then: IdleCallback) -> None:
        """``then(idle_seconds, locked)``: at once, or for a source whose calls block (D-Bus)
        when the reader thread answers (back on the GUI thread); while the source is still
        being found, once it is."""
        if self.idle_source is None:
            self._waiting.append(then)
            return
        if self._reader is None:
            then(self.idle_source.idle_seconds(), self.idle_source.locked())
            return
        self._waiting.append(then)
        self._reader.request()

    def _idle_answered(self, idle: float | None, locked: bool | None) -> None:
        waiting, self._waiting = self._waiting, []
        if not self._started:
            return  # stopped (quitting) while the reader was asked: nothing to observe
        for then in waiting:
            then(idle, locked)

    def poll(self) -> None:
        """One sample: the idle time read, then observed (the timer's, and the app's)."""
        if self._asking is not None:
            return
        if self.service.running() is None:
            self.refresh()
            return
        self.read_idle(self._observe)

    def settle(self, then: Callable[[], object], call: Caller) -> None:
        """Poll now and run ``then`` once the poll is settled: after the away question,
        when this poll finds the user back. ``call`` reports a failing poll (``then``
        still runs)."""
        ran = False

        def run_once() -> None:
            nonlocal ran
            if not ran:
                ran = True
                then()

        def observed(idle: float | None, locked: bool | None) -> None:
            call(self._observe, idle, locked)
            run_once()

        if self._can_observe():
            call(self.read_idle, observed)
        else:
            call(self.poll)
        if observed not in self._waiting:  # not waiting for the reader thread
            run_once()

    def _can_observe(self) -> bool:
        return self._asking is None and self.service.running() is not None

    def _observe(self, idle: float | None, locked: bool | None) -> None:
        if self._asking is not None:
            return
        running = self.service.running()
        if running is None:
            self.refresh()
            return
        clock = self.service.clock
        sample = Sample(clock.now(), clock.monotonic(), idle, running.started_at, locked)
        event = self.policy.observe(sample)
        if isinstance(event, Left):
            self.service.mark_away(event.left_at)
        elif isinstance(event, Returned):
            self._returned(event, running.id)

    def _returned(self, event: Returned, block_id: int) -> None:
        self.service.mark_away(event.left_at)
        text = self.away_text(event.left_at, event.returned_at)
        self.notify.emit(QCoreApplication.translate("AwayMonitor", "Welcome back"), text)
        self._asking = event
        self._asking_block = block_id
        self.timer.stop()
        try:
            choice = self.ask(text, self._register_dialog)
        finally:
            self._dialog = None
        if self._asking is not event:
            return  # stop() settled it while the dialog was open (quit)
        self._asking = None
        self._resolve(choice or AwayChoice.STOP, event.left_at, event.returned_at, block_id)
        self.refresh()

    def _register_dialog(self, dialog: QMessageBox) -> None:
        self._dialog = dialog

    def _resolve(
        self, choice: AwayChoice, left_at: int, returned_at: int, block_id: int | None
    ) -> None:
        try:
            self.service.resolve_away(choice, left_at, returned_at, block_id=block_id)
        except TrackerError as exc:
            # the code, never the message: it can quote the block's label
            log.warning("away span not settled (%s)", exc.code or type(exc).__name__)
            self.service.clear_away()
            self.notify.emit(
                QCoreApplication.translate("AwayMonitor", "Away time not changed"),
                describe(exc, self.service.tz),
            )
        self.blocks_changed.emit()

    def away_text(self, left_at: int, returned_at: int) -> str:
        tz = self.service.tz
        start, end = clock_text(left_at, tz), clock_text(returned_at, tz)
        minutes = returned_at // 60 - left_at // 60  # agrees with the two times shown
        return QCoreApplication.translate("AwayMonitor", "You were away {0}–{1} ({2} min)").format(
            start, end, minutes
        )

    # -- the question -------------------------------------------------------------------

    @classmethod
    def ask(
        cls, text: str, opened: Callable[[QMessageBox], None] | None = None
    ) -> AwayChoice | None:
        """Ask what the away span was (modal); None when closed without an answer."""
        box = AwayDialog(text)
        if opened is not None:
            opened(box)
        box.exec()
        return box.choice()


class AwayDialog(QMessageBox):
    """The four answers; Discard is the default, Esc / close means Stop tracking."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AwayDialog")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(QCoreApplication.translate("AwayMonitor", "Away from the desk"))
        guard_clipboard()  # the box copies its text on Ctrl+C: without the marks
        self.setText(i18n.phrase_wrap(text))
        self.setInformativeText(
            i18n.phrase_wrap(
                QCoreApplication.translate(
                    "AwayMonitor",
                    "Discard: the block ends when you left and starts again when you came "
                    "back.\nKeep: the away time becomes its own task or growth block.\n"
                    "Stop tracking: the block ends when you left.",
                )
            )
        )
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        role = QMessageBox.ButtonRole
        discard = self.addButton(
            QCoreApplication.translate("AwayMonitor", "Discard"), role.AcceptRole
        )
        stop = self.addButton(
            QCoreApplication.translate("AwayMonitor", "Stop tracking"), role.RejectRole
        )
        self.buttons_by_choice: dict[AwayChoice, QPushButton] = {
            AwayChoice.DISCARD: discard,
            AwayChoice.KEEP_AS_TASK: self.addButton(
                QCoreApplication.translate("AwayMonitor", "Keep as task"), role.ActionRole
            ),
            AwayChoice.KEEP_AS_GROWTH: self.addButton(
                QCoreApplication.translate("AwayMonitor", "Keep as growth"), role.ActionRole
            ),
            AwayChoice.STOP: stop,
        }
        self.setDefaultButton(discard)
        self.setEscapeButton(stop)

    def choice(self) -> AwayChoice | None:
        clicked = self.clickedButton()
        for choice, button in self.buttons_by_choice.items():
            if button is clicked:
                return choice
        return None
