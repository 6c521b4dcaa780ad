"""Word, forms and printing from the window, driven through the real dialogs: the files they
write are read back with python-docx, openpyxl, pdftotext, pdfinfo and pdftoppm."""

from __future__ import annotations

import re
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from models.db import Database
from models.services.answers import record_answer
from models.services.rounds import create_round
from models.services.units import archive_unit, create_unit
from qt_app.exports.assessment import export_assessment
from qt_app.exports.batch_dialog import BatchExportDialog
from qt_app.exports.forms import FormsDialog
from qt_app.exports.printing import print_pdf
from reports.form_identity import IDENTITY_SHEET
from reports.pdf_form import write_form_pdf
from reports.rows import form_spec
from reports.xlsx_form import FORM_SHEET, PERIOD_CELL, UNIT_CELL
from tests.test_export_faults import mount
from tests.window_support import ASKED, CHECKLIST, Seeded

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")

#: Asks nothing of a school (its items are given to party, state and mass bodies).
ROUND_CHECKLIST = "761-cv-tu-2021"
UNIT = "HTX Nông nghiệp Đồng Tâm"


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return int(found.group(1))


def ink(path: Path, folder: Path, name: str) -> float:
    """How dark page 1 is on average (0 white, 1 black), rasterised in grey at 150 dpi."""
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-gray",
            "-singlefile",
            str(path),
            str(folder / name),
        ],
        check=True,
    )
    data = (folder / f"{name}.pgm").read_bytes()
    magic, size, depth, pixels = data.split(b"\n", 3)
    assert magic == b"P5" and depth == b"255"
    width, height = map(int, size.split())
    assert len(pixels) == width * height
    return 1 - sum(pixels) / (255 * len(pixels))


@pytest.fixture
def answered(database: Database, editor: Any, seeded: Seeded) -> Seeded:
    """The seeded cooperative's self-assessment, its first asked item failed, the rest met."""
    with database.session() as session:
        for number, row in enumerate(ASKED):
            status = "chua-dat" if number == 0 else "dat"
            record_answer(session, editor, seeded.assessment, seeded.items[row], status)
    return seeded


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def run(qtbot: Any, dialog: Any, button: Any) -> Any:
    with qtbot.waitSignal(dialog.finished_job) as finished:
        click(qtbot, button)
    return finished.args[0]


# -- Word ------------------------------------------------------------------------------------


