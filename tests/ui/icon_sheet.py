"""The icon's contact sheet: every state x size x panel on one PNG (test-artifacts/).

Shared by tests/ui/test_icon.py (which writes it and measures contrast on the same
renderings) and kept apart so a person can regenerate it alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap

from tracker.ui.icon import IconState, render_pixmap


@dataclass(frozen=True)
class Panel:
    name: str
    color: str
    dark: bool
    template: bool = False  # macOS: a template image, coloured by the system


PANELS = (
    Panel("GNOME top bar", "#000000", True),
    Panel("Windows 11 light", "#F3F3F3", False),
    Panel("Windows 11 dark", "#202020", True),
    Panel("KDE Breeze light", "#EFF0F1", False),
    Panel("KDE Breeze dark", "#2A2E32", True),
    Panel("macOS light", "#F6F6F6", False, template=True),
    Panel("macOS dark", "#2C2C2E", True, template=True),
)
SIZES = (16, 20, 22, 24, 32)
TARGET = 0.3
ROWS: tuple[tuple[IconState, float | None], ...] = (
    (IconState.IDLE, None),
    (IconState.IDLE, 0.1),
    (IconState.TASK, 0.1),
    (IconState.TASK, 0.25),
    (IconState.GROWTH, 0.25),
    (IconState.GROWTH, 0.6),
    (IconState.AWAY, 0.15),
)


def on_panel(
    panel: Panel, state: IconState, ratio: float | None, size: int, dpr: float = 1.0
) -> QImage:
    """The icon as the panel shows it: composited over the panel colour (a template
    image is coloured black or white first, as macOS does)."""
    pm = render_pixmap(state, ratio, TARGET, size, dpr, panel.dark, panel.template)
    icon = pm.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    if panel.template:
        p = QPainter(icon)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        p.fillRect(icon.rect(), QColor("#FFFFFF" if panel.dark else "#000000"))
        p.end()
    icon.setDevicePixelRatio(1.0)  # every physical pixel, as a 200 % panel shows it
    out = QImage(icon.size(), QImage.Format.Format_RGB32)
    out.fill(QColor(panel.color))
    p = QPainter(out)
    p.drawImage(QPoint(0, 0), icon)
    p.end()
    return out


def contact_sheet() -> QImage:
    """Columns: panels; in each, 16/20/22/24/32 px at 1x, 22 px at 200 %, and 22 px
    enlarged 4x (nearest neighbour) to judge pixels. Rows: state x ratio, target 0.3."""
    pad, head, label_w = 8, 40, 112
    zoom = 4
    col_ws = [*SIZES, 44, 22 * zoom]
    group_w = sum(col_ws) + pad * (len(col_ws) + 1)
    row_h = 22 * zoom + pad
    sheet = QImage(
        label_w + group_w * len(PANELS), head + row_h * len(ROWS), QImage.Format.Format_RGB32
    )
    sheet.fill(QColor("#808080"))
    p = QPainter(sheet)
    font = QFont()
    font.setPixelSize(11)
    p.setFont(font)
    for j, (state, ratio) in enumerate(ROWS):
        y = head + j * row_h
        p.setPen(QColor("#000000"))
        text = f"{state.value}\nratio {'none' if ratio is None else ratio}"
        p.drawText(QRect(4, y, label_w - 8, row_h), Qt.AlignmentFlag.AlignVCenter, text)
    for i, panel in enumerate(PANELS):
        x0 = label_w + i * group_w
        p.fillRect(x0, 0, group_w, sheet.height(), QColor(panel.color))
        p.setPen(QColor("#FFFFFF" if panel.dark else "#000000"))
        title = f"{panel.name}\n16 20 22 24 32 | 22@200% | 22 x4"
        p.drawText(QRect(x0 + pad, 2, group_w - pad, head - 4), 0, title)
        for j, (state, ratio) in enumerate(ROWS):
            y = head + j * row_h
            x = x0 + pad
            for size in SIZES:
                p.drawImage(
                    QPoint(x, y + (22 * zoom - size) // 2), on_panel(panel, state, ratio, size)
                )
                x += size + pad
            hi = on_panel(panel, state, ratio, 22, 2.0)
            p.drawImage(QPoint(x, y + (22 * zoom - 44) // 2), hi)
            x += 44 + pad
            big = on_panel(panel, state, ratio, 22).scaled(
                22 * zoom, 22 * zoom, mode=Qt.TransformationMode.FastTransformation
            )
            p.drawImage(QPoint(x, y), big)
    p.end()
    return sheet


def as_pixmap(image: QImage) -> QPixmap:
    return QPixmap.fromImage(image)
