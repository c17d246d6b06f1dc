"""The timeline: one row per day, a bar per block from its start to its end, a line at
now; labels inside the blocks wide enough for them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.domain.model import Kind
from tracker.domain.summary import Segment, TimelineRow
from tracker.ui.summary.plots.axes import (
    BAR_EDGE,
    Axes,
    Live,
    legend,
    style_axes,
    weekday,
)
from tracker.ui.summary.theme import GROWTH_HATCH, ChartTheme

MIN_SPAN_H = 8


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


def _shows_label(seg: Segment, rows: Sequence[TimelineRow]) -> bool:
    return seg.end_h - seg.start_h >= (0.75 if len(rows) == 1 else 1.25) and bool(seg.label)


def timeline_key(rows: Sequence[TimelineRow]) -> tuple[object, ...]:
    """The timeline without the running block's end and the now mark (see :class:`Live`)."""
    return (
        _span(rows),
        tuple(
            (
                r.day,
                r.now_h is None,
                tuple(
                    (s.kind, s.label, s.start_h, _shows_label(s, rows)) if s.running else s
                    for s in r.segments
                ),
            )
            for r in rows
        ),
    )


def draw_timeline(
    ax: Axes,
    rows: Sequence[TimelineRow],
    day_start: int,
    theme: ChartTheme,
    texts: Mapping[str, str],
) -> Live:
    """One row per day, a bar per block; hour ticks in local wall-clock time."""
    style_axes(ax, theme, texts["timeline"])
    height = 0.62
    containers = {}
    running: list[tuple[Any, Any, int, int]] = []  # (bar, its label or None, row, segment)
    for kind in (Kind.TASK, Kind.GROWTH):
        parts = [
            (y, j, s)
            for y, r in enumerate(rows)
            for j, s in enumerate(r.segments)
            if s.kind is kind
        ]
        bars = ax.barh(
            [y for y, _, _ in parts],
            [s.end_h - s.start_h for _, _, s in parts],
            left=[s.start_h for _, _, s in parts],
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
        for rect, (y, j, seg) in zip(bars.patches, parts, strict=True):
            rect.set_gid(kind.value)
            if seg.running:
                rect.set_edgecolor(theme.text)
                rect.set_linestyle((0, (2, 1.5)))
            label = None
            if _shows_label(seg, rows):
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
            if seg.running:
                running.append((rect, label, y, j))
    now_line = None
    now_lines: list[tuple[Any, int]] = []
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
            now_lines.append((now_line, y))
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
    legend(ax, [containers[Kind.TASK], containers[Kind.GROWTH], now_line], theme)

    def update(new: Sequence[TimelineRow]) -> bool:
        for rect, label, y, j in running:
            seg = new[y].segments[j]
            rect.set_width(seg.end_h - seg.start_h)
            if label is not None:
                label.set_clip_path(rect)  # the clip path keeps the old width otherwise
        for line, y in now_lines:
            line.set_xdata([new[y].now_h] * 2)
        return True

    return Live(timeline_key(rows), update)
