"""Printing the inspection record (biên bản kiểm tra) at the end of an inspection.

What the record needs beyond the inspection itself (where, who was present, the unit's
remarks) is asked in a small dialog; the document is the same one `kiemtra export record`
writes, as PDF to sign on the spot or as Word to edit first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from models.db import Database
from models.queries.assessments import Header
from qt_app.dialogs import FormDialog
from qt_app.save_file import save_file

if TYPE_CHECKING:
    from qt_app.answering.controller import Answering
    from reports.inspection_record import RecordDetails


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class RecordDialog(FormDialog):
    """Place, team, the unit's representatives, recorder and remarks; blank is allowed
    (the record leaves dotted lines to write on by hand)."""

    def __init__(self, header: Header, parent: QWidget | None) -> None:
        super().__init__(self.tr("Biên bản kiểm tra"), self.tr("Lưu biên bản…"), parent)
        form = QFormLayout()
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Ví dụ: Trụ sở hợp tác xã"))
        self.team = QPlainTextEdit(header.assessor or "")
        self.team.setToolTip(self.tr("Mỗi dòng một người, trưởng đoàn trước"))
        self.representatives = QPlainTextEdit()
        self.representatives.setToolTip(self.tr("Mỗi dòng một người: họ tên — chức vụ"))
        self.recorder = QLineEdit()
        self.remarks = QPlainTextEdit()
        line = self.fontMetrics().lineSpacing()
        for edit in (self.team, self.representatives, self.remarks):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(line * 3 + 12)
        form.addRow(self.tr("Địa điểm:"), self.place)
        form.addRow(self.tr("Đoàn kiểm tra:"), self.team)
        form.addRow(self.tr("Đại diện đơn vị:"), self.representatives)
        form.addRow(self.tr("Người ghi biên bản:"), self.recorder)
        form.addRow(self.tr("Ý kiến của đơn vị:"), self.remarks)
        unit = QLabel(self.tr("Đơn vị: %1").replace("%1", header.unit_name))
        unit.setWordWrap(True)
        self.body.addWidget(unit)
        self.body.addLayout(form)
        self.finish_layout()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def details(self) -> RecordDetails:
        from reports.inspection_record import RecordDetails

        return RecordDetails(
            self.place.text(),
            _lines(self.team),
            _lines(self.representatives),
            self.recorder.text(),
            self.remarks.toPlainText(),
        )


def save_record(
    parent: QWidget, database: Database, header: Header, details: RecordDetails
) -> Path | None:
    """Ask where, then write the record as PDF or Word by the name's ending."""

    def write(path: Path) -> None:
        with database.session() as session:
            if path.suffix.lower() == ".pdf":
                from reports.pdf_record import write_record_pdf

                write_record_pdf(session, header.id, path, details)
            else:
                from reports.docx_record import write_record_docx

                write_record_docx(session, header.id, path, details)

    title = QCoreApplication.translate("RecordDialog", "Lưu biên bản kiểm tra")
    return save_file(parent, "bien-ban-kiem-tra.pdf", (".pdf", ".docx"), write, title)


def print_record(parent: QWidget, database: Database, header: Header | None) -> Path | None:
    """The open inspection's record: details asked, then saved where the user says."""
    if header is None or header.kind != "kiem-tra":
        return None
    dialog = RecordDialog(header, parent)
    if not dialog.exec():
        return None
    return save_record(parent, database, header, dialog.details())


def offer_record(parent: QWidget, database: Database, header: Header | None) -> Path | None:
    """Right after an inspection is submitted, while the unit's people are still there:
    "In biên bản kiểm tra?" Yes (the default) opens the record's dialog; No or Esc leaves
    it for the assessment menu later."""
    if header is None or header.kind != "kiem-tra":
        return None
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("RecordDialog", "Biên bản kiểm tra"),
        QCoreApplication.translate("RecordDialog", "Đã nộp bài kiểm tra. In biên bản kiểm tra?"),
        parent=parent,
    )
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box.addButton(yes).setText(QCoreApplication.translate("RecordDialog", "In biên bản…"))
    box.addButton(no).setText(QCoreApplication.translate("RecordDialog", "Không"))
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    answer = box.exec()
    if answer != yes and answer != yes.value:
        return None
    return print_record(parent, database, header)


def add_record_action(parent: QWidget, menu: QMenu, answering: Answering) -> QAction:
    """The assessment menu's "In biên bản kiểm tra…", enabled while an inspection is open."""
    action = QAction(QCoreApplication.translate("RecordDialog", "In biên bản kiểm tra…"), parent)
    action.setToolTip(
        QCoreApplication.translate(
            "RecordDialog", "Biên bản kiểm tra của bài kiểm tra đang mở (PDF hoặc Word)"
        )
    )
    action.triggered.connect(
        lambda _checked=False: print_record(parent, answering.saver.database, answering.header)
    )
    menu.addAction(action)

    def follow(_assessment: object) -> None:
        header = answering.header
        action.setEnabled(header is not None and header.kind == "kiem-tra")

    answering.opened.connect(follow)
    follow(None)
    return action
