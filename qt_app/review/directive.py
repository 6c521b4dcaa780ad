"""Reviewing an imported directive before it becomes a checklist (the library tab).

The directive's text on the left with every recognised item highlighted, the proposed item
tree on the right. A person edits requirements, splits and merges items, re-orders and
re-nests them, re-tags themes, marks critical items and sets weights, then publishes. Every
edit is saved to the draft in the database at once (``models.directive_import.drafts``), so
a draft survives a crash or a restart. The work itself is in ``models``; this only presents.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models import directive_import as importer
from models.audit import Editor
from models.catalog import list_checklists
from models.config import user_name
from models.db import Database
from models.directive_import import drafts
from models.directive_import.ocr import ImportCancelled
from models.entities import Theme
from models.errors import KnownError
from qt_app.i18n import pick
from qt_app.review.draft_editor import DraftEditor
from qt_app.review.header_form import DirectiveHeaderForm
from qt_app.tasks import run_task

log = logging.getLogger(__name__)


def read_directive(
    path: Path, cancel: threading.Event, pages: Callable[[int, int], None]
) -> importer.ImportResult:
    """The background job: import ``path``, telling each page of a scan, stopping when asked."""

    def progress(done: int, total: int) -> None:
        if cancel.is_set():
            raise ImportCancelled()
        pages(done, total)

    return importer.import_directive(path, progress=progress)


class _PageProgress(QObject):
    """Pages recognised so far, from the worker thread to the window (a queued signal)."""

    changed = Signal(int, int)


class DirectiveReviewWidget(QWidget):
    """Import a directive (file or pasted text), review the draft, publish it."""

    published = Signal(str, int)

    def __init__(
        self, database: Database, parent: QWidget | None = None, *, editor_name: str | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.editor = Editor(
            database.device.id,
            editor_name if editor_name is not None else user_name(),
        )
        self.result: importer.ImportResult | None = None
        self.draft_id: str | None = None
        self._created_at: str | None = None
        self._loading = False
        with database.session() as session:
            themes = list(session.scalars(select(Theme).order_by(Theme.position)))
            self.theme_labels = {t.id: pick((t.label_vi, t.label_en)) for t in themes}
        self._build()
        self.refresh_drafts()
        if self.drafts_box.count() > 1:
            self.open_draft(self.drafts_box.itemData(1))

    # -- building the window ------------------------------------------------------------

    def _button(self, text: str, slot: Any, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _build(self) -> None:
        top = QHBoxLayout()
        self._button(self.tr("Mở tệp…"), self._choose_file, top)
        self._button(self.tr("Dán văn bản…"), self._paste, top)
        top.addWidget(QLabel(self.tr("Bản nháp:")))
        self.drafts_box = QComboBox()
        self.drafts_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.drafts_box.setMinimumContentsLength(24)
        self.drafts_box.activated.connect(
            lambda i: self.open_draft(self.drafts_box.itemData(i)) if i > 0 else None
        )
        top.addWidget(self.drafts_box, 1)
        self._button(self.tr("Xóa bản nháp"), self.delete_current_draft, top)
        self.status = QLabel()
        top.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setFormat(self.tr("trang %v/%m"))
        self.cancel_button = QPushButton(self.tr("Huỷ"))
        self.cancel_button.clicked.connect(self.cancel_loading)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self._cancel = threading.Event()
        self.page_progress = _PageProgress(self)
        self.page_progress.changed.connect(self._show_pages)

        self.header = DirectiveHeaderForm()
        self.header.edited.connect(self._header_edited)
        self.fields = self.header.fields
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5300")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")

        self.draft = DraftEditor(self.theme_labels)
        self.draft.refused.connect(self._fail)
        self.model = self.draft.model
        self.model.edited.connect(self._edited)
        # What a reviewer (and a test) reaches for, under the names it always had.
        self.text_view, self.tree = self.draft.text_view, self.draft.tree
        editor = self.draft.item_editor
        self.source_view, self.requirement = editor.source_view, editor.requirement
        self.critical, self.weight, self.themes = editor.critical, editor.weight, editor.themes
        self.current_item, self.select_code = self.draft.current_item, self.draft.select_code
        self.split_current, self.merge_current = self.draft.split_current, self.draft.merge_current
        self.move_current, self.remove_current = self.draft.move_current, self.draft.remove_current
        self.indent_current = self.draft.indent_current
        self.outdent_current = self.draft.outdent_current
        self.highlighted_codes = self.draft.highlighted_codes

        publish = QHBoxLayout()
        publish.addWidget(QLabel(self.tr("Xuất bản thành:")))
        self.target = QComboBox()
        self.target.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target.setMinimumContentsLength(24)
        self.slug = QLineEdit()
        self.target.currentIndexChanged.connect(lambda i: self.slug.setEnabled(i == 0))
        publish.addWidget(self.target, 1)
        self.slug.setPlaceholderText(self.tr("mã danh mục, vd. 451-cv-lmhtx-2021"))
        self.slug.editingFinished.connect(self._slug_edited)
        publish.addWidget(self.slug, 1)
        self.publish_button = self._button(self.tr("Xuất bản"), lambda: self.publish(), publish)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.warnings)
        layout.addWidget(self.draft, 1)
        layout.addWidget(self.error)
        layout.addLayout(publish)
        self._set_enabled(False)

    # -- loading, drafts and saving -----------------------------------------------------

    def _set_enabled(self, enabled: bool) -> None:
        self.draft.set_editable(enabled)
        for widget in (self.publish_button, self.target, self.slug, self.header):
            widget.setEnabled(enabled)
        self.slug.setEnabled(enabled and self.target.currentIndex() <= 0)

    def _fail(self, exc: KnownError) -> None:
        self.error.setText(exc.vi)
        self.error.setToolTip(exc.en)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Mở văn bản chỉ đạo"),
            "",
            self.tr(
                "Văn bản (*.docx *.txt *.md *.pdf *.png *.jpg *.jpeg *.tif *.tiff);;Tất cả tệp (*)"
            ),
        )
        if name:
            self.load_file(Path(name))

    def _paste(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Dán văn bản"), self.tr("Nội dung văn bản chỉ đạo:")
        )
        if ok and text.strip():
            self.load_text(text)

    def load_file(self, path: Path) -> bool:
        """Import a file as a new draft, in the background (a scan takes seconds a page, shown
        page by page, with Huỷ); a refused or cancelled file leaves the current draft as it
        was. False once it is known refused."""
        outcome: list[bool] = []
        self.status.setText(self.tr("Đang đọc {0}…").format(Path(path).name))
        self._busy(True)

        def done(result: importer.ImportResult) -> None:
            self._busy(False)
            self.status.setText("")
            self._start_draft(result)
            outcome.append(True)

        def failed(exc: BaseException) -> None:
            self._busy(False)
            self.status.setText("")
            if not isinstance(exc, KnownError):
                log.error("importing %s failed", path, exc_info=exc)
                exc = KnownError(
                    f"Lỗi không mong đợi khi đọc tệp ({type(exc).__name__}); đã ghi vào nhật ký.",
                    f"Unexpected error reading the file ({type(exc).__name__}); it was logged.",
                )
            self._fail(exc)
            outcome.append(False)

        self._cancel.clear()
        run_task(
            read_directive,
            Path(path),
            self._cancel,
            self.page_progress.changed.emit,
            done=done,
            failed=failed,
        )
        return all(outcome)

    def cancel_loading(self) -> None:
        """Stop reading a scan after the page in hand."""
        self._cancel.set()
        self.status.setText(self.tr("Đang huỷ…"))

    def _busy(self, busy: bool) -> None:
        self.drafts_box.setEnabled(not busy)
        self.draft.setEnabled(not busy)  # also keeps the page view from drawing meanwhile
        if busy:
            for widget in (self.header, self.publish_button):
                widget.setEnabled(False)
        else:
            self._set_enabled(self.result is not None)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setRange(0, 0)

    def _show_pages(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def load_text(self, text: str, name: str | None = None) -> bool:
        try:
            result = importer.import_directive(text, name=name)
        except KnownError as exc:
            self._fail(exc)
            return False
        self._start_draft(result)
        return True

    def _start_draft(self, result: importer.ImportResult) -> None:
        self.draft_id, self._created_at = None, None
        self._show_result(result)
        self.save()
        self.refresh_drafts()

    def open_draft(self, draft_id: str) -> None:
        try:
            with self.database.session() as session:
                data = drafts.load_draft(session, draft_id)
            result = drafts.draft_to_result(data)
        except (KnownError, KeyError, ValueError) as exc:
            self._fail(
                exc
                if isinstance(exc, KnownError)
                else KnownError(
                    "Bản nháp bị hỏng, không mở được.", "The draft is damaged and cannot be opened."
                )
            )
            return
        self.draft_id, self._created_at = draft_id, data.get("created_at")
        self._show_result(result)
        self.refresh_drafts()

    def refresh_drafts(self) -> None:
        with self.database.session() as session:
            saved = drafts.list_drafts(session)
            targets = list_checklists(session)
        self.drafts_box.blockSignals(True)
        self.drafts_box.clear()
        self.drafts_box.addItem(self.tr("— chọn bản nháp —"), None)
        for draft in saved:
            self.drafts_box.addItem(f"{draft['title']} ({draft['updated_at'][:16]})", draft["id"])
            if draft["id"] == self.draft_id:
                self.drafts_box.setCurrentIndex(self.drafts_box.count() - 1)
        self.drafts_box.blockSignals(False)
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("Danh mục mới"), None)
        for row in targets:
            self.target.addItem(
                self.tr("Phiên bản mới của {0} (đang là v{1})").format(row["id"], row["version"]),
                row["id"],
            )
        self.target.setCurrentIndex(max(self.target.findData(current), 0))
        self.target.blockSignals(False)

    def delete_current_draft(self) -> None:
        if self.draft_id is None:
            return
        with self.database.begin() as session:
            drafts.delete_draft(session, self.draft_id)
        self._clear()

    def _clear(self) -> None:
        self.result, self.draft_id = None, None
        self.draft.clear_draft()
        self.warnings.setText("")
        self.header.clear()
        self._set_enabled(False)
        self.refresh_drafts()

    def _show_result(self, result: importer.ImportResult) -> None:
        self._loading = True
        self.result = result
        self.error.setText("")
        self.header.show_result(result)
        self.slug.setText(result.slug)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in result.warnings))
        self._set_enabled(True)
        self._loading = False
        self.draft.show_draft(
            result.directive.source_text, result.items, result.source_path, result.page_sizes
        )

    def save(self) -> None:
        """Write the draft to the database now; shown as "Đã lưu" with the time."""
        if self.result is None:
            return
        data = drafts.result_to_draft(self.result, self.draft_id)
        if self._created_at:
            data["created_at"] = self._created_at
        with self.database.begin() as session:
            self.draft_id = drafts.save_draft(session, data)
        self._created_at = data["created_at"]
        self.status.setText(self.tr("Đã lưu {0}").format(dt.datetime.now().strftime("%H:%M:%S")))

    def _edited(self) -> None:
        if not self._loading:
            self.error.setText("")
            self.save()
            self.draft.highlight()

    def _header_edited(self) -> None:
        if self.result is None or self._loading:
            return
        try:
            self.header.apply_to(self.result)
        except KnownError as exc:
            self._fail(exc)
            return
        self._edited()

    def _slug_edited(self) -> None:
        if self.result is not None and self.slug.text().strip():
            self.result.slug = self.slug.text().strip()
            self._edited()

    # -- publishing ---------------------------------------------------------------------

    def publish(self, slug: str | None = None) -> dict[str, Any] | None:
        """Install the draft as a checklist (new, or the next version of the chosen one)."""
        if self.result is None:
            return None
        target = self.target.currentData()
        slug = slug or target or self.slug.text().strip() or self.result.slug
        try:
            with self.database.begin() as session:
                published = drafts.publish_draft(session, self.result, slug, self.editor)
                if self.draft_id:
                    drafts.delete_draft(session, self.draft_id)
        except KnownError as exc:
            self._fail(exc)
            return None
        self._clear()
        self.status.setText(
            self.tr("Đã xuất bản {0} v{1}").format(published["id"], published["version"])
        )
        self.published.emit(published["id"], published["version"])
        return published
