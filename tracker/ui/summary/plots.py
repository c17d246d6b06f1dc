"""The three summary charts, drawn on matplotlib axes handed in by ``charts.py``.

This module never imports matplotlib itself (only ``charts.py`` does, lazily); it calls
methods on the axes it is given, so the drawing can go to the window's canvases or to a
PNG file alike. Strings arrive already translated in a ``texts`` mapping.

Conventions: task is blue, growth orange *and hatched*; met days carry a ✓ as well as a
green bar; a day with nothing tracked has no bar at all (not a 0 % bar), only a faint "–".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QLocale

from tracker.domain.model import Kind
from tracker.domain.stats import DaySummary
from tracker.domain.summary import TimelineRow
from tracker.ui.summary.theme import GROWTH_HATCH, ChartTheme

Axes = Any  # matplotlib.axes.Axes, not imported here (see the module docstring)
BAR_EDGE = 0.8
MIN_SPAN_H = 8


def weekday(day: dt.date) -> str:
    """Short weekday name in the UI language ("Mon" / "月")."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def style_axes(ax: Axes, theme: ChartTheme, title: str) -> None:
    ax.set_facecolor(theme.background)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(theme.grid)
    ax.tick_params(colors=theme.muted, labelcolor=theme.text, length=0, pad=4)
    ax.set_title(title, loc="left", color=theme.text, fontsize=10, fontweight="bold", pad=8)
    ax.set_axisbelow(True)


def _legend(ax: Axes, handles: Sequence[Any], theme: ChartTheme) -> None:
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


def _span(rows: Sequence[TimelineRow]) -> tuple[float, float]:
    """The hours to show: the tracked part of the day with some air, at least 8 h."""
    segs = [s for r in rows for s in r.segments]
    nows = [r.now_h for r in rows if r.now_h is not None]
    if not segs:
        return 0.0, 24.0
    lo = min([s.start_h for s in segs] + nows)
    hi = max([s.end_h for s in segs] + nows)
    lo, hi = max(0.0, math.floor(lo - 0.5)), min(24.0, math.ceil(hi + 0.5))
    while hi - lo < MIN_SPAN_H:
        lo, hi = max(0.0, lo - 1), min(24.0, hi + 1)
    return lo, hi


def draw_timeline(
    ax: Axes,
    rows: Sequence[TimelineRow],
    day_start: int,
    theme: ChartTheme,
    texts: Mapping[str, str],
) -> None:
    """One row per day, a bar per block; hour ticks in local wall-clock time."""
    style_axes(ax, theme, texts["timeline"])
    height = 0.62
    containers = {}
    for kind in (Kind.TASK, Kind.GROWTH):
        parts = [(y, s) for y, r in enumerate(rows) for s in r.segments if s.kind is kind]
        bars = ax.barh(
            [y for y, _ in parts],
            [s.end_h - s.start_h for _, s in parts],
            left=[s.start_h for _, s in parts],
            height=height,
            color=theme.kind_color(kind),
            edgecolor=theme.background,
            linewidth=BAR_EDGE,
            hatch=GROWTH_HATCH if kind is Kind.GROWTH else None,
            hatchcolor=theme.hatch if kind is Kind.GROWTH else None,
            label=texts[kind.value],
            gid=kind.value,
        )
        containers[kind] = bars
        for rect, (y, seg) in zip(bars.patches, parts, strict=True):
            rect.set_gid(kind.value)
            if seg.running:
                rect.set_edgecolor(theme.text)
                rect.set_linestyle((0, (2, 1.5)))
            if seg.end_h - seg.start_h >= (0.75 if len(rows) == 1 else 1.25) and seg.label:
                label = ax.text(
                    seg.start_h + 0.08,
                    y,
                    seg.label,
                    va="center",
                    ha="left",
                    fontsize=8 if len(rows) == 1 else 7,
                    color="white" if kind is Kind.TASK else "#1a1a1a",
                    clip_on=True,
                    bbox={"boxstyle": "square,pad=0.1", "fc": "none", "ec": "none"}
                    if kind is Kind.TASK
                    else {"boxstyle": "round,pad=0.15", "fc": "#fff4dc", "ec": "none"},
                )
                label.set_clip_path(rect)
    now_line = None
    for y, row in enumerate(rows):
        if row.now_h is not None:
            (now_line,) = ax.plot(
                [row.now_h] * 2,
                [y - 0.45, y + 0.45],
                color=theme.text,
                lw=1.4,
                ls=":",
                label=texts["now"],
                gid="now",
            )
    lo, hi = _span(rows)
    ax.set_xlim(lo, hi)
    step = 1 if hi - lo <= 12 else 2 if hi - lo <= 18 else 3
    ticks = [h for h in range(int(lo), int(hi) + 1) if (h + day_start) % step == 0]
    ax.set_xticks(ticks, [f"{(h + day_start) % 24}:00" for h in ticks])
    ax.grid(axis="x", color=theme.grid, lw=0.7)
    ax.set_ylim(len(rows) - 0.45, -0.75 if len(rows) > 1 else -0.6)
    if len(rows) > 1:
        ax.set_yticks(
            range(len(rows)), [f"{weekday(r.day)} {r.day.month}/{r.day.day}" for r in rows]
        )
    else:
        ax.set_yticks([])
    if not any(r.segments for r in rows):
        ax.text(
            0.5,
            0.5,
            texts["empty"],
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=theme.muted,
            fontsize=9,
        )
    _legend(ax, [containers[Kind.TASK], containers[Kind.GROWTH], now_line], theme)


