"""Start the tray app, or hand a request to the one already running."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def launch(db: Path, args: argparse.Namespace) -> int:
    try:
        from tracker.ui.app import run
    except ImportError:
        print("growth-tracker: the tray app is not available in this version yet", file=sys.stderr)
        return 1
    return run(db, args)