def test_the_current_assessment_exports_to_word(
    qtbot: Any, database: Database, answered: Seeded, tmp_path: Path, monkeypatch: Any
) -> None:
    offered: list[str] = []

    def save_as(parent: Any, title: str, name: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(tmp_path / "bao-cao"), "Word (*.docx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    written = export_assessment(None, database, answered.assessment)
    assert written == tmp_path / "bao-cao.docx"
    assert offered == ["PDF (*.pdf);;Excel (*.xlsx);;Word (*.docx)"]
    document = Document(str(written))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert UNIT in text and "Chưa đạt" in text and "Đạt" in text


@pytest.mark.parametrize("mode", ["units", "summary"])
def test_the_batch_export_writes_word(
    qtbot: Any, database: Database, answered: Seeded, tmp_path: Path, mode: str
) -> None:
    dialog = BatchExportDialog(None, database)
    qtbot.addWidget(dialog)
    dialog.period.setCurrentIndex(dialog.period.findData("2021-W38"))
    (dialog.units if mode == "units" else dialog.summary).setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.target.setText(str(tmp_path if mode == "units" else tmp_path / "tong-hop"))
    result = run(qtbot, dialog, dialog.start_button)
    assert len(result.files) == 1 and result.files[0].endswith(".docx")
    document = Document(result.files[0])
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(UNIT in text for text in [p.text for p in document.paragraphs] + cells)


# -- forms for one unit ----------------------------------------------------------------------


def forms_dialog(qtbot: Any, database: Database, unit: uuid.UUID | None, **opening: Any) -> Any:
    dialog = FormsDialog(None, database, unit, **opening)
    qtbot.addWidget(dialog)
    return dialog


def test_a_blank_and_a_prefilled_form_for_the_selected_unit(
    qtbot: Any, database: Database, answered: Seeded, tmp_path: Path, monkeypatch: Any
) -> None:
    dialog = forms_dialog(qtbot, database, answered.unit, period="2021-W38", checklist=CHECKLIST)
    assert dialog.choices.one_unit.isChecked() and UNIT in dialog.choices.one_unit.text()
    assert dialog.choices.period.currentText() == "Tuần 38/2021"
    dialog.choices.blank.setChecked(True)
    dialog.choices.period.setCurrentIndex(0)  # no period on a blank form
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "trong"), "PDF (*.pdf)")
    )
    click(qtbot, dialog.choices.browse)
    assert dialog.choices.target.text() == str(tmp_path / "trong")
    result = run(qtbot, dialog, dialog.start_button)
    assert result.files == [str(tmp_path / "trong.pdf")]
    blank = pdftotext(tmp_path / "trong.pdf")
    assert "PHIẾU TỰ ĐÁNH GIÁ" in blank and UNIT not in blank and "Tuần 38/2021" not in blank
    assert dialog.status.text() == "Xong: đã ghi 1 tệp."

    dialog.choices.one_unit.setChecked(True)
    dialog.choices.period.setCurrentIndex(dialog.choices.period.findData("2021-W38"))
    dialog.choices.target.setText(str(tmp_path / "dien-san.pdf"))
    run(qtbot, dialog, dialog.start_button)
    filled = pdftotext(tmp_path / "dien-san.pdf")
    assert re.search(rf"Đơn vị:\s+{UNIT}", filled)
    assert re.search(r"Kỳ báo cáo:\s+Tuần 38/2021", filled)
    assert pages(tmp_path / "dien-san.pdf") == pages(tmp_path / "trong.pdf")


def test_a_prefilled_excel_form_remembers_the_units_answers(
    qtbot: Any, database: Database, answered: Seeded, tmp_path: Path
) -> None:
    """The form carries the answers it was made with, so that importing it back tells the
    unit's changes from the office's (``reports.form_identity``)."""
    dialog = forms_dialog(qtbot, database, answered.unit, period="2021-W38", checklist=CHECKLIST)
    dialog.choices.format.setCurrentIndex(dialog.choices.format.findData("xlsx"))
    dialog.choices.target.setText(str(tmp_path / "phieu"))
    result = run(qtbot, dialog, dialog.start_button)
    assert result.files == [str(tmp_path / "phieu.xlsx")]
    workbook = load_workbook(tmp_path / "phieu.xlsx")
    assert workbook[FORM_SHEET][UNIT_CELL].value == UNIT
    assert workbook[FORM_SHEET][PERIOD_CELL].value == "Tuần 38/2021"
    remembered = {
        key: value
        for key, value in workbook[IDENTITY_SHEET].iter_rows(values_only=True)
        if str(key).startswith("base:")
    }
    assert sorted(v.partition(":")[0] for v in remembered.values()) == ["chua-dat"] + ["dat"] * 4


# -- forms for a round -----------------------------------------------------------------------


@pytest.fixture
def school_round(database: Database, editor: Any) -> dict[str, Any]:
    """A round of 761-CV/TU with two units that get a form, a school it asks nothing of, and
    a cooperative archived after the round was made."""
    with database.session() as session:
        units = {
            name: create_unit(session, editor, name, kind)
            for name, kind in (
                ("HTX Chè Đường Hoa", "htx"),
                ("Công ty CP Than Hà Lầm", "doanh-nghiep"),
                ("Trường THCS Quảng Tân", "truong-hoc"),
                ("HTX Thủy sản Đầm Hà", "htx"),
            )
        }
        round_id = create_round(
            session,
            editor,
            name="Đợt kiểm tra tuần 39",
            checklists=[ROUND_CHECKLIST],
            period="Tuần 39/2021",
            units=list(units.values()),
        )
        archive_unit(session, editor, units["HTX Thủy sản Đầm Hà"])
    return {"id": round_id, "units": units}


