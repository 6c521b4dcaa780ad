"""Answering one assessment: every key press, note, action and file goes through the core
services and is shown as saved only once it was committed.

A write that fails leaves its row marked "chưa lưu" and the header red; a write the core
refuses (a locked assessment, an answer someone else changed) reloads what the database
holds, so the window never shows an answer that is not on disk.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Signal
from sqlalchemy.exc import DBAPIError

from models.db import Database
from models.errors import KnownError
from models.item_scope import not_asked_text
from models.queries import assessments as queries
from models.queries import items
from models.queries.assessments import Header
from models.queries.comparison import OwnAnswers, own_answers
from models.queries.items import Action, Evidence, ItemRow
from models.services import answers
from models.services import assessments as service
from models.services import notes_and_actions as notes
from models.services.evidence import attach_evidence, remove_evidence
from qt_app.answering.dialogs import StartValues
from qt_app.answering.item_model import RowRole
from qt_app.answering.item_pane import ItemPane
from qt_app.answering.undo import AnswerChange, AnswerHistory
from qt_app.answering.view import AssessmentView
from qt_app.i18n import language
from qt_app.messages import Outcome, Saver, confirm, known_error_text, saved_text, show_error
from qt_app.tasks import run_task


def _attach_job(
    database: Database, editor: object, assessment_id: uuid.UUID, item_id: uuid.UUID, file: Path
) -> list[Evidence]:
    """Background job: copy and attach a file, then list the item's files (plain values)."""
    with database.session() as session:
        attach_evidence(session, editor, assessment_id, item_id, file)  # type: ignore[arg-type]
    with database.session() as session:
        return [e for _item, e in items.evidence_rows(session, assessment_id, item_id)]


