"""The three summary charts, drawn on matplotlib axes handed in by ``charts.py``.

This module never imports matplotlib itself (only ``charts.py`` does, lazily); it calls
methods on the axes it is given, so the drawing can go to the window's canvases or to a
PNG file alike. Strings arrive already translated in a ``texts`` mapping.

Conventions: task is blue, growth orange *and hatched*; met days carry a ✓ as well as a
green bar; a work day with nothing tracked has no bar at all (not a 0 % bar), only a faint
"–"; days off (not in ``work_days``) stand on a faint grey band, with a muted date. The ratio
axis fits the regular days (``SummaryData.ratio_scale``): an outlier's bar runs off the top,
cut by a white notch, its value written inside.

Each ``draw_*`` returns a :class:`Live`: while a block runs, the next minute's chart usually
differs only in a few sizes (the running bar, today's bars, the now mark, the scale). When
the new data has the same ``*_key``, ``Live.update`` moves those artists in place, which
looks exactly like drawing the chart again and costs a fraction of it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale

from tracker.domain.model import Kind
from tracker.domain.stats import DaySummary, RatioScale, ratio_scale
from tracker.domain.summary import Segment, TimelineRow
from tracker.ui import i18n
from tracker.ui.common import fmt_pct
from tracker.ui.summary.theme import GROWTH_HATCH, ChartTheme

Axes = Any  # matplotlib.axes.Axes, not imported here (see the module docstring)
BAR_EDGE = 0.8
BAR_WIDTH = 0.66  # of a day's slot
MIN_SPAN_H = 8
LINE_CLEAR = 0.03  # a ratio label keeps this much of the axis height off the target line
LABEL_PAD_PT = 1.5  # between a ratio bar's top and its label
INSIDE_TEXT = "#1a1a1a"  # a label inside a (green or orange) bar
RATIO_BINS = 5  # at most this many steps on the ratio axis, whatever its height


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
    _legend(ax, [containers[Kind.TASK], containers[Kind.GROWTH], now_line], theme)

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


def _days_off(
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


def _day_axis(
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


class RatioLabel:
    """The value above a ratio bar, kept clear of the dashed target line.

    Where it goes depends on sizes in pixels (the font against the axis height), known only
    once the chart is laid out, so it is placed each time it is drawn: above its bar when
    that is clear of the line by :data:`LINE_CLEAR` of the axis height, else inside the
    bar's top when the bar is tall enough, else just above the line. ``bar_pct`` is the
    bar's height; a live update changes it and the text, the next draw places it.
    """

    def __init__(self, ax: Axes, text: Any, bar_pct: float, target_pct: float, color: str):
        self.ax, self.text, self.bar_pct, self.target_pct = ax, text, bar_pct, target_pct
        self.color = color
        self.where = "above"  # or "inside", "over_line": where the last draw put it
        text.set_in_layout(False)
        draw = text.draw

        def placed_draw(renderer: Any) -> Any:
            self.place(renderer)
            return draw(renderer)

        text.draw = placed_draw

    def place(self, renderer: Any) -> None:
        ax, text = self.ax, self.text
        to_px = ax.transData.transform
        x = text.get_position()[0]
        zero, bar, line = (to_px((x, v))[1] for v in (0.0, self.bar_pct, self.target_pct))
        pad = LABEL_PAD_PT * ax.figure.dpi / 72
        clear = LINE_CLEAR * ax.bbox.height
        text.set_verticalalignment("bottom")
        height = text.get_window_extent(renderer).height
        bottom = bar + pad
        where = "above"
        if bottom - clear < line < bottom + height + clear:
            top = min(bar - pad, line - clear) if bar < line + clear else bar - pad
            if top - height >= zero + pad and not top - height - clear < line < top + clear:
                where, bottom = "inside", top - height
            else:
                where, bottom = "over_line", line + clear
        self.where = where
        text.set_color(INSIDE_TEXT if where == "inside" else self.color)
        text.set_y(ax.transData.inverted().transform((0, bottom))[1])


def _ratio_text(d: DaySummary, few: bool) -> str:
    """What stands above a day's ratio bar: the ratio (all of them when few days show), a ✓
    on met days."""
    value = fmt_pct(d.ratio, d.target) if few or d.ratio == 0 else ""
    mark = "✓" if d.met else ""
    return f"{mark} {value}".strip()


def _ratio_top(scale: RatioScale) -> float:
    """The ratio axis's top, in %: the regular days and targets with room for their labels."""
    return min(110, max(30, 100 * scale.top * 1.25 + 6))


def _outlier_text(d: DaySummary) -> str:
    mark = "✓ " if d.met else ""
    return f"{mark}{fmt_pct(d.ratio, d.target)} ↑"


def ratio_key(
    days: Sequence[DaySummary], today: dt.date, off: Sequence[bool] = ()
) -> tuple[object, ...]:
    """The ratio chart without the bars' heights, their values and the scale (see
    :class:`Live`)."""
    few = len(days) <= 14
    return (
        today,
        tuple(off),
        ratio_scale(days).outliers,
        tuple(
            (
                d.date,
                d.target,
                d.ratio is None,
                d.met,
                few or d.ratio == 0,
                bool(_ratio_text(d, few)),
            )
            for d in days
        ),
    )


