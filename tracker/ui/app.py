"""The tray application: one service, one tray, windows opened lazily; all wiring is here.

``run(db, args)`` is what ``growth-tracker`` (and ``growth-tracker summary``) call. It takes
the single-instance lock (or hands the request to the running tracker and exits 0), shows
the icon, opens the database and only then does anything slow. ``App`` turns the tray's
intent signals into service calls; the service holds every rule (docs/architecture.md §7).

The app also wires the parts that run by themselves: the away monitor (refreshed on every
change, polled before a click acts), the end-of-day timer and the reminders (asked once a
minute; ``tracker.domain.reminders`` decides), and settings, which apply at once.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tracker.domain.model import Kind, Source, TrackerError
from tracker.domain.reminders import Due, Reminder
from tracker.domain.timeparse import clock_text
from tracker.service import RecoveryChoice, TrackerService
from tracker.ui import windows
from tracker.ui.common import APP_TITLE, fmt_hm, fmt_pct, kind_label, kind_word
from tracker.ui.dialogs import NoTrayWindow, QuickLabelDialog, RecoveryDialog
from tracker.ui.error_text import describe
from tracker.ui.errors import error_message
from tracker.ui.summary.schedule import EndOfDayTimer  # QtCore only: no matplotlib
from tracker.ui.tray import FEATURES, RECENT_LIMIT, TrayController, TrayView

if TYPE_CHECKING:
    from tracker.ui.single_instance import SingleInstance

POLL_MS = 1000  # external changes (CLI) show within 2 s
MINUTE_MS = 60_000  # heartbeat, icon and tooltip refresh, reminders
TRAY_WAIT_MS = 30_000  # a tray host that starts after us at login
TRAY_POLL_MS = 500


class App(QObject):
    """Owns the tray, the timers and the windows of one running tracker."""

    def __init__(
        self,
        service: TrackerService,
        instance: SingleInstance | None = None,
        log_file: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.instance = instance
        self.log_file = log_file
        self.tray = TrayController(self)
        self.windows = windows.WindowSet(service, self._wire_window)
        self.away: Any = None
        self.end_of_day = EndOfDayTimer(service, self)
        self.end_of_day.due.connect(self._end_of_day_due)
        # The end-of-day moment that passed and whose summary waits for the user.
        self._end_of_day_waiting: tuple[dt.date, int] | None = None
        self.fired: dict[Reminder, str] = {}  # the occurrence shown last, per reminder
        self._on_message_click: Any = None
        self._language = str(service.setting("language"))
        self._end_of_day_when: tuple[object, object] | None = None
        self.no_tray: NoTrayWindow | None = None
        self._message_box: QMessageBox | None = None
        self._version: int | None = service.store.data_version()
        self._poll_error: str | None = None  # the poll's last error, shown once
        self._recovering = False
        self._shut_down = False
        self._tray_waited_ms = 0
        self._timers()
        self._connect()
        self.tray.set_features({name: windows.available(name) for name in FEATURES})
        self.apply_settings()
        self.refresh()

    def _timers(self) -> None:
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.poll_timer.timeout.connect(self.poll)
        self.minute_timer = QTimer(self)
        self.minute_timer.setInterval(MINUTE_MS)
        self.minute_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.minute_timer.timeout.connect(self.tick)
        self.tray_timer = QTimer(self)
        self.tray_timer.setInterval(TRAY_POLL_MS)
        self.tray_timer.timeout.connect(self._wait_for_tray)

    def _connect(self) -> None:
        t = self.tray
        t.toggle_requested.connect(self.toggle)
        t.panel_requested.connect(self.open_panel)
        t.start_requested.connect(self.start_block)
        t.new_label_requested.connect(self.ask_label)
        t.switch_requested.connect(self.switch_to)
        t.stop_requested.connect(self.stop)
        t.summary_requested.connect(self.open_summary)
        t.editor_requested.connect(lambda: self.open_editor())
        t.export_requested.connect(lambda: self.open_window("export"))
        t.import_requested.connect(lambda: self.open_window("import"))
        t.settings_requested.connect(lambda: self.open_window("settings"))
        t.quit_requested.connect(self.quit)
        t.icon.messageClicked.connect(self._message_clicked)
        if self.instance is not None:
            self.instance.request_received.connect(self.handle_request)
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.aboutToQuit.connect(self.shutdown)

    # -- start-up -----------------------------------------------------------------------

    def start(self, request: dict[str, Any] | None = None) -> None:
        """Show the icon (or wait for a tray), then recover, heartbeat and poll."""
        if self.tray.icon.isSystemTrayAvailable():
            self.tray.icon.show()
        else:
            self.tray_timer.start()
        QTimer.singleShot(0, self, lambda: self._after_shown(request))

    def _after_shown(self, request: dict[str, Any] | None) -> None:
        announce_ready()
        self._listen()
        self.recover_if_needed()
        self.adopt()
        self.poll_timer.start()
        self.minute_timer.start()
        self.end_of_day.start()
        if windows.available("away"):
            QTimer.singleShot(1000, self, self._start_away)  # minutes matter here, not ms
        if request:
            self.handle_request(request, first=True)
        QTimer.singleShot(2000, self, self._backup)
        QTimer.singleShot(2500, self, lambda: self._call(self.service.sync_autostart))

    def _backup(self) -> None:
        """Today's backup; one that cannot be made is told once a day, never in the way."""
        self._call(self.service.daily_backup)
        note = self.service.take_backup_note()
        if note is not None:
            self.show_error(describe(note, self.service.tz))

    def _listen(self) -> None:
        """Answer second launches (after the icon: a second launch retries meanwhile)."""
        if self.instance is None or self.instance.server is not None:
            return
        try:
            self.instance.listen()
        except OSError:
            self.log_exception()  # the lock still keeps a second tracker away

    def _wait_for_tray(self) -> None:
        if self.tray.icon.isSystemTrayAvailable():
            self.tray_timer.stop()
            self.tray.icon.show()
            if self.no_tray is not None:
                self.no_tray.hide()
            return
        self._tray_waited_ms += TRAY_POLL_MS
        if self._tray_waited_ms >= TRAY_WAIT_MS and self.no_tray is None:
            self.no_tray = NoTrayWindow()
            self.no_tray.quit_requested.connect(self.quit)
            self.no_tray.show()
            self.tray_timer.setInterval(2000)  # keep looking, less often

    def _start_away(self) -> None:
        try:
            self.away = windows.load_class(*windows.AWAY)(self.service, self)
            self.away.blocks_changed.connect(self.data_changed)
            self.away.notify.connect(self._away_notify)
            self.away.start()
        except Exception:
            self.log_exception()

    def _away_notify(self, title: str, text: str) -> None:
        self.notify(text, on_click=lambda: None, title=title)  # the dialog asks, not the click

    def _settle_away(self) -> bool:
        """Before acting on a click: a user back from a long absence is asked about it first.

        False while that question is already open: the click must wait for the answer (it
        would act on the block the answer is about), so the dialog is raised instead.
        """
        if self.away is None or self._recovering or self._shut_down:
            return True
        if self.away.asking:
            self.away.raise_dialog()
            return False
        self._call(self.away.poll)
        return True

    def recover_if_needed(self) -> None:
        """A block left running by a crash: ask how it ended, then tell what was done."""
        block = self.service.pending_recovery()
        if block is None:
            return
        self._recovering = True
        try:
            choice = RecoveryDialog.ask(
                block, self.service.clock.now(), self.service.tz, self.service.day_start
            )
        finally:
            self._recovering = False
        try:
            if self.service.pending_recovery() != block:
                # The CLI ended or changed it while the question was open: its answer stands.
                self.notify(self.tr("The unfinished block was ended elsewhere."))
                self.data_changed()
                return
            result = self.service.recover(choice)
        except TrackerError as exc:
            self.show_error(describe(exc, self.service.tz))
            self.data_changed()
            return
        what = kind_word(block.kind)  # mid-sentence: "the growth block"
        if choice is RecoveryChoice.KEEP:
            text = self.tr("The {0} block keeps running.").format(what)
        elif result is not None and result.ended_at is not None:
            when = clock_text(result.ended_at, self.service.tz)
            text = self.tr("The {0} block was ended at {1}.").format(what, when)
        else:
            text = self.tr("The {0} block was under a second long and was dropped.").format(what)
        self.notify(text)
        self.data_changed()

    def adopt(self) -> None:
        """Heartbeat a block started elsewhere (the CLI), so a crash from now on is caught."""
        running = self.service.running()
        if running is not None and running.last_seen_at is None and not self._recovering:
            self._call(self.service.heartbeat)

    # -- state --------------------------------------------------------------------------

    def view(self) -> TrayView:
        s = self.service
        recent = {kind: s.recent_labels(kind, RECENT_LIMIT) for kind in Kind}
        return TrayView(s.status(), recent)

    def refresh(self) -> None:
        """Icon, tooltip and menu from the database."""
        self.tray.show_view(self.view())

    def data_changed(self) -> None:
        """Something changed the blocks: refresh the tray and the other open windows."""
        self.refresh()
        self.windows.refresh(skip=self.sender())
        if self.away is not None:
            self._call(self.away.refresh)  # polls only while a block runs

    def apply_settings(self) -> None:
        """Settings take effect at once (from the dialog, or the CLI in another process)."""
        settings = self.service.settings()
        self.tray.click_action = str(settings["tray_click"])
        when = (settings["end_of_day"], settings["day_start"])
        if when != self._end_of_day_when:  # not on every change: a due moment stays due
            self._end_of_day_when = when
            self.end_of_day.rearm()
        language = str(settings["language"])
        if language != self._language:
            self._language = language
            self._language_changed(language)

    def _language_changed(self, language: str) -> None:
        """Re-install the translators: the tray and the settings retranslate themselves,
        the other open windows are built again in the new language (never half of each)."""
        from tracker.ui import i18n

        qapp = QApplication.instance()
        if qapp is not None:
            i18n.install(qapp, language)
            self.windows.relanguage()

    def poll(self) -> None:
        """Notice a change made by another process (the CLI) within about a second, and
        a file deleted or replaced under us (the service deals with it; we tell)."""
        try:
            self._poll()
        except Exception as exc:
            text = self.explain(exc) if not isinstance(exc, TrackerError) else None
            if isinstance(exc, TrackerError):
                text = describe(exc, self.service.tz)
            elif text is None:
                self.log_exception()
                text = error_message(self.log_file)
            if text != self._poll_error:  # once, not every second
                self._poll_error = text
                self.show_error(text)
        else:
            self._poll_error = None

    def _poll(self) -> None:
        notice = self.service.check_file()
        if notice is not None:
            from tracker.platform.logs import logger

            logger().warning("%s", notice)  # what happened to the file stays on record
            self._poll_error = None
            self.show_error(describe(notice, self.service.tz))
            self._version = None  # another file: everything is read again
        if self.service.pending_actions():
            self._retry_pending()
        version = self.service.store.data_version()
        if version == self._version:
            return
        self._version = version
        self.apply_settings()
        self.adopt()
        self.data_changed()

    def explain(self, exc: BaseException) -> str | None:
        """A database error as the message the CLI would give (a damaged file names its
        newest backup), in the UI's language; None for anything else."""
        try:
            known = self.service.explain(exc)
        except Exception:
            return None
        return None if known is None else describe(known, self.service.tz)

    def _retry_pending(self) -> None:
        """Write the clicks the file refused earlier (read-only, disk full) once it can."""
        before = len(self.service.pending_actions())
        dropped = self._call(self.service.retry_pending) or []
        for error in dropped:
            self.show_error(describe(error, self.service.tz))
        if len(self.service.pending_actions()) < before:
            self.data_changed()

    def tick(self) -> None:
        """Once a minute: heartbeat the running block, refresh the icon, remind, back up.

        The daily backup is one file check until the date changes, so a tray left running
        for days still keeps a copy per day.
        """
        if not self._recovering:
            self._call(self.service.heartbeat)
        self.refresh()
        self.remind()
        self._backup()

    # -- reminders (the rules are in tracker.domain.reminders) ------------------------------

    def _end_of_day_due(self, day: dt.date) -> None:
        """The end-of-day moment came: the summary shows now, or when the user is back."""
        self._end_of_day_waiting = (day, self.service.clock.now())
        self.remind()

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, when the away monitor can read them."""
        if self.away is None:
            return None
        try:
            idle = self.away.idle_source.idle_seconds()
        except Exception:
            self.log_exception()
            return None
        return None if idle is None else float(idle)

    def remind(self) -> None:
        """Show the one reminder due now, if any (each occurrence once, user present)."""
        if self._recovering or self._shut_down:
            return
        due = self._call(
            self.service.next_reminder, self.fired, self.idle_seconds(), self._end_of_day_waiting
        )
        if due is None:
            return
        self.fired[due.reminder] = due.key
        self.show_reminder(due)

    def show_reminder(self, due: Due) -> None:
        if due.reminder is Reminder.END_OF_DAY:
            assert due.day is not None
            self._end_of_day_waiting = None
            self.end_of_day_summary(due.day)
        elif due.reminder is Reminder.LONG_BLOCK:
            running = self.service.running()
            if running is None:
                return
            what = kind_label(running.kind)
            if running.label:
                what += f" · {running.label}"
            elapsed = fmt_hm(self.service.clock.now() - running.started_at)
            text = self.tr("{0} has been running for {1}. Time for a break, or a switch?")
            self.notify(text.format(what, elapsed), on_click=self.open_panel)
        else:
            since = clock_text(due.since, self.service.tz)
            text = self.tr("Nothing has been tracked since {0}. Click here to start a block.")
            self.notify(text.format(since), on_click=self.open_panel)

    def end_of_day_summary(self, day: dt.date) -> None:
        """The day's ratio in a notification, and its summary opened."""
        summary = self.service.day_summaries(day, day)[0]
        text = self.tr("Day's end: growth ratio {0} (target {1}).").format(
            fmt_pct(summary.ratio, summary.target), fmt_pct(summary.target)
        )
        self.notify(text, on_click=lambda: self.open_summary(day.isoformat()))
        if self.tray.features.get("summary"):
            self.open_summary(day.isoformat())

    # -- actions (the service decides; errors become short messages) --------------------

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TrackerError as exc:
            self.show_error(describe(exc, self.service.tz))
        except Exception as exc:
            self.log_exception()
            self.show_error(self.explain(exc) or error_message(self.log_file))
        return None

    def _act(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if self._recovering or self._shut_down:
            return None
        result = self._call(fn, *args, **kwargs)
        self.data_changed()
        return result

    def toggle(self) -> None:
        if self._settle_away():
            self._act(self.service.switch, source=Source.TRAY)

    def start_block(self, kind: Kind, label: str) -> None:
        if self._settle_away():
            self._act(self.service.start, kind, label, source=Source.TRAY)

    def switch_to(self, kind: Kind) -> None:
        if self._settle_away():
            self._act(self.service.switch, kind, source=Source.TRAY)

    def stop(self) -> None:
        was_running = self.service.running() is not None
        if not self._settle_away():
            return
        if was_running and self.service.running() is None:  # the away answer stopped it
            return
        self._act(self.service.stop, source=Source.TRAY)

    def ask_label(self, kind: Kind) -> None:
        if self._recovering:
            return
        label = QuickLabelDialog.ask(kind, self.service.recent_labels(kind, 50))
        if label is not None:
            self.start_block(kind, label)

    def open_panel(self) -> None:
        """The quick panel: type a label for the kind a click would switch to."""
        running = self.service.running()
        self.ask_label(running.kind.other if running else self.service.last_kind())

    # -- windows ------------------------------------------------------------------------

    def _wire_window(self, name: str, window: QWidget) -> None:
        signals = {
            "blocks_changed": self.data_changed,
            "settings_changed": self._settings_changed,
            # opened from this window (the summary): centred on it, its range preset
            "edit_requested": lambda day: self.open_editor(day, near=window),
            "export_requested": lambda *days: self.open_export(*days, near=window),
            "import_requested": lambda: self.open_window("import", near=window),
        }
        for signal, slot in signals.items():
            if hasattr(window, signal):
                getattr(window, signal).connect(slot)

    def _settings_changed(self) -> None:
        self.apply_settings()
        self.data_changed()

    def open_window(self, name: str, near: QWidget | None = None) -> QWidget | None:
        if not windows.available(name):
            self.show_error(self.tr("That window is not available in this version yet."))
            return None
        try:
            return self.windows.show(name, near)
        except Exception:
            self.log_exception()
            self.show_error(
                self.tr("The window could not be opened; details are in {0}").format(
                    self.log_file or "the log"
                )
            )
            return None

    def open_summary(self, day_text: str | None = None) -> None:
        day = self._call(self.service.parse_day, day_text) if day_text else self.service.today()
        if day is None:
            return
        window = self.open_window("summary")
        if window is not None:
            window.show_day(day)  # type: ignore[attr-defined]

    def open_editor(self, day: dt.date | None = None, near: QWidget | None = None) -> None:
        window = self.open_window("editor", near)
        if window is not None:
            window.show_day(day or self.service.today())  # type: ignore[attr-defined]

    def open_export(
        self,
        first: dt.date | None = None,
        last: dt.date | None = None,
        near: QWidget | None = None,
    ) -> None:
        """The export dialog; from the summary it presets the days the summary shows."""
        window = self.open_window("export", near)
        if window is not None and first is not None and last is not None:
            window.set_range(first, last)  # type: ignore[attr-defined]

    def notify(self, text: str, on_click: Any = None, title: str = APP_TITLE) -> bool:
        """A tray notification; ``on_click`` runs when it is clicked (else: today's summary)."""
        self._on_message_click = on_click
        return self.tray.notify(title, text)

    def _message_clicked(self) -> None:
        action, self._on_message_click = self._on_message_click, None
        if action is not None:
            action()
        elif self.tray.features.get("summary"):
            self.open_summary()

    def handle_request(self, request: dict[str, Any], first: bool = False) -> None:
        """A request handed over by a second launch (or the first launch's own command)."""
        if request.get("command") == "summary":
            date = request.get("date")
            self.open_summary(date if isinstance(date, str) else None)
        elif not first:
            self.notify(self.tr("Growth Tracker is already running; its icon is in the tray."))

    # -- errors and quitting ------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self._on_message_click = None
        if self.tray.notify(APP_TITLE, text, warning=True):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, QMessageBox.StandardButton.Ok)
        box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        box.setModal(False)
        box.show()
        self._message_box = box

    def log_exception(self, exc_info: Any = None) -> None:
        from tracker.ui.errors import write_log

        write_log(self.log_file, exc_info)

    def shutdown(self) -> None:
        """End the running block at the quit time (quit, session end, SIGTERM). Once."""
        if self._shut_down:
            return
        self._shut_down = True
        for timer in (self.poll_timer, self.minute_timer, self.tray_timer):
            timer.stop()
        self.end_of_day.stop()
        if self.away is not None:
            self._call(self.away.stop)
        if not self._recovering:
            self._call(self._end_running)
        self.windows.close_all()
        from tracker.ui import jobs  # QtCore only

        jobs.finish_all()  # an export stops; an import being applied completes
        self.tray.icon.hide()

    def _end_running(self) -> None:
        if self.service.running() is not None:  # a damaged file raises here: told, not thrown
            self.service.stop()

    def dispose(self) -> None:
        """Delete every window and the tray before the QApplication goes (after quit)."""
        self.shutdown()
        for widget in (*self.windows.open.values(), self.no_tray, self._message_box):
            if widget is not None:
                widget.deleteLater()
        self.windows.open.clear()
        self.tray.dispose()

    def quit(self) -> None:
        self.shutdown()
        QApplication.quit()


def announce_ready() -> None:
    """For benchmarks: 'ready <unix time>' once the icon is shown and the database open."""
    fd = os.environ.get("GROWTH_TRACKER_READY_FD")
    line = f"ready {time.time():.6f}\n"
    if fd and fd.isdigit():
        with contextlib.suppress(OSError):
            os.write(int(fd), line.encode())
    elif os.environ.get("GROWTH_TRACKER_PRINT_READY") == "1":
        sys.stdout.write(line)
        sys.stdout.flush()


def run(db: Path, args: argparse.Namespace) -> int:
    from tracker.ui.startup import main

    return main(db, args)
