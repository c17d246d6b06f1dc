"""The *Settings…* dialog: every setting in one compact window, applied at once.

Each change is stored through ``TrackerService.set_setting`` the moment it is made (the
service validates it; a refusal shows inline and nothing is stored), then
``settings_changed`` tells the app, which applies it to the tray, the timers and the
windows. The dialog holds no rule of its own: ranges on the inputs only keep typing
sensible. It is rebuilt in the new language when the language changes (Qt sends
``LanguageChange``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.model import TrackerError
from tracker.domain.settings import WEEKDAYS
from tracker.ui import i18n
from tracker.ui.common import APP_TITLE
from tracker.ui.error_text import describe
from tracker.ui.settings_data import DataFolderPart
from tracker.ui.settings_hotkeys import HotkeysGroup
from tracker.ui.settings_idle import IdleInfoPart
from tracker.ui.sync_settings import SyncGroup
from tracker.ui.wrap_label import WrapLabel

if TYPE_CHECKING:
    from tracker.service import TrackerService

TRAY_CLICKS = ("toggle", "panel", "none")
ERROR_STYLE = "QLabel { color: palette(window-text); background: #fde2e1; padding: 4px; }"


def _hhmm(time: QTime) -> str:
    return f"{time.hour():02d}:{time.minute():02d}"


def _qtime(minutes: int) -> QTime:
    return QTime(minutes // 60 % 24, minutes % 60)


def _spin(box: QAbstractSpinBox) -> QAbstractSpinBox:
    """Store a typed value when editing ends, not at every keystroke."""
    box.setKeyboardTracking(False)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class SettingsDialog(QDialog, IdleInfoPart, DataFolderPart):
    """Settings, grouped: tracking, end of day, away, reminders, tray, data."""

    settings_changed = Signal()
    team_settings_requested = Signal()  # Settings → Team, a page of its own

    def __init__(
        self, service: TrackerService, parent: QWidget | None = None, idle_source: Any = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._idle_source = idle_source
        self._idle: tuple[bool, str, Any] | None = None  # available, name, source
        self._loading = False
        self._team = ("", "")  # the team name and folder, as last read
        self.setObjectName("SettingsDialog")
        self._build()
        self._connect()
        self._retranslate()
        self.refresh()

    # -- layout -------------------------------------------------------------------------

    def _group(self, layout: QVBoxLayout) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout.addWidget(box)
        return box, form

    def _row(self, form: QFormLayout, field: QWidget | QHBoxLayout) -> QLabel:
        label = QLabel()
        form.addRow(label, field)
        if isinstance(field, QWidget):
            label.setBuddy(field)
        return label

    def _build(self) -> None:
        # Two columns, so the dialog fits a small laptop screen (1366×768 at 125 %: about
        # 600 px of height) in English and in Japanese.
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        for column in (left, right):
            column.setSpacing(4)  # nine groups in two columns: every pixel of height counts
        columns.addLayout(left)
        columns.addLayout(right)
        layout.addLayout(columns)
        self.groups: dict[str, QGroupBox] = {}
        self.labels: dict[str, QLabel] = {}

        self.groups["tracking"], form = self._group(left)
        self.target = QSpinBox()
        self.target.setRange(1, 100)  # 0 % would be met by every day: refused by the domain
        self.labels["target"] = self._row(form, _spin(self.target))
        self.day_start = QSpinBox()
        self.day_start.setRange(0, 23)
        self.labels["day_start"] = self._row(form, _spin(self.day_start))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 24)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.labels["disposable_hours"] = self._row(form, _spin(self.hours))

        self.groups["end_of_day"], form = self._group(left)
        self.eod_on = QCheckBox()
        self.eod_time = QTimeEdit()
        self.eod_time.setDisplayFormat("HH:mm")
        _spin(self.eod_time)
        form.addRow(self.eod_on, self.eod_time)

        self.groups["away"], form = self._group(left)
        self.away = QSpinBox()
        self.away.setRange(0, 240)
        self.labels["away_minutes"] = self._row(form, _spin(self.away))
        self.idle_info = WrapLabel()
        self.idle_info.setObjectName("idleInfo")
        form.addRow(self.idle_info)
        self.hotkeys = HotkeysGroup(self._store)
        left.addWidget(self.hotkeys)

        self.groups["reminders"], form = self._group(right)
        self.untracked = QSpinBox()
        self.untracked.setRange(0, 480)
        self.untracked.setSingleStep(5)
        self.labels["remind_untracked"] = self._row(form, _spin(self.untracked))
        self.work_from, self.work_to = QTimeEdit(), QTimeEdit()
        hours_row = QHBoxLayout()
        self.work_dash = QLabel("–")
        for edit in (self.work_from, self.work_to):
            edit.setDisplayFormat("HH:mm")
            _spin(edit)
        hours_row.addWidget(self.work_from)
        hours_row.addWidget(self.work_dash)
        hours_row.addWidget(self.work_to)
        hours_row.addStretch(1)
        self.labels["work_hours"] = self._row(form, hours_row)
        self.labels["work_hours"].setBuddy(self.work_from)
        self.day_boxes = [QCheckBox() for _ in WEEKDAYS]
        days_row = QHBoxLayout()
        days_row.setSpacing(6)
        for box in self.day_boxes:
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.labels["work_days"] = self._row(form, days_row)
        self.labels["work_days"].setBuddy(self.day_boxes[0])
        self.long_block = QDoubleSpinBox()
        self.long_block.setRange(0, 12)
        self.long_block.setDecimals(1)
        self.long_block.setSingleStep(0.5)
        self.labels["remind_long_block"] = self._row(form, _spin(self.long_block))

        self.groups["tray"], form = self._group(right)
        self.tray_click = QComboBox()
        for value in TRAY_CLICKS:
            self.tray_click.addItem("", value)
        self.labels["tray_click"] = self._row(form, self.tray_click)
        self.click_label = QCheckBox()
        form.addRow(self.click_label)
        self.language = QComboBox()
        for value in i18n.LANGUAGES:
            self.language.addItem("", value)
        self.labels["language"] = self._row(form, self.language)
        for combo in (self.tray_click, self.language):  # widths follow a language switch
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.login = QCheckBox()
        form.addRow(self.login)

        self._build_data(right)
        self.sync_group = SyncGroup(self.service, self._store)  # §16
        right.addWidget(self.sync_group)
        # issue 17: the team's own page (folder, name, what is shared, private labels)
        self.groups["team"], form = self._group(left)  # the shorter column
        self.team_info = WrapLabel()
        self.team_info.setObjectName("teamInfo")
        self.team_button = QPushButton()
        self.team_button.setAutoDefault(False)
        self.team_button.clicked.connect(self.team_settings_requested.emit)
        form.addRow(self.team_info)
        form.addRow(self.team_button)
        left.addStretch(1)
        right.addStretch(1)

        self.message = WrapLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)

    def _connect(self) -> None:
        self.target.valueChanged.connect(lambda v: self._store("target", f"{v}%"))
        self.day_start.valueChanged.connect(lambda v: self._store("day_start", str(v)))
        self.hours.valueChanged.connect(lambda v: self._store("disposable_hours", f"{v:g}"))
        self.eod_on.toggled.connect(self._store_end_of_day)
        self.eod_time.timeChanged.connect(self._store_end_of_day)
        self.away.valueChanged.connect(lambda v: self._store("away_minutes", str(v)))
        self.untracked.valueChanged.connect(lambda v: self._store("remind_untracked", str(v)))
        self.long_block.valueChanged.connect(lambda v: self._store("remind_long_block", f"{v:g}"))
        for edit in (self.work_from, self.work_to):
            edit.timeChanged.connect(self._store_work_hours)
        for box in self.day_boxes:
            box.toggled.connect(self._store_work_days)
        self.tray_click.currentIndexChanged.connect(
            lambda: self._store("tray_click", str(self.tray_click.currentData()))
        )
        self.language.currentIndexChanged.connect(
            lambda: self._store("language", str(self.language.currentData()))
        )
        self.click_label.toggled.connect(
            lambda on: self._store("click_label", "last" if on else "empty")
        )
        self.login.toggled.connect(lambda on: self._store("start_at_login", "on" if on else "off"))
        self._connect_data()

    def _retranslate(self) -> None:
        """Every visible text (again after a language change)."""
        self.setWindowTitle(self.tr("{0} — Settings").format(APP_TITLE))
        titles = {
            "tracking": self.tr("Tracking"),
            "end_of_day": self.tr("End of day"),
            "away": self.tr("Away from the desk"),
            "reminders": self.tr("Reminders"),
            "tray": self.tr("Tray and start-up"),
            "data": self.tr("Data"),
            "team": self.tr("Team"),
        }
        for key, title in titles.items():
            self.groups[key].setTitle(title)
        labels = {
            "target": self.tr("&Target growth ratio:"),
            "day_start": self.tr("Day &starts at:"),
            "disposable_hours": self.tr("&Disposable hours a day:"),
            "away_minutes": self.tr("&Away after no input for:"),
            "remind_untracked": self.tr("Remind when &nothing is tracked for:"),
            "work_hours": self.tr("&Work hours:"),
            "work_days": self.tr("Wor&k days:"),
            "remind_long_block": self.tr("Remind when one &block runs:"),
            "tray_click": self.tr("Tray &click:"),
            "language": self.tr("&Language:"),
            "folder": self.tr("Data folder:"),
        }
        for key, text in labels.items():
            self.labels[key].setText(text)
        self.target.setSuffix(" %")
        self.target.setToolTip(
            self.tr("Applies from today on; past days keep the target they had.")
        )
        self.day_start.setSuffix(":00")
        self.day_start.setToolTip(
            self.tr("Work after midnight and before this hour counts to the day before.")
        )
        self.hours.setSuffix(self.tr(" h"))
        self.hours.setToolTip(self.tr("Used for “tracked X of Y h” in the summary."))
        self.eod_on.setText(self.tr("Show the day's summary at the &end of the day:"))
        off = self.tr("Off")
        minutes, hours = self.tr(" min"), self.tr(" h")
        for spin, suffix in (
            (self.away, minutes),
            (self.untracked, minutes),
            (self.long_block, hours),
        ):
            spin.setSpecialValueText(off)
            spin.setSuffix(suffix)
        self.untracked.setToolTip(
            self.tr("Only inside work hours on work days, and only while you are at the computer.")
        )
        self.long_block.setToolTip(
            self.tr("Once at every multiple: 2 h, then 4 h, … of one block.")
        )
        locale = i18n.locale()
        for number, box in enumerate(self.day_boxes, start=1):
            box.setText(locale.dayName(number, QLocale.FormatType.ShortFormat))
        self.day_boxes[0].setAccessibleName(self.tr("Work days: Monday"))
        texts = {
            "toggle": self.tr("Switch task ⇄ growth"),
            "panel": self.tr("Open the quick panel"),
            "none": self.tr("Do nothing (menu only)"),
        }
        for index, value in enumerate(TRAY_CLICKS):
            self.tray_click.setItemText(index, texts[value])
        languages = {"system": self.tr("System default"), "ja": "日本語", "en": "English"}
        for index, value in enumerate(i18n.LANGUAGES):
            self.language.setItemText(index, languages[value])
        self.login.setText(self.tr("Start Growth Tracker when I log &in"))
        self.click_label.setText(self.tr("A click &reuses the last label"))
        self.click_label.setToolTip(
            self.tr(
                "Nothing running: a click continues the last block with its label. "
                "A switch takes the label the other kind had last. "
                "Off: clicks start blocks without a label."
            )
        )
        self._retranslate_data()
        self.team_button.setText(self.tr("Team sharin&g…"))
        self._show_team()
        self.close_button.setText(self.tr("Close"))
        self._show_idle_info()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.message.hide()  # said in the old language; never half of each
            # fit the new texts once the layouts have taken them in (every width changes)
            QTimer.singleShot(0, self, self.adjustSize)
        super().changeEvent(event)

    # -- values -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what is stored (also after the CLI changed a setting)."""
        values = self.service.settings()
        self._loading = True
        try:
            self.target.setValue(round(float(values["target"]) * 100))
            self.day_start.setValue(int(values["day_start"]))
            self.hours.setValue(float(values["disposable_hours"]))
            end = str(values["end_of_day"])
            self.eod_on.setChecked(end != "off")
            if end != "off":
                hour, minute = (int(x) for x in end.split(":"))
                self.eod_time.setTime(QTime(hour, minute))
            self.eod_time.setEnabled(end != "off")
            self.away.setValue(int(values["away_minutes"]))
            self.untracked.setValue(int(values["remind_untracked"]))
            self.long_block.setValue(float(values["remind_long_block"]))
            start, finish = values["work_hours"]
            self.work_from.setTime(_qtime(start))
            self.work_to.setTime(_qtime(finish))
            for number, box in enumerate(self.day_boxes):
                box.setChecked(number in values["work_days"])
            self._set_data(self.tray_click, values["tray_click"])
            self.click_label.setChecked(values["click_label"] == "last")
            self._set_data(self.language, values["language"])
            self.login.setChecked(values["start_at_login"] == "on")
            self.hotkeys.set_values(values)
            self.folder.setText(str(self.data_folder()))
            self.folder.setCursorPosition(0)
            self.sync_group.refresh()
            self._team = (str(values["team_name"]), str(values["team_folder"]))
            self._show_team()
        finally:
            self._loading = False

    def _show_team(self) -> None:
        """From what ``refresh`` read: a language change reads nothing."""
        name, folder = self._team
        if folder and name:
            self.team_info.setText(self.tr("Sharing as {0} in {1}").format(name, folder))
        else:
            self.team_info.setText(self.tr("Not sharing with a team."))

    @staticmethod
    def _set_data(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _store(self, key: str, text: str) -> bool:
        """Validate and store one setting now; a refusal shows inline, nothing is stored."""
        if self._loading:
            return False
        try:
            self.service.set_setting(key, text)
        except TrackerError as exc:
            self.show_message(self.tr("Not saved: {0}").format(describe(exc)), error=True)
            return False
        self.message.hide()
        self.settings_changed.emit()
        return True

    def _store_end_of_day(self) -> None:
        on = self.eod_on.isChecked()
        self.eod_time.setEnabled(on)
        self._store("end_of_day", _hhmm(self.eod_time.time()) if on else "off")

    def _store_work_hours(self) -> None:
        text = f"{_hhmm(self.work_from.time())}-{_hhmm(self.work_to.time())}"
        self._store("work_hours", text)

    def _store_work_days(self) -> None:
        days = [name for name, box in zip(WEEKDAYS, self.day_boxes, strict=True) if box.isChecked()]
        self._store("work_days", ",".join(days))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setProperty("error", error)
        self.message.show()
