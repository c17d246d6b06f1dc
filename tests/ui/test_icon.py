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

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from tracker.ui.icon import ICON_SIZES, IconState, make_icon, render_pixmap

REQUIRED_SIZES = (16, 22, 24, 32, 48, 64)  # what the tray may ask for
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


def _row_widths(mask: set[tuple[int, int]], size: int) -> tuple[int, int]:
    """Opaque width of the glyph near its top and bottom (inside the ring)."""
    lo, hi = round(size * 0.2), round(size * 0.8)  # stay clear of the ring
    width = [sum((x, y) in mask for x in range(lo, hi)) for y in range(size)]
    return width[round(size * 0.38)], width[round(size * 0.62)]


@pytest.mark.parametrize("size", [16, 32, 64])
def test_growth_glyph_points_up_and_task_glyph_is_square(size: int) -> None:
    g_top, g_bottom = _row_widths(
        alpha_mask(render_pixmap(IconState.GROWTH, None, 0.5, size, dark_panel=True)), size
    )
    t_top, t_bottom = _row_widths(
        alpha_mask(render_pixmap(IconState.TASK, None, 0.5, size, dark_panel=True)), size
    )
    assert g_top + 2 <= g_bottom  # the triangle widens downwards
    assert abs(t_top - t_bottom) <= 1  # the square does not
    assert t_top > g_top


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


def test_ring_arc_follows_ratio() -> None:
    low = render_pixmap(IconState.TASK, 0.1, 0.9, 64, dark_panel=True)
    half = render_pixmap(IconState.TASK, 0.5, 0.9, 64, dark_panel=True)
    assert count_diff(low, half) > 40
    a, r, _, b = ring_pixel(half, 0.25)  # 3 o'clock is inside a 50 % arc ...
    assert a == 255 and r > 200 and b < 80  # ... drawn in orange
    assert ring_pixel(low, 0.25)[0] < 100  # ... but only faint track at 10 %
    assert ring_pixel(low, 0.05)[0] == 255  # 10 % still covers 18 degrees


def test_ratio_none_is_track_only_and_differs_from_zero() -> None:
    none_a = render_pixmap(IconState.IDLE, None, 0.2, 32, dark_panel=True)
    none_b = render_pixmap(IconState.IDLE, None, 0.7, 32, dark_panel=True)
    zero = render_pixmap(IconState.IDLE, 0.0, 0.2, 32, dark_panel=True)
    assert none_a.toImage() == none_b.toImage()  # no target tick without data
    assert count_diff(none_a, zero) >= 4
    ring = [ring_pixel(none_a, t / 16)[0] for t in range(16)]
    assert max(ring) < 100  # nothing but the faint track


def test_target_tick_moves_with_target() -> None:
    right = render_pixmap(IconState.TASK, 0.0, 0.25, 64, dark_panel=True)
    left = render_pixmap(IconState.TASK, 0.0, 0.75, 64, dark_panel=True)
    assert ring_pixel(right, 0.25) == (255, 255, 255, 255)
    assert ring_pixel(right, 0.75)[0] < 100
    assert ring_pixel(left, 0.75) == (255, 255, 255, 255)
    assert ring_pixel(left, 0.25)[0] < 100


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


SHEET_SIZES = (16, 22, 32, 64)
SHEET_RATIOS: tuple[float | None, ...] = (None, 0.1, 0.25, 0.6)
SHEET_TARGET = 0.3


def _zoom(size: int) -> int:
    return 4 if size <= 32 else 2


@pytest.mark.qt_log_ignore(".*[Ff]ont.*")
def test_contact_sheet() -> None:
    """Rows: state x ratio. Columns: 16/22/32/64 at 1x, then 16/22/32 at 4x, 64 at 2x."""
    pad, label_w, header_h = 10, 120, 28
    widths = [*SHEET_SIZES, *(s * _zoom(s) for s in SHEET_SIZES)]
    row_h = max(widths) + pad
    panel_w = label_w + sum(widths) + pad * len(widths)
    rows = [(s, r) for s in IconState for r in SHEET_RATIOS]
    sheet = QImage(2 * panel_w, header_h + len(rows) * row_h, QImage.Format.Format_ARGB32)
    p = QPainter(sheet)
    for i, (dark, bg, ink) in enumerate(((False, LIGHT_BG, "#000"), (True, DARK_BG, "#FFF"))):
        x0 = i * panel_w
        p.fillRect(x0, 0, panel_w, sheet.height(), bg)
        p.setPen(QColor(ink))
        p.drawText(x0 + pad, 18, f"{'dark' if dark else 'light'} panel, target {SHEET_TARGET}")
        for j, (state, ratio) in enumerate(rows):
            y = header_h + j * row_h
            p.drawText(x0 + pad, y + 36, f"{state.value}  ratio={ratio}")
            x = x0 + label_w
            for k, size in enumerate(SHEET_SIZES * 2):
                img = render_pixmap(state, ratio, SHEET_TARGET, size, dark_panel=dark).toImage()
                if k >= len(SHEET_SIZES):
                    z = size * _zoom(size)
                    img = img.scaled(z, z, mode=Qt.TransformationMode.FastTransformation)
                p.drawImage(QPoint(x, y), img)
                x += widths[k] + pad
    p.end()
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "icon-sheet.png"
    assert sheet.save(str(path))
    gray = sheet.convertToFormat(QImage.Format.Format_Grayscale8)
    assert gray.save(str(ARTIFACTS / "icon-sheet-gray.png"))
    back = QImage(str(path))
    assert back.size() == sheet.size()
    # A 4x-zoomed 16 px TASK icon on the light panel holds Okabe-Ito blue.
    y = header_h + SHEET_RATIOS.index(0.6) * row_h + len(SHEET_RATIOS) * row_h
    x = label_w + sum(widths[:4]) + 4 * pad
    assert back.pixelColor(x + 32, y + 32) == QColor("#0072B2")
