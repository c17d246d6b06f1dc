"""Tray icon for Growth Tracker, drawn at run time with QPainter (no bitmap files).

The icon has two layers:

* an outer **ring** that reads as "how far to the target": a thin grey track all
  round, a thick arc (clockwise from 12 o'clock) for today's growth ratio, and the
  target as a **notch**, a radial bar in the panel's opposite ink with a clear gap
  round it (the panel shows through), so it cuts through the arc on any panel. Once
  the ratio reaches the target the arc turns bluish green *and* grows inwards, so
  "target met" reads without colour. ``ratio=None`` (nothing tracked today) draws
  the track only.
* a centre **glyph** naming the state by shape as well as colour: nothing running =
  grey pause bars, TASK = blue rounded square, GROWTH = orange upward arrow (an arrow,
  not a triangle: an outlined orange triangle reads as a warning sign), AWAY = grey
  crescent moon.

Contrast (WCAG 1.4.11, tests/ui/test_icon.py measures it on the rendered pixels of
seven real panels): the track, the arc and the notch each reach >= 3:1 against the
panel ``dark_panel`` says it is drawn on; the track is 2 px at least, since a thinner
anti-aliased circle fades to ~2:1 on its diagonals at 22 px. The arc differs from the
track in width as well as colour, so it reads in grayscale and for colour-blind users.

``template=True`` draws the macOS menu-bar "template image": black with alpha only (the
system colours it); the track is translucent there and the arc opaque.

At <= 16 px the margin and the ring-to-glyph gap are dropped so the glyph can use every
pixel. Edges are snapped to the physical pixel grid. Everything here is a pure function
of its arguments and imports no matplotlib.
"""

from __future__ import annotations

import enum
import math

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

from tracker.ui.colors import GROWTH_COLOR, MET_COLOR, TASK_COLOR

ICON_SIZES: tuple[int, ...] = (16, 20, 22, 24, 32, 48, 64)
"""Logical sizes put into the QIcon by :func:`make_icon`, each at 1x and 2x."""

# Okabe-Ito palette: the kind colours of every window, plus vermillion for "below target".
BLUE = TASK_COLOR
ORANGE = GROWTH_COLOR
VERMILLION = "#D55E00"
BLUISH_GREEN = MET_COLOR

_SOLID = Qt.PenStyle.SolidLine
_FLAT = Qt.PenCapStyle.FlatCap


class IconState(enum.Enum):
    """What the user is doing right now."""

    IDLE = "idle"
    TASK = "task"
    GROWTH = "growth"
    AWAY = "away"  # a block runs but the person has left (the away monitor says so)


class _Scheme:
    """The colours of one panel kind (a plain class: no dataclasses on the start path)."""

    __slots__ = ("arc", "edge", "ink", "met", "neutral", "track")

    def __init__(
        self, *, ink: str, track: str, arc: str, met: str, neutral: str, edge: dict[IconState, str]
    ) -> None:
        self.ink = ink  # the notch: the panel's opposite
        self.track = track  # the thin ring all round
        self.arc = arc  # growth arc below target
        self.met = met  # growth arc at or above target
        self.neutral = neutral  # the IDLE and AWAY glyphs
        self.edge = edge  # a glyph's 1 px edge, toward the panel's opposite


# Arc colours >= 3:1 on the panel they are for: orange on #2B2B2B 6.3, vermillion on
# #EDEDED 4.1, bluish green on #2B2B2B 4.1, a darker green on #EDEDED 4.2.
_ON_DARK = _Scheme(
    ink="#FFFFFF",
    track="#9A9A9A",
    arc=ORANGE,
    met=BLUISH_GREEN,
    neutral="#A8A8A8",
    edge={IconState.TASK: "#56B4E9", IconState.GROWTH: "#F5C75A"},
)
_ON_LIGHT = _Scheme(
    ink="#000000",
    track="#5E5E5E",
    arc=VERMILLION,
    met="#00805D",
    neutral="#6A6A6A",
    edge={IconState.TASK: "#004A75", IconState.GROWTH: "#8A5A00"},
)
_TEMPLATE = _Scheme(
    ink="#000000",
    track="#000000",
    arc="#000000",
    met="#000000",
    neutral="#000000",
    edge={},
)


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