def draw_ratio(
    ax: Axes,
    days: Sequence[DaySummary],
    today: dt.date,
    theme: ChartTheme,
    texts: Mapping[str, str],
    off: Sequence[bool] = (),
) -> Live:
    """Growth ratio per day against the (dashed) target; met days green with a ✓. ``off``
    says which days are days off."""
    style_axes(ax, theme, texts["ratio"])
    off = list(off) or [False] * len(days)
    scale = ratio_scale(days)
    top = _ratio_top(scale)
    met = [(i, d) for i, d in enumerate(days) if d.ratio is not None and d.met]
    below = [(i, d) for i, d in enumerate(days) if d.ratio is not None and not d.met]
    handles = []
    bar_of: dict[int, Any] = {}
    text_of: dict[int, Any] = {}
    outlier_of: dict[int, Any] = {}
    for group, color, key in ((met, theme.met, "met"), (below, theme.growth, "below")):
        bars = ax.bar(
            [i for i, _ in group],
            [min(100 * (d.ratio or 0), top) for _, d in group],
            width=BAR_WIDTH,
            color=color,
            edgecolor=theme.background,
            linewidth=BAR_EDGE,
            label=texts[key],
            gid=key,
        )
        for rect, (i, _) in zip(bars.patches, group, strict=True):
            rect.set_gid(key)
            bar_of[i] = rect
        handles.append(bars)
    few = len(days) <= 14
    for i, d in enumerate(days):
        if d.ratio is None:
            if d.date <= today and not off[i]:
                ax.text(i, 1.5, "–", ha="center", va="bottom", color=theme.muted, fontsize=9)
            continue
        if d.date in scale.outliers:
            outlier_of[i] = _outlier(ax, i, d, top, theme)
            continue
        text = _ratio_text(d, few)
        if text:
            label = ax.text(
                i,
                100 * d.ratio,
                text,
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=theme.met if d.met and text == "✓" else theme.text,
                fontweight="bold" if d.met else "normal",
                gid="value",
            )
            text_of[i] = RatioLabel(ax, label, 100 * d.ratio, 100 * d.target, label.get_color())
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
    handles.append(_days_off(ax, days, off, theme, texts["day_off"]))
    ax.set_ylim(0, top)
    ax.locator_params(axis="y", nbins=RATIO_BINS)  # 0/20/40/60 %, not 0/50 %
    ax.yaxis.set_major_formatter(lambda v, _pos: fmt_pct(v / 100))
    _day_axis(ax, days, today, theme, off)
    _legend(ax, handles, theme)

    def update(new: Sequence[DaySummary]) -> bool:
        old_top, new_top = ax.get_ylim()[1], _ratio_top(ratio_scale(new))
        if new_top != old_top and not _same_ticks(ax.yaxis, old_top, new_top):
            return False
        ax.set_ylim(0, new_top)
        for i, rect in bar_of.items():
            rect.set_height(min(100 * (new[i].ratio or 0), new_top))
        for i, label in text_of.items():
            label.bar_pct = 100 * (new[i].ratio or 0)
            label.text.set_text(_ratio_text(new[i], few))
        for i, (text, notch) in outlier_of.items():
            text.set_text(_outlier_text(new[i]))
            text.xy = (i, new_top)
            notch.set_ydata([new_top * 0.93] * 2)
        return True

    return Live(ratio_key(days, today, off), update)


def _outlier(ax: Axes, i: int, d: DaySummary, top: float, theme: ChartTheme) -> tuple[Any, Any]:
    """The value of a bar that runs off the axis, inside its top, and a notch that shows
    the bar is cut."""
    (notch,) = ax.plot(
        [i - 0.36, i + 0.36],
        [top * 0.93] * 2,
        color=theme.background,
        lw=2.2,
        solid_capstyle="butt",
        gid="outlier_cut",
        clip_on=False,
    )
    text = ax.annotate(
        _outlier_text(d),
        (i, top),
        xytext=(0, -3),  # points: clear of the legend above the axes
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=7.5,
        fontweight="bold",
        color=INSIDE_TEXT,
        gid="outlier",
        bbox={"boxstyle": "round,pad=0.15", "fc": "#ffffff", "ec": "none", "alpha": 0.85},
        clip_on=False,
    )
    text.set_in_layout(False)
    draw = text.draw

    def fitted_draw(renderer: Any) -> None:
        _fit_to_bar(ax, text, renderer)
        draw(renderer)

    text.draw = fitted_draw
    return text, notch


def _fit_to_bar(ax: Axes, text: Any, renderer: Any) -> None:
    """Turn an outlier's label upright inside its bar when it is wider than the bar (a
    month has 30 thin bars), at each draw, so a resize can turn it back."""
    to_px = ax.transData.transform
    bar = to_px((BAR_WIDTH, 0))[0] - to_px((0, 0))[0]
    text.set_rotation(0)
    if text.get_window_extent(renderer).width > bar:
        text.set_rotation(90)


def _same_ticks(axis: Any, top: float, new_top: float) -> bool:
    """Whether ``axis`` (from 0) shows the same ticks up to ``new_top`` as up to ``top``:
    the same ones chosen, none of them near either end of the change."""
    locator = axis.get_major_locator()
    ticks = list(locator.tick_values(0, top))
    if ticks != list(locator.tick_values(0, new_top)):
        return False
    lo, hi = sorted((top, new_top))
    margin = 1e-6 * hi
    return not any(lo - margin <= t <= hi + margin for t in ticks)


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
    band = _days_off(ax, days, list(off) or [False] * len(days), theme, texts["day_off"])
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
    _day_axis(ax, days, today, theme, off)
    _legend(ax, [task, growth, line, band], theme)

    def update(new: Sequence[DaySummary]) -> bool:
        for (i, _), t, g in zip(tracked, task.patches, growth.patches, strict=True):
            t.set_height(new[i].task_s / 3600)
            g.set_y(new[i].task_s / 3600)
            g.set_height(new[i].growth_s / 3600)
        ax.set_ylim(0, _hours_limit(new, disposable_h))
        return True

    return Live(hours_key(days, today, disposable_h, off), update)
