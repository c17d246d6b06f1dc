"""The colours every window and the tray icon share (Okabe-Ito, colour-blind safe).

Plain strings, importing nothing: the first tray icon is painted before the domain and the
rest of the UI are loaded (docs/architecture.md §9).
"""

from __future__ import annotations

TASK_COLOR = "#0072B2"  # blue
GROWTH_COLOR = "#E69F00"  # orange
MET_COLOR = "#009E73"  # bluish green: a target met
