"""The timeline's hover: a block's kind, label, times and note in a tooltip.

Labels inside the bars are cut short (経費精…) or left out on short blocks; hovering a
bar shows the whole block. The canvas' own mouse moves (matplotlib turns on mouse
tracking) are mapped to the chart's data coordinates, row by row; no matplotlib import
here, the canvas and its figure come in ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QToolTip, QWidget

from tracker.domain.summary import Segment, SummaryData
from tracker.domain.timeparse import clock_text
from tracker.ui.common import fmt_hm, kind_label

BAR_HALF_HEIGHT = 0.31  # half of the bar height in draw_timeline (0.62 rows)


def segment_at(data: SummaryData, x_h: float, y_row: float) -> Segment | None:
    """The block drawn at (hours since the day start, row), None between bars."""
    row = round(y_row)
    if not 0 <= row < len(data.timeline) or abs(y_row - row) > BAR_HALF_HEIGHT:
        return None
    for seg in data.timeline[row].segments:
        if seg.start_h <= x_h <= seg.end_h:
            return seg
    return None


def hover_text(seg: Segment, data: SummaryData) -> str:
    """ "Growth · RPA 勉強", "9:30–10:15 (0:45)", then the note."""
    head = kind_label(seg.kind) + (f" · {seg.label}" if seg.label else "")
    start = clock_text(seg.started_at, data.tz)
    if seg.ended_at is None:
        now = QCoreApplication.translate("Timeline", "now")
        span = f"{start}–{now}"
    else:
        span = (
            f"{start}–{clock_text(seg.ended_at, data.tz)} ({fmt_hm(seg.ended_at - seg.started_at)})"
        )
    lines = [head, span]
    if seg.note:
        lines.append(seg.note)
    return "\n".join(lines)


class TimelineHover(QObject):
    """Shows :func:`hover_text` for the bar under the mouse on the timeline canvas."""

    def __init__(self, canvas: QWidget, figure: Any, data: Callable[[], SummaryData | None]):
        super().__init__(canvas)
        self.canvas = canvas
        self.figure = figure
        self._data = data
        self.shown: Segment | None = None
        canvas.setMouseTracking(True)
        canvas.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self.hover(event.position().toPoint())
        elif event.type() == QEvent.Type.Leave:
            self._hide()
        return False

    def hover(self, pos: QPoint) -> None:
        data = self._data()
        seg = None if data is None else self._segment(data, pos)
        if seg is None or data is None:
            self._hide()
            return
        self.shown = seg
        QToolTip.showText(self.canvas.mapToGlobal(pos), hover_text(seg, data), self.canvas)

    def _segment(self, data: SummaryData, pos: QPoint) -> Segment | None:
        if not self.figure.axes:
            return None
        ax = self.figure.axes[0]
        # matplotlib's display coordinates: physical pixels, y up from the bottom
        ratio = self.canvas.devicePixelRatioF()
        x, y = pos.x() * ratio, (self.canvas.height() - pos.y()) * ratio
        if not ax.bbox.contains(x, y):
            return None
        x_h, y_row = ax.transData.inverted().transform((x, y))
        return segment_at(data, float(x_h), float(y_row))

    def _hide(self) -> None:
        if self.shown is not None:
            self.shown = None
            QToolTip.hideText()
