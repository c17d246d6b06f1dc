"""Colours of the summary window: Okabe-Ito kinds on top of the current Qt palette.

Charts follow the palette (light or dark), so text and axes stay readable in both; the kind
colours stay the same everywhere (the tray icon uses them too). Growth is also hatched, so
no chart relies on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QWidget

from tracker.domain.model import Kind
from tracker.ui.common import KIND_COLORS, MET_COLOR

GROWTH_HATCH = "///"


def _hex(color: QColor) -> str:
    return color.name(QColor.NameFormat.HexRgb)


def _mix(a: QColor, b: QColor, t: float) -> str:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return _hex(
        QColor.fromRgbF(
            a.redF() + (b.redF() - a.redF()) * t,
            a.greenF() + (b.greenF() - a.greenF()) * t,
            a.blueF() + (b.blueF() - a.blueF()) * t,
        )
    )


@dataclass(frozen=True, slots=True)
class ChartTheme:
    """Plain colour strings for matplotlib, taken from a QPalette."""

    background: str
    text: str
    muted: str
    grid: str
    task: str
    growth: str
    met: str
    hatch: str
    dark: bool

    def kind_color(self, kind: Kind) -> str:
        return self.task if kind is Kind.TASK else self.growth

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartTheme:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightnessF() < 0.5
        return cls(
            background=_hex(base),
            text=_hex(text),
            muted=_mix(text, base, 0.4),
            grid=_mix(text, base, 0.85),
            task=KIND_COLORS[Kind.TASK],
            growth=KIND_COLORS[Kind.GROWTH],
            met=MET_COLOR,
            # Hatch lines darker than orange in light mode, lighter in dark mode.
            hatch="#7a4f00" if not dark else "#fff3d6",
            dark=dark,
        )


class CardFrame(QFrame):
    """A rounded "card" painted from the current palette (follows light/dark switches)."""

    RADIUS = 8.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Midlight), 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(
            QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), self.RADIUS, self.RADIUS
        )
        painter.end()
