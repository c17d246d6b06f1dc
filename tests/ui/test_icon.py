"""Tests for the run-time drawn tray icon (tracker.ui.icon).

Also regenerates ``test-artifacts/icon-sheet.png`` (and a grayscale twin) so a
person can judge every state x ratio x size on light and dark panels.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import math
import sys
import time
from collections import Counter
from pathlib import Path

import icon_sheet
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from tracker.ui.icon import ICON_SIZES, IconState, make_icon, render_pixmap

REQUIRED_SIZES = (16, 20, 22, 24, 32, 48, 64)  # what the tray may ask for
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LIGHT_BG = QColor("#EDEDED")
DARK_BG = QColor("#2B2B2B")

Pixel = tuple[int, int, int, int]  # a, r, g, b (not premultiplied)


@pytest.fixture(autouse=True)
def _app(qapp: QApplication) -> QApplication:
    return qapp


def pixels(pm: QPixmap) -> list[list[Pixel]]:
    img = pm.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    rows = []
    for y in range(img.height()):
        row = []
        for x in range(img.width()):
            v = img.pixel(x, y)
            row.append(((v >> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255))
        rows.append(row)
    return rows


def alpha_mask(pm: QPixmap, threshold: int = 128) -> set[tuple[int, int]]:
    return {
        (x, y) for y, row in enumerate(pixels(pm)) for x, p in enumerate(row) if p[0] >= threshold
    }


def grayscale_on(pm: QPixmap, bg: QColor) -> list[int]:
    """Composite over ``bg`` and convert to gray (Qt's qGray weights)."""
    out = []
    for row in pixels(pm):
        for a, r, g, b in row:
            mix = [
                (c * a + k * (255 - a)) // 255
                for c, k in zip((r, g, b), bg.getRgb()[:3], strict=True)
            ]
            out.append((mix[0] * 11 + mix[1] * 16 + mix[2] * 5) // 32)
    return out


def count_diff(a: QPixmap, b: QPixmap, tol: int = 48) -> int:
    pa, pb = pixels(a), pixels(b)
    return sum(
        1
        for ra, rb in zip(pa, pb, strict=True)
        for x, y in zip(ra, rb, strict=True)
        if max(abs(i - j) for i, j in zip(x, y, strict=True)) > tol
    )


def ring_pixel(pm: QPixmap, turn: float, radius_frac: float = 0.85) -> Pixel:
    """Pixel on the ring at ``turn`` (0 = 12 o'clock, clockwise) of a 1x pixmap."""
    c = pm.width() / 2
    r = radius_frac * c
    x = c + r * math.sin(turn * 2 * math.pi)
    y = c - r * math.cos(turn * 2 * math.pi)
    return pixels(pm)[int(y)][int(x)]


@pytest.mark.parametrize("size", REQUIRED_SIZES)
@pytest.mark.parametrize("dpr", [1.0, 1.5, 2.0])
def test_pixmap_size_and_device_pixel_ratio(size: int, dpr: float) -> None:
    pm = render_pixmap(IconState.TASK, 0.3, 0.5, size, dpr, dark_panel=True)
    assert pm.width() == pm.height() == round(size * dpr)
    assert pm.devicePixelRatio() == dpr
    assert pm.deviceIndependentSize().toSize() == QSize(size, size)


@pytest.mark.parametrize("state", list(IconState))
@pytest.mark.parametrize("size", [16, 22, 32, 64])
@pytest.mark.parametrize("dark", [False, True])
def test_not_blank_and_round(state: IconState, size: int, dark: bool) -> None:
    pm = render_pixmap(state, 0.4, 0.3, size, dark_panel=dark)
    opaque = len(alpha_mask(pm, 200))
    assert 0.15 * size * size < opaque < 0.75 * size * size
    grid = pixels(pm)
    assert grid[0][0][0] == 0 and grid[-1][-1][0] == 0  # corners stay transparent


def test_rendering_is_deterministic() -> None:
    a = render_pixmap(IconState.GROWTH, 0.42, 0.3, 22, 2.0, dark_panel=False)
    b = render_pixmap(IconState.GROWTH, 0.42, 0.3, 22, 2.0, dark_panel=False)
    assert a.toImage() == b.toImage()


@pytest.mark.parametrize("size", [16, 32])
@pytest.mark.parametrize("dark", [False, True])
def test_states_produce_different_images(size: int, dark: bool) -> None:
    pms = {s: render_pixmap(s, 0.2, 0.5, size, dark_panel=dark) for s in IconState}
    for a, b in [(IconState.IDLE, IconState.TASK), (IconState.IDLE, IconState.GROWTH)]:
        assert count_diff(pms[a], pms[b]) >= size * size // 10, (a, b)
    assert count_diff(pms[IconState.TASK], pms[IconState.GROWTH]) >= size * size // 10


@pytest.mark.parametrize("size", [16, 32, 64])
def test_states_differ_by_shape_and_in_grayscale(size: int) -> None:
    pms = {s: render_pixmap(s, None, 0.5, size, dark_panel=False) for s in IconState}
    masks = {s: alpha_mask(pm) for s, pm in pms.items()}
    assert len(masks[IconState.TASK] ^ masks[IconState.GROWTH]) >= size * size // 20
    for bg in (LIGHT_BG, DARK_BG):
        grays = {s: grayscale_on(pm, bg) for s, pm in pms.items()}
        for a, b in [(IconState.TASK, IconState.GROWTH), (IconState.IDLE, IconState.TASK)]:
            differing = sum(abs(i - j) > 40 for i, j in zip(grays[a], grays[b], strict=True))
            assert differing >= size * size // 20, (a, b, bg.name())


def _row_widths(mask: set[tuple[int, int]], size: int) -> list[int]:
    """Opaque width of every row of the glyph (inside the ring)."""
    lo, hi = round(size * 0.3), round(size * 0.7)  # stay clear of the ring
    return [sum((x, y) in mask for x in range(lo, hi)) for y in range(size)]


@pytest.mark.parametrize("size", [16, 32, 64])
def test_growth_is_an_upward_arrow_not_a_warning_triangle(size: int) -> None:
    """An arrow: a head that narrows to a point at the top over a narrower shaft. A
    warning triangle would widen all the way down."""
    widths = _row_widths(
        alpha_mask(render_pixmap(IconState.GROWTH, None, 0.5, size, dark_panel=True)), size
    )
    rows = [w for w in widths[round(size * 0.25) : round(size * 0.75)] if w]
    widest = rows.index(max(rows))
    assert rows[0] + 2 <= max(rows)  # the head narrows upwards...
    assert rows[-1] + 2 <= max(rows)  # ...and the shaft below it is narrower
    assert widest < len(rows) / 2 + 1  # the widest row is the head, in the upper half
    square = _row_widths(
        alpha_mask(render_pixmap(IconState.TASK, None, 0.5, size, dark_panel=True)), size
    )
    middle = square[round(size * 0.4) : round(size * 0.6)]
    assert max(middle) - min(middle) <= 1  # the task square does not taper


@pytest.mark.parametrize("dark", [False, True])
def test_glyph_colours_are_okabe_ito(dark: bool) -> None:
    def centre(state: IconState) -> Pixel:
        """Most common opaque pixel in the middle of the icon: the glyph fill."""
        grid = pixels(render_pixmap(state, 0.2, 0.5, 32, dark_panel=dark))
        inner = [p for row in grid[10:22] for p in row[10:22] if p[0] == 255]
        return Counter(inner).most_common(1)[0][0]

    assert centre(IconState.TASK) == (255, 0x00, 0x72, 0xB2)
    assert centre(IconState.GROWTH) == (255, 0xE6, 0x9F, 0x00)
    a, r, g, b = centre(IconState.IDLE)
    assert a == 255 and r == g == b  # neutral grey
    assert (r > 128) == dark  # light grey on dark panels, dark grey on light ones


def _is_track(p: Pixel) -> bool:
    a, r, g, b = p
    return a >= 200 and r == g == b and 100 < r < 160  # the mid-grey track


def test_ring_arc_follows_ratio() -> None:
    low = render_pixmap(IconState.TASK, 0.1, 0.9, 64, dark_panel=True)
    half = render_pixmap(IconState.TASK, 0.5, 0.9, 64, dark_panel=True)
    assert count_diff(low, half) > 40
    a, r, _, b = ring_pixel(half, 0.25)  # 3 o'clock is inside a 50 % arc ...
    assert a == 255 and r > 200 and b < 80  # ... drawn in orange
    assert ring_pixel(low, 0.25, 0.88)[0] < 100  # ... but only the thin track at 10 %
    assert ring_pixel(low, 0.05)[1] > 200  # 10 % still covers 18 degrees


def test_ratio_none_is_track_only_and_differs_from_zero() -> None:
    none_a = render_pixmap(IconState.IDLE, None, 0.2, 32, dark_panel=True)
    none_b = render_pixmap(IconState.IDLE, None, 0.7, 32, dark_panel=True)
    zero = render_pixmap(IconState.IDLE, 0.0, 0.2, 32, dark_panel=True)
    assert none_a.toImage() == none_b.toImage()  # no target notch without data
    assert count_diff(none_a, zero) >= 4
    ring = [
        max(
            (ring_pixel(none_a, t / 16, f / 16) for f in range(11, 16)),
            key=lambda p: p[0],
        )
        for t in range(16)
    ]
    assert all(_is_track(p) for p in ring), ring  # the grey track all round, nothing else


def test_target_notch_moves_with_target_and_cuts_through_the_arc() -> None:
    right = render_pixmap(IconState.TASK, 0.0, 0.25, 64, dark_panel=True)
    left = render_pixmap(IconState.TASK, 0.0, 0.75, 64, dark_panel=True)
    assert ring_pixel(right, 0.25) == (255, 255, 255, 255)
    assert ring_pixel(right, 0.75) != (255, 255, 255, 255)
    assert ring_pixel(left, 0.75) == (255, 255, 255, 255)
    assert ring_pixel(left, 0.25) != (255, 255, 255, 255)
    # inside a full arc the notch is still there, with the panel showing either side
    full = render_pixmap(IconState.TASK, 0.9, 0.5, 64, dark_panel=False)
    assert ring_pixel(full, 0.5)[1:] == (0, 0, 0)
    beside = [ring_pixel(full, 0.5 + d / 360)[0] for d in (-6, 6)]
    assert max(beside) < 128, beside


def _radial_opaque(pm: QPixmap, turn: float) -> int:
    """Opaque pixels crossed walking outwards from 60 % radius at ``turn``."""
    c, grid = pm.width() / 2, pixels(pm)
    steps = {
        (
            int(c + r / 4 * math.sin(turn * 2 * math.pi)),
            int(c - r / 4 * math.cos(turn * 2 * math.pi)),
        )
        for r in range(int(c * 0.6 * 4), int(c * 4))
    }
    return sum(grid[y][x][0] >= 200 for x, y in steps)


@pytest.mark.parametrize("size", [16, 32, 64])
def test_met_target_is_greener_and_thicker(size: int) -> None:
    met = render_pixmap(IconState.IDLE, 0.6, 0.5, size, dark_panel=False)
    short = render_pixmap(IconState.IDLE, 0.6, 0.7, size, dark_panel=False)
    _, r, g, _ = ring_pixel(met, 0.3, 0.9)
    assert g > r  # bluish green
    _, r, g, _ = ring_pixel(short, 0.3, 0.9)
    assert r > g  # vermillion
    assert _radial_opaque(met, 0.3) > _radial_opaque(short, 0.3)  # thicker: no colour needed


def test_light_and_dark_panels_differ_and_auto_follows_palette(qapp: QApplication) -> None:
    light = render_pixmap(IconState.GROWTH, 0.4, 0.3, 32, dark_panel=False)
    dark = render_pixmap(IconState.GROWTH, 0.4, 0.3, 32, dark_panel=True)
    assert count_diff(light, dark) > 20
    saved = qapp.palette()
    try:
        for window, expected in ((QColor("#202020"), dark), (QColor("#F0F0F0"), light)):
            pal = QPalette(saved)
            pal.setColor(QPalette.ColorRole.Window, window)
            qapp.setPalette(pal)
            auto = render_pixmap(IconState.GROWTH, 0.4, 0.3, 32, dark_panel=None)
            assert auto.toImage() == expected.toImage(), window.name()
    finally:
        qapp.setPalette(saved)


def test_inputs_are_clamped_and_validated() -> None:
    def img(ratio: float | None, target: float) -> QImage:
        return render_pixmap(IconState.TASK, ratio, target, 22, dark_panel=True).toImage()

    assert img(1.7, 0.5) == img(1.0, 0.5)
    assert img(-0.3, 0.5) == img(0.0, 0.5)
    assert img(math.nan, 0.5) == img(None, 0.5)
    assert img(0.4, 1.5) == img(0.4, 1.0)
    assert img(0.4, -0.5) == img(0.4, 0.0)
    assert img(0.4, 1.0) != img(0.4, 0.0)
    with pytest.raises(ValueError):
        render_pixmap(IconState.TASK, 0.4, 0.5, 0)
    with pytest.raises(ValueError):
        render_pixmap(IconState.TASK, 0.4, 0.5, 16, dpr=0)


def test_icon_holds_every_size_at_1x_and_2x() -> None:
    icon = make_icon(IconState.GROWTH, 0.35, 0.3, dark_panel=False)
    assert set(ICON_SIZES) == set(REQUIRED_SIZES)
    expected = {QSize(s, s) for s in REQUIRED_SIZES} | {QSize(2 * s, 2 * s) for s in REQUIRED_SIZES}
    assert set(icon.availableSizes()) == expected
    for size in REQUIRED_SIZES:
        for dpr in (1.0, 2.0):
            pm = icon.pixmap(QSize(size, size), dpr)
            assert pm.devicePixelRatio() == dpr
            want = render_pixmap(IconState.GROWTH, 0.35, 0.3, size, dpr, dark_panel=False)
            assert pm.toImage() == want.toImage(), (size, dpr)


def test_icon_set_is_fast() -> None:
    make_icon(IconState.TASK, 0.3, 0.5, dark_panel=True)  # warm-up
    start = time.perf_counter()
    for i in range(5):
        make_icon(IconState.TASK, i / 5, 0.5, dark_panel=True)
    assert (time.perf_counter() - start) / 5 < 0.025  # ~4 ms here; generous for CI


def test_rendering_keeps_none_refcount_intact() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every call to a
    void Qt method; an icon set makes ~170 such calls, so a running tray app
    aborts ("none_dealloc") after a few dozen icon updates. Pin PySide6 < 6.12."""
    before = sys.getrefcount(None)
    for _ in range(3):
        make_icon(IconState.GROWTH, 0.4, 0.3, dark_panel=True)
    assert sys.getrefcount(None) - before > -20


def _luminance(c: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _ring_contrasts(img: QImage, panel: QColor, turns: list[float]) -> list[float]:
    """Along each radius at ``turns``, the strongest contrast with the panel among the
    pixels of the ring's band (the outer 30 % of the radius): what the eye finds there."""
    c = img.width() / 2
    out = []
    for t in turns:
        best = 1.0
        for step in range(0, 31):
            r = c * (0.7 + 0.3 * step / 31)
            x = int(c + r * math.sin(t * 2 * math.pi))
            y = int(c - r * math.cos(t * 2 * math.pi))
            best = max(best, contrast(img.pixelColor(x, y), panel))
        out.append(best)
    return out


@pytest.mark.parametrize("panel", icon_sheet.PANELS, ids=lambda p: p.name)
@pytest.mark.parametrize("size", [*icon_sheet.SIZES, 44])
def test_ring_contrast_with_the_panel_is_at_least_3_to_1(
    panel: icon_sheet.Panel, size: int
) -> None:
    """WCAG 2.x non-text contrast (1.4.11): the track, the arc below and at the target,
    and the notch each reach 3:1 against the panel, measured on the rendered pixels of
    the icon as the panel shows it (44 = 22 px at 200 %)."""
    logical, dpr = (22, 2.0) if size == 44 else (size, 1.0)
    bg = QColor(panel.color)
    around = [t / 24 for t in range(24)]
    track = icon_sheet.on_panel(panel, IconState.TASK, None, logical, dpr)
    assert min(_ring_contrasts(track, bg, around)) >= 3.0, "track"
    for ratio in (0.25, 0.6):  # below the 0.3 target, and met
        img = icon_sheet.on_panel(panel, IconState.GROWTH, ratio, logical, dpr)
        inside = [ratio * t / 8 for t in range(1, 8)]
        assert min(_ring_contrasts(img, bg, inside)) >= 3.0, f"arc at {ratio}"
        notch = _ring_contrasts(img, bg, [icon_sheet.TARGET])[0]
        assert notch >= 3.0, "notch"


def test_ring_contrast_measure_would_catch_a_faint_ring() -> None:
    """The measure itself: the white ring of the old icon on a light panel fails it."""
    panel = QColor("#F3F3F3")
    faint = QImage(22, 22, QImage.Format.Format_RGB32)
    faint.fill(panel)
    p = QPainter(faint)
    p.setPen(QColor("#FFFFFF"))
    p.drawEllipse(1, 1, 20, 20)
    p.end()
    assert min(_ring_contrasts(faint, panel, [t / 8 for t in range(8)])) < 1.5


@pytest.mark.parametrize("size", [16, 22, 32])
def test_all_four_states_differ_by_shape_alone(size: int) -> None:
    """task, growth, nothing and away stay apart without colour: the template image
    (alpha only, as macOS shows it) differs between every two states."""
    masks = {s: alpha_mask(render_pixmap(s, None, 0.3, size, template=True)) for s in IconState}
    states = list(IconState)
    for i, a in enumerate(states):
        for b in states[i + 1 :]:
            assert len(masks[a] ^ masks[b]) >= size * size // 25, (a, b)


def test_template_image_is_black_with_alpha_and_marked_as_mask() -> None:
    pm = render_pixmap(IconState.GROWTH, 0.6, 0.3, 22, template=True)
    colours = {(r, g, b) for row in pixels(pm) for a, r, g, b in row if a > 0}
    assert colours == {(0, 0, 0)}
    assert make_icon(IconState.GROWTH, 0.6, 0.3, template=True).isMask()
    assert not make_icon(IconState.GROWTH, 0.6, 0.3, dark_panel=True).isMask()
    # the track is translucent, the arc opaque: the ratio reads in alpha alone
    track = max(ring_pixel(pm, 0.75, f / 20)[0] for f in range(14, 20))
    arc = max(ring_pixel(pm, 0.1, f / 20)[0] for f in range(14, 20))
    assert track <= 170 and arc == 255, (track, arc)


@pytest.mark.qt_log_ignore(".*[Ff]ont.*")
def test_contact_sheet() -> None:
    """Every state x size x panel on one sheet (and its grayscale twin) for people."""
    sheet = icon_sheet.contact_sheet()
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "icon-sheet.png"
    assert sheet.save(str(path))
    gray = sheet.convertToFormat(QImage.Format.Format_Grayscale8)
    assert gray.save(str(ARTIFACTS / "icon-sheet-gray.png"))
    back = QImage(str(path))
    assert back.size() == sheet.size()
    assert back.width() > 7 * 200 and back.height() > 7 * 88  # every panel, every row
