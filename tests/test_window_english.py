"""The window in English: unit kinds, periods, theme labels and the example period are
translated, counts read "1 conflict" and "2 files" (Qt's plural forms), and every string the
window shows has its English in the committed .ts."""

from __future__ import annotations

import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from models.bundle import Bundle
from models.bundle_merge import Conflict, MergePlan
from models.db import Database
from qt_app import i18n
from qt_app.answering.dialogs import StartAssessmentDialog
from qt_app.app import create_window
from qt_app.settings import LANGUAGE, Settings
from qt_app.units.dialogs import NewUnitDialog
from tests.window_support import Seeded, when_modal

pytestmark = pytest.mark.usefixtures("immediate_tasks", "vietnamese", "boxes")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def english(qapp: QApplication, database: Database, seeded: Seeded, qtbot: Any) -> Any:
    Settings().set(LANGUAGE, "en")
    window = create_window(database)
    qtbot.addWidget(window)
    window.show()
    window.load_units(seeded.unit)
    window.activateWindow()
    QApplication.processEvents()
    yield window
    i18n.install(qapp, "vi")


def test_kinds_periods_and_the_example_are_english(english: Any, seeded: Seeded) -> None:
    window = english
    seen: list[tuple[str, list[str]]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, StartAssessmentDialog)
        form = dialog.body.itemAt(1).layout()  # the form under the unit's name
        period_label = form.labelForField(dialog.period).text()
        seen.append((period_label, [dialog.kind.itemText(n) for n in range(dialog.kind.count())]))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(look)
    QTest.keyClick(
        window.tree.view,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    [(period_label, kinds)] = seen
    assert period_label.startswith("Period (a date or “Week ")
    assert kinds == ["Self-assessment", "Inspection"]
    dialog = NewUnitDialog(seeded.province, "Tỉnh Quảng Ninh", window, parent_kind="tinh")
    assert dialog.kind.currentText() == "District/City"
    assert "Cooperative" in [dialog.kind.itemText(n) for n in range(dialog.kind.count())]
    tooltip = window.tree.model.index_of(seeded.unit).data(Qt.ItemDataRole.ToolTipRole)
    assert "Cooperative" in tooltip and "Week 38/2021" in tooltip
    from qt_app.exports.batch_dialog import BatchExportDialog

    batch = BatchExportDialog(window, window.database)
    assert batch.period.itemText(0) == "Week 38/2021"


def test_counts_use_plural_forms(english: Any) -> None:
    from qt_app.exports.batch_dialog import BatchExportDialog
    from qt_app.sync.import_dialog import ImportBundleDialog
    from reports.batch import BatchResult

    batch = BatchExportDialog(english, english.database)
    batch._done(BatchResult(files=["a.pdf"], total=1))
    assert batch.status.text() == "Done: 1 file written."
    batch._done(BatchResult(files=["a.pdf", "b.pdf"], total=2))
    assert batch.status.text() == "Done: 2 files written."
    laptop = uuid.uuid4()
    bundle = Bundle(
        Path("goi.ktb"),
        {"source_device": {"id": str(laptop), "name": "vm"}},
        {"audit_entries": [{"device_id": laptop, "actor": "Phạm Văn Hùng"}]},
    )
    plan = MergePlan(
        bundle,
        take_theirs=[("answers", uuid.uuid4(), uuid.uuid4(), "dat")],
        conflicts=[Conflict(uuid.uuid4(), uuid.uuid4(), "status", "dat", "chua-dat")],
    )
    text = ImportBundleDialog(english, english.database).describe(plan)
    assert text.startswith("Bundle from Phạm Văn Hùng (computer vm). It would change: ")
    assert "1 answer updated" in text and "\n1 conflict (" in text
    plan.conflicts.append(Conflict(uuid.uuid4(), uuid.uuid4(), "note", "a", "b"))
    assert "\n2 conflicts (" in ImportBundleDialog(english, english.database).describe(plan)


def test_theme_labels_in_the_review_tab_are_english(english: Any) -> None:
    from qt_app.review.directive import DirectiveReviewWidget

    review = DirectiveReviewWidget(english.database)
    assert review.theme_labels["kiem-soat-ra-vao"] == (
        "Control of people and vehicles coming in and out"
    )


def unfinished(ts: Path) -> list[tuple[str, str]]:
    tree = ElementTree.parse(ts)
    return [
        (str(context.findtext("name")), str(message.findtext("source")))
        for context in tree.getroot()
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]


def test_every_window_string_has_its_english(tmp_path: Path) -> None:
    """What scripts/build_translations would find in the code is already translated."""
    lupdate = Path(i18n.lrelease_program() or "").with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = ROOT / ".venv" / "bin" / "pyside6-lupdate"
    ts = tmp_path / "kiemtra_en.ts"
    shutil.copy(i18n.translations_dir() / "kiemtra_en.ts", ts)
    sources = sorted(
        str(p) for p in (ROOT / "qt_app").rglob("*.py") if "cli" not in p.relative_to(ROOT).parts
    )
    subprocess.run(
        [str(lupdate), "-silent", "-locations", "none", *sources, "-ts", str(ts)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert unfinished(ts) == []
