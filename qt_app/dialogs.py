"""Small dialogs: a new unit, renaming and moving one, starting an assessment, the reason
for reopening one, and the settings. Each returns plain values; the window does the work.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.errors import KnownError
from models.periods import Period, parse_period, week_of
from models.text import fold
from models.vocabulary import ASSESSMENT_KINDS, UNIT_KINDS
from qt_app import settings as options
from qt_app.i18n import language, pick
from qt_app.settings import Settings


class _Dialog(QDialog):
    """A dialog whose OK and Cancel buttons speak the window's language."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.body = QVBoxLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Huỷ"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.body.addWidget(self.buttons)


@dataclass(frozen=True)
class NewUnit:
    name: str
    kind: str
    parent_id: uuid.UUID | None
    address: str
    contact_person: str
    phone: str


class NewUnitDialog(_Dialog):
    def __init__(
        self, parent_id: uuid.UUID | None, parent_name: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Thêm đơn vị"), self.tr("Thêm"), parent)
        self.setMinimumWidth(480)  # unit names are long ("HTX Nông nghiệp Quảng Lâm …")
        self._parent_id = parent_id
        form = QFormLayout()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for key, labels in UNIT_KINDS.items():
            self.kind.addItem(pick(labels), key)
        self.kind.setCurrentIndex(self.kind.findData("htx" if parent_id else "tinh"))
        self.under = QComboBox()
        self.under.addItem(self.tr("(cấp cao nhất)"), "")
        if parent_id is not None:
            self.under.addItem(parent_name or "", str(parent_id))
            self.under.setCurrentIndex(1)
        self.address, self.contact, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        form.addRow(self.tr("Tên đơn vị"), self.name)
        form.addRow(self.tr("Loại"), self.kind)
        form.addRow(self.tr("Trực thuộc"), self.under)
        form.addRow(self.tr("Địa chỉ"), self.address)
        form.addRow(self.tr("Người liên hệ"), self.contact)
        form.addRow(self.tr("Điện thoại"), self.phone)
        self.body.addLayout(form)
        self.finish_layout()
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.ok.setEnabled(False)

    def values(self) -> NewUnit:
        under = self.under.currentData()
        return NewUnit(
            self.name.text(),
            self.kind.currentData(),
            uuid.UUID(under) if under else None,
            self.address.text(),
            self.contact.text(),
            self.phone.text(),
        )


class RenameUnitDialog(_Dialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Đổi tên đơn vị"), self.tr("Đổi tên"), parent)
        self.name = QLineEdit(name)
        self.name.selectAll()
        self.body.addWidget(self.name)
        self.finish_layout()
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))

    def value(self) -> str:
        return self.name.text()


