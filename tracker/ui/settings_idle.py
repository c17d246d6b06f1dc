"""Settings → Away: how idle time is read here (found off the GUI thread on Wayland), as
the line under the away setting. A part of :class:`~tracker.ui.settings_dialog.SettingsDialog`,
whose texts keep its translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QObject

from tracker.ui.common import idle_backend_name
from tracker.ui.error_text import idle_reason

if TYPE_CHECKING:
    from tracker.ui.idle_probe import IdleProbe
    from tracker.ui.wrap_label import WrapLabel


class IdleInfoPart:
    """The settings dialog's idle line; the dialog owns ``idle_info`` and ``_idle``."""

    if TYPE_CHECKING:
        idle_info: WrapLabel
        _idle: tuple[bool, str, Any] | None
        _idle_source: Any

    # -- idle detection -----------------------------------------------------------------

    _probe: IdleProbe | None = None  # finding the idle source (off the GUI thread on Wayland)

    def _show_idle_info(self) -> None:
        if self._idle is None:
            source = self._idle_source
            if source is None:
                if self._probe is None:
                    from tracker.ui.idle_probe import IdleProbe

                    self._probe = IdleProbe(cast("QObject", self))
                    self._probe.found.connect(self._idle_found)
                    self._probe.start()  # found at once, except on Wayland
                if self._idle is None:
                    self.idle_info.setText(
                        QCoreApplication.translate(
                            "SettingsDialog", "Checking how idle time can be read here…"
                        )
                    )
                    return
            else:
                self._idle = (bool(source.available), str(source.name), source)
        available, name, source = self._idle
        reason = idle_reason(source)  # each time: in the language shown now
        if available:
            text = QCoreApplication.translate(
                "SettingsDialog", "Idle time is read from this system ({0})."
            ).format(idle_backend_name(name))
        else:
            text = QCoreApplication.translate(
                "SettingsDialog",
                "Idle time cannot be read here: {0}. Only a computer that sleeps counts as away.",
            ).format(reason)
        self.idle_info.setText(text)

    def _idle_found(self, source: Any) -> None:
        self._idle = (bool(source.available), str(source.name), source)
        source.close()  # only its availability (or why not) is needed here
        self._show_idle_info()