def _day_axis(ax: Axes, days: Sequence[DaySummary], today: dt.date, theme: ChartTheme) -> None:
    n = len(days)
    if n <= 14:
        labels = [f"{d.date.month}/{d.date.day}\n{weekday(d.date)}" for d in days]
    else:
        labels = [str(d.date.day) for d in days]
    ax.set_xticks(range(n), labels, fontsize=8 if n <= 14 else 7)
    ax.set_xlim(-0.6, n - 0.4)
    for tick, d in zip(ax.get_xticklabels(), days, strict=True):
        if d.date == today:
            tick.set_fontweight("bold")
        elif d.date > today:
            tick.set_color(theme.muted)
    ax.grid(axis="y", color=theme.grid, lw=0.7)


def draw_ratio(
    ax: Axes,
    days: Sequence[DaySummary],
    today: dt.date,
    theme: ChartTheme,
    texts: Mapping[str, str],
) -> None:
    """Growth ratio per day against the (dashed) target; met days green with a ✓."""
    style_axes(ax, theme, texts["ratio"])
    met = [(i, d) for i, d in enumerate(days) if d.ratio is not None and d.met]
    below = [(i, d) for i, d in enumerate(days) if d.ratio is not None and not d.met]
    handles = []
    for group, color, key in ((met, theme.met, "met"), (below, theme.growth, "below")):
        bars = ax.bar(
            [i for i, _ in group],
            [100 * (d.ratio or 0) for _, d in group],
            width=0.66,
            color=color,
            edgecolor=theme.background,
            linewidth=BAR_EDGE,
            label=texts[key],
            gid=key,
        )
        for rect in bars.patches:
            rect.set_gid(key)
        handles.append(bars)
    few = len(days) <= 14
    for i, d in enumerate(days):
        if d.ratio is None:
            if d.date <= today:
                ax.text(i, 1.5, "–", ha="center", va="bottom", color=theme.muted, fontsize=9)
            continue
        value = f"{100 * d.ratio:.0f}%" if few or d.ratio == 0 else ""
        mark = "✓" if d.met else ""
        text = f"{mark} {value}".strip()
        if text:
            ax.text(
                i,
                100 * d.ratio + 1.5,
                text,
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=theme.met if d.met and not value else theme.text,
                fontweight="bold" if d.met else "normal",
                gid="value",
            )
    edges = [i - 0.5 for i in range(len(days) + 1)]
    targets = [100 * d.target for d in days]
    (line,) = ax.plot(
        edges,
        [*targets, targets[-1]],
        drawstyle="steps-post",
        color=theme.text,
        lw=1.2,
        ls=(0, (4, 3)),
        label=texts["target"],
        gid="target",
    )
    handles.append(line)
    top = max([100 * (d.ratio or 0) for d in days] + targets)
    ax.set_ylim(0, min(110, max(30, top * 1.25 + 6)))
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    _day_axis(ax, days, today, theme)
    _legend(ax, handles, theme)


def draw_hours(
    ax: Axes,
    days: Sequence[DaySummary],
    today: dt.date,
    disposable_h: float,
    theme: ChartTheme,
    texts: Mapping[str, str],
) -> None:
    """Task and growth hours per day, stacked (growth on top, hatched)."""
    style_axes(ax, theme, texts["hours"])
    tracked = [(i, d) for i, d in enumerate(days) if d.total_s > 0]
    xs = [i for i, _ in tracked]
    task_h = [d.task_s / 3600 for _, d in tracked]
    growth_h = [d.growth_s / 3600 for _, d in tracked]
    task = ax.bar(
        xs,
        task_h,
        width=0.66,
        color=theme.task,
        edgecolor=theme.background,
        linewidth=BAR_EDGE,
        label=texts["task"],
        gid="task",
    )
    growth = ax.bar(
        xs,
        growth_h,
        bottom=task_h,
        width=0.66,
        color=theme.growth,
        edgecolor=theme.background,
        linewidth=BAR_EDGE,
        hatch=GROWTH_HATCH,
        hatchcolor=theme.hatch,
        label=texts["growth"],
        gid="growth",
    )
    for rect in task.patches:
        rect.set_gid("task")
    for rect in growth.patches:
        rect.set_gid("growth")
    line = ax.axhline(
        disposable_h, color=theme.muted, lw=1, ls=":", label=texts["disposable"], gid="disposable"
    )
    top = max([t + g for t, g in zip(task_h, growth_h, strict=True)] + [disposable_h])
    limit = top * 1.15 + 0.5
    ax.set_ylim(0, limit)
    step = 1 if limit <= 4 else 2 if limit <= 8 else 4
    ax.set_yticks(range(0, int(limit) + 1, step))
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:g}h")
    _day_axis(ax, days, today, theme)
    _legend(ax, [task, growth, line], theme)
