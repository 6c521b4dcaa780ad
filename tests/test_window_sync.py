"""Bundles through the window: export from one database and import into another through the
dialogs, conflicts side by side with a choice per row, locked ones left alone, and a
tampered bundle refused with its message and nothing written."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from models.audit import Editor
from models.catalog import get_version
from models.db import Database
from models.device import LocalDevice
from models.entities import Answer, Assessment, AuditEntry, Base, EvidenceFile, Unit
from models.opening import open_database
from models.services import assessments as service
from models.services.answers import record_answer
from qt_app import i18n
from qt_app.sync.conflicts import DECISION, MINE, THEIRS, ConflictModel
from qt_app.sync.export_dialog import ExportBundleDialog
from qt_app.sync.import_dialog import ImportBundleDialog
from tests.window_support import ASKED, Boxes, Seeded

LAPTOP = LocalDevice(uuid.UUID("00000000-0000-4000-8000-00000000000a"), "laptop-thanh-tra")
CHECKED = Qt.CheckState.Checked.value


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "laptop.sqlite3", device=LAPTOP)
    yield db
    db.close()


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def status(database: Database, assessment: uuid.UUID, item: uuid.UUID) -> str | None:
    with database.session() as session:
        return session.scalar(
            select(Answer.status).where(Answer.assessment_id == assessment, Answer.item_id == item)
        )


def export_through_dialog(qtbot: Any, database: Database, path: Path) -> ExportBundleDialog:
    dialog = ExportBundleDialog(None, database)
    qtbot.addWidget(dialog)
    dialog.target.setText(str(path))
    dialog.export_button.click()
    assert dialog.written == path and path.exists(), dialog.status.text()
    return dialog


def import_through_dialog(qtbot: Any, database: Database, path: Path) -> ImportBundleDialog:
    dialog = ImportBundleDialog(None, database)
    qtbot.addWidget(dialog)
    dialog.load(path)
    return dialog


def test_export_from_one_database_and_import_into_another(
    qtbot: Any,
    window: Any,
    database: Database,
    laptop: Database,
    seeded: Seeded,
    editor: Editor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    to_laptop = tmp_path / "to-laptop.ktb"
    dialog = export_through_dialog(qtbot, database, to_laptop)
    assert dialog.counts and dialog.counts["assessments"] == 1 and dialog.counts["units"] == 2
    assert "1 bài đánh giá" in dialog.status.text()
    incoming = import_through_dialog(qtbot, laptop, to_laptop)
    assert "2 đơn vị mới" in incoming.summary.text()
    assert "1 bài đánh giá mới" in incoming.summary.text()
    assert incoming.model.rowCount() == 0 and incoming.apply_button.isEnabled()
    incoming.apply_button.click()
    assert incoming.result_value is not None and not incoming.apply_button.isEnabled()
    with laptop.session() as session:
        assert session.scalar(select(func.count()).select_from(Unit)) == 2
        assert session.get(Assessment, seeded.assessment) is not None
    # The laptop answers two items and the office imports its bundle from the File menu.
    inspector = Editor(LAPTOP.id, "Lê Thanh Tra")
    with laptop.session() as session:
        record_answer(session, inspector, seeded.assessment, seeded.items[0], "dat")
        record_answer(session, inspector, seeded.assessment, seeded.items[ASKED[1]], "mot-phan")
    back = tmp_path / "from-laptop.ktb"
    export_through_dialog(qtbot, laptop, back)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(back), ""))

    def drive(self: ImportBundleDialog) -> int:
        self.choose_button.click()
        assert "2 câu trả lời được cập nhật" in self.summary.text()
        self.apply_button.click()
        return 1

    monkeypatch.setattr(ImportBundleDialog, "exec", drive)
    window.bundle_import_action.trigger()
    assert status(database, seeded.assessment, seeded.items[0]) == "dat"
    assert status(database, seeded.assessment, seeded.items[ASKED[1]]) == "mot-phan"
    assert window.item_model.rows()[ASKED[1]].status == "mot-phan"  # the window shows what arrived
    before = counts(database)
    again = import_through_dialog(qtbot, database, back)  # the same bundle twice: nothing new
    assert "không có gì mới" in again.summary.text() and not again.apply_button.isEnabled()
    assert counts(database) == before


def test_export_choices_are_checked_and_passed_on(
    qtbot: Any, database: Database, seeded: Seeded, boxes: Boxes, tmp_path: Path
) -> None:
    dialog = ExportBundleDialog(None, database)
    qtbot.addWidget(dialog)
    names = [dialog.unit_list.item(r).text() for r in range(dialog.unit_list.count())]
    assert names == ["Tỉnh Quảng Ninh", "    HTX Nông nghiệp Đồng Tâm"]  # the tree, indented
    dialog.target.setText(str(tmp_path / "goi.ktb"))
    dialog.some_units.setChecked(True)
    dialog.export_button.click()
    assert boxes.texts == ["Hãy đánh dấu ít nhất một đơn vị."] and dialog.written is None
    dialog.unit_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.round.setCurrentIndex(dialog.round.findData("2021-W38"))
    dialog.one_round.setChecked(True)
    path, units, period, *_rest, since = dialog.choice()
    assert units == [seeded.province] and period == "2021-W38" and not since
    dialog.date_range.setChecked(True)
    dialog.date_from.setDate(dialog.date_to.date().addDays(1))
    dialog.export_button.click()
    assert "sau ngày kết thúc" in boxes.texts[-1]
    dialog.target.setText(str(tmp_path / "khong-co" / "goi.ktb"))
    dialog.since_last.setChecked(True)
    dialog.export_button.click()
    assert "không tồn tại" in boxes.texts[-1]
    dialog.target.setText(str(tmp_path / "goi.ktb"))
    dialog.export_button.click()  # since the last export: never exported, so everything
    assert dialog.counts is not None and dialog.counts["assessments"] == 1
    second = ExportBundleDialog(None, database)
    qtbot.addWidget(second)
    assert "chưa xuất lần nào" not in second.since_last.text()
    second.since_last.setChecked(True)
    second.target.setText(str(tmp_path / "goi-2.ktb"))
    second.export_button.click()
    assert second.counts is not None and second.counts["assessments"] == 0  # nothing new


@pytest.fixture
def conflicting(
    database: Database, laptop: Database, seeded: Seeded, editor: Editor, tmp_path: Path
) -> tuple[Path, uuid.UUID]:
    """Both sides change items 1 and 5.1 of the open assessment; the office submits a second
    assessment that the laptop goes on answering. Returns the laptop's bundle."""
    from models.bundle import read_bundle
    from models.bundle_export import export_bundle
    from models.bundle_merge import apply_merge, plan_merge

    with database.session() as session:
        version = get_version(session, "451-cv-lmhtx-2021")
        second = service.start_assessment(
            session, editor, seeded.unit, version.id, "Tuần 38/2021", "kiem-tra", "Lê Thanh Tra"
        )
    out = tmp_path / "to-laptop.ktb"
    export_bundle(database, out)
    with laptop.session() as session:
        apply_merge(session, plan_merge(session, read_bundle(out)))
    inspector = Editor(LAPTOP.id, "Lê Thanh Tra")
    second_item = version.items[0].id
    with laptop.session() as session:
        record_answer(session, inspector, seeded.assessment, seeded.items[0], "dat")
        record_answer(session, inspector, seeded.assessment, seeded.items[ASKED[1]], "dat")
        record_answer(session, inspector, second, second_item, "chua-dat")
    with database.session() as session:
        record_answer(session, editor, seeded.assessment, seeded.items[0], "chua-dat")
        record_answer(session, editor, seeded.assessment, seeded.items[ASKED[1]], "mot-phan")
        service.submit_assessment(session, editor, second)
    back = tmp_path / "from-laptop.ktb"
    export_bundle(laptop, back)
    return back, second_item


