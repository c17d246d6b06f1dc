"""The team window (tray menu → Team…): the team's growth ratio per week against each
person's target, the people, the learning map ("who to ask"), the team routine hotspots
with their what-if, synonyms mapped onto one label, and the CSV export.

The window is thin: ``service.team_view(first, last)`` builds a ``TeamView`` from the files
in the team folder, on a worker thread (``ui/jobs.py``: a folder on a network share may
be slow); the parts only render it. ``set_view`` shows a view handed in directly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDir, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.team import DEFAULT_VIEW_DAYS
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE, fmt_pct
from tracker.ui.jobs import Job, failure_text, special_file
from tracker.ui.summary.theme import CardFrame
from tracker.ui.team.chart import TeamChart
from tracker.ui.team.tables import fill_hotspots, fill_learning, fill_people, hours, make_table
from tracker.ui.wrap_label import WrapLabel

if TYPE_CHECKING:
    from tracker.domain.team import TeamView

DEFAULT_DAYS = DEFAULT_VIEW_DAYS  # the last 4 weeks, today included (as the CLI)
SETTINGS_ORG, SETTINGS_APP = "GrowthTracker", "export"  # the personal export's last folder


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _card(title: QLabel, *widgets: QWidget) -> CardFrame:
    card = CardFrame()
    layout = QVBoxLayout(card)
    layout.setContentsMargins(12, 8, 12, 10)
    layout.setSpacing(6)
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    layout.addWidget(title)
    for widget in widgets:
        layout.addWidget(widget)
    return card


class TeamWindow(QWidget):
    team_settings_requested = Signal()  # Settings → Team
    view_shown = Signal()  # a view was rendered (read from the folder or handed in)

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("TeamWindow")
        self.service = service
        self.view: TeamView | None = None
        self.job: Job | None = None
        self._busy = False
        self._again = False
        self._shown = False
        self._export_path: Path | None = None
        self._build()
        self._retranslate()
        today = service.today()
        self.set_range(today - dt.timedelta(days=DEFAULT_DAYS - 1), today, load=False)
        self.resize(1120, 760)
        self.refresh()

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(14, 12, 14, 12)
        root.setSpacing(8)
        top = QHBoxLayout()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.from_edit, self.to_edit = QDateEdit(), QDateEdit()
        for label, edit, name in (
            (self.from_label, self.from_edit, "teamFrom"),
            (self.to_label, self.to_edit, "teamTo"),
        ):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(i18n.date_pattern(weekday=False))
            edit.setKeyboardTracking(False)
            edit.dateChanged.connect(lambda _d: self.load())
            label.setBuddy(edit)
            top.addWidget(label)
            top.addWidget(edit)
        self.last_weeks = QPushButton()
        self.last_weeks.clicked.connect(self.last_four_weeks)
        top.addWidget(self.last_weeks)
        top.addStretch(1)
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(self.team_settings_requested.emit)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.settings_button)
        top.addWidget(self.export_button)
        root.addLayout(top)

        self.headline = WrapLabel()
        self.headline.setObjectName("teamHeadline")
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.headline.setFont(font)
        self.unreadable = WrapLabel()
        self.unreadable.setObjectName("teamUnreadable")
        self.unreadable.setStyleSheet("color: #B00020;")
        self.unreadable.hide()
        root.addWidget(self.headline)
        root.addWidget(self.unreadable)

        self.chart = TeamChart()
        self.people = make_table("teamPeople")
        self.people_title = QLabel()
        self.learning = make_table("teamLearning")
        self.learning_title = QLabel()
        self.learning_hint = WrapLabel()
        self.learning_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.who = WrapLabel()
        self.who.setObjectName("teamWho")
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.learning.currentCellChanged.connect(lambda row, *_: self.show_topic(row))
        self.learning.cellClicked.connect(lambda row, _col: self.show_topic(row))
        self.learning.activated.connect(lambda index: self.show_topic(index.row()))
        self.hotspots = make_table("teamHotspots")
        self.hotspots_title = QLabel()
        self.what_if = WrapLabel()
        self.what_if.setObjectName("teamWhatIf")
        self.hotspots.currentCellChanged.connect(lambda row, *_: self.show_hotspot(row))
        self.hotspots.cellClicked.connect(lambda row, _col: self.show_hotspot(row))
        self.alias_from, self.alias_to = QComboBox(), QComboBox()
        for combo, name in ((self.alias_from, "aliasFrom"), (self.alias_to, "aliasTo")):
            combo.setObjectName(name)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.alias_label, self.alias_as = QLabel(), QLabel()
        self.alias_label.setBuddy(self.alias_from)
        self.alias_as.setBuddy(self.alias_to)
        self.alias_button, self.unalias_button = QPushButton(), QPushButton()
        self.alias_button.setObjectName("aliasSet")
        self.unalias_button.setObjectName("aliasRemove")
        self.alias_button.clicked.connect(self.map_synonym)
        self.unalias_button.clicked.connect(self.unmap_synonym)
        alias_row = QHBoxLayout()
        for widget in (
            self.alias_label,
            self.alias_from,
            self.alias_as,
            self.alias_to,
            self.alias_button,
            self.unalias_button,
        ):
            alias_row.addWidget(widget)
        alias_row.addStretch(1)
        alias_box = QWidget()
        alias_box.setLayout(alias_row)
        alias_row.setContentsMargins(0, 0, 0, 0)
        self.aliases = WrapLabel()
        self.aliases.setObjectName("teamAliases")
        self.aliases.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        left = QVBoxLayout()
        left.addWidget(self.chart, 3)
        left.addWidget(_card(self.people_title, self.people), 2)
        right = QVBoxLayout()
        right.addWidget(_card(self.learning_title, self.learning_hint, self.learning, self.who), 1)
        right.addWidget(
            _card(self.hotspots_title, self.hotspots, self.what_if, alias_box, self.aliases), 1
        )
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        root.addLayout(body, 1)
        self.status = WrapLabel()
        self.status.setObjectName("teamStatus")
        root.addWidget(self.status)
        for keys in (QKeySequence.StandardKey.Close, QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(keys, self).activated.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Refresh, self).activated.connect(self.load)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("{0} — Team").format(APP_TITLE))
        self.from_label.setText(self.tr("&From:"))
        self.to_label.setText(self.tr("&To:"))
        self.last_weeks.setText(self.tr("&Last 4 weeks"))
        self.settings_button.setText(self.tr("&Sharing settings…"))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.people_title.setText(self.tr("People"))
        self.learning_title.setText(self.tr("Learning map — who to ask"))
        self.learning_hint.setText(
            self.tr(
                "Growth hours per topic and person. Click a topic (or press Enter on it) "
                "to see who spent time on it recently. Ctrl+C copies a table."
            )
        )
        self.hotspots_title.setText(self.tr("Team routine hotspots — candidates to automate"))
        self.alias_label.setText(self.tr("C&ount"))
        self.alias_as.setText(self.tr("&as"))
        self.alias_button.setText(self.tr("&Map"))
        self.unalias_button.setText(self.tr("Undo ma&pping"))
        self.alias_button.setToolTip(
            self.tr(
                "Count a routine label as another one (synonyms such as "
                "請求書確認 and 請求書チェック)"
            )
        )

    # -- range and loading --------------------------------------------------------------

    def set_range(self, first: dt.date, last: dt.date, load: bool = True) -> None:
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)
        if load:
            self.load()

    def last_four_weeks(self) -> None:
        today = self.service.today()
        self.set_range(today - dt.timedelta(days=DEFAULT_DAYS - 1), today)

    def range(self) -> tuple[dt.date, dt.date]:
        first, last = pydate(self.from_edit.date()), pydate(self.to_edit.date())
        return (first, last) if first <= last else (last, first)

    def refresh(self) -> None:
        """Read the team folder again (the app calls this on changes and on each open)."""
        self.load()
        self._show_aliases()

    def load(self) -> None:
        """Read the folder on a worker thread; one read at a time, the last asked wins."""
        if self.job is not None:
            self._again = True
            return
        first, last = self.range()
        self.status.setText(self.tr("Reading the team folder…"))
        # no parent: a window deleted mid-read must not delete the running thread
        self.job = Job(self.service, lambda svc, _progress: svc.team_view(first, last))
        self.job.succeeded.connect(self.set_view)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._loaded)
        self._busy = True
        self.job.start_work()

    def _loaded(self) -> None:
        self.job = None
        self._busy = False
        if self._again:
            self._again = False
            self.load()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(failure_text(exc, self.service.tz))
        self.status.setStyleSheet("color: #B00020;")

    # -- rendering ----------------------------------------------------------------------

    def set_view(self, view: TeamView) -> None:
        self.view = view
        self.status.setText("")
        self.status.setStyleSheet("")
        self.headline.setText(self._headline(view))
        if view.unreadable:
            from tracker.ui.error_text import describe

            one = self.tr("{0} ({1})", "a skipped file and why")
            names = self.tr("; ").join(
                one.format(name, describe(reason, self.service.tz))
                for name, reason in view.unreadable
            )
            self.unreadable.setText(self.tr("Skipped, cannot be read: {0}").format(names))
        self.unreadable.setVisible(bool(view.unreadable))
        self.chart.set_view(view)
        fill_people(self.people, view.people, self.service.tz)
        fill_learning(self.learning, view.learning, view.people)
        fill_hotspots(self.hotspots, view.hotspots)
        self.show_topic(self.learning.currentRow())
        self.show_hotspot(max(self.hotspots.currentRow(), 0))
        labels = sorted({h.label for h in view.hotspots})
        for combo in (self.alias_from, self.alias_to):
            text = combo.currentText()
            combo.clear()
            combo.addItems(labels)
            combo.setEditText(text)
        self.view_shown.emit()

    def _headline(self, view: TeamView) -> str:
        span = i18n.format_date_range(view.first, view.last)
        if not view.people:
            return self.tr("{0}: nobody has shared yet.").format(span)
        return self.tr("{0}: the team's growth share is {1} ({2} people)").format(
            span, fmt_pct(view.ratio), len(view.people)
        )

    def show_topic(self, row: int) -> None:
        """Who spent time on the topic in ``row`` (most hours first, when last)."""
        if self.view is None or not 0 <= row < len(self.view.learning):
            self.who.setText(self.tr("Select a topic to see who to ask."))
            return
        topic = self.view.learning[row]
        people = [
            self.tr("{0} ({1}, last on {2})").format(
                p.name, hours(p.growth_s), i18n.format_short_date(p.last_day)
            )
            for p in topic.people
        ]
        joined = self.tr("; ", "between the people who know a topic").join(people)
        self.who.setText(self.tr("Who to ask about {0}: {1}").format(topic.label, joined))

    def show_hotspot(self, row: int) -> None:
        """The what-if line of the hotspot in ``row``."""
        if self.view is None or not 0 <= row < len(self.view.hotspots):
            self.what_if.setText("")
            return
        h = self.view.hotspots[row]
        self.what_if.setText(
            self.tr(
                "Automating {0} frees {1} a week; the team's growth share would be {2} (now {3})."
            ).format(
                h.label,
                hours(h.per_week_s),
                fmt_pct(h.ratio_if_automated),
                fmt_pct(self.view.ratio),
            )
        )

    def hotspot_rows(self) -> list[tuple[str, int, int]]:
        """(label, seconds per week, people) as the table holds them (for tests and reading)."""
        if self.view is None:
            return []
        return [(h.label, h.per_week_s, h.people) for h in self.view.hotspots]

    # -- synonyms -----------------------------------------------------------------------

    def _show_aliases(self) -> None:
        try:
            aliases = self.service.team_aliases()
        except Exception:  # the window still shows the view; the service says why elsewhere
            aliases = {}
        if aliases:
            pairs = "; ".join(f"{a} → {b}" for a, b in sorted(aliases.items()))
            self.aliases.setText(self.tr("Counted as one: {0}").format(pairs))
        else:
            self.aliases.setText("")

    def map_synonym(self) -> None:
        label, to = self.alias_from.currentText().strip(), self.alias_to.currentText().strip()
        if not label or not to:
            self._say(self.tr("Choose a routine label and the label it counts as."), True)
            return
        self._alias(label, to)

    def unmap_synonym(self) -> None:
        label = self.alias_from.currentText().strip()
        if label:
            self._alias(label, None)

    def _alias(self, label: str, to: str | None) -> None:
        from tracker.domain.model import TrackerError
        from tracker.ui.error_text import describe

        try:
            self.service.team_set_alias(label, to)
        except TrackerError as exc:
            self._say(self.tr("Not saved: {0}").format(describe(exc, self.service.tz)), True)
            return
        self._show_aliases()
        self.load()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #B00020;" if error else "")

    # -- export -------------------------------------------------------------------------

    @staticmethod
    def _settings() -> QSettings:
        return QSettings(SETTINGS_ORG, SETTINGS_APP)

    def ask_path(self, start: str) -> str:
        """The save-file dialog, as the personal export's (a test replaces this)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the team view"),
            start,
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        return chosen

    def export(self) -> None:
        first, last = self.range()
        saved = self._settings().value("last_folder")
        folder = (
            Path(saved)
            if isinstance(saved, str) and saved and Path(saved).is_dir()
            else Path(QDir.homePath())
        )
        chosen = self.ask_path(str(folder / f"growth-tracker-team-{first}_{last}.csv"))
        if not chosen:
            return
        path = Path(chosen).expanduser()
        if path.suffix == "" and not path.exists():
            path = path.with_suffix(".csv")
        if special_file(path):
            self._say(
                self.tr("{0} is a device, pipe or socket, not a file; pick a file name").format(
                    path
                ),
                True,
            )
            return
        header = "ja" if i18n.language() == "ja" else "en"  # as the personal export's default

        def work(svc: Any, _progress: Any) -> object:
            from tracker.io.files import write_atomic

            result = svc.team_csv(first, last, "utf-8-sig", header)  # Excel's own encoding
            write_atomic(path, result.data)  # whole or not at all; coded errors
            return result

        # no parent: a window closed (and deleted) mid-export must not delete a running
        # thread (ui/jobs.py keeps it); bound slots are disconnected with the window
        self._export_path = path
        job = Job(self.service, work)
        job.succeeded.connect(self._exported)
        job.failed.connect(self._export_failed)
        job.finished.connect(self._export_done)
        self.export_button.setEnabled(False)
        self._say(self.tr("Exporting…"))
        job.start_work()

    def _exported(self, _result: object) -> None:
        path = self._export_path
        if path is not None:
            self._settings().setValue("last_folder", str(path.parent))
            self._say(self.tr("Exported the team view to {0}").format(path))

    def _export_failed(self, exc: BaseException) -> None:
        text = failure_text(exc, self.service.tz)
        self._say(self.tr("Nothing was exported: {0}").format(text), True)

    def _export_done(self) -> None:
        self.export_button.setEnabled(True)

    # -- window contract ----------------------------------------------------------------

    def view_state(self) -> object:
        return self.range()

    def restore_view(self, state: object) -> None:
        if isinstance(state, tuple) and len(state) == 2:
            self.set_range(state[0], state[1])

    def showEvent(self, event: QShowEvent) -> None:
        if not self._shown:
            self._shown = True
            self.people.setFocus()  # the keyboard starts at the people: Ctrl+C copies them
        super().showEvent(event)
