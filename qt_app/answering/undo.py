"""Undo and redo of answers, where undoing is itself a change that is saved and audited.

``QUndoStack`` moves its index before a command runs and cannot be told that the command
failed; here the position moves only after the write it stands for was committed, so a
failed undo leaves both the database and the history where they were.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)


@dataclass(frozen=True)
class AnswerChange:
    """One answer given: on which item, from what, to what."""

    item_id: uuid.UUID
    old: str | None
    new: str | None

    def reversed(self) -> AnswerChange:
        return AnswerChange(self.item_id, self.new, self.old)


# Writes a change; returns True only if it was committed.
Apply = Callable[[AnswerChange], bool]


class AnswerHistory(QObject):
    """The answers given in one assessment since it was opened, for Ctrl+Z and Ctrl+Y."""

    changed = Signal()

    def __init__(self, apply: Apply, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._done: list[AnswerChange] = []
        self._undone: list[AnswerChange] = []

    def record(self, change: AnswerChange) -> None:
        """Remember a change that was just committed; a new change forgets what was undone."""
        self._done.append(change)
        self._undone.clear()
        self.changed.emit()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo(self) -> AnswerChange | None:
        """Write the last change backwards; returns it if that write was committed."""
        if not self._done:
            return None
        change = self._done[-1]
        if not self._apply(change.reversed()):
            return None
        self._undone.append(self._done.pop())
        self.changed.emit()
        return change

    def redo(self) -> AnswerChange | None:
        if not self._undone:
            return None
        change = self._undone[-1]
        if not self._apply(change):
            return None
        self._done.append(self._undone.pop())
        self.changed.emit()
        return change
