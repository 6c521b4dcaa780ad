"""Message boxes with Vietnamese buttons, and every write to the database in one place.

Qt ships no Vietnamese translation of its own buttons, so each box names its buttons
itself. ``Saver.write`` is the only way the window changes data: it runs a core service in
a fresh session (the service commits), and only a write that returned normally is
reported as saved. A refused change (``KnownError``) and a failed write (locked, read-only
or full disk) are both shown to the user; only the second leaves something "not saved".
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from models.audit import Editor
from models.db import Database, explain_database_error
from models.errors import KnownError
from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)
from qt_app.i18n import language

log = logging.getLogger(__name__)
T = TypeVar("T")
Button = QMessageBox.StandardButton


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: dict[Button, str],
    default: Button | None = None,
) -> int:
    box = QMessageBox(icon, title, text, parent=parent)
    for button, label in buttons.items():
        box.addButton(button).setText(label)
    if default is not None:
        box.setDefaultButton(default)
        box.setEscapeButton(Button.Cancel)
    return box.exec()


def _ok() -> dict[Button, str]:
    return {Button.Ok: QCoreApplication.translate("messages", "Đóng")}


def show_error(parent: QWidget | None, text: str) -> None:
    _box(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("messages", "Kiểm tra"),
        text,
        _ok(),
    )


def show_info(parent: QWidget | None, text: str) -> None:
    _box(
        parent,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("messages", "Kiểm tra"),
        text,
        _ok(),
    )


def confirm(
    parent: QWidget | None, title: str, text: str, yes: str, *, enter_goes_ahead: bool = True
) -> bool:
    """Ask before something hard to take back; only an explicit yes goes ahead.

    ``enter_goes_ahead=False`` makes Cancel the default button, for a question where an
    Enter pressed out of habit must not do it (submitting with items still unanswered)."""
    answer = _box(
        parent,
        QMessageBox.Icon.Question,
        title,
        text,
        {Button.Yes: yes, Button.Cancel: QCoreApplication.translate("messages", "Huỷ")},
        Button.Yes if enter_goes_ahead else Button.Cancel,
    )
    return answer == Button.Yes.value or answer == Button.Yes


def known_error_text(exc: KnownError) -> str:
    return exc.message(language())


def write_failure_text(exc: BaseException) -> str:
    """Why a write failed (locked, read-only, full disk…), and that nothing was saved."""
    return explain_database_error(exc).message(language())


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What became of a write: saved, refused by the core (nothing changed, the user was
    told why), or failed in the database (nothing saved, the user was told)."""

    saved: bool
    value: T | None
    refused: bool

    @property
    def failed(self) -> bool:
        return not self.saved and not self.refused


class Saver(QObject):
    """Runs core services for the window and says, truthfully, whether each one was saved."""

    # A write was committed; carries the local time it was committed at.
    saved = Signal(object)
    # A write failed and nothing was saved; carries the message shown.
    failed = Signal(str)

    def __init__(
        self,
        database: Database,
        editor: Callable[[], Editor],
        parent_widget: Callable[[], QWidget | None],
    ) -> None:
        super().__init__()
        self.database = database
        self._editor = editor
        self._parent = parent_widget

    def editor(self) -> Editor:
        return self._editor()

    def write(self, work: Callable[[Session, Editor], T]) -> Outcome[T]:
        """Run ``work`` (a service call that commits) and say what became of it."""
        try:
            with self.database.session() as session:
                result = work(session, self._editor())
        except KnownError as exc:
            show_error(self._parent(), known_error_text(exc))
            return Outcome(False, None, refused=True)
        except (DBAPIError, sqlite3.Error) as exc:  # a BEGIN hook can raise the driver's own
            self.report_failure(exc)
            return Outcome(False, None, refused=False)
        self.saved.emit(dt.datetime.now())
        return Outcome(True, result, refused=False)

    def report_failure(self, exc: BaseException) -> None:
        log.warning("write failed: %s", exc)
        text = write_failure_text(exc)
        self.failed.emit(text)
        show_error(self._parent(), text)

    def read(self, work: Callable[[Session], T]) -> T:
        with self.database.session() as session:
            return work(session)


def saved_text(at: dt.datetime | dt.time) -> str:
    return QCoreApplication.translate("messages", "Đã lưu %1").replace(
        "%1", at.strftime("%H:%M:%S")
    )


def saved_text_sample() -> str:
    """The widest "Đã lưu hh:mm:ss": room kept for it, so nothing moves when it appears."""
    return saved_text(dt.time(23, 59, 59))
