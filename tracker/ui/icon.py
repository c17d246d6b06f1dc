"""Tray icon for Growth Tracker, drawn at run time with QPainter (no bitmap files).

The icon has two layers:

* an outer **ring**: a faint full track, an arc (clockwise from 12 o'clock)
  showing today's growth ratio, and a tick at the target position. Once the
  ratio reaches the target the arc turns bluish green *and* grows 1.5x thicker,
  so "target met" reads without colour. ``ratio=None`` (nothing tracked today)
  draws the track only.
* a centre **glyph** naming the current state by shape as well as colour:
  IDLE = grey pause bars, TASK = blue rounded square, GROWTH = orange
  upward triangle.

Colours are Okabe-Ito (safe for deuteranopia/protanopia); the arc differs from
the track in lightness too, so the ring also reads in grayscale. Each glyph has
a thin outline of the opposite lightness to its fill, which keeps it legible on
any panel even when ``dark_panel`` is guessed wrong (the tray panel need not
match the application palette); the ring colours follow ``dark_panel``.
At <= 16 px the margin and the ring-to-glyph gap are dropped so the glyph can
use every pixel. Edges are snapped to the physical pixel grid. Everything here
is a pure function of its arguments.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from tracker.domain.model import Kind
from tracker.ui.common import KIND_COLORS, MET_COLOR

ICON_SIZES: tuple[int, ...] = (16, 22, 24, 32, 48, 64)
"""Logical sizes put into the QIcon by :func:`make_icon`, each at 1x and 2x."""

# Okabe-Ito palette: the kind colours of every window, plus vermillion for "below target".
BLUE = KIND_COLORS[Kind.TASK]
ORANGE = KIND_COLORS[Kind.GROWTH]
VERMILLION = "#D55E00"
BLUISH_GREEN = MET_COLOR

_SOLID = Qt.PenStyle.SolidLine
_FLAT = Qt.PenCapStyle.FlatCap


class IconState(enum.Enum):
    """What the user is doing right now."""

    IDLE = "idle"
    TASK = "task"
    GROWTH = "growth"


@dataclass(frozen=True)
class _Scheme:
    ink: str  # contrasts with the panel: track (translucent) and target tick
    idle: str  # IDLE glyph
    arc: str  # growth arc below target
    met: str  # growth arc at or above target


_ON_DARK = _Scheme(ink="#FFFFFF", idle="#B4B4B4", arc=ORANGE, met=BLUISH_GREEN)
_ON_LIGHT = _Scheme(ink="#000000", idle="#6E6E6E", arc=VERMILLION, met=BLUISH_GREEN)


def _panel_is_dark(dark_panel: bool | None) -> bool:
    """Resolve ``dark_panel``: None = ask the app palette, no app = dark."""
    if dark_panel is not None:
        return dark_panel
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return True


def _clamp01(value: float) -> float:
    return 0.0 if math.isnan(value) else min(1.0, max(0.0, value))


def _outline_for(fill: QColor) -> QColor:
    """Outline colour of the opposite lightness (by luma) to ``fill``."""
    luma = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#1E1E1E" if luma >= 0.5 else "#F4F4F4")  # opaque: fast to stroke


def _glyph_path(state: IconState, c: float, e: float, dpr: float) -> QPainterPath:
    """The state glyph centred on (c, c); its bulk fits a half-extent ``e``."""

    def px(v: float) -> float:  # snap to the physical pixel grid
        return round(v * dpr) / dpr

    path = QPainterPath()
    a = px(e)
    if state is IconState.TASK:
        path.addRoundedRect(QRectF(c - a, c - a, 2 * a, 2 * a), a * 0.4, a * 0.4)
    elif state is IconState.GROWTH:
        base = c + px(e * 0.75)  # crisp base line; apex pokes up near the ring
        path.moveTo(c, base - e * 1.9)
        path.lineTo(c + e * 0.98, base)
        path.lineTo(c - e * 0.98, base)
        path.closeSubpath()
    else:
        bar = px(max(2.0, e * 0.6))
        gap = px(max(2.0, e * 0.4))
        for x in (c - gap / 2 - bar, c + gap / 2):
            path.addRect(QRectF(px(x), c - a, bar, 2 * a))
    return path


def render_pixmap(
    state: IconState,
    ratio: float | None,
    target: float,
    size: int,
    dpr: float = 1.0,
    dark_panel: bool | None = None,
) -> QPixmap:
    """Draw the icon at ``size`` logical px into a pixmap of ``size * dpr`` px.

    ``ratio``: today's growth ratio in [0, 1], None if nothing is tracked yet.
    ``target``: the growth-ratio goal in [0, 1]. Both are clamped.
    ``dark_panel``: None = guess from the application palette.
    """
    if size <= 0 or dpr <= 0:
        raise ValueError(f"size and dpr must be positive, got {size=} {dpr=}")
    scheme = _ON_DARK if _panel_is_dark(dark_panel) else _ON_LIGHT
    target = _clamp01(target)
    if ratio is not None:
        ratio = None if math.isnan(ratio) else _clamp01(ratio)

    def px(v: float) -> float:
        return round(v * dpr) / dpr

    s = float(size)
    c = s / 2
    small = size <= 16
    ro = c - (0.0 if small else px(s / 32))  # outer edge of the ring
    w = px(max(2.0, s / 10))  # track and arc width
    met_w = px(w * 1.5)  # a met arc grows inwards
    outline = px(max(1.0, s / 32))
    gap = 0.0 if small else px(s / 16)  # ring-to-glyph gap
    extent = ro - met_w - outline - gap

    physical = max(1, round(s * dpr))
    pixmap = QPixmap(physical, physical)
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)

    def arc(width: float, color: QColor, span: float) -> None:
        rad = ro - width / 2
        p.setPen(QPen(color, width, _SOLID, _FLAT))
        rect = QRectF(c - rad, c - rad, 2 * rad, 2 * rad)
        if span >= 1.0:
            p.drawEllipse(rect)
        else:  # Qt angles are 1/16 degree, counter-clockwise from 3 o'clock
            p.drawArc(rect, 90 * 16, -round(span * 360 * 16))

    # Faint track: Qt strokes translucent pens several times slower than opaque
    # ones, so draw it opaque on the empty pixmap and then scale its alpha.
    p.setBrush(Qt.BrushStyle.NoBrush)
    arc(w, QColor(scheme.ink), 1.0)
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
    p.fillRect(QRectF(0, 0, s, s), QColor(0, 0, 0, 51))
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

    fill = QColor({IconState.TASK: BLUE, IconState.GROWTH: ORANGE}.get(state, scheme.idle))
    path = _glyph_path(state, c, extent, dpr)
    halo = QPen(_outline_for(fill), 2 * outline, _SOLID, Qt.PenCapStyle.RoundCap)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.strokePath(path, halo)
    p.fillPath(path, QBrush(fill))
    if ratio is not None:
        met = ratio >= target
        if ratio > 0:  # a tiny ratio still shows a sliver
            arc(met_w if met else w, QColor(scheme.met if met else scheme.arc), max(ratio, 0.02))
        angle = target * 2 * math.pi
        dx, dy = math.sin(angle), -math.cos(angle)
        r_in = ro - met_w  # the tick crosses even a met arc
        p.setPen(QPen(QColor(scheme.ink), px(max(2.0, s / 20)), _SOLID, _FLAT))
        p.drawLine(QPointF(c + dx * r_in, c + dy * r_in), QPointF(c + dx * ro, c + dy * ro))
    p.end()
    return pixmap


def make_icon(
    state: IconState,
    ratio: float | None,
    target: float,
    dark_panel: bool | None = None,
) -> QIcon:
    """A QIcon with a pixmap for every size in :data:`ICON_SIZES` at 1x and 2x."""
    dark = _panel_is_dark(dark_panel)
    icon = QIcon()
    for size in ICON_SIZES:
        for dpr in (1.0, 2.0):
            icon.addPixmap(render_pixmap(state, ratio, target, size, dpr, dark))
    return icon
