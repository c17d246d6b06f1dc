"""What the three charts share: the axes' style, the legend, the day axis with its
days off, and :class:`Live`, the part of a drawn chart that moves in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale

from tracker.domain.stats import DaySummary
from tracker.ui import i18n
from tracker.ui.summary.theme import ChartTheme

Axes = Any  # matplotlib.axes.Axes, not imported here (see the package docstring)

BAR_EDGE = 0.8


@dataclass(frozen=True, slots=True)
class Live:
    """A drawn chart's live part: ``update(new)`` moves its artists to ``new`` (the same
    argument ``draw_*`` took: rows or days), valid only while ``key`` stays equal. It returns
    False, having changed nothing, when the change would move a tick label: draw anew then."""

    key: tuple[object, ...]
    update: Callable[[Any], bool]


def weekday(day: dt.date) -> str:
    """Short weekday name in the UI language ("Mon" / "月")."""
    return i18n.locale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def style_axes(ax: Axes, theme: ChartTheme, title: str) -> None:
    ax.set_facecolor(theme.background)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(theme.grid)
    ax.tick_params(colors=theme.muted, labelcolor=theme.text, length=0, pad=4)
    ax.set_title(title, loc="left", color=theme.text, fontsize=10, fontweight="bold", pad=8)
    ax.set_axisbelow(True)


def legend(ax: Axes, handles: Sequence[Any], theme: ChartTheme) -> None:
    handles = [h for h in handles if h is not None and len(getattr(h, "patches", [1]))]
    if not handles:
        return
    legend = ax.legend(
        handles=handles,
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncols=len(handles),
        frameon=False,
        fontsize=8,
        borderaxespad=0.2,
        handlelength=1.6,
        columnspacing=1.2,
    )
    for text in legend.get_texts():
        text.set_color(theme.text)


def days_off(
    ax: Axes, days: Sequence[DaySummary], off: Sequence[bool], theme: ChartTheme, label: str
) -> Any:
    """A faint band behind each day off; returns one of them for the legend (or None)."""
    band = None
    for i, is_off in enumerate(off):
        if is_off:
            band = ax.axvspan(
                i - 0.5, i + 0.5, color=theme.grid, alpha=0.45, lw=0, zorder=0, gid="day_off"
            )
    if band is not None:
        band.set_label(label)
    return band


def day_axis(
    ax: Axes,
    days: Sequence[DaySummary],
    today: dt.date,
    theme: ChartTheme,
    off: Sequence[bool] = (),
) -> None:
    n = len(days)
    if n <= 7:  # a week: one line each, which leaves the bars more height
        labels = [f"{d.date.month}/{d.date.day} {weekday(d.date)}" for d in days]
    elif n <= 14:
        labels = [f"{d.date.month}/{d.date.day}\n{weekday(d.date)}" for d in days]
    else:
        labels = [str(d.date.day) for d in days]
    ax.set_xticks(range(n), labels, fontsize=8 if n <= 14 else 7)
    ax.set_xlim(-0.6, n - 0.4)
    off = list(off) or [False] * n
    for tick, d, is_off in zip(ax.get_xticklabels(), days, off, strict=True):
        if d.date == today:
            tick.set_fontweight("bold")
        if d.date > today or is_off:
            tick.set_color(theme.muted)
    ax.grid(axis="y", color=theme.grid, lw=0.7)
