"""The window's main flows with the network forbidden: on a demo database, answer an item with
the keyboard, export the assessment as PDF through the File menu, write a summary workbook,
send a bundle to another database and merge it through the bundle dialogs, and import and
publish a directive pasted as text. Any attempt to open a socket fails the test, even one
the program caught and hid.

Only sockets made from Python are seen; what Qt does in C++ is not (it has nothing to do on
the offscreen platform either).
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from models.audit import Editor
from models.catalog import get_version, show_checklist
from models.db import Database
from models.demo import generate_demo
from models.device import LocalDevice
from models.entities import Answer, Assessment, Unit
from models.item_scope import why_not_asked
from models.opening import open_database
from models.queries.summary import select_round
from models.services import assessments as service
from qt_app.app import create_window
from qt_app.review.directive import DirectiveReviewWidget
from qt_app.sync.export_dialog import ExportBundleDialog
from qt_app.sync.import_dialog import ImportBundleDialog
from reports.xlsx_summary import write_summary_xlsx
from tests.window_support import Boxes

LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-0000000000c1"), "laptop-ngoai-tuyen")
CHECKLIST = "761-cv-tu-2021"
DIRECTIVE = """SỞ Y TẾ
Số: 91/KH-SYT
Quảng Ninh, ngày 12 tháng 10 năm 2021

KẾ HOẠCH
Kiểm tra phòng, chống dịch tại chợ đầu mối

I. NỘI DUNG
1. Kiểm soát người và phương tiện ra vào chợ:
+ Bố trí điểm kiểm soát tại cổng;
+ Quét mã QR khai báo y tế.
2. Tiểu thương đeo khẩu trang, giữ khoảng cách theo quy định 5K.

Nơi nhận:
- Lưu: VT.
"""


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network() -> Iterator[list[str]]:
    """Every way Python code opens a connection fails, and each attempt is remembered."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> None:
            attempts.append(f"{name}{args[:2]}")
            raise NetworkUsed(f"{name} was called: the program must not use the network")

        return refused

    with pytest.MonkeyPatch.context() as patch:
        for name in (
            "socket",
            "create_connection",
            "create_server",
            "getaddrinfo",
            "socketpair",
            "fromfd",
        ):
            patch.setattr(socket, name, refuse(name))
        yield attempts
    assert attempts == [], f"the network was used (and the error hidden): {attempts}"


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "laptop.sqlite3", device=LAPTOP)
    yield db
    db.close()


def test_the_window_flows_work_offline(
    no_network: list[str],
    qtbot: Any,
    database: Database,
    editor: Editor,
    laptop: Database,
    boxes: Boxes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generate_demo(database, units=3)
    with database.session() as session:
        unit = session.scalars(select(Unit.id).where(Unit.kind == "htx")).first()
        version = get_version(session, CHECKLIST)
        first_item = next(  # the first item the directive asks of a cooperative
            item.id
            for item in version.items
            if why_not_asked(
                item.role,
                item.valid_until,
                item.addressees,
                item.addressed_bodies,
                "htx",
                None,
                "2021-W45",
            )
            is None
        )
        assessment = service.start_assessment(
            session, editor, unit, version.id, "Tuần 45/2021", assessor="Trần Thị Hà"
        )

    # The window: pick the unit, open this week's assessment, answer with the keyboard.
    window = create_window(database)
    qtbot.addWidget(window)
    window.show()
    window.load_units(unit)
    assert window.is_ready
    window.answering.open(assessment)
    table = window.assessment_view.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_2)
    with database.session() as session:
        assert dict(
            session.execute(
                select(Answer.item_id, Answer.status).where(Answer.assessment_id == assessment)
            ).all()
        ) == {first_item: "chua-dat"}
    assert window.assessment_view.saved_label.text().startswith("Đã lưu")

    # File ▸ Export the assessment, as PDF.
    pdf = tmp_path / "danh-gia.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), "PDF (*.pdf)"))
    window.export_action.trigger()
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000

    # The summary workbook of a demo round.
    summary = tmp_path / "tong-hop.xlsx"
    with database.session() as session:
        write_summary_xlsx(session, select_round(session, "Tuần 38/2021"), summary)
    assert "Đơn vị" in load_workbook(summary, read_only=True).sheetnames

    # A bundle to the laptop and back through the dialogs.
    export = ExportBundleDialog(None, database)
    qtbot.addWidget(export)
    bundle = tmp_path / "van-phong.ktb"
    export.target.setText(str(bundle))
    export.export_button.click()
    assert export.written == bundle, export.status.text()
    incoming = ImportBundleDialog(None, laptop)
    qtbot.addWidget(incoming)
    incoming.load(bundle)
    assert incoming.apply_button.isEnabled(), incoming.summary.text()
    incoming.apply_button.click()
    assert incoming.result_value is not None
    with laptop.session() as session:
        assert session.get(Assessment, assessment) is not None
        assert (
            session.scalar(
                select(Answer.status).where(
                    Answer.assessment_id == assessment, Answer.item_id == first_item
                )
            )
            == "chua-dat"
        )

    # A directive pasted as text, reviewed and published as a checklist.
    review = DirectiveReviewWidget(database, editor_name="Nguyễn Văn An")
    qtbot.addWidget(review)
    assert review.load_text(DIRECTIVE)
    published = review.publish()
    assert published is not None, review.status.text()
    with database.session() as session:
        shown = show_checklist(session, published["id"])
    assert shown["directive"]["number"] == "91/KH-SYT"
    assert boxes.texts == []  # no error was shown along the way
