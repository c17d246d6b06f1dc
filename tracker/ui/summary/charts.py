"""The chart panel of the summary window: the only module that imports matplotlib.

matplotlib costs ~0.4 s to import, so it is loaded the first time the panel is shown
(never when the tray starts, never when the window is merely created): ``FigureCanvasQTAgg``
and ``Figure`` only, never ``pyplot`` (global state). That import blocks the GUI thread, so
it waits for the event-loop turn after the window is shown, under a busy cursor that has
reached the screen by then; ``charts_ready`` says when the canvases exist. One figure with
constrained layout per canvas; redraws go through ``draw_idle()``.

While a block runs, the window refreshes every 30 s (and on each reopen) and the charts change
a little. A chart whose new data only moves bars and marks (same ``plots.*_key``) is updated
in place, and its layout, computed when the chart was last built (or the canvas resized), is
kept: no tick or label moved. That draws in a fraction of the time of a rebuild, identically.

Japanese labels need a CJK-capable font. At load time the font family becomes a fallback
list (matplotlib ≥ 3.6 falls back per glyph): the Qt UI font when matplotlib knows it, then
any font bundled in ``resources/fonts``, then the first installed of Noto Sans CJK JP,
IPAexGothic, Yu Gothic, Hiragino, Meiryo, MS Gothic, and finally DejaVu Sans.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QFont, QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from tracker.domain.model import Kind
from tracker.domain.summary import RangeKind, SummaryData
from tracker.io.files import write_atomic
from tracker.ui import i18n
from tracker.ui.common import kind_label
from tracker.ui.resources import resource_path
from tracker.ui.summary import plots
from tracker.ui.summary.theme import CardFrame, ChartTheme

log = logging.getLogger(__name__)

CJK_FONTS = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "Yu Gothic",
    "Yu Gothic UI",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Meiryo",
    "MS Gothic",
    "TakaoGothic",
    "VL Gothic",
)
NAMES = ("timeline", "ratio", "hours")
_font_family: list[str] | None = None


def load_matplotlib() -> list[str]:
    """Import matplotlib (once) and choose the font fallback list; returns that list."""
    global _font_family
    if _font_family is not None:
        return _font_family
    import matplotlib
    from matplotlib import font_manager

    bundled: list[str] = []
    fonts_dir = resource_path("fonts")
    if fonts_dir.is_dir():
        for path in sorted(fonts_dir.iterdir()):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
                font_manager.fontManager.addfont(str(path))
                bundled.append(font_manager.FontProperties(fname=str(path)).get_name())
    known = {f.name for f in font_manager.fontManager.ttflist}
    ui = QFont().family()
    family = [ui] if ui in known else []
    family += [name for name in (*bundled, *CJK_FONTS) if name in known and name not in family]
    if not any(name in known for name in (*bundled, *CJK_FONTS)):
        log.warning("no CJK font found for charts; Japanese labels may not render")
    family.append("DejaVu Sans")
    matplotlib.rcParams["font.family"] = family
    matplotlib.rcParams["font.size"] = 9
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["hatch.linewidth"] = 0.8
    _font_family = family
    return family


class ChartsPanel(QWidget):
    """Three chart cards; the canvases are created on the event-loop turn after the first
    show."""

    charts_ready = Signal()  # the canvases exist and hold the data's charts

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(0)
        self._first.timeout.connect(self._first_draw)
        self._busy = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._cards: dict[str, CardFrame] = {}
        self._card_layouts: dict[str, QVBoxLayout] = {}
        for name, stretch in zip(NAMES, (2, 3, 3), strict=True):
            card = CardFrame(self)
            body = QVBoxLayout(card)
            body.setContentsMargins(6, 6, 6, 4)
            self._layout.addWidget(card, stretch)
            self._cards[name] = card
            self._card_layouts[name] = body
        self.figures: dict[str, Any] = {}
        self._canvases: dict[str, Any] = {}
        self._live: dict[str, tuple[tuple[object, ...], plots.Live]] = {}  # (key, live)
        self._data: SummaryData | None = None

    # -- public -------------------------------------------------------------------------

    def set_data(self, data: SummaryData) -> None:
        # Drawing a chart costs ~0.1 s; redraw only the charts whose inputs changed (the
        # "now" mark moves every minute, but only the timeline shows it).
        old = self._data
        self._data = data
        rows = len(data.timeline)
        # A week's seven rows stay compact, so the ratio axis below keeps a readable height.
        self._cards["timeline"].setMinimumHeight(120 if rows == 1 else 64 + 22 * rows)
        self._layout.setStretch(0, 2 if rows == 1 else 4)
        if not self._canvases:
            return
        changed = [n for n in NAMES if old is None or _inputs(n, old) != _inputs(n, data)]
        rebuild = []
        for name in changed:
            key, live = self._live.get(name, ((), None))
            if (
                live is not None
                and key == _key(name, data)
                and live.update(_live_input(name, data))
            ):
                self._canvases[name].draw_idle()
            else:
                rebuild.append(name)
        if rebuild:
            self.redraw(rebuild)

    def texts(self) -> dict[str, str]:
        return {
            "timeline": self.tr("Timeline"),
            "ratio": self.tr("Growth ratio per day"),
            "hours": self.tr("Task and growth hours per day"),
            "task": kind_label(Kind.TASK),
            "growth": kind_label(Kind.GROWTH),
            "now": self.tr("now"),
            "empty": self.tr("Nothing tracked on this day"),
            "met": self.tr("Target met ✓"),
            "below": self.tr("Below target"),
            "target": self.tr("Target"),
            "disposable": self.tr("Disposable hours"),
            "day_off": self.tr("Day off"),
            "hour_tick": self.tr("{0}h", "hours on a chart axis"),
        }

    def theme(self) -> ChartTheme:
        return ChartTheme.from_palette(self.palette())

    def redraw(self, names: Sequence[str] = NAMES) -> None:
        if self._data is None or not self._canvases:
            return
        theme = self.theme()
        for name in names:
            fig = self.figures[name]
            fig.clear()
            fig.set_facecolor(theme.background)
            live = draw(name, fig.add_subplot(), self._data, theme, self.texts())
            self._live[name] = (_key(name, self._data), live)
            fig.get_layout_engine().stale = True
            self._canvases[name].draw_idle()

    def save_png(self, path: Path, dpi: int = 150) -> None:
        """All three charts in one PNG (a figure of its own, so the window is untouched),
        written like an export: readable by its owner only. Raises ``TrackerError``."""
        if self._data is None:
            return
        load_matplotlib()
        from matplotlib.figure import Figure

        rows = len(self._data.timeline)
        theme = self.theme()
        fig = Figure(figsize=(10, 7.5 + 0.25 * rows), layout="constrained")
        fig.set_facecolor(theme.background)
        axes = fig.subplots(3, 1, height_ratios=[1.2 + 0.35 * rows, 3, 3])
        for name, ax in zip(NAMES, axes, strict=True):
            draw(name, ax, self._data, theme, self.texts())
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=dpi, facecolor=theme.background)
        write_atomic(path, png.getvalue())  # owner-only (0600), whole or not at all

    # -- Qt -----------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """The canvases exist (after the first show's next event-loop turn)."""
        return bool(self._canvases)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._canvases and not self._first.isActive():
            # A cursor set while matplotlib imports (~0.4 s) would never reach the screen:
            # the GUI thread is busy. Set now, it is shown before the timer fires.
            self._set_busy(True)
            self._first.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self._first.isActive():  # hidden before its first drawing: nothing to wait for
            self._first.stop()
            self._set_busy(False)
        super().hideEvent(event)

    def _first_draw(self) -> None:
        try:
            self._create_canvases()
            self.redraw()
        finally:
            self._set_busy(False)
        self.charts_ready.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        if busy:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
        else:
            QGuiApplication.restoreOverrideCursor()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.PaletteChange and self._canvases:
            self.redraw()
        super().changeEvent(event)

    def _create_canvases(self) -> None:
        load_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        for name in NAMES:
            fig = Figure(layout=_kept_layout())
            canvas = FigureCanvasQTAgg(fig)  # type: ignore[no-untyped-call]  # backend unannotated
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            canvas.setMinimumHeight(90)
            self._card_layouts[name].addWidget(canvas)
            self.figures[name] = fig
            self._canvases[name] = canvas
        from tracker.ui.summary.timeline_hover import TimelineHover

        self.hover = TimelineHover(self._canvases["timeline"], self.figures["timeline"], self.data)

    def data(self) -> SummaryData | None:
        return self._data


def _kept_layout() -> Any:
    """A constrained layout engine that keeps its last layout until it is ``stale`` (the
    chart was rebuilt) or the figure's size in pixels changed. Each computation measures
    every tick label and title: ~40% of drawing a chart."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    class KeptLayout(ConstrainedLayoutEngine):
        stale = True
        _size: tuple[float, float] = (0.0, 0.0)

        def execute(self, fig: Any) -> Any:
            size = (fig.bbox.width, fig.bbox.height)
            if not self.stale and size == self._size:
                return None
            self.stale, self._size = False, size
            return super().execute(fig)

    return KeptLayout()


def draw(
    name: str, ax: Any, data: SummaryData, theme: ChartTheme, texts: dict[str, str]
) -> plots.Live:
    """Draw chart ``name`` of ``data`` on ``ax``."""
    if name == "timeline":
        title = texts["timeline"]
        if data.kind is not RangeKind.WEEK:
            title += f" · {_day_text(data.day)}"
        texts = {**texts, "timeline": title}
        return plots.draw_timeline(ax, data.timeline, data.day_start, theme, texts)
    if name == "ratio":
        return plots.draw_ratio(ax, data.chart_days, data.today, theme, texts, _off(data))
    return plots.draw_hours(
        ax, data.chart_days, data.today, data.disposable_hours, theme, texts, _off(data)
    )


def _off(data: SummaryData) -> list[bool]:
    """Which chart days are days off (not work days)."""
    return [data.is_day_off(d.date) for d in data.chart_days]


def _inputs(name: str, data: SummaryData) -> tuple[object, ...]:
    """What chart ``name`` draws from ``data`` (see ``draw``): equal inputs, equal chart."""
    if name == "timeline":
        return (data.kind, data.day, data.day_start, data.timeline)
    if name == "ratio":
        return (data.chart_days, data.today, data.work_days)
    return (data.chart_days, data.today, data.disposable_hours, data.work_days)


def _key(name: str, data: SummaryData) -> tuple[object, ...]:
    """What must stay equal for chart ``name`` to be updated in place (``plots.Live``):
    ``plots.*_key`` and what ``draw`` adds (the title's day)."""
    if name == "timeline":
        return (data.kind, data.day, data.day_start, plots.timeline_key(data.timeline))
    if name == "ratio":
        return plots.ratio_key(data.chart_days, data.today, _off(data))
    return plots.hours_key(data.chart_days, data.today, data.disposable_hours, _off(data))


def _live_input(name: str, data: SummaryData) -> Any:
    return data.timeline if name == "timeline" else data.chart_days


def _day_text(day: dt.date) -> str:
    return i18n.format_date(day)
