"""The figures ``status`` shows, as pure functions that import nothing but the standard
library's ``datetime`` and ``math``.

Status bars run ``growth-tracker status`` every few seconds, so its fast path
(``tracker.quickstatus``) must not load the dataclasses of the rest of the domain (they
cost more than the whole query). The rules live here once; ``days``, ``stats`` and
``timeparse`` re-export them under their old names.
"""

from __future__ import annotations

import datetime as dt
import math

DEFAULT_TARGET = 0.20
DEFAULT_DAY_START = 4  # a tracking day begins at 04:00 unless the setting says otherwise
# A day meets its target when its ratio reaches it within this tolerance, so a target
# like 0.3 is met by exactly 3 of 10 hours despite binary floating point.
MET_TOLERANCE = 1e-12


# -- tracking days -------------------------------------------------------------------


def day_start_instant(day: dt.date, tz: dt.tzinfo, day_start: int) -> int:
    """The instant a tracking day begins.

    A day-start hour that falls in a spring-forward gap resolves (``fold=0``) to the
    instant just after the gap, so consecutive day starts always increase.
    """
    local = dt.datetime(day.year, day.month, day.day, day_start, tzinfo=tz)
    return int(local.timestamp())


def tracking_day(instant: int, tz: dt.tzinfo, day_start: int) -> dt.date:
    """The tracking day an instant belongs to."""
    local = dt.datetime.fromtimestamp(instant, tz)
    guess = local.date()
    if day_start_instant(guess, tz, day_start) > instant:
        guess -= dt.timedelta(days=1)
    elif day_start_instant(guess + dt.timedelta(days=1), tz, day_start) <= instant:
        guess += dt.timedelta(days=1)
    return guess


def day_bounds(day: dt.date, tz: dt.tzinfo, day_start: int) -> tuple[int, int]:
    """[start, end) of a tracking day as UTC instants."""
    return (
        day_start_instant(day, tz, day_start),
        day_start_instant(day + dt.timedelta(days=1), tz, day_start),
    )


# -- ratios --------------------------------------------------------------------------


REPORT_DAYS_MAX = 3660 * 3  # the longest range ``report`` takes, in days


def report_days(
    first: dt.date | None, last: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    """The days ``report`` covers from a range given in part: none → today; only the last
    day → that day alone; only the first → from it to today (or to itself if later)."""
    if first is None and last is None:
        return today, today
    if first is None:
        assert last is not None
        return last, last
    return first, max(today, first) if last is None else last


def ratio_of(task_s: int, growth_s: int) -> float | None:
    """growth ÷ (task + growth); None when nothing was tracked."""
    total = task_s + growth_s
    if total <= 0:
        return None
    return growth_s / total


def meets(task_s: int, growth_s: int, target: float) -> bool:
    """Whether growth ÷ (task + growth) reaches ``target`` (False when nothing was tracked)."""
    r = ratio_of(task_s, growth_s)
    return r is not None and r >= target - MET_TOLERANCE


def percent_shown(ratio: float, target: float | None = None) -> tuple[float, int]:
    """The percentage to show for ``ratio`` and its decimals: ``(18.0, 0)`` reads "18%".

    Whole percentages, rounded to the nearest; but a number never crosses the ``target``
    the ratio is measured against, so a percentage never contradicts "met": 19.96 %
    against 20 % is ``(19.9, 1)`` (tenths, rounded down and kept below the target), not
    "20%"; a ratio that meets 20.5 % shows at least 20.5. The CLI and the UI both show
    ratios through here.
    """
    pct = round(ratio * 100, 6)  # 0.199 * 100 is 19.899999…: settle the float noise first
    whole = math.floor(pct + 0.5)
    if target is None:
        return float(whole), 0
    goal = round(target * 100, 6)
    met = ratio >= target - MET_TOLERANCE
    if met and whole < goal:
        return max(math.ceil(round(pct * 10, 6)), math.ceil(round(goal * 10, 6))) / 10, 1
    if not met and whole >= goal:
        tenths = min(math.floor(round(pct * 10, 6)), math.ceil(round(goal * 10, 6)) - 1)
        return tenths / 10, 1
    return float(whole), 0


def growth_needed_s(task_s: int, growth_s: int, target: float) -> int | None:
    """More growth seconds needed to reach the target if the rest stays routine.

    0 when already met; None when the target cannot be reached (target 100 % with routine
    already tracked). Exact: that many seconds make the day meet its target (as
    ``DaySummary.met`` decides it) and one second less does not.
    """
    total = task_s + growth_s
    if total == 0 or meets(task_s, growth_s, target):
        return 0
    if target >= 1:
        return None
    goal = target - MET_TOLERANCE
    guess = max(1, int(-(-((goal * total - growth_s) / (1 - goal)) // 1)))
    # The float estimate can be off (by a second, or by more for targets within a hair of
    # 100 %); settle it with the real test: widen a bracket around it, then bisect.
    lo, hi, step = guess - 1, guess, 1
    while not meets(task_s, growth_s + hi, target):
        lo, hi, step = hi, hi + step, step * 2
    while lo > 0 and meets(task_s, growth_s + lo, target):
        hi, lo, step = lo, max(0, lo - step), step * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if meets(task_s, growth_s + mid, target):
            hi = mid
        else:
            lo = mid
    return hi


# -- text ----------------------------------------------------------------------------


def hm(seconds: int) -> str:
    """A duration as h:mm (rounded down to the minute)."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"


def clock_text(instant: int, tz: dt.tzinfo) -> str:
    return dt.datetime.fromtimestamp(instant, tz).strftime("%H:%M")
