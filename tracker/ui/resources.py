"""Files shipped under ``resources/`` (icons, translations, fonts), found from source and
from a PyInstaller bundle alike. Imports nothing of the app, so any UI module may use it."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from source and from a PyInstaller bundle alike."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return base.joinpath("resources", *parts)
