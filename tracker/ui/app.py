"""The tray application's composition root: which parts there are and how they connect.

``App`` builds one of each part over one service and wires their signals; the parts do
the work and the service holds every rule (docs/architecture.md §7):

* ``tray`` (``TrayController``) emits what the user asks for (``*_requested``);
* ``notifier`` shows notifications and errors and runs a clicked notification's action;
* ``watcher`` (``ChangeWatcher``) polls the file once a second: replaced or deleted,
  kept clicks to retry, changes made by the CLI;
* ``reminders`` (``ReminderController``) shows the end of the day and the reminders;
* ``backup`` (``DailyBackup``) makes today's backup on a worker thread;
* ``tray_waiter`` shows the icon once a system tray exists;
* ``windows`` (``WindowSet``) opens the windows lazily by name;
* ``away`` (``AwayMonitor``, loaded a second after start) asks about time away;
* ``hotkeys`` (``GlobalHotkeys``) grabs the global keys: one clicks the icon, the other
  opens the quick switcher (``QuickSwitcher``, made on first use).

``App`` itself keeps only what ties them together: the tray's clicks as service calls
(after the away question, never during a recovery or after quitting), the refresh of
everything after a change, the minute's heartbeat, start-up and shutdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from tracker.domain.model import Block, Kind, Source
from tracker.platform.memory import release_free_memory
from tracker.service import TrackerService
from tracker.ui import testing, windows
from tracker.ui.app_recovery import RecoveryPart
from tracker.ui.app_windows import WindowsPart
from tracker.ui.backup import DailyBackup
from tracker.ui.hotkeys import GlobalHotkeys
from tracker.ui.notifier import Notifier
from tracker.ui.reminders import ReminderController
from tracker.ui.sync_tray import SyncComponent
from tracker.ui.team_tray import TeamShareComponent
from tracker.ui.tray import FEATURES, RECENT_LIMIT, TrayController, TrayView
from tracker.ui.tray_wait import TrayWaiter
from tracker.ui.watcher import ChangeWatcher

if TYPE_CHECKING:
    from tracker.ui.away import AwayMonitor
    from tracker.ui.single_instance import SingleInstance
    from tracker.ui.switcher import QuickSwitcher

P = ParamSpec("P")
T = TypeVar("T")

MINUTE_MS = 60_000  # heartbeat, icon and tooltip refresh, reminders, backup check


class App(QObject, RecoveryPart, WindowsPart):
    """Owns the parts of one running tracker and connects them; see the module docstring."""

    def __init__(
        self,
        service: TrackerService,
        instance: SingleInstance | None = None,
        log_file: Path | None = None,
        parent: QObject | None = None,
        icon: QSystemTrayIcon | None = None,
        menu: QMenu | None = None,
    ) -> None:
        """``icon`` and its empty ``menu``: shown before the app was loaded (§9)."""
        super().__init__(parent)
        self.service = service
        self.instance = instance
        self.log_file = log_file
        self.tray = TrayController(self, icon, menu)
        self.notifier = Notifier(self.tray, service, log_file, self)
        self.watcher = ChangeWatcher(service, self.notifier, self)
        self.reminders = ReminderController(
            service, self.notifier, self.read_idle, self._paused, self
        )
        self.backup = DailyBackup(service, self.notifier, self)
        self.sync = SyncComponent(service, self)  # §16: the sync folder, watched and polled
        self.team = TeamShareComponent(service, self)  # §17: this person's file, kept current
        self.tray_waiter = TrayWaiter(self.tray.icon, self)
        self.windows = windows.WindowSet(service, self._wire_window)
        self.away: AwayMonitor | None = None
        self.hotkeys = GlobalHotkeys(self)
        self.hotkeys.make_current()
        self.switcher: QuickSwitcher | None = None
        self._language = str(service.setting("language"))
        self._recovering = False
        self._shut_down = False
        self._click_at: int | None = None  # the instant of a click shown, not yet written
        self.minute_timer = QTimer(self)
        self.minute_timer.setInterval(MINUTE_MS)
        self.minute_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._connect()
        self.tray.set_features(dict.fromkeys(FEATURES, True))  # every window ships
        self.apply_settings()
        self.refresh()

    def _connect(self) -> None:
        t = self.tray
        t.toggle_requested.connect(self.toggle)
        t.toggle_previewed.connect(self.preview_toggle)
        t.toggle_cancelled.connect(self.cancel_toggle)
        t.panel_requested.connect(self.open_panel)
        t.start_requested.connect(self.start_block)
        t.new_label_requested.connect(self.ask_label)
        t.switch_requested.connect(self.switch_to)
        t.stop_requested.connect(self.stop)
        t.summary_requested.connect(self.open_summary)
        t.editor_requested.connect(lambda: self.open_editor())
        t.export_requested.connect(lambda: self.open_window("export"))
        t.import_requested.connect(lambda: self.open_window("import"))
        t.team_requested.connect(self.open_team)
        t.settings_requested.connect(lambda: self.open_window("settings"))
        t.quit_requested.connect(self.quit)
        self.notifier.default_clicked.connect(self.open_summary)
        self.watcher.changed.connect(self.data_changed)
        self.watcher.pending_written.connect(self.data_changed)
        self.reminders.panel_requested.connect(self.open_panel)
        self.reminders.summary_requested.connect(self.show_summary_day)
        self.tray_waiter.quit_requested.connect(self.quit)
        # the toggle key switches task ⇄ growth as a click does; the switcher key opens the panel
        self.hotkeys.toggle_pressed.connect(self.toggle)  # what a click does, at once
        self.hotkeys.switcher_pressed.connect(self.open_switcher)
        self.minute_timer.timeout.connect(self.tick)
        self.sync.synced.connect(lambda _outcome: self.refresh())
        self.sync.failed.connect(lambda _exc: self.refresh())
        self.team.shared.connect(lambda _outcome: self.refresh())
        self.team.failed.connect(lambda _exc: self.refresh())
        if self.instance is not None:
            self.instance.request_received.connect(self.handle_request)
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.aboutToQuit.connect(self.shutdown)

    # -- start-up -----------------------------------------------------------------------

    def start(
        self,
        request: dict[str, Any] | None = None,
        clicks: list[QSystemTrayIcon.ActivationReason] | None = None,
    ) -> None:
        """Show the icon (or wait for a tray), then recover, heartbeat and poll; then the
        ``clicks`` the icon received before the app ran (``ui.first_icon``)."""
        self.tray_waiter.show_icon()
        if clicks is None:  # the icon is new: 'ready' once it is docked (ui.docked)
            from tracker.ui.docked import when_docked

            when_docked(testing.announce_ready)
        QTimer.singleShot(0, self, lambda: self._after_shown(request, clicks or []))

    def _after_shown(
        self,
        request: dict[str, Any] | None,
        clicks: list[QSystemTrayIcon.ActivationReason] | None = None,
    ) -> None:
        self._listen()
        testing.announce_started()  # the app runs; a recovery question may come next
        self.recover_if_needed()
        self.adopt()
        self.watcher.start()
        self.minute_timer.start()
        self.reminders.start()
        QTimer.singleShot(1000, self, self.start_away)  # minutes matter here, not ms
        if request:
            self.handle_request(request, first=True)
        if clicks:
            self.tray.replay(clicks)
        QTimer.singleShot(2000, self, self.backup.run)
        QTimer.singleShot(1500, self, self.sync.apply)
        QTimer.singleShot(2500, self, lambda: self.call(self.service.sync_autostart))
        # start-up is over (away monitor 1 s, backup 2 s): its freed heap back to the system
        QTimer.singleShot(4000, self, self.settle_memory)

    def settle_memory(self) -> None:
        """Start-up is over: SQLite's page cache and the freed heap back to the system."""
        self.service.shrink_memory()
        release_free_memory()

    def _listen(self) -> None:
        """Answer second launches (after the icon: a second launch retries meanwhile)."""
        if self.instance is None or self.instance.server is not None:
            return
        try:
            self.instance.listen()
        except OSError:
            self.notifier.log_exception()  # the lock still keeps a second tracker away

    def start_away(self) -> None:
        """The away monitor (it loads the idle source: X11, Windows, macOS or D-Bus)."""
        from tracker.ui.away import AwayMonitor

        try:
            self.away = AwayMonitor(self.service, self)
            self.away.blocks_changed.connect(self.data_changed)
            self.away.notify.connect(self._away_notify)
            self.away.start()
        except Exception:
            self.notifier.log_exception()

    def _away_notify(self, title: str, text: str) -> None:
        self.notifier.notify(text, on_click=lambda: None, title=title)  # the dialog asks

    def _settle_away(self, then: Callable[[], object]) -> None:
        """Act on a click (``then``) once the away question is settled: a user back from a
        long absence is asked about it first. While that question is open the click is
        dropped and the question raised (it would act on the block the answer is about)."""
        if self.away is None or self._recovering or self._shut_down:
            then()
            return
        if self.away.asking:
            self.away.raise_dialog()
            return
        self.away.settle(then, self.notifier.call)

    # -- state --------------------------------------------------------------------------

    def view(self) -> TrayView:
        s = self.service
        recent = {kind: s.recent_labels(kind, RECENT_LIMIT) for kind in Kind}
        status = s.status()
        away = status.running is not None and s.away_since() is not None
        return TrayView(status, recent, away)

    def refresh(self) -> None:
        """Icon, tooltip and menu from the database."""
        self.tray.show_view(self.view())
        self.sync.decorate(self.tray)
        self.team.decorate(self.tray)

    def data_changed(self) -> None:
        """The data changed (here, in a window, or in another process): settings apply,
        a block the CLI started is adopted, the tray and the other open windows refresh."""
        sender = self.sender()
        self.adopt()
        self.watcher.seen()
        self.apply_settings()
        self.refresh()
        self.windows.refresh(skip=sender)
        self.sync.apply()
        self.sync.request()  # publish this change (a merge's own change syncs once more)
        self.team.request()  # at most every few minutes (the service's throttle)
        if self.away is not None:
            self.call(self.away.refresh)  # polls only while a block runs

    def apply_settings(self) -> None:
        """Settings take effect at once (from the dialog, or the CLI in another process)."""
        settings = self.service.settings()
        self.tray.click_action = str(settings["tray_click"])
        self.reminders.apply(settings)
        self.hotkeys.apply(settings)
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

    def tick(self) -> None:
        """Once a minute: heartbeat the running block, refresh the icon, remind, back up."""
        if not self._recovering:
            self.call(self.service.heartbeat)
            self.watcher.seen()  # our own heartbeat: nothing for the windows to show
        self.refresh()
        self.reminders.remind()
        self.backup.run()
        self.team.request()  # a change made inside the last share's few minutes

    def read_idle(self, then: Callable[[float | None], None]) -> None:
        """``then(seconds since the last input)``, None when the away monitor cannot tell."""
        if self.away is None:
            then(None)
            return
        try:
            self.away.read_idle(lambda idle, _locked: then(None if idle is None else float(idle)))
        except Exception:
            self.notifier.log_exception()
            then(None)

    def _paused(self) -> bool:
        return self._recovering or self._shut_down

    # -- actions (the service decides; errors become short messages) --------------------

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        return self.notifier.call(fn, *args, **kwargs)

    def _act(self, fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> None:
        if self._paused():
            return
        self.call(fn, *args, **kwargs)
        self.data_changed()

    def toggle(self) -> None:
        """What a click on the icon does (the global hotkey too): the service's ``click``,
        at the instant of a click already shown (``preview_toggle``), else now."""
        at, self._click_at = self._click_at, None
        self._settle_away(lambda: self._act(self.service.click, at, source=Source.TRAY))

    def preview_toggle(self) -> None:
        """Show at once what a click starts; ``toggle`` writes it once it is no double
        click (docs/architecture.md §7)."""
        if self._paused() or (self.away is not None and self.away.asking):
            return
        self._click_at = self.service.clock.now()
        try:
            kind, label = self.service.click_plan()
            status = self.service.status()
        except Exception:  # the write will say what is wrong with the file
            return
        block = Block(0, kind, label, "", self._click_at, None, self._click_at, Source.TRAY)
        preview = replace(status, running=block, stale=False)
        self.tray.show_view(TrayView(preview, self.tray.view.recent if self.tray.view else {}))

    def cancel_toggle(self) -> None:
        """The click was the first of a double click: nothing is written."""
        self._click_at = None
        self.refresh()

    def start_block(self, kind: Kind, label: str) -> None:
        self._settle_away(lambda: self._act(self.service.start, kind, label, source=Source.TRAY))

    def switch_to(self, kind: Kind) -> None:
        self._settle_away(lambda: self._act(self.service.switch, kind, source=Source.TRAY))

    def stop(self) -> None:
        was_running = self.service.running() is not None

        def act() -> None:
            if was_running and self.service.running() is None:  # the away answer stopped it
                return
            self._act(self.service.stop, source=Source.TRAY)

        self._settle_away(act)

    def ask_label(self, kind: Kind) -> None:
        if self._recovering:
            return
        from tracker.ui.dialogs import QuickLabelDialog  # off the start path

        label = QuickLabelDialog.ask(kind, self.service.recent_labels(kind, 50))
        if label is not None:
            self.start_block(kind, label)

    def open_panel(self) -> None:
        """The quick panel: type a label for the kind a click would switch to."""
        running = self.service.running()
        self.ask_label(running.kind.other if running else self.service.last_kind())

    def open_switcher(self) -> None:
        """The quick switcher at the screen's centre, for the kind a click would start."""
        if self._paused():
            return
        if self.switcher is None:
            from tracker.ui.switcher import QuickSwitcher

            self.switcher = QuickSwitcher()
            self.switcher.start_requested.connect(self.start_block)
        running = self.service.running()
        kind = running.kind.other if running else self.service.last_kind()
        recent = {k: self.service.recent_labels(k, 50) for k in Kind}
        self.switcher.open(kind, recent)

    def shutdown(self) -> None:
        """End the running block at the quit time (quit, session end, SIGTERM). Once."""
        if self._shut_down:
            return
        self._shut_down = True
        self.watcher.stop()
        self.sync.stop()
        self.minute_timer.stop()
        self.tray_waiter.stop()
        self.reminders.stop()
        self.hotkeys.close()
        if self.away is not None:
            self.call(self.away.stop)
        if not self._recovering:
            self.call(self._end_running)
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
        for widget in self.windows.open.values():
            widget.deleteLater()
        self.windows.open.clear()
        if self.switcher is not None:
            import shiboken6

            shiboken6.delete(self.switcher)  # now: no event loop runs after quit to do it later
            self.switcher = None
        self.tray_waiter.dispose()
        self.notifier.dispose()
        self.tray.dispose()

    def quit(self) -> None:
        self.shutdown()
        QApplication.quit()
