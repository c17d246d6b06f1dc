"""The growth ratio per day against the target line: met days green with a ✓, each
bar's value placed clear of the line, outliers cut by a notch with their value inside."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.domain.stats import DaySummary, RatioScale, ratio_scale
from tracker.ui.common import fmt_pct
from tracker.ui.summary.plots.axes import (
    BAR_EDGE,
    Axes,
    Live,
    day_axis,
    days_off,
    legend,
    style_axes,
)
from tracker.ui.summary.theme import ChartTheme

BAR_WIDTH = 0.66  # of a day's slot
LINE_CLEAR = 0.03  # a ratio label keeps this much of the axis height off the target line
LABEL_PAD_PT = 1.5  # between a ratio bar's top and its label
INSIDE_TEXT = "#1a1a1a"  # a label inside a (green or orange) bar
RATIO_BINS = 5  # at most this many steps on the ratio axis, whatever its height


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
    handles.append(days_off(ax, days, off, theme, texts["day_off"]))
    ax.set_ylim(0, top)
    ax.locator_params(axis="y", nbins=RATIO_BINS)  # 0/20/40/60 %, not 0/50 %
    ax.yaxis.set_major_formatter(lambda v, _pos: fmt_pct(v / 100))
    day_axis(ax, days, today, theme, off)
    legend(ax, handles, theme)

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