def test_conflicts_side_by_side_with_a_choice_per_row(
    qtbot: Any,
    qtmodeltester: Any,
    database: Database,
    seeded: Seeded,
    conflicting: tuple[Path, uuid.UUID],
) -> None:
    bundle, locked_item = conflicting
    dialog = import_through_dialog(qtbot, database, bundle)
    model: ConflictModel = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    rows = {model.conflicts[r].code: r for r in range(3) if not model.conflicts[r].locked}
    shown = [[model.index(r, c).data() for c in range(7)] for r in range(3)]
    unit, period = "HTX Nông nghiệp Đồng Tâm", "Tuần 38/2021 · Tự đánh giá"
    first, second = rows["1"], rows["5.1"]
    assert shown[first][:6] == [unit, period, "1", "trả lời", "Chưa đạt", "Đạt"]
    assert shown[second][:6] == [unit, period, "5.1", "trả lời", "Đạt một phần", "Đạt"]
    [locked] = [r for r in range(3) if model.conflicts[r].locked]
    assert shown[locked][1] == "Tuần 38/2021 · Kiểm tra"  # the inspection, told apart
    # Whose bundle: the inspector who answered on the laptop, and the laptop's name.
    assert "Gói của Lê Thanh Tra (máy " in dialog.summary.text()
    assert "Đã khoá" in shown[locked][DECISION]
    assert not model.flags(model.index(locked, THEIRS)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(model.index(locked, THEIRS), CHECKED, Qt.ItemDataRole.CheckStateRole)
    assert dialog.locked_note.isVisibleTo(dialog) and "mở lại" in dialog.locked_note.text()
    assert not dialog.apply_button.isEnabled() and "Còn 2" in dialog.status.text()
    model.setData(model.index(first, THEIRS), CHECKED, Qt.ItemDataRole.CheckStateRole)
    assert model.index(first, DECISION).data() == "Lấy của họ"
    assert not dialog.apply_button.isEnabled()
    model.setData(model.index(second, MINE), CHECKED, Qt.ItemDataRole.CheckStateRole)
    assert model.index(second, MINE).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.apply_button.isEnabled()
    assert dialog.choices() == {
        model.conflicts[first].key: "theirs",
        model.conflicts[second].key: "mine",
    }
    dialog.apply_button.click()
    assert status(database, seeded.assessment, seeded.items[0]) == "dat"  # theirs
    assert status(database, seeded.assessment, seeded.items[ASKED[1]]) == "mot-phan"  # mine
    with database.session() as session:
        second_assessment = session.scalar(
            select(Assessment.id).where(Assessment.kind == "kiem-tra")
        )
        assert session.get(Assessment, second_assessment).status == "submitted"
        assert (
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "merge-conflict")
            )
            == 2
        )
    assert status(database, second_assessment, locked_item) is None  # locked: untouched
    assert "1 xung đột đã khoá" in dialog.status.text()


