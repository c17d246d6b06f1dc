"""The end-of-day summary window (figures, charts, routine hotspots, reflection note).

Importing this package is cheap: the window module (and matplotlib, on first show) load
only when ``open_summary`` runs.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.ui.summary.window import SummaryWindow


def open_summary(
    service: Any, day: dt.date | None = None, existing: SummaryWindow | None = None
) -> SummaryWindow:
    """Show the summary of ``day`` (today by default), reusing ``existing`` when given.

    Returns the window so the caller keeps it (and wires ``edit_requested`` /
    ``export_requested`` once, when it is new).
    """
    from tracker.ui.summary.window import SummaryWindow

    window = existing if existing is not None else SummaryWindow(service)
    window.show_day(day or service.today())
    window.show()
    window.raise_()
    window.activateWindow()
    return window
