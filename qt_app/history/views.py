"""The audit trail in the window: the selected item's history in the item pane, and the
whole assessment's history in a dialog that can write it to an Excel workbook.

The entries come from ``models.queries.audit.audit_lines`` (the same lines the workbook and
``kiemtra audit export`` write), so the window, the file and the command always agree.
"""

from __future__ import annotations

import logging
import uuid
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.errors import KnownError
from models.queries.audit import AuditLine, action_label, audit_lines, value_text
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language
from qt_app.messages import Saver, known_error_text, show_error, show_info
from qt_app.save_file import ask_path
from qt_app.tables import RowTable
from qt_app.tasks import run_task

if TYPE_CHECKING:
    from models.queries.assessments import Header
    from qt_app.answering.item_pane import ItemPane

log = logging.getLogger(__name__)
# What changed comes before who changed it: in the narrow item pane it must be in sight.
WHEN, CODE, ACTION, CHANGE, WHO, DEVICE, REASON = range(7)


def read_history(
    database: Database, assessment_id: uuid.UUID, item_id: uuid.UUID | None = None
) -> list[AuditLine]:
    """One assessment's entries (or one item's in it), oldest first, as plain values."""
    with database.session() as session:
        return list(audit_lines(session, assessment_id=assessment_id, item_id=item_id))


def _write_job(database: Database, path: Path, assessment_id: uuid.UUID) -> Path:
    from reports.xlsx_audit import write_audit_xlsx

    with database.session() as session:
        return write_audit_xlsx(session, path, assessment_id=assessment_id)


class HistoryModel(RowTable):
    """Audit lines, newest first, worded in the window's language (each cell's whole text
    in its tool tip: the item pane is narrow)."""

    def headers(self) -> list[str]:
        return [
            self.tr("Thời điểm"),
            self.tr("Mục"),
            self.tr("Thao tác"),
            self.tr("Cũ → mới"),
            self.tr("Người"),
            self.tr("Thiết bị"),
            self.tr("Lý do"),
        ]

    def load(self, lines: list[AuditLine]) -> None:
        lang = language()
        super().load(
            [
                (
                    line.at.astimezone().strftime("%d/%m/%Y %H:%M:%S"),
                    line.code,
                    action_label(line.action, lang),
                    f"{value_text(line.old, lang)} → {value_text(line.new, lang)}",
                    line.actor,
                    line.device,
                    line.reason,
                )
                for line in reversed(lines)
            ]
        )

    def display(self, row: tuple[str, ...], column: int) -> str:
        return row[column]

    def other(self, row: tuple[str, ...], column: int, role: int) -> object:
        return row[column] if role == Qt.ItemDataRole.ToolTipRole else None

    def text(self, row: int, column: int) -> str:
        return self.rows[row][column]


class HistoryTable(QTableView):
    """A read-only table of audit lines; the item pane hides the item-code column."""

    def __init__(self, *, with_code: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = HistoryModel(self)
        self.setModel(self.history)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnHidden(CODE, not with_code)

    def load(self, lines: list[AuditLine]) -> None:
        self.history.load(lines)


class ItemHistory(QObject):
    """Fills the item pane's history when it is shown, and again after every saved change."""

    def __init__(self, saver: Saver, pane: ItemPane, assessment: Any) -> None:
        super().__init__(pane)
        self.saver, self.pane = saver, pane
        self._assessment = assessment  # returns the open assessment's id, or None
        pane.history_wanted.connect(self.refresh)
        saver.saved.connect(
            lambda _at: self.refresh(pane.item_id()) if pane.history_shown() else None
        )

    def refresh(self, item_id: uuid.UUID | None) -> None:
        assessment_id = self._assessment()
        if item_id is None or assessment_id is None:
            self.pane.show_history([])
            return
        self.pane.show_history(read_history(self.saver.database, assessment_id, item_id))


class AssessmentHistoryDialog(QDialog):
    """Every change to one assessment, newest first, and "Xuất Excel…" to keep it."""

    def __init__(
        self, parent: QWidget | None, database: Database, assessment_id: uuid.UUID, title: str = ""
    ) -> None:
        super().__init__(parent)
        self.database, self.assessment_id = database, assessment_id
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Lịch sử bài đánh giá"))
        self.resize(980, 520)
        self.heading = QLabel(title)
        self.heading.setWordWrap(True)
        self.table = HistoryTable(with_code=True)
        self.status = QLabel()
        self.export_button = QPushButton(self.tr("Xuất Excel…"))
        self.export_button.clicked.connect(self.choose_file)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        lines = read_history(database, assessment_id)
        self.table.load(lines)
        self.status.setText(self.tr("%n thay đổi", "", len(lines)))

    def choose_file(self) -> None:
        path = ask_path(self, "lich-su.xlsx", (".xlsx",), self.tr("Xuất lịch sử ra Excel"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the workbook in the background; say where it went, or why it did not."""
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Đang xuất…"))
        run_task(
            _write_job,
            self.database,
            path,
            self.assessment_id,
            done=self._written,
            failed=self._failed,
        )

    def _written(self, path: Path) -> None:
        self.written = path
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Đã ghi %1").replace("%1", str(path)))
        show_info(self, self.tr("Đã xuất lịch sử ra %1").replace("%1", str(path)))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.status.clear()
        if not isinstance(exc, KnownError):
            log.error("audit export failed", exc_info=exc)
            show_error(self, self.tr("Lỗi không mong đợi khi xuất: %1").replace("%1", str(exc)))
            return
        show_error(self, known_error_text(exc))


def show_assessment_history(
    parent: QWidget | None, database: Database, header: Header | None
) -> AssessmentHistoryDialog | None:
    """The history of the assessment ``header`` describes (the window's "Lịch sử bài đánh
    giá…"), titled with its unit, checklist and period."""
    if header is None:
        return None
    from qt_app.answering.view import period_label

    title = (
        f"<b>{escape(header.unit_name)}</b> — {escape(header.checklist_title)} — "
        f"{escape(period_label(header.period))}"
    )
    dialog = AssessmentHistoryDialog(parent, database, header.id, title)
    dialog.exec()
    return dialog
