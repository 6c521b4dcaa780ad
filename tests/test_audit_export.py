"""The audit trail: the item pane's history, the assessment's history dialog, and the
workbook it writes (read back by openpyxl and by LibreOffice), also from the command line."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from models.audit import Editor
from models.db import Database
from models.queries.audit import value_text
from models.services import assessments as service
from models.services.answers import record_answer
from models.services.notes_and_actions import set_note
from qt_app.cli import main as kiemtra
from qt_app.history import views as history_ui
from qt_app.history.views import ACTION, CHANGE, REASON, WHO, AssessmentHistoryDialog
from reports.xlsx_audit import TITLES, write_audit_xlsx
from tests.readers import soffice
from tests.window_support import Boxes, Seeded

HOSTILE_NOTE = '=HYPERLINK("http://x";"bấm")'
HOSTILE_REASON = "=1+1"


def changes(database: Database, editor: Editor, seeded: Seeded) -> None:
    """Two answers to the first item, a formula-like note, submitted and reopened."""
    first = seeded.items[0]
    with database.session() as session:
        record_answer(session, editor, seeded.assessment, first, "dat")
    with database.session() as session:
        record_answer(session, editor, seeded.assessment, first, "chua-dat")
    with database.session() as session:
        set_note(session, editor, seeded.assessment, first, HOSTILE_NOTE)
    with database.session() as session:
        service.submit_assessment(session, editor, seeded.assessment)
    with database.session() as session:
        service.reopen_assessment(session, editor, seeded.assessment, HOSTILE_REASON)


def test_item_history_shows_old_and_new_values(
    qtbot: Any, window: Any, database: Database, seeded: Seeded
) -> None:
    table = window.assessment_view.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_1)  # Đạt, and the table moves on (to 5.1)
    window.assessment_view.select_source_row(0)
    qtbot.keyClick(table, Qt.Key.Key_2)  # Chưa đạt
    window.assessment_view.select_source_row(0)
    pane = window.pane
    assert pane.item_id() == seeded.items[0]
    assert pane.history.history.rowCount() == 0  # read only when its tab is shown
    pane.bottom.setCurrentWidget(pane.history)
    model = pane.history.history
    assert model.rowCount() == 2
    assert model.text(0, CHANGE) == "Đạt → Chưa đạt"  # newest first
    assert model.text(1, CHANGE) == "— → Đạt"
    assert model.text(0, ACTION) == "Trả lời" and model.text(0, WHO) == window.editor().name
    assert pane.history.isColumnHidden(history_ui.CODE)
    qtbot.keyClick(table, Qt.Key.Key_3)  # a new change while the history is shown
    window.assessment_view.select_source_row(0)
    assert model.rowCount() == 3 and model.text(0, CHANGE) == "Chưa đạt → Đạt một phần"
    qtbot.keyClick(table, Qt.Key.Key_Down)  # another item: its own, empty history
    assert model.rowCount() == 0


def test_assessment_history_dialog_exports_to_excel(
    qtbot: Any,
    window: Any,
    database: Database,
    editor: Editor,
    seeded: Seeded,
    boxes: Boxes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    changes(database, editor, seeded)
    target = tmp_path / "lich-su"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[AssessmentHistoryDialog] = []

    def exec_(dialog: AssessmentHistoryDialog) -> int:
        shown.append(dialog)
        dialog.export_button.click()
        return 1

    monkeypatch.setattr(AssessmentHistoryDialog, "exec", exec_)
    assert window.history_action.isEnabled()
    window.history_action.trigger()
    dialog = shown[0]
    model = dialog.table.history
    assert model.rowCount() == 6  # started, two answers, a note, submitted, reopened
    assert model.text(0, ACTION) == "Mở lại" and model.text(0, REASON) == HOSTILE_REASON
    assert not dialog.table.isColumnHidden(history_ui.CODE)
    written = target.with_name("lich-su.xlsx")
    assert dialog.written == written and str(written) in boxes.texts[-1]
    rows = list(load_workbook(written).active.iter_rows(values_only=True))
    assert list(rows[0]) == TITLES and len(rows) == 7
    reopen = rows[-1]
    assert reopen[3] == "Mở lại" and reopen[9] == HOSTILE_REASON
    assert rows[3][6] == "1" and (rows[3][7], rows[3][8]) == ("Đạt", "Chưa đạt")


@pytest.mark.libreoffice
def test_audit_workbook_read_by_libreoffice_keeps_formulas_as_text(
    database: Database, editor: Editor, seeded: Seeded, tmp_path: Path
) -> None:
    changes(database, editor, seeded)
    path = tmp_path / "nhat-ky.xlsx"
    with database.session() as session:
        write_audit_xlsx(session, path, assessment_id=seeded.assessment)
    sheet = load_workbook(path).active
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row}
    assert cells[HOSTILE_REASON] == "s" and cells[HOSTILE_NOTE] == "s"
    (table,) = soffice([path], tmp_path / "lo-csv", "csv:Text - txt - csv (StarCalc):44,34,76,1")
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == TITLES and len(rows) == 7
    by_action = {row[3]: row for row in rows[1:]}
    assert by_action["Mở lại"][9] == HOSTILE_REASON  # not "2"
    assert by_action["Ghi chú"][8] == HOSTILE_NOTE
    assert by_action["Nộp"][7:9] == ["Đang làm", "Đã nộp"]
    assert by_action["Bắt đầu"][4:6] == ["HTX Nông nghiệp Đồng Tâm", "Tuần 38/2021"]
    assert all(row[1] == editor.name and row[2] == "test-pc" for row in rows[1:])
    day, time = rows[1][0].split(" ")
    assert len(day.split("/")) == 3 and len(time.split(":")) == 3  # a date-time, dd/mm/yyyy


def test_audit_export_command(
    database: Database,
    editor: Editor,
    seeded: Seeded,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    changes(database, editor, seeded)
    one, every = tmp_path / "mot.xlsx", tmp_path / "tat-ca.xlsx"
    assert (
        kiemtra(
            [
                "--db",
                str(db_path),
                "audit",
                "export",
                "--assessment",
                str(seeded.assessment),
                "-o",
                str(one),
            ]
        )
        == 0
    )
    assert kiemtra(["--db", str(db_path), "audit", "export", "-o", str(every)]) == 0
    assert str(one) in capsys.readouterr().out
    assessment_rows = list(load_workbook(one).active.iter_rows(values_only=True))
    all_rows = list(load_workbook(every).active.iter_rows(values_only=True))
    assert len(assessment_rows) == 7
    assert len(all_rows) == 7 + 2  # and the two units created
    assert {row[4] for row in all_rows[1:]} >= {"Tỉnh Quảng Ninh", "HTX Nông nghiệp Đồng Tâm"}
    assert (
        kiemtra(
            [
                "--db",
                str(db_path),
                "audit",
                "export",
                "--assessment",
                "khong-phai-ma",
                "-o",
                str(one),
            ]
        )
        == 1
    )
    assert (
        kiemtra(["--db", str(db_path), "audit", "export", "-o", str(tmp_path / "nhat-ky.csv")]) == 1
    )
    assert ".xlsx" in capsys.readouterr().err


def test_values_are_worded_for_people() -> None:
    assert value_text(None) == "—" and value_text("khong-ap-dung") == "Không áp dụng"
    assert value_text("dat", "en") == "Compliant"
    action = {"what": "Mua khẩu trang", "who": "Chị Hà", "due_on": "2021-10-05", "done_on": None}
    assert value_text(action) == "việc: Mua khẩu trang; người: Chị Hà; hạn: 05/10/2021"
    assert value_text({"file_name": "anh.jpg", "sha256": "ab"}) == "anh.jpg"
    assert value_text({"field": "status", "theirs": "dat"}, "en") == "answer: Compliant"
    assert value_text({"period": "2021-W38", "unit_id": "x"}) == "kỳ: Tuần 38/2021"
    assert value_text(True) == "có"