def _glyph_path(state: IconState, c: float, e: float, dpr: float) -> QPainterPath:
    """The state glyph centred on (c, c); its bulk fits a half-extent ``e``."""

    def px(v: float) -> float:  # snap to the physical pixel grid
        return round(v * dpr) / dpr

    path = QPainterPath()
    a = px(e)
    if state is IconState.TASK:
        path.addRoundedRect(QRectF(c - a, c - a, 2 * a, 2 * a), a * 0.4, a * 0.4)
    elif state is IconState.GROWTH:
        # an upward arrow: a wide head on a shaft half its width
        top, bottom = c - e * 1.15, c + px(e)
        head_w, shaft = e * 1.2, px(max(1.0, e * 0.36))
        neck = c - e * 0.05
        path.moveTo(c, top)
        path.lineTo(c + head_w, neck)
        path.lineTo(c + shaft, neck)
        path.lineTo(c + shaft, bottom)
        path.lineTo(c - shaft, bottom)
        path.lineTo(c - shaft, neck)
        path.lineTo(c - head_w, neck)
        path.closeSubpath()
    elif state is IconState.AWAY:
        # a crescent moon: a disc with an offset disc taken out of its upper right
        disc = QPainterPath()
        disc.addEllipse(QPointF(c, c), e * 1.05, e * 1.05)
        bite = QPainterPath()
        bite.addEllipse(QPointF(c + e * 0.55, c - e * 0.4), e * 0.85, e * 0.85)
        path = disc.subtracted(bite)
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
    template: bool = False,
) -> QPixmap:
    """Draw the icon at ``size`` logical px into a pixmap of ``size * dpr`` px.

    ``ratio``: today's growth ratio in [0, 1], None if nothing is tracked yet.
    ``target``: the growth-ratio goal in [0, 1]. Both are clamped.
    ``dark_panel``: None = guess from the application palette.
    ``template``: a macOS template image (alpha only; ``dark_panel`` is ignored).
    """
    if size <= 0 or dpr <= 0:
        raise ValueError(f"size and dpr must be positive, got {size=} {dpr=}")
    scheme = _TEMPLATE if template else _ON_DARK if _panel_is_dark(dark_panel) else _ON_LIGHT
    target = _clamp01(target)
    if ratio is not None:
        ratio = None if math.isnan(ratio) else _clamp01(ratio)

    def px(v: float) -> float:
        return round(v * dpr) / dpr

    s = float(size)
    c = s / 2
    small = size <= 16
    ro = c - (0.0 if small else px(s / 32))  # outer edge of the ring
    w = px(max(3.0, s * 0.13))  # arc width
    met_w = px(w * 1.3)  # a met arc grows inwards
    track_w = max(2.0, w * 0.5)  # thin: the arc stands out by width, not colour only
    gap = 0.0 if small else px(s / 20)  # ring-to-glyph gap
    extent = ro - met_w - gap - (0.5 if small else 1.0)

    physical = max(1, round(s * dpr))
    pixmap = QPixmap(physical, physical)
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)

    def arc(width: float, color: QColor, span: float, mid: float | None = None) -> None:
        rad = ro - w / 2 if mid is None else mid
        rad = min(rad, ro - width / 2)
        p.setPen(QPen(color, width, _SOLID, _FLAT))
        rect = QRectF(c - rad, c - rad, 2 * rad, 2 * rad)
        if span >= 1.0:
            p.drawEllipse(rect)
        else:  # Qt angles are 1/16 degree, counter-clockwise from 3 o'clock
            p.drawArc(rect, 90 * 16, -round(span * 360 * 16))

    p.setBrush(Qt.BrushStyle.NoBrush)
    # Template images carry meaning in alpha alone: a translucent track, an opaque arc.
    # Qt strokes translucent pens slowly, so the track is drawn opaque, then faded.
    arc(track_w, QColor(scheme.track), 1.0)
    if template:
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        p.fillRect(QRectF(0, 0, s, s), QColor(0, 0, 0, 160))
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

    fill = QColor(
        {IconState.TASK: BLUE, IconState.GROWTH: ORANGE}.get(state, scheme.neutral)
        if not template
        else "#000000"
    )
    path = _glyph_path(state, c, extent, dpr)
    edge = scheme.edge.get(state)
    if edge is not None:
        pen = QPen(QColor(edge), px(max(1.0, s / 22)) * 2, _SOLID, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.strokePath(path, pen)
    p.fillPath(path, QBrush(fill))
    if ratio is not None:
        met = ratio >= target
        if ratio > 0:  # a tiny ratio still shows a sliver
            width = met_w if met else w
            arc(width, QColor(scheme.met if met else scheme.arc), max(ratio, 0.02), ro - width / 2)
        angle = target * 2 * math.pi
        dx, dy = math.sin(angle), -math.cos(angle)
        r_in, r_out = ro - met_w, ro
        notch = px(max(1.5, s / 14))
        a_in = QPointF(c + dx * r_in, c + dy * r_in)
        a_out = QPointF(c + dx * r_out, c + dy * r_out)
        # a clear halo separates the notch from the arc: the panel itself shows round it
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        p.setPen(QPen(Qt.GlobalColor.black, notch + 2 * px(max(1.0, s / 32)), _SOLID, _FLAT))
        p.drawLine(a_in, a_out)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        p.setPen(QPen(QColor(scheme.ink), notch, _SOLID, _FLAT))
        p.drawLine(a_in, a_out)
    p.end()
    return pixmap


def make_icon(
    state: IconState,
    ratio: float | None,
    target: float,
    dark_panel: bool | None = None,
    template: bool = False,
    dprs: tuple[float, ...] = (1.0, 2.0),
) -> QIcon:
    """A QIcon with a pixmap for every size in :data:`ICON_SIZES` at each of ``dprs``
    (1x and 2x unless the caller knows no screen needs 2x: the tray, §9).

    ``template``: a macOS template image (``QIcon.setIsMask``), coloured by the system.
    """
    dark = _panel_is_dark(dark_panel)
    icon = QIcon()
    for size in ICON_SIZES:
        for dpr in dprs:
            icon.addPixmap(render_pixmap(state, ratio, target, size, dpr, dark, template))
    icon.setIsMask(template)
    return icon
