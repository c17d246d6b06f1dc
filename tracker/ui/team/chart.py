"""The team window's chart: the team's growth ratio per week (bars) with each person's
ratio (a line each, stale members grey) and the people's targets (dashed).

matplotlib is imported the first time the chart is shown, as the summary's charts do
(``load_matplotlib``: the fonts with Japanese glyphs): never ``pyplot``, one figure with
constrained layout, redrawn through ``draw_idle()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from tracker.ui import i18n
from tracker.ui.common import fmt_pct
from tracker.ui.summary.theme import CardFrame, ChartTheme

if TYPE_CHECKING:
    from tracker.domain.team import TeamView

# Okabe-Ito colours other than the task blue and growth orange, then black.
PERSON_COLORS = ("#56B4E9", "#009E73", "#CC79A7", "#D55E00", "#0072B2", "#000000")


class TeamChart(CardFrame):
    """One chart card; the canvas is created on the event-loop turn after the first show."""

    chart_ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamChart")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 4)
        self.setMinimumHeight(220)
        self.figure: Any = None
        self.canvas: Any = None
        self._view: TeamView | None = None
        self.lines: dict[str, list[float | None]] = {}  # person id -> the ratios drawn (%)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(0)
        self._first.timeout.connect(self._create)

    def set_view(self, view: TeamView) -> None:
        self._view = view
        self.redraw()

    def showEvent(self, event: QShowEvent) -> None:
        if self.canvas is None and not self._first.isActive():
            self._first.start()
        super().showEvent(event)

    def _create(self) -> None:
        from tracker.ui.summary.charts import load_matplotlib

        load_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]  # backend unannotated
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout.addWidget(self.canvas)
        self.redraw()
        self.chart_ready.emit()

    def texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Growth ratio per week"),
            "team": self.tr("Team"),
            "target": self.tr("Target {0} %"),
            "empty": self.tr("Nobody shared anything for these weeks"),
        }

    def redraw(self) -> None:
        if self.figure is None or self._view is None:
            return
        theme = ChartTheme.from_palette(self.palette())
        self.figure.clear()
        self.figure.set_facecolor(theme.background)
        self.lines = draw(self.figure.add_subplot(), self._view, theme, self.texts())
        self.canvas.draw_idle()


def draw(
    ax: Any, view: TeamView, theme: ChartTheme, texts: dict[str, str]
) -> dict[str, list[float | None]]:
    """Draw the chart of ``view`` on ``ax``; returns each person's ratios as drawn (%)."""
    ax.set_facecolor(theme.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.muted)
    ax.tick_params(colors=theme.text, labelsize=8)
    ax.set_title(texts["title"], color=theme.text, fontsize=10, loc="left")
    weeks = view.weeks
    if not weeks:
        ax.text(
            0.5,
            0.5,
            texts["empty"],
            ha="center",
            va="center",
            color=theme.muted,
            transform=ax.transAxes,
        )
        ax.set_xticks([])
        ax.set_yticks([])
        return {}
    xs = list(range(len(weeks)))
    team = [0.0 if w.ratio is None else w.ratio * 100 for w in weeks]
    ax.bar(xs, team, width=0.6, color=theme.growth, alpha=0.55, label=texts["team"], zorder=2)
    for x, w in zip(xs, weeks, strict=True):
        if w.ratio is not None:
            # at the bar's foot: the people's lines run near its top
            ax.annotate(
                fmt_pct(w.ratio),
                (x, 0),
                ha="center",
                va="bottom",
                fontsize=8,
                color=theme.text,
                xytext=(0, 3),
                textcoords="offset points",
            )
    drawn: dict[str, list[float | None]] = {}
    top = max(team, default=0.0)
    for n, person in enumerate(view.people):
        color = theme.muted if person.stale else PERSON_COLORS[n % len(PERSON_COLORS)]
        ratios = [w.people.get(person.person) for w in weeks]
        values = [None if r is None else r * 100 for r in ratios]
        drawn[person.person] = values
        points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        if points:
            px, py = zip(*points, strict=True)
            ax.plot(
                px,
                py,
                marker="o",
                markersize=4,
                linewidth=1.4,
                color=color,
                label=person.name,
                linestyle=":" if person.stale else "-",
                zorder=3,
            )
            top = max(top, *py)
    for target in sorted({p.target for p in view.people}):
        ax.axhline(target, color=theme.met, linestyle="--", linewidth=1, zorder=1)
        ax.annotate(
            texts["target"].format(target),
            (1.0, target),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            fontsize=7,
            color=theme.met,
        )
        top = max(top, float(target))
    ax.set_ylim(0, max(10.0, top * 1.18))
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.set_xticks(xs, [i18n.format_short_date(w.week) for w in weeks])
    ax.grid(axis="y", color=theme.grid, linewidth=0.6, zorder=0)
    legend = ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=min(4, 1 + len(drawn)))
    for text in legend.get_texts():
        text.set_color(theme.text)
    return drawn
