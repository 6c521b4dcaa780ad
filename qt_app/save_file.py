"""Saving a file from the window: ask where, give the name the ending its chosen kind
implies, write, and say what became of it.

One copy, so that every export names, refuses and confirms its file the same way: a name
typed without an ending gets the one of the kind chosen in the dialog (the first kind when
none was chosen), a refusal of the core (``KnownError``) is shown and nothing is returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from models.errors import KnownError
from qt_app.messages import known_error_text, show_error, show_info


def file_kinds() -> dict[str, str]:
    """The dialog's filter of each ending, in the window's language (each text written out
    whole: that is how lupdate finds it)."""
    return {
        ".xlsx": QCoreApplication.translate("SaveFile", "Excel (*.xlsx)"),
        ".pdf": QCoreApplication.translate("SaveFile", "PDF (*.pdf)"),
        ".docx": QCoreApplication.translate("SaveFile", "Word (*.docx)"),
        ".ktb": QCoreApplication.translate("SaveFile", "Gói dữ liệu Kiểm tra (*.ktb)"),
    }


def ask_path(
    parent: QWidget, suggested: str, suffixes: Sequence[str], title: str | None = None
) -> Path | None:
    """Where to save one of ``suffixes`` (".xlsx", ".pdf", ".docx", ".ktb"), or None if
    cancelled. ``suggested`` is a name, or a whole path to open in its folder; ``title``
    says what is saved when "Lưu tệp" is too vague."""
    kinds = {suffix: file_kinds()[suffix] for suffix in suffixes}
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        title or QCoreApplication.translate("SaveFile", "Lưu tệp"),
        suggested,
        ";;".join(kinds.values()),
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in kinds:
        suffix = next((s for s, kind in kinds.items() if kind == chosen), suffixes[0])
        path = path.with_name(path.name + suffix)
    return path


def save_file(
    parent: QWidget,
    suggested: str,
    suffixes: Sequence[str],
    write: Callable[[Path], object],
    title: str | None = None,
) -> Path | None:
    """Ask where, ``write(path)``, and say it was saved; None if cancelled or refused."""
    path = ask_path(parent, suggested, suffixes, title)
    if path is None:
        return None
    try:
        write(path)
    except KnownError as exc:
        show_error(parent, known_error_text(exc))
        return None
    show_info(parent, QCoreApplication.translate("SaveFile", "Đã lưu {0}").format(path))
    return path
