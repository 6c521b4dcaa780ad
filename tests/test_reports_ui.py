"""The report dialogs driven through their widgets: export the current assessment, export a
round in the background with progress and Cancel, import a form after seeing its report."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from models.catalog import get_version
from models.demo import generate_demo
from models.entities import Answer, Assessment
from models.services import assessments as svc
from models.services.answers import record_answer
from models.services.units import create_unit
from qt_app.exports.assessment import export_assessment
from qt_app.exports.batch_dialog import BatchExportDialog
from qt_app.exports.form_import_dialog import ImportFormDialog
from qt_app.tasks import ImmediateRunner, ThreadRunner, set_runner
from reports.batch import safe_name
from reports.rows import form_spec
from reports.xlsx_form import FIRST_ITEM_ROW, FORM_SHEET, write_form_xlsx


@pytest.fixture(autouse=True)
def immediate() -> Iterator[None]:
    old = set_runner(ImmediateRunner())
    yield
    set_runner(old)


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture
def demo(database: Any) -> int:
    generate_demo(database, units=8, seed=11)
    with database.session() as session:
        return session.scalar(
            select(func.count()).select_from(Assessment).where(Assessment.period == "2021-W38")
        )


def choose_round(dialog: BatchExportDialog, key: str) -> None:
    dialog.period.setCurrentIndex(dialog.period.findData(key))


def test_export_current_assessment(
    qtbot: Any, database: Any, editor: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.session() as session:
        unit = create_unit(session, editor, "HTX Chè Đường Hoa", "htx")
        version = get_version(session, "451-cv-lmhtx-2021")
        aid = svc.start_assessment(session, editor, unit, version.id, "Tuần 38/2021")
        record_answer(session, editor, aid, version.items[0].id, "chua-dat")
    answers = iter(
        [
            (str(tmp_path / "bao-cao.pdf"), "PDF (*.pdf)"),
            (str(tmp_path / "bang"), "Excel (*.xlsx)"),
            ("", ""),
        ]
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    pdf = export_assessment(None, database, aid)
    assert pdf == tmp_path / "bao-cao.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "HTX Chè Đường Hoa" in text and "Chưa đạt" in text
    xlsx = export_assessment(None, database, str(aid))
    assert xlsx == tmp_path / "bang.xlsx" and load_workbook(xlsx).sheetnames == ["Đánh giá"]
    assert export_assessment(None, database, aid) is None  # the user cancelled the dialog


def test_batch_export_writes_one_file_per_assessment(
    qtbot: Any, database: Any, demo: int, tmp_path: Path
) -> None:
    dialog = BatchExportDialog(None, database)
    qtbot.addWidget(dialog)
    choose_round(dialog, "2021-W38")
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.target.setText(str(tmp_path))
    with qtbot.waitSignal(dialog.finished_job):
        qtbot.mouseClick(dialog.start_button, reports_ui_left())
    files = sorted(tmp_path.glob("*.pdf"))
    assert len(files) == demo > 0
    assert all("2021-W38" in f.name for f in files)
    assert dialog.bar.value() == dialog.bar.maximum()
    assert dialog.status.text().startswith("Xong")
    assert dialog.start_button.isEnabled() and dialog.cancel_button.text() == "Đóng"


def test_batch_export_lists_the_units_it_could_not_write(
    qtbot: Any, database: Any, demo: int, tmp_path: Path
) -> None:
    """One unit's file cannot be made (a folder stands where it must go): every other file is
    written, and the dialog names that unit and says why."""
    from models.queries.assessments import list_assessments

    with database.session() as session:
        line = list_assessments(session, period="2021-W38")[0]
    (tmp_path / f"{safe_name(f'{line.unit} - 2021-W38 - {line.checklist}')}.pdf").mkdir()
    dialog = BatchExportDialog(None, database)
    qtbot.addWidget(dialog)
    choose_round(dialog, "2021-W38")
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.target.setText(str(tmp_path))
    assert not dialog.failures.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.finished_job):
        qtbot.mouseClick(dialog.start_button, reports_ui_left())
    assert len(list(tmp_path.glob("*.pdf"))) == demo  # the folder, and demo - 1 files
    assert dialog.status.text() == f"Xong: đã ghi {demo - 1} tệp."
    assert dialog.failures.isVisibleTo(dialog)
    listed = dialog.failures.toPlainText().splitlines()
    assert listed[0] == "Không xuất được 1 tệp:"
    assert listed[1].startswith(f"  • {line.unit}: ") and "thư mục" in listed[1]


def test_batch_summary_runs_on_a_worker_thread(
    qtbot: Any, database: Any, demo: int, tmp_path: Path
) -> None:
    set_runner(ThreadRunner())
    dialog = BatchExportDialog(None, database)
    qtbot.addWidget(dialog)
    choose_round(dialog, "2021-W38")
    dialog.summary.setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialog.target.setText(str(tmp_path / "tong-hop"))
    progress: list[tuple[int, int]] = []
    dialog._progress.changed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(dialog.finished_job, timeout=30_000) as finished:
        dialog.start()
        assert not dialog.start_button.isEnabled()  # running in the background
    assert finished.args[0].files == [str(tmp_path / "tong-hop.xlsx")]
    with database.session() as session:  # one line per unit that self-assessed
        units = session.scalar(
            select(func.count(func.distinct(Assessment.unit_id))).where(
                Assessment.period == "2021-W38", Assessment.kind == "tu-danh-gia"
            )
        )
    assert load_workbook(tmp_path / "tong-hop.xlsx")["Đơn vị"].max_row == units + 1
    assert progress and progress[-1][0] == progress[-1][1]


def test_cancel_stops_the_batch(qtbot: Any, database: Any, demo: int, tmp_path: Path) -> None:
    dialog = BatchExportDialog(None, database)
    qtbot.addWidget(dialog)
    choose_round(dialog, "2021-W38")
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialog.target.setText(str(tmp_path))

    def cancel_after_two(done: int, total: int) -> None:
        if done == 2:
            qtbot.mouseClick(dialog.cancel_button, reports_ui_left())

    dialog._progress.changed.connect(cancel_after_two)
    with qtbot.waitSignal(dialog.finished_job) as finished:
        dialog.start()
    result = finished.args[0]
    assert result.cancelled and len(result.files) == 2 < result.total == demo
    assert len(list(tmp_path.glob("*.xlsx"))) == 2 and not list(tmp_path.glob(".*"))
    assert dialog.status.text().startswith("Đã huỷ")


def test_import_dialog_shows_the_report_before_writing(
    qtbot: Any, database: Any, editor: Any, tmp_path: Path
) -> None:
    with database.session() as session:
        # a cooperative is asked every item of 451/CV-LMHTX
        unit = create_unit(session, editor, "HTX Hải Lạng", "htx")
        write_form_xlsx(
            form_spec(session, "451-cv-lmhtx-2021", unit_id=unit, period="Tuần 39/2021"),
            tmp_path / "form.xlsx",
        )
    workbook = load_workbook(tmp_path / "form.xlsx")
    sheet = workbook[FORM_SHEET]
    sheet.cell(FIRST_ITEM_ROW, 3).value = "Chưa đạt"
    sheet.cell(FIRST_ITEM_ROW, 4).value = "Chưa có tổ COVID cộng đồng"
    sheet.cell(FIRST_ITEM_ROW + 1, 3).value = "Đạt"
    workbook.save(tmp_path / "good.xlsx")
    sheet.cell(FIRST_ITEM_ROW + 1, 3).value = "Tốt lắm"
    workbook.save(tmp_path / "bad.xlsx")

    dialog = ImportFormDialog(None, database)
    qtbot.addWidget(dialog)
    dialog.load(tmp_path / "bad.xlsx")
    assert not dialog.apply_button.isEnabled()
    assert f"dòng {FIRST_ITEM_ROW + 1}" in dialog.details.toPlainText()
    dialog.load(tmp_path / "good.xlsx")
    assert "Sẽ thay đổi 3 mục" in dialog.details.toPlainText()
    assert dialog.apply_button.isEnabled()
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Answer)) == 0
    with qtbot.waitSignal(dialog.imported) as imported:
        qtbot.mouseClick(dialog.apply_button, reports_ui_left())
    with database.session() as session:
        statuses = sorted(
            session.scalars(
                select(Answer.status).where(Answer.assessment_id == uuid.UUID(imported.args[0]))
            )
        )
    assert statuses == ["chua-dat", "dat"]
    assert "Đã nhập 3 thay đổi" in dialog.details.toPlainText()
    assert not dialog.apply_button.isEnabled()


def reports_ui_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_file_names_are_safe_for_windows() -> None:
    assert safe_name('HTX "Đồng/Tâm": số 1?') == "HTX -Đồng-Tâm- số 1-"
