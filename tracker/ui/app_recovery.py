"""The tray app's recovery: a block left running by a crash is asked about at start-up,
and a block started elsewhere (the CLI) is adopted (heartbeated). A part of
:class:`~tracker.ui.app.App`, whose texts keep its translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication

from tracker.domain.model import TrackerError
from tracker.domain.timeparse import clock_text
from tracker.service import RecoveryChoice
from tracker.ui.common import kind_word
from tracker.ui.error_text import describe

if TYPE_CHECKING:
    from tracker.service import TrackerService
    from tracker.ui.notifier import Notifier

P = ParamSpec("P")
T = TypeVar("T")


class RecoveryPart:
    """``recover_if_needed`` and ``adopt``; the app owns ``_recovering``."""

    if TYPE_CHECKING:
        service: TrackerService
        notifier: Notifier
        _recovering: bool

        def data_changed(self) -> None: ...
        def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None: ...

    def recover_if_needed(self) -> None:
        """A block left running by a crash: ask how it ended, then tell what was done."""
        block = self.service.pending_recovery()
        if block is None:
            return
        self._recovering = True
        try:
            from tracker.ui.dialogs import RecoveryDialog  # after the icon, only when needed

            choice = RecoveryDialog.ask(
                block, self.service.clock.now(), self.service.tz, self.service.day_start
            )
        finally:
            self._recovering = False
        try:
            if self.service.pending_recovery() != block:
                # The CLI ended or changed it while the question was open: its answer stands.
                self.notifier.notify(
                    QCoreApplication.translate("App", "The unfinished block was ended elsewhere.")
                )
                self.data_changed()
                return
            result = self.service.recover(choice)
        except TrackerError as exc:
            self.notifier.show_error(describe(exc, self.service.tz))
            self.data_changed()
            return
        what = kind_word(block.kind)  # mid-sentence: "the growth block"
        if choice is RecoveryChoice.KEEP:
            text = QCoreApplication.translate("App", "The {0} block keeps running.").format(what)
        elif result is not None and result.ended_at is not None:
            when = clock_text(result.ended_at, self.service.tz)
            text = QCoreApplication.translate("App", "The {0} block was ended at {1}.").format(
                what, when
            )
        else:
            text = QCoreApplication.translate(
                "App", "The {0} block was under a second long and was dropped."
            ).format(what)
        self.notifier.notify(text)
        self.data_changed()

    def adopt(self) -> None:
        """Heartbeat a block started elsewhere (the CLI), so a crash from now on is caught."""
        running = self.service.running()
        if running is not None and running.last_seen_at is None and not self._recovering:
            self.call(self.service.heartbeat)
