"""The three summary charts, drawn on matplotlib axes handed in by ``charts.py``: the
timeline (``timeline``), the growth ratio (``ratio``) and the hours (``hours``), on what
they share (``axes``).

This package never imports matplotlib itself (only ``charts.py`` does, lazily); it calls
methods on the axes it is given, so the drawing can go to the window's canvases or to a
PNG file alike. Strings arrive already translated in a ``texts`` mapping.

Conventions: task is blue, growth orange *and hatched*; met days carry a ✓ as well as a
green bar; a work day with nothing tracked has no bar at all (not a 0 % bar), only a faint
"–"; days off (not in ``work_days``) stand on a faint grey band, with a muted date. The ratio
axis fits the regular days (``SummaryData.ratio_scale``): an outlier's bar runs off the top,
cut by a white notch, its value written inside.

Each ``draw_*`` returns a :class:`Live`: while a block runs, the next minute's chart usually
differs only in a few sizes (the running bar, today's bars, the now mark, the scale). When
the new data has the same ``*_key``, ``Live.update`` moves those artists in place, which
looks exactly like drawing the chart again and costs a fraction of it.
"""

from tracker.ui.summary.plots.axes import Live
from tracker.ui.summary.plots.hours import draw_hours, hours_key
from tracker.ui.summary.plots.ratio import LINE_CLEAR, draw_ratio, ratio_key
from tracker.ui.summary.plots.timeline import draw_timeline, timeline_key

__all__ = [
    "LINE_CLEAR",
    "Live",
    "draw_hours",
    "draw_ratio",
    "draw_timeline",
    "hours_key",
    "ratio_key",
    "timeline_key",
]
