"""The chart panel of the summary window: the only module that imports matplotlib.

matplotlib costs ~0.4 s to import, so it is loaded the first time the panel is shown
(never when the tray starts, never when the window is merely created): ``FigureCanvasQTAgg``
and ``Figure`` only, never ``pyplot`` (global state). One ``Figure(layout="constrained")``
per canvas; redraws go through ``draw_idle()``.

Japanese labels need a CJK-capable font. At load time the font family becomes a fallback
list (matplotlib ≥ 3.6 falls back per glyph): the Qt UI font when matplotlib knows it, then
any font bundled in ``resources/fonts``, then the first installed of Noto Sans CJK JP,
IPAexGothic, Yu Gothic, Hiragino, Meiryo, MS Gothic, and finally DejaVu Sans.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from tracker.domain.model import Kind
from tracker.domain.summary import RangeKind, SummaryData
from tracker.ui.common import kind_label, resource_path
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
    """Three chart cards; the canvases are created on first show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._cards: dict[str, CardFrame] = {}
        for name, stretch in zip(NAMES, (2, 3, 3), strict=True):
            card = CardFrame(self)
            QVBoxLayout(card).setContentsMargins(6, 6, 6, 4)
            self._layout.addWidget(card, stretch)
            self._cards[name] = card
        self.figures: dict[str, Any] = {}
        self._canvases: dict[str, Any] = {}
        self._data: SummaryData | None = None

    # -- public -------------------------------------------------------------------------

    def set_data(self, data: SummaryData) -> None:
        # Redrawing three figures costs ~0.1 s each; skip it when nothing changed (``now``
        # alone moves every second, but only matters while a block runs).
        same = self._data is not None and replace(self._data, now=0) == replace(data, now=0)
        self._data = data
        if same and self._canvases:
            return
        rows = len(data.timeline)
        self._cards["timeline"].setMinimumHeight(120 if rows == 1 else 70 + 26 * rows)
        self._layout.setStretch(0, 2 if rows == 1 else 4)
        if self._canvases:
            self.redraw()

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
        }

    def theme(self) -> ChartTheme:
        return ChartTheme.from_palette(self.palette())

    def redraw(self) -> None:
        if self._data is None or not self._canvases:
            return
        theme = self.theme()
        for name in NAMES:
            fig = self.figures[name]
            fig.clear()
            fig.set_facecolor(theme.background)
            draw(name, fig.add_subplot(), self._data, theme, self.texts())
            self._canvases[name].draw_idle()

    def save_png(self, path: Path, dpi: int = 150) -> None:
        """All three charts in one PNG (a figure of its own, so the window is untouched)."""
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
        fig.savefig(path, dpi=dpi, facecolor=theme.background)

    # -- Qt -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if not self._canvases:
            self._create_canvases()
            self.redraw()
        super().showEvent(event)

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
            fig = Figure(layout="constrained")
            canvas = FigureCanvasQTAgg(fig)
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            canvas.setMinimumHeight(90)
            self._cards[name].layout().addWidget(canvas)
            self.figures[name] = fig
            self._canvases[name] = canvas


def draw(name: str, ax: Any, data: SummaryData, theme: ChartTheme, texts: dict[str, str]) -> None:
    """Draw chart ``name`` of ``data`` on ``ax``."""
    if name == "timeline":
        title = texts["timeline"]
        if data.kind is not RangeKind.WEEK:
            title += f" · {_day_text(data.day)}"
        plots.draw_timeline(ax, data.timeline, data.day_start, theme, {**texts, "timeline": title})
    elif name == "ratio":
        plots.draw_ratio(ax, data.chart_days, data.today, theme, texts)
    else:
        plots.draw_hours(ax, data.chart_days, data.today, data.disposable_hours, theme, texts)


def _day_text(day: dt.date) -> str:
    return f"{day.isoformat()} ({plots.weekday(day)})"
