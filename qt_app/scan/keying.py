"""Typing in a paper form, twice: the keying dialog.

One person keys the form (keys 1 2 3 0, - to leave a row empty, moving down as in the
answering table) and saves it as a keying; a second person keys the same form without
seeing the first. "Đối chiếu" then shows every item where the two differ side by side, a
person settles each against the paper, and "Chốt và ghi" writes the form once
(``reports.double_entry``). The keyers' error rates are shown below.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.errors import KnownError
from qt_app.i18n import language
from qt_app.messages import show_error
from qt_app.scan.review import KEYS
from qt_app.scan.rows_model import CHOICES, answer_text


class KeyingDialog(QDialog):
    def __init__(self, parent: QWidget | None, database: Database, editor: Any) -> None:
        super().__init__(parent)
        self.database, self.editor = database, editor
        self.codes: list[str] = []
        self.setWindowTitle(self.tr("Nhập phiếu giấy (hai lần)"))
        self.resize(900, 640)
        self.unit, self.checklist = QComboBox(), QComboBox()
        self.period = QLineEdit()
        self.period.setPlaceholderText(self.tr("Tuần 38/2021"))
        self.keyer = QLineEdit(editor.name)
        form = QFormLayout()
        form.addRow(self.tr("Đơn vị:"), self.unit)
        form.addRow(self.tr("Danh mục:"), self.checklist)
        form.addRow(self.tr("Kỳ báo cáo:"), self.period)
        form.addRow(self.tr("Người nhập:"), self.keyer)
        self.items = QTableWidget(0, 3)
        self.items.setHorizontalHeaderLabels(
            [self.tr("Mục"), self.tr("Yêu cầu"), self.tr("Trả lời")]
        )
        self.items.horizontalHeader().setStretchLastSection(True)
        self.items.installEventFilter(self)
        self.differences = QTableWidget(0, 4)
        self.differences.setHorizontalHeaderLabels(
            [self.tr("Mục"), self.tr("Lần 1"), self.tr("Lần 2"), self.tr("Chốt")]
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.rates = QLabel()
        save = QPushButton(self.tr("Lưu lần nhập"))
        save.clicked.connect(self.save)
        compare = QPushButton(self.tr("Đối chiếu"))
        compare.clicked.connect(self.compare)
        self.resolve_button = QPushButton(self.tr("Chốt và ghi"))
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self.resolve)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (save, compare, self.resolve_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.items, 3)
        layout.addWidget(self.differences, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.rates)
        layout.addLayout(buttons)
        self.checklist.currentIndexChanged.connect(self._load_items)
        self._fill_choices()
        self._show_rates()

    def _fill_choices(self) -> None:
        from models.catalog import latest_versions
        from models.queries.units import unit_rows

        with self.database.session() as session:
            for unit in sorted(unit_rows(session), key=lambda u: u.name):
                self.unit.addItem(unit.name, str(unit.id))
            for version in latest_versions(session):
                self.checklist.addItem(
                    f"{version.checklist.slug} v{version.version}", str(version.id)
                )

    def _load_items(self) -> None:
        from models.queries.items import version_items

        version_id = self.checklist.currentData()
        if version_id is None:
            return
        with self.database.session() as session:
            rows = version_items(session, uuid.UUID(version_id))
        self.codes = [row.code for row in rows]
        self.items.setRowCount(len(rows))
        for number, row in enumerate(rows):
            self.items.setItem(number, 0, QTableWidgetItem(row.code))
            self.items.setItem(number, 1, QTableWidgetItem(row.requirement))
            answer = QTableWidgetItem(answer_text(None))
            answer.setData(Qt.ItemDataRole.UserRole, None)
            self.items.setItem(number, 2, answer)
        self.items.setCurrentCell(0, 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.items and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            choice = KEYS.get(event.text())
            if choice is not None:
                row = self.items.currentRow()
                if row >= 0:
                    cell = self.items.item(row, 2)
                    cell.setText(answer_text(CHOICES[choice]))
                    cell.setData(Qt.ItemDataRole.UserRole, CHOICES[choice])
                    self.items.setCurrentCell(min(row + 1, self.items.rowCount() - 1), 2)
                return True
        return super().eventFilter(watched, event)

    def key(self) -> Any:
        from models.keying import FormKey
        from models.periods import parse_period

        return FormKey(
            uuid.UUID(str(self.unit.currentData())),
            uuid.UUID(str(self.checklist.currentData())),
            parse_period(self.period.text()).key,
        )

    def keyed(self) -> dict[str, str | None]:
        return {
            code: self.items.item(number, 2).data(Qt.ItemDataRole.UserRole)
            for number, code in enumerate(self.codes)
        }

    def save(self) -> None:
        from models.keying import open_keyings, record_keying

        try:
            with self.database.session() as session:
                key = self.key()
                record_keying(session, self.editor, key, self.keyer.text(), self.keyed())
                count = len(open_keyings(session, key))
        except KnownError as exc:
            show_error(self, exc.message(language()))
            return
        self._load_items()  # the next person starts from an empty form
        self.status.setText(
            self.tr("Đã lưu lần nhập %1 của phiếu này.").replace("%1", str(count))
            + (" " + self.tr("Người thứ hai hãy nhập lại phiếu.") if count == 1 else "")
        )

    def compare(self) -> None:
        from models.keying import compare

        try:
            with self.database.session() as session:
                differences = compare(session, self.key())
        except KnownError as exc:
            show_error(self, exc.message(language()))
            return
        self.differences.setRowCount(len(differences))
        for number, difference in enumerate(differences):
            self.differences.setItem(number, 0, QTableWidgetItem(difference.code))
            self.differences.setItem(number, 1, QTableWidgetItem(answer_text(difference.first)))
            self.differences.setItem(number, 2, QTableWidgetItem(answer_text(difference.second)))
            choose = QComboBox()
            choose.addItem(self.tr("— xem phiếu giấy —"), "?")
            for choice in CHOICES:
                choose.addItem(answer_text(choice), choice)
            choose.currentIndexChanged.connect(self._settled)
            self.differences.setCellWidget(number, 3, choose)
        self.status.setText(
            self.tr("%1 mục hai lần nhập khác nhau.").replace("%1", str(len(differences)))
        )
        self._settled()

    def decisions(self) -> dict[str, str | None] | None:
        """The settled differences, or None while one is still open."""
        chosen: dict[str, str | None] = {}
        for number in range(self.differences.rowCount()):
            combo = self.differences.cellWidget(number, 3)
            assert isinstance(combo, QComboBox)
            if combo.currentData() == "?":
                return None
            chosen[self.differences.item(number, 0).text()] = combo.currentData()
        return chosen

    def _settled(self, *_: Any) -> None:
        self.resolve_button.setEnabled(self.decisions() is not None)

    def resolve(self) -> None:
        from reports.double_entry import apply_keyings
        from reports.form_import import FormRejected

        decisions = self.decisions()
        if decisions is None:
            return
        try:
            report = apply_keyings(self.database, self.editor, self.key(), decisions)
        except FormRejected as exc:
            self.status.setText("\n".join(p.text(language()) for p in exc.report.problems))
            return
        except KnownError as exc:
            show_error(self, exc.message(language()))
            return
        self.differences.setRowCount(0)
        self.resolve_button.setEnabled(False)
        self.status.setText(
            self.tr("Đã chốt và ghi %1 thay đổi.").replace("%1", str(len(report.changes)))
        )
        self._show_rates()

    def _show_rates(self) -> None:
        from models.keying import keyer_rates

        with self.database.session() as session:
            rates = keyer_rates(session)
        self.rates.setText(
            self.tr("Tỉ lệ nhập sai: ")
            + "; ".join(f"{r.keyer} {100 * r.rate:.1f}% ({r.errors}/{r.items})" for r in rates)
            if rates
            else ""
        )


def open_keying(window: Any) -> KeyingDialog:
    from qt_app.cli.common import editor as cli_editor

    editor = window.editor() if hasattr(window, "editor") else cli_editor(window.database)
    dialog = KeyingDialog(window, window.database, editor)
    dialog.exec()
    return dialog
