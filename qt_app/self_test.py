"""`kiemtra --self-test`: prove, in a temporary folder, that this installation works.

Creates a database, loads the shipped checklists, records and submits answers, exports one
PDF and one workbook and reads them back, and draws Vietnamese text with Qt offscreen.
Prints one line per step; exit status 0 when every step passed.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

UNIT_NAME = "HTX Dịch vụ tổng hợp Đồng Tâm"


def run_self_test() -> int:
    with tempfile.TemporaryDirectory(prefix="kiemtra-self-test-") as folder:
        os.environ["KIEMTRA_HOME"] = folder
        context: dict[str, Any] = {"folder": Path(folder)}
        steps: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
            ("cơ sở dữ liệu / database", _database),
            ("danh mục / checklists", _checklists),
            ("trả lời và nộp / answer and submit", _answers),
            ("PDF", _pdf),
            ("Excel", _workbook),
            ("cửa sổ Qt / Qt window", _qt),
        ]
        failed = 0
        for name, step in steps:
            started = time.perf_counter()
            try:
                detail = step(context)
                status = "OK "
            except Exception as exc:  # a self-test reports every failure and goes on
                failed += 1
                detail = f"{type(exc).__name__}: {exc}"
                status = "LỖI"
                traceback.print_exc()
            print(f"{status} {name}: {detail} ({time.perf_counter() - started:.2f} s)", flush=True)
        if "database" in context:
            context["database"].close()
    print(
        "Tự kiểm tra: đạt / self-test passed"
        if not failed
        else f"Tự kiểm tra: {failed} bước lỗi / self-test: {failed} steps failed"
    )
    return 0 if not failed else 1


def _database(context: dict[str, Any]) -> str:
    from models.opening import open_database

    database = open_database(context["folder"] / "self-test.sqlite3")
    context["database"] = database
    return str(database.path)


def _checklists(context: dict[str, Any]) -> str:
    from models.catalog import list_checklists

    with context["database"].session() as session:
        rows = list_checklists(session)
    if context["database"].problems or len(rows) < 5:
        raise RuntimeError(f"{len(rows)} checklists; problems: {context['database'].problems}")
    return f"{len(rows)} danh mục, {sum(r['item_count'] for r in rows)} mục"


def _answers(context: dict[str, Any]) -> str:
    from models.audit import Editor
    from models.catalog import get_version
    from models.services.answers import record_answer
    from models.services.assessments import start_assessment, submit_assessment, verify_assessment
    from models.services.units import create_unit

    database = context["database"]
    editor = Editor(database.device.id, "Tự kiểm tra")
    with database.session() as session:
        unit = create_unit(session, editor, UNIT_NAME, "htx")
        version = get_version(session, "451-cv-lmhtx-2021")
        assessment = start_assessment(session, editor, unit, version.id, "Tuần 39/2021")
        for item, status in zip(version.items, ["dat", "chua-dat", "mot-phan"], strict=False):
            record_answer(session, editor, assessment, item.id, status)
        submit_assessment(session, editor, assessment)
        if not verify_assessment(session, assessment):
            raise RuntimeError("the submitted content does not match its hash")
    context["assessment"] = assessment
    return f"{len(version.items)} câu trả lời, đã nộp"


def _pdf(context: dict[str, Any]) -> str:
    from reports.pdf_assessment import write_assessment_pdf

    path = context["folder"] / "danh-gia.pdf"
    with context["database"].session() as session:
        write_assessment_pdf(session, context["assessment"], path)
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise RuntimeError("the PDF is not complete or its font is not embedded")
    return f"{len(data) // 1024} KB, phông chữ nhúng / font embedded"


def _workbook(context: dict[str, Any]) -> str:
    import openpyxl

    from reports.xlsx_assessment import write_assessment_xlsx

    path = context["folder"] / "danh-gia.xlsx"
    with context["database"].session() as session:
        write_assessment_xlsx(session, context["assessment"], path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        values = {
            str(cell)
            for row in workbook.active.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        }
    finally:
        workbook.close()
    if not any(UNIT_NAME in value for value in values) or "Chưa đạt" not in values:
        raise RuntimeError("the workbook does not hold the unit and its answers")
    return f"{path.stat().st_size // 1024} KB"


def _qt(context: dict[str, Any]) -> str:
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["kiemtra", "-platform", "offscreen"])
    image = QImage(400, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawText(10, 35, "Kiểm tra: Đạt / Chưa đạt / Khẩu trang")
    painter.end()
    dark = sum(
        1
        for x in range(0, 400, 2)
        for y in range(0, 60, 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    if dark == 0:
        raise RuntimeError("Qt drew no text (fonts missing?)")
    return f"{app.platformName()}, {dark} điểm chữ / text pixels"
