"""Changing settings: the canonical text goes into the database, and the login entry
(start at login) is changed on the system first."""

from __future__ import annotations

from tracker.domain.settings import format_setting, parse_setting
from tracker.service.core import ServiceCore
from tracker.store.sync import SyncStore


class Settings(ServiceCore):
    def set_setting(self, key: str, text: str) -> None:
        value = parse_setting(key, text)
        if key == "target":
            with self.store.write():
                self.store.set_target(self.today(), value)
                SyncStore(self.store).stamp("target", self.today().isoformat(), self.clock.now())
            self._settings_changed()
            return
        if key == "start_at_login":  # the system first: a failure leaves the setting as it was
            from tracker.platform import autostart  # plistlib etc.: only when needed

            autostart.apply(format_setting(key, value), db=self.store.path)
        self.store.set_setting(key, format_setting(key, value))
        self._settings_changed()

    def sync_autostart(self) -> None:
        """At tray start: keep the login entry and the setting telling the same story.

        An entry removed elsewhere (the desktop's start-up settings) turns the setting off;
        one that is still there is rewritten, so a moved app starts from its new place.
        """
        if self.setting("start_at_login") != "on":
            return
        from tracker.platform import autostart

        if autostart.for_this_system().enabled():
            autostart.apply("on", db=self.store.path)
        else:
            self.store.set_setting("start_at_login", "off")
            self._settings_changed()
