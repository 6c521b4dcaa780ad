"""The directive's header under review: number, kind, issuer, date, subject, and the title the
checklist will carry. What the importer read is shown; what the reviewer types replaces it
when they leave a field (an empty field keeps what was read)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from models import directive_import as importer
from models.errors import InvalidInput


class DirectiveHeaderForm(QWidget):
    edited = Signal()  # a field was left after typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QLineEdit] = {}
        names = [
            ("number", self.tr("Số")),
            ("kind", self.tr("Loại")),
            ("issuer", self.tr("Cơ quan ban hành")),
            ("issued_on", self.tr("Ngày")),
            ("subject", self.tr("Trích yếu")),
            ("title", self.tr("Tên danh mục")),
        ]
        for position, (key, text) in enumerate(names):
            edit = QLineEdit()
            edit.editingFinished.connect(self.edited)
            self.fields[key] = edit
            grid.addWidget(QLabel(text), position // 2, (position % 2) * 2)
            grid.addWidget(edit, position // 2, (position % 2) * 2 + 1)

    def show_result(self, result: importer.ImportResult) -> None:
        d = result.directive
        values = {
            "number": d.number or "",
            "kind": d.kind,
            "issuer": d.issuer,
            "issued_on": d.issued_on.isoformat() if d.issued_on else d.date_note or "",
            "subject": d.subject,
            "title": result.title,
        }
        for key, value in values.items():
            self.fields[key].setText(value)

    def clear(self) -> None:
        for edit in self.fields.values():
            edit.clear()

    def apply_to(self, result: importer.ImportResult) -> None:
        """Write the fields into ``result``; a date that cannot be read changes nothing."""
        d = result.directive
        text = {key: " ".join(edit.text().split()) for key, edit in self.fields.items()}
        try:
            issued_on, date_note = parse_date(text["issued_on"], d.date_note)
        except ValueError:
            raise InvalidInput(
                "Ngày không hợp lệ; dùng dạng 28/9/2021 hoặc 2021-09-28.",
                "Invalid date; use 28/9/2021 or 2021-09-28.",
            ) from None
        d.issued_on, d.date_note = issued_on, date_note
        d.number = text["number"] or None
        d.kind = text["kind"] or d.kind
        d.issuer = text["issuer"] or d.issuer
        d.subject = text["subject"] or d.subject
        result.title = text["title"] or result.title


def parse_date(text: str, note: str | None) -> tuple[dt.date | None, str | None]:
    """ "28/9/2021" or "2021-09-28" is a date; other text is kept as a note; empty is unknown."""
    if not text:
        return None, None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date(), None
        except ValueError:
            continue
    if any(ch.isdigit() for ch in text) and "/" in text and len(text) <= 10:
        raise ValueError(text)
    return None, text or note