class MoveUnitDialog(_Dialog):
    """Pick the new parent among all units, searching without diacritics."""

    def __init__(
        self, name: str, candidates: list[tuple[uuid.UUID, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Chuyển đơn vị"), self.tr("Chuyển"), parent)
        self.body.addWidget(QLabel(self.tr("Chuyển “%1” vào:").replace("%1", name)))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị cấp trên"))
        self.list = QListWidget()
        top = QListWidgetItem(self.tr("(cấp cao nhất)"))
        top.setData(Qt.ItemDataRole.UserRole, "")
        self.list.addItem(top)
        for unit_id, unit_name in candidates:
            entry = QListWidgetItem(unit_name)
            entry.setData(Qt.ItemDataRole.UserRole, str(unit_id))
            self.list.addItem(entry)
        self._keys = [""] + [fold(n) for _i, n in candidates]
        self.list.setCurrentRow(0)
        self.body.addWidget(self.search)
        self.body.addWidget(self.list)
        self.finish_layout()
        self.search.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(420, 480)

    def _filter(self, text: str) -> None:
        key = fold(text)
        for row, item_key in enumerate(self._keys):
            self.list.item(row).setHidden(bool(key) and row > 0 and key not in item_key)

    def value(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        return uuid.UUID(value) if value else None


@dataclass(frozen=True)
class StartValues:
    version_id: uuid.UUID
    period: str
    kind: str
    assessor: str


class StartAssessmentDialog(_Dialog):
    """Checklist (latest published version), period, kind and assessor."""

    def __init__(
        self,
        unit_name: str,
        checklists: list[tuple[uuid.UUID, str]],
        assessor: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(self.tr("Bắt đầu đánh giá"), self.tr("Bắt đầu"), parent)
        self.body.addWidget(QLabel(f"<b>{unit_name}</b>"))
        form = QFormLayout()
        self.checklist = QComboBox()
        for version_id, label in checklists:
            self.checklist.addItem(label, str(version_id))
        self.period = QComboBox()
        self.period.setEditable(True)
        today = today or dt.date.today()
        this_week = week_of(today)
        for period in (this_week, week_of(today - dt.timedelta(days=7)), Period(today.isoformat())):
            self.period.addItem(period.label_en if language() == "en" else period.label)
        self.period_check = QLabel()
        self.kind = QComboBox()
        for key, labels in ASSESSMENT_KINDS.items():
            self.kind.addItem(pick(labels), key)
        self.assessor = QLineEdit(assessor)
        form.addRow(self.tr("Danh mục"), self.checklist)
        form.addRow(self.tr("Kỳ (ngày hoặc “Tuần 38/2021”)"), self.period)
        form.addRow("", self.period_check)
        form.addRow(self.tr("Hình thức"), self.kind)
        form.addRow(self.tr("Người đánh giá"), self.assessor)
        self.body.addLayout(form)
        self.finish_layout()
        self.period.editTextChanged.connect(self._check_period)
        self._check_period(self.period.currentText())
        self.ok.setEnabled(self.ok.isEnabled() and self.checklist.count() > 0)
        self.setMinimumWidth(560)

    def _check_period(self, text: str) -> None:
        try:
            period = parse_period(text)
        except KnownError as exc:
            self.period_check.setText(
                f"<span style='color:#c62828'>{exc.message(language())}</span>"
            )
            self.period_check.setWordWrap(True)
            self.ok.setEnabled(False)
            return
        label = period.label_en if language() == "en" else period.label
        self.period_check.setText(self.tr("Kỳ: %1").replace("%1", label))
        self.ok.setEnabled(self.checklist.count() > 0)

    def values(self) -> StartValues:
        return StartValues(
            uuid.UUID(self.checklist.currentData()),
            parse_period(self.period.currentText()).key,
            self.kind.currentData(),
            self.assessor.text(),
        )


class ReopenDialog(_Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Mở lại bài đánh giá"), self.tr("Mở lại"), parent)
        self.body.addWidget(
            QLabel(self.tr("Bài đánh giá đã nộp. Ghi lý do mở lại (được lưu vào nhật ký):"))
        )
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.body.addWidget(self.reason)
        self.finish_layout()
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )

    def value(self) -> str:
        return self.reason.toPlainText().strip()


class SettingsDialog(_Dialog):
    """The user's options; language and database take effect at the next start."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cài đặt"), self.tr("Lưu"), parent)
        self.settings = settings
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(settings.get(options.LANGUAGE)))
        self.text_size = QSpinBox()
        self.text_size.setRange(options.TEXT_SIZES.start, options.TEXT_SIZES.stop - 1)
        self.text_size.setSuffix(" pt")
        self.text_size.setValue(settings.get(options.TEXT_SIZE))
        self.database = QLineEdit(settings.get(options.DATABASE))
        self.database.setPlaceholderText(self.tr("(mặc định, trong thư mục dữ liệu)"))
        browse = QPushButton(self.tr("Chọn…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        self.user_name = QLineEdit(settings.get(options.USER_NAME))
        form.addRow(self.tr("Ngôn ngữ"), self.language)
        form.addRow(self.tr("Cỡ chữ"), self.text_size)
        form.addRow(self.tr("Tệp cơ sở dữ liệu"), row)
        form.addRow(self.tr("Tên người dùng"), self.user_name)
        self.body.addLayout(form)
        self.body.addWidget(
            QLabel(self.tr("Ngôn ngữ và tệp cơ sở dữ liệu có hiệu lực từ lần mở sau."))
        )
        self.finish_layout()
        self.setMinimumWidth(520)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Tệp cơ sở dữ liệu"),
            self.database.text(),
            self.tr("Cơ sở dữ liệu SQLite (*.sqlite3 *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.database.setText(name)

    def save(self) -> set[str]:
        """Store the choices; returns the keys of the options that changed."""
        changed = set()
        for option, value in (
            (options.LANGUAGE, self.language.currentData()),
            (options.TEXT_SIZE, self.text_size.value()),
            (options.DATABASE, self.database.text().strip()),
            (options.USER_NAME, self.user_name.text().strip()),
        ):
            if self.settings.get(option) != value:  # type: ignore[arg-type]
                self.settings.set(option, value)  # type: ignore[arg-type]
                changed.add(option.key)
        return changed
