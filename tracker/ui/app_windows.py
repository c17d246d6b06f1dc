"""The tray app's windows: opened by name (lazily, through ``WindowSet``), wired to the
app, and a second launch's request. A part of :class:`~tracker.ui.app.App`, whose texts
keep its translation context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from tracker.ui import windows

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.ui.notifier import Notifier

P = ParamSpec("P")
T = TypeVar("T")


class WindowsPart:
    """The app's windows; the app owns ``windows`` (the ``WindowSet``)."""

    if TYPE_CHECKING:
        service: TrackerService
        notifier: Notifier
        windows: windows.WindowSet
        log_file: Path | None

        def data_changed(self) -> None: ...
        def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None: ...

    # -- windows ------------------------------------------------------------------------

    def _wire_window(self, name: str, window: QWidget) -> None:
        signals: dict[str, Callable[..., object]] = {
            "blocks_changed": self.data_changed,
            "settings_changed": self.data_changed,
            # opened from this window (the summary): centred on it, its range preset
            "edit_requested": lambda day: self.open_editor(day, near=window),
            "export_requested": lambda first, last: self.open_export(first, last, window),
            "import_requested": lambda: self.open_window("import", near=window),
            # the team window and Settings → Team open each other (issue 17)
            "team_settings_requested": lambda: self.open_window("team_settings", near=window),
            "team_requested": lambda: self.open_window("team", near=window),
        }
        for signal, slot in signals.items():
            if hasattr(window, signal):
                getattr(window, signal).connect(slot)

    def open_window(self, name: str, near: QWidget | None = None) -> QWidget | None:
        try:
            return self.windows.show(name, near)
        except Exception:
            self.notifier.log_exception()
            self.notifier.show_error(
                QCoreApplication.translate(
                    "App", "The window could not be opened; details are in {0}"
                ).format(self.log_file or "the log")
            )
            return None

    def open_team(self) -> None:
        """Tray → Team…: the team window, or Settings → Team while no folder is chosen."""
        name = "team" if self.service.setting("team_folder") else "team_settings"
        self.open_window(name)

    def open_summary(self, day_text: str | None = None) -> None:
        day = self.call(self.service.parse_day, day_text) if day_text else self.service.today()
        if day is not None:
            self.show_summary_day(day)

    def show_summary_day(self, day: dt.date) -> None:
        window = self.open_window("summary")
        if isinstance(window, windows.ShowsDay):
            window.show_day(day)

    def open_editor(self, day: dt.date | None = None, near: QWidget | None = None) -> None:
        window = self.open_window("editor", near)
        if isinstance(window, windows.ShowsDay):
            window.show_day(day or self.service.today())

    def open_export(
        self,
        first: dt.date | None = None,
        last: dt.date | None = None,
        near: QWidget | None = None,
    ) -> None:
        """The export dialog; from the summary it presets the days the summary shows."""
        window = self.open_window("export", near)
        if isinstance(window, windows.PresetsRange) and first is not None and last is not None:
            window.set_range(first, last)

    def handle_request(self, request: dict[str, Any], first: bool = False) -> None:
        """A request handed over by a second launch (or the first launch's own command)."""
        if request.get("command") == "summary":
            date = request.get("date")
            self.open_summary(date if isinstance(date, str) else None)
        elif not first:
            self.notifier.notify(
                QCoreApplication.translate(
                    "App", "Growth Tracker is already running; its icon is in the tray."
                )
            )
