"""Start the tray app, or hand a request to the one already running."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FirstState = Callable[[], "tuple[str, float | None, float] | None"]


def launch(db: Path, args: object, first_state: FirstState | None = None) -> int:
    """``first_state``: what the first icon shows, read without the service (§9); without
    it the tray loads everything before showing the icon."""
    # Qt only when the tray is what was asked for; the lean hook before the UI's modules
    from tracker.ui import lean

    lean.install()
    from tracker.ui.startup import main

    return main(db, args, first_state)
