"""The end-of-day summary window (figures, charts, routine hotspots, reflection note).

Importing this package is cheap: the window module (and matplotlib, on first show) load
only when the app first opens the window (``tracker.ui.windows``).
"""
