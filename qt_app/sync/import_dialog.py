"""Importing a bundle in the window: see what it would change and every conflict side by
side, choose per row, then apply.

The plan is made in the background (``models.merge.preview_bundle``: the bundle is checked
completely first, and one that fails is refused with its message before anything is shown);
nothing is written until "Áp dụng", and then only if the database still gives the plan that
was shown (``models.merge.merge_previewed``).
"""

from __future__ import annotations

import logging
from collections import Counter
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.bundle import Bundle
from models.bundle_merge import MergePlan, MergeResult
from models.db import Database
from models.errors import KnownError
from models.merge import merge_previewed, preview_bundle
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.messages import known_error_text, show_error
from qt_app.sync.conflicts import MINE, THEIRS, ConflictModel
from qt_app.tasks import run_task

log = logging.getLogger(__name__)


def bundle_author(bundle: Bundle) -> str:
    """Who made the bundle's changes: the name most often signed on its own device's
    entries (an inspector's, not the laptop's host name), else the device's name."""
    device = bundle.source_device
    names = Counter(
        str(row["actor"]).strip()
        for row in bundle.records.get("audit_entries", [])
        if row.get("device_id") == device and str(row.get("actor") or "").strip()
    )
    return names.most_common(1)[0][0] if names else ""


class ImportBundleDialog(QDialog):
    """Choose a bundle, see what it would change and every conflict, then apply or cancel."""

    def __init__(self, parent: QWidget | None, database: Database) -> None:
        super().__init__(parent)
        self.database = database
        self.plan: MergePlan | None = None
        self.result_value: MergeResult | None = None
        self.merged = False  # something was merged while the dialog was open
        self.running = False
        self.setWindowTitle(self.tr("Nhập gói dữ liệu"))
        self.resize(980, 560)
        self.file_label = QLabel(self.tr("Chưa chọn gói."))
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Chọn gói…"))
        self.choose_button.clicked.connect(self._choose)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ConflictModel([], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (MINE, THEIRS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.locked_note = QLabel()
        self.locked_note.setWordWrap(True)
        self.locked_note.setStyleSheet("color: #8d6e00")
        self.all_mine = QPushButton(self.tr("Giữ tất cả của tôi"))
        self.all_theirs = QPushButton(self.tr("Lấy tất cả của họ"))
        self.all_mine.clicked.connect(lambda: self._choose_all("mine"))
        self.all_theirs.clicked.connect(lambda: self._choose_all("theirs"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Áp dụng"))
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button = QPushButton(self.tr("Huỷ"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_mine)
        buttons.addWidget(self.all_theirs)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.model.dataChanged.connect(lambda *_args: self._update_buttons())
        self._show_plan(None)

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn gói dữ liệu"),
            "",
            self.tr("Gói dữ liệu Kiểm tra (*.ktb *.zip);;Mọi tệp (*)"),
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read and check the bundle and plan the merge in the background (nothing written)."""
        self.file_label.setText(str(path))
        self.result_value = None
        self.cancel_button.setText(self.tr("Đóng") if self.merged else self.tr("Huỷ"))
        self._show_plan(None)
        self.status.setText(self.tr("Đang đọc và kiểm tra gói…"))
        run_task(
            preview_bundle, self.database, Path(path), done=self._show_plan, failed=self._failed
        )

    def _show_plan(self, plan: MergePlan | None) -> None:
        self.plan = plan
        self.model.beginResetModel()
        self.model.conflicts = plan.conflicts if plan else []
        self.model.choices = {}
        self.model.assessments = {
            row["id"]: (row["period"], row["kind"])
            for row in (plan.bundle.records.get("assessments", []) if plan else [])
        }
        self.model.endResetModel()
        self.table.resizeRowsToContents()
        self.summary.setText(self.describe(plan) if plan else "")
        locked = sum(c.locked for c in plan.conflicts) if plan else 0
        self.locked_note.setVisible(bool(locked))
        self.locked_note.setText(
            self.tr(
                "%n xung đột thuộc bài đánh giá đã nộp (khoá) nên không chọn được: ", "", locked
            )
            + self.model.locked_text()
        )
        self.status.clear()
        self._update_buttons()

    def describe(self, plan: MergePlan) -> str:
        """What applying the plan would change, in counts a user recognises, and whose it is
        (the inspector's name, and the machine it came from)."""
        machine = plan.bundle.source_name or str(plan.bundle.source_device)
        author = bundle_author(plan.bundle)
        source = (
            self.tr("%1 (máy %2)").replace("%1", author).replace("%2", machine)
            if author
            else self.tr("máy %1").replace("%1", machine)
        )
        new = {key: len(rows) for key, rows in plan.new.items() if rows}
        counted = {  # each with its plural form, so English never reads "1 answers"
            "units": lambda n: self.tr("%n đơn vị mới", "", n),
            "assessments": lambda n: self.tr("%n bài đánh giá mới", "", n),
            "answers": lambda n: self.tr("%n câu trả lời mới", "", n),
            "corrective_actions": lambda n: self.tr("%n biện pháp khắc phục mới", "", n),
            "evidence_files": lambda n: self.tr("%n tệp minh chứng mới", "", n),
            "checklist_versions": lambda n: self.tr("%n phiên bản danh mục mới", "", n),
            "audit_entries": lambda n: self.tr("%n dòng nhật ký", "", n),
            "rounds": lambda n: self.tr("%n đợt báo cáo mới", "", n),
            "action_closures": lambda n: self.tr("%n việc khắc phục được đóng", "", n),
            "form_keyings": lambda n: self.tr("%n lần nhập phiếu mới", "", n),
        }
        parts = [words(new[key]) for key, words in counted.items() if key in new]
        parts.append(self.tr("%n câu trả lời được cập nhật", "", len(plan.take_theirs)))
        optional = (  # said only when there are some
            (len(plan.updated_units), lambda n: self.tr("%n đơn vị được cập nhật", "", n)),
            (len(plan.submit), lambda n: self.tr("%n bài được nộp", "", n)),
            (len(plan.deleted), lambda n: self.tr("%n bản nháp bị xoá ở máy kia", "", n)),
            (
                len(plan.removals.evidence),
                lambda n: self.tr("%n tệp minh chứng đã gỡ ở máy kia", "", n),
            ),
            (
                len(plan.removals.closures),
                lambda n: self.tr("%n việc khắc phục được mở lại", "", n),
            ),
            (
                len(plan.closures.replace),
                lambda n: self.tr("%n việc đóng ở cả hai nơi: giữ lần đóng sớm hơn", "", n),
            ),
            (len(plan.keyings.settled), lambda n: self.tr("%n lần nhập phiếu đã đối chiếu", "", n)),
        )
        parts += [words(n) for n, words in optional if n]
        text = self.tr("Gói của %1. Sẽ thay đổi: ").replace("%1", source) + ", ".join(parts)
        if not plan.changes and not plan.conflicts:
            text = self.tr("Gói của %1: không có gì mới so với dữ liệu ở đây.").replace(
                "%1", source
            )
        kept = (  # what the other side removed but stays here, and why
            (
                len(plan.kept_submitted),
                lambda n: self.tr("%n bài đã xoá ở máy kia được giữ vì ở đây đã nộp.", "", n),
            ),
            (
                len(plan.removals.kept),
                lambda n: self.tr(
                    "%n tệp minh chứng đã gỡ ở máy kia được giữ vì bài ở đây đã nộp.", "", n
                ),
            ),
            (
                len(plan.keyings.left_out),
                lambda n: self.tr(
                    "%n lần nhập phiếu không được thêm: phiếu đã có đủ hai lần nhập.", "", n
                ),
            ),
        )
        text += "".join("\n" + words(n) for n, words in kept if n)
        conflicts = len(plan.conflicts)
        if conflicts:
            text += "\n" + self.tr(
                "%n xung đột (cùng một mục đã sửa ở cả hai nơi): chọn giữ "
                "bản của tôi hoặc của họ cho từng dòng.",
                "",
                conflicts,
            )
        return text

    def _choose_all(self, side: str) -> None:
        self.model.choose_all(side)

    def _update_buttons(self) -> None:
        plan, done = self.plan, self.result_value is not None
        open_conflicts = plan is not None and any(not c.locked for c in plan.conflicts)
        for button in (self.all_mine, self.all_theirs):
            button.setEnabled(open_conflicts and not done)
        undecided = self.model.undecided()
        ready = plan is not None and not done and (plan.changes > 0 or open_conflicts)
        self.apply_button.setEnabled(ready and undecided == 0)
        if plan is not None and not done and undecided:
            self.status.setText(self.tr("Còn %n xung đột chưa chọn.", "", undecided))
        elif plan is not None and not done:
            self.status.clear()

    def choices(self) -> dict[str, str]:
        return dict(self.model.choices)

    def apply(self) -> None:
        """Merge with the choices made; one transaction, so it all lands or nothing does."""
        if self.plan is None or self.model.undecided():
            return
        self.running = True
        self.apply_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.status.setText(self.tr("Đang gộp…"))
        merge = partial(merge_previewed, choices=self.choices())
        run_task(merge, self.database, self.plan, done=self._applied, failed=self._failed)

    def reject(self) -> None:
        if not self.running:  # a merge under way finishes; it cannot be half applied
            super().reject()

    def _stopped(self) -> None:
        self.running = False
        self.cancel_button.setEnabled(True)
        self.choose_button.setEnabled(True)

    def _applied(self, result: MergeResult) -> None:
        self._stopped()
        self.result_value, self.merged = result, True
        added = sum(result.applied.values())
        text = (
            self.tr("Đã gộp: %1 dòng mới, %2 thay đổi lấy của họ, %3 giữ của tôi.")
            .replace("%1", str(added))
            .replace("%2", str(result.took_theirs))
            .replace("%3", str(result.kept_mine))
        )
        if result.locked:
            text += " " + self.tr("%n xung đột đã khoá chưa được áp dụng.", "", len(result.locked))
        self.status.setText(text)
        self.cancel_button.setText(self.tr("Đóng"))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._stopped()
        if isinstance(exc, KnownError):
            message = known_error_text(exc)
        else:  # a bug: logged with its traceback; the user is told nothing was merged
            log.error("bundle import failed", exc_info=exc)
            message = self.tr("Lỗi không mong đợi; không có gì được ghi: %1").replace(
                "%1", str(exc)
            )
        self.status.setText(message)
        self._update_buttons()
        show_error(self, message)


def open_import(parent: QWidget | None, database: Database) -> ImportBundleDialog:
    dialog = ImportBundleDialog(parent, database)
    dialog.exec()
    return dialog