def test_cancel_writes_nothing(
    qtbot: Any, database: Database, conflicting: tuple[Path, uuid.UUID]
) -> None:
    before = counts(database)
    dialog = import_through_dialog(qtbot, database, conflicting[0])
    dialog.all_theirs.click()
    assert dialog.apply_button.isEnabled()
    dialog.cancel_button.click()
    assert dialog.result() == 0 and counts(database) == before


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_tampered_bundle_is_refused_and_nothing_written(
    qtbot: Any,
    qapp: Any,
    window: Any,
    database: Database,
    boxes: Boxes,
    tmp_path: Path,
    language: str,
) -> None:
    good = tmp_path / "goi.ktb"
    export_through_dialog(qtbot, database, good)
    bad = tmp_path / "goi-sua.ktb"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "records.json":
                data = data.replace("Đồng Tâm".encode(), "Đồng Tầm".encode())
            target.writestr(entry, data)
    before = counts(database)
    i18n.install(qapp, language)
    dialog = import_through_dialog(qtbot, database, bad)
    expected = "does not match its SHA-256" if language == "en" else "không hợp lệ"
    assert expected in boxes.texts[-1] and expected in dialog.status.text()
    assert dialog.plan is None and not dialog.apply_button.isEnabled()
    assert dialog.windowTitle() == ("Import a bundle" if language == "en" else "Nhập gói dữ liệu")
    dialog.apply_button.click()
    assert counts(database) == before


def test_export_and_merge_on_real_background_threads(
    qtbot: Any,
    database: Database,
    laptop: Database,
    seeded: Seeded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from qt_app.sync import export_dialog as sync_ui
    from qt_app.tasks import ThreadRunner, runner, set_runner

    set_runner(ThreadRunner())  # the autouse fixture puts the immediate runner back
    release = threading.Event()
    real_export = sync_ui.export_job

    def held_export(*args: Any) -> dict[str, int]:
        assert release.wait(30)
        return real_export(*args)

    monkeypatch.setattr(sync_ui, "export_job", held_export)
    path = tmp_path / "goi.ktb"
    export = ExportBundleDialog(None, database)
    qtbot.addWidget(export)
    export.show()
    export.target.setText(str(path))
    export.export_button.click()
    export.reject()  # refused while the bundle is being written
    assert export.isVisible() and not export.close_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: export.written is not None, timeout=30_000)
    assert export.close_button.isEnabled()
    export.reject()
    assert not export.isVisible()
    incoming = ImportBundleDialog(None, laptop)
    qtbot.addWidget(incoming)
    incoming.load(path)
    qtbot.waitUntil(lambda: incoming.plan is not None, timeout=30_000)
    incoming.apply_button.click()
    qtbot.waitUntil(lambda: incoming.merged, timeout=30_000)
    runner().wait()
    assert incoming.cancel_button.isEnabled() and incoming.cancel_button.text() == "Đóng"
    assert counts(laptop)["assessments"] == 1


def test_the_import_dialog_says_what_the_other_side_removed(
    qtbot: Any, laptop: Database, seeded: Seeded, database: Database, tmp_path: Path
) -> None:
    """A bundle whose only news is an evidence file taken off on the laptop is not "nothing
    new": the dialog says the file goes, and applying removes it here too."""
    from models.bundle_export import export_bundle
    from models.services.evidence import attach_evidence, remove_evidence

    to_laptop = tmp_path / "to-laptop.ktb"
    export_bundle(database, to_laptop)
    import_through_dialog(qtbot, laptop, to_laptop).apply_button.click()
    inspector = Editor(LAPTOP.id, "Lê Thanh Tra")
    photo = tmp_path / "cổng.jpg"
    photo.write_bytes(b"\xff\xd8 the gate")
    with laptop.session() as session:
        evidence = attach_evidence(session, inspector, seeded.assessment, seeded.items[0], photo)
    first = tmp_path / "first.ktb"
    export_bundle(laptop, first)
    import_through_dialog(qtbot, database, first).apply_button.click()
    with laptop.session() as session:
        remove_evidence(session, inspector, evidence)
    second = tmp_path / "second.ktb"
    export_bundle(laptop, second)
    dialog = import_through_dialog(qtbot, database, second)
    assert "1 tệp minh chứng đã gỡ ở máy kia" in dialog.summary.text()
    assert "không có gì mới" not in dialog.summary.text() and dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(EvidenceFile)) == 0