class Answering(QObject):
    """Connects the table, the pane, the undo history and the saver for one assessment."""

    # A unit's badge may have changed (an answer given, a submission).
    unit_touched = Signal(object)
    # A short message for the status bar.
    message = Signal(str)
    # The open assessment changed (another one, or its status).
    opened = Signal(object)

    def __init__(self, saver: Saver, view: AssessmentView, pane: ItemPane) -> None:
        super().__init__(view)
        self.saver, self.view, self.pane, self.model = saver, view, pane, view.model
        self.history = AnswerHistory(self._apply_change, self)
        self.header: Header | None = None
        self.unit_id: uuid.UUID | None = None
        view.table.answer_key.connect(self.answer)
        view.table.note_key.connect(pane.focus_note)
        view.table.selectionModel().currentRowChanged.connect(self._current_changed)
        view.assessment_chosen.connect(self.open)
        view.filters_changed.connect(self._refresh_pane)
        pane.answer_clicked.connect(self.answer)
        pane.note_edited.connect(self.save_note)
        pane.action_edited.connect(self.save_action)
        pane.attach_requested.connect(self.attach)
        pane.remove_requested.connect(self.ask_remove_file)
        pane.editing_done.connect(view.table.setFocus)
        saver.failed.connect(lambda _text: view.show_saved(self.tr("Chưa lưu"), False))

    @property
    def locked(self) -> bool:
        return self.header is None or self.header.status != "draft" or self.saver.database.read_only

    @property
    def assessment_id(self) -> uuid.UUID | None:
        return self.header.id if self.header else None

    # -- choosing what is shown --

    def show_unit(
        self, unit_id: uuid.UUID | None, name: str = "", prefer: uuid.UUID | None = None
    ) -> None:
        """Show a unit's assessments and open one: ``prefer``, else an unfinished one."""
        self.pane.flush()
        self.unit_id = unit_id
        if unit_id is None:
            self._close(self.tr("Chọn một đơn vị ở bên trái."), can_start=False)
            return
        choices = self.saver.read(lambda s: queries.unit_assessments(s, unit_id))
        self.view.show_unit(name, choices)
        ids = [c.id for c in choices]
        drafts = [c.id for c in choices if c.status == "draft"]
        target = prefer if prefer in ids else (drafts or ids or [None])[0]
        if target is None:
            self._close(self.tr("Đơn vị này chưa có bài đánh giá nào."), can_start=True)
        else:
            self.open(target, keep_row=self.header is not None and self.header.id == target)

    def _close(self, text: str, *, can_start: bool) -> None:
        self.header = None
        self.model.load([])
        self.history.clear()
        self.view.show_empty(text, can_start=can_start)
        self.pane.show_item(None, locked=True)
        self.opened.emit(None)

    def open(self, assessment_id: uuid.UUID, keep_row: bool = False) -> None:
        self.pane.flush()
        previous = self.view.current_source_row() if keep_row else None

        def read(session: object) -> tuple[Header | None, list[ItemRow], OwnAnswers | None]:
            header = queries.assessment_header(session, assessment_id)  # type: ignore[arg-type]
            inspection = header is not None and header.kind == "kiem-tra"
            own = own_answers(session, assessment_id) if inspection else None  # type: ignore[arg-type]
            return header, items.item_rows(session, assessment_id), own  # type: ignore[arg-type]

        header, rows, own = self.saver.read(read)
        if header is None:
            self._close(self.tr("Không tìm thấy bài đánh giá."), can_start=True)
            return
        if self.header is None or self.header.id != header.id:
            self.history.clear()
        self.header = header
        self.model.set_own_answers(own.by_code if own else {})
        self.model.load(rows)
        self.view.show_header(header)
        self.view.show_own_answers(own)
        self.view.select_choice(header.id)
        self.view.apply_filters()
        self.view.table.resizeRowsToContents()
        self.view.show_score(self.model.tally())
        first = next((n for n, row in enumerate(rows) if row.asked and row.status is None), 0)
        if not self.view.select_source_row(previous if previous is not None else first):
            self.view.table.setCurrentIndex(self.view.proxy.index(0, 0))
        self._refresh_pane()
        self.opened.emit(header.id)

    def reload(self) -> None:
        if self.header is not None:
            self.open(self.header.id, keep_row=True)

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._refresh_pane()

    def _refresh_pane(self) -> None:
        index = self.view.current_index()
        row = index.data(RowRole) if index.isValid() else None
        if row is None or self.pane.item_id() != row.item_id:
            self.pane.show_item(row, locked=self.locked)

    # -- answers, with undo --

    def answer(self, status: str | None) -> None:
        if self.header is None:
            return
        if self.saver.database.read_only:
            self.message.emit(self.tr("Cơ sở dữ liệu đang mở chỉ để đọc; không sửa được."))
            return
        if self.locked:
            self.message.emit(self.tr("Bài đánh giá đã nộp và bị khoá; hãy mở lại để sửa."))
            return
        source_row = self.view.current_source_row()
        if source_row is None:
            return
        item = self.model.rows()[source_row]
        if status is not None and not item.asked:  # the service would refuse it: say why
            why = item.not_asked or "not-addressed"
            args = (item.code, why, item.valid_until, item.addressees, item.bodies, language())
            self.message.emit(not_asked_text(*args))
            return
        following = self._next_asked_row()
        old = item.status
        if not self._write_answer(item.item_id, status):
            return
        if old != status:
            self.history.record(AnswerChange(item.item_id, old, status))
        if status is not None and following is not None:
            self.view.select_source_row(following)

    def _next_asked_row(self) -> int | None:
        """The first row below the current one, as the table shows them, that the unit is
        asked (a keyboard user answers on without stopping at headings and others' items)."""
        proxy, rows, current = self.view.proxy, self.model.rows(), self.view.current_index()
        for below in range(current.row() + 1, proxy.rowCount()) if current.isValid() else ():
            row = proxy.mapToSource(proxy.index(below, 0)).row()
            if rows[row].asked:
                return row
        return None

    def _write_answer(self, item_id: uuid.UUID, status: str | None) -> bool:
        assert self.header is not None
        item, assessment_id = self.model.item(item_id), self.header.id
        outcome: Outcome[answers.Saved] = self.saver.write(
            lambda s, e: answers.record_answer(
                s, e, assessment_id, item_id, status, expected_revision=item.revision
            )
        )
        if outcome.failed:
            self.model.mark_unsaved(item_id, status)
            return False
        if outcome.refused:
            self.reload()
            return False
        assert outcome.value is not None
        self.model.set_answer(item_id, status, outcome.value.revision)
        self._saved(outcome.value.saved_at)
        self.view.show_score(self.model.tally())
        self.unit_touched.emit(self.header.unit_id)
        return True

    def _apply_change(self, change: AnswerChange) -> bool:
        if self.header is None or self.locked:
            self.message.emit(self.tr("Không hoàn tác được: bài đánh giá đã khoá."))
            return False
        if not self._write_answer(change.item_id, change.new):
            return False
        self.view.select_source_row(self.model.row_number(change.item_id))
        return True

    def undo(self) -> None:
        if self.history.undo() is not None:
            self.message.emit(self.tr("Đã hoàn tác và lưu."))

    def redo(self) -> None:
        if self.history.redo() is not None:
            self.message.emit(self.tr("Đã làm lại và lưu."))

    def _saved(self, at: dt.datetime | None = None) -> None:
        local = at.astimezone() if at is not None else dt.datetime.now()
        self.view.show_saved(saved_text(local), True)

    # -- notes, corrective actions, evidence --

    def save_note(self, item_id: uuid.UUID, text: str) -> None:
        if self.header is None or self.locked:
            return
        item, assessment_id = self.model.item(item_id), self.header.id
        outcome: Outcome[answers.Saved] = self.saver.write(
            lambda s, e: notes.set_note(
                s, e, assessment_id, item_id, text, expected_revision=item.revision
            )
        )
        if not outcome.saved or outcome.value is None:
            self.pane.note_saved(text, False)
            if outcome.refused:
                self.reload()
            return
        self.model.set_note(item_id, text.strip(), outcome.value.revision)
        self.pane.keep_row(self.model.item(item_id))
        self._saved(outcome.value.saved_at)
        self.pane.note_saved(text, True, self.view.saved_label.text())

    def save_action(self, item_id: uuid.UUID, action: Action) -> None:
        if self.header is None or self.locked:
            return
        if not action.what and self.model.item(item_id).action is None:
            if action.who or action.due_on or action.done_on:
                self.message.emit(self.tr("Hãy ghi việc cần làm trước."))
            return
        assessment_id = self.header.id
        outcome = self.saver.write(
            lambda s, e: notes.set_corrective_action(
                s, e, assessment_id, item_id, action.what, action.who, action.due_on, action.done_on
            )
        )
        if outcome.saved:
            self.model.set_action(item_id, action if action.what else None)
            self.pane.keep_row(self.model.item(item_id))
            self._saved()
        elif outcome.refused:
            self.reload()

    def attach(self, item_id: uuid.UUID, file: Path) -> None:
        if self.header is None or self.locked:
            return
        assessment_id = self.header.id
        self.message.emit(self.tr("Đang sao chép tệp…"))

        def done(files: list[Evidence]) -> None:
            if self.header is not None and self.header.id == assessment_id:
                self._show_files(item_id, files)
            self._saved()
            self.message.emit(self.tr("Đã đính kèm và lưu."))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KnownError):
                show_error(self.view.window(), known_error_text(exc))
            elif isinstance(exc, (DBAPIError, sqlite3.Error)):
                self.saver.report_failure(exc)
            else:
                raise exc

        run_task(
            _attach_job,
            self.saver.database,
            self.saver.editor(),
            assessment_id,
            item_id,
            file,
            done=done,
            failed=failed,
        )

    def _show_files(self, item_id: uuid.UUID, files: list[Evidence]) -> None:
        self.model.set_evidence(item_id, files)
        if self.pane.item_id() == item_id:
            self.pane.keep_row(self.model.item(item_id))
            self.pane.show_evidence(files)

    def ask_remove_file(self, item_id: uuid.UUID, file: Evidence) -> bool:
        """Take a file off the item once the user said yes; the stored copy is kept."""
        if self.header is None or self.locked:
            return False
        question = self.tr(
            "Gỡ tệp “%1” khỏi mục này? Việc gỡ được ghi vào lịch sử; bản lưu của tệp "
            "vẫn nằm trong thư mục dữ liệu."
        ).replace("%1", file.file_name)
        if not confirm(self.view.window(), self.tr("Gỡ tệp minh chứng"), question, self.tr("Gỡ")):
            return False
        assessment_id = self.header.id
        outcome = self.saver.write(lambda s, e: remove_evidence(s, e, file.id))
        if outcome.refused:
            self.reload()
        if not outcome.saved:
            return False
        files = self.saver.read(
            lambda s: [f for _item, f in items.evidence_rows(s, assessment_id, item_id)]
        )
        self._show_files(item_id, files)
        self._saved()
        self.message.emit(self.tr("Đã gỡ tệp và lưu."))
        return True

    # -- starting, submitting and reopening --

    def start(
        self, unit_id: uuid.UUID, values: StartValues, unit_name: str = ""
    ) -> uuid.UUID | None:
        """Start an assessment of ``unit_id`` and open it, ready for the first answer."""
        outcome = self.saver.write(
            lambda s, e: service.start_assessment(
                s, e, unit_id, values.version_id, values.period, values.kind, values.assessor
            )
        )
        if not outcome.saved or outcome.value is None:
            return None
        self.show_unit(unit_id, unit_name, prefer=outcome.value)
        self.unit_touched.emit(unit_id)
        self.view.table.setFocus()
        return outcome.value

    def submit(self) -> bool:
        if self.header is None or self.locked:
            return False
        assessment_id = self.header.id
        outcome = self.saver.write(lambda s, e: service.submit_assessment(s, e, assessment_id))
        if outcome.saved:
            self.history.clear()
            self._saved()
            self.unit_touched.emit(self.header.unit_id)
        self.refresh_choices()
        return outcome.saved

    def reopen(self, reason: str) -> bool:
        if self.header is None or not self.locked:
            return False
        assessment_id = self.header.id
        outcome = self.saver.write(
            lambda s, e: service.reopen_assessment(s, e, assessment_id, reason)
        )
        if outcome.saved:
            self._saved()
            self.unit_touched.emit(self.header.unit_id)
        self.refresh_choices()
        return outcome.saved

    def refresh_choices(self) -> None:
        """Re-read the unit's assessments (status changed) and keep the open one."""
        if self.header is not None and self.unit_id is not None:
            self.show_unit(self.unit_id, self.view.unit_label.text(), prefer=self.header.id)
