"""Hours per day, task and growth stacked, against the disposable hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from tracker.domain.stats import DaySummary
from tracker.ui.summary.plots.axes import (
    BAR_EDGE,
    Axes,
    Live,
    day_axis,
    days_off,
    legend,
    style_axes,
)
from tracker.ui.summary.theme import GROWTH_HATCH, ChartTheme


def _hours_limit(days: Sequence[DaySummary], disposable_h: float) -> float:
    top = max([d.task_s / 3600 + d.growth_s / 3600 for d in days if d.total_s > 0] + [disposable_h])
    return top * 1.15 + 0.5


def _hour_ticks(limit: float) -> range:
    step = 1 if limit <= 4 else 2 if limit <= 8 else 4
    return range(0, int(limit) + 1, step)


def hours_key(
    days: Sequence[DaySummary], today: dt.date, disposable_h: float, off: Sequence[bool] = ()
) -> tuple[object, ...]:
    """The hours chart without the bars' heights and the scale (see :class:`Live`)."""
    ticks = _hour_ticks(_hours_limit(days, disposable_h))
    return (
        today,
        disposable_h,
        tuple(ticks),
        tuple(off),
        tuple((d.date, d.total_s > 0) for d in days),
    )


def draw_hours(
    ax: Axes,
    days: Sequence[DaySummary],
    today: dt.date,
    disposable_h: float,
    theme: ChartTheme,
    texts: Mapping[str, str],
    off: Sequence[bool] = (),
) -> Live:
    """Task and growth hours per day, stacked (growth on top, hatched); days off on a band."""
    style_axes(ax, theme, texts["hours"])
    band = days_off(ax, days, list(off) or [False] * len(days), theme, texts["day_off"])
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
    limit = _hours_limit(days, disposable_h)
    ax.set_ylim(0, limit)
    ax.set_yticks(_hour_ticks(limit))
    ax.yaxis.set_major_formatter(lambda v, _pos: texts["hour_tick"].format(f"{v:g}"))
    day_axis(ax, days, today, theme, off)
    legend(ax, [task, growth, line, band], theme)

    def update(new: Sequence[DaySummary]) -> bool:
        for (i, _), t, g in zip(tracked, task.patches, growth.patches, strict=True):
            t.set_height(new[i].task_s / 3600)
            g.set_y(new[i].task_s / 3600)
            g.set_height(new[i].growth_s / 3600)
        ax.set_ylim(0, _hours_limit(new, disposable_h))
        return True

    return Live(hours_key(days, today, disposable_h, off), update)
