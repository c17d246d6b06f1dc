"""The "Copy summary" text: plain lines for a chat message to peers or a one-to-one.

It says the range, the growth ratio against the target, the trend and the growth labels
with their time. Routine (task) labels are private detail and appear only when asked for.
A pure function of ``SummaryData``; strings go through Qt's translation.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from tracker.domain.summary import LabelTime, RangeKind, SummaryData
from tracker.ui import i18n
from tracker.ui.common import fmt_hm, fmt_int, fmt_pct


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


def summary_text(s: SummaryData, include_routine: bool = False) -> str:
    """The summary as plain text (lines end with "\\n")."""
    if s.met is None:
        verdict = QCoreApplication.translate("SummaryText", "nothing tracked")
    elif s.met:
        verdict = QCoreApplication.translate("SummaryText", "✓ met")
    else:
        verdict = QCoreApplication.translate("SummaryText", "✗ not met")
    lines = [
        QCoreApplication.translate("SummaryText", "Growth summary · {0}").format(range_text(s)),
        QCoreApplication.translate("SummaryText", "Growth ratio {0} (target {1}) {2}").format(
            fmt_pct(s.ratio), fmt_pct(s.target), verdict
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
        QCoreApplication.translate("SummaryText", "Streak: {0} days meeting the target").format(
            fmt_int(s.streak)
        ),
    ]
    lines += _labels(QCoreApplication.translate("SummaryText", "Growth work:"), s.growth_labels)
    if include_routine:
        lines += _labels(QCoreApplication.translate("SummaryText", "Routine:"), s.task_labels)
    return "\n".join(lines) + "\n"
