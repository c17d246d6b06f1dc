"""Start the tray app, or hand a request to the one already running."""

from __future__ import annotations

import argparse
from pathlib import Path


def launch(db: Path, args: argparse.Namespace) -> int:
    from tracker.ui.startup import main  # Qt only when the tray is what was asked for

    return main(db, args)