def choose_round(dialog: Any, round_id: uuid.UUID) -> None:
    dialog.choices.whole_round.setChecked(True)
    dialog.choices.round.setCurrentIndex(dialog.choices.round.findData(str(round_id)))


def test_a_rounds_forms_are_one_pdf_to_print_in_one_go(
    qtbot: Any, database: Database, school_round: dict[str, Any], tmp_path: Path
) -> None:
    dialog = forms_dialog(qtbot, database, None)
    assert not dialog.choices.one_unit.isEnabled() and dialog.choices.blank.isChecked()
    choose_round(dialog, school_round["id"])
    assert dialog.choices.checklist.currentData() == ROUND_CHECKLIST  # the round's own checklist
    assert (
        dialog.choices.period.currentText() == "Tuần 39/2021"
        and not dialog.choices.period.isEnabled()
    )
    dialog.choices.target.setText(str(tmp_path / "dot"))
    result = run(qtbot, dialog, dialog.start_button)
    merged = tmp_path / "dot.pdf"
    assert result.files == [str(merged)] and result.total == 4
    text = pdftotext(merged)
    assert "HTX Chè Đường Hoa" in text and "Công ty CP Than Hà Lầm" in text
    assert "Trường THCS Quảng Tân" not in text and "HTX Thủy sản Đầm Hà" not in text
    skipped = dialog.skipped.toPlainText()
    assert not dialog.skipped.isHidden()
    assert "Không có phiếu cho 2 đơn vị:" in skipped
    assert "HTX Thủy sản Đầm Hà: đơn vị đã được lưu trữ." in skipped
    assert "Trường THCS Quảng Tân: danh mục không hỏi đơn vị này mục nào." in skipped

    singles = 0
    with database.session() as session:
        for name in ("HTX Chè Đường Hoa", "Công ty CP Than Hà Lầm"):
            spec = form_spec(
                session, ROUND_CHECKLIST, unit_id=school_round["units"][name], period="2021-W39"
            )
            write_form_pdf(spec, tmp_path / f"{name}.pdf")
            singles += pages(tmp_path / f"{name}.pdf")
            first = pdftotext(tmp_path / f"{name}.pdf").split("\f")[0]
            assert first.split()[:4] == ["PHIẾU", "TỰ", "ĐÁNH", "GIÁ"]
    assert pages(merged) == singles
    # each unit starts on a new page with its own page numbers: "Trang 1/N" twice
    assert len(re.findall(r"Trang 1/\d+", text)) == 2


