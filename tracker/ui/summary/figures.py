"""The figures at the top of the summary: six cards with one big number each.

Task and growth time, the growth ratio against its target (met / not met said with an
icon *and* words, never by colour alone), the rolling 7- and 30-day ratios, tracked time
out of the disposable hours, and the streak of finished days that met their target.
Numbers come from ``SummaryData``; nothing is computed here but the wording.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from tracker.domain.model import Kind
from tracker.domain.stats import STREAK_MIN_S, growth_needed_s
from tracker.domain.summary import RangeKind, SummaryData
from tracker.ui import i18n
from tracker.ui.common import (
    KIND_COLORS,
    MET_COLOR,
    fmt_hm,
    fmt_int,
    fmt_need,
    fmt_pct,
    kind_label,
)
from tracker.ui.summary.theme import CardFrame
from tracker.ui.wrap_label import WrapLabel

TREND_STEADY = 0.01  # a 7-day ratio within 1 point of the 30-day one is "steady"


class Card(CardFrame):
    """Title, one large value and a line of detail."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.body = layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.value = QLabel(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.75)
        font.setWeight(font.Weight.DemiBold)
        self.value.setFont(font)
        self.detail = WrapLabel("", self)
        self.detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.extra: QProgressBar | None = None
        self._value_color: str | None = None
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def _paint_value(self) -> None:
        pal = self.palette()
        if self._value_color:
            pal.setColor(QPalette.ColorRole.WindowText, QColor(self._value_color))
        self.value.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_value()

    def set(self, title: str, value: str, detail: str, value_color: str | None = None) -> None:
        self.title.setText(title)
        self.value.setText(value)
        self._value_color = value_color
        self._paint_value()
        self.detail.setText(detail)
        plain = title.split("</span>")[-1].strip()
        self.setAccessibleName(f"{plain}: {value}. {detail}")


def streak_detail(s: SummaryData) -> str:
    """ "days in a row meeting the target, up to yesterday": which days the streak is made
    of, so it never seems to contradict the day shown (today counts once it is over)."""
    if s.streak_through == s.today - dt.timedelta(days=1):
        if s.streak == 1:
            return QCoreApplication.translate(
                "FiguresPanel", "day in a row meeting the target, up to yesterday"
            )
        return QCoreApplication.translate(
            "FiguresPanel", "days in a row meeting the target, up to yesterday"
        )
    when = i18n.format_date(s.streak_through, weekday=False)
    if s.streak == 1:
        return QCoreApplication.translate(
            "FiguresPanel", "day in a row meeting the target, up to {0}"
        ).format(when)
    return QCoreApplication.translate(
        "FiguresPanel", "days in a row meeting the target, up to {0}"
    ).format(when)


def streak_rule() -> str:
    """How a day counts toward the streak (the domain's rule, in words)."""
    return QCoreApplication.translate(
        "FiguresPanel",
        "A day counts once it is over, when it meets its target with at least {0} h tracked. "
        "Days with less tracked (days off) neither break nor extend the streak.",
    ).format(f"{STREAK_MIN_S / 3600:g}")


def _swatch(color: str, glyph: str = "■") -> str:
    return f'<span style="color:{color}">{glyph}</span>&nbsp;'


class FiguresPanel(QWidget):
    """A row of cards; ``cards[name]`` for tests and for the accessible text."""

    NAMES = ("task", "growth", "ratio", "trend", "tracked", "streak")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.cards = {name: Card(name, self) for name in self.NAMES}
        for card in self.cards.values():
            layout.addWidget(card, 1)
        bar = QProgressBar(self.cards["tracked"])
        bar.setTextVisible(False)
        bar.setMaximumHeight(6)
        bar.setRange(0, 1000)
        self.cards["tracked"].body.insertWidget(2, bar)
        self.cards["tracked"].extra = bar

    def update_data(self, s: SummaryData) -> None:
        day = s.kind is RangeKind.DAY
        c = self.cards
        total = s.total

        def share(seconds: int) -> str:
            return fmt_pct(seconds / total.total_s) if total.total_s else "–"

        c["task"].set(
            _swatch(KIND_COLORS[Kind.TASK]) + kind_label(Kind.TASK),
            fmt_hm(total.task_s),
            self.tr("{0} of tracked time").format(share(total.task_s)),
        )
        need = growth_needed_s(total.task_s, total.growth_s, s.target)
        if total.total_s == 0:
            growth_detail = self.tr("nothing tracked yet")
        elif need == 0:
            growth_detail = self.tr("enough to meet the target")
        elif need is None:
            growth_detail = self.tr("the target cannot be reached")
        else:
            growth_detail = self.tr("{0} more reaches the target").format(fmt_need(need))
        c["growth"].set(
            _swatch(KIND_COLORS[Kind.GROWTH], "▨") + kind_label(Kind.GROWTH),
            fmt_hm(total.growth_s),
            growth_detail,
        )
        target = fmt_pct(s.target, s.target)
        if s.met is None:
            verdict, color = self.tr("– no data · target {0}").format(target), None
        elif s.met:
            verdict, color = self.tr("✓ target {0} met").format(target), MET_COLOR
        else:
            verdict, color = self.tr("✗ below the target {0}").format(target), None
        if not day and s.tracked_days:
            verdict += " · " + self.tr("{0} of {1} days met").format(s.met_days, s.tracked_days)
        c["ratio"].set(self.tr("Growth ratio"), fmt_pct(s.ratio, s.target), verdict, color)
        c["trend"].set(
            self.tr("Trend"),
            f"{fmt_pct(s.rolling_7)} / {fmt_pct(s.rolling_30)}",
            self.tr("last 7 / 30 days") + self._direction(s),
        )
        c["tracked"].set(
            self.tr("Tracked"),
            fmt_hm(total.total_s),
            self.tr("of {0} disposable hours").format(fmt_hm(s.disposable_s)),
        )
        bar = c["tracked"].extra
        assert bar is not None
        bar.setValue(min(1000, int(1000 * total.total_s / s.disposable_s)) if s.disposable_s else 0)
        c["streak"].set(self.tr("Streak"), fmt_int(s.streak), streak_detail(s))
        c["streak"].setToolTip(streak_rule())

    def _direction(self, s: SummaryData) -> str:
        if s.rolling_7 is None or s.rolling_30 is None:
            return ""
        diff = s.rolling_7 - s.rolling_30
        if diff > TREND_STEADY:
            return " · " + self.tr("↗ rising")
        if diff < -TREND_STEADY:
            return " · " + self.tr("↘ falling")
        return " · " + self.tr("→ steady")
