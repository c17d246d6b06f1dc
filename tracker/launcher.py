"""Start the tray app, or hand a request to the one already running."""

from __future__ import annotations

from pathlib import Path


def launch(db: Path, args: object) -> int:
    # Qt only when the tray is what was asked for; the lean hook before the UI's modules
    from tracker.ui import lean

    lean.install()
    from tracker.ui.startup import main

    return main(db, args)