def test_a_rounds_excel_forms_are_one_workbook_per_unit(
    qtbot: Any, database: Database, school_round: dict[str, Any], tmp_path: Path, monkeypatch: Any
) -> None:
    dialog = forms_dialog(qtbot, database, None)
    choose_round(dialog, school_round["id"])
    dialog.choices.format.setCurrentIndex(dialog.choices.format.findData("xlsx"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    click(qtbot, dialog.choices.browse)
    assert dialog.choices.target.text() == str(tmp_path)
    result = run(qtbot, dialog, dialog.start_button)
    files = sorted(tmp_path.glob("*.xlsx"))
    assert [str(f) for f in files] == sorted(result.files) and len(files) == 2
    units = sorted(load_workbook(f)[FORM_SHEET][UNIT_CELL].value for f in files)
    assert units == ["Công ty CP Than Hà Lầm", "HTX Chè Đường Hoa"]
    assert all(load_workbook(f)[FORM_SHEET][PERIOD_CELL].value == "Tuần 39/2021" for f in files)
    assert dialog.status.text() == "Xong: đã ghi 2 tệp."


def test_a_round_without_the_chosen_checklist_is_refused(
    qtbot: Any, database: Database, school_round: dict[str, Any], tmp_path: Path, boxes: Any
) -> None:
    dialog = forms_dialog(qtbot, database, None)
    choose_round(dialog, school_round["id"])
    dialog.choices.checklist.setCurrentIndex(dialog.choices.checklist.findData(CHECKLIST))
    dialog.choices.target.setText(str(tmp_path / "dot.pdf"))
    click(qtbot, dialog.start_button)
    assert boxes.texts == ["Đợt này không gồm danh mục đã chọn."]
    assert not (tmp_path / "dot.pdf").exists()


# -- printing --------------------------------------------------------------------------------


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def assert_printed_alike(original: Path, printed: Path, folder: Path) -> None:
    assert pages(printed) == pages(original)
    before, after = ink(original, folder, "original"), ink(printed, folder, "printed")
    assert before > 0.01 and after > 0.01  # neither page is blank
    assert abs(after - before) <= 0.1 * before, (before, after)  # the same ink, near enough


def test_printing_paints_every_page_of_the_pdf(
    qtbot: Any, database: Database, school_round: dict[str, Any], tmp_path: Path
) -> None:
    with database.session() as session:
        spec = form_spec(
            session,
            ROUND_CHECKLIST,
            unit_id=school_round["units"]["HTX Chè Đường Hoa"],
            period="2021-W39",
        )
    form = write_form_pdf(spec, tmp_path / "phieu.pdf")
    assert pages(form) > 1
    assert print_pdf(form, pdf_printer(tmp_path / "in.pdf")) == pages(form)
    assert_printed_alike(form, tmp_path / "in.pdf", tmp_path)
    assert pdftotext(tmp_path / "in.pdf").strip() == ""  # pages, painted as pictures


@pytest.fixture
def print_to(monkeypatch: Any, tmp_path: Path) -> Path:
    """Qt's print dialog, answered as a user who prints to a PDF file would answer it."""
    target = tmp_path / "may-in.pdf"

    def exec_(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return target


def test_the_forms_dialog_prints_a_rounds_forms(
    qtbot: Any, database: Database, school_round: dict[str, Any], tmp_path: Path, print_to: Path
) -> None:
    dialog = forms_dialog(qtbot, database, None)
    choose_round(dialog, school_round["id"])
    dialog.choices.target.setText(str(tmp_path / "dot.pdf"))
    run(qtbot, dialog, dialog.start_button)
    run(qtbot, dialog, dialog.print_button)
    assert dialog.status.text() == "Đã gửi phiếu tới máy in."
    assert_printed_alike(tmp_path / "dot.pdf", print_to, tmp_path)
    assert dialog.outcome_text() == f"Đã tạo phiếu: {tmp_path / 'dot.pdf'}"


def test_ctrl_p_prints_the_open_assessments_report(
    qtbot: Any, window: Any, answered: Seeded, print_to: Path
) -> None:
    leftovers = set(Path(tempfile.gettempdir()).glob("kiemtra-in-*"))
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.print_action.isEnabled()
    window.print_action.trigger()
    assert pages(print_to) >= 1 and pdftotext(print_to).strip() == ""
    assert window.status.text() == "Đã gửi bài đánh giá tới máy in."
    assert set(Path(tempfile.gettempdir()).glob("kiemtra-in-*")) == leftovers  # removed


# -- a folder that cannot be written ---------------------------------------------------------


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    mount(tmp_path / "cdrom", "ro")
    try:
        yield tmp_path / "cdrom"
    finally:
        subprocess.run(["umount", "-l", str(tmp_path / "cdrom")], check=True)


@pytest.mark.faults
def test_a_read_only_folder_is_a_message_and_nothing_else(
    qtbot: Any,
    database: Database,
    school_round: dict[str, Any],
    read_only_disk: Path,
    boxes: Any,
    caplog: Any,
) -> None:
    dialog = forms_dialog(qtbot, database, None)
    choose_round(dialog, school_round["id"])
    for fmt, target in (("xlsx", read_only_disk), ("pdf", read_only_disk / "dot.pdf")):
        dialog.choices.format.setCurrentIndex(dialog.choices.format.findData(fmt))
        dialog.choices.target.setText(str(target))
        assert run(qtbot, dialog, dialog.start_button) is None
        assert dialog.status.text().startswith("Ổ đĩa chứa"), dialog.status.text()
        assert "chỉ cho phép đọc" in dialog.status.text()
        assert dialog.start_button.isEnabled() and dialog.cancel_button.text() == "Đóng"
    assert not list(read_only_disk.iterdir())
    assert "Traceback" not in caplog.text and not boxes.texts
