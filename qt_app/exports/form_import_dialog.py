"""Import a filled-in Excel form: choose it, see what it would change (nothing is written
until then), and apply it, keeping the office's answer where both changed unless told.

The checking and the writing are ``reports.form_import``; this module only presents.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.db import Database
from models.errors import KnownError
from qt_app.i18n import language
from qt_app.messages import show_error

if TYPE_CHECKING:
    from reports.form_import import FormReport


class ImportFormDialog(QDialog):
    """Choose a filled-in form, read what it would change, then apply it (or not)."""

    imported = Signal(str)

    def __init__(self, parent: QWidget | None, database: Database) -> None:
        super().__init__(parent)
        self.database = database
        self.path: Path | None = None
        self.report: FormReport | None = None
        self.setWindowTitle(self.tr("Nhập phiếu Excel"))
        self.resize(720, 480)
        self.file_label = QLabel(self.tr("Chưa chọn tệp."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("Chọn tệp…"))
        choose.clicked.connect(self._choose)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        # An answer the office changed after the form was made is kept unless this is ticked.
        self.take_form = QCheckBox(self.tr("Ở các mục xung đột, lấy bản của phiếu"))
        self.take_form.setVisible(False)
        self.apply_button = QPushButton(self.tr("Nhập vào cơ sở dữ liệu"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_form)
        buttons.addStretch()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn phiếu Excel đã điền"), "", "Excel (*.xlsx)"
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Check the form (nothing is written) and show what importing it would do."""
        from reports.form_import import check_form

        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.report = report = check_form(self.database, self.path)
        self.details.setPlainText(self._describe(report, applied=False))
        self.take_form.setVisible(bool(report.conflicts))
        self.apply_button.setEnabled(report.ok and bool(report.changes or report.conflicts))

    def apply(self) -> None:
        from qt_app.cli.common import editor
        from reports.form_import import FormRejected, apply_form

        if self.path is None:
            return
        # The window knows the user's name (setting "Tên người dùng"); the command line does not.
        owner = self.parent()
        editor = owner.editor() if hasattr(owner, "editor") else editor(self.database)
        try:
            prefer = "form" if self.take_form.isChecked() else "office"
            report = apply_form(self.database, self.path, editor, prefer=prefer)
        except FormRejected as exc:
            report = exc.report
        except KnownError as exc:
            show_error(self, exc.message(language()))
            return
        self.report = report
        self.apply_button.setEnabled(False)
        self.details.setPlainText(self._describe(report, applied=True))
        if report.applied and report.assessment_id:
            self.imported.emit(report.assessment_id)

    def _describe(self, report: FormReport, *, applied: bool) -> str:
        lang = language()
        lines: list[str] = []
        if report.problems:
            lines.append(self.tr("Phiếu có lỗi; không có gì được ghi:"))
            lines += [f"  • {problem.text(lang)}" for problem in report.problems]
            return "\n".join(lines)
        lines.append(f"{report.checklist} v{report.version} — {report.unit} — {report.period}")
        if applied and report.applied:
            lines.append(self.tr("Đã nhập %n thay đổi.", "", len(report.changes)))
        elif not report.changes:
            lines.append(self.tr("Phiếu không thay đổi gì so với dữ liệu hiện có."))
        else:
            lines.append(self.tr("Sẽ thay đổi %n mục:", "", len(report.changes)))
        labels = {"answer": self.tr("trả lời"), "note": self.tr("ghi chú")}
        row_word, office_word, form_word = self.tr("dòng"), self.tr("văn phòng"), self.tr("phiếu")
        for change in report.changes:
            lines.append(
                f"  {row_word} {change.row}  {change.code:<6} "
                f"{labels[change.field]}: {_answer(change.old)} → {_answer(change.new)}"
            )
        if report.conflicts:
            lines.append(
                self.tr(
                    "%n mục văn phòng đã sửa sau khi lập phiếu (xung đột); giữ bản của văn "
                    "phòng trừ khi chọn lấy bản của phiếu:",
                    "",
                    len(report.conflicts),
                )
            )
        kept = {"office": self.tr("giữ của văn phòng"), "form": self.tr("lấy của phiếu")}
        for conflict in report.conflicts:
            lines.append(
                f"  {row_word} {conflict.row}  {conflict.code:<6} "
                f"{labels[conflict.field]}: {office_word} {_answer(conflict.office)}"
                f" | {form_word} {_answer(conflict.form)}"
                + (f" → {kept[conflict.kept]}" if applied and report.applied else "")
            )
        lines.append(
            self.tr("Không đổi: %1; bỏ trống: %2.")
            .replace("%1", str(report.unchanged))
            .replace("%2", str(report.blank))
        )
        return "\n".join(lines)


def _answer(value: str | None) -> str:
    from models.vocabulary import ANSWER_STATUSES, label_of

    return "·" if value is None else label_of(ANSWER_STATUSES, value, language())
