"""The "Copy summary" text: plain lines for a chat message to peers or a one-to-one.

It says the range, the growth ratio against the target, the trend, the streak (up to which
day), the growth labels with their time and the selected day's reflection note. The routine
hotspots are private detail and appear only when asked for: the same list as the window's,
over the range shown. Labels with less than a minute in all are left out (the
domain's rule, ``stats.MIN_LISTED_S``). A pure function of ``SummaryData`` and the note;
strings go through Qt's translation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from tracker.domain.summary import LabelTime, RangeKind, SummaryData
from tracker.ui import i18n
from tracker.ui.common import fmt_hm, fmt_pct


def range_text(s: SummaryData) -> str:
    """ "Wed 12 Jun 2024", "Week 10–16 Jun 2024" or "June 2024" (in the UI's locale)."""
    if s.kind is RangeKind.WEEK:
        return QCoreApplication.translate("SummaryText", "Week {0}").format(
            i18n.format_date_range(s.first, s.last)
        )
    if s.kind is RangeKind.MONTH:
        return i18n.format_month(s.first)
    return i18n.format_date(s.day)


def _labels(title: str, items: Sequence[LabelTime]) -> list[str]:
    if not items:
        return []
    no_label = QCoreApplication.translate("SummaryText", "(no label)")
    return ["", title] + [f"• {i.label or no_label}  {fmt_hm(i.seconds)}" for i in items]


def _note(s: SummaryData, note: str) -> list[str]:
    if not note.strip():
        return []
    if s.kind is RangeKind.DAY:
        title = QCoreApplication.translate("SummaryText", "Reflection:")
    else:
        title = QCoreApplication.translate("SummaryText", "Reflection · {0}:").format(
            i18n.format_date(s.day)
        )
    return ["", title, *note.strip().splitlines()]


def summary_text(s: SummaryData, include_routine: bool = False, note: str = "") -> str:
    """The summary as plain text (lines end with "\\n"); ``note`` is the selected day's
    reflection, added at the end when there is one."""
    if s.met is None:
        verdict = QCoreApplication.translate("SummaryText", "nothing tracked")
    elif s.met:
        verdict = QCoreApplication.translate("SummaryText", "✓ met")
    else:
        verdict = QCoreApplication.translate("SummaryText", "✗ not met")
    # English is the source language, so its singular is a string of its own; %n is the count.
    days = s.streak  # a plain name: lupdate skips a call whose n is ``s.streak``
    if s.streak_through == s.today - dt.timedelta(days=1):
        through = QCoreApplication.translate("SummaryText", "yesterday")
    else:
        through = i18n.format_date(s.streak_through, weekday=False)
    if days == 1:
        streak = QCoreApplication.translate(
            "SummaryText", "Streak: 1 day meeting the target, up to {0}"
        ).format(through)
    else:
        streak = QCoreApplication.translate(
            "SummaryText", "Streak: %n days meeting the target, up to {0}", None, days
        ).format(through)
    lines = [
        QCoreApplication.translate("SummaryText", "Growth summary · {0}").format(range_text(s)),
        QCoreApplication.translate("SummaryText", "Growth ratio {0} (target {1}) {2}").format(
            fmt_pct(s.ratio, s.target), fmt_pct(s.target, s.target), verdict
        ),
        QCoreApplication.translate("SummaryText", "Trend: 7 days {0}, 30 days {1}").format(
            fmt_pct(s.rolling_7), fmt_pct(s.rolling_30)
        ),
        QCoreApplication.translate(
            "SummaryText", "Growth {0} · Task {1} · tracked {2} of {3} disposable hours"
        ).format(
            fmt_hm(s.total.growth_s),
            fmt_hm(s.total.task_s),
            fmt_hm(s.total.total_s),
            fmt_hm(s.disposable_s),
        ),
        streak,
    ]
    lines += _labels(QCoreApplication.translate("SummaryText", "Growth work:"), s.growth_labels)
    if include_routine:
        lines += _labels(
            QCoreApplication.translate("SummaryText", "Routine hotspots (candidates to automate):"),
            [LabelTime(h.label, h.total_s) for h in s.hotspots],
        )
    lines += _note(s, note)
    return "\n".join(lines) + "\n"
