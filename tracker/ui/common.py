"""Small helpers shared by every window: translated kind names, colours, paths, formatting.

Other UI modules may add small helpers here with targeted edits. Nothing in this module
imports more than QtCore, so the tray's start-up stays fast. Strings are translated with
``QCoreApplication.translate("Context", "literal")`` written out at each call: lupdate only
finds literal arguments of ``tr`` / ``translate`` calls, never through a wrapper function.
Dates and numbers are formatted by ``tracker.ui.i18n`` in the UI language's locale.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from tracker.domain.model import Kind
from tracker.domain.timeparse import hm
from tracker.ui import i18n

# Okabe-Ito colours (safe for colour-blind users): task blue, growth orange, target met green.
KIND_COLORS: dict[Kind, str] = {Kind.TASK: "#0072B2", Kind.GROWTH: "#E69F00"}
MET_COLOR = "#009E73"

APP_TITLE = "Growth Tracker"


def kind_label(kind: Kind) -> str:
    """The kind as people read it: "Task" / "Growth" (作業 / 成長)."""
    if kind is Kind.TASK:
        return QCoreApplication.translate("Kind", "Task")
    return QCoreApplication.translate("Kind", "Growth")


def fmt_hm(seconds: int) -> str:
    """A duration as h:mm (rounded down to the minute)."""
    return hm(seconds)


def fmt_pct(ratio: float | None) -> str:
    """A ratio as a whole percentage in the UI's locale ("18%"), or "–" when there is none."""
    return i18n.format_percent(ratio)


def fmt_int(value: int) -> str:
    """A count with the locale's digit grouping ("1,234")."""
    return i18n.format_number(value)


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from source and from a PyInstaller bundle alike."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return base.joinpath("resources", *parts)


def module_available(name: str) -> bool:
    """Whether an (optional) module exists, without importing it."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def menu_text(text: str) -> str:
    """Free text (a label) made safe for a menu item: '&' would become an accelerator."""
    return text.replace("&", "&&")
